"""Start the preview: bind the address, print it, serve until Ctrl-C."""

from __future__ import annotations

import ipaddress
import socket
import tempfile
from pathlib import Path

import click

from docgen.serve.app import create_app
from docgen.serve.catalogue import Catalogue
from docgen.serve.workspace import Workspace

# Open pages keep an event stream open; stop waiting for them soon after Ctrl-C.
SHUTDOWN_SECONDS = 1


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def bind(host: str, port: int) -> socket.socket:
    """The listening socket, or a usage error (exit 2) saying the port is taken."""
    try:
        return socket.create_server((host, port))
    except OSError as error:
        raise click.UsageError(
            f"cannot listen on {host} port {port}: {error.strerror or error}; "
            "is another preview running? Choose another port with --port"
        ) from None


def serve(data_dir: Path, out_dir: Path, slugs: tuple[str, ...], host: str, port: int) -> None:
    import uvicorn

    listening = bind(host, port)
    port = listening.getsockname()[1]  # the one the system chose, for --port 0
    if not is_loopback(host):
        click.echo(
            f"warning: serving on {host}: anyone who can reach this machine on port {port} "
            "can read the documents and the data file's error messages",
            err=True,
        )
    with tempfile.TemporaryDirectory(prefix="docgen-serve-") as previews:
        workspace = Workspace(data_dir, out_dir, Path(previews), slugs)
        app = create_app(workspace, Catalogue(out_dir, Path(previews), lambda: workspace.building), loopback_only=is_loopback(host))
        config = uvicorn.Config(app, log_level="warning", timeout_graceful_shutdown=SHUTDOWN_SECONDS)
        address = f"[{host}]" if ":" in host else host
        click.echo(f"docgen serve: http://{address}:{port}/ (Ctrl-C stops it)")
        try:
            uvicorn.Server(config).run(sockets=[listening])
        except KeyboardInterrupt:
            # uvicorn has shut down cleanly and passes the Ctrl-C on; stopping is not an error.
            pass
    click.echo("docgen serve: stopped")
