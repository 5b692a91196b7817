"""``conflictkg draw``: a picture of a neighbourhood (or of the whole graph)."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import ConflictKGError
from ._common import fail, main, source, source_options


@main.command()
@source_options
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Picture to write: .svg, .png, .pdf, or .dot (Graphviz source).",
)
@click.option("--actor", help="Draw around this actor (any of its names, or its IRI).")
@click.option(
    "--depth",
    type=click.IntRange(0, 5),
    default=1,
    show_default=True,
    help="How many steps from --actor to go.",
)
@click.option(
    "--relation",
    "relations",
    help="Comma-separated relations to draw (default: all): supports, opposes, "
    "designatedTerrorist, leaderOf, memberOf, partOf.",
)
@click.option(
    "--min-confidence",
    type=click.FloatRange(0, 1),
    default=0.0,
    show_default=True,
    help="Leave out edges without a sentence of at least this confidence.",
)
def draw(
    file: Path | None,
    store: Path | None,
    output: Path,
    actor: str | None,
    depth: int,
    relations: str | None,
    min_confidence: float,
) -> None:
    """Draw the graph in FILE (default: exports/conflictkg.ttl) or --store DIR with
    Graphviz: colour by class, line by relation, width by the number of sentences."""
    from ..view.draw import draw_graph
    from ..view.neighbourhood import EdgeFilter

    file, store = source(file, store)
    try:
        chosen = tuple(r.strip() for r in relations.split(",") if r.strip()) if relations else None
        edge_filter = EdgeFilter(min_confidence=min_confidence)
        if chosen is not None:
            edge_filter = EdgeFilter(chosen, min_confidence)
        drawing = draw_graph(
            output, data=file, store=store, actor=actor, depth=depth, edge_filter=edge_filter
        )
    except ConflictKGError as exc:
        fail(str(exc))
    click.echo(f"drawn: {drawing.output} ({drawing.actors} actors, {drawing.edges} relations)")
