"""The gazetteer matcher as it was before the phrase matcher: spaCy's ``span_ruler`` with
one token pattern per surface form (:meth:`Gazetteer.patterns`), kept as the reference the
phrase matcher must equal.

Run as a script, it records what the reference finds on the shared development texts and on
500 unlabeled articles (every 8th line of ``news_2016.jsonl``), with the real tokenizer, in
``tests/extract/data/gazetteer_spans.jsonl`` (the reference's token ``Matcher`` needs
minutes for them, too long for a test; ``test_gazetteer_matcher.py`` reads the record)::

    .venv/bin/python tests/extract/gazetteer_reference.py
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from conflictkg.extract.gazetteer import Gazetteer, load_gazetteer
from conflictkg.extract.nlp import GAZETTEER_SPANS

HERE = Path(__file__).resolve().parent
RECORD = HERE / "data" / "gazetteer_spans.jsonl"
SHARED_CORPUS = HERE.parents[2] / "shared" / "corpus"
DEV_TEXTS = SHARED_CORPUS / "texts"
UNLABELED = SHARED_CORPUS / "unlabeled" / "news_2016.jsonl"
UNLABELED_STEP = 8
UNLABELED_COUNT = 500

SpanRow = tuple[int, int, str, str]


def reference_ruler(nlp: Language, gazetteer: Gazetteer | None = None) -> object:
    """A ``span_ruler`` with the gazetteer's token patterns, as ``add_gazetteer`` built it."""
    from spacy.pipeline import SpanRuler

    ruler = SpanRuler(
        nlp, name="reference_ruler", spans_key=GAZETTEER_SPANS, overwrite=True, validate=True
    )
    ruler.add_patterns((gazetteer or load_gazetteer()).patterns(nlp))
    return ruler


def span_rows(doc: Doc) -> list[SpanRow]:
    """The gazetteer spans of ``doc`` in their order: (start, end, label, entry key)."""
    return [(s.start, s.end, s.label_, s.id_) for s in doc.spans.get(GAZETTEER_SPANS, [])]


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def recorded_texts() -> Iterator[tuple[str, str]]:
    """(source, text) of every recorded article: the dev texts, then the unlabeled sample."""
    for path in sorted(DEV_TEXTS.glob("*.txt")):
        yield f"texts/{path.name}", path.read_text(encoding="utf-8")
    lines = [line for line in UNLABELED.read_text(encoding="utf-8").split("\n") if line.strip()]
    for line in lines[::UNLABELED_STEP][:UNLABELED_COUNT]:
        record = json.loads(line)
        yield f"unlabeled/{record['id']}", record["text"]


def main() -> None:
    from conflictkg.extract.nlp import load_pipeline

    nlp = load_pipeline()
    ruler = reference_ruler(nlp)
    rows = []
    for source, text in recorded_texts():
        doc = ruler(nlp.make_doc(text))  # type: ignore[operator]
        rows.append({"source": source, "sha256": sha256(text), "spans": span_rows(doc)})
        print(source, len(rows[-1]["spans"]), file=sys.stderr)
    RECORD.write_text(
        "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8"
    )


if __name__ == "__main__":
    main()
