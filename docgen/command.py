"""The `docgen` command as it starts (`docgen …` and `python -m docgen …`).

A `docgen build` is offered to `docgen warm` (docgen.warm) before anything else is
imported, click and docgen's command line included: with it running, starting Python
and handing the command line over is all this process does. The background process
reads the command line as docgen.cli does here, with the same messages, the same
output and the same exit status. Every other command, and a build nobody takes on,
is docgen.cli's.
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    arguments = sys.argv[1:]
    if arguments[:1] == ["build"]:
        from docgen import warm

        try:
            status = warm.delegate(arguments, _program())
        except KeyboardInterrupt:  # Ctrl-C before a build took it on: as click ends a stopped command
            print("\nAborted!", file=sys.stderr)
            sys.exit(1)
        if status is not None:
            sys.exit(status)
    from docgen.cli import main as command_line

    command_line()


def _program() -> str:
    """The name the command was called by, as click gives it in usage and error
    messages: `docgen`, or `python -m docgen`."""
    package = getattr(sys.modules["__main__"], "__package__", None)
    return f"python -m {package}" if package else os.path.basename(sys.argv[0])
