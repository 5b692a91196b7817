"""Temporary files that keep a corpus's graph out of memory while it is being built.

- :class:`ExtractionSpool`: extractions written to disk as they arrive and
  read back in the same order, once every actor is known;
- :class:`BlockRuns`: sorted runs of Turtle subject blocks (:func:`turtle_blocks`), one run
  per batch of documents, merged with the actor layer's blocks into one sorted stream: the
  canonical Turtle of the whole graph, written without the graph ever being in memory.

Both live in one temporary folder, removed on :meth:`close` (or leaving a ``with`` block).
"""

from __future__ import annotations

import heapq
import pickle
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import Any, BinaryIO

from ..model import Extraction

Block = tuple[tuple[int, str], str]  # (sort key, text) as turtle_blocks gives them
CHUNK_BYTES = 1 << 20


def _records(path: Path) -> Iterator[Any]:
    with path.open("rb") as stream:
        while True:
            try:
                yield pickle.load(stream)
            except EOFError:
                return


class ExtractionSpool:
    """Extractions on disk, in arrival order; and sorted runs of Turtle blocks."""

    def __init__(self, directory: Path | None = None) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="conflictkg-spool-", dir=directory))
        self._extractions = self.folder / "extractions.pickle"
        self._writer: BinaryIO | None = self._extractions.open("wb")
        self._runs: list[Path] = []
        self.count = 0

    def add(self, extraction: Extraction) -> None:
        """Spool ``extraction`` (with its document's text: a document's IRI is made from it,
        :func:`~conflictkg.rdf.iri.document_iri`)."""
        assert self._writer is not None, "the spool was read already"
        pickle.dump(extraction, self._writer, pickle.HIGHEST_PROTOCOL)
        self.count += 1

    def extractions(self) -> Iterator[Extraction]:
        """The spooled extractions in the order they were added (adding is over then)."""
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        for record in _records(self._extractions):
            assert isinstance(record, Extraction)
            yield record

    def new_run(self) -> Path:
        """The path of a new run of blocks, for :func:`write_run` (in any process) before
        :meth:`merged` is called."""
        path = self.folder / f"run-{len(self._runs):06d}.pickle"
        self._runs.append(path)
        return path

    def add_run(self, blocks: Iterable[Block]) -> None:
        """Keep a run of blocks, sorted by key, on disk."""
        write_run(self.new_run(), blocks)

    def merged(self, *in_memory: list[Block]) -> Iterator[str]:
        """The texts of every run's blocks and of ``in_memory``'s (each sorted), in key
        order: graphs with no subject in common, written as one."""
        runs: list[Iterable[Block]] = [*in_memory]
        runs += [_records(path) for path in self._runs]
        for _, text in heapq.merge(*runs):
            yield text

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> ExtractionSpool:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def write_run(path: Path, blocks: Iterable[Block]) -> None:
    """Write ``blocks`` sorted by key to ``path``: a run for :meth:`ExtractionSpool.merged`."""
    with path.open("wb") as stream:
        for block in sorted(blocks):
            pickle.dump(block, stream, pickle.HIGHEST_PROTOCOL)


def chunked_bytes(pieces: Iterable[str], size: int = CHUNK_BYTES) -> Iterator[bytes]:
    """``pieces`` encoded as UTF-8 and gathered into chunks of about ``size`` bytes."""
    gathered: list[str] = []
    length = 0
    for piece in pieces:
        gathered.append(piece)
        length += len(piece)
        if length >= size:
            yield "".join(gathered).encode("utf-8")
            gathered, length = [], 0
    if gathered:
        yield "".join(gathered).encode("utf-8")
