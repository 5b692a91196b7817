"""A function mapped over items in worker processes, results in input order.

For work after extraction that is independent per batch (validating and writing batches of
documents): the same bounded window as :mod:`.ordered`, without the retry logic (a failure
here is a bug, not a bad document, and is raised).
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


def map_in_processes(
    function: Callable[[Item], Result],
    items: Iterable[Item],
    *,
    workers: int,
    initializer: Callable[..., None],
    initargs: tuple[Any, ...] = (),
) -> Iterator[Result]:
    """``function(item)`` for each item, in order, on ``workers`` processes (in this
    process when ``workers`` is 1). ``initializer(*initargs)`` runs once per process
    (in this one too, for one worker); ``function`` must be a module-level function."""
    if workers <= 1:
        initializer(*initargs)
        yield from map(function, items)
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with ProcessPoolExecutor(workers, context, initializer, initargs) as pool:
        running: deque[Future[Result]] = deque()
        for item in items:
            running.append(pool.submit(function, item))
            if len(running) >= 2 * workers:
                yield running.popleft().result()
        while running:
            yield running.popleft().result()
