"""Exports of a corpus store or an RDF file, in every format (see :mod:`conflictkg.rdf.formats`).

>>> export(Path("corpus"), Path("corpus.trig"), RdfFormat.TRIG)   # doctest: +SKIP

A store keeps its named graphs in N-Quads, TriG and JSON-LD (one graph per document and
the actor layer) and is merged into one graph in Turtle and N-Triples; a Turtle export of
a store is byte for byte what ``conflictkg build -o`` writes for the same documents.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from ..errors import InputError
from ..rdf.formats import RdfFormat, serialize_quads
from ..rdf.serialize import write_bytes_atomic
from .corpus import open_store
from .layout import is_corpus_store

__all__ = ["ExportResult", "export", "read_quads"]


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote: where (``None``: standard output), how many triples (the
    distinct triples of the union) and named graphs."""

    output: Path | None
    format: RdfFormat
    triples: int
    graphs: int


def read_quads(path: Path) -> list[ox.Quad]:
    """The quads of an RDF file, in the format its extension names (default Turtle).

    Raises:
        InputError: the file cannot be read or parsed (naming file and line).
    """
    fmt = RdfFormat.from_path(path.name) or RdfFormat.TTL
    if not path.is_file():
        raise InputError(f"{path}: no such RDF file")
    try:
        with path.open("rb") as stream:
            parsed = ox.parse(stream, format=fmt.oxigraph, base_iri=path.resolve().as_uri())
            return [q if isinstance(q, ox.Quad) else ox.Quad(*q) for q in parsed]
    except SyntaxError as exc:
        where = f"{path}:{exc.lineno}" if exc.lineno else str(path)
        raise InputError(f"{where}: invalid {fmt.value}: {exc.msg}") from exc
    except (OSError, ValueError) as exc:
        raise InputError(f"{path}: cannot read: {exc}") from exc


def source_quads(source: Path) -> list[ox.Quad]:
    """The quads of a corpus store folder (read-only) or of an RDF file."""
    if source.is_dir() or is_corpus_store(source):
        with open_store(source, read_only=True) as corpus:
            return corpus.quads()
    return read_quads(source)


def export(source: Path, output: Path | None, fmt: RdfFormat) -> ExportResult:
    """Write the store or RDF file ``source`` to ``output`` (``None``: standard output) in
    ``fmt``; files are written atomically.

    Raises:
        StoreError: the store cannot be opened.
        InputError: the file cannot be read or parsed.
        ExportError: the output cannot be written, or the format cannot carry the data.
    """
    quads = source_quads(Path(source))
    data = serialize_quads(quads, fmt)
    graphs = {q.graph_name for q in quads if not isinstance(q.graph_name, ox.DefaultGraph)}
    triples = len({q.triple for q in quads})
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        write_bytes_atomic(output, data)
    return ExportResult(output, fmt, triples, len(graphs))
