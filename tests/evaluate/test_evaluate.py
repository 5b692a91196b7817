"""The scorer against small hand-made graphs and gold files (not against extractor output)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import rdflib
from rdflib.namespace import RDF, RDFS, SKOS

from conflictkg.errors import InputError
from conflictkg.evaluate.compare import (
    PREDICATES,
    Counts,
    DocumentScore,
    EntityCounts,
    find_gold_for,
    load_gold,
    micro_average,
    render_details,
    render_json,
    render_table,
    score_graph,
)
from conflictkg.evaluate.gold import Gold, normalise_name, wikidata_id
from conflictkg.rdf.vocab import CK, INSTANCE_NS
from conftest import CORPUS_GOLD, SHARED

PREFIXES = """\
@prefix ck: <https://w3id.org/conflictkg/ontology#> .
@prefix id: <https://w3id.org/conflictkg/id/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix wd: <http://www.wikidata.org/entity/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def _entity(eid: str, etype: Any, names: list[str], **extra: Any) -> dict[str, Any]:
    return {"id": eid, "type": etype, "names": names, "wikidata": None, "optional": False} | extra


def _edge(s: str, p: str, o: str, optional: bool = False, evidence: str = "") -> dict[str, Any]:
    return {"s": s, "p": p, "o": o, "evidence": evidence, "optional": optional}


GOLD: dict[str, Any] = {
    "doc": "small.txt",
    "source": "hand-made",
    "entities": [
        _entity("iran", "Government", ["Iran", "Tehran"], wikidata="Q794"),
        _entity("isis", "ArmedGroup", ["Islamic State", "ISIS"], wikidata="Q2429253"),
        _entity("iraq", "Government", ["Iraq", "Baghdad"]),
        _entity("soleimani", "Person", ["Qassem Soleimani"]),
        _entity("quds", "ArmedGroup", ["Quds Force"]),
        _entity("pyd", ["ArmedGroup", "Actor"], ["PYD"]),
        _entity("khamenei", "Person", ["Khamenei"], optional=True),
    ],
    "relations": [
        _edge("iran", "supports", "iraq", evidence="Iran sent arms to Iraq."),
        _edge("iran", "opposes", "isis"),
        _edge("iraq", "opposes", "isis", evidence="Iraq fights the Islamic State."),
        _edge("isis", "designatedTerrorist", "iraq"),
        _edge("iraq", "supports", "iran", optional=True),
        _edge("khamenei", "supports", "quds"),
    ],
    "structure": [
        _edge("soleimani", "leaderOf", "quds", evidence="Quds Force commander Soleimani"),
        _edge("quds", "partOf", "iran", optional=True),
    ],
}


@pytest.fixture
def gold(tmp_path: Path) -> Gold:
    return _write_gold(tmp_path, GOLD)


def _write_gold(tmp_path: Path, data: dict[str, Any], name: str = "small.json") -> Gold:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return load_gold(path)


def _graph(body: str) -> rdflib.Graph:
    return rdflib.Graph().parse(data=PREFIXES + body, format="turtle")


def _counts(counts: Counts) -> tuple[int, int, int]:
    return (counts.tp, counts.fp, counts.fn)


# --- names -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("The Islamic State's", "islamic state"),
        ("the Islamic State’s", "islamic state"),
        ("ISLAMIC  STATE", "islamic state"),
        ("U.S.", "us"),
        ("Houthis’", "houthis"),
        ("Kata'ib Hezbollah", "kataib hezbollah"),
        ("Kata`ib Hezbollah", "kataib hezbollah"),
        ("Abbás al-Mūsawi", "abbas almusawi"),
        ("Theocracy", "theocracy"),
    ],
)
def test_normalise_name(raw: str, expected: str) -> None:
    assert normalise_name(raw) == expected


def test_wikidata_id_accepts_ids_and_entity_iris() -> None:
    assert wikidata_id("Q794") == "Q794"
    assert wikidata_id("http://www.wikidata.org/entity/Q794") == "Q794"
    assert wikidata_id("https://www.wikidata.org/wiki/Q794") == "Q794"
    assert wikidata_id("http://dbpedia.org/resource/Iran") is None


# --- entities ----------------------------------------------------------------------------


def test_match_by_same_as_even_when_labels_do_not_match(gold: Gold) -> None:
    score = score_graph(
        _graph('id:a a ck:Government ; rdfs:label "Islamic Republic" ; owl:sameAs wd:Q794 .'),
        gold,
    )
    assert _counts(score.entities) == (1, 0, 5)
    assert score.details.missed_entities == ("isis", "iraq", "soleimani", "quds", "pyd")


def test_same_as_to_unlisted_id_falls_back_to_labels(gold: Gold) -> None:
    score = score_graph(
        _graph('id:a a ck:Government ; rdfs:label "Baghdad" ; owl:sameAs wd:Q999999 .'), gold
    )
    assert score.entities.tp == 1
    assert "iraq" not in score.details.missed_entities


def test_same_as_wins_over_labels(gold: Gold) -> None:
    graph = _graph('id:a a ck:Government ; rdfs:label "Iraq" ; owl:sameAs wd:Q794 .')
    score = score_graph(graph, gold)
    assert "iran" not in score.details.missed_entities
    assert "iraq" in score.details.missed_entities


def test_match_by_alt_label_after_normalisation(gold: Gold) -> None:
    graph = _graph(
        'id:a a ck:ArmedGroup ; rdfs:label "Daesh fighters" ;'
        ' skos:altLabel "The Islamic State\'s" .'
    )
    score = score_graph(graph, gold)
    assert _counts(score.entities) == (1, 0, 5)
    assert "isis" not in score.details.missed_entities


def test_rdfs_label_beats_alt_label_and_alt_labels_go_in_sorted_order(gold: Gold) -> None:
    graph = _graph(
        """
        id:a a ck:Government ; rdfs:label "Iraq" ; skos:altLabel "Iran" .
        id:b a ck:Government ; skos:altLabel "Tehran", "Baghdad" .
        """
    )
    score = score_graph(graph, gold)
    # a -> iraq by rdfs:label; b -> iraq by its first sorted altLabel "Baghdad": a duplicate.
    assert _counts(score.entities) == (1, 1, 5)
    (duplicate,) = score.details.duplicates
    assert (duplicate.node, duplicate.gold_id, duplicate.matched_by) == (
        str(INSTANCE_NS.b),
        "iraq",
        "skos:altLabel",
    )


def test_second_node_for_an_entity_is_a_duplicate_false_positive(gold: Gold) -> None:
    graph = _graph(
        """
        id:iran a ck:Government ; rdfs:label "Iran" .
        id:tehran a ck:Government ; rdfs:label "Tehran" .
        """
    )
    entities = score_graph(graph, gold).entities
    assert (entities.tp, entities.fp, entities.duplicates) == (1, 1, 1)
    assert entities.precision == 0.5


def test_unmatched_node_is_a_false_positive(gold: Gold) -> None:
    graph = _graph('id:hamas a ck:ArmedGroup ; rdfs:label "Hamas" .')
    score = score_graph(graph, gold)
    assert _counts(score.entities) == (0, 1, 6)
    assert [n.label for n in score.details.false_entities] == ["Hamas"]


def test_optional_entity_is_ignored(gold: Gold) -> None:
    graph = _graph('id:k a ck:Person ; rdfs:label "Khamenei" .')
    assert _counts(score_graph(graph, gold).entities) == (0, 0, 6)


def test_type_accuracy_over_hits(gold: Gold) -> None:
    graph = _graph(
        """
        id:iran a ck:ArmedGroup ; rdfs:label "Iran" .
        id:iraq a ck:Actor ; rdfs:label "Iraq" .
        id:isis a ck:ArmedGroup, ck:Actor ; rdfs:label "ISIS" .
        id:pyd a ck:Actor ; rdfs:label "PYD" .
        id:quds a ck:ArmedGroup, ck:Government ; rdfs:label "Quds Force" .
        id:k a ck:Government ; rdfs:label "Khamenei" .
        """
    )
    entities = score_graph(graph, gold).entities
    # correct: isis (Actor beside a specific class is ignored), pyd (gold allows Actor);
    # wrong: iran, iraq (bare Actor), quds (two disjoint classes). Khamenei is optional.
    assert (entities.tp, entities.type_correct) == (5, 2)
    assert entities.type_accuracy == pytest.approx(0.4)


# --- relations ---------------------------------------------------------------------------


def test_relations_hits_misses_and_per_predicate(gold: Gold) -> None:
    graph = _graph(
        """
        id:iran a ck:Government ; rdfs:label "Iran" ; ck:supports id:iraq ; ck:opposes id:isis .
        id:iraq a ck:Government ; rdfs:label "Iraq" ; ck:opposes id:iran .
        id:isis a ck:ArmedGroup ; rdfs:label "ISIS" .
        """
    )
    score = score_graph(graph, gold)
    assert _counts(score.relations) == (2, 1, 2)
    assert _counts(score.predicate("supports")) == (1, 0, 0)
    assert _counts(score.predicate("opposes")) == (1, 1, 1)
    assert _counts(score.predicate("designatedTerrorist")) == (0, 0, 1)
    assert score.relations.precision == pytest.approx(2 / 3)
    assert score.relations.recall == pytest.approx(0.5)
    assert [p for p, _ in score.predicates] == list(PREDICATES)


def test_edge_to_unmatched_node_is_a_false_positive(gold: Gold) -> None:
    graph = _graph(
        """
        id:iran a ck:Government ; rdfs:label "Iran" ; ck:supports id:hamas, id:untyped .
        id:hamas a ck:ArmedGroup ; rdfs:label "Hamas" .
        """
    )
    score = score_graph(graph, gold)
    assert _counts(score.relations) == (0, 2, 4)
    wrong = {(e.subject, e.object) for e in score.details.wrong_edges}
    assert wrong == {
        ("iran", f'"Hamas" <{INSTANCE_NS.hamas}>'),
        ("iran", f"<{INSTANCE_NS.untyped}>"),
    }


def test_optional_relation_and_optional_entity_edges_are_ignored(gold: Gold) -> None:
    graph = _graph(
        """
        id:iraq a ck:Government ; rdfs:label "Iraq" ; ck:supports id:iran .
        id:iran a ck:Government ; rdfs:label "Iran" ; ck:opposes id:k .
        id:k a ck:Person ; rdfs:label "Khamenei" ; ck:supports id:quds, id:hamas .
        id:quds a ck:ArmedGroup ; rdfs:label "Quds Force" ; ck:partOf id:iran .
        id:hamas a ck:ArmedGroup ; rdfs:label "Hamas" .
        """
    )
    score = score_graph(graph, gold)
    assert _counts(score.relations) == (0, 0, 4)
    assert _counts(score.structure) == (0, 0, 1)


def test_gold_edge_touching_an_optional_entity_is_not_required(gold: Gold) -> None:
    # GOLD lists "khamenei supports quds" as non-optional, but khamenei is optional.
    graph = _graph('id:q a ck:ArmedGroup ; rdfs:label "Quds Force" .')
    score = score_graph(graph, gold)
    assert score.relations.fn == 4
    assert all(edge.subject != "khamenei" for edge in score.details.missed_edges)


def test_blank_node_actors_give_deterministic_details(gold: Gold) -> None:
    body = """
        [] a ck:Government ; rdfs:label "Iran" ; ck:supports [ a ck:ArmedGroup ;
           rdfs:label "Hamas" ] .
        [] a ck:Government ; rdfs:label "Tehran" .
        [] a ck:Government ; skos:prefLabel "Tehran" .
        """
    first = render_details([score_graph(_graph(body), gold)])
    assert first == render_details([score_graph(_graph(body), gold)])
    assert 'iran supports "Hamas" [blank node]' in first
    assert '"Tehran" [blank node] -> iran (by skos:prefLabel)' in first


def test_duplicate_nodes_give_one_hit_per_gold_triple(gold: Gold) -> None:
    graph = _graph(
        """
        id:iran a ck:Government ; rdfs:label "Iran" ; ck:supports id:iraq .
        id:tehran a ck:Government ; rdfs:label "Tehran" ; ck:supports id:iraq ; ck:opposes id:iraq .
        id:iran ck:opposes id:iraq .
        id:iraq a ck:Government ; rdfs:label "Iraq" .
        """
    )
    score = score_graph(graph, gold)
    assert _counts(score.relations) == (1, 1, 3)


def test_structure_is_scored_separately(gold: Gold) -> None:
    graph = _graph(
        """
        id:s a ck:Person ; rdfs:label "Qassem Soleimani" ; ck:leaderOf id:q ; ck:memberOf id:q .
        id:q a ck:ArmedGroup ; rdfs:label "Quds Force" .
        """
    )
    score = score_graph(graph, gold)
    assert _counts(score.structure) == (1, 1, 0)
    assert _counts(score.relations) == (0, 0, 4)
    assert _counts(score.predicate("leaderOf")) == (1, 0, 0)
    assert _counts(score.predicate("memberOf")) == (0, 1, 0)


CONFIDENCE_GRAPH = """
id:iran a ck:Government ; rdfs:label "Iran" ; ck:supports id:iraq ; ck:opposes id:isis .
id:iraq a ck:Government ; rdfs:label "Iraq" ; ck:opposes id:isis, id:iran .
id:isis a ck:ArmedGroup ; rdfs:label "ISIS" .
[] a rdf:Statement ; rdf:subject id:iran ; rdf:predicate ck:supports ; rdf:object id:iraq ;
   ck:confidence "0.3"^^xsd:decimal ; ck:evidenceText "Iran helped Iraq." .
[] a rdf:Statement ; rdf:subject id:iran ; rdf:predicate ck:opposes ; rdf:object id:isis ;
   ck:confidence 0.4 .
[] a rdf:Statement ; rdf:subject id:iran ; rdf:predicate ck:opposes ; rdf:object id:isis ;
   ck:confidence 0.9 .
[] a rdf:Statement ; rdf:subject id:iraq ; rdf:predicate ck:opposes ; rdf:object id:iran ;
   ck:confidence 0.2 ; ck:evidenceText "Iraq and Iran quarrel." ;
   ck:beginOffset 10 ; ck:endOffset 32 .
"""


@pytest.mark.parametrize(
    ("threshold", "expected"),
    [(0.0, (3, 1, 1)), (0.25, (3, 0, 1)), (0.5, (2, 0, 2)), (0.95, (1, 0, 3))],
)
def test_min_confidence(gold: Gold, threshold: float, expected: tuple[int, int, int]) -> None:
    # iran supports iraq: 0.3; iran opposes isis: max(0.4, 0.9); iraq opposes isis: no
    # statement (1.0); iraq opposes iran: 0.2, a false positive.
    score = score_graph(_graph(CONFIDENCE_GRAPH), gold, min_confidence=threshold)
    assert _counts(score.relations) == expected
    assert score.min_confidence == threshold


def test_details_list_gold_and_graph_evidence(gold: Gold) -> None:
    score = score_graph(_graph(CONFIDENCE_GRAPH), gold, document="conf")
    text = render_details([score])
    assert text.startswith("== conf\n")
    assert "isis designatedTerrorist iraq" in text
    assert 'graph: "Iraq and Iran quarrel." [10-32] confidence 0.20' in text
    assert "soleimani leaderOf quds" in text
    assert "gold: Quds Force commander Soleimani" in text
    assert "missed entities (3):\n    soleimani, quds, pyd" in text


# --- averaging and rendering ------------------------------------------------------------


def _two_scores(tmp_path: Path, gold: Gold) -> list[DocumentScore]:
    other = _write_gold(
        tmp_path,
        {
            "doc": "other.txt",
            "entities": [_entity("a", "Government", ["Alpha"]), _entity("b", "Person", ["Bo"])],
            "relations": [_edge("a", "opposes", "b")],
            "structure": [],
        },
        name="other.json",
    )
    first = score_graph(_graph(CONFIDENCE_GRAPH), gold)
    second = score_graph(
        _graph(
            """
            id:a a ck:Government ; rdfs:label "Alpha" ; ck:opposes id:b ; ck:supports id:b .
            id:b a ck:Person ; rdfs:label "Bo" ; ck:leaderOf id:a .
            """
        ),
        other,
    )
    return [first, second]


def test_micro_average_sums_counts(tmp_path: Path, gold: Gold) -> None:
    first, second = _two_scores(tmp_path, gold)
    assert _counts(first.relations) == (3, 1, 1)
    assert _counts(second.relations) == (1, 1, 0)
    total = micro_average([first, second])
    assert total.documents == 2
    assert _counts(total.relations) == (4, 2, 1)
    assert total.relations.precision == pytest.approx(4 / 6)
    assert total.relations.recall == pytest.approx(4 / 5)
    assert _counts(total.structure) == (0, 1, 1)
    assert _counts(total.predicate("opposes")) == (3, 1, 0)
    assert _counts(total.predicate("supports")) == (1, 1, 0)
    assert total.entities == EntityCounts(tp=5, fp=0, fn=3, duplicates=0, type_correct=5)


def test_counts_arithmetic() -> None:
    assert Counts(1, 2, 3) + Counts(1, 1, 1) == Counts(2, 3, 4)
    assert (Counts().precision, Counts().recall, Counts().f1) == (1.0, 1.0, 1.0)
    assert (Counts(fn=2).precision, Counts(fn=2).f1) == (0.0, 0.0)
    assert Counts(tp=1, fp=1, fn=1).f1 == pytest.approx(0.5)
    assert EntityCounts(tp=2, duplicates=1, type_correct=1) + EntityCounts(
        tp=1, type_correct=1
    ) == EntityCounts(tp=3, duplicates=1, type_correct=2)


def test_render_table_has_document_rows_micro_row_and_predicates(
    tmp_path: Path, gold: Gold
) -> None:
    scores = _two_scores(tmp_path, gold)
    table = render_table(scores, micro_average(scores))
    lines = table.splitlines()
    assert any(line.startswith("small.txt ") for line in lines)
    assert any(line.startswith("other.txt ") for line in lines)
    (micro,) = [line for line in lines if line.startswith("micro ")]
    assert "0.667" in micro  # relation precision 4/6
    for name in ("supports", "opposes", "designatedTerrorist", "leaderOf"):
        assert any(line.startswith(name + " ") for line in lines)


def test_render_json_round_trips_and_is_deterministic(tmp_path: Path, gold: Gold) -> None:
    scores = _two_scores(tmp_path, gold)
    total = micro_average(scores)
    text = render_json(scores, total)
    assert text == render_json(scores, total)
    data = json.loads(text)
    assert list(data) == ["documents", "micro"]
    assert [d["document"] for d in data["documents"]] == ["small.txt", "other.txt"]
    assert data["micro"]["relations"]["tp"] == 4
    assert data["micro"]["entities"]["type_accuracy"] == 1.0
    assert list(data["micro"]["predicates"]) == list(PREDICATES)


# --- gold files --------------------------------------------------------------------------


def test_load_gold_rejects_malformed_json_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"entities": [', encoding="utf-8")
    with pytest.raises(InputError, match=r"broken\.json"):
        load_gold(path)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"relations": None}, "'relations' must be a list"),
        ({"structure": "missing"}, "missing key 'structure'"),
        ({"relations": [_edge("iran", "supports", "nobody")]}, "unknown entity id 'nobody'"),
        ({"relations": [_edge("iran", "leaderOf", "iraq")]}, "predicate 'leaderOf'"),
        ({"entities": [_entity("x", "Country", ["X"])]}, "'type' must be one of"),
    ],
)
def test_load_gold_rejects_bad_content(
    tmp_path: Path, change: dict[str, Any], message: str
) -> None:
    data = dict(GOLD) | change
    if change.get("structure") == "missing":
        del data["structure"]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InputError, match=message) as caught:
        load_gold(path)
    assert "bad.json" in str(caught.value)


def test_find_gold_for(tmp_path: Path) -> None:
    (tmp_path / "article.json").write_text("{}", encoding="utf-8")
    assert find_gold_for(Path("texts/article.txt"), tmp_path) == tmp_path / "article.json"
    with pytest.raises(InputError, match=r"other\.json"):
        find_gold_for(Path("texts/other.txt"), tmp_path)


def _graph_from_gold(gold: Gold) -> rdflib.Graph:
    graph = rdflib.Graph()
    for entity in gold.entities:
        node = INSTANCE_NS[entity.id]
        graph.add((node, RDF.type, CK[entity.types[0]]))
        graph.add((node, RDFS.label, rdflib.Literal(entity.names[0], lang="en")))
        graph.add((node, SKOS.altLabel, rdflib.Literal(entity.names[-1], lang="en")))
    for edge in (*gold.relations, *gold.structure):
        if not edge.optional:
            graph.add((INSTANCE_NS[edge.s], CK[edge.p], INSTANCE_NS[edge.o]))
    return graph


@pytest.mark.parametrize("path", sorted(CORPUS_GOLD.glob("*.json")), ids=lambda p: p.stem)
def test_corpus_gold_scores_perfectly_against_itself(path: Path) -> None:
    gold = load_gold(path)
    assert gold.ambiguous_names() == {}
    assert find_gold_for(Path(gold.doc), CORPUS_GOLD) == path
    score = score_graph(_graph_from_gold(gold), gold)
    for counts in (score.entities, score.relations):
        assert (counts.precision, counts.recall, counts.f1) == (1.0, 1.0, 1.0)
        assert counts.tp > 0
    required = [edge for edge in gold.structure if not edge.optional]
    assert (score.structure.tp, score.structure.fp, score.structure.fn) == (len(required), 0, 0)
    assert score.entities.type_accuracy == 1.0
    assert score.entities.duplicates == 0
    assert render_details([score]) == f"== {gold.doc}\n  no errors\n"


def test_corpus_has_twenty_gold_files_copied_from_shared() -> None:
    names = sorted(path.name for path in CORPUS_GOLD.glob("*.json"))
    assert len(names) == 20
    shared = SHARED / "corpus" / "gold"
    if shared.is_dir():  # the copy follows ../shared/corpus
        assert names == sorted(path.name for path in shared.glob("*.json"))
        for name in names:
            assert (CORPUS_GOLD / name).read_bytes() == (shared / name).read_bytes(), name
            text = Path(name).with_suffix(".txt").name
            copy, original = CORPUS_GOLD.parent / "texts" / text, shared.parent / "texts" / text
            assert copy.read_bytes() == original.read_bytes(), text
