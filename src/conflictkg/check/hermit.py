"""HermiT, run directly: a consistency check of an N-Triples file, wherever we run.

owlready2 ships HermiT and finds Java; we call HermiT's command line ourselves (``-k``: is
``owl:Thing`` satisfiable, i.e. is the ontology consistent) rather than through
owlready2's ``sync_reasoner``, which classifies every class, property and individual
(far more work than a yes/no) and copies the graph through its own quadstore first. That
keeps three things in our hands:

- the **working directory**: HermiT builds a base IRI from it and fails ("unable to create
  default IRI base") when it is ``/`` or holds characters such as ``[``; it runs in a
  fresh temporary folder whose path is plain ASCII (:func:`plain_temporary_root`);
- the **heap**: set from the size of the input (:func:`heap_megabytes`), instead of
  owlready2's fixed 2,000 MB that 1M triples overflowed;
- the **input**: an N-Triples file we stream out ourselves, so a large graph is never
  copied into a second in-memory store.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from ..errors import ResourceError

__all__ = ["heap_megabytes", "hermit_consistent", "hermit_name", "plain_temporary_root"]

_PLAIN_PATH = re.compile(r"[A-Za-z0-9/._-]+")
_MIN_HEAP_MB = 256
_HEAP_BYTES_PER_TRIPLE = 3000
_INCONSISTENT = "InconsistentOntologyException"


def _owlready2() -> Any:
    import owlready2  # deferred: importing owlready2 is slow and only HermiT needs it
    import owlready2.reasoning

    return owlready2


def hermit_name() -> str:
    """``"HermiT (owlready2 0.51)"``: the reasoner, named in reports."""
    return f"HermiT (owlready2 {_owlready2().VERSION})"


def _available_megabytes() -> int | None:
    try:
        with open("/proc/meminfo", encoding="ascii") as info:
            for line in info:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) // 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def heap_megabytes(triples: int) -> int:
    """The Java heap for HermiT over ``triples`` triples: 3 KB a triple, at least 256 MB,
    at most three quarters of the memory available now (when that can be read)."""
    wanted = max(_MIN_HEAP_MB, _MIN_HEAP_MB + triples * _HEAP_BYTES_PER_TRIPLE // 2**20)
    available = _available_megabytes()
    if available is not None:
        wanted = min(wanted, max(_MIN_HEAP_MB, available * 3 // 4))
    return wanted


def plain_temporary_root() -> str | None:
    """A writable temporary folder whose path HermiT can turn into an IRI (plain ASCII,
    no spaces or brackets), or ``None`` to let :mod:`tempfile` choose."""
    for candidate in (tempfile.gettempdir(), "/tmp", "/var/tmp", "/dev/shm"):
        if _PLAIN_PATH.fullmatch(candidate) and os.access(candidate, os.W_OK | os.X_OK):
            return candidate
    return None


def hermit_consistent(ntriples: Path, triples: int, timeout: float | None = None) -> bool:
    """Whether HermiT finds the OWL ontology in ``ntriples`` (an N-Triples file holding the
    ontology and the individuals) consistent.

    Raises:
        ResourceError: Java is missing, HermiT fails for another reason than an
            inconsistency (its first line of error), runs out of heap, or (with
            ``timeout``) takes longer than ``timeout`` seconds.
    """
    owlready2 = _owlready2()
    java = shutil.which(owlready2.JAVA_EXE)
    if java is None:
        raise ResourceError(
            "the OWL consistency check needs Java for the HermiT reasoner, but "
            f"{owlready2.JAVA_EXE!r} was not found on PATH; install a Java runtime (11 or later)"
        )
    heap = heap_megabytes(triples)
    command = [
        java,
        f"-Xmx{heap}M",
        "-cp",
        owlready2.reasoning._HERMIT_CLASSPATH,
        "org.semanticweb.HermiT.cli.CommandLine",
        "-k",
        Path(ntriples).resolve().as_uri(),
    ]
    with tempfile.TemporaryDirectory(
        prefix="conflictkg-hermit-", dir=plain_temporary_root()
    ) as cwd:
        try:
            done = subprocess.run(
                command, cwd=cwd, capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL
            )
        except subprocess.TimeoutExpired as exc:
            raise ResourceError(f"HermiT did not finish within {timeout:g} s") from exc
        except OSError as exc:
            raise ResourceError(f"HermiT cannot be started: {exc.strerror or exc}") from exc
    output = (done.stdout + done.stderr).decode("utf-8", "replace")
    if done.returncode == 0:
        return True
    if _INCONSISTENT in output:
        return False
    if "OutOfMemoryError" in output:
        raise ResourceError(f"HermiT failed: out of Java heap ({heap} MB for {triples} triples)")
    raise ResourceError(f"HermiT failed: {_first_error(output)}")


def _first_error(output: str) -> str:
    for line in output.splitlines():
        line = line.strip()
        if line and not line.startswith("at "):
            return line
    return "no message"
