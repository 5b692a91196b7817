"""The unlabeled news annotated by hand (docs/precision/annotated/) loads as gold, and every
edge's evidence is words of its article."""

from __future__ import annotations

from pathlib import Path

import pytest

from conflictkg.evaluate.gold import find_gold_for, load_gold

ANNOTATED = Path(__file__).resolve().parents[2] / "docs" / "precision" / "annotated"
TEXTS = sorted(ANNOTATED.glob("*/*.txt"))


def test_both_sets_are_there() -> None:
    assert {p.parent.name for p in TEXTS} == {"tuning", "check"} and len(TEXTS) == 46


@pytest.mark.parametrize("text", TEXTS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_gold_loads_and_quotes_its_article(text: Path) -> None:
    gold = load_gold(find_gold_for(text, text.parent / "gold"))
    article = " ".join(text.read_text(encoding="utf-8").split())
    for edge in (*gold.relations, *gold.structure):
        assert " ".join(edge.evidence.split()) in article, edge
