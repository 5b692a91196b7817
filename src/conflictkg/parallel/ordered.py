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


Submit = Callable[[list[Document]], Pending]


@dataclass
class EngineStats:
    """What an extraction stream did: filled in while it runs."""

    workers: int = 0
    batches: int = 0
    worker_seconds: float = 0.0  # time spent extracting, summed over workers
    retried: int = 0  # batches run again one document at a time after a worker was lost
    engine: str = "local"


def ordered_outcomes(
    batches: list[list[Document]],
    submit: Submit,
    restart: Callable[[], None],
    stats: EngineStats,
) -> Iterator[Outcome]:
    """Submit batches a few at a time and yield their outcomes in batch order.

    When a batch is lost, it and every batch submitted after it are run again one document
    at a time, alone, so that a document whose worker dies is the one to blame.
    """
    window = max(2, stats.workers * IN_FLIGHT_PER_WORKER)
    waiting = deque(batches)
    running: deque[tuple[list[Document], Pending]] = deque()
    alone: deque[Document] = deque()  # documents to run one at a time, in order
    while waiting or running or alone:
        if alone:
            document = alone.popleft()
            try:
                result = submit([document]).result()
            except ConflictKGError:
                raise
            except Exception as exc:
                _after_loss(exc, restart)
                yield failure(document, f"the worker extracting it died ({_reason(exc)}); skipped")
                continue
            stats.worker_seconds += result.seconds
            yield from restore(result.outcomes, [document])
            continue
        while waiting and len(running) < window:
            batch = waiting.popleft()
            running.append((batch, submit(batch)))
        batch, future = running.popleft()
        try:
            result = future.result()
        except ConflictKGError:
            raise  # the extractor cannot be loaded: no document can be extracted
        except Exception as exc:  # a dead worker process, or a task a cluster lost
            _after_loss(exc, restart)
            stats.retried += 1 + len(running)
            alone.extend(d for b in [batch, *(b for b, _ in running)] for d in b)
            running.clear()
            continue
        stats.worker_seconds += result.seconds
        yield from restore(result.outcomes, batch)


def _after_loss(exc: Exception, restart: Callable[[], None]) -> None:
    if isinstance(exc, BrokenProcessPool):
        restart()


def _reason(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
