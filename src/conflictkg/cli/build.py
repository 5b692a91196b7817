"""``conflictkg build``: files in, a validated graph out."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from ..errors import ConflictKGError, ValidationError
from ..parallel.engine import ENGINES, default_workers
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
    "-j",
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes extracting documents (default: the machine's cores).",
)
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="local",
    show_default=True,
    help="local: worker processes on this machine; dask: a Dask cluster (--scheduler).",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Address of the Dask scheduler for --engine dask (tcp://host:8786).",
)
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
def build(
    paths: Sequence[str],
    output: Path,
    no_owl: bool,
    ontology: Path | None,
    shapes: Path | None,
    workers: int | None,
    engine: str,
    scheduler: str | None,
    quiet: bool,
) -> None:
    """Build the graph of PATHS (.txt, .html, .jsonl files or folders; - for standard
    input; default: seeds/), validate it and write OUTPUT/conflictkg.ttl.

    The ontology and shapes are checked before any document is read. A file that cannot
    be read is reported and skipped; the others are built (exit code 1). A graph that
    fails validation is not written: one line per violation says why. On a terminal a
    progress bar shows documents, words per second and the time left.
    """
    from ..build import build_graph
    from .progress import ProgressBar, summary_line, wants_bar

    if engine == "dask" and not scheduler:
        raise click.UsageError("--engine dask needs --scheduler ADDRESS")
    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler is for --engine dask")
    inputs = list(paths) or [DEFAULT_INPUT]
    stdin = sys.stdin.buffer if "-" in inputs else None
    bar = ProgressBar() if wants_bar(quiet) else None
    try:
        with bar or contextlib.nullcontext():
            result = build_graph(
                inputs,
                output,
                check_owl=not no_owl,
                stdin=stdin,
                ontology=ontology,
                shapes=shapes,
                workers=workers or default_workers(),
                engine=engine,
                scheduler=scheduler,
                progress=bar,
                keep_graph=False,
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
        if bar is None:
            click.echo(summary_line(result))
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
