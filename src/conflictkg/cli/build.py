"""``conflictkg build``: files in, a validated graph out."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

import click

from ..errors import ConflictKGError, ValidationError
from ..files import printable
from ..parallel.engine import ENGINES, default_workers
from ._common import (
    DEFAULT_INPUT,
    DEFAULT_OUTPUT,
    fail,
    main,
    max_document_bytes_option,
    resource_option,
    warn,
)


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
    "--store",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Add the documents to this corpus store folder (created if missing) instead of "
    "writing OUTPUT/conflictkg.ttl.",
)
@click.option(
    "--no-owl", is_flag=True, help="Skip the HermiT reasoner (ontology and graph); SHACL only."
)
@resource_option("ontology", "conflict.ttl")
@resource_option("shapes", "shapes.ttl")
@max_document_bytes_option()
@click.option(
    "--min-confidence",
    type=click.FloatRange(0, 1),
    default=0.0,
    show_default=True,
    help="Leave out edges below this confidence (see docs/confidence.md).",
)
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
    store: Path | None,
    no_owl: bool,
    ontology: Path | None,
    shapes: Path | None,
    max_document_bytes: int,
    min_confidence: float,
    workers: int | None,
    engine: str,
    scheduler: str | None,
    quiet: bool,
) -> None:
    """Build the graph of PATHS (.txt, .html, .jsonl files or folders; - for standard
    input; default: seeds/), validate it and write OUTPUT/conflictkg.ttl.

    With --store, add them to a corpus store instead: unchanged documents are not parsed
    again, changed ones replace theirs, and a document that does not pass the checks is
    refused (exit code 1) and leaves the store unchanged.

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
    workers = workers or default_workers()
    if store is not None:
        _build_store(
            inputs, store, not no_owl, stdin, ontology, shapes, max_document_bytes, workers, quiet
        )
        return
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
                max_document_bytes=max_document_bytes,
                min_confidence=min_confidence,
                workers=workers,
                engine=engine,
                scheduler=scheduler,
                progress=bar,
                keep_graph=False,
            )
    except ValidationError as exc:
        for violation in exc.violations:
            click.echo(f"violation: {printable(violation)}", err=True)
        fail(str(exc))
    except ConflictKGError as exc:
        fail(str(exc))
    for failure in result.failures:
        warn(str(failure))
    for duplicate in result.duplicates:
        warn(f"note: {duplicate}")
    for line in result.warnings:
        warn(line)
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
        click.echo(f"written: {printable(result.output)}" if result.output else "written: nothing")
    if result.failures:
        click.echo(f"failed documents: {len(result.failures)}", err=True)
        for failure in result.failures:
            click.echo(f"  {printable(failure.source)}", err=True)
        sys.exit(1)
    if result.output is None:
        fail("no document could be read; nothing was written")


def _build_store(
    inputs: list[str],
    store: Path,
    check_owl: bool,
    stdin: BinaryIO | None,
    ontology: Path | None,
    shapes: Path | None,
    max_document_bytes: int,
    workers: int,
    quiet: bool,
) -> None:
    from ..build import build_store

    try:
        result = build_store(
            inputs,
            store,
            check_owl=check_owl,
            stdin=stdin,
            ontology=ontology,
            shapes=shapes,
            max_document_bytes=max_document_bytes,
            workers=workers,
        )
    except ConflictKGError as exc:
        fail(str(exc))
    change = result.change
    for failure in result.failures:
        warn(str(failure))
    for duplicate in result.duplicates:
        warn(f"note: {duplicate}")
    for refusal in change.refused:
        for violation in refusal.violations:
            click.echo(f"violation: {printable(violation)}", err=True)
        warn(str(refusal))
    if not quiet:
        click.echo(
            f"added: {len(change.added)}, replaced: {len(change.replaced)}, "
            f"unchanged: {len(result.unchanged)}, refused: {len(change.refused)}"
        )
        for line in result.summary.lines():
            click.echo(line)
        graphs = "graph" if change.checked == 1 else "graphs"
        click.echo(f"SHACL: conforms ({change.checked} new or changed document {graphs} checked)")
        if change.consistency is not None:
            click.echo(f"OWL ({change.consistency.reasoner}): consistent")
        click.echo(f"store: {result.store}")
    problems = len(result.failures) + len(change.refused)
    if problems:
        click.echo(f"failed documents: {problems}", err=True)
        sys.exit(1)
