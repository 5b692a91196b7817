"""``conflictkg remove``: documents out of a corpus store."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click

from ..errors import ConflictKGError
from ._common import fail, main


@main.command()
@click.option(
    "--store",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="The corpus store folder.",
)
@click.argument("documents", nargs=-1, required=True, metavar="DOC...")
@click.option("--no-owl", is_flag=True, help="Skip the HermiT reasoner; SHACL only.")
def remove(store: Path, documents: Sequence[str], no_owl: bool) -> None:
    """Take documents out of a store, with every fact only they supported.

    A DOC is a document IRI, its identifier (file name or JSONL id), or the path of the
    file it was read from (all the records of a JSONL file). Nothing is removed if one
    of them is not in the store.
    """
    from ..store.corpus import open_store

    try:
        with open_store(store) as corpus:
            change = corpus.remove(documents, check_owl=not no_owl)
            remaining = len(corpus.documents)
    except ConflictKGError as exc:
        fail(str(exc))
    for name in change.removed:
        click.echo(f"removed: {name}")
    if change.remapped:
        click.echo(f"mapped again (an actor's type changed): {len(change.remapped)}")
    click.echo(f"documents left: {remaining}")
