"""The ``conflictkg`` command: a thin layer over the library.

Each command parses its arguments, calls one public function, and turns the project's
errors into a one-line message. Exit codes: 0 success, 1 failed validation or failed
documents, 2 usage error.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn, TypeVar

import click

from . import __version__
from .errors import ConflictKGError, ValidationError

DEFAULT_INPUT = "seeds"
DEFAULT_OUTPUT = "exports"
FC = TypeVar("FC", bound=Callable[..., object])


def _fail(message: str, code: int = 1) -> NoReturn:
    """Print ``message`` as one line on standard error and exit with ``code``."""
    one_line = " ".join(part.strip() for part in message.splitlines() if part.strip())
    click.echo(f"conflictkg: error: {one_line}", err=True)
    sys.exit(code)


def _resource_option(name: str, default: str) -> Callable[[FC], FC]:
    return click.option(
        f"--{name}",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        default=None,
        help=f"{name.capitalize()} file (Turtle) to use instead of the bundled {default}.",
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="conflictkg")
def main() -> None:
    """Build, validate and query knowledge graphs of who supports, opposes and
    designates whom in news about armed conflict."""


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
@_resource_option("ontology", "conflict.ttl")
@_resource_option("shapes", "shapes.ttl")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
def build(
    paths: Sequence[str],
    output: Path,
    no_owl: bool,
    ontology: Path | None,
    shapes: Path | None,
    quiet: bool,
) -> None:
    """Build the graph of PATHS (.txt, .html, .jsonl files or folders; - for standard
    input; default: seeds/), validate it and write OUTPUT/conflictkg.ttl.

    The ontology and shapes are checked before any document is read. A file that cannot
    be read is reported and skipped; the others are built (exit code 1). A graph that
    fails validation is not written: one line per violation says why.
    """
    from .build import build_graph

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
        )
    except ValidationError as exc:
        for violation in exc.violations:
            click.echo(f"violation: {violation}", err=True)
        _fail(str(exc))
    except ConflictKGError as exc:
        _fail(str(exc))
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
        _fail("no document could be read; nothing was written")


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@_resource_option("ontology", "conflict.ttl")
@_resource_option("shapes", "shapes.ttl")
def validate(file: Path, ontology: Path | None, shapes: Path | None) -> None:
    """Check FILE (Turtle) against the SHACL shapes and the OWL ontology (HermiT).

    Exit code 1 if it does not conform or is inconsistent.
    """
    from .validate import validate_file

    try:
        report, consistency = validate_file(file, ontology=ontology, shapes=shapes)
    except ConflictKGError as exc:
        _fail(str(exc))
    click.echo(report.text())
    owl = "consistent" if consistency.consistent else "inconsistent"
    click.echo(f"OWL ({consistency.reasoner}): {owl}")
    if not consistency.consistent and consistency.detail:
        click.echo(consistency.detail)
    if not (report.conforms and consistency.consistent):
        sys.exit(1)


@main.command()
@click.argument("query_text", required=False, metavar="QUERY")
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
    help="Oxigraph store folder to query instead of a file.",
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
def query(
    query_text: str | None,
    query_file: Path | None,
    data: Path | None,
    store: Path | None,
    fmt: str,
    allow_external: bool,
) -> None:
    """Run a SPARQL query over a graph with the embedded store (pyoxigraph)."""
    from .query import format_result, open_store, run_query

    if (query_text is None) == (query_file is None):
        raise click.UsageError("give either a QUERY or -f FILE, not both or neither")
    if data is not None and store is not None:
        raise click.UsageError("give either --data or --store, not both")
    try:
        text = query_text if query_text is not None else _read_query(query_file)
        if data is None and store is None:
            data = Path(DEFAULT_OUTPUT) / "conflictkg.ttl"
        opened = open_store(data=data, store=store)
        result = run_query(opened, text, allow_external=allow_external)
    except ConflictKGError as exc:
        _fail(str(exc))
    click.echo(format_result(result, fmt), nl=False)  # type: ignore[arg-type]


def _read_query(path: Path | None) -> str:
    from .errors import InputError

    assert path is not None
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read query: {exc}") from exc


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
def evaluate(
    gold_dir: Path, texts: Sequence[Path], as_json: bool, verbose: bool, min_confidence: float
) -> None:
    """Build each article of TEXTS on its own and score it against the gold JSON of the
    same name in GOLD (default TEXTS: the texts/ folder beside GOLD)."""
    from .eval_runner import evaluate_corpus

    try:
        outcome = evaluate_corpus(gold_dir, list(texts), min_confidence=min_confidence)
    except ConflictKGError as exc:
        _fail(str(exc))
    click.echo(outcome.render(as_json=as_json, verbose=verbose))
    if outcome.failures:
        for failure in outcome.failures:
            click.echo(f"conflictkg: {failure}", err=True)
        sys.exit(1)
