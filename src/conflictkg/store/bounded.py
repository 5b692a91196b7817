"""Queries that cannot take the machine: run in a worker process, bounded, rows streamed.

pyoxigraph cannot cancel a query, and a three-way cartesian product over a few hundred
triples runs for hours while its memory grows. :func:`stream_query` therefore runs the
query in a separate process (started fresh, ``spawn``) that opens the data itself (a
``--data`` file loaded in memory, or a store folder opened read-only) and sends the rows
back in small batches as they come:

- the whole query, from opening the data to the last row, has a **deadline**
  (:attr:`QueryLimits.timeout`); past it the worker is killed and
  :class:`QueryTimeout` names the limit;
- the worker's **memory** is capped (``RLIMIT_DATA``, :attr:`QueryLimits.memory`): a
  query that needs more fails alone, with a one-line error;
- the caller reads rows one batch at a time, so CSV and JSON can be written while the
  query runs, and a table can stop at its row limit and kill the rest (:meth:`close`);
- a worker that dies (a native crash the pre-parse checks missed) is an error, not the
  death of the caller.

>>> from pathlib import Path
>>> with stream_query(QuerySource(), "ASK { ?s ?p ?o }") as stream:
...     stream.boolean
False
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import resource
import signal
import time
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

from ..errors import ConflictKGError, InputError, QueryError
from ..files import format_bytes
from .results import Row

__all__ = [
    "DEFAULT_QUERY_MEMORY",
    "DEFAULT_QUERY_TIMEOUT",
    "QueryLimits",
    "QuerySource",
    "QueryStream",
    "QueryTimeout",
    "stream_query",
]

DEFAULT_QUERY_TIMEOUT = 60.0
DEFAULT_QUERY_MEMORY = 4 * 1024**3
_BATCH = 256


class QueryTimeout(QueryError):
    """A query that did not finish within its time limit."""


@dataclass(frozen=True)
class QueryLimits:
    """Bounds of one query: seconds for all of it, and bytes of the worker's memory."""

    timeout: float | None = DEFAULT_QUERY_TIMEOUT
    memory: int | None = DEFAULT_QUERY_MEMORY


@dataclass(frozen=True)
class QuerySource:
    """What to query: a data file loaded in memory, a store folder (read-only), or an
    empty store."""

    data: Path | None = None
    store: Path | None = None


class QueryStream:
    """The result of a query being run: its kind and variables at once, rows as they come.

    Use as a context manager (or call :meth:`close`): closing kills the worker if the rows
    were not all read.
    """

    def __init__(
        self, process: Any, connection: Connection, deadline: float | None, limits: QueryLimits
    ) -> None:
        self._process = process
        self._connection = connection
        self._deadline = deadline
        self._limits = limits
        self._done = False
        head = self._receive()
        if head[0] != "head":
            raise AssertionError(f"unexpected message {head[0]!r}")
        self.kind: Literal["select", "ask", "graph"] = head[1]
        self.variables: tuple[str, ...] = head[2]
        self.boolean: bool | None = head[3]
        if self.kind == "ask":
            self.close()

    def __iter__(self) -> Iterator[Row]:
        while not self._done:
            message = self._receive()
            if message[0] == "end":
                self.close()
                return
            yield from message[1]

    def _receive(self) -> tuple[Any, ...]:
        wait = None if self._deadline is None else max(0.0, self._deadline - time.monotonic())
        try:
            ready = self._connection.poll(wait)
            message = self._connection.recv() if ready else None
        except (EOFError, OSError):
            message = ("died",)
        if message is None:
            self.close()
            raise QueryTimeout(
                f"the query did not finish within {self._limits.timeout:g} s "
                "(--timeout); it was stopped"
            )
        if message[0] == "error":
            self.close()
            raise (InputError if message[2] == "input" else QueryError)(message[1])
        if message[0] == "died":
            raise self._death()
        return tuple(message)

    def _death(self) -> QueryError:
        self._process.join(5)
        code = self._process.exitcode
        self.close()
        if code in (-signal.SIGABRT, -signal.SIGKILL, 1) and self._limits.memory is not None:
            return QueryError(
                "the query ran out of memory (the limit is "
                f"{format_bytes(self._limits.memory)}); it was stopped"
            )
        if code is not None and code < 0:
            name = signal.Signals(-code).name if -code in signal.valid_signals() else -code
            return QueryError(
                f"the query worker crashed ({name}) while loading the data or running the query"
            )
        return QueryError(f"the query worker stopped unexpectedly (exit status {code})")

    def close(self) -> None:
        """Stop the worker (if it still runs) and release the connection."""
        if self._done:
            return
        self._done = True
        if self._process.is_alive():
            self._process.kill()
        self._process.join(5)
        self._connection.close()

    def __enter__(self) -> QueryStream:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def stream_query(
    source: QuerySource,
    query: str,
    *,
    allow_external: bool = False,
    limits: QueryLimits | None = None,
) -> QueryStream:
    """Run ``query`` over ``source`` in a bounded worker process (see the module
    documentation); its rows stream from the returned :class:`QueryStream`.

    Raises:
        QueryError: as :func:`~conflictkg.store.query.run_query` (malformed, updating or
            external query, a store that cannot be opened), or the query timed out
            (:class:`QueryTimeout`), ran out of memory or crashed the engine.
        InputError: the data file cannot be read or parsed.
    """
    limits = limits or QueryLimits()
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(
        target=_work,
        args=(sender, source, query, allow_external, limits.memory),
        daemon=True,
    )
    deadline = None if limits.timeout is None else time.monotonic() + limits.timeout
    process.start()
    sender.close()
    return QueryStream(process, receiver, deadline, limits)


def _work(
    connection: Connection,
    source: QuerySource,
    query: str,
    allow_external: bool,
    memory: int | None,
) -> None:
    """The worker: cap memory, open the data, run the query, send rows in batches.

    Its standard error goes to ``/dev/null``: what it has to say comes back through the
    pipe, and a native abort (Rust's "memory allocation failed") must not reach the user.
    """
    with contextlib.suppress(OSError):
        quiet = os.open(os.devnull, os.O_WRONLY)
        os.dup2(quiet, 2)
    if memory is not None:
        resource.setrlimit(resource.RLIMIT_DATA, (memory, memory))
    try:
        from .query import open_store, result_rows

        store = open_store(data=source.data, store=source.store)
        kind, variables, boolean, rows = result_rows(
            store,
            query,
            allow_external=allow_external,
            union_default_graph=source.store is not None,  # a store: every graph
        )
        connection.send(("head", kind, variables, boolean))
        batch: list[Row] = []
        for row in rows:
            batch.append(row)
            if len(batch) == _BATCH:
                connection.send(("rows", batch))
                batch = []
        if batch:
            connection.send(("rows", batch))
        connection.send(("end",))
    except ConflictKGError as exc:
        _send_error(connection, exc)
    except MemoryError:
        os._exit(1)
    except Exception as exc:  # anything else: reported, never a traceback from the worker
        _send_error(connection, QueryError(f"query failed: {type(exc).__name__}: {exc}"))
    finally:
        connection.close()


def _send_error(connection: Connection, exc: Exception) -> None:
    with contextlib.suppress(OSError):
        connection.send(("error", str(exc), "input" if isinstance(exc, InputError) else "query"))
