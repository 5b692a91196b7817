"""``conflictkg validate``: SHACL and OWL checks of a Turtle file."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import ConflictKGError
from ._common import fail, main, resource_option


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@resource_option("ontology", "conflict.ttl")
@resource_option("shapes", "shapes.ttl")
def validate(file: Path, ontology: Path | None, shapes: Path | None) -> None:
    """Check FILE (Turtle) against the SHACL shapes and the OWL ontology (HermiT).

    Exit code 1 if it does not conform or is inconsistent.
    """
    from ..check.validate import validate_file

    try:
        report, consistency = validate_file(file, ontology=ontology, shapes=shapes)
    except ConflictKGError as exc:
        fail(str(exc))
    click.echo(report.text())
    owl = "consistent" if consistency.consistent else "inconsistent"
    click.echo(f"OWL ({consistency.reasoner}): {owl}")
    if not consistency.consistent and consistency.detail:
        click.echo(consistency.detail)
    if not (report.conforms and consistency.consistent):
        sys.exit(1)
