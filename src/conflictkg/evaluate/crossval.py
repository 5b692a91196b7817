"""Does the learned scorer beat the rules? Leave-one-article-out cross-validation.

For each article in turn, everything learned (the models and their thresholds) comes from
the other articles only: models are fitted on them, and thresholds are chosen on their
out-of-fold probabilities (an inner cross-validation over them, articles never split).
The held-out article is then read three ways and scored exactly as ``conflictkg eval``
scores it (its graph against its gold file):

- ``rules``: the rules alone (the extractor as it is);
- ``scorer``: a model that does not see the rules, over every actor pair of every sentence,
  with one threshold, for ``supports`` and ``opposes`` (designation and structure from the
  rules);
- ``combined``: a model that also reads what the rules read; it keeps a rule's relation at
  ``keep`` and adds a pair the rules missed at ``add``.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import ConflictKGError
from ..extract.extractor import Extractor
from ..extract.scorer import Scorer, select
from ..ingest.reader import read_documents
from ..model import Document, Extraction
from ..rdf.mapping import to_graph
from .compare import (
    CorpusScore,
    DocumentScore,
    Gold,
    find_gold_for,
    load_gold,
    micro_average,
    score_graph,
)
from .training import (
    Article,
    Fit,
    Probabilities,
    Thresholds,
    choose_thresholds,
    out_of_fold,
    predict,
    train,
)

MODES = ("rules", "scorer", "combined")


@dataclass(frozen=True)
class Fold:
    """What was learned without one article, and its probabilities under it."""

    article: str
    combined: Probabilities
    combined_thresholds: Thresholds
    alone: Probabilities
    alone_thresholds: Thresholds


def documents_with_gold(texts: Sequence[Path], gold_dir: Path) -> list[tuple[Document, str, Gold]]:
    """Every document under ``texts`` (files or folders) with its name and its gold, all
    gold read before any document is extracted.

    Raises:
        ConflictKGError: an input cannot be read or has no gold file in ``gold_dir``.
    """
    ingested = read_documents(list(texts))
    if ingested.failures:
        raise ConflictKGError("; ".join(str(f) for f in ingested.failures))
    if not ingested.documents:
        raise ConflictKGError(f"no articles under {', '.join(map(str, texts))}")
    sources = [Path(d.source_path or d.identifier) for d in ingested.documents]
    golds = [load_gold(find_gold_for(source, gold_dir)) for source in sources]
    return [
        (document, source.stem, gold)
        for document, source, gold in zip(ingested.documents, sources, golds, strict=True)
    ]


def read_articles(
    texts: Sequence[Path],
    gold_dir: Path,
    extractor: Extractor | None = None,
    *,
    vectors: bool = False,
    progress: Callable[[str], None] | None = None,
) -> list[Article]:
    """Every article under ``texts`` with its candidates and gold, sorted by name.

    Raises:
        ConflictKGError: an input cannot be read or has no gold file in ``gold_dir``.
    """
    found = documents_with_gold(texts, gold_dir)
    extractor = extractor or Extractor.default()
    articles = []
    for document, name, gold in found:
        if progress is not None:
            progress(name)
        candidates = extractor.candidates(document, vectors=vectors)
        articles.append(Article.of(name, candidates, gold))
    return sorted(articles, key=lambda a: a.name)


@dataclass(frozen=True)
class Setup:
    """How a scorer is learned: with or without the rules' output among its features, the
    folds of the inner cross-validation that chooses its thresholds, and the precision
    those thresholds must reach there."""

    rule_features: bool = True
    inner_folds: int = 5
    min_precision: float = 0.0


def learn(articles: Sequence[Article], fit: Fit, setup: Setup = Setup()) -> Scorer:
    """A scorer fitted on ``articles``, its thresholds chosen on their out-of-fold
    probabilities (``setup.inner_folds`` folds of whole articles)."""
    rule_features = setup.rule_features
    found = out_of_fold(articles, fit, setup.inner_folds, rule_features=rule_features)
    thresholds = choose_thresholds(
        articles, found, alone=not rule_features, min_precision=setup.min_precision
    )
    models = train(articles, fit, rule_features=rule_features)
    return Scorer(
        {p: replace(m, keep=thresholds[p][0], add=thresholds[p][1]) for p, m in models.items()}
    )


def _held_out(
    rest: Sequence[Article], article: Article, fit: Fit, setup: Setup
) -> tuple[Probabilities, Thresholds]:
    scorer = learn(rest, fit, setup)
    probabilities = predict(scorer.models, article, rule_features=setup.rule_features)
    return probabilities, {p: (m.keep, m.add) for p, m in scorer.models.items()}


def cross_validate(
    articles: Sequence[Article],
    fit: Fit,
    setup: Setup = Setup(),
    *,
    progress: Callable[[str], None] | None = None,
) -> list[Fold]:
    """One :class:`Fold` per article, in the order given (leave-one-article-out): the
    combined scorer learned as ``setup`` says, and the scorer alone (the same setup without
    the rules' features)."""
    folds = []
    for held, article in enumerate(articles):
        if progress is not None:
            progress(article.name)
        rest = [a for i, a in enumerate(articles) if i != held]
        combined = _held_out(rest, article, fit, replace(setup, rule_features=True))
        alone = _held_out(rest, article, fit, replace(setup, rule_features=False))
        folds.append(Fold(article.name, *combined, *alone))
    return folds


def mode_extraction(article: Article, fold: Fold, mode: str) -> Extraction:
    """The held-out article's extraction in one of :data:`MODES`."""
    if mode == "rules":
        return article.candidates.extraction
    if mode == "scorer":
        return select(article.candidates, fold.alone, fold.alone_thresholds)
    if mode == "combined":
        return select(article.candidates, fold.combined, fold.combined_thresholds)
    raise ValueError(f"unknown mode {mode!r}; expected one of {', '.join(MODES)}")


def score_extraction(article: Article, extraction: Extraction) -> DocumentScore:
    """The extraction's graph scored against the article's gold, as ``conflictkg eval``."""
    return score_graph(to_graph([extraction]), article.gold, article.name)


@dataclass(frozen=True)
class ModeScores:
    """One mode's held-out scores: per article (in the articles' order) and micro-averaged."""

    mode: str
    documents: tuple[DocumentScore, ...]
    total: CorpusScore


def score_modes(articles: Sequence[Article], folds: Sequence[Fold]) -> list[ModeScores]:
    found = []
    for mode in MODES:
        scores = tuple(
            score_extraction(a, mode_extraction(a, f, mode))
            for a, f in zip(articles, folds, strict=True)
        )
        found.append(ModeScores(mode, scores, micro_average(scores)))
    return found


def bootstrap_difference(
    better: Sequence[DocumentScore],
    worse: Sequence[DocumentScore],
    *,
    samples: int = 2000,
    seed: int = 8,
) -> tuple[float, float]:
    """A 95% percentile interval of the micro relation-F1 difference ``better - worse``,
    articles resampled with replacement (seeded: the same inputs give the same interval)."""
    rng = random.Random(seed)
    n = len(better)
    differences = []
    for _ in range(samples):
        picks = [rng.randrange(n) for _ in range(n)]
        a = micro_average([better[i] for i in picks]).relations.f1
        b = micro_average([worse[i] for i in picks]).relations.f1
        differences.append(a - b)
    differences.sort()
    return differences[int(0.025 * samples)], differences[int(0.975 * samples) - 1]
