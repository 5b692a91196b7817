"""Extractions to RDF: actors, relation triples, and their reified provenance.

This is where rdflib starts. For a set of documents the graph holds

- one node per actor (``id/actor/...``) typed ``ck:Government``, ``ck:ArmedGroup`` or
  ``ck:Person``, with one English ``rdfs:label``, its other names as ``skos:altLabel`` and
  ``owl:sameAs`` a verified Wikidata entity where the gazetteer has one;
- each relation as a plain triple (``?a ck:supports ?b``);
- for each relation and each document sentence it was read from, an ``rdf:Statement``
  with ``prov:wasDerivedFrom`` the document, the sentence, its offsets, a confidence, the
  extractor, and whether the text asserts it or attributes it to someone;
- one node per document with ``dcterms:identifier`` (the file name) and, where known, its
  URL, date and title.

Actors found in several documents are merged by key; their type is the most frequent one
(ties broken by name) so that the classes stay disjoint.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS

from ..model import Actor, ActorType, Attribution, Document, Extraction, Relation
from .iri import actor_iri, document_iri, safe_literal, statement_iri
from .vocab import CK, PREFIXES, WIKIDATA_ENTITY

_CLASS = {
    ActorType.GOVERNMENT: CK.Government,
    ActorType.ARMED_GROUP: CK.ArmedGroup,
    ActorType.PERSON: CK.Person,
}
_PREDICATE = {
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


def merge_actors(extractions: Sequence[Extraction]) -> dict[str, Actor]:
    """One actor per key across documents (label and link of the first, majority type)."""
    by_key: dict[str, list[Actor]] = defaultdict(list)
    for extraction in sorted(extractions, key=lambda e: e.document.identifier):
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


def _add_document(graph: Graph, document: Document) -> URIRef:
    node = document_iri(document.identifier)
    graph.add((node, RDF.type, PROV.Entity))
    graph.add((node, DCTERMS.identifier, _text(document.identifier)))
    if document.url:
        graph.add((node, DCTERMS.source, _text(document.url)))
    if document.date:
        graph.add((node, DCTERMS.date, _text(document.date)))
    if document.title:
        graph.add((node, DCTERMS.title, Literal(safe_literal(document.title), lang="en")))
    return node


def _add_actor(graph: Graph, actor: Actor) -> None:
    node = actor_iri(actor.key)
    graph.add((node, RDF.type, _CLASS[actor.type]))
    graph.add((node, RDFS.label, Literal(safe_literal(actor.label), lang="en")))
    for name in actor.alt_labels:
        if safe_literal(name) != safe_literal(actor.label):
            graph.add((node, SKOS.altLabel, Literal(safe_literal(name), lang="en")))
    if actor.wikidata:
        graph.add((node, OWL.sameAs, WIKIDATA_ENTITY[actor.wikidata]))


def _add_relation(graph: Graph, relation: Relation, document: URIRef) -> None:
    subject, obj = actor_iri(relation.subject), actor_iri(relation.object)
    predicate = _PREDICATE[relation.predicate.value]
    graph.add((subject, predicate, obj))
    evidence = relation.evidence
    statement = statement_iri(
        evidence.document,
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
    graph.add((statement, CK.beginOffset, Literal(evidence.begin, datatype=XSD.nonNegativeInteger)))
    graph.add((statement, CK.endOffset, Literal(evidence.end, datatype=XSD.nonNegativeInteger)))
    graph.add(
        (statement, CK.confidence, Literal(f"{relation.confidence:.2f}", datatype=XSD.decimal))
    )
    graph.add((statement, CK.extractor, _text(relation.extractor)))
    graph.add((statement, CK.attribution, _text(relation.attribution.value)))
    if relation.attribution is Attribution.ATTRIBUTED and relation.attributed_to:
        graph.add((statement, CK.attributedTo, _text(relation.attributed_to)))


def to_graph(extractions: Sequence[Extraction]) -> Graph:
    """The RDF graph of a set of extractions (see the module docstring for its shape)."""
    graph = new_graph()
    actors = merge_actors(extractions)
    for key in sorted(actors):
        _add_actor(graph, actors[key])
    for extraction in extractions:
        document = _add_document(graph, extraction.document)
        for relation in extraction.relations:
            subject, obj = actors.get(relation.subject), actors.get(relation.object)
            if subject and obj and relation.predicate.allows(subject.type, obj.type):
                _add_relation(graph, relation, document)
    return graph
