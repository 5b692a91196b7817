"""What edge confidence means on the development corpus: curves and calibration.

Each article of ``tests/corpus/texts`` is extracted once, on its own, into its own graph
(as ``conflictkg eval`` does); every graph is then scored against its gold file at each
confidence threshold in :data:`THRESHOLDS`, and the scores are micro-averaged. The same
scores at the band edges of :data:`BANDS` give the precision of the edges whose confidence
falls in each band (calibration). With the learned scorer (the default; ``--no-scorer``
skips it), the same is done for its probabilities on held-out articles: a
leave-one-article-out cross-validation (``conflictkg.evaluate.crossval``) scores each article
with models that never saw it. Nothing random and no timestamps: the same code and corpus
give the same tables.

    .venv/bin/python scripts/confidence_curve.py            # print the tables
    .venv/bin/python scripts/confidence_curve.py --write    # also rewrite docs/confidence.md
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import rdflib
from rdflib.namespace import RDF

from conflictkg.errors import ConflictKGError
from conflictkg.evaluate.compare import (
    PREDICATES,
    CorpusScore,
    Counts,
    Gold,
    micro_average,
    score_graph,
)
from conflictkg.evaluate.crossval import (
    cross_validate,
    documents_with_gold,
    mode_extraction,
    read_articles,
)
from conflictkg.evaluate.gold import RELATION_PREDICATES
from conflictkg.evaluate.scores import sum_counts
from conflictkg.evaluate.training import SCORED, fit_logistic
from conflictkg.extract.extractor import EXTRACTOR, Extractor
from conflictkg.extract.nlp import MODEL_NAME, MODEL_VERSION
from conflictkg.extract.scorer import select
from conflictkg.rdf.mapping import to_graph
from conflictkg.rdf.vocab import CK

ROOT = Path(__file__).resolve().parent.parent
TEXTS = ROOT / "tests" / "corpus" / "texts"
GOLD = ROOT / "tests" / "corpus" / "gold"
OUTPUT = ROOT / "docs" / "confidence.md"
#: 0.00, 0.05, ..., 0.95; ``i / 20`` is the double nearest each decimal, as parsing is.
THRESHOLDS = tuple(i / 20 for i in range(20))
#: band edges: [0, 0.5), [0.5, 0.6), ..., [0.9, 1.0]; 1.01 closes the last band
BANDS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)

_EDGE_PREDICATES = tuple(CK[p] for p in PREDICATES)


@dataclass(frozen=True)
class Article:
    """One extracted article: its name, its graph, its gold annotation."""

    name: str
    graph: rdflib.Graph
    gold: Gold


@dataclass(frozen=True)
class CurvePoint:
    """The micro-averaged scores at one threshold and the graph edges that survive it."""

    threshold: float
    score: CorpusScore
    edges_kept: int
    edges_total: int


def extract_articles(
    texts: Sequence[Path], gold_dir: Path, extractor: Extractor | None = None
) -> list[Article]:
    """Extract every article under ``texts`` (files or folders) into its own graph.

    Raises:
        ConflictKGError: an input cannot be read or has no gold file in ``gold_dir``.
    """
    found = documents_with_gold(texts, gold_dir)
    extractor = extractor or Extractor.default()
    return [
        Article(name, to_graph([extractor.extract(document)]), gold)
        for document, name, gold in found
    ]


def edge_confidences(graph: rdflib.Graph) -> list[float]:
    """The confidence of every asserted actor edge (all six predicates), by the scorer's
    rule: the highest ``ck:confidence`` of the edge's statements, 1.0 without one."""
    best: dict[tuple[rdflib.term.Node, ...], float] = {}
    for statement, subject in graph.subject_objects(RDF.subject):
        predicate = graph.value(statement, RDF.predicate)
        obj = graph.value(statement, RDF.object)
        if predicate is None or obj is None:
            continue
        for value in graph.objects(statement, CK.confidence):
            try:
                confidence = float(str(value))
            except ValueError:
                continue
            key = (subject, predicate, obj)
            best[key] = max(best.get(key, confidence), confidence)
    return sorted(
        best.get((s, p, o), 1.0) for p in _EDGE_PREDICATES for s, o in graph.subject_objects(p)
    )


def confidence_curve(
    articles: Sequence[Article], thresholds: Sequence[float] = THRESHOLDS
) -> list[CurvePoint]:
    """Score the (already extracted) graphs at each threshold, micro-averaged."""
    confidences = [c for article in articles for c in edge_confidences(article.graph)]
    points = []
    for threshold in thresholds:
        scores = [score_graph(a.graph, a.gold, a.name, min_confidence=threshold) for a in articles]
        kept = sum(1 for c in confidences if c >= threshold)
        points.append(CurvePoint(threshold, micro_average(scores), kept, len(confidences)))
    return points


@dataclass(frozen=True)
class Band:
    """The relation edges whose confidence is in ``[low, high)``: hits and false positives
    (edges the scorer ignores are not counted; an edge without a statement, which no
    threshold drops, is in no band)."""

    low: float
    high: float
    tp: int
    fp: int

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None


def confidence_bands(
    articles: Sequence[Article],
    edges: Sequence[float] = BANDS,
    predicates: Sequence[str] = RELATION_PREDICATES,
) -> list[Band]:
    """Precision per confidence band of the edges of ``predicates``: the differences of
    the scores at the band edges."""

    def counts(point: CurvePoint) -> Counts:
        return sum_counts(point.score.predicate(p) for p in predicates)

    points = confidence_curve(articles, edges)
    return [
        Band(a.threshold, b.threshold, counts(a).tp - counts(b).tp, counts(a).fp - counts(b).fp)
        for a, b in pairwise(points)
    ]


@dataclass(frozen=True)
class HeldOut:
    """The learned scorer on articles it never saw (one leave-one-article-out fold each):
    the graphs of its output combined with the rules, and the graphs holding every
    candidate pair as an edge whose confidence is its held-out probability."""

    output: list[Article]
    candidates: list[Article]


def held_out(texts: Sequence[Path], gold_dir: Path, extractor: Extractor | None = None) -> HeldOut:
    """Cross-validate the combined scorer over ``texts`` (at least three articles).

    Raises:
        ConflictKGError: an input cannot be read or has no gold file in ``gold_dir``.
    """
    learning = read_articles(texts, gold_dir, extractor)
    folds = cross_validate(learning, fit_logistic)
    everything = {p: (0.0, 0.0) for p in SCORED}
    output, candidates = [], []
    for article, fold in zip(learning, folds, strict=True):
        chosen = mode_extraction(article, fold, "combined")
        output.append(Article(article.name, to_graph([chosen]), article.gold))
        every = select(article.candidates, fold.combined, everything)
        candidates.append(Article(article.name, to_graph([every]), article.gold))
    return HeldOut(output, candidates)


def render_bands(bands: Sequence[Band]) -> str:
    """A Markdown table, one row per band."""
    lines = ["| confidence | right | wrong | precision |", "|---|---:|---:|---:|"]
    for band in bands:
        high = "1.00]" if band.high > 1 else f"{band.high:.2f})"
        shown = "-" if band.precision is None else f"{band.precision:.3f}"
        lines.append(f"| [{band.low:.2f}, {high} | {band.tp} | {band.fp} | {shown} |")
    return "\n".join(lines) + "\n"


def render_table(points: Sequence[CurvePoint]) -> str:
    """A Markdown table, one row per threshold."""
    lines = [
        "| threshold | relation P | relation R | relation F1 "
        "| structure P | structure R | structure F1 | edges kept |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for point in points:
        rel, struct = point.score.relations, point.score.structure
        lines.append(
            f"| {point.threshold:.2f} "
            f"| {rel.precision:.3f} | {rel.recall:.3f} | {rel.f1:.3f} "
            f"| {struct.precision:.3f} | {struct.recall:.3f} | {struct.f1:.3f} "
            f"| {point.edges_kept} / {point.edges_total} |"
        )
    return "\n".join(lines) + "\n"


_INTRO = """\
# Edge confidence: what it means and where to cut

<!-- Generated by `.venv/bin/python scripts/confidence_curve.py --write`; do not edit. -->

Every edge the extractor reads from a sentence is reified as an `rdf:Statement` with a
`ck:confidence` between 0 and 1. For `supports` and `opposes` it is the strength of the cue
word that triggered the edge (the `confidence` column of `src/conflictkg/extract/data/cues.tsv`:
"arm" 0.9, "train" 0.75, ...) multiplied by the factors of the words around it in
`src/conflictkg/extract/data/modality.tsv`: hedges ("may" 0.8, "reportedly" 0.85) and claims
("accused" 0.85, "alleged" 0.8) lower it, neutral reporting ("said") leaves it unchanged,
and negations and denials remove the edge altogether. Designation edges start from a fixed
confidence in their rule module (lower for mere perception, "sees them as terrorists") and
are scaled by the same factors; structure edges from titles ("Iraqi Prime Minister X"),
verbs ("who heads") and "a unit of" carry fixed confidences; an edge that a head of state's
action implies for their state is scaled by 0.9. An edge read from several sentences keeps
its highest confidence.

A threshold keeps the edges whose confidence is at least the threshold; it trades recall for
precision. To score with one, run `conflictkg eval --gold tests/corpus/gold
--min-confidence 0.8`. To apply one to an exported graph, filter on the statements:

```sparql
PREFIX ck: <https://w3id.org/conflictkg/ontology#>
SELECT DISTINCT ?a ?b WHERE {
  ?a ck:supports ?b .
  ?st rdf:subject ?a ; rdf:predicate ck:supports ; rdf:object ?b ; ck:confidence ?c .
  FILTER (?c >= 0.8)
}
```

Saved as `confident.rq`, `conflictkg query -f confident.rq` runs it on `exports/conflictkg.ttl`.
"""


def render_document(
    points: Sequence[CurvePoint], articles: Sequence[Article], scorer: HeldOut | None = None
) -> str:
    """The whole ``docs/confidence.md``."""
    names = ", ".join(f"`{a.name}`" for a in articles)
    about = (
        f"Micro-averaged over the {len(articles)} articles of `tests/corpus/` ({names}), "
        f"each extracted on its own by `{EXTRACTOR}` with `{MODEL_NAME}` {MODEL_VERSION} "
        "and scored as `conflictkg eval` scores it (`tests/corpus/README.md`). Relations are "
        "`supports`, `opposes` and `designatedTerrorist`; structure is `leaderOf`, `memberOf` "
        "and `partOf`. *Edges kept* counts the graphs' edges of all six predicates at or "
        "above the threshold, out of all of them."
    )
    text = (
        f"{_INTRO}\n## The curve on the development corpus\n\n"
        f"{textwrap.fill(about, width=92, break_on_hyphens=False)}\n\n"
        f"{render_table(points)}\n{summary(points)}\n"
        f"## Precision per confidence band\n\n{_fill(_BANDS_ABOUT)}\n\n"
        f"{render_bands(confidence_bands(articles))}"
    )
    if scorer is None:
        return text
    return (
        f"{text}\n## The learned scorer on held-out articles\n\n{_fill(_SCORER_ABOUT)}\n\n"
        f"Calibration (every candidate pair, `supports` and `opposes`):\n\n"
        f"{render_bands(confidence_bands(scorer.candidates, predicates=_SCORED_NAMES))}\n"
        "The scorer combined with the rules, by threshold (all relations; designation and "
        "structure\nedges keep the rules' confidences):\n\n"
        f"{render_table(confidence_curve(scorer.output))}\n{summary(confidence_curve(scorer.output))}"
    )


_SCORED_NAMES = tuple(p.value for p in SCORED)
_BANDS_ABOUT = (
    "The relation edges of the same graphs (`supports`, `opposes`, `designatedTerrorist`) "
    "grouped by confidence: how many are right and wrong by the gold, and the precision of "
    "each band. A confidence means something when the precision of its band is close to it."
)
_SCORER_ABOUT = (
    "`scripts/train_scorer.py` measures a learned scorer against the rules (see "
    "`docs/scorer.md`). Its confidence is a probability; here every article is scored by "
    "models and thresholds learned from the other articles only (leave-one-article-out), so "
    "the bands show how the probabilities hold on text the scorer never saw."
)


def _fill(text: str) -> str:
    return textwrap.fill(text, width=92, break_on_hyphens=False)


def summary(points: Sequence[CurvePoint]) -> str:
    """One sentence on the best relation F1 and the thresholds that reach it."""
    if not points:
        return ""
    best = max(round(p.score.relations.f1, 3) for p in points)
    at = [i for i, p in enumerate(points) if round(p.score.relations.f1, 3) == best]
    shown = [f"{points[i].threshold:.2f}" for i in at]
    if len(at) > 2 and at[-1] - at[0] == len(at) - 1:  # a contiguous run of rows
        where = f"thresholds {shown[0]} to {shown[-1]}"
    else:
        where = ("threshold " if len(at) == 1 else "thresholds ") + ", ".join(shown)
    return f"The best relation F1 on this corpus, {best:.3f}, is reached at {where}.\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("texts", nargs="*", type=Path, help=f"articles (default: {TEXTS})")
    parser.add_argument("--gold", type=Path, default=GOLD, help="gold folder")
    parser.add_argument("--write", action="store_true", help=f"rewrite {OUTPUT}")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="where --write writes")
    parser.add_argument(
        "--no-scorer", action="store_true", help="skip the learned scorer's cross-validation"
    )
    args = parser.parse_args(argv)
    texts = args.texts or [TEXTS]
    try:
        extractor = Extractor.default()
        articles = extract_articles(texts, args.gold, extractor)
        scorer = None if args.no_scorer else held_out(texts, args.gold, extractor)
    except ConflictKGError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    points = confidence_curve(articles)
    print(render_table(points), end="")
    print(render_bands(confidence_bands(articles)), end="")
    if scorer is not None:
        print(render_bands(confidence_bands(scorer.candidates, predicates=_SCORED_NAMES)), end="")
        print(render_table(confidence_curve(scorer.output)), end="")
    if args.write:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(render_document(points, articles, scorer), encoding="utf-8")
        print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
