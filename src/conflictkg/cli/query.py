"""``conflictkg query``: read-only SPARQL over a file or a store."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import ConflictKGError
from ._common import DEFAULT_OUTPUT, fail, main


@main.command()
@click.argument("query_text", required=False, metavar="[QUERY]")
@click.option(
    "-f",
    "--file",
    "query_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Read the SPARQL query from a file.",
)
@click.option(
    "--data",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Turtle file to query (default: exports/conflictkg.ttl).",
)
@click.option(
    "--store",
    type=click.Path(file_okay=False, path_type=Path),
    help="Store folder to query: a conflictkg store (build --store), or an Oxigraph "
    "folder (with --data: loaded into it, created if missing).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--allow-external",
    is_flag=True,
    help="Allow SERVICE and FROM <iri> (network access).",
)
def query(
    query_text: str | None,
    query_file: Path | None,
    data: Path | None,
    store: Path | None,
    fmt: str,
    allow_external: bool,
) -> None:
    """Run a SPARQL QUERY (or the query in -f FILE) over a graph with the embedded store
    (pyoxigraph). Over a store folder the default graph is the union of all its graphs."""
    from ..store.query import format_result, open_store, run_query

    if (query_text is None) == (query_file is None):
        raise click.UsageError("give either a QUERY or -f FILE, not both or neither")
    try:
        text = query_text if query_text is not None else _read_query(query_file)
        if data is None and store is None:
            data = Path(DEFAULT_OUTPUT) / "conflictkg.ttl"
        opened = open_store(data=data, store=store)
        result = run_query(
            opened, text, allow_external=allow_external, union_default_graph=store is not None
        )
    except ConflictKGError as exc:
        fail(str(exc))
    click.echo(format_result(result, fmt), nl=False)  # type: ignore[arg-type]


def _read_query(path: Path | None) -> str:
    from ..errors import InputError

    assert path is not None
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read query: {exc}") from exc
