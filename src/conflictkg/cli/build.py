"""``conflictkg build``: files in, a validated graph out."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import click

from ..errors import ConflictKGError, ValidationError
from ._common import DEFAULT_INPUT, DEFAULT_OUTPUT, fail, main, resource_option


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "-o",
    "--output",
    "output",
    default=DEFAULT_OUTPUT,
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write conflictkg.ttl into.",
)
@click.option(
    "--no-owl", is_flag=True, help="Skip the HermiT reasoner (ontology and graph); SHACL only."
)
@resource_option("ontology", "conflict.ttl")
@resource_option("shapes", "shapes.ttl")
@click.option(
    "--min-confidence",
    type=click.FloatRange(0, 1),
    default=0.0,
    show_default=True,
    help="Leave out edges below this confidence (see docs/confidence.md).",
)
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
def build(
    paths: Sequence[str],
    output: Path,
    no_owl: bool,
    ontology: Path | None,
    shapes: Path | None,
    min_confidence: float,
    quiet: bool,
) -> None:
    """Build the graph of PATHS (.txt, .html, .jsonl files or folders; - for standard
    input; default: seeds/), validate it and write OUTPUT/conflictkg.ttl.

    The ontology and shapes are checked before any document is read. A file that cannot
    be read is reported and skipped; the others are built (exit code 1). A graph that
    fails validation is not written: one line per violation says why.
    """
    from ..build import build_graph

    inputs = list(paths) or [DEFAULT_INPUT]
    stdin = sys.stdin.buffer if "-" in inputs else None
    try:
        result = build_graph(
            inputs,
            output,
            check_owl=not no_owl,
            stdin=stdin,
            ontology=ontology,
            shapes=shapes,
            min_confidence=min_confidence,
        )
    except ValidationError as exc:
        for violation in exc.violations:
            click.echo(f"violation: {violation}", err=True)
        fail(str(exc))
    except ConflictKGError as exc:
        fail(str(exc))
    for failure in result.failures:
        click.echo(f"conflictkg: {failure}", err=True)
    if not quiet:
        for line in result.summary.lines():
            click.echo(line)
        shacl = "conforms" if result.validation.conforms else "does not conform"
        click.echo(f"SHACL: {shacl}")
        if result.consistency is not None:
            owl = "consistent" if result.consistency.consistent else "inconsistent"
            click.echo(f"OWL ({result.consistency.reasoner}): {owl}")
        click.echo(f"written: {result.output}" if result.output else "written: nothing")
    if result.failures:
        click.echo(f"failed documents: {len(result.failures)}", err=True)
        for failure in result.failures:
            click.echo(f"  {failure.source}", err=True)
        sys.exit(1)
    if result.output is None:
        fail("no document could be read; nothing was written")
