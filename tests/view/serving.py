"""Start ``conflictkg serve`` as a person would (the installed command, a free port on
127.0.0.1) and stop it again."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

CLI = Path(sys.executable).with_name("conflictkg")
START_TIMEOUT = 60.0


@contextlib.contextmanager
def serving(*args: str) -> Iterator[str]:
    """Run ``conflictkg serve ARGS --port 0`` and yield its explorer URL once it listens."""
    process = subprocess.Popen(
        [str(CLI), "serve", *args, "--port", "0", "--quiet"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        first: list[str] = []
        reader = threading.Thread(target=lambda: first.append(process.stdout.readline()))  # type: ignore[union-attr]
        reader.start()
        reader.join(START_TIMEOUT)
        line = first[0] if first else ""
        if not line.startswith("explorer: http://127.0.0.1:"):
            process.kill()
            _, errors = process.communicate(timeout=10)
            raise AssertionError(f"serve did not start: {line!r} {errors}")
        yield line.split()[1]
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()
