"""How ``conflictkg build`` shows its progress.

On a terminal (standard error is a TTY): a ``rich`` progress bar with the documents done,
words per second and the time left, drawn on standard error and left on screen at the end.
Otherwise one summary line, printed with the build's summary. Nothing with ``-q``.
"""

from __future__ import annotations

import sys
from types import TracebackType
from typing import TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from ..build import BuildResult
from ..build import Progress as BuildProgress


class _WordsPerSecond(ProgressColumn):
    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        rate = task.completed / elapsed if elapsed > 0 else 0.0
        return Text(f"{rate:,.0f} words/s", style="progress.data.speed")


class ProgressBar:
    """The bar for a terminal: a callable that ``build_graph`` reports to."""

    def __init__(self, stream: TextIO | None = None) -> None:
        console = Console(file=stream or sys.stderr)
        self._bar = Progress(
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            TextColumn("{task.fields[documents]} documents"),
            _WordsPerSecond(),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=console,
        )
        self._task: TaskID | None = None

    def __call__(self, progress: BuildProgress) -> None:
        documents = f"{progress.documents:,}/{progress.total:,}"
        if self._task is None:
            self._bar.start()
            self._task = self._bar.add_task(
                "extracting", total=progress.total_words or None, documents=documents
            )
        self._bar.update(self._task, completed=progress.words, documents=documents)
        if progress.documents == progress.total:  # extraction is over: freeze the rate
            self._bar.stop_task(self._task)
            self._bar.stop()

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._bar.stop()


def wants_bar(quiet: bool, stream: TextIO | None = None) -> bool:
    """Whether to draw the bar: not quiet, and standard error is a terminal."""
    stream = stream or sys.stderr
    return not quiet and stream.isatty()


def summary_line(result: BuildResult) -> str:
    """One line for when there is no bar: documents, words, time, words/s, workers."""
    seconds = result.stages.get("extract", 0.0)
    rate = result.words / seconds if seconds > 0 else 0.0
    workers = result.engine.workers
    on = f"{workers} worker{'' if workers == 1 else 's'}"
    if result.engine.engine == "dask":
        on += " of a Dask cluster"
    documents = result.summary.documents
    return (
        f"extracted: {documents:,} document{'' if documents == 1 else 's'}, "
        f"{result.words:,} words in {seconds:.1f} s "
        f"({rate:,.0f} words/s, {on})"
    )
