"""``conflictkg serve``: the SPARQL endpoint and the explorer page on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import ConflictKGError
from ._common import fail, main, source, source_options


@main.command()
@source_options
@click.option(
    "-p",
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port on 127.0.0.1 (0: any free port).",
)
@click.option("-q", "--quiet", is_flag=True, help="Do not log each request.")
def serve(file: Path | None, store: Path | None, port: int, quiet: bool) -> None:
    """Serve the graph in FILE (default: exports/conflictkg.ttl) or --store DIR on
    127.0.0.1: the explorer page at / and a read-only SPARQL endpoint at /sparql.
    Ctrl-C stops it."""
    from ..store.query import open_store
    from ..view.server import ExplorerServer
    from ..view.server import serve as serve_forever

    file, store = source(file, store)

    def ready(server: ExplorerServer) -> None:
        click.echo(f"explorer: {server.url}")
        click.echo(f"SPARQL endpoint: {server.url}sparql")
        click.echo("press Ctrl-C to stop")

    def log(line: str) -> None:
        click.echo(line, err=True)

    try:
        opened = open_store(data=file, store=store)
        serve_forever(opened, port, ready=ready, log=None if quiet else log)
    except ConflictKGError as exc:
        fail(str(exc))
