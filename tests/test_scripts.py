"""The helper scripts (``scripts/confidence_curve.py``, ``scripts/benchmark.py``) run and
produce well-formed Markdown; the confidence curve behaves as a threshold must."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import rdflib

from conflictkg.evaluate.gold import parse_gold
from conflictkg.extract.scorer import Scorer
from conflictkg.ingest.reader import read_documents
from conflictkg.model import Predicate
from conftest import CORPUS

ROOT = Path(__file__).resolve().parent.parent
SMALL_ARTICLE = CORPUS / "texts" / "lebanon_hezbollah_wikipedia.txt"  # the shortest


def _load_script(name: str) -> ModuleType:
    module_name = f"conflictkg_script_{name}"
    if module_name in sys.modules:
        return sys.modules[module_name]
    spec = importlib.util.spec_from_file_location(module_name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


curve = _load_script("confidence_curve")
bench = _load_script("benchmark")
trainer = _load_script("train_scorer")
SMALL_ARTICLES = [
    CORPUS / "texts" / f"{name}.txt"
    for name in ("iraq_us_marine_killed", "yemen_us_strikes_aqap_camp", "turkey_ankara_bombing_pkk")
]


def _table_rows(text: str) -> list[list[str]]:
    """The cells of the first Markdown table in ``text``, checked to be well formed."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("|"))
    table = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        assert line.endswith("|"), line
        table.append([cell.strip() for cell in line[1:-1].split("|")])
    header, rule, *rows = table
    assert all(cell.strip(":").strip("-") == "" and "-" in cell for cell in rule), rule
    assert len(rule) == len(header)
    assert all(len(row) == len(header) for row in rows), rows
    return [header, *rows]


def _non_increasing(values: Sequence[float]) -> bool:
    return all(a >= b for a, b in pairwise(values))


# --- confidence curve, without the model -------------------------------------------------

_GRAPH = """\
@prefix ck: <https://w3id.org/conflictkg/ontology#> .
@prefix id: <https://w3id.org/conflictkg/id/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
id:irn a ck:Government ; rdfs:label "Iran" .
id:irq a ck:Government ; rdfs:label "Iraq" .
id:isis a ck:ArmedGroup ; rdfs:label "Islamic State" .
id:sol a ck:Person ; rdfs:label "Qassem Soleimani" .
id:quds a ck:ArmedGroup ; rdfs:label "Quds Force" .
id:irn ck:supports id:irq ; ck:opposes id:isis ; ck:supports id:isis .
id:irq ck:opposes id:isis .
id:sol ck:leaderOf id:quds .
id:s1 rdf:subject id:irn ; rdf:predicate ck:supports ; rdf:object id:irq ;
    ck:confidence "0.90"^^xsd:decimal .
id:s2 rdf:subject id:irn ; rdf:predicate ck:opposes ; rdf:object id:isis ;
    ck:confidence "0.42"^^xsd:decimal .
id:s3 rdf:subject id:irn ; rdf:predicate ck:opposes ; rdf:object id:isis ;
    ck:confidence "0.60"^^xsd:decimal .
id:s4 rdf:subject id:irn ; rdf:predicate ck:supports ; rdf:object id:isis ;
    ck:confidence "0.30"^^xsd:decimal .
id:s5 rdf:subject id:sol ; rdf:predicate ck:leaderOf ; rdf:object id:quds ;
    ck:confidence "0.85"^^xsd:decimal .
"""


def _entity(eid: str, etype: str, name: str) -> dict[str, Any]:
    return {"id": eid, "type": etype, "names": [name], "wikidata": None, "optional": False}


def _edge(s: str, p: str, o: str) -> dict[str, Any]:
    return {"s": s, "p": p, "o": o, "evidence": "", "optional": False}


def _hand_made_article() -> Any:
    gold = parse_gold(
        {
            "doc": "hand.txt",
            "entities": [
                _entity("iran", "Government", "Iran"),
                _entity("iraq", "Government", "Iraq"),
                _entity("isis", "ArmedGroup", "Islamic State"),
                _entity("sol", "Person", "Qassem Soleimani"),
                _entity("quds", "ArmedGroup", "Quds Force"),
            ],
            "relations": [
                _edge("iran", "supports", "iraq"),
                _edge("iran", "opposes", "isis"),
                _edge("iraq", "opposes", "isis"),
            ],
            "structure": [_edge("sol", "leaderOf", "quds")],
        }
    )
    graph = rdflib.Graph().parse(data=_GRAPH, format="turtle")
    return curve.Article("hand", graph, gold)


def test_edge_confidences_follow_the_scorer_rule() -> None:
    # the best statement of each edge; 1.0 for an edge without a statement
    assert curve.edge_confidences(_hand_made_article().graph) == [0.3, 0.6, 0.85, 0.9, 1.0]


def test_curve_on_a_hand_made_graph() -> None:
    points = curve.confidence_curve([_hand_made_article()], (0.0, 0.5, 0.6, 0.61, 0.95))
    rel = [(p.score.relations.tp, p.score.relations.fp, p.score.relations.fn) for p in points]
    assert rel == [(3, 1, 0), (3, 0, 0), (3, 0, 0), (2, 0, 1), (1, 0, 2)]
    assert [p.score.structure.tp for p in points] == [1, 1, 1, 1, 0]
    assert [p.edges_kept for p in points] == [5, 4, 4, 3, 1]
    header, *rows = _table_rows(curve.render_table(points))
    assert len(header) == 8 and len(rows) == 5
    assert rows[1] == ["0.50", "1.000", "1.000", "1.000", "1.000", "1.000", "1.000", "4 / 5"]


def test_thresholds_are_the_decimals() -> None:
    assert curve.THRESHOLDS[0] == 0.0 and curve.THRESHOLDS[-1] == 0.95
    assert [f"{t:.2f}" for t in curve.THRESHOLDS][1:4] == ["0.05", "0.10", "0.15"]
    assert all(float(f"{t:.2f}") == t for t in curve.THRESHOLDS)


def test_summary_names_contiguous_and_scattered_thresholds() -> None:
    points = curve.confidence_curve([_hand_made_article()], (0.0, 0.5, 0.6, 0.61))
    assert curve.summary(points).endswith("1.000, is reached at thresholds 0.50, 0.60.\n")


# --- confidence curve, with the model ------------------------------------------------------


@pytest.mark.model
def test_confidence_curve_on_one_article(tmp_path: Path) -> None:
    articles = curve.extract_articles([SMALL_ARTICLE], CORPUS / "gold")
    points = curve.confidence_curve(articles)
    header, *rows = _table_rows(curve.render_table(points))
    assert header[0] == "threshold" and len(rows) == len(curve.THRESHOLDS)
    for column in (2, 5):  # relation recall, structure recall
        assert _non_increasing([float(row[column]) for row in rows])
    assert _non_increasing([p.edges_kept for p in points])
    assert points[0].edges_kept == points[0].edges_total > 0
    assert points[0].score.relations.tp > 0

    # deterministic: a second extraction gives the same table
    again = curve.confidence_curve(curve.extract_articles([SMALL_ARTICLE], CORPUS / "gold"))
    assert curve.render_table(again) == curve.render_table(points)

    # the doc is written only with --write
    output = tmp_path / "confidence.md"
    quick = [str(SMALL_ARTICLE), "--output", str(output), "--no-scorer"]
    assert curve.main(quick) == 0
    assert not output.exists()
    assert curve.main([*quick, "--write"]) == 0
    text = output.read_text(encoding="utf-8")
    assert "--min-confidence" in text and "FILTER (?c >= 0.8)" in text
    assert len(_table_rows(text)) == len(curve.THRESHOLDS) + 1
    bands = _table_rows(text[text.index("## Precision per confidence band") :])
    assert len(bands) == len(curve.BANDS)
    assert "learned scorer" not in text


@pytest.mark.model
@pytest.mark.slow
def test_confidence_curve_with_the_scorer_held_out(tmp_path: Path) -> None:
    held = curve.held_out(SMALL_ARTICLES, CORPUS / "gold")
    assert [a.name for a in held.output] == sorted(p.stem for p in SMALL_ARTICLES)
    every = curve.confidence_bands(held.candidates, predicates=("supports", "opposes"))
    chosen = curve.confidence_curve(held.output)[0].score.relations
    # every candidate pair is an edge: at least as many right edges as the chosen output
    assert sum(b.tp for b in every) >= chosen.tp - 15  # (designation is not in the bands)
    output = tmp_path / "confidence.md"
    args = [*map(str, SMALL_ARTICLES), "--output", str(output), "--write"]
    assert curve.main(args) == 0
    text = output.read_text(encoding="utf-8")
    section = text[text.index("## The learned scorer on held-out articles") :]
    assert len(_table_rows(section)) == len(curve.BANDS)


def test_bands_are_differences_of_the_curve() -> None:
    bands = curve.confidence_bands([_hand_made_article()], (0.0, 0.5, 0.61, 1.01))
    # relation edges: iran supports iraq 0.9 (right), iran opposes isis 0.6 (right),
    # iran supports isis 0.3 (wrong); iraq opposes isis has no statement, so no threshold
    # drops it (the scorer's rule) and it is in no band
    assert [(b.tp, b.fp) for b in bands] == [(0, 1), (1, 0), (1, 0)]
    assert [b.precision for b in bands] == [0.0, 1.0, 1.0]
    supports = curve.confidence_bands([_hand_made_article()], (0.0, 0.5, 1.01), ("supports",))
    assert [(b.tp, b.fp) for b in supports] == [(0, 1), (1, 0)]
    header, *rows = _table_rows(curve.render_bands(bands))
    assert header == ["confidence", "right", "wrong", "precision"]
    assert rows[0] == ["[0.00, 0.50)", "0", "1", "0.000"] and rows[-1][0] == "[0.61, 1.00]"
    assert _table_rows(curve.render_bands([curve.Band(0.5, 0.6, 0, 0)]))[1][3] == "-"


def test_confidence_curve_reports_a_missing_gold(tmp_path: Path, capsys: Any) -> None:
    text = tmp_path / "nobody.txt"
    text.write_text("Iran backs Hezbollah.\n", encoding="utf-8")
    assert curve.main([str(text), "--gold", str(tmp_path)]) == 1
    assert capsys.readouterr().err.startswith("error: ")


# --- benchmark, without the model ------------------------------------------------------------


def test_synthetic_corpus_repeats_articles_as_distinct_documents(tmp_path: Path) -> None:
    path = bench.synthetic_corpus([CORPUS / "texts"], 3, tmp_path)
    originals = read_documents([CORPUS / "texts"]).documents
    copies = read_documents([path])
    assert not copies.failures
    assert len(copies.documents) == 3 * len(originals)
    assert len({d.identifier for d in copies.documents}) == len(copies.documents)
    assert sorted({d.text for d in copies.documents}) == sorted(d.text for d in originals)


def _measurement(corpus: str, stage: str, seconds: float, peak: int) -> Any:
    return bench.Measurement(
        corpus, stage, 4, (seconds, seconds / 2, seconds * 2), peak, 100 << 20, 200 << 20, "x", 10
    )


def test_report_tables_are_well_formed() -> None:
    scaled = [
        _measurement(f"x{k}", stage, 0.5 * k, k << 20) for k in (1, 4) for stage in bench.STAGES
    ]
    report = bench.Report(3, True, tuple(scaled[:4]), tuple(scaled))
    text = bench.render_document(report, [("nproc", "2"), ("Python", "3.11")])
    assert "| nproc | 2 |" in text
    stages = text[text.index("## Development") :]
    header, *rows = _table_rows(stages)
    assert header[:4] == ["corpus", "docs", "tokens", "stage"] and len(rows) == 4
    assert rows[0][4:7] == ["0.500", "0.250–1.000", "20"]
    header, *rows = _table_rows(text[text.index("## Scaling") :])
    assert [row[5] for row in rows] == ["1.0"] * 4 + ["4.0"] * 4  # time relative to k=1
    assert [row[8] for row in rows] == ["1.0"] * 4 + ["4.0"] * 4  # peak relative to k=1


def test_scale_argument_is_checked() -> None:
    assert bench._parse_scale("1,4,16") == (1, 4, 16)
    with pytest.raises(Exception, match="at least 1"):
        bench._parse_scale("0,2")
    with pytest.raises(Exception, match="integers"):
        bench._parse_scale("one")


def test_long_document_section_is_rendered_and_kept_in_place() -> None:
    from bench import long_document as long

    rows = [
        long.Row("300 articles", 1_000_000, 170_000, 60.0, 50.0, 400 << 20, 300, 90, "1 → 1"),
        long.Row("one document", 1_000_000, 170_000, 61.0, 55.0, 420 << 20, 1, 80, "1 → 1"),
        long.Row("one document", 10_000_000, 1_700_000, 700, 640.0, 900 << 20, 1, 700, "1 → 1"),
    ]
    section = long.render(rows)
    assert "| one document | 10.0 | 1,700,000 | 1 | 700 |" in section
    assert "1.28 ×, met" in section and "900 MiB, met" in section
    document = long.put_section("# Benchmark\n\nstages\n", section)
    assert document.startswith("# Benchmark") and long.kept_section(document) == section
    again = long.put_section(document, section.replace("900 MiB", "901 MiB"))
    assert again.count(long.START) == 1 and "901 MiB" in again


# --- benchmark, with the model -------------------------------------------------------------


TINY_ARTICLE = """\
Iran has armed and trained Hezbollah, the United States said on Monday.
Israel struck Hezbollah positions in southern Lebanon.
"""


@pytest.mark.model
def test_benchmark_runs_every_stage_in_process(tmp_path: Path) -> None:
    article = tmp_path / "tiny.txt"
    article.write_text(TINY_ARTICLE, encoding="utf-8")
    report = bench.run_benchmark({"one": [article]}, [article], (1, 2), reps=1, isolate=False)
    assert [m.stage for m in report.corpora] == list(bench.STAGES)
    assert [m.corpus for m in report.scaling] == ["x1"] * 4 + ["x2"] * 4
    tokens = report.corpora[0].tokens
    assert tokens > 0 and all(m.tokens == tokens for m in report.corpora)
    assert all(m.tokens == 2 * tokens for m in report.scaling[4:])
    assert all(m.median > 0 and m.python_peak > 0 and m.rss_peak > 0 for m in report.corpora)
    text = bench.render_document(report, bench.machine())
    assert len(_table_rows(text[text.index("## Development") :])) == 5
    assert len(_table_rows(text[text.index("## Scaling") :])) == 9


def test_code_snapshot_is_importable_with_its_ontology(tmp_path: Path) -> None:
    code = bench.snapshot_code(tmp_path)
    probe = "import conflictkg.resources as r; print(r.__file__); print(r.ontology_path())"
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(code)},
    )
    module, ontology = done.stdout.split()
    assert Path(module).is_relative_to(tmp_path) and Path(ontology).is_relative_to(tmp_path)


@pytest.mark.model
def test_benchmark_child_process_reports_json(tmp_path: Path) -> None:
    code = bench.snapshot_code(tmp_path)
    found = bench.measure_isolated("one", "spacy", [SMALL_ARTICLE], 1, code=code)
    assert found.stage == "spacy" and found.documents == 1 and found.tokens > 0
    assert found.rss_peak >= found.rss_before > 0
    assert json.loads(json.dumps(found.times)) == list(found.times)


# --- learned scorer ------------------------------------------------------------------------


def test_read_split() -> None:
    split = trainer.read_split(CORPUS / "split.tsv")
    assert len(split) == 20 and set(split.values()) == {"dev", "heldout"}


@pytest.mark.model
@pytest.mark.slow
def test_train_scorer_reports_three_modes_and_writes_a_stable_model(tmp_path: Path) -> None:
    report, model = tmp_path / "scorer.md", tmp_path / "scorer.json"
    args = [*map(str, SMALL_ARTICLES), "--inner-folds", "2", "--report", str(report)]
    assert trainer.main([*args, "--write-model", str(model)]) == 0
    text = report.read_text(encoding="utf-8")
    header, *rows = _table_rows(text)
    assert header == ["mode", "P", "R", "F1", "tp", "fp", "fn"]
    assert [r[0] for r in rows if r[0].startswith("**")] == [
        "**rules**",
        "**scorer**",
        "**combined**",
    ]
    by_article = _table_rows(text[text.index("## By article") :])
    assert [r[0] for r in by_article[1:4]] == sorted(p.stem for p in SMALL_ARTICLES)
    first = model.read_bytes()
    loaded = Scorer.load(model)
    assert set(loaded.models) == {Predicate.SUPPORTS, Predicate.OPPOSES}
    assert loaded.pipeline.startswith("en_core_web_sm")
    # the same data give the same file, byte for byte
    assert trainer.main([*args, "--write-model", str(model)]) == 0
    assert model.read_bytes() == first


# --- corpus scale, without the model ---------------------------------------------------------


def _run(kind: str, articles: int, wall: float, peak_mib: int) -> Any:
    stages = {"extract": wall / 2, "OWL": 1.0} if kind == "build" else {"load": 1.0, "parse": 2.0}
    return bench.corpus_scale.Run(
        kind,
        articles,
        articles * 500,
        wall,
        wall * 1.5,
        peak_mib << 20,
        (peak_mib - 100) << 20,
        100 << 20,
        "1 → 2",
        stages,
        1234 if kind == "build" else 0,
        2,
    )


def test_corpus_scale_samples_spread_over_the_file(tmp_path: Path) -> None:
    corpus = tmp_path / "news.jsonl"
    lines = [json.dumps({"id": f"a{i}", "text": "word " * (i + 1)}) for i in range(10)]
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    path, articles, words = bench.corpus_scale.sample(corpus, 4, tmp_path)
    chosen = [json.loads(line)["id"] for line in path.read_text().splitlines()]
    assert chosen == ["a0", "a2", "a5", "a7"] and articles == 4 and words == 1 + 3 + 6 + 8
    _, articles, words = bench.corpus_scale.sample(corpus, None, tmp_path)
    assert articles == 10 and words == 55
    assert read_documents([path]).documents


def test_corpus_scale_report_states_ratio_memory_and_targets() -> None:
    pairs = [
        (_run("raw spaCy", 1000, 100.0, 700), _run("build", 1000, 110.0, 600)),
        (_run("raw spaCy", 4000, 400.0, 700), _run("build", 4000, 420.0, 660)),
    ]
    text = bench.corpus_scale.render(pairs, "PROFILE\n")
    header, *rows = _table_rows(text)
    assert header[:3] == ["articles", "words", "workers"] and len(rows) == 2
    assert rows[0][7] == "0.91" and rows[0][4] == "5,000" and rows[0][13] == "1,234"
    assert rows[0][9] == "600 (500)"
    header, *rows = _table_rows(text[text.index("Where the build") :])
    assert header == ["articles", "extract", "OWL", "raw spaCy: load", "raw spaCy: parse"]
    assert "raw spaCy words/s at 1,000 articles: 0.91, met." in text
    assert "≤ 1.2 × the peak at 1,000: 1.10 × (1.12 × in PSS), met." in text
    assert text.rstrip().endswith("PROFILE")


def test_sizes_argument_is_checked() -> None:
    assert bench._parse_sizes("100,1000,all") == (100, 1000, None)
    with pytest.raises(Exception, match="sizes such as"):
        bench._parse_sizes("0,all")
