"""The ``conflictkg`` command group and what its commands share.

Each command parses its arguments, calls one public function, and turns the project's
errors into a one-line message. Exit codes: 0 success, 1 failed validation or failed
documents, 2 usage error, 130 interrupted.

No traceback reaches a user: an exception that escapes a command (a bug, or a library
failing in a way nobody foresaw) becomes one line naming its type, exit code 1. Every
message has its control and bidi characters escaped (:func:`conflictkg.files.printable`),
so a file name cannot forge lines or colours on the terminal.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from .._version import __version__
from ..files import DEFAULT_MAX_DOCUMENT_BYTES, printable

DEFAULT_INPUT = "seeds"
DEFAULT_OUTPUT = "exports"
FC = TypeVar("FC", bound=Callable[..., object])


def one_line(message: str) -> str:
    """``message`` on one line: line breaks joined by spaces, control characters escaped."""
    return printable(" ".join(part.strip() for part in message.splitlines() if part.strip()))


def fail(message: str, code: int = 1) -> NoReturn:
    """Print ``message`` as one line on standard error and exit with ``code``."""
    click.echo(f"conflictkg: error: {one_line(message)}", err=True)
    sys.exit(code)


def warn(message: str) -> None:
    """Print ``conflictkg: <message>`` as one line on standard error."""
    click.echo(f"conflictkg: {one_line(message)}", err=True)


_SIZE = re.compile(r"(\d+)\s*([kmg]?)(?:i?b)?", re.IGNORECASE)
_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


class ByteSize(click.ParamType):  # type: ignore[type-arg]  # generic from click 8.3 on
    """A number of bytes: ``5000000``, ``500K``, ``10M``, ``1G`` (K, M, G: powers of 1024)."""

    name = "BYTES"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        match = _SIZE.fullmatch(str(value).strip())
        if match is None or int(match.group(1)) == 0:
            self.fail(f"{value!r} is not a size in bytes (say 5000000, 500K, 10M or 1G)")
        return int(match.group(1)) * _UNITS[match.group(2).lower()]


def max_document_bytes_option() -> Callable[[FC], FC]:
    return click.option(
        "--max-document-bytes",
        type=ByteSize(),
        default=DEFAULT_MAX_DOCUMENT_BYTES,
        show_default="32M",
        help="Skip (and name) any document larger than this: a file, a JSONL line, stdin.",
    )


class _Guarded(click.Group):
    """A command group under which no exception escapes as a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except KeyboardInterrupt:
            click.echo("conflictkg: interrupted", err=True)
            sys.exit(130)
        except BrokenPipeError:  # output piped into `head`: stop quietly
            _silence_stdout()
            sys.exit(1)
        except MemoryError:
            fail("out of memory; nothing more was written")
        except RecursionError:
            fail("input nested too deeply to be processed")
        except Exception as exc:
            fail(f"unexpected {type(exc).__name__}: {exc} (a bug in conflictkg; please report it)")


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


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


@click.group(cls=_Guarded, context_settings={"help_option_names": ["-h", "--help"]})
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
