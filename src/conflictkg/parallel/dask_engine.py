"""The Dask engine: batches of documents extracted on a ``dask.distributed`` cluster.

Each worker process loads the extractor on its first batch and keeps it (a lock makes a
worker with several threads run one batch at a time: spaCy gains nothing from threads).
Results come back in input order (:func:`~conflictkg.parallel.ordered.ordered_outcomes`),
so the graph is the same as a single-process build. ``dask.distributed`` is an optional
dependency: ``pip install 'conflictkg[dask]'``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..errors import ExtractionError
from ..model import Document
from .batches import ExtractorLoader, Outcome, run_batch_loading
from .ordered import EngineStats, Pending, ordered_outcomes

CONNECT_TIMEOUT = "20s"


def _client(scheduler: str | None) -> Any:
    if not scheduler:
        raise ExtractionError("the dask engine needs the address of a scheduler (--scheduler)")
    try:
        from distributed import Client
    except ImportError as exc:
        raise ExtractionError(
            "the dask engine needs dask.distributed: pip install 'conflictkg[dask]'"
        ) from exc
    try:
        return Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError, ValueError, TypeError) as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise ExtractionError(f"cannot reach the Dask scheduler at {scheduler}: {reason}") from exc


def in_dask(
    batches: list[list[Document]],
    scheduler: str | None,
    load: ExtractorLoader,
    stats: EngineStats,
) -> Iterator[Outcome]:
    """The outcomes of ``batches`` extracted on the cluster at ``scheduler``, in order."""
    if not batches:
        return
    client = _client(scheduler)
    try:
        stats.workers = max(1, len(client.scheduler_info().get("workers", {})))

        def submit(batch: list[Document]) -> Pending:
            future: Pending = client.submit(run_batch_loading, batch, load, pure=False)
            return future

        def restart() -> None:  # the scheduler reschedules the tasks of a lost worker
            return None

        yield from ordered_outcomes(batches, submit, restart, stats)
    finally:
        client.close()
