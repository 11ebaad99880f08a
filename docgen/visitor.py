"""One way to walk a tree of nodes: a table from node type to handler.

Every writer that walks a Document (HTML, Markdown, plain text, DOCX) and the clause
converter (markdown-it's syntax tree → Document) derive from `Visitor`, as
markdown-it-py's renderers dispatch on the token type and Sphinx's translators on the
node class. A subclass handles a node type with a method `visit_<type>`: for
docgen.document's nodes the class name in snake case (`visit_list_block` for
ListBlock), for markdown-it's nodes the token type (`visit_bullet_list`). The table is
built once per class. A node no handler takes is an error that names the visitor and
the node type: content never silently vanishes from one format.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, ClassVar, Generic, NoReturn, TypeVar

from docgen.errors import RenderError

Result = TypeVar("Result")

_PREFIX = "visit_"
_WORD_START = re.compile(r"(?<!^)(?=[A-Z])")


def node_type(node_class: type) -> str:
    """The name handlers use for a class of docgen.document: ListBlock → list_block."""
    return _WORD_START.sub("_", node_class.__name__).lower()


class UnknownNode(RenderError):
    """A visitor met a node type it has no handler for."""

    def __init__(self, visitor: str, node: str) -> None:
        self.visitor = visitor
        self.node = node
        super().__init__(f"{visitor} cannot handle a {node} node (it has no visit_{node})")


class Visitor(Generic[Result]):
    name: ClassVar[str]  # who walks the tree, for errors: "the Markdown writer"
    _handlers: ClassVar[dict[str, Callable[..., Any]]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._handlers = {
            attribute.removeprefix(_PREFIX): getattr(cls, attribute)
            for attribute in dir(cls)
            if attribute.startswith(_PREFIX)
        }

    def type_of(self, node: Any) -> str:
        """The key `node` is dispatched on; a docgen.document node by default."""
        return node_type(type(node))

    def visit(self, node: Any, *args: Any, **kwargs: Any) -> Result:
        """The handler of `node`'s type applied to it (and to any further arguments)."""
        kind = self.type_of(node)
        handler = self._handlers.get(kind)
        if handler is None:
            self.unknown(node, kind)
        result: Result = handler(self, node, *args, **kwargs)
        return result

    def unknown(self, node: Any, kind: str) -> NoReturn:
        raise UnknownNode(self.name, kind)
