"""The graph of a corpus in two layers, so that it can be built one document at a time.

:func:`~conflictkg.rdf.mapping.to_graph` maps a whole corpus at once. For a corpus that
does not fit in memory the same graph is split in two:

- the **actor layer**: one node per actor (type, label, other names, Wikidata link) and the
  plain relation triples between actors. An :class:`ActorLayer` accumulates it document by
  document; it grows with the number of distinct actors and relations, not with the corpus;
- the **document layer** of each document (:func:`document_graph`): its document node and
  one ``rdf:Statement`` per relation read in it.

The two layers hold exactly the triples of ``to_graph`` on the same extractions (a test
keeps it so): relations whose ends' merged types the ontology does not admit are left out
of both.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from rdflib import Graph

from ..model import Actor, ActorType, Extraction, Predicate, Relation
from .iri import actor_iri, document_iri
from .mapping import PREDICATES
from .mapping import actor_graph as describe_actors
from .mapping import document_graph as map_document

Triple = tuple[str, Predicate, str]  # actor keys and the predicate between them


@dataclass
class _Versions:
    """What the documents naming one actor say about it, reduced as they arrive."""

    first: tuple[str, int, Actor]  # (document identifier, arrival, version) of the first
    linked: tuple[str, int, str] | None  # the same for the first version with a Wikidata id
    votes: Counter[ActorType] = field(default_factory=Counter)
    names: set[str] = field(default_factory=set)


class ActorLayer:
    """Actors merged across documents and the relation triples read between them.

    Merging follows :func:`~conflictkg.rdf.mapping.merge_actors` whatever order documents
    are added in: label from the document whose identifier sorts first, the first Wikidata
    identifier in that order, the type most documents give (ties broken by name), every
    other name as an alternative label.
    """

    def __init__(self) -> None:
        self._versions: dict[str, _Versions] = {}
        self._triples: set[Triple] = set()
        self._arrivals = 0

    def add(self, extraction: Extraction) -> None:
        identifier = extraction.document.identifier
        for actor in extraction.actors:
            self._arrivals += 1
            here = (identifier, self._arrivals)
            versions = self._versions.get(actor.key)
            if versions is None:
                versions = self._versions[actor.key] = _Versions((*here, actor), None)
            elif here < versions.first[:2]:
                versions.first = (*here, actor)
            if actor.wikidata and (versions.linked is None or here < versions.linked[:2]):
                versions.linked = (*here, actor.wikidata)
            versions.votes[actor.type] += 1
            versions.names.update((actor.label, *actor.alt_labels))
        self._triples.update((r.subject, r.predicate, r.object) for r in extraction.relations)

    def actors(self) -> dict[str, Actor]:
        """The merged actors by key (what ``merge_actors`` gives for the same documents)."""
        merged = {}
        for key, versions in self._versions.items():
            first = versions.first[2]
            votes = versions.votes
            actor_type = sorted(votes, key=lambda kind: (-votes[kind], kind.value))[0]
            alt = tuple(sorted(versions.names - {first.label}))
            wikidata = versions.linked[2] if versions.linked else None
            merged[key] = Actor(key, first.label, actor_type, alt, wikidata)
        return merged

    def triples(self, actors: Mapping[str, Actor]) -> list[Triple]:
        """The relation triples whose ends' merged types the ontology admits, sorted."""
        return sorted(t for t in self._triples if _admitted(t[0], t[1], t[2], actors))

    def __len__(self) -> int:
        return len(self._versions)


def _admitted(subject: str, predicate: Predicate, obj: str, actors: Mapping[str, Actor]) -> bool:
    first, second = actors.get(subject), actors.get(obj)
    return bool(first and second and predicate.allows(first.type, second.type))


def admitted(relation: Relation, actors: Mapping[str, Actor]) -> bool:
    """Whether ``relation`` goes into the graph, given the merged ``actors``."""
    return _admitted(relation.subject, relation.predicate, relation.object, actors)


def actor_graph(actors: Iterable[Actor], triples: Iterable[Triple] = ()) -> Graph:
    """The actor layer: every actor's description (:func:`mapping.actor_graph`), and the
    plain relation triples."""
    graph = describe_actors({actor.key: actor for actor in actors})
    for subject, predicate, obj in triples:
        graph.add((actor_iri(subject), PREDICATES[predicate.value], actor_iri(obj)))
    return graph


def document_graph(extraction: Extraction, actors: Mapping[str, Actor]) -> Graph:
    """One document's layer: :func:`mapping.document_graph` without the plain relation
    triples (the statements reify them; they belong to the actor layer)."""
    graph = map_document(document_iri(extraction.document), extraction, actors)
    for relation in extraction.relations:
        predicate = PREDICATES[relation.predicate.value]
        graph.remove((actor_iri(relation.subject), predicate, actor_iri(relation.object)))
    return graph
