"""Batches submitted a few at a time, their outcomes yielded in batch order.

Shared by the local process pool and the Dask engine. A worker that dies (a crash in
native code, the kernel's OOM killer, a lost cluster worker) takes its batch with it: the
batch is retried one document at a time, and a document whose worker dies again becomes a
failure naming it. A :class:`~conflictkg.errors.ConflictKGError` raised by a worker means
the extractor cannot be loaded at all, and stops the stream.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Protocol

from ..errors import ConflictKGError
from ..model import Document
from .batches import BatchResult, Outcome, failure, restore

IN_FLIGHT_PER_WORKER = 2


class Pending(Protocol):
    """A batch being extracted: a ``concurrent.futures`` or ``distributed`` future."""

    def result(self) -> BatchResult: ...
    def done(self) -> bool: ...
    def cancelled(self) -> bool: ...
    def exception(self) -> BaseException | None: ...


Submit = Callable[[list[Document]], Pending]


@dataclass
class EngineStats:
    """What an extraction stream did: filled in while it runs."""

    workers: int = 0
    batches: int = 0
    worker_seconds: float = 0.0  # time spent extracting, summed over workers
    retried: int = 0  # batches retried one document at a time after a worker died
    engine: str = "local"


def ordered_outcomes(
    batches: list[list[Document]],
    submit: Submit,
    restart: Callable[[], None],
    stats: EngineStats,
) -> Iterator[Outcome]:
    """Submit batches a few at a time and yield their outcomes in batch order."""
    window = max(2, stats.workers * IN_FLIGHT_PER_WORKER)
    waiting = deque(batches)
    running: deque[tuple[list[Document], Pending]] = deque()
    while waiting or running:
        while waiting and len(running) < window:
            batch = waiting.popleft()
            running.append((batch, submit(batch)))
        batch, future = running.popleft()
        try:
            result = future.result()
        except ConflictKGError:
            raise  # the extractor cannot be loaded: no document can be extracted
        except Exception as exc:  # a dead worker process, or a task a cluster lost
            if isinstance(exc, BrokenProcessPool):
                restart()
                running = deque((b, _resubmit(b, f, submit)) for b, f in running)
            if len(batch) > 1:
                stats.retried += 1
                for document in reversed(batch):
                    running.appendleft(([document], submit([document])))
                continue
            yield failure(batch[0], f"the worker extracting it died ({_reason(exc)}); skipped")
            continue
        stats.worker_seconds += result.seconds
        yield from restore(result.outcomes, batch)


def _resubmit(batch: list[Document], future: Pending, submit: Submit) -> Pending:
    """``future`` if it finished before its pool broke, else ``batch`` submitted again."""
    if future.done() and not future.cancelled() and future.exception() is None:
        return future
    return submit(batch)


def _reason(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
