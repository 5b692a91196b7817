"""``extract_stream``: documents in, one outcome per document out, in input order.

The order of the results is the order of the documents, never the order in which workers
finish, so everything downstream (and so the export) is the same for any number of
workers. At most a few batches per worker are in flight: memory does not grow with the
corpus, and results flow out while later batches are still being extracted.

A worker process that dies (a crash in native code, the kernel's OOM killer) takes its
batch with it: the pool is restarted, the batch is retried one document at a time, and a
document that kills its worker again becomes a failure naming it.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor

from ..model import Document
from .batches import (
    BatchResult,
    ExtractorLoader,
    Outcome,
    extract_batch,
    make_batches,
    restore,
    run_batch,
    start_worker,
)
from .ordered import EngineStats, ordered_outcomes

ENGINES = ("local", "dask")
DASK_SPREAD = 64  # batches are cut as for this many workers: small, so the scheduler balances


def default_workers() -> int:
    """The CPUs this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def extract_stream(
    documents: Sequence[Document],
    *,
    load_extractor: ExtractorLoader,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    stats: EngineStats | None = None,
) -> Iterator[Outcome]:
    """One :class:`~conflictkg.model.Extraction` or
    :class:`~conflictkg.ingest.reader.InputFailure` per document, in the order of
    ``documents``.

    ``load_extractor`` makes the extractor; it is called once per worker process (once in
    this process when ``workers`` is 1 or there is a single batch). ``engine`` is
    ``"local"`` (worker processes on this machine) or ``"dask"`` (the ``dask.distributed``
    scheduler at ``scheduler``; ``workers`` is then ignored: the cluster has its own).

    Raises:
        ValueError: an unknown engine, or fewer than one worker.
        ExtractionError: (dask) the cluster cannot be reached or dask is not installed.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; expected one of: {', '.join(ENGINES)}")
    if workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    stats = stats if stats is not None else EngineStats()
    stats.engine = engine
    if engine == "dask":
        from .dask_engine import in_dask

        batches = make_batches(documents, DASK_SPREAD)
        stats.batches = len(batches)
        return in_dask(batches, scheduler, load_extractor, stats)
    batches = make_batches(documents, workers)
    stats.batches = len(batches)
    stats.workers = min(workers, len(batches))
    if stats.workers <= 1:
        return _in_process(batches, load_extractor, stats)
    return _in_pool(batches, load_extractor, stats)


def _in_process(
    batches: list[list[Document]], load: ExtractorLoader, stats: EngineStats
) -> Iterator[Outcome]:
    if not batches:
        return
    stats.workers = 1
    extractor = load()
    for batch in batches:
        result = extract_batch(extractor, batch)
        stats.worker_seconds += result.seconds
        yield from restore(result.outcomes, batch)


class _Pool:
    """A process pool that can be started again after a worker died."""

    def __init__(self, workers: int, load: ExtractorLoader) -> None:
        methods = multiprocessing.get_all_start_methods()
        # fork: workers start at once and share what this process already loaded
        self._context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self._workers = workers
        self._load = load
        self._executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self._workers,
            mp_context=self._context,
            initializer=start_worker,
            initargs=(self._load, os.getpid()),
        )

    def submit(self, batch: list[Document]) -> Future[BatchResult]:
        return self._executor.submit(run_batch, batch)

    def restart(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)
        self._executor = self._start()

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)


def _in_pool(
    batches: list[list[Document]], load: ExtractorLoader, stats: EngineStats
) -> Iterator[Outcome]:
    pool = _Pool(stats.workers, load)
    try:
        yield from ordered_outcomes(batches, pool.submit, pool.restart, stats)
    finally:
        pool.close()
