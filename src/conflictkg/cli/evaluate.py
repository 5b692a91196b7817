"""``conflictkg eval``: extraction scored against gold annotations."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import click

from ..errors import ConflictKGError
from ._common import fail, main, max_document_bytes_option, warn


@main.command(name="eval")
@click.option(
    "--gold",
    "gold_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of gold JSON files (one per article, same name).",
)
@click.argument("texts", nargs=-1, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("-v", "--verbose", is_flag=True, help="List missed and wrong edges with evidence.")
@click.option(
    "--min-confidence",
    type=click.FloatRange(0, 1),
    default=0.0,
    show_default=True,
    help="Ignore edges below this confidence.",
)
@max_document_bytes_option()
def evaluate(
    gold_dir: Path,
    texts: Sequence[Path],
    as_json: bool,
    verbose: bool,
    min_confidence: float,
    max_document_bytes: int,
) -> None:
    """Build each article of TEXTS on its own and score it against the gold JSON of the
    same name in GOLD (default TEXTS: the texts/ folder beside GOLD)."""
    from ..evaluate.runner import evaluate_corpus

    try:
        outcome = evaluate_corpus(
            gold_dir,
            list(texts),
            min_confidence=min_confidence,
            max_document_bytes=max_document_bytes,
        )
    except ConflictKGError as exc:
        fail(str(exc))
    click.echo(outcome.render(as_json=as_json, verbose=verbose))
    if outcome.failures:
        for failure in outcome.failures:
            warn(str(failure))
        sys.exit(1)
