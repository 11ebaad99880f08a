"""The preview's web application (Starlette): pages, files and reload events.

Safe by default: every response carries a strict Content-Security-Policy (the pages
run one script, served as a file from here, and nothing else); built web pages are
shown sandboxed, with no script at all; only files the catalogue lists are served.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from docgen.serve.catalogue import FORMAT_NAMES, Catalogue
from docgen.serve.stages import Outcome
from docgen.serve.watch import watch
from docgen.serve.workspace import SERVE_TEMPLATES, Workspace
from docgen.writers.html import environment

# The preview's own pages: its stylesheet and reload script, frames of its own pages.
PAGE_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
# A built web page: its inline style and data-URI logo, no script, its own origin.
DOCUMENT_POLICY = (
    "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
)
LOOPBACK = ["127.0.0.1", "localhost", "::1", "[::1]"]


class SecurityHeaders:
    """Adds the page policy to every response that has none of its own."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("Content-Security-Policy", PAGE_POLICY)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("Referrer-Policy", "no-referrer")
                headers.setdefault("Cache-Control", "no-cache")
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(workspace: Workspace, catalogue: Catalogue, loopback_only: bool = True) -> Starlette:
    def page(name: str, slug: str | None, **context: Any) -> HTMLResponse:
        version = workspace.changed_at.get(slug, 0) if slug else workspace.version
        template = environment().get_template(f"serve/{name}.html")
        return HTMLResponse(
            template.render(slug=slug, version=version, format_names=FORMAT_NAMES, workspace=workspace, **context)
        )

    def outcome_of(slug: str) -> Outcome:
        if slug not in workspace.outcomes:
            raise HTTPException(404)
        return workspace.outcomes[slug]

    async def index(request: Request) -> Response:
        municipalities = [
            (workspace.outcomes[slug], catalogue.documents(workspace.outcomes[slug]))
            for slug in workspace.slugs()
            if slug in workspace.outcomes
        ]
        waiting = [slug for slug in workspace.slugs() if slug not in workspace.outcomes]
        return page("index", None, municipalities=municipalities, waiting=waiting)

    async def document(request: Request) -> Response:
        params = request.path_params
        outcome = outcome_of(params["slug"])
        found = [
            d for d in catalogue.documents(outcome) if (d.language, d.stem) == (params["language"], params["stem"])
        ]
        if not found:
            raise HTTPException(404)
        shown = found[0]
        pages = catalogue.page_images(shown.pdf) if shown.pdf else None
        return page("document", outcome.slug, outcome=outcome, document=shown, pages=pages, text=catalogue.text(shown))

    async def built_file(request: Request) -> Response:
        path = catalogue.built_file(request.path_params["path"])
        if path is None or not path.is_file():
            raise HTTPException(404)
        return FileResponse(path, headers={"Content-Security-Policy": DOCUMENT_POLICY})

    async def preview_page(request: Request) -> Response:
        path = catalogue.preview_page(outcome_of(request.path_params["slug"]), request.path_params["path"])
        if path is None or not path.is_file():
            raise HTTPException(404)
        return FileResponse(path, media_type="text/html", headers={"Content-Security-Policy": DOCUMENT_POLICY})

    async def page_image(request: Request) -> Response:
        path = catalogue.page_image(request.path_params["digest"], request.path_params["number"])
        if path is None:
            raise HTTPException(404)
        return FileResponse(path, media_type="image/png")

    async def events(request: Request) -> Response:
        """Server-sent events: one `change` when the page's municipality (or, for the
        index, any) has changed since the version the page was made from."""
        slug = request.query_params.get("slug") or None
        try:
            since = int(request.query_params.get("since", ""))
        except ValueError:
            raise HTTPException(400) from None

        async def stream() -> AsyncIterator[str]:
            yield "retry: 1000\n\n"  # reconnect within a second after a restart
            version = await workspace.wait_for_change(slug, since)
            yield f"event: change\ndata: {version}\n\n"

        return StreamingResponse(stream(), media_type="text/event-stream")

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        stop = asyncio.Event()
        workspace.mark_all()
        tasks = [
            asyncio.create_task(workspace.web_forever()),
            asyncio.create_task(workspace.build_forever()),
            asyncio.create_task(watch(workspace, stop)),
        ]
        try:
            yield
        finally:
            stop.set()
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            await asyncio.to_thread(workspace.close)

    routes = [
        Route("/", index),
        Route("/documents/{slug}/{language}/{stem}", document),
        Route("/files/{path:path}", built_file),
        Route("/previews/{slug}/{path:path}", preview_page),
        Route("/pages/{digest}/{number:int}.png", page_image),
        Route("/events", events),
        Mount("/static", StaticFiles(directory=SERVE_TEMPLATES / "static"), name="static"),
    ]
    middleware = [Middleware(SecurityHeaders)]
    if loopback_only:  # a page on another site cannot reach the preview by renaming itself localhost
        middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=LOOPBACK))
    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan)

