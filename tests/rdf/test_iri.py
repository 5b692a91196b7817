"""IRIs are stable, short, injective and always valid; hostile text survives every parser."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
import rdflib.compare
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import RDF, RDFS, SKOS, Literal

from conflictkg.model import Document
from conflictkg.rdf.iri import (
    actor_iri,
    document_iri,
    document_key,
    extractor_iri,
    safe_literal,
    statement_iri,
)
from conflictkg.rdf.serialize import serialize_turtle
from conflictkg.rdf.vocab import CK, INSTANCE_NS

MAX_ACTOR_IRI = 108  # …/id/actor/ + 60 + "-" + 10
MAX_IRI = 112  # …/id/extractor/ + 60 + "-" + 10

# Every code point, lone surrogates and controls included.
any_char = st.characters(exclude_categories=())
hostile_char = st.sampled_from(
    [
        *"\"'<>{}|\\^`\t\n\r\x00\x01\x1f\x7f\x85\u2028\u2029\ufeff\ufffe\uffff",
        *("\ud800", "\udfff", "\u0301", "\u05d0", "\u0627", "\u202e", "\U0001f642", " ", "_", "-"),
    ]
)
keys = st.one_of(
    st.text(st.one_of(any_char, hostile_char), max_size=80),
    st.text(st.sampled_from("ab_- 9"), max_size=12),  # near-collisions of faithful keys
    st.from_regex(r"[a-z0-9]+(?:[_-][a-z0-9]+)*(?:-[0-9a-f]{10})?", fullmatch=True),
    st.just(" \t\n"),
    st.just(""),
    st.builds(lambda c, n: c * n, hostile_char, st.integers(1, 10_000)),
)

HOSTILE = [
    "",
    " ",
    "\t\n ",
    'Hay\'at "Tahrir" <al-Sham> {x} \\ | ^ `',
    "a\x00b\x01c\x1fd\x7fe\x85f",
    "lone \ud800 surrogate \udfff",
    "pair \ud83d\ude42 joined",
    "e\u0301 cafe\u0301 Ç",
    "\u0627\u0644\u062f\u0648\u0644\u0629 \u05d0\u05d1 \u202eRTL override",
    "line\nbreak\r\ntab\tend",
    "\u2028\u2029\ufeff\ufffe\uffff\U0010fffd",
    "x" * 10_000,
    '"""triple""" \'\'\' \\u0041 \\n',
    "ends with backslash \\",
    'ends with quote "',
]


def test_gazetteer_keys_are_kept_readable() -> None:
    assert str(actor_iri("irn")) == "https://w3id.org/conflictkg/id/actor/irn"
    assert str(actor_iri("islamic_state")) == "https://w3id.org/conflictkg/id/actor/islamic_state"
    assert str(actor_iri("hezbollah-lb")) == "https://w3id.org/conflictkg/id/actor/hezbollah-lb"


def test_iris_never_change() -> None:
    """Published IRIs: changing the scheme breaks every link to every export."""
    expected = {
        "Iran": "actor/iran-18d4e17076",
        "Hay'at Tahrir al-Sham": "actor/hayat_tahrir_al-sham-318989c1cf",
        "": "actor/-e3b0c44298",
        "داعش": "actor/-d39663647d",
        "abc-0123456789": "actor/abc-0123456789-786bbc9d59",
        "Côte d’Ivoire": "actor/cote_divoire-b9c877b97f",
    }
    for key, local in expected.items():
        assert actor_iri(key) == INSTANCE_NS[local]
    assert (
        document_iri(Document("a.txt", "Some text."))
        == INSTANCE_NS["document/346ffea8f439b382bd955863"]
    )
    assert (
        document_iri(Document("b", "Other", url="https://example.com/a"))
        == INSTANCE_NS["document/" + document_iri("url https://example.com/a").rsplit("/", 1)[1]]
    )
    assert (
        statement_iri("d", "a", "supports", "b", 1, 2) == INSTANCE_NS["statement/0d3bfc33b9a9932b"]
    )


def test_hash_suffix_cannot_be_forged_by_a_faithful_key() -> None:
    hashed = actor_iri("Iran")
    forged_key = str(hashed).rsplit("/", 1)[1]  # "iran-18d4e17076" looks faithful
    assert actor_iri(forged_key) != hashed


def test_lone_surrogates_are_distinguished_from_their_escapes() -> None:
    assert actor_iri("\ud800") != actor_iri("\\ud800")
    assert actor_iri("\ud83d\ude42") != actor_iri("\U0001f642")


def _valid(iri: rdflib.URIRef, limit: int = MAX_IRI) -> None:
    ox.NamedNode(str(iri))  # strict: raises ValueError on any invalid IRI
    assert len(iri) <= limit
    assert str(iri).isascii()


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(keys)
def test_actor_iri_is_valid_short_and_stable(key: str) -> None:
    iri = actor_iri(key)
    _valid(iri, MAX_ACTOR_IRI)
    assert actor_iri(key) == iri
    _valid(document_iri(Document("x", key)))
    _valid(document_iri(Document("x", "text", url=key)))
    _valid(extractor_iri(key))


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(keys, unique=True, max_size=30))
def test_distinct_keys_get_distinct_iris(batch: list[str]) -> None:
    assert len({actor_iri(key) for key in batch}) == len(batch)
    assert len({document_iri(Document("x", key)) for key in batch}) == len(batch)


@settings(max_examples=200)
@given(
    st.lists(
        st.tuples(keys, keys, keys, st.integers(0, 10**9), st.integers(0, 10**9)),
        unique=True,
        max_size=10,
    )
)
def test_statement_iris_are_distinct_and_valid(rows: list[tuple[str, str, str, int, int]]) -> None:
    iris = {statement_iri(doc, s, "supports", o, b, e) for doc, s, o, b, e in rows}
    assert len(iris) == len(rows)
    for iri in iris:
        _valid(iri)


def test_statement_iri_accepts_the_predicate_enum() -> None:
    from conflictkg.model import Predicate

    assert statement_iri("d", "a", Predicate.SUPPORTS, "b", 0, 5) == statement_iri(
        "d", "a", "supports", "b", 0, 5
    )


def _allowed_in_literal(char: str) -> bool:
    if char in "\ufffe\uffff":
        return False
    return char in "\t\n\r" or unicodedata.category(char) not in ("Cc", "Cs")


@given(st.text(st.one_of(any_char, hostile_char), max_size=200))
def test_safe_literal_removes_only_what_cannot_be_written(text: str) -> None:
    cleaned = safe_literal(text)
    cleaned.encode("utf-8")  # no lone surrogate left
    assert all(_allowed_in_literal(char) for char in cleaned)
    assert safe_literal(cleaned) == cleaned
    if all(_allowed_in_literal(char) for char in text):
        assert cleaned == text


def test_safe_literal_joins_surrogate_pairs_and_keeps_the_rest() -> None:
    assert safe_literal("a\ud83d\ude42b") == "a\U0001f642b"
    assert safe_literal("a\x00b\udc80c\td\x85e") == "abc\tde"
    assert safe_literal("\ufdd0 \u202e \u0301 \ufeff") == "\ufdd0 \u202e \u0301 \ufeff"
    assert safe_literal("a\ufffeb\uffffc") == "abc"


NUMBERS_NODE = rdflib.URIRef("http://example.org/numbers")
NUMBERS = [
    ("+5", "integer"),
    ("007", "integer"),
    ("-0.50", "decimal"),
    (".5", "decimal"),
    ("1.5E3", "double"),
    ("-2e-3", "double"),
    ("NaN", "double"),
    ("true", "boolean"),
    ("1", "boolean"),
    ("not a number", "integer"),
]


def _label_graph(names: list[str]) -> rdflib.Graph:
    graph = rdflib.Graph()
    graph.add((RDF.type, RDFS.subPropertyOf, RDF.type))  # rdf:type is "a" only as predicate
    for index, (lexical, datatype) in enumerate(NUMBERS):
        value = Literal(lexical, datatype=rdflib.XSD[datatype], normalize=False)
        graph.add((NUMBERS_NODE, rdflib.URIRef(f"http://example.org/n{index}"), value))
    for name in names:
        node = actor_iri(name)
        graph.add((node, RDF.type, CK.Actor))
        graph.add((node, RDFS.label, Literal(safe_literal(name), lang="en")))
        graph.add((node, SKOS.altLabel, Literal(safe_literal(name))))
        graph.add((node, CK.evidenceText, Literal(safe_literal(name), datatype=rdflib.XSD.token)))
    return graph


def _oxigraph_triples(data: bytes, fmt: ox.RdfFormat) -> set[ox.Triple]:
    return {quad.triple for quad in ox.parse(data, fmt)}


def _expected_triples(graph: rdflib.Graph) -> set[ox.Triple]:
    return _oxigraph_triples(graph.serialize(format="nt", encoding="utf-8"), ox.RdfFormat.N_TRIPLES)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(keys, max_size=8))
def test_hostile_labels_round_trip_through_pyoxigraph_and_rdflib(names: list[str]) -> None:
    graph = _label_graph(names)
    data = serialize_turtle(graph)
    assert _oxigraph_triples(data, ox.RdfFormat.TURTLE) == _expected_triples(graph)
    parsed = rdflib.Graph().parse(data=data, format="turtle")
    assert len(parsed) == len(graph)
    parsed.remove((NUMBERS_NODE, None, None))  # rdflib normalises "+5" to "5" when parsing
    graph.remove((NUMBERS_NODE, None, None))
    assert rdflib.compare.isomorphic(parsed, graph)


def _tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CONFLICTKG_SKIP_RAPPER") == "1":
            pytest.skip(f"{name} not installed and CONFLICTKG_SKIP_RAPPER=1")
        pytest.fail(
            f"`{name}` is not installed: run `apt-get install -y {package}` "
            "(or set CONFLICTKG_SKIP_RAPPER=1 to skip the Debian parser checks)"
        )
    return path


def _hostile_corpus() -> list[str]:
    rng = random.Random(20240601)
    names = list(HOSTILE)
    for _ in range(200):
        length = rng.randint(0, 40)
        names.append(
            "".join(
                chr(rng.choice([rng.randint(0, 0x2FF), rng.randint(0, 0x10FFFF)]))
                for _ in range(length)
            )
        )
    return names


@pytest.mark.parametrize(
    ("tool", "package", "command"),
    [
        ("rapper", "raptor2-utils", ["-q", "-i", "turtle", "-o", "ntriples"]),
        ("serdi", "serdi", ["-i", "turtle", "-o", "ntriples"]),
    ],
)
def test_debian_parsers_read_exactly_the_triples_written(
    tool: str, package: str, command: list[str], tmp_path: Path
) -> None:
    executable = _tool(tool, package)
    graph = _label_graph(_hostile_corpus())
    path = tmp_path / "hostile.ttl"
    path.write_bytes(serialize_turtle(graph))
    done = subprocess.run(
        [executable, *command, str(path)], capture_output=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    assert _oxigraph_triples(done.stdout, ox.RdfFormat.N_TRIPLES) == _expected_triples(graph)


def test_rapper_count_matches(tmp_path: Path) -> None:
    executable = _tool("rapper", "raptor2-utils")
    graph = _label_graph(HOSTILE)
    path = tmp_path / "hostile.ttl"
    path.write_bytes(serialize_turtle(graph))
    done = subprocess.run(
        [executable, "-i", "turtle", "-c", str(path)], capture_output=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    assert f"returned {len(graph)} triples" in done.stderr.decode()


# ------------------------------------------------------------------- document identity


def test_the_same_article_gets_the_same_iri_wherever_it_is() -> None:
    text = "Iran supports Hezbollah.\n"
    here = Document("article.txt", text, "2016-01/article.txt")
    there = Document("copy.txt", text, "elsewhere/2016-02/copy.txt")
    record = Document("17", text, "corpus.jsonl")
    assert document_iri(here) == document_iri(there) == document_iri(record)


def test_two_articles_never_share_an_iri_even_with_the_same_name() -> None:
    first = Document("article.txt", "Iran supports Hezbollah.", "2016-01/article.txt")
    second = Document("article.txt", "Russia supports Syria.", "2016-02/article.txt")
    assert document_iri(first) != document_iri(second)


def test_a_url_identifies_an_article_and_its_corrections() -> None:
    before = Document("a", "Iran supports Hezbollah.", url="https://example.com/news/1")
    after = Document("b", "Iran arms Hezbollah.", url="HTTPS://EXAMPLE.com:443/news/1#top")
    syndicated = Document("c", "Iran supports Hezbollah.", url="https://other.example/1")
    assert document_iri(before) == document_iri(after)
    assert document_iri(before) != document_iri(syndicated)
    assert document_key("x", "https://Example.com/a b") == "url https://example.com/a%20b"


@pytest.mark.parametrize("url", [">", "www.example.com/a", "ftp://example.com/a", "", None])
def test_what_is_not_an_http_url_falls_back_to_the_text(url: str | None) -> None:
    assert document_key("Some text.", url).startswith("text ")


def test_a_bare_string_is_not_mistaken_for_a_document() -> None:
    with pytest.raises(ValueError):
        document_iri("000_a7439ef3dabd42f1.txt")
