"""A parallel, streaming build writes the same bytes as one process holding the whole graph:
whatever the number of workers, the order in which they finish, or ``keep_graph``; and the
export is the canonical Turtle of ``to_graph`` of the same extractions."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_engine import Shuffling

from conflictkg import assemble
from conflictkg.build import BuildResult, Progress, build_graph
from conflictkg.cli import main
from conflictkg.cli.progress import ProgressBar, summary_line, wants_bar
from conflictkg.extract.extractor import Extractor
from conflictkg.model import Actor, ActorType, Document, Extraction
from conflictkg.rdf.layers import ActorLayer
from conflictkg.rdf.mapping import identify, merge_actors, to_graph
from conflictkg.rdf.serialize import serialize_turtle
from conftest import CORPUS_TEXTS, SEEDS


class Groups:
    """A model-free extractor giving every document a few actors and relations, with
    types that disagree across documents (so merging and filtering matter)."""

    def extract(self, document: Document) -> Extraction:
        import time

        from conflictkg.model import Evidence, Predicate, Relation

        rng = random.Random(document.identifier)
        time.sleep(rng.random() / 100)
        names = document.text.split()
        kinds = list(ActorType)
        actors = tuple(
            Actor(name.lower(), name, kinds[(len(name) + i) % 3], (f"{name} Alias{i}",))
            for i, name in enumerate(names)
        )
        relations = []
        for i in range(len(actors) - 1):
            predicate = list(Predicate)[(i + len(names)) % len(Predicate)]
            begin = i * 3
            evidence = Evidence(
                document.identifier, document.text[begin : begin + 10], begin, begin + 10
            )
            relations.append(
                Relation(actors[i].key, predicate, actors[i + 1].key, evidence, 0.8, "test 1")
            )
        return Extraction(document, actors, tuple(relations))


def _corpus(folder: Path, count: int) -> Path:
    """``count`` different documents (a build keeps one of two identical texts)."""
    folder.mkdir(parents=True)
    rng = random.Random(7)
    names = ["Iran", "Iraq", "Hamas", "Israel", "Syria", "Turkey", "Kurds", "Houthis", "Yemen"]
    texts: set[str] = set()
    while len(texts) < count:
        text = " ".join(rng.sample(names, rng.randint(2, 5))) + "\n"
        if text not in texts:
            (folder / f"doc{len(texts):03d}.txt").write_text(text, encoding="utf-8")
            texts.add(text)
    return folder


def test_actor_layer_merges_as_merge_actors_in_any_order() -> None:
    extractions = [
        Groups().extract(Document(f"d{i}", t))
        for i, t in enumerate(
            ["Iran Iraq Hamas", "Hamas Iran", "Iraq Syria Iran Hamas", "Syria Iran"]
        )
    ]
    expected = merge_actors(identify(extractions))
    for seed in range(5):
        shuffled = random.Random(seed).sample(extractions, len(extractions))
        layer = ActorLayer()
        for extraction in shuffled:
            layer.add(extraction)
        assert layer.actors() == expected


@pytest.mark.parametrize("workers", [2, 3])
def test_same_bytes_whatever_the_workers(
    tmp_path: Path, workers: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(assemble, "VALIDATION_BATCH", 7)  # 9 batches validated in parallel
    corpus = _corpus(tmp_path / "in", 60)
    one = build_graph([corpus], tmp_path / "one", extractor=Groups(), check_owl=False)
    many = build_graph(
        [corpus],
        tmp_path / "many",
        extractor=Groups(),
        check_owl=False,
        workers=workers,
        keep_graph=False,
    )
    assert one.output and many.output
    assert many.engine.workers == workers
    assert one.output.read_bytes() == many.output.read_bytes()
    assert one.summary == many.summary
    assert sum(one.summary.relations.values()) > 20
    in_memory = serialize_turtle(to_graph(list(one.extractions)))
    assert one.output.read_bytes() == in_memory
    assert len(many.graph) == 0 and not many.extractions  # nothing kept


def test_progress_is_reported_for_every_document(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "in", 12)
    seen: list[Progress] = []
    build_graph(
        [corpus], None, extractor=Shuffling(), check_owl=False, workers=2, progress=seen.append
    )
    assert [p.documents for p in seen] == list(range(13))
    assert seen[-1].words == seen[-1].total_words > 0
    assert all(p.total == 12 for p in seen)


@pytest.mark.model
def test_real_corpus_same_bytes_on_two_workers_as_in_memory(tmp_path: Path) -> None:
    inputs = [CORPUS_TEXTS, SEEDS]
    one = build_graph(inputs, tmp_path / "one", extractor=Extractor.default())
    two = build_graph(
        inputs, tmp_path / "two", extractor=Extractor.default(), workers=2, keep_graph=False
    )
    assert one.output and two.output and one.ok and two.ok
    assert two.engine.workers == 2
    assert one.output.read_bytes() == two.output.read_bytes()
    assert one.output.read_bytes() == serialize_turtle(to_graph(list(one.extractions)))
    assert serialize_turtle(one.graph) == one.output.read_bytes()
    assert one.summary.relations["opposes"] > 10


# ---------------------------------------------------------------------- the command


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_terminal_shows_documents_rate_and_eta() -> None:
    terminal = _Terminal()
    assert wants_bar(quiet=False, stream=terminal) and not wants_bar(quiet=True, stream=terminal)
    assert not wants_bar(quiet=False, stream=io.StringIO())
    with ProgressBar(terminal) as bar:
        bar(Progress(0, 4, 0, 1000, 0.0))
        bar(Progress(2, 4, 500, 1000, 1.0))
        bar(Progress(4, 4, 1000, 1000, 2.0))
    shown = terminal.getvalue()
    assert "4/4 documents" in shown and "words/s" in shown and "ETA" in shown


def test_cli_workers_quiet_and_summary_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = _corpus(tmp_path / "in", 20)
    monkeypatch.setattr(Extractor, "default", classmethod(lambda cls: Groups()))
    runner = CliRunner()
    outputs = []
    for workers in ("1", "2"):
        out = tmp_path / f"out{workers}"
        result = runner.invoke(
            main, ["build", str(corpus), "-o", str(out), "-j", workers, "--no-owl"]
        )
        assert result.exit_code == 0, result.output
        first = result.stdout.splitlines()[0]
        assert first.startswith("extracted: 20 documents, ") and first.endswith(
            f"words/s, {workers} worker{'s' if workers == '2' else ''})"
        ), first
        assert result.stdout.splitlines()[1] == "documents: 20"
        outputs.append((out / "conflictkg.ttl").read_bytes())
    assert outputs[0] == outputs[1]
    quiet = runner.invoke(main, ["build", str(corpus), "-o", str(tmp_path / "q"), "-q", "--no-owl"])
    assert quiet.exit_code == 0 and quiet.stdout == "" and quiet.stderr == ""


@pytest.mark.parametrize(
    "args",
    [["--engine", "dask"], ["--scheduler", "tcp://127.0.0.1:1"], ["-j", "0"], ["--engine", "x"]],
)
def test_cli_engine_usage_errors(tmp_path: Path, args: list[str]) -> None:
    result = CliRunner().invoke(main, ["build", str(SEEDS), "-o", str(tmp_path), *args])
    assert result.exit_code == 2, result.output
    assert result.stderr.rstrip().splitlines()[-1].startswith("Error: ")


def test_summary_line_counts(tmp_path: Path) -> None:
    result = build_graph([_corpus(tmp_path / "in", 3)], None, extractor=Groups(), check_owl=False)
    assert isinstance(result, BuildResult)
    assert summary_line(result).startswith("extracted: 3 documents, ")


def test_violations_found_in_parallel_batches_are_all_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rdflib import RDFS

    from conflictkg.errors import ValidationError

    real = assemble.actor_graph

    def unlabelled(*args: object) -> object:
        graph = real(*args)  # type: ignore[arg-type]
        graph.remove((None, RDFS.label, None))
        return graph

    monkeypatch.setattr(assemble, "actor_graph", unlabelled)
    monkeypatch.setattr(assemble, "VALIDATION_BATCH", 5)
    corpus = _corpus(tmp_path / "in", 30)
    with pytest.raises(ValidationError) as caught:
        build_graph(
            [corpus],
            tmp_path / "out",
            extractor=Groups(),
            check_owl=False,
            workers=2,
            keep_graph=False,
        )
    assert len(caught.value.violations) == 9  # every actor of the corpus, once
    assert not (tmp_path / "out").exists()
