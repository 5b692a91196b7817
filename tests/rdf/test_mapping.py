"""What a store can filter on: typed dates, source URLs as IRIs, the speaker as an actor,
numbers in the form stores keep, and statements that never collide across documents."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib.namespace as rdfns
from rdflib import Literal, URIRef  # rdflib.XSD at module level makes pytest warn

from conflictkg.model import (
    Actor,
    ActorType,
    Attribution,
    Document,
    Evidence,
    Extraction,
    Predicate,
    Relation,
)
from conflictkg.rdf.iri import actor_iri, document_iri
from conflictkg.rdf.literals import date_literal, decimal_literal, integer_literal, normalized_url
from conflictkg.rdf.mapping import to_graph
from conflictkg.rdf.vocab import CK

TEXT = "Iran supports Hezbollah, Hassan Nasrallah said."
IRAN = Actor("irn", "Iran", ActorType.GOVERNMENT)
HEZBOLLAH = Actor("hezbollah", "Hezbollah", ActorType.ARMED_GROUP)
NASRALLAH = Actor("hassan_nasrallah", "Hassan Nasrallah", ActorType.PERSON, ("Nasrallah",))


def extraction(
    speaker: str | None, *, name: str = "a.txt", text: str = TEXT, **meta: str
) -> Extraction:
    relation = Relation(
        "irn",
        Predicate.SUPPORTS,
        "hezbollah",
        Evidence(name, text, 0, len(text)),
        0.9,
        "test 1.0",
        Attribution.ATTRIBUTED if speaker else Attribution.ASSERTED,
        speaker,
    )
    return Extraction(Document(name, text, name, **meta), (IRAN, HEZBOLLAH, NASRALLAH), (relation,))


@pytest.mark.parametrize(
    ("given", "lexical", "datatype"),
    [
        ("2016-01-10", "2016-01-10", rdfns.XSD.date),
        (" 2016-01-10 ", "2016-01-10", rdfns.XSD.date),
        ("2016-01-10T08:30:00Z", "2016-01-10T08:30:00Z", rdfns.XSD.dateTime),
        ("2016-01-10 08:30:00+00:00", "2016-01-10T08:30:00Z", rdfns.XSD.dateTime),
        ("2016-01-10T08:30:00.500+02:00", "2016-01-10T08:30:00.5+02:00", rdfns.XSD.dateTime),
        ("2016-01-10T08:30", "2016-01-10T08:30:00", rdfns.XSD.dateTime),
    ],
)
def test_dates_are_typed_in_the_form_oxigraph_keeps(
    given: str, lexical: str, datatype: URIRef
) -> None:
    literal = date_literal(given)
    assert literal is not None
    assert (str(literal), literal.datatype) == (lexical, datatype)
    kept = ox.Literal(str(literal), datatype=ox.NamedNode(str(datatype)))
    store = ox.Store()
    node = ox.NamedNode("https://example.org/d")
    store.add(ox.Quad(node, node, kept))
    assert next(iter(store)).object.value == lexical


@pytest.mark.parametrize("given", ["January 10, 2016", "2016-02-30", "10/01/2016", "", "2016"])
def test_what_is_not_an_iso_date_is_left_out(given: str) -> None:
    assert date_literal(given) is None
    graph = to_graph([extraction(None, date=given)])
    assert (None, rdfns.DCTERMS.date, None) not in graph


def test_the_document_carries_its_date_and_source_iri() -> None:
    graph = to_graph(
        [extraction(None, url="https://Example.com/news/1?id=7#top", date="2016-01-10")]
    )
    node = document_iri(Document("a.txt", TEXT, url="https://example.com/news/1?id=7"))
    assert (node, rdfns.DCTERMS.source, URIRef("https://example.com/news/1?id=7")) in graph
    assert (node, rdfns.DCTERMS.date, Literal("2016-01-10", datatype=rdfns.XSD.date)) in graph


@pytest.mark.parametrize(
    "url", [">", "not a url", "javascript:alert(1)", "http://user:pw@example.com/"]
)
def test_a_url_that_is_not_one_is_not_written(url: str) -> None:
    assert normalized_url(url) is None
    assert (None, rdfns.DCTERMS.source, None) not in to_graph([extraction(None, url=url)])


def test_a_known_speaker_is_the_actor_and_the_words_are_kept() -> None:
    graph = to_graph([extraction("Hassan Nasrallah")])
    ((statement, _),) = graph.subject_objects(CK.attributedToText)
    assert graph.value(statement, CK.attributedTo) == actor_iri("hassan_nasrallah")
    assert graph.value(statement, CK.attributedToText) == Literal("Hassan Nasrallah")
    other = to_graph([extraction("A senior Iranian cleric")])
    assert (None, CK.attributedTo, None) not in other
    assert (None, CK.attributedToText, Literal("A senior Iranian cleric")) in other


def test_numbers_are_written_as_stores_keep_them() -> None:
    assert [str(decimal_literal(x)) for x in (0.9, 1.0, 0.0, 0.725, 0.735, 0.05)] == [
        "0.9",
        "1",
        "0",
        "0.72",
        "0.74",
        "0.05",
    ]
    assert integer_literal(297).datatype == rdfns.XSD.integer
    graph = to_graph([extraction(None)])
    assert {o.datatype for o in graph.objects(None, CK.beginOffset)} == {rdfns.XSD.integer}


def test_the_same_sentence_in_two_documents_is_two_statements() -> None:
    first = extraction(None, name="a.txt")
    second = extraction(None, name="b.txt", text=TEXT + " ")
    graph = to_graph([first, second])
    assert len(set(graph.subjects(CK.evidenceText, None))) == 2
