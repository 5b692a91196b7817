"""The ``conflictkg`` command group and what its commands share.

Each command parses its arguments, calls one public function, and turns the project's
errors into a one-line message. Exit codes: 0 success, 1 failed validation or failed
documents, 2 usage error.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn, TypeVar

import click

from .._version import __version__

DEFAULT_INPUT = "seeds"
DEFAULT_OUTPUT = "exports"
FC = TypeVar("FC", bound=Callable[..., object])


def fail(message: str, code: int = 1) -> NoReturn:
    """Print ``message`` as one line on standard error and exit with ``code``."""
    one_line = " ".join(part.strip() for part in message.splitlines() if part.strip())
    click.echo(f"conflictkg: error: {one_line}", err=True)
    sys.exit(code)


def resource_option(name: str, default: str) -> Callable[[FC], FC]:
    return click.option(
        f"--{name}",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        default=None,
        help=f"{name.capitalize()} file (Turtle) to use instead of the bundled {default}.",
    )


def source_options(command: FC) -> FC:
    """The graph a command reads: a FILE argument or ``--store DIR`` (see :func:`source`)."""
    command = click.option(
        "--store",
        type=click.Path(file_okay=False, path_type=Path),
        help="Oxigraph store folder to read instead of a file.",
    )(command)
    return click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))(
        command
    )


def source(file: Path | None, store: Path | None) -> tuple[Path | None, Path | None]:
    """``(data file, store folder)`` to open: the default export when neither is given."""
    if file is not None and store is not None:
        raise click.UsageError("give either FILE or --store DIR, not both")
    if file is None and store is None:
        return Path(DEFAULT_OUTPUT) / "conflictkg.ttl", None
    return file, store


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="conflictkg")
def main() -> None:
    """Build, validate and query knowledge graphs of who supports, opposes and
    designates whom in news about armed conflict."""


def source_arguments(command: FC) -> FC:
    """``[FILE]`` and ``--store DIR``: what export and push read (give one of them)."""
    command = click.option(
        "--store",
        type=click.Path(exists=True, file_okay=False, path_type=Path),
        default=None,
        help="A corpus store folder (conflictkg build --store).",
    )(command)
    return click.argument(
        "file",
        required=False,
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
    )(command)
