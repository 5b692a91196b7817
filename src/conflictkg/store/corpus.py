"""A corpus that lives in a store: documents added, replaced and removed over time.

>>> with open_store(path, create=True) as corpus:      # doctest: +SKIP
...     change = corpus.add(extractions)
...     corpus.remove(["report.txt"])

A :class:`CorpusStore` is a folder (see :mod:`conflictkg.store.layout`) holding an
embedded Oxigraph store with one named graph per document (graph IRI = document IRI) and
the actor layer in its own graph, and a manifest of what every document is (IRI, name,
source, SHA-256 of the text) and what was read from it (:mod:`conflictkg.store.records`).

Every change is planned and checked in memory first (:mod:`conflictkg.store.changes`);
a document that does not pass is refused and the store is unchanged by it. Then it is
written in three steps: ``pending.json`` names the graphs about to be rewritten, the new
manifest replaces the old one atomically, the graphs are rewritten, and ``pending.json``
goes. If the process dies on the way, the next writer finds ``pending.json`` and maps
those graphs again from whichever manifest is on disk, so the RDF always matches it.

Only one process can open a store for writing at a time (Oxigraph locks it); any number
can read a store nobody is writing (``read_only=True``).
"""

from __future__ import annotations

import gc
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import TracebackType

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef

from ..check.validate import load_ontology_graph, load_shapes_graph
from ..errors import StoreError
from ..model import Actor, Document, Extraction
from ..rdf.formats import quads_to_graph
from ..rdf.iri import actor_iri, document_iri, text_sha256
from ..rdf.links import ActorLink
from ..rdf.mapping import actor_graph, document_graph, merge_actors
from ..rdf.serialize import write_bytes_atomic
from .changes import Change, Checks, plan_add, plan_links, plan_remove, source_of
from .layout import ACTORS_GRAPH, MANIFEST_FILE, PENDING_FILE, oxigraph_folder
from .records import Entry, Manifest, read_manifest, write_manifest

__all__ = ["CorpusStore", "open_store"]

_OWL_ANNOTATED_SOURCE = ox.NamedNode("http://www.w3.org/2002/07/owl#annotatedSource")


def _term(term: object) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        datatype = ox.NamedNode(str(term.datatype)) if term.datatype else None
        return ox.Literal(str(term), datatype=datatype)
    raise StoreError(f"cannot store the term {term!r}")


def quads_of(graph: Graph, name: str) -> list[ox.Quad]:
    """The triples of an rdflib ``graph`` as Oxigraph quads in the named graph ``name``."""
    node = ox.NamedNode(name)
    return [ox.Quad(_term(s), _term(p), _term(o), node) for s, p, o in graph]  # type: ignore[arg-type]


class CorpusStore:
    """A corpus store folder, opened. Use :func:`open_store` to get one."""

    def __init__(self, path: Path, oxigraph: ox.Store, manifest: Manifest, read_only: bool):
        self.path = path
        self._oxigraph: ox.Store | None = oxigraph
        self._manifest = manifest
        self._actors = merge_actors(
            (URIRef(i), e.extraction) for i, e in manifest.documents.items()
        )
        self.read_only = read_only

    # ------------------------------------------------------------------ open, close

    def __enter__(self) -> CorpusStore:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Release the Oxigraph store (and its lock)."""
        self._oxigraph = None
        gc.collect()

    @property
    def oxigraph(self) -> ox.Store:
        """The Oxigraph store holding the RDF (query it with the union default graph)."""
        if self._oxigraph is None:
            raise StoreError(f"{self.path}: the store is closed")
        return self._oxigraph

    # ------------------------------------------------------------------ reading

    @property
    def documents(self) -> list[Entry]:
        """The documents held, ordered by identifier and IRI."""
        return sorted(self._manifest.documents.values(), key=lambda e: (e.identifier, e.iri))

    @property
    def links(self) -> tuple[ActorLink, ...]:
        """The links to other datasets that ``conflictkg link`` confirmed."""
        return self._manifest.links

    @property
    def actors(self) -> dict[str, Actor]:
        """The actor layer: every actor of every document, merged."""
        return dict(self._actors)

    def holds(self, document: Document) -> bool:
        """Whether ``document`` is held with this very text (adding it again is free)."""
        entry = self._manifest.documents.get(str(document_iri(document)))
        return entry is not None and entry.sha256 == text_sha256(document.text)

    def graph_names(self) -> list[str]:
        """The named graphs: the actor layer first, then the documents by IRI."""
        return [ACTORS_GRAPH, *sorted(self._manifest.documents)]

    def quads(self, graph: str | None = None) -> list[ox.Quad]:
        """The quads of one named graph, or of the whole store, sorted (deterministic)."""
        name = ox.NamedNode(graph) if graph is not None else None
        found = self.oxigraph.quads_for_pattern(None, None, None, name)
        return sorted(
            found,
            key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)),
        )

    def resolve(self, references: Iterable[str]) -> list[str]:
        """The IRIs of the documents named by ``references``: document IRIs,
        ``dcterms:identifier`` values, or paths of the files they were read from.

        Raises:
            StoreError: a reference matches no document, or an identifier several.
        """
        found: list[str] = []
        for reference in references:
            matches = self._matches(reference)
            if not matches:
                raise StoreError(f"{reference}: no such document in the store {self.path}")
            found += matches
        return sorted(set(found))

    def _matches(self, reference: str) -> list[str]:
        documents = self._manifest.documents
        if reference in documents:
            return [reference]
        named = [iri for iri, e in documents.items() if e.identifier == reference]
        if len(named) > 1:
            listed = ", ".join(sorted(named))
            raise StoreError(
                f"{reference}: several documents have this name ({listed}); give the IRI"
            )
        if named:
            return named
        path = source_of(Document(reference, "", reference))
        return [
            iri
            for iri, e in documents.items()
            if e.source is not None and (e.source == path or e.source.startswith(f"{path}#"))
        ]

    # ------------------------------------------------------------------ changing

    def _checks(self, shapes: Graph | None, ontology: Graph | None, owl: bool) -> Checks:
        return Checks(
            shapes if shapes is not None else load_shapes_graph(),
            ontology if ontology is not None else load_ontology_graph(),
            owl,
        )

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.path}: the store was opened read-only")

    def add(
        self,
        extractions: Iterable[Extraction],
        *,
        shapes: Graph | None = None,
        ontology: Graph | None = None,
        check_owl: bool = True,
    ) -> Change:
        """Add documents (their extractions); see :func:`conflictkg.store.changes.plan_add`.

        Returns the :class:`Change` made, with the refused documents and why.
        """
        self._writable()
        checks = self._checks(shapes, ontology, check_owl)
        change = plan_add(self._manifest, self._actors, extractions, checks)
        self._apply(change)
        return change

    def remove(
        self, references: Iterable[str], *, shapes: Graph | None = None, check_owl: bool = True
    ) -> Change:
        """Take documents out (see :meth:`resolve` for ``references``), with every fact
        only they supported.

        Raises:
            StoreError: a reference matches no document; nothing is removed.
        """
        self._writable()
        iris = self.resolve(references)
        change = plan_remove(
            self._manifest, self._actors, iris, self._checks(shapes, None, check_owl)
        )
        self._apply(change)
        return change

    def set_links(self, links: Iterable[ActorLink], *, check_owl: bool = True) -> Change:
        """Replace the confirmed links to other datasets by ``links``."""
        self._writable()
        change = plan_links(
            self._manifest, self._actors, links, self._checks(None, None, check_owl)
        )
        self._apply(change)
        return change

    def _apply(self, change: Change) -> None:
        if change.empty and change.manifest == self._manifest:
            return
        pending = {"graphs": sorted(change.graphs), "actors": sorted(change.actor_keys)}
        pending_path = self.path / PENDING_FILE
        write_bytes_atomic(pending_path, json.dumps(pending).encode("utf-8"))
        write_manifest(self.path / MANIFEST_FILE, change.manifest)
        self._manifest = change.manifest
        self._actors = dict(change.actors)
        self._write(change.graphs, change.actor_keys)
        pending_path.unlink()

    def _write(self, graphs: dict[str, Graph | None], actor_keys: Iterable[str]) -> None:
        store = self.oxigraph
        try:
            for iri, graph in sorted(graphs.items()):
                store.remove_graph(ox.NamedNode(iri))
                if graph is not None:
                    store.extend(quads_of(graph, iri))
            actors = ox.NamedNode(ACTORS_GRAPH)
            for key in sorted(actor_keys):
                node = ox.NamedNode(str(actor_iri(key)))
                axioms = [
                    q.subject
                    for q in store.quads_for_pattern(None, _OWL_ANNOTATED_SOURCE, node, actors)
                ]
                for subject in [node, *axioms]:
                    for quad in list(store.quads_for_pattern(subject, None, None, actors)):
                        store.remove(quad)
            described = {k: self._actors[k] for k in actor_keys if k in self._actors}
            store.extend(quads_of(actor_graph(described, self._manifest.links), ACTORS_GRAPH))
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot write to the store: {exc}") from exc

    def _recover(self) -> None:
        """Finish a change that a killed process left half written (``pending.json``)."""
        pending_path = self.path / PENDING_FILE
        if not pending_path.exists():
            return
        try:
            pending = json.loads(pending_path.read_text(encoding="utf-8"))
            iris, keys = list(pending["graphs"]), set(pending["actors"])
        except (OSError, ValueError, KeyError, TypeError):  # a torn pending file: redo it all
            iris, keys = list(self._manifest.documents), set()
        documents = self._manifest.documents
        graphs: dict[str, Graph | None] = {}
        for iri in iris:
            entry = documents.get(iri)
            graphs[iri] = (
                document_graph(URIRef(iri), entry.extraction, self._actors) if entry else None
            )
        self.oxigraph.remove_graph(ox.NamedNode(ACTORS_GRAPH))
        self._write(graphs, set(self._actors) | keys)
        pending_path.unlink()

    # ------------------------------------------------------------------ summary

    def count(self, query: str) -> int:
        """The integer a ``SELECT (COUNT(...) AS ?n)`` query gives over the union graph."""
        solutions = self.oxigraph.query(query, use_default_graph_as_union=True)
        for solution in solutions:  # type: ignore[union-attr]
            value = solution[0]
            return int(value.value) if value is not None else 0
        return 0

    def triples(self) -> Iterator[ox.Triple]:
        """The distinct triples of the union of all graphs (what a Turtle export holds)."""
        seen: set[ox.Triple] = set()
        for quad in self.oxigraph.quads_for_pattern(None, None, None, None):
            seen.add(quad.triple)
        yield from sorted(seen, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))

    def union_graph(self) -> Graph:
        """The union of all graphs as one rdflib graph (for validation and tests)."""
        return quads_to_graph(self.oxigraph.quads_for_pattern(None, None, None, None))


def open_store(path: str | Path, *, create: bool = False, read_only: bool = False) -> CorpusStore:
    """Open the corpus store folder ``path`` (with ``create``, make it if missing or empty).

    Raises:
        StoreError: the folder is not a corpus store (and not empty, or ``create`` is
            false), its manifest is damaged, or Oxigraph cannot open it (for example
            because another process is writing to it).
    """
    path = Path(path)
    manifest_path = path / MANIFEST_FILE
    if not manifest_path.is_file():
        if not create:
            raise StoreError(
                f"{path}: not a conflictkg store (no {MANIFEST_FILE}); build one with --store"
            )
        if path.exists() and (not path.is_dir() or any(path.iterdir())):
            raise StoreError(f"{path}: exists and is not an empty folder or a conflictkg store")
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{path}: cannot create the store: {exc.strerror or exc}") from exc
        if read_only:
            raise StoreError(f"{path}: cannot create a store read-only")
    manifest = read_manifest(manifest_path)
    folder = oxigraph_folder(path)
    try:
        oxigraph = ox.Store.read_only(str(folder)) if read_only else ox.Store(str(folder))
    except (OSError, RuntimeError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        if "lock" in reason.lower():
            reason = "another process is writing to it"
        raise StoreError(f"{path}: cannot open the store: {reason}") from exc
    store = CorpusStore(path, oxigraph, manifest, read_only)
    if not manifest_path.is_file():
        write_manifest(manifest_path, manifest)
    if (path / PENDING_FILE).exists():
        if read_only:  # repair it first, then read
            store.close()
            open_store(path).close()
            return open_store(path, read_only=True)
        store._recover()
    return store
