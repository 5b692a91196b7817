"""Planning a change to a corpus store: the new state, what to rewrite, what to refuse.

A change is computed in memory, from the manifest alone (no parsing, no store access),
and checked before anything is written:

* the actor layer is merged again from every document of the new state, so adding or
  removing a document updates the types, labels, names and links of its actors;
* a document whose actor's merged type changed is mapped again (a relation the ontology
  no longer admits between the new types leaves, one it admits again comes back), so that
  adding batches one by one gives the same graph as one build of all of them;
* the new and rewritten document graphs, with the descriptions of their actors, are
  validated against the SHACL shapes, and the actor layer of the new state is checked for
  OWL consistency with HermiT. If the batch does not pass, the documents are tried one by
  one in order: one that does not pass is refused (named, with the reason) and the others
  enter.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from rdflib import RDF, Graph, URIRef
from rdflib.namespace import OWL

from ..check.validate import ConsistencyReport, check_consistency, validate_graph
from ..errors import ValidationError
from ..model import Actor, Document, Extraction
from ..rdf.iri import actor_iri, document_iri, text_sha256
from ..rdf.links import ActorLink
from ..rdf.mapping import actor_graph, document_graph, merge_actors
from ..rdf.vocab import CK, WIKIDATA_ENTITY
from .records import Entry, Manifest

__all__ = ["Change", "Checks", "Refusal", "plan_add", "plan_links", "plan_remove", "source_of"]

_CLASS = {"Government": CK.Government, "ArmedGroup": CK.ArmedGroup, "Person": CK.Person}


@dataclass(frozen=True)
class Refusal:
    """A document that was not let into the store, and why."""

    identifier: str
    reason: str
    violations: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"{self.identifier}: {self.reason}"


@dataclass(frozen=True)
class Checks:
    """The shapes and ontology a change is checked against (``owl``: run HermiT)."""

    shapes: Graph
    ontology: Graph
    owl: bool = True

    def violations(self, graph: Graph) -> tuple[str, ...]:
        report = validate_graph(graph, self.shapes, self.ontology)
        return () if report.conforms else tuple(str(v) for v in report.violations)

    def consistency(self, graph: Graph) -> ConsistencyReport | None:
        return check_consistency(graph, self.ontology) if self.owl else None


@dataclass(frozen=True)
class Change:
    """A new state of a store, what must be rewritten to reach it, and what happened.

    ``graphs`` maps document IRIs to their new graph (``None``: drop the graph);
    ``actor_keys`` are the actors whose description must be rewritten. The name lists
    hold ``dcterms:identifier`` values.
    """

    manifest: Manifest
    actors: dict[str, Actor]
    graphs: dict[str, Graph | None] = field(default_factory=dict)
    actor_keys: frozenset[str] = frozenset()
    added: tuple[str, ...] = ()
    replaced: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    remapped: tuple[str, ...] = ()
    refused: tuple[Refusal, ...] = ()
    consistency: ConsistencyReport | None = None
    checked: int = 0

    @property
    def empty(self) -> bool:
        return not self.graphs and not self.actor_keys


def source_of(document: Document) -> str | None:
    """Where a document was read from, as the store remembers it: the absolute path of its
    file, with ``#id`` for a JSONL record; ``None`` for standard input."""
    if document.source_path is None:
        return None
    path = os.path.abspath(document.source_path)
    if Path(path).suffix.lower() == ".jsonl":
        return f"{path}#{document.identifier}"
    return path


def _entry(extraction: Extraction) -> Entry:
    document = extraction.document
    stored = replace(extraction, document=replace(document, text="", boilerplate=()))
    return Entry(
        str(document_iri(document)),
        document.identifier,
        source_of(document),
        text_sha256(document.text),
        stored,
    )


def _identified(manifest: Manifest) -> list[tuple[URIRef, Extraction]]:
    return [(URIRef(iri), entry.extraction) for iri, entry in manifest.documents.items()]


def _keys(extraction: Extraction) -> set[str]:
    """Every actor key a document's graph depends on (its actors, its relations' ends)."""
    keys = {actor.key for actor in extraction.actors}
    return keys.union(*({r.subject, r.object} for r in extraction.relations))


@dataclass(frozen=True)
class _Derived:
    actors: dict[str, Actor]
    graphs: dict[str, Graph | None]
    actor_keys: frozenset[str]
    remapped: tuple[str, ...]


def _derive(
    before: Manifest, after: Manifest, old_actors: Mapping[str, Actor], new: Iterable[str]
) -> _Derived:
    """The merged actors of ``after`` and the graphs that differ from ``before``."""
    actors = merge_actors(_identified(after))
    changed = {k for k in set(old_actors) | set(actors) if old_actors.get(k) != actors.get(k)}
    changed |= {link.actor for link in set(before.links) ^ set(after.links)}
    retyped = {
        k
        for k in changed
        if k in old_actors and k in actors and old_actors[k].type != actors[k].type
    }
    new = set(new)
    graphs: dict[str, Graph | None] = {
        iri: None for iri in before.documents if iri not in after.documents
    }
    remapped = []
    for iri, entry in sorted(after.documents.items()):
        if iri in new or (retyped and _keys(entry.extraction) & retyped):
            graphs[iri] = document_graph(URIRef(iri), entry.extraction, actors)
            if iri not in new:
                remapped.append(entry.identifier)
    return _Derived(actors, graphs, frozenset(changed), tuple(remapped))


def _owl_graph(manifest: Manifest, actors: Mapping[str, Actor]) -> Graph:
    """The actor layer as HermiT sees it: types, admitted relations and ``owl:sameAs``."""
    graph = Graph()
    for key, actor in actors.items():
        graph.add((actor_iri(key), RDF.type, _CLASS[actor.type.value]))
        if actor.wikidata:
            graph.add((actor_iri(key), OWL.sameAs, WIKIDATA_ENTITY[actor.wikidata]))
    for link in manifest.links:
        if link.exact and link.actor in actors:
            graph.add((actor_iri(link.actor), OWL.sameAs, URIRef(link.target)))
    for entry in manifest.documents.values():
        for relation in entry.extraction.relations:
            subject, obj = actors.get(relation.subject), actors.get(relation.object)
            if subject and obj and relation.predicate.allows(subject.type, obj.type):
                predicate = URIRef(f"{CK._NS}{relation.predicate.value}")
                graph.add((actor_iri(relation.subject), predicate, actor_iri(relation.object)))
    return graph


def _checked_graph(derived: _Derived, links: Sequence[ActorLink]) -> Graph:
    """The changed document graphs with the descriptions of every actor they or the change
    touch (the shapes need an actor's type and label to check a relation)."""
    graph = Graph()
    for document in derived.graphs.values():
        if document is not None:
            graph += document
    nodes = _nodes(graph)
    touched = {k for k in derived.actors if actor_iri(k) in nodes} | set(derived.actor_keys)
    graph += actor_graph({k: derived.actors[k] for k in touched if k in derived.actors}, links)
    return graph


def _nodes(graph: Graph) -> set[object]:
    return set(graph.subjects()) | set(graph.objects())


def _check(
    before: Manifest,
    after: Manifest,
    old_actors: Mapping[str, Actor],
    new: set[str],
    checks: Checks,
) -> tuple[_Derived, tuple[str, ...], ConsistencyReport | None, int]:
    derived = _derive(before, after, old_actors, new)
    if not derived.graphs and not derived.actor_keys:
        return derived, (), None, 0  # nothing changes: nothing to check
    violations = checks.violations(_checked_graph(derived, after.links))
    consistency = None
    if not violations:
        consistency = checks.consistency(_owl_graph(after, derived.actors))
    checked = sum(1 for g in derived.graphs.values() if g is not None)
    return derived, violations, consistency, checked


def _with(manifest: Manifest, entry: Entry, drop: Iterable[str]) -> Manifest:
    documents = {iri: e for iri, e in manifest.documents.items() if iri not in set(drop)}
    documents[entry.iri] = entry
    return Manifest(documents, manifest.links)


def _replaces(manifest: Manifest, entry: Entry) -> list[str]:
    """The documents ``entry`` takes the place of: the same IRI, or the same source file."""
    found = [entry.iri] if entry.iri in manifest.documents else []
    if entry.source is not None:
        found += [
            iri
            for iri, other in manifest.documents.items()
            if other.source == entry.source and iri != entry.iri
        ]
    return found


def plan_add(
    manifest: Manifest,
    old_actors: Mapping[str, Actor],
    extractions: Iterable[Extraction],
    checks: Checks,
) -> Change:
    """The change that adds ``extractions`` to a store holding ``manifest``.

    A document already held with the same text is unchanged; one with the same IRI (a URL
    whose page changed) or read from the same file replaces the one held.
    """
    candidates: list[Entry] = []
    unchanged: list[str] = []
    seen: set[str] = set()
    for extraction in sorted(extractions, key=lambda e: e.document.identifier):
        entry = _entry(extraction)
        held = manifest.documents.get(entry.iri)
        if entry.iri in seen or (held is not None and held.sha256 == entry.sha256):
            unchanged.append(entry.identifier)
            continue
        seen.add(entry.iri)
        candidates.append(entry)

    def state(entries: Sequence[Entry]) -> tuple[Manifest, list[str]]:
        after, replaced = manifest, []
        for entry in entries:
            dropped = _replaces(after, entry)
            replaced += [
                manifest.documents[i].identifier for i in dropped if i in manifest.documents
            ]
            after = _with(after, entry, dropped)
        return after, replaced

    after, replaced = state(candidates)
    new = {e.iri for e in candidates}
    derived, violations, consistency, checked = _check(manifest, after, old_actors, new, checks)
    refused: list[Refusal] = []
    if violations or (consistency is not None and not consistency.consistent):
        accepted: list[Entry] = []
        for entry in candidates:
            trial, _ = state([*accepted, entry])
            _, bad, owl, _ = _check(manifest, trial, old_actors, {entry.iri}, checks)
            if bad:
                reason = f"does not conform to the shapes ({len(bad)} violations); not added"
                refused.append(Refusal(entry.identifier, reason, bad))
            elif owl is not None and not owl.consistent:
                reason = f"makes the actors inconsistent ({owl.reasoner}); not added"
                refused.append(Refusal(entry.identifier, reason, (owl.detail,)))
            else:
                accepted.append(entry)
        candidates = accepted
        after, replaced = state(candidates)
        new = {e.iri for e in candidates}
        derived, _, consistency, checked = _check(manifest, after, old_actors, new, checks)
    replaced_names = set(replaced)
    return Change(
        manifest=after,
        actors=derived.actors,
        graphs=derived.graphs,
        actor_keys=derived.actor_keys,
        added=tuple(e.identifier for e in candidates if e.identifier not in replaced_names),
        replaced=tuple(sorted(replaced_names)),
        unchanged=tuple(unchanged),
        remapped=derived.remapped,
        refused=tuple(refused),
        consistency=consistency,
        checked=checked,
    )


def plan_remove(
    manifest: Manifest, old_actors: Mapping[str, Actor], iris: Iterable[str], checks: Checks
) -> Change:
    """The change that takes the documents ``iris`` out, with every fact only they held."""
    drop = set(iris)
    documents = {iri: e for iri, e in manifest.documents.items() if iri not in drop}
    after = Manifest(documents, manifest.links)
    derived, violations, consistency, checked = _check(manifest, after, old_actors, set(), checks)
    if violations:  # cannot happen for graphs derived by the mapping; never write one
        raise ValidationError("removing these documents would break the shapes", violations)
    return Change(
        manifest=after,
        actors=derived.actors,
        graphs=derived.graphs,
        actor_keys=derived.actor_keys,
        removed=tuple(sorted(manifest.documents[i].identifier for i in drop)),
        remapped=derived.remapped,
        consistency=consistency,
        checked=checked,
    )


def plan_links(
    manifest: Manifest, old_actors: Mapping[str, Actor], links: Iterable[ActorLink], checks: Checks
) -> Change:
    """The change that replaces the store's links by ``links``."""
    after = Manifest(manifest.documents, tuple(sorted(set(links))))
    derived, violations, consistency, checked = _check(manifest, after, old_actors, set(), checks)
    if violations:
        raise ValidationError("the links do not conform to the shapes; none was added", violations)
    if consistency is not None and not consistency.consistent:
        raise ValidationError(
            f"the links make the actors inconsistent ({consistency.reasoner}); none was added",
            (consistency.detail,),
        )
    return Change(
        manifest=after,
        actors=derived.actors,
        graphs=derived.graphs,
        actor_keys=derived.actor_keys,
        consistency=consistency,
        checked=checked,
    )
