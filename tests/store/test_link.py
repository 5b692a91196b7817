"""Linking actors to open datasets: crosswalk tables and a reconciliation service (a local
stub following the W3C Entity Reconciliation API), with clashes refused and links valid."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Literal, URIRef
from rdflib.namespace import OWL, SKOS
from store_servers import ReconciliationStub, reconciliation_server
from store_synthetic import document

from conflictkg.check.validate import validate_graph
from conflictkg.cli import main
from conflictkg.errors import InputError
from conflictkg.rdf.iri import actor_iri
from conflictkg.rdf.links import link_iri
from conflictkg.rdf.vocab import CK
from conflictkg.store.corpus import open_store
from conflictkg.store.link import CACHE_FILE, link_store, normalize, read_crosswalk

A = document("a.txt", "Iran supports Kataib Hezbollah.\nKataib Hezbollah opposes United States.\n")
B = document("b.txt", "Hassan Nasrallah leads Hezbollah.\nHamas opposes Israel.\n")
UCDP = "https://ucdp.example/actor/"
TABLE = f"""iri\tname\taliases\ttype\tcountry\tnote
{UCDP}1\tKata'ib Hizballah\tKataib Hezbollah; KH\tArmedGroup\tIraq\tignored column
{UCDP}2\tHezbollah\tHizballah\tArmedGroup\tLebanon\t
{UCDP}3\tGovernment of Iran\t\tGovernment\tIran\t
{UCDP}4\tHamas\t\tGovernment\tPalestine\ta type clash
{UCDP}5\tNasrallah, Hassan\tHassan Nasrallah\t\t\tno type: scores less
"""


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "store"
    with open_store(path, create=True) as corpus:
        corpus.add([A, B], check_owl=False)
    return path


@pytest.fixture
def table(tmp_path: Path) -> Path:
    path = tmp_path / "ucdp_actors.tsv"
    path.write_text(TABLE, encoding="utf-8")
    return path


def _graph(store: Path):  # type: ignore[no-untyped-def]
    with open_store(store, read_only=True) as corpus:
        return corpus.union_graph()


def test_names_compare_without_case_accents_or_punctuation() -> None:
    assert normalize("Kata’ib Ḥizballah") == normalize("kataib hizballah") == "kataib hizballah"
    assert normalize("The Islamic State") == "islamic state"


def test_a_crosswalk_links_sames_proposes_close_ones_and_refuses_clashes(
    store: Path, table: Path
) -> None:
    report = link_store(store, table=table, check_owl=True)
    linked = {label: link.target for label, link in report.linked}
    proposed = {label: (link.target, link.score) for label, link in report.proposed}
    assert linked == {"Kataib Hezbollah": UCDP + "1", "Hezbollah": UCDP + "2"}  # 0.9, 1
    assert proposed["Hassan Nasrallah"] == (UCDP + "5", 0.81)  # alias 0.9, untyped x 0.9
    assert proposed["Iran"] == (UCDP + "3", 0.8)  # a government by its country
    assert "Hamas" not in linked and "Hamas" not in proposed
    assert any(c.startswith("Hamas: ucdp_actors.tsv:5 is typed Government") for c in report.clashes)
    assert "Israel" in report.left
    graph = _graph(store)
    assert (actor_iri("hezbollah"), OWL.sameAs, URIRef(UCDP + "2")) in graph
    assert (actor_iri("hassan_nasrallah"), SKOS.closeMatch, URIRef(UCDP + "5")) in graph
    axiom = link_iri(report.linked[0][1])
    assert (axiom, CK.matchedBy, Literal("crosswalk ucdp_actors.tsv")) in graph
    assert validate_graph(graph).conforms


def test_a_second_run_replaces_its_own_links_and_keeps_the_others(
    store: Path, table: Path, tmp_path: Path
) -> None:
    link_store(store, table=table, check_owl=False)
    other = tmp_path / "other.tsv"
    other.write_text("iri\tname\nhttps://acled.example/a/9\tIsrael\n", encoding="utf-8")
    link_store(store, table=other, check_owl=False)
    table.write_text(
        TABLE.replace("Hezbollah\tHizballah", "Hizbullah\tHizballah"), encoding="utf-8"
    )
    link_store(store, table=table, check_owl=False)
    graph = _graph(store)
    assert (actor_iri("hezbollah"), OWL.sameAs, URIRef(UCDP + "2")) not in graph
    assert (
        actor_iri("israel"),
        OWL.sameAs,
        URIRef("https://acled.example/a/9"),
    ) in graph  # the name, untyped: 0.9


def test_links_leave_with_the_last_document_of_their_actor(store: Path, table: Path) -> None:
    link_store(store, table=table, check_owl=False)
    with open_store(store) as corpus:
        corpus.remove(["a.txt"], check_owl=False)
    graph = _graph(store)
    assert (None, OWL.sameAs, URIRef(UCDP + "1")) not in graph
    assert (None, OWL.annotatedTarget, URIRef(UCDP + "1")) not in graph
    assert (actor_iri("hezbollah"), OWL.sameAs, URIRef(UCDP + "2")) in graph
    assert validate_graph(graph).conforms


def test_one_entity_never_makes_two_actors_one(store: Path, tmp_path: Path) -> None:
    path = tmp_path / "t.tsv"
    path.write_text(
        f"iri\tname\taliases\ttype\n{UCDP}7\tHezbollah\tHamas\tArmedGroup\n", encoding="utf-8"
    )
    report = link_store(store, table=path, check_owl=False)
    assert not report.linked
    assert {label for label, _ in report.proposed} == {"Hezbollah", "Hamas"}


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("name\tiri\n", None),
        ("iri\tlabel\nhttps://x/1\tA\n", "no 'name' column"),
        ("iri\tname\nnot an iri\tA\n", r"t\.tsv:2: 'not an iri' is not an absolute IRI"),
        ("iri\tname\ttype\nhttps://x/1\tA\tMilitia\n", "unknown type 'Militia'"),
        ("iri\tname\nhttps://x/1\t\n", "the row has no name"),
    ],
)
def test_a_bad_crosswalk_is_named_with_its_line(
    tmp_path: Path, text: str, error: str | None
) -> None:
    path = tmp_path / "t.tsv"
    path.write_text(text, encoding="utf-8")
    if error is None:
        assert read_crosswalk(path) == []
        return
    with pytest.raises(InputError, match=error):
        read_crosswalk(path)


def _entity(
    qid: str, name: str, score: float, match: bool, *types: tuple[str, str]
) -> dict[str, object]:
    return {
        "id": qid,
        "name": name,
        "score": score,
        "match": match,
        "type": [{"id": i, "name": n} for i, n in types],
    }


ENTITIES = {
    "Hamas": [_entity("Q38799", "Hamas", 100, True, ("Q17149090", "armed organization"))],
    "Hassan Nasrallah": [
        _entity("Q193384", "Hassan Nasrallah", 98, True, ("Q5", "human")),
        _entity("Q999", "Nasrallah (film)", 40, False, ("Q11424", "film")),
    ],
    "Israel": [_entity("Q801", "Israel", 100, True, ("Q3624078", "sovereign state"))],
    "Kataib Hezbollah": [
        _entity("Q1739102", "Kata'ib Hezbollah", 71, False, ("Q17149090", "armed organization"))
    ],
    "United States": [_entity("Q30", "United States", 100, True, ("Q5", "human"))],
}


def test_reconciliation_links_by_the_service_scores_and_caches(store: Path) -> None:
    with reconciliation_server(ReconciliationStub(ENTITIES)) as stub:
        report = link_store(store, reconcile=stub.url, check_owl=True)
        assert stub.requests == ["GET", "POST"]  # 8 actors: one batch
        linked = {label: link.target for label, link in report.linked}
        proposed = {label: (link.target, link.score) for label, link in report.proposed}
        wd = "http://www.wikidata.org/entity/"
        assert linked == {"Hamas": wd + "Q38799", "Hassan Nasrallah": wd + "Q193384"}
        assert proposed == {"Kataib Hezbollah": (wd + "Q1739102", 0.71)}
        assert any("United States" in c and "Person" in c for c in report.clashes)
        assert "Israel" in report.left  # the gazetteer already links it to Q801
        again = link_store(store, reconcile=stub.url, check_owl=False)
        assert stub.requests == ["GET", "POST"]  # answered from the cache
        assert again == report
    assert (store / CACHE_FILE).is_file()
    assert validate_graph(_graph(store)).conforms


def test_link_command(store: Path, table: Path) -> None:
    result = CliRunner().invoke(
        main, ["link", "--store", str(store), "--table", str(table), "--no-owl"]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("linked: 2 (owl:sameAs)\n")
    assert "clashes: 1 (never linked)" in result.stdout
    usage = CliRunner().invoke(main, ["link", "--store", str(store)])
    assert usage.exit_code == 2
