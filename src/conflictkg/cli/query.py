"""``conflictkg query``: read-only SPARQL over a file or a store, bounded in time and memory."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import ConflictKGError
from ._common import DEFAULT_OUTPUT, ByteSize, fail, main

DEFAULT_TABLE_ROWS = 1000


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
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=60.0,
    show_default=True,
    help="Stop the query after this many seconds.",
)
@click.option(
    "--max-rows",
    type=click.IntRange(min=1),
    default=None,
    help=f"Print at most this many rows (default: {DEFAULT_TABLE_ROWS} for the table, "
    "all for csv and json, which stream).",
)
@click.option(
    "--max-memory",
    type=ByteSize(),
    default="4G",
    show_default=True,
    help="Stop the query when its worker needs more memory than this.",
)
def query(
    query_text: str | None,
    query_file: Path | None,
    data: Path | None,
    store: Path | None,
    fmt: str,
    allow_external: bool,
    timeout: float,
    max_rows: int | None,
    max_memory: int,
) -> None:
    """Run a SPARQL QUERY (or the query in -f FILE) over a graph with the embedded store
    (pyoxigraph). Over a store folder the default graph is the union of all its graphs.

    The query runs in a worker process with a time limit and a memory cap; CSV and JSON
    rows are written as they come. A store folder is opened read-only (unless --data is
    loaded into it).
    """
    from ..store.bounded import QueryLimits, QuerySource, stream_query
    from ..store.results import write_result

    if (query_text is None) == (query_file is None):
        raise click.UsageError("give either a QUERY or -f FILE, not both or neither")
    if max_rows is None and fmt == "table":
        max_rows = DEFAULT_TABLE_ROWS
    try:
        text = query_text if query_text is not None else _read_query(query_file)
        if data is None and store is None:
            data = Path(DEFAULT_OUTPUT) / "conflictkg.ttl"
        source = QuerySource(data=data, store=store)
        limits = QueryLimits(timeout=timeout, memory=max_memory)
        with stream_query(source, text, allow_external=allow_external, limits=limits) as result:
            write_result(
                sys.stdout,
                result.kind,
                result.variables,
                result.boolean,
                result,
                fmt,  # type: ignore[arg-type]
                max_rows=max_rows,
            )
    except ConflictKGError as exc:
        sys.stdout.flush()
        fail(str(exc))


def _read_query(path: Path | None) -> str:
    from ..errors import InputError
    from ..files import printable, read_capped
    from ..store.query import MAX_QUERY_BYTES

    assert path is not None
    data = read_capped(path, MAX_QUERY_BYTES, "query file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        reason = f"byte 0x{data[exc.start]:02x} at offset {exc.start}"
        raise InputError(f"{printable(path)}: the query is not valid UTF-8 ({reason})") from exc
