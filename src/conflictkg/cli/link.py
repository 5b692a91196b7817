"""``conflictkg link``: a store's actors linked to open datasets."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import ConflictKGError, ValidationError
from ._common import fail, main


@main.command()
@click.option(
    "--store",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="The corpus store folder.",
)
@click.option(
    "--table",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Crosswalk TSV: a header row, then columns iri, name and optionally aliases "
    "(separated by ;), type (Government, ArmedGroup, Person) and country.",
)
@click.option(
    "--reconcile",
    metavar="URL",
    default=None,
    help="W3C Reconciliation API service to ask (off unless given; answers are cached "
    "in the store folder).",
)
@click.option(
    "--threshold",
    type=click.FloatRange(0, 1),
    default=0.9,
    show_default=True,
    help="Score from which a unique, confident match becomes owl:sameAs.",
)
@click.option("--no-owl", is_flag=True, help="Skip the HermiT reasoner; SHACL only.")
def link(
    store: Path, table: Path | None, reconcile: str | None, threshold: float, no_owl: bool
) -> None:
    """Link the actors of a store to other datasets: owl:sameAs for confident matches,
    skos:closeMatch (with the score) for weaker ones; a type clash never links.
    """
    from ..store.link import link_store

    if table is None and reconcile is None:
        raise click.UsageError("give --table FILE, --reconcile URL or both")
    try:
        report = link_store(
            store, table=table, reconcile=reconcile, threshold=threshold, check_owl=not no_owl
        )
    except ValidationError as exc:
        for violation in exc.violations:
            click.echo(f"violation: {violation}", err=True)
        fail(str(exc))
    except ConflictKGError as exc:
        fail(str(exc))
    for line in report.lines():
        click.echo(line)
