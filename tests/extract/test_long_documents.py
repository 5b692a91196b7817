"""Long documents stay bounded (issue 9, the "one long document" row): the parser sees one
paragraph at a time, long texts are extracted in chunks, and evidence is one sentence, cut
around its cue when the "sentence" is a page without punctuation.

The splitting itself is tested without the model; the end-to-end runs build generated
documents under a wall-clock and a memory bound (:mod:`bounds`).
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from bounds import CLI, run_bounded
from conflictkg.extract.extractor import Extractor
from conflictkg.extract.segments import MAX_EVIDENCE, chunks, evidence_span, paragraphs, segments
from conflictkg.model import Document

SENTENCES = (
    "Iran has supplied the Houthis with drones and missiles.",
    "Houthi fighters attacked Saudi border posts on Tuesday.",
    "The United States imposed new sanctions on Iran, officials said.",
    "Hezbollah fighters fought alongside Syrian troops near Aleppo.",
    "Prices of bread rose again in the capital this week.",
)


def _article(words: int, seed: int = 8) -> str:
    """Generated news text of about ``words`` words, in paragraphs of a few sentences."""
    rng = random.Random(seed)
    paragraphs_, count = [], 0
    while count < words:
        paragraph = " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(2, 5)))
        paragraphs_.append(paragraph)
        count += len(paragraph.split())
    return "\n\n".join(paragraphs_) + "\n"


def test_paragraphs_join_back_and_keep_hard_wrapped_lines_together() -> None:
    text = "Title\nFirst sentence. Second\nsentence goes on.\n\nNext.\r\nLast"
    pieces = paragraphs(text)
    assert "".join(pieces) == text
    assert pieces[1] == "First sentence. Second\nsentence goes on.\n"


def test_segments_are_bounded_and_join_back() -> None:
    line = "word " * 30_000 + "Iran backs Hezbollah. " * 500  # one 170 KB line
    pieces = segments(line, 5_000)
    assert "".join(pieces) == line
    assert max(len(p) for p in pieces) <= 5_000


def test_chunks_are_runs_of_whole_segments() -> None:
    text = _article(60_000)
    found = chunks(text, 100_000)
    assert "".join(piece for _, piece in found) == text
    assert [offset for offset, _ in found] == [
        sum(len(p) for _, p in found[:i]) for i in range(len(found))
    ]
    assert all(len(piece) <= 105_000 for _, piece in found) and len(found) > 2


def test_long_evidence_is_cut_around_the_cue_at_spaces() -> None:
    text = "x " * 2_000 + "Iran backs Hezbollah " + "y " * 2_000
    cue = text.index("backs")
    begin, end = evidence_span(text, 0, len(text), cue, cue + 5)
    assert end - begin <= MAX_EVIDENCE and begin <= cue and cue + 5 <= end
    assert text[begin] != " " and text[end - 1] != " "


@pytest.mark.model
def test_chunked_extraction_equals_one_piece_on_a_short_text(extractor: Extractor) -> None:
    text = _article(600)
    whole = extractor.extract(Document("a", text))
    small = Extractor(
        extractor.nlp,
        extractor.gazetteer,
        extractor.lexicon,
        places=extractor.places,
        max_chunk=800,
    )
    pieces = small.extract(Document("a", text))
    assert {(r.subject, r.predicate, r.object) for r in pieces.relations} == {
        (r.subject, r.predicate, r.object) for r in whole.relations
    }
    assert all(text[r.evidence.begin : r.evidence.end] == r.evidence.text for r in pieces.relations)


@pytest.mark.model
@pytest.mark.slow
def test_a_long_document_builds_within_memory(tmp_path: Path) -> None:
    """About 600 KB of text (100,000 words): built with a 1.2 GB bound on the whole process
    tree (before issue 9, 1 MB took 3 GB)."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "long.txt").write_text(_article(100_000), encoding="utf-8")
    run = run_bounded(
        [str(CLI), "build", str(folder), "-o", str(tmp_path / "out"), "--no-owl", "-q"],
        timeout=900,
        max_rss_mb=1200,
    )
    assert run.killed == "" and run.returncode == 0, (run.killed, run.stderr[-500:])
    graph = (tmp_path / "out" / "conflictkg.ttl").read_text(encoding="utf-8")
    assert "ck:supports" in graph and "ck:opposes" in graph


@pytest.mark.model
def test_a_page_without_punctuation_gives_bounded_evidence(extractor: Extractor) -> None:
    filler = ", ".join("the convoy that moved on the road near the old market" for _ in range(60))
    text = f"Iran has armed the Houthis, officials said, adding that {filler} and more."
    extraction = extractor.extract(Document("page", text))  # one 3,400-character sentence
    assert extraction.relations
    for relation in extraction.relations:
        evidence = relation.evidence
        assert len(evidence.text) <= MAX_EVIDENCE
        assert text[evidence.begin : evidence.end] == evidence.text
