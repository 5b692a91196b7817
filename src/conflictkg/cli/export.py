"""``conflictkg export``: a store or an RDF file in any RDF format."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import ConflictKGError
from ._common import fail, main, source_arguments


@main.command()
@source_arguments
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (- for standard output).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["ttl", "nt", "nq", "trig", "jsonld"]),
    default=None,
    help="RDF format (default: from the extension of OUTPUT, else ttl). "
    "nq, trig and jsonld keep one named graph per document.",
)
def export(file: Path | None, store: Path | None, output: Path, fmt: str | None) -> None:
    """Write a corpus store (--store DIR) or an RDF FILE in another RDF format.

    Turtle and N-Triples merge the graphs; N-Quads, TriG and JSON-LD keep each document's
    named graph and the actor layer. The same input always gives the same bytes.
    """
    from ..rdf.formats import RdfFormat
    from ..store.export import export as export_to

    source = _source(file, store)
    to_stdout = str(output) == "-"
    chosen = RdfFormat(fmt) if fmt else (RdfFormat.from_path(output.name) or RdfFormat.TTL)
    try:
        result = export_to(source, None if to_stdout else output, chosen)
    except ConflictKGError as exc:
        fail(str(exc))
    if not to_stdout:
        graphs = f" in {result.graphs} named graphs" if chosen.keeps_graphs else ""
        click.echo(f"written: {output} ({chosen.value}, {result.triples} triples{graphs})")


def _source(file: Path | None, store: Path | None) -> Path:
    if (file is None) == (store is None):
        raise click.UsageError("give either --store DIR or FILE, not both or neither")
    return file if file is not None else store  # type: ignore[return-value]
