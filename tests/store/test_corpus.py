"""The corpus store: one named graph per document, an actor layer derived from all of them,
incremental adds equal to one build, removal with every fact only a document held, refusal
of documents that do not pass, and recovery from a change cut short."""

from __future__ import annotations

import itertools
import json
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic
from rdflib.namespace import SKOS
from store_synthetic import document

from conflictkg.check.validate import validate_graph
from conflictkg.errors import StoreError
from conflictkg.model import Extraction
from conflictkg.rdf.iri import actor_iri, document_iri
from conflictkg.rdf.mapping import to_graph
from conflictkg.rdf.vocab import CK
from conflictkg.store.corpus import open_store
from conflictkg.store.layout import ACTORS_GRAPH, PENDING_FILE

A = document("a.txt", "Iran supports Hezbollah.\nHezbollah opposes Israel.\n")
B = document("b.txt", "United States opposes Hezbollah.\nIran supports Syria.\n")
C = document("c.txt", "Hassan Nasrallah leads Hezbollah.\nIsrael opposes Iran.\n")
# "Kataib" is an armed group designated by the US in D, a person in E and F: the majority
# makes it a person, and D's designation (ArmedGroup -> Government) must then leave.
D = document("d.txt", "Kataib designated-by United States.\nIran supports Kataib.\n")
E = document("e.txt", "Kataib (P) opposes Israel.\n")
F = document("f.txt", "Kataib (P) supports Iran.\n")
ALL = [A, B, C, D, E, F]


def assert_same_graph(got: Graph, expected: Graph) -> None:
    if isomorphic(got, expected):
        return
    _, only_got, only_expected = graph_diff(got, expected)
    lines = [f"+ {t}" for t in sorted(only_got)] + [f"- {t}" for t in sorted(only_expected)]
    raise AssertionError("graphs differ:\n" + "\n".join(lines[:40]))


def add(path: Path, *extractions: Extraction, owl: bool = False) -> None:
    with open_store(path, create=True) as corpus:
        change = corpus.add(extractions, check_owl=owl)
        assert not change.refused, change.refused


def union(path: Path) -> Graph:
    with open_store(path, read_only=True) as corpus:
        return corpus.union_graph()


def test_each_document_is_a_named_graph_and_the_actors_another(tmp_path: Path) -> None:
    add(tmp_path / "s", A, B)
    with open_store(tmp_path / "s", read_only=True) as corpus:
        names = {g.value for g in corpus.oxigraph.named_graphs()}
        assert names == {ACTORS_GRAPH, str(document_iri(A.document)), str(document_iri(B.document))}
        in_a = {q.triple for q in corpus.quads(str(document_iri(A.document)))}
        assert not any(isinstance(q.graph_name, ox.DefaultGraph) for q in corpus.quads())
    iran, hezbollah = (ox.NamedNode(str(actor_iri(k))) for k in ("iran", "hezbollah"))
    supports = ox.NamedNode(str(CK.supports))
    assert ox.Triple(iran, supports, hezbollah) in in_a
    assert all(t.predicate != ox.NamedNode(str(RDFS.label)) for t in in_a)  # labels: actor layer


def test_batches_one_by_one_equal_one_build(tmp_path: Path) -> None:
    for number, batch in enumerate(([A, D], [B], [E, C], [F])):
        add(tmp_path / "s", *batch)
        if number == 0:
            assert (
                actor_iri("kataib"),
                CK.designatedTerrorist,
                actor_iri("united_states"),
            ) in union(tmp_path / "s")
    got = union(tmp_path / "s")
    assert_same_graph(got, to_graph(ALL))
    assert (actor_iri("kataib"), RDF.type, CK.Person) in got
    assert (actor_iri("kataib"), CK.designatedTerrorist, None) not in got  # D mapped again
    assert validate_graph(got).conforms


@pytest.mark.parametrize(
    "order", list(itertools.islice(itertools.permutations(range(4)), 0, 24, 7))
)
def test_the_order_of_arrival_changes_nothing(tmp_path: Path, order: tuple[int, ...]) -> None:
    batches = ([A, D], [B], [E, C], [F])
    for index in order:
        add(tmp_path / "s", *batches[index])
    assert_same_graph(union(tmp_path / "s"), to_graph(ALL))


def test_a_removed_document_takes_only_its_own_facts(tmp_path: Path) -> None:
    add(tmp_path / "s", A, B, C)
    with open_store(tmp_path / "s") as corpus:
        change = corpus.remove(["b.txt"], check_owl=False)
    assert change.removed == ("b.txt",)
    got = union(tmp_path / "s")
    assert_same_graph(got, to_graph([A, C]))
    assert (actor_iri("united_states"), None, None) not in got  # only B named it
    assert (actor_iri("iran"), CK.supports, actor_iri("hezbollah")) in got  # A still says it
    assert (actor_iri("iran"), CK.supports, actor_iri("syria")) not in got


def test_removing_brings_back_what_a_type_flip_took(tmp_path: Path) -> None:
    add(tmp_path / "s", *ALL)
    with open_store(tmp_path / "s") as corpus:
        change = corpus.remove(["e.txt", "f.txt"], check_owl=False)
        assert change.remapped == ("d.txt",)
    got = union(tmp_path / "s")
    assert_same_graph(got, to_graph([A, B, C, D]))
    assert (actor_iri("kataib"), CK.designatedTerrorist, actor_iri("united_states")) in got


def test_documents_are_named_by_iri_identifier_or_path(tmp_path: Path) -> None:
    add(tmp_path / "s", A, B, C)
    with open_store(tmp_path / "s") as corpus:
        iri = str(document_iri(C.document))
        assert corpus.resolve([iri, "a.txt", str(Path("b.txt").resolve())]) == sorted(
            str(document_iri(x.document)) for x in (A, B, C)
        )
        before = (tmp_path / "s" / "manifest.json").read_bytes()
        with pytest.raises(StoreError, match=r"nope\.txt: no such document"):
            corpus.remove(["a.txt", "nope.txt"])
    assert (tmp_path / "s" / "manifest.json").read_bytes() == before


def test_two_documents_with_one_name_need_their_iri(tmp_path: Path) -> None:
    first = document("2016-01/article.txt", "Iran supports Hezbollah.\n")
    second = document("2016-02/article.txt", "Israel opposes Hezbollah.\n")
    first = replace(first, document=replace(first.document, identifier="article.txt"))
    second = replace(second, document=replace(second.document, identifier="article.txt"))
    add(tmp_path / "s", first)
    add(tmp_path / "s", second)
    with open_store(tmp_path / "s") as corpus:
        assert len(corpus.documents) == 2  # separate builds keep them apart
        with pytest.raises(StoreError, match="several documents have this name"):
            corpus.resolve(["article.txt"])


def test_the_same_text_again_is_unchanged_and_a_changed_file_replaces_it(tmp_path: Path) -> None:
    add(tmp_path / "s", A)
    changed = document("a.txt", "Iran opposes Hezbollah.\n")
    with open_store(tmp_path / "s") as corpus:
        assert corpus.holds(A.document)
        again = corpus.add([A], check_owl=False)
        assert (again.added, again.unchanged) == ((), ("a.txt",))
        assert again.empty
        replaced = corpus.add([changed], check_owl=False)
        assert replaced.replaced == ("a.txt",)
        assert [e.iri for e in corpus.documents] == [str(document_iri(changed.document))]
    assert_same_graph(union(tmp_path / "s"), to_graph([changed]))


def test_a_page_at_the_same_url_replaces_its_older_version(tmp_path: Path) -> None:
    old = document("x.html", "Iran supports Hezbollah.\n", url="https://example.com/n/1")
    new = document("y.html", "Iran opposes Hezbollah.\n", url="https://example.com/n/1")
    add(tmp_path / "s", old)
    add(tmp_path / "s", new)
    got = union(tmp_path / "s")
    assert_same_graph(got, to_graph([new]))
    assert (URIRef(str(document_iri(new.document))), None, URIRef("https://example.com/n/1")) in got


def test_a_document_that_does_not_conform_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    add(tmp_path / "s", A)
    store = tmp_path / "s"
    manifest = (store / "manifest.json").read_bytes()
    with open_store(store) as corpus:
        quads = corpus.quads()
    bad = document("bad.txt", "Iran supports Hezbollah.\n")
    relation = bad.relations[0]
    broken = replace(relation, evidence=replace(relation.evidence, text="", end=0))
    bad = Extraction(bad.document, bad.actors, (broken,))
    with open_store(store) as corpus:
        change = corpus.add([bad], check_owl=False)
        assert [r.identifier for r in change.refused] == ["bad.txt"]
        assert any("evidenceText" in v for v in change.refused[0].violations)
        assert corpus.quads() == quads
    assert (store / "manifest.json").read_bytes() == manifest
    with open_store(store) as corpus:  # the good ones of a batch still enter
        change = corpus.add([bad, B], check_owl=False)
        assert change.added == ("b.txt",) and len(change.refused) == 1


def test_a_document_that_makes_the_actors_inconsistent_is_refused(tmp_path: Path) -> None:
    add(tmp_path / "s", A, owl=True)
    # "Tehran" claims Iran's Wikidata entity but is read as an armed group: two individuals
    # of disjoint classes would be the same.
    clash = document("clash.txt", "Tehran (A) opposes Israel.\n")
    tehran = replace(clash.actors[0], wikidata="Q794")
    clash = Extraction(clash.document, (tehran, *clash.actors[1:]), clash.relations)
    with open_store(tmp_path / "s") as corpus:
        change = corpus.add([clash, B], check_owl=True)
        assert [r.identifier for r in change.refused] == ["clash.txt"]
        assert "inconsistent" in change.refused[0].reason
        assert change.added == ("b.txt",)
        assert change.consistency is not None and change.consistency.consistent


def test_names_and_labels_follow_the_documents(tmp_path: Path) -> None:
    named = document("g.txt", "Hizballah (A) opposes Israel.\n")
    other = replace(named.actors[0], key="hezbollah")
    named = Extraction(named.document, (other, *named.actors[1:]), named.relations)
    add(tmp_path / "s", A, named)
    hezbollah = actor_iri("hezbollah")
    assert (hezbollah, SKOS.altLabel, Literal("Hizballah", lang="en")) in union(tmp_path / "s")
    with open_store(tmp_path / "s") as corpus:
        corpus.remove(["g.txt"], check_owl=False)
    got = union(tmp_path / "s")
    assert (hezbollah, SKOS.altLabel, None) not in got
    assert list(got.objects(hezbollah, RDFS.label)) == [Literal("Hezbollah", lang="en")]


def test_an_interrupted_change_is_finished_on_the_next_open(tmp_path: Path) -> None:
    add(tmp_path / "s", A, B)
    store = tmp_path / "s"
    iri = str(document_iri(A.document))
    with open_store(store) as corpus:  # a writer killed half way: A's graph lost
        corpus.oxigraph.remove_graph(ox.NamedNode(iri))
        corpus.oxigraph.remove_graph(ox.NamedNode(ACTORS_GRAPH))
    (store / PENDING_FILE).write_text(json.dumps({"graphs": [iri], "actors": []}))
    with open_store(store, read_only=True) as corpus:
        assert_same_graph(corpus.union_graph(), to_graph([A, B]))
    assert not (store / PENDING_FILE).exists()


def test_a_store_is_locked_while_written_and_named_in_errors(tmp_path: Path) -> None:
    add(tmp_path / "s", A)
    with open_store(tmp_path / "s"), pytest.raises(StoreError, match="another process"):
        open_store(tmp_path / "s")
    with pytest.raises(StoreError, match="not a conflictkg store"):
        open_store(tmp_path / "missing")
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("x")
    with pytest.raises(StoreError, match="not an empty folder"):
        open_store(tmp_path / "full", create=True)
    (tmp_path / "s" / "manifest.json").write_text("{")
    with pytest.raises(StoreError, match="manifest is damaged"):
        open_store(tmp_path / "s")


def test_the_manifest_is_deterministic(tmp_path: Path) -> None:
    add(tmp_path / "one", A, B, C)
    add(tmp_path / "two", C)
    add(tmp_path / "two", B, A)
    one = json.loads((tmp_path / "one" / "manifest.json").read_text())
    two = json.loads((tmp_path / "two" / "manifest.json").read_text())
    for data in (one, two):
        for entry in data["documents"]:
            entry["source"] = entry["document"]["source_path"] = None
    assert one == two
