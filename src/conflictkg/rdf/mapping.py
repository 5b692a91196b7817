"""Extractions to RDF: actors, relation triples, and their reified provenance.

This is where rdflib starts. A corpus is two layers:

- the **actor layer**, derived from every document: one node per actor (``id/actor/...``)
  typed ``ck:Government``, ``ck:ArmedGroup`` or ``ck:Person``, with one English
  ``rdfs:label``, its other names as ``skos:altLabel``, ``owl:sameAs`` a verified Wikidata
  entity where the gazetteer has one, and the links a user's crosswalk or a reconciliation
  service confirmed (:mod:`conflictkg.rdf.links`);
- one **document graph** per document: the document node (``dcterms:identifier``, its URL
  as an IRI, its date as ``xsd:date``/``xsd:dateTime``, its title), each relation as a plain
  triple (``?a ck:supports ?b``), and for each relation and each sentence it was read
  from an ``rdf:Statement`` with ``prov:wasDerivedFrom`` the document, the sentence, its
  offsets, a confidence, the extractor, and whether the text asserts it or attributes it
  to someone (``ck:attributedToText`` as written; ``ck:attributedTo`` the actor when the
  speaker is one of the document's actors).

Actors found in several documents are merged by key (:func:`merge_actors`): the label and
Wikidata link of the first document (ordered by identifier, then IRI), the names of all,
and the most frequent type (ties broken by name), so that the classes stay disjoint. A
relation whose merged types the ontology's domain and range do not admit is left out.
:func:`to_graph` (one graph) and a corpus store (one named graph per document plus the
actor layer) give the same triples for the same documents.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS

from ..model import Actor, ActorType, Attribution, Extraction, Relation
from .iri import actor_iri, document_iri, safe_literal, statement_iri
from .links import ActorLink, add_link
from .literals import date_literal, decimal_literal, integer_literal, source_iri
from .vocab import CK, PREFIXES, WIKIDATA_ENTITY

__all__ = [
    "IdentifiedExtraction",
    "actor_graph",
    "document_graph",
    "identify",
    "merge_actors",
    "new_graph",
    "to_graph",
]

#: An extraction with the IRI of its document (the text is not needed to map it again).
IdentifiedExtraction = tuple[URIRef, Extraction]

_CLASS = {
    ActorType.GOVERNMENT: CK.Government,
    ActorType.ARMED_GROUP: CK.ArmedGroup,
    ActorType.PERSON: CK.Person,
}
PREDICATES = {
    "supports": CK.supports,
    "opposes": CK.opposes,
    "designatedTerrorist": CK.designatedTerrorist,
    "leaderOf": CK.leaderOf,
    "memberOf": CK.memberOf,
    "partOf": CK.partOf,
}


def new_graph() -> Graph:
    """An empty graph with the project's prefixes bound."""
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES:
        graph.bind(prefix, namespace)
    return graph


def _text(value: str) -> Literal:
    return Literal(safe_literal(value))


def identify(extractions: Iterable[Extraction]) -> list[IdentifiedExtraction]:
    """Each extraction with its document's IRI (:func:`conflictkg.rdf.iri.document_iri`)."""
    return [(document_iri(e.document), e) for e in extractions]


def _order(item: IdentifiedExtraction) -> tuple[str, str]:
    return (item[1].document.identifier, str(item[0]))


def merge_actors(documents: Iterable[IdentifiedExtraction]) -> dict[str, Actor]:
    """One actor per key across documents (label and link of the first, majority type)."""
    by_key: dict[str, list[Actor]] = defaultdict(list)
    for _, extraction in sorted(documents, key=_order):
        for actor in extraction.actors:
            by_key[actor.key].append(actor)
    merged = {}
    for key, versions in by_key.items():
        votes = Counter(a.type for a in versions)
        actor_type = sorted(votes, key=lambda t: (-votes[t], t.value))[0]
        first = versions[0]
        alt = sorted({name for a in versions for name in (a.label, *a.alt_labels)} - {first.label})
        wikidata = next((a.wikidata for a in versions if a.wikidata), None)
        merged[key] = Actor(key, first.label, actor_type, tuple(alt), wikidata)
    return merged


def _add_actor(graph: Graph, actor: Actor) -> None:
    node = actor_iri(actor.key)
    graph.add((node, RDF.type, _CLASS[actor.type]))
    graph.add((node, RDFS.label, Literal(safe_literal(actor.label), lang="en")))
    for name in actor.alt_labels:
        if safe_literal(name) != safe_literal(actor.label):
            graph.add((node, SKOS.altLabel, Literal(safe_literal(name), lang="en")))
    if actor.wikidata:
        graph.add((node, OWL.sameAs, WIKIDATA_ENTITY[actor.wikidata]))


def actor_graph(actors: Mapping[str, Actor], links: Sequence[ActorLink] = ()) -> Graph:
    """The actor layer: every actor's description and the links confirmed for it.

    Links of actors that are not in ``actors`` are left out.
    """
    graph = new_graph()
    for key in sorted(actors):
        _add_actor(graph, actors[key])
    for link in sorted(links):
        if link.actor in actors:
            add_link(graph, link)
    return graph


def _add_document(graph: Graph, node: URIRef, extraction: Extraction) -> None:
    document = extraction.document
    graph.add((node, RDF.type, PROV.Entity))
    graph.add((node, DCTERMS.identifier, _text(document.identifier)))
    source = source_iri(document.url)
    if source is not None:
        graph.add((node, DCTERMS.source, source))
    date = date_literal(document.date)
    if date is not None:
        graph.add((node, DCTERMS.date, date))
    if document.title:
        graph.add((node, DCTERMS.title, Literal(safe_literal(document.title), lang="en")))


def _speakers(extraction: Extraction) -> dict[str, str]:
    """The document's actors by the names it uses for them (names two actors share: none)."""
    found: dict[str, set[str]] = defaultdict(set)
    for actor in extraction.actors:
        for name in (actor.label, *actor.alt_labels):
            found[name].add(actor.key)
    return {name: next(iter(keys)) for name, keys in found.items() if len(keys) == 1}


def speakers(extraction: Extraction, actors: Mapping[str, Actor]) -> dict[str, str]:
    """The keys of ``actors`` a statement of ``extraction`` can be attributed to, by the
    names the document uses for them."""
    return {name: key for name, key in _speakers(extraction).items() if key in actors}


def _add_relation(
    graph: Graph, relation: Relation, document: URIRef, speakers: Mapping[str, str]
) -> None:
    subject, obj = actor_iri(relation.subject), actor_iri(relation.object)
    predicate = PREDICATES[relation.predicate.value]
    graph.add((subject, predicate, obj))
    evidence = relation.evidence
    statement = statement_iri(
        str(document),
        relation.subject,
        relation.predicate.value,
        relation.object,
        evidence.begin,
        evidence.end,
    )
    graph.add((statement, RDF.type, RDF.Statement))
    graph.add((statement, RDF.subject, subject))
    graph.add((statement, RDF.predicate, predicate))
    graph.add((statement, RDF.object, obj))
    graph.add((statement, PROV.wasDerivedFrom, document))
    graph.add((statement, CK.evidenceText, _text(evidence.text)))
    graph.add((statement, CK.beginOffset, integer_literal(evidence.begin)))
    graph.add((statement, CK.endOffset, integer_literal(evidence.end)))
    graph.add((statement, CK.confidence, decimal_literal(relation.confidence)))
    graph.add((statement, CK.extractor, _text(relation.extractor)))
    graph.add((statement, CK.attribution, _text(relation.attribution.value)))
    if relation.attribution is Attribution.ATTRIBUTED and relation.attributed_to:
        graph.add((statement, CK.attributedToText, _text(relation.attributed_to)))
        speaker = speakers.get(relation.attributed_to)
        if speaker is not None:
            graph.add((statement, CK.attributedTo, actor_iri(speaker)))


def document_graph(node: URIRef, extraction: Extraction, actors: Mapping[str, Actor]) -> Graph:
    """The document graph of ``extraction`` (document IRI ``node``) given the merged
    ``actors`` of the corpus it belongs to: relations between actors whose merged types the
    ontology admits, and their statements."""
    graph = new_graph()
    _add_document(graph, node, extraction)
    named = speakers(extraction, actors)
    for relation in extraction.relations:
        subject, obj = actors.get(relation.subject), actors.get(relation.object)
        if subject and obj and relation.predicate.allows(subject.type, obj.type):
            _add_relation(graph, relation, node, named)
    return graph


def to_graph(extractions: Sequence[Extraction], links: Sequence[ActorLink] = ()) -> Graph:
    """The RDF graph of a set of extractions: the actor layer and every document graph."""
    documents = identify(extractions)
    actors = merge_actors(documents)
    graph = actor_graph(actors, links)
    for node, extraction in documents:
        graph += document_graph(node, extraction, actors)
    return graph
