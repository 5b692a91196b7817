"""Writing graphs as canonical, plain RDF 1.1 Turtle, atomically.

:func:`serialize_turtle` is a small canonical writer, not rdflib's serializer: the output
depends only on the set of triples, never on insertion order, hash seeds or library
versions, so two runs over the same input give byte-identical files.

The layout, fixed:

* ``@prefix`` lines for ck, dcterms, owl, prov, rdf, rdfs, skos, wd, xsd, always all of them;
* IRIs in one of those namespaces as prefixed names when the local part is a plain
  ``[A-Za-z][A-Za-z0-9_-]*`` name (always safe in every parser), all others in full
  ``<…>`` (instance IRIs under ``…/id/`` always);
* one block per subject, sorted by their written form (code points): full IRIs, then
  prefixed names, then blank nodes; ``a`` (rdf:type) first, then the other predicates
  sorted the same way; objects sorted (IRIs, blank nodes, literals), one per line;
* literals in ``"…"`` with the Turtle escapes ``\\" \\\\ \\n \\r \\t \\b \\f`` and ``\\uXXXX``
  for other control characters (and U+2028/U+2029); language tags lowercased; xsd:string
  left implicit; integers, decimals, doubles and booleans in their short form when the
  lexical form already is one, so the value read back is the one written.

Blank nodes are allowed (ontology axioms need them) and relabelled by the W3C RDF Dataset
Canonicalization algorithm (RDFC-1.0, via pyoxigraph) to ``_:c14nN``. Things Turtle cannot
carry faithfully raise :class:`~conflictkg.errors.ExportError`: IRIs pyoxigraph rejects;
literals with lone surrogates, or with U+0000, U+FFFE or U+FFFF, legal Turtle at which rapper
silently cuts a literal short (clean text with :func:`conflictkg.iri.safe_literal`);
malformed language tags; literals as subjects or predicates; non-RDF terms (variables).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from ..errors import ExportError
from .vocab import PREFIXES

__all__ = [
    "PREFIXES",
    "serialize_turtle",
    "turtle_blocks",
    "turtle_header",
    "turtle_text",
    "write_bytes_atomic",
    "write_turtle",
]


# A term, written: (kind, text) where kind orders IRIs before blank nodes before literals.
_Node = tuple[int, str]
_Triple = tuple[object, object, object]
_IRI, _BLANK, _LITERAL = 0, 1, 2

_LOCAL_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_LANGUAGE = re.compile(r"[a-zA-Z]+(?:-[a-zA-Z0-9]+)*")
_SHORT_FORMS = {
    str(XSD.integer): re.compile(r"[+-]?[0-9]+"),
    str(XSD.decimal): re.compile(r"[+-]?[0-9]+\.[0-9]+"),
    str(XSD.double): re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?[eE][+-]?[0-9]+"),
    str(XSD.boolean): re.compile(r"true|false"),
}
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_ESCAPES |= {"\b": "\\b", "\f": "\\f"}
_NEEDS_ESCAPE = re.compile('["\\\\\x00-\x1f\x7f-\x9f\u2028\u2029]')
# Lone surrogates cannot be encoded; U+0000, U+FFFE and U+FFFF are legal Turtle, but rapper
# silently cuts the literal short at them.
_UNSAFE = re.compile("[\x00\ufffe\uffff\ud800-\udfff]")
_XSD_STRING = str(XSD.string)
_RDF_LANG_STRING = str(RDF.langString)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _ESCAPES.get(char) or f"\\u{ord(char):04X}"


class _Writer:
    """Renders terms to Turtle text, validating each distinct IRI once."""

    def __init__(self) -> None:
        self._iris: dict[str, str] = {}
        by_length = sorted(PREFIXES, key=lambda item: -len(item[1]))
        self._prefixes = [(namespace, name) for name, namespace in by_length]

    def iri(self, value: str) -> str:
        written = self._iris.get(value)
        if written is None:
            written = self._iris[value] = self._render_iri(value)
        return written

    def _render_iri(self, value: str) -> str:
        try:
            ox.NamedNode(value)
        except (ValueError, TypeError) as exc:
            raise ExportError(f"cannot export the invalid IRI {value!r}: {exc}") from exc
        for namespace, name in self._prefixes:
            if value.startswith(namespace) and _LOCAL_NAME.fullmatch(value[len(namespace) :]):
                return f"{name}:{value[len(namespace) :]}"
        return f"<{value}>"

    def literal(self, lexical: str, datatype: str | None, language: str | None) -> str:
        if _UNSAFE.search(lexical):
            raise ExportError(
                f"literal {lexical[:40]!r} contains a lone surrogate, U+0000, U+FFFE or U+FFFF; "
                "clean text with conflictkg.iri.safe_literal before mapping"
            )
        if language:
            if not _LANGUAGE.fullmatch(language):
                raise ExportError(f"literal {lexical[:40]!r} has a malformed language tag")
            return f'"{_NEEDS_ESCAPE.sub(_escape, lexical)}"@{language.lower()}'
        if datatype == _RDF_LANG_STRING:
            raise ExportError(f"literal {lexical[:40]!r} is rdf:langString without a language")
        short = _SHORT_FORMS.get(datatype or "")
        if short is not None and short.fullmatch(lexical):
            return lexical
        text = f'"{_NEEDS_ESCAPE.sub(_escape, lexical)}"'
        if datatype is None or datatype == _XSD_STRING:
            return text
        return f"{text}^^{self.iri(datatype)}"

    def node(self, term: object, position: str) -> _Node:
        if isinstance(term, URIRef):
            return (_IRI, self.iri(str(term)))
        if isinstance(term, BNode):
            return (_BLANK, f"_:{term}")
        if isinstance(term, Literal) and position == "object":
            datatype = str(term.datatype) if term.datatype is not None else None
            return (_LITERAL, self.literal(str(term), datatype, term.language))
        raise ExportError(f"cannot export {term!r} as the {position} of a triple")


def _to_oxigraph(term: object) -> ox.NamedNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    assert isinstance(term, Literal)
    if term.language:
        return ox.Literal(str(term), language=term.language)
    datatype = ox.NamedNode(str(term.datatype)) if term.datatype else None
    return ox.Literal(str(term), datatype=datatype)


def _canonical_blank_nodes(
    writer: _Writer, triples: list[_Triple]
) -> list[tuple[_Node, _Node, _Node]]:
    """Triples mentioning blank nodes, relabelled by RDFC-1.0 (which looks only at these).

    Every term has already been checked by ``writer.node``.
    """
    blank: dict[BNode, ox.BlankNode] = {}
    quads = []
    for triple in triples:
        s, p, o = (
            blank.setdefault(term, ox.BlankNode())
            if isinstance(term, BNode)
            else _to_oxigraph(term)
            for term in triple
        )
        quads.append(ox.Quad(s, p, o))  # type: ignore[arg-type]
    dataset = ox.Dataset(quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)

    def back(term: object) -> _Node:
        if isinstance(term, ox.BlankNode):
            return (_BLANK, f"_:{term.value}")
        if isinstance(term, ox.NamedNode):
            return (_IRI, writer.iri(term.value))
        assert isinstance(term, ox.Literal)
        return (_LITERAL, writer.literal(term.value, term.datatype.value, term.language))

    return [(back(q.subject), back(q.predicate), back(q.object)) for q in dataset]


def turtle_blocks(graph: Graph) -> list[tuple[tuple[int, str], str]]:
    """The subject blocks of ``graph`` as :func:`serialize_turtle` writes them, sorted.

    Each is ``(sort key, text)``: the text has no leading or trailing line break. The
    canonical Turtle of a graph is :func:`turtle_header` followed by its blocks, each after
    a blank line (:func:`turtle_text`); graphs with no subject in common can be written block
    by block, in the merged order of their blocks, without ever being one graph.
    """
    writer = _Writer()
    # subject -> predicate -> set of objects, all as rendered (sort key, text) pairs
    blocks: dict[_Node, dict[tuple[int, str], set[_Node]]] = {}
    with_blanks: list[_Triple] = []

    def add(subject: _Node, predicate: _Node, obj: _Node) -> None:
        if predicate[0] != _IRI:
            raise ExportError(f"cannot export the predicate {predicate[1]} of {subject[1]}")
        key = (0, "a") if predicate[1] == "rdf:type" else (1, predicate[1])
        blocks.setdefault(subject, {}).setdefault(key, set()).add(obj)

    for subject, predicate, obj in graph.triples((None, None, None)):
        if isinstance(subject, BNode) or isinstance(obj, BNode):
            with_blanks.append((subject, predicate, obj))
            continue
        add(
            writer.node(subject, "subject"),
            writer.node(predicate, "predicate"),
            writer.node(obj, "object"),
        )
    if with_blanks:
        for triple in with_blanks:
            for term, position in zip(triple, ("subject", "predicate", "object"), strict=True):
                writer.node(term, position)
        for canonical in _canonical_blank_nodes(writer, with_blanks):
            add(*canonical)

    rendered = []
    for written in sorted(blocks):
        lines = [written[1]]
        predicates = blocks[written]
        keys = sorted(predicates)
        for index, key in enumerate(keys):
            objects = [text for _, text in sorted(predicates[key])]
            end = " ." if index == len(keys) - 1 else " ;"
            lines.append(f"    {key[1]} " + " ,\n        ".join(objects) + end)
        rendered.append((written, "\n".join(lines)))
    return rendered


def turtle_header() -> str:
    """The ``@prefix`` lines every export starts with (no final line break)."""
    return "\n".join(f"@prefix {name}: <{namespace}> ." for name, namespace in PREFIXES)


def turtle_text(blocks: Iterable[str]) -> Iterator[str]:
    """The pieces of a Turtle document: the header, then each block after a blank line."""
    yield turtle_header()
    for block in blocks:
        yield f"\n\n{block}"
    yield "\n"


def serialize_turtle(graph: Graph) -> bytes:
    """The canonical Turtle text of ``graph``, as UTF-8 bytes.

    Raises :class:`~conflictkg.errors.ExportError` for triples Turtle cannot carry (see the
    module documentation). The result is a function of the set of triples only.
    """
    pieces = turtle_text(text for _, text in turtle_blocks(graph))
    return "".join(pieces).encode("utf-8")


def _temporary_prefix(path: Path) -> str:
    return f".{path.name[:100]}."


def _temporary_path(path: Path) -> Path:
    return path.with_name(f"{_temporary_prefix(path)}{os.getpid()}.{secrets.token_hex(6)}.tmp")


def _remove_stale_temporaries(path: Path) -> None:
    """Remove temporary files left for ``path`` by writers that were killed."""
    prefix = _temporary_prefix(path)
    with os.scandir(path.parent) as entries:
        names = [e.name for e in entries if e.name.startswith(prefix) and e.name.endswith(".tmp")]
    for name in names:
        pid = name[len(prefix) :].split(".")[0]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:  # the writer is gone: its file is garbage
            with contextlib.suppress(OSError):
                os.unlink(path.parent / name)
        except OSError:
            continue  # alive under another user


def _fsync_directory(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise
    finally:
        os.close(fd)


def write_bytes_atomic(path: Path, data: bytes | Iterable[bytes]) -> Path:
    """Replace ``path`` by ``data`` so that readers see the old file or the new, never half.

    ``data`` is bytes, or an iterable of byte strings written one after the other (so a
    large file never has to be held in memory).

    The bytes go to a hidden ``.<name>.<pid>.<random>.tmp`` file in the same folder, which is
    fsynced and renamed over ``path``; then the folder is fsynced. On any exception,
    including ``KeyboardInterrupt``, the temporary file is removed and ``path`` is left as it
    was. A killed writer leaves its temporary file behind; the next write removes it.
    Missing parent folders are created. The file keeps the mode of the file it replaces
    (new files: 0666 minus the umask).
    """
    path = Path(path)
    temporary = _temporary_path(path)
    created = False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale_temporaries(path)
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
        created = True
        try:
            with contextlib.suppress(FileNotFoundError):
                os.fchmod(fd, path.stat().st_mode & 0o7777)
            for chunk in [data] if isinstance(data, bytes) else data:
                view = memoryview(chunk)
                while view:
                    written = os.write(fd, view)
                    view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temporary, path)
        created = False
        _fsync_directory(path.parent)
    except BaseException as exc:
        if created:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        if isinstance(exc, OSError):
            reason = exc.strerror or str(exc)
            raise ExportError(f"{path}: cannot write the export: {reason}") from exc
        raise
    return path


def write_turtle(graph: Graph, path: Path) -> Path:
    """Serialize ``graph`` with :func:`serialize_turtle` and write it atomically to ``path``.

    Serialization happens before the file system is touched, so an unexportable graph
    leaves ``path`` alone. Raises :class:`~conflictkg.errors.ExportError` naming ``path`` when
    the file cannot be written (missing permissions, disk full, …).
    """
    return write_bytes_atomic(Path(path), serialize_turtle(graph))
