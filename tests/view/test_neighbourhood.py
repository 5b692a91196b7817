"""Actors by name, neighbourhoods and evidence, read alike from a Turtle file (default graph)
and from a store with one named graph per document."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from sample_graph import (
    HEZBOLLAH,
    IRAN,
    IRAQ,
    IRGC,
    ISRAEL,
    NASRALLAH,
    USA,
    write_file,
    write_named_graph_store,
)

from conflictkg.errors import QueryError
from conflictkg.store.query import open_store
from conflictkg.view.evidence import evidence
from conflictkg.view.neighbourhood import EdgeFilter, find_actors, neighbourhood, resolve_actor


@pytest.fixture(scope="module", params=["file", "named graphs"])
def store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ox.Store]:
    folder = tmp_path_factory.mktemp("graph")
    if request.param == "file":
        yield open_store(data=write_file(folder / "graph.ttl"))
    else:
        yield open_store(store=write_named_graph_store(folder / "store"))


def _triples(hood_edges: object) -> set[tuple[str, str, str, int]]:
    return {(e.subject, e.relation, e.object, e.sentences) for e in hood_edges}  # type: ignore[attr-defined]


def test_the_named_graph_store_keeps_statements_out_of_the_default_graph(tmp_path: Path) -> None:
    """The fixture really is the other layout: plain queries over it find nothing."""
    opened = open_store(store=write_named_graph_store(tmp_path / "store"))
    assert not opened.query("ASK { ?a ?p ?b }")
    assert opened.query("ASK { GRAPH ?g { ?a ?p ?b } }")


def test_one_step_around_iran(store: ox.Store) -> None:
    hood = neighbourhood(store, [IRAN], 1)
    assert hood.centre == (IRAN,)
    assert {a.iri for a in hood.actors} == {IRAN, HEZBOLLAH, IRAQ, USA, IRGC}
    # Edges between the neighbours count too (Hezbollah designated by the United States);
    # Hezbollah opposes Israel is one step further and is left out.
    assert _triples(hood.edges) == {
        (IRAN, "supports", HEZBOLLAH, 2),
        (IRAN, "supports", IRAQ, 1),
        (USA, "opposes", IRAN, 1),
        (HEZBOLLAH, "designatedTerrorist", USA, 1),
        (IRGC, "partOf", IRAN, 1),
    }
    kinds = {a.label: a.kind for a in hood.actors}
    assert kinds["Iran"] == "Government" and kinds["Hezbollah"] == "ArmedGroup"
    supports = next(e for e in hood.edges if e.object == HEZBOLLAH)
    assert supports.confidence == pytest.approx(0.9)


def test_actors_and_edges_come_in_a_fixed_order(store: ox.Store) -> None:
    hood = neighbourhood(store, [IRAN], 1)
    labels = [a.label for a in hood.actors]
    assert labels == sorted(labels)
    assert hood == neighbourhood(store, [IRAN], 1)


def test_depth(store: ox.Store) -> None:
    assert {a.iri for a in neighbourhood(store, [IRAN], 0).actors} == {IRAN}
    two = neighbourhood(store, [IRAN], 2)
    assert {ISRAEL, NASRALLAH} <= {a.iri for a in two.actors}
    assert (HEZBOLLAH, "opposes", ISRAEL, 1) in _triples(two.edges)
    with pytest.raises(QueryError, match="negative"):
        neighbourhood(store, [IRAN], -1)


def test_several_centres_are_one_neighbourhood(store: ox.Store) -> None:
    hood = neighbourhood(store, [IRAN, HEZBOLLAH], 1)
    assert {ISRAEL, NASRALLAH, IRAQ} <= {a.iri for a in hood.actors}


def test_filter_by_relation(store: ox.Store) -> None:
    hood = neighbourhood(store, [IRAN], 1, EdgeFilter(("supports",)))
    assert {e.relation for e in hood.edges} == {"supports"}
    assert {a.iri for a in hood.actors} == {IRAN, HEZBOLLAH, IRAQ}


def test_filter_by_confidence_counts_only_the_sentences_that_pass(store: ox.Store) -> None:
    hood = neighbourhood(store, [IRAN], 1, EdgeFilter(min_confidence=0.85))
    assert _triples(hood.edges) == {
        (IRAN, "supports", HEZBOLLAH, 1),  # the 0.6 sentence is below
        (IRGC, "partOf", IRAN, 1),
    }
    # Iraq (0.8) and the United States (0.75) are no longer one step away.
    assert {a.iri for a in hood.actors} == {IRAN, HEZBOLLAH, IRGC}


def test_bad_filters_name_the_valid_values() -> None:
    with pytest.raises(QueryError, match="supports, opposes, designatedTerrorist"):
        EdgeFilter(("backs",))
    with pytest.raises(QueryError, match="between 0 and 1"):
        EdgeFilter(min_confidence=1.5)


def test_the_whole_graph(store: ox.Store) -> None:
    hood = neighbourhood(store, None)
    assert hood.centre == ()
    assert len(hood.actors) == 7
    assert len(hood.edges) == 7


def test_find_actors_by_any_name(store: ox.Store) -> None:
    found = find_actors(store, "iran")
    # Iran itself first (its label), then the Guard Corps (an alternative name contains it).
    assert [m.actor.iri for m in found] == [IRAN, IRGC]
    assert found[0].sentences == 5
    assert found[1].name == "Iranian Revolutionary Guards"
    assert [m.actor.iri for m in find_actors(store, "  TEHRAN ")] == [IRAN]
    assert [m.actor.iri for m in find_actors(store, "hizballah")] == [HEZBOLLAH]
    assert find_actors(store, "") == [] and find_actors(store, "nobody at all") == []


def test_resolve_actor(store: ox.Store) -> None:
    assert resolve_actor(store, "Tehran").iri == IRAN
    assert resolve_actor(store, IRAN).label == "Iran"
    with pytest.raises(QueryError, match=r"no actor is called 'Hezbolla'.*'Hezbollah'"):
        resolve_actor(store, "Hezbolla")
    with pytest.raises(QueryError, match="no actor is called"):
        resolve_actor(store, "https://example.org/nobody")


def test_a_name_shared_by_two_actors_asks_for_the_iri(tmp_path: Path) -> None:
    data = tmp_path / "two.ttl"
    data.write_text(
        "@prefix ck: <https://w3id.org/conflictkg/ontology#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        '<https://e.org/a> a ck:Person ; rdfs:label "Ali"@en .\n'
        '<https://e.org/b> a ck:Person ; rdfs:label "Ali"@en .\n',
        encoding="utf-8",
    )
    with pytest.raises(QueryError, match=r"several actors.*<https://e\.org/a>.*<https://e\.org/b>"):
        resolve_actor(open_store(data=data), "ali")


def test_evidence_with_document_date_confidence_and_attribution(store: ox.Store) -> None:
    sentences = evidence(store, IRAN, "supports", HEZBOLLAH)
    assert [(s.text, s.document, s.confidence) for s in sentences] == [
        ("Iran has armed Hezbollah for decades.", "a.txt", 0.9),
        ("Iran may be sending Hezbollah money.", "b.txt", 0.6),
    ]
    first = sentences[0]
    assert (first.date, first.url, first.title) == ("2016-01-05", "https://example.org/a", "Alpha")
    assert first.attribution == "asserted" and first.attributed_to is None
    (said,) = evidence(store, USA, "opposes", IRAN)
    assert (said.attribution, said.attributed_to) == ("attributed", "U.S. officials")
    assert len(evidence(store, IRAN, "supports", HEZBOLLAH, min_confidence=0.7)) == 1
    assert evidence(store, IRAN, "opposes", HEZBOLLAH) == []


def test_evidence_refuses_bad_input(store: ox.Store) -> None:
    with pytest.raises(QueryError, match="unknown relation"):
        evidence(store, IRAN, "likes", HEZBOLLAH)
    with pytest.raises(QueryError, match="is not an IRI"):
        evidence(store, "<bad> } DROP ALL", "supports", HEZBOLLAH)
    with pytest.raises(QueryError, match="is not an IRI"):
        neighbourhood(store, ["not an iri"], 1)
