"""Bounds for the hostile-input tests: each test limits its own time and memory.

- :func:`run_bounded` runs a command in its own session, watching the resident memory of
  the whole process tree; past ``max_rss_mb`` or ``timeout`` seconds the tree is killed
  and the result says so (the test then fails on it instead of taking the machine).
- :func:`memory_limit` caps this process's data segment (``RLIMIT_DATA``) for the length
  of a ``with`` block, so a regression that reads ``/dev/zero`` whole raises
  ``MemoryError`` at once.
"""

from __future__ import annotations

import contextlib
import os
import resource
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

CLI = Path(sys.executable).with_name("conflictkg")


@dataclass(frozen=True)
class Bounded:
    """How a bounded run ended."""

    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_rss_mb: float
    killed: str = ""  # "", "timeout" or "memory"


def _tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            with contextlib.suppress(OSError):
                todo.extend(int(child) for child in task.read_text().split())
    return found


def _rss_mb(pid: int) -> float:
    total = 0
    for member in _tree(pid):
        with contextlib.suppress(OSError, ValueError):
            for line in Path(f"/proc/{member}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
    return total / 1024


def run_bounded(
    args: Sequence[str],
    *,
    timeout: float,
    max_rss_mb: float,
    cwd: Path | str | None = None,
    stdin: bytes | None = None,
) -> Bounded:
    """Run ``args`` with a wall-clock and a memory bound on the whole process tree."""
    start = time.monotonic()
    process = subprocess.Popen(
        list(args),
        cwd=cwd,
        stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    peak = 0.0
    killed = ""
    stop = threading.Event()

    def watch() -> None:
        nonlocal peak, killed
        while not stop.wait(0.05):
            peak = max(peak, _rss_mb(process.pid))
            if peak > max_rss_mb:
                killed = "memory"
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                return

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        out, err = process.communicate(stdin, timeout=timeout)
    except subprocess.TimeoutExpired:
        killed = killed or "timeout"
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        out, err = process.communicate()
    finally:
        stop.set()
        watcher.join()
    return Bounded(
        process.returncode,
        out.decode("utf-8", "replace"),
        err.decode("utf-8", "replace"),
        time.monotonic() - start,
        peak,
        killed,
    )


def conflictkg(
    *args: str, timeout: float = 120, max_rss_mb: float = 2500, **kwargs: object
) -> Bounded:
    """``conflictkg ARGS`` under :func:`run_bounded`."""
    return run_bounded([str(CLI), *args], timeout=timeout, max_rss_mb=max_rss_mb, **kwargs)  # type: ignore[arg-type]


def _data_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmData:"):
            return int(line.split()[1])
    return 0


@contextlib.contextmanager
def memory_limit(extra_mb: int) -> Iterator[None]:
    """At most ``extra_mb`` more MB of data segment for this process inside the block."""
    soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
    limit = (_data_kb() + extra_mb * 1024) * 1024
    resource.setrlimit(resource.RLIMIT_DATA, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_DATA, (soft, hard))


def one_error_line(result: Bounded, *words: str) -> None:
    """The run ended by itself with exit code 1 and one ``conflictkg: error:`` line."""
    assert not result.killed, (result.killed, result.seconds, result.peak_rss_mb)
    assert result.returncode == 1, (result.returncode, result.stderr[-2000:])
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("conflictkg: error: "), result.stderr
    for word in words:
        assert word in lines[0], (word, lines[0])
