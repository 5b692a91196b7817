"""``scripts/precision_sample.py`` with ``precision_judging.py`` and ``precision_report.py``:
the conflict-article criterion, the seeded draws, carry-over of judgements, reader files,
the Wilson interval and the report; and the committed sample agrees with its report."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import rdflib

from conflictkg.model import Document

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))  # the scripts import each other by name

import precision_judging as pj  # noqa: E402
import precision_report as pr  # noqa: E402
import precision_sample as ps  # noqa: E402

# --- the conflict-article criterion --------------------------------------------------------


def test_term_patterns_match_words_stems_and_phrases() -> None:
    war, attack, strike = (ps.term_pattern(e) for e in ("war", "attack*", "air strike*"))
    assert (
        war.search("a civil War began") and not war.search("a warrant") and not war.search("wars")
    )
    assert attack.search("ATTACKERS fled") and not attack.search("counterattack")
    assert (
        strike.search("air-strikes hit")
        and strike.search("air  strike")
        and not strike.search("airstrike")
    )


def test_conflict_terms_count_distinct_entries_of_the_word_list() -> None:
    terms = ps.load_terms()
    assert len(terms) > 20
    found = ps.conflict_terms("Rebels attacked the town; the attack killed two soldiers.", terms)
    assert found == {"rebel*", "attack*", "soldier*"}
    assert ps.conflict_terms("Shares rose on Monday.", terms) == frozenset()


def test_word_list_without_entries_is_an_error(tmp_path: Path) -> None:
    words = tmp_path / "words.txt"
    words.write_text("# only a comment\n\n", encoding="utf-8")
    with pytest.raises(ps.SampleError, match="no conflict words"):
        ps.load_terms(words)


# --- seeded draws ----------------------------------------------------------------------------


def test_draw_is_seeded_and_independent_of_input_order() -> None:
    keys = [f"article-{i}" for i in range(50)]
    drawn = ps.draw_keys(keys, 10, seed=7)
    assert len(drawn) == len(set(drawn)) == 10
    assert ps.draw_keys(list(reversed(keys)), 10, seed=7) == drawn
    assert ps.draw_keys(keys, 10, seed=8) != drawn
    assert ps.draw_keys(keys, 100, seed=7) == ps.draw_keys(keys, 50, seed=7)  # all, in rank order


def test_draw_keeps_an_item_unless_a_new_one_outranks_it() -> None:
    keys = [f"edge-{i}" for i in range(40)]
    drawn = ps.draw_keys(keys, 10, seed=3)
    # dropping items that were not drawn changes nothing
    kept = [k for k in keys if k in drawn or int(k.split("-")[1]) % 2]
    assert ps.draw_keys(kept, 10, seed=3) == drawn
    # new items displace only the drawn items they outrank
    grown = ps.draw_keys([*keys, *(f"new-{i}" for i in range(40))], 10, seed=3)
    old_in_grown = [k for k in grown if k.startswith("edge-")]
    assert old_in_grown == drawn[: len(old_in_grown)]


def test_draw_is_uniform_over_seeds() -> None:
    keys = [f"k{i}" for i in range(10)]
    counts = Counter(k for seed in range(3000) for k in ps.draw_keys(keys, 3, seed))
    # each key is drawn with probability 3/10: 900 of 3000 (sd about 25)
    assert all(800 < counts[k] < 1000 for k in keys), counts


# --- edges from a graph ------------------------------------------------------------------

_GRAPH = """\
@prefix ck: <https://w3id.org/conflictkg/ontology#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix a: <https://w3id.org/conflictkg/id/actor/> .
@prefix s: <https://w3id.org/conflictkg/id/statement/> .
a:irn rdfs:label "Iran" . a:hezbollah rdfs:label "Hezbollah" . a:x rdfs:label "X Y" .
s:1 a rdf:Statement ; rdf:subject a:irn ; rdf:predicate ck:supports ; rdf:object a:hezbollah ;
  ck:evidenceText "Iran arms Hezbollah, he said." ; ck:beginOffset "40"^^xsd:nonNegativeInteger ;
  ck:endOffset "69"^^xsd:nonNegativeInteger ; ck:confidence "0.90"^^xsd:decimal ;
  ck:attribution "attributed" ; ck:attributedTo "Abu Z" ; ck:extractor "conflictkg-rules 9" .
s:2 a rdf:Statement ; rdf:subject a:hezbollah ; rdf:predicate ck:opposes ; rdf:object a:irn ;
  ck:evidenceText "Hezbollah fought Iran." ; ck:beginOffset "0"^^xsd:nonNegativeInteger ;
  ck:endOffset "22"^^xsd:nonNegativeInteger ; ck:confidence "0.70"^^xsd:decimal ;
  ck:attribution "asserted" ; ck:extractor "conflictkg-rules 9" .
s:3 a rdf:Statement ; rdf:subject a:x ; rdf:predicate ck:leaderOf ; rdf:object a:hezbollah .
"""


def test_graph_edges_reads_relation_statements_and_counts_structure() -> None:
    graph = rdflib.Graph().parse(data=_GRAPH, format="turtle")
    edges, structure = ps.graph_edges(graph, "doc-1")
    assert structure == {"leaderOf": 1, "memberOf": 0, "partOf": 0}
    assert [(e.subject, e.predicate, e.object, e.begin) for e in edges] == [
        ("hezbollah", "opposes", "irn", 0),
        ("irn", "supports", "hezbollah", 40),
    ]
    supports = edges[1]
    assert (supports.subject_label, supports.object_label) == ("Iran", "Hezbollah")
    assert (supports.confidence, supports.attribution, supports.attributed_to) == (
        0.9,
        "attributed",
        "Abu Z",
    )
    assert supports.extractor == "conflictkg-rules 9" and supports.evidence.startswith("Iran arms")


def _edge(article: str, begin: int, subject: str = "irn", predicate: str = "supports") -> Any:
    return ps.Edge(
        article,
        subject,
        subject.upper(),
        predicate,
        "hezbollah",
        "Hezbollah",
        "S.",
        begin,
        begin + 2,
        0.9,
        "asserted",
        "",
        "rules 1",
    )


def _articles() -> list[Any]:
    return [
        ps.ArticleEdges(
            f"a{i}",
            "http://x",
            "2016-01-01",
            "T",
            tuple(_edge(f"a{i}", b) for b in range(i)),
            {"leaderOf": i % 2},
        )
        for i in range(6)
    ]


def test_sample_rows_draw_k_edges_in_reading_order_with_empty_judgements() -> None:
    rows = ps.sample_rows(_articles(), 8, seed=1, commit="abc")
    assert len(rows) == 8 and [row["n"] for row in rows] == list(range(1, 9))
    assert rows == sorted(rows, key=lambda r: (r["article"], r["begin"]))
    assert all(row["judgement"] == row["reason"] == row["comment"] == "" for row in rows)
    assert all(row["commit"] == "abc" and row["url"] == "http://x" for row in rows)
    assert ps.sample_rows(list(reversed(_articles())), 8, seed=1, commit="abc") == rows
    assert len(ps.sample_rows(_articles(), 100, seed=1, commit="abc")) == 15  # all of them


def test_draw_summary_counts_articles_without_edges() -> None:
    summary = ps.draw_summary(_articles(), eligible=60, corpus_size=600, seed=1, commit="abc")
    assert summary["population"] == {"supports": 15, "opposes": 0, "designatedTerrorist": 0}
    assert summary["structure"] == {"leaderOf": 3, "memberOf": 0, "partOf": 0}
    assert [a["edges"]["supports"] for a in summary["articles"]] == [0, 1, 2, 3, 4, 5]


# --- judgements ------------------------------------------------------------------------------


def _row(article: str = "a", begin: int = 0, subject: str = "irn", **judged: str) -> dict[str, Any]:
    fields = {"article": article, "begin": begin, "end": begin + 5, "subject": subject}
    row = {**fields, "predicate": "supports", "object": "hzb", "evidence": "Iran backs Hezbollah."}
    return {
        **row,
        "confidence": 0.9,
        "attribution": "asserted",
        "judgement": "",
        "reason": "",
        "comment": "",
        **judged,
    }


def test_carry_over_copies_judgements_of_identical_edges_only() -> None:
    judged = [
        _row(judgement="wrong", reason="no_relation", comment="a list"),
        _row(begin=9, judgement="right"),
    ]
    new = [
        {**_row(), "subject_label": "Iran (new label)", "confidence": 0.5},  # the same edge
        _row(begin=1),  # other offsets
        _row(subject="irq"),  # other subject
        {**_row(begin=9), "predicate": "opposes"},  # other predicate
        _row(begin=9, judgement="wrong", reason="other", comment="kept"),  # already judged
    ]
    rows, copied = pj.carry_over(new, judged)
    assert copied == 1
    assert (rows[0]["judgement"], rows[0]["reason"], rows[0]["comment"]) == (
        "wrong",
        "no_relation",
        "a list",
    )
    assert rows[0]["confidence"] == 0.5  # the rest of the new row stays
    assert [row["judgement"] for row in rows[1:]] == ["", "", "", "wrong"]
    assert rows[4]["comment"] == "kept"


def test_archive_keeps_every_judgement_and_the_sample_wins() -> None:
    archive = [_row(begin=3, judgement="right"), _row(judgement="right")]
    updated = pj.archive_rows(archive, [_row(judgement="wrong", reason="not_fact"), _row(begin=7)])
    assert len(updated) == 2  # the unjudged row is not archived
    by_begin = {row["begin"]: row for row in updated}
    assert by_begin[0]["judgement"] == "wrong" and by_begin[3]["judgement"] == "right"


def test_check_judgement_names_the_bad_value() -> None:
    pj.check_judgement(_row(judgement="wrong", reason="wrong_actor"), "f:1")
    pj.check_judgement(_row(judgement="right"), "f:1")
    with pytest.raises(pj.SampleError, match="f:2: judgement 'yes'"):
        pj.check_judgement(_row(judgement="yes"), "f:2")
    with pytest.raises(pj.SampleError, match="reason 'bad actor' is not one of wrong_actor"):
        pj.check_judgement(_row(judgement="wrong", reason="bad actor"), "f:3")
    with pytest.raises(pj.SampleError, match="a reason is given"):
        pj.check_judgement(_row(judgement="right", reason="other"), "f:4")


def test_context_marks_the_sentence_after_the_paragraphs_before_it() -> None:
    text = "Title line\nFirst para. Iran backs Hezbollah. Tail.\nNext para."
    begin = text.index("Iran")
    end = begin + len("Iran backs Hezbollah.")
    assert (
        pj.context_of(text, begin, end) == "Title line\nFirst para. [[Iran backs Hezbollah.]] Tail."
    )
    assert (
        pj.context_of(text, begin, end, limit=15) == "First para. [[Iran backs Hezbollah.]] Tail."
    )


def test_reader_files_split_unjudged_edges_and_keep_articles_together(tmp_path: Path) -> None:
    rows = [_row(article=a, begin=b) for a in "abcdef" for b in range(3)]
    rows[0] = {**rows[0], "judgement": "right"}
    parts = pj.reader_files(rows, 3, {"a": "x" * 20})
    assert sum(map(len, parts)) == 17 and all(parts)
    contexts = {row["article"]: row["context"] for part in parts for row in part}
    assert contexts["a"] == "xx[[xxxxx]]" + "x" * 13  # offsets 2-7 of the article's text
    assert contexts["b"] == "[[Iran backs Hezbollah.]]"  # no text: the evidence alone
    articles = [{row["article"] for row in part} for part in parts]
    assert all(not (x & y) for i, x in enumerate(articles) for y in articles[i + 1 :])

    # judged reader files merge back into the sample
    for part in parts:
        for row in part:
            row["judgement"] = "right" if row["begin"] else "wrong"
            row["reason"] = "" if row["begin"] else "wrong_actor"
    paths = []
    for number, part in enumerate(parts, start=1):
        paths.append(tmp_path / f"reader-{number}.jsonl")
        pj.write_jsonl(paths[-1], part)
    merged, count = pj.merge_judgements(rows, paths)
    assert count == 17 and all(row["judgement"] for row in merged)
    assert Counter(row["judgement"] for row in merged) == {"right": 13, "wrong": 5}
    assert "context" not in merged[1]

    pj.write_jsonl(paths[0], [_row(article="zzz", judgement="right")])
    with pytest.raises(pj.SampleError, match="not in the sample"):
        pj.merge_judgements(rows, paths[:1])


# --- the report ------------------------------------------------------------------------------


def test_wilson_interval() -> None:
    low, high = pr.wilson(102, 150)
    assert (round(low, 3), round(high, 3)) == (0.602, 0.749)  # the 0.60–0.75
    assert pr.wilson(0, 0) == (0.0, 1.0)
    assert pr.wilson(0, 10)[0] == 0.0 and round(pr.wilson(0, 10)[1], 4) == 0.2775
    assert pr.wilson(10, 10)[1] == 1.0 and round(pr.wilson(10, 10)[0], 4) == 0.7225


def _draw() -> dict[str, Any]:
    return ps.draw_summary(_articles(), eligible=60, corpus_size=600, seed=1, commit="abc")


def test_report_counts_precision_errors_and_articles() -> None:
    rows = [
        {**_row(begin=i), "predicate": p, "commit": "abc", "extractor": "rules 1", **j}
        for i, (p, j) in enumerate(
            [
                ("supports", {"judgement": "right"}),
                ("supports", {"judgement": "wrong", "reason": "wrong_actor"}),
                ("opposes", {"judgement": "right", "comment": "[politics] a debate"}),
                ("opposes", {"judgement": "right"}),
                ("opposes", {"judgement": "wrong", "reason": "not_fact"}),
                ("opposes", {}),
            ]
        )
    ]
    text = pr.render_report(rows, _draw())
    assert "(5 of the 6 drawn edges judged). **1 edges are not judged yet.**" in text
    assert "| all | 5 | 3 | 0.60 | 0.23–0.88 |" in text
    assert "| supports | 2 | 1 | 0.50 |" in text and "| opposes | 3 | 2 | 0.67 |" in text
    assert "| designatedTerrorist | 0 | 0 | – | – |" in text
    assert "| `wrong_actor`: " in text and "| 1 | 50% |" in text and "| all | 2 | |" in text
    assert "**1 of the 6 articles get no relation edge**" in text and "1 get no edge at all" in text
    assert "Drawn by commit `abc` (rules 1)" in text
    assert "1 of the right edges are domestic politics" in text
    assert "counted wrong, precision is 0.40 (0.12–0.77)" in text
    assert "domestic politics" not in pr.render_report(rows[:2], _draw())


def test_report_command_checks_the_sample(tmp_path: Path, capsys: Any) -> None:
    sample, draw, output = tmp_path / "s.jsonl", tmp_path / "d.json", tmp_path / "p.md"
    pj.write_json(draw, _draw())
    pj.write_jsonl(sample, [{**_row(judgement="right"), "commit": "c", "extractor": "e"}])
    args = ["--report", "--sample", str(sample), "--draw", str(draw), "--output", str(output)]
    assert ps.main(args) == 0 and "| all | 1 | 1 | 1.00 |" in output.read_text(encoding="utf-8")
    pj.write_jsonl(sample, [_row(judgement="maybe")])
    assert ps.main(args) == 1
    assert capsys.readouterr().err.startswith(f"error: {sample}:1: judgement 'maybe'")


# --- the committed measurement -------------------------------------------------------------


def test_committed_sample_is_judged_and_its_report_is_current() -> None:
    folder = ROOT / "docs" / "precision"
    rows = list(pj.read_jsonl(folder / "sample.jsonl"))
    draw = json.loads((folder / "draw.json").read_text(encoding="utf-8"))
    assert len(rows) == min(ps.EDGES, sum(draw["population"].values()))
    assert len({pj.edge_key(row) for row in rows}) == len(rows)
    assert len(draw["articles"]) == ps.ARTICLES
    for number, row in enumerate(rows, start=1):
        pj.check_judgement(row, f"sample.jsonl:{number}")
        assert row["judgement"], f"sample.jsonl:{number} is not judged"
        assert row["predicate"] in ps.RELATIONS
        assert row["judgement"] == "right" or row["comment"], f"sample.jsonl:{number}: no comment"
    report = (ROOT / "docs" / "precision.md").read_text(encoding="utf-8")
    assert report == pr.render_report(rows, draw), "run scripts/precision_sample.py --report"


# --- with the model --------------------------------------------------------------------------


@pytest.mark.model
def test_build_articles_extracts_each_article_on_its_own(extractor: Any) -> None:
    documents = [
        Document("one", "Iran has armed Hezbollah for years, officials said.\n"),
        Document("two", "Shares rose on Monday.\n"),
    ]
    built = ps.build_articles(documents, extractor)
    assert [a.id for a in built] == ["one", "two"] and not built[0].failure
    assert ("irn", "supports", "hezbollah") in {
        (e.subject, e.predicate, e.object) for e in built[0].edges
    }
    assert all(
        e.article == "one" and e.evidence.startswith("Iran has armed") for e in built[0].edges
    )
    assert built[1].edges == ()
