"""SPARQL over an exported graph, with the embedded store (pyoxigraph), read-only and offline.

>>> store = open_store()
>>> run_query(store, "ASK { ?s ?p ?o }").boolean
False

:func:`run_query` only runs queries (SELECT, ASK, CONSTRUCT, DESCRIBE); it never changes a
store. Unless ``allow_external`` is set it also refuses anything that names data outside
the store, and it refuses queries too deep for pyoxigraph's recursive parser, before any
parsing: :func:`~conflictkg.store.query_guard.check_query` says how.

Values from users are bound with pyoxigraph's ``substitutions`` (RDF-dev SEP-0007), never
spliced into the query text. pyoxigraph requires a bound variable of a SELECT query to be
one of its projected variables.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Literal

import pyoxigraph as ox
import rdflib

from ..errors import InputError, QueryError
from ..files import open_regular, printable
from ..rdf.vocab import PREFIXES
from .layout import is_corpus_store, oxigraph_folder
from .query_guard import MAX_QUERY_BYTES, MAX_QUERY_NESTING, MAX_QUERY_OPERATORS, check_query
from .results import LANG_STRING, XSD_STRING, QueryResult, Row, Term, format_result

__all__ = [
    "MAX_DATA_BYTES",
    "MAX_QUERY_BYTES",
    "MAX_QUERY_NESTING",
    "MAX_QUERY_OPERATORS",
    "QueryResult",
    "Term",
    "check_query",
    "format_result",
    "open_store",
    "result_rows",
    "run_query",
]

MAX_DATA_BYTES = 1024**3
"""A ``--data`` file is loaded into memory; larger graphs belong in a store folder."""
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)
_SNIFF = 1 << 20


def open_store(
    data: Path | None = None, store: Path | None = None, *, max_data_bytes: int = MAX_DATA_BYTES
) -> ox.Store:
    """A store to query: in memory, or the Oxigraph store folder ``store``.

    With ``data``, the RDF file is loaded into it (Turtle, or the format its extension
    names: .nt, .nq, .trig, .rdf, .jsonld); relative IRIs resolve against the file. The
    file must be a regular file of at most ``max_data_bytes``; RDF/XML that declares XML
    entities is refused (their expansion is how 1 KB becomes gigabytes). ``store`` without
    ``data`` is opened **read-only**: nothing in the folder is written or locked, so any
    number of readers share it (and a read-only folder works); with ``data`` it is created
    if needed. Raises :class:`InputError` for an unreadable or invalid data file (naming
    file and line) and :class:`QueryError` for a store folder that cannot be opened or is
    corrupted. A conflictkg corpus store folder (``build --store``) is opened read-only
    and cannot take ``data``.
    """
    if store is None:
        opened = ox.Store()
    elif is_corpus_store(Path(store)):
        if data is not None:
            raise QueryError(
                f"{store}: is a conflictkg corpus store; add documents with "
                "conflictkg build --store, not --data"
            )
        try:
            opened = ox.Store.read_only(str(oxigraph_folder(Path(store))))
        except (OSError, RuntimeError) as exc:
            raise QueryError(f"{store}: cannot open the store: {exc}") from exc
    else:
        store = Path(store)
        shown = printable(store)
        is_store = (store / "CURRENT").is_file()
        if data is None and not is_store:
            raise QueryError(f"{shown}: not an Oxigraph store folder (no CURRENT file)")
        if not is_store and store.is_dir() and any(store.iterdir()):
            raise QueryError(f"{shown}: folder is not empty and not an Oxigraph store")
        try:
            opened = ox.Store(str(store)) if data is not None else ox.Store.read_only(str(store))
        except (OSError, RuntimeError, ValueError) as exc:
            raise QueryError(f"{shown}: cannot open the store: {_first_line(exc)}") from exc
        except BaseException as exc:  # pyo3's PanicException: a store too broken to open
            if isinstance(exc, KeyboardInterrupt | SystemExit | MemoryError):
                raise
            raise QueryError(f"{shown}: cannot open the store: {_first_line(exc)}") from exc
    if data is not None:
        _load(opened, Path(data), max_data_bytes)
    return opened


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _load(store: ox.Store, data: Path, limit: int) -> None:
    shown = printable(data)
    if not data.exists():
        raise InputError(f"{shown}: no such data file")
    rdf_format = ox.RdfFormat.from_extension(data.suffix[1:].lower()) or ox.RdfFormat.TURTLE
    try:
        with open_regular(data, limit, "data file") as stream:
            if rdf_format == ox.RdfFormat.RDF_XML:
                _refuse_entities(stream, shown)
            store.load(input=stream, format=rdf_format, base_iri=data.resolve().as_uri())
    except SyntaxError as exc:
        where = f"{shown}:{exc.lineno}" if exc.lineno else shown
        raise InputError(f"{where}: invalid {rdf_format.name}: {exc.msg}") from exc
    except (OSError, ValueError, RuntimeError) as exc:
        raise InputError(f"{shown}: cannot load: {_first_line(exc)}") from exc


def _refuse_entities(stream: BinaryIO, shown: str) -> None:
    """Refuse RDF/XML whose DTD declares entities (billion laughs); rewind the stream.

    Declarations can only come before the root element, but a DTD may be long: the whole
    prolog is searched, up to the first element that is not ``<!``/``<?``.
    """
    head = stream.read(_SNIFF)
    stream.seek(0)
    prolog = re.split(rb"<[A-Za-z_]", head, maxsplit=1)[0]
    if _ENTITY_DECLARATION.search(prolog) or (
        len(prolog) == len(head) and _ENTITY_DECLARATION.search(head)
    ):
        raise InputError(
            f"{shown}: RDF/XML with <!ENTITY declarations is refused (entity expansion can "
            "exhaust memory); expand the entities, or use Turtle, N-Triples or JSON-LD"
        )


Binding = rdflib.URIRef | rdflib.Literal | Term | str | int | float | bool


def _to_oxigraph(name: str, value: Binding) -> ox.NamedNode | ox.Literal:
    try:
        if isinstance(value, rdflib.URIRef):
            return ox.NamedNode(str(value))
        if isinstance(value, rdflib.Literal):
            datatype = str(value.datatype) if value.datatype else None
            return _literal(str(value), datatype, value.language)
        if isinstance(value, Term) and value.kind == "uri":
            return ox.NamedNode(value.value)
        if isinstance(value, Term) and value.kind == "literal":
            return _literal(value.value, value.datatype, value.language)
        if isinstance(value, str | int | float) and not isinstance(value, rdflib.term.Node):
            return ox.Literal(value)  # a bool is an int: xsd:boolean
    except (ValueError, TypeError, UnicodeEncodeError) as exc:
        raise QueryError(f"cannot bind ?{name} to {value!r}: {exc}") from exc
    raise QueryError(f"cannot bind ?{name} to {value!r}: give an IRI or a literal")


def _literal(value: str, datatype: str | None, language: str | None) -> ox.Literal:
    if language:
        return ox.Literal(value, language=language)
    return ox.Literal(value, datatype=ox.NamedNode(datatype) if datatype else None)


def _from_oxigraph(term: object) -> Term | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return Term("uri", term.value)
    if isinstance(term, ox.BlankNode):
        return Term("bnode", term.value)
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        if term.language or datatype in (XSD_STRING, LANG_STRING):
            return Term("literal", term.value, None, term.language)
        return Term("literal", term.value, datatype)
    return Term("triple", str(term))


def run_query(
    store: ox.Store,
    query: str,
    *,
    allow_external: bool = False,
    bindings: Mapping[str, Binding] | None = None,
    union_default_graph: bool = False,
) -> QueryResult:
    """Run the SPARQL query ``query`` over ``store`` and return all of its result.

    ``bindings`` maps variable names (with or without ``?``) to values: rdflib IRIs and
    literals, :class:`Term`, or Python ``str``/``int``/``float``/``bool``, which become
    literals (a ``str`` is never read as an IRI). The prefixes of the exported Turtle
    (ck, rdf, rdfs, owl, xsd, skos, prov, dcterms, wd) are predeclared. This runs in the
    calling process, unbounded: for queries from untrusted hands use
    :func:`conflictkg.store.bounded.stream_query`.

    With ``union_default_graph`` the default graph is the union of all graphs (as in a
    corpus store, where each document has its own named graph).

    Raises :class:`QueryError` for a malformed, updating or (see the module documentation)
    external query, a bad binding, or a failure while evaluating it.
    """
    kind, variables, boolean, rows = result_rows(
        store,
        query,
        allow_external=allow_external,
        bindings=bindings,
        union_default_graph=union_default_graph,
    )
    if kind == "ask":
        return QueryResult("ask", boolean=boolean)
    return QueryResult(kind, variables, tuple(rows))


def result_rows(
    store: ox.Store,
    query: str,
    *,
    allow_external: bool = False,
    bindings: Mapping[str, Binding] | None = None,
    union_default_graph: bool = False,
) -> tuple[Literal["select", "ask", "graph"], tuple[str, ...], bool | None, Iterator[Row]]:
    """``(kind, variables, boolean, rows)`` of a query, the rows of a SELECT produced as
    the store yields them (CONSTRUCT/DESCRIBE rows are de-duplicated and sorted first).
    Raises as :func:`run_query`, also while the rows are iterated."""
    check_query(query, allow_external=allow_external)
    substitutions: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {}
    for name, value in (bindings or {}).items():
        bare = name.lstrip("?$")
        try:
            variable = ox.Variable(bare)
        except ValueError as exc:
            raise QueryError(f"{name!r} is not a SPARQL variable name") from exc
        substitutions[variable] = _to_oxigraph(bare, value)
    with _query_errors():
        answer = store.query(
            query,
            prefixes=dict(PREFIXES),
            substitutions=substitutions or None,
            use_default_graph_as_union=union_default_graph,
        )
        if isinstance(answer, ox.QueryBoolean):
            return "ask", (), bool(answer), iter(())
        if isinstance(answer, ox.QuerySolutions):
            variables = tuple(variable.value for variable in answer.variables)
            return "select", variables, None, _solutions(answer, variables)
        triples = {
            (_from_oxigraph(t.subject), _from_oxigraph(t.predicate), _from_oxigraph(t.object))
            for t in answer
        }
    rows = sorted(triples, key=lambda row: tuple(str(term) for term in row))
    return "graph", ("subject", "predicate", "object"), None, iter(rows)


def _solutions(answer: ox.QuerySolutions, variables: tuple[str, ...]) -> Iterator[Row]:
    with _query_errors():
        for solution in answer:
            yield tuple(_from_oxigraph(solution[v]) for v in variables)


@contextmanager
def _query_errors() -> Iterator[None]:
    try:
        yield
    except SyntaxError as exc:
        raise QueryError(f"invalid SPARQL query: {exc}") from exc
    except RuntimeError as exc:  # pyoxigraph: a bound variable that is not projected
        raise QueryError(
            f"cannot run the query: {exc} (a bound variable must be in the SELECT clause)"
        ) from exc
    except OSError as exc:
        raise QueryError(f"query failed: {exc}") from exc
