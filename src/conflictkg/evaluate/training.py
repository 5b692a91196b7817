"""Training the learned scorer on gold articles: instances, a logistic fit, thresholds.

An :class:`Article` is a development article read for learning: its candidate pairs
(:meth:`Extractor.candidates`), its gold annotation and the labels the gold gives each
candidate (:class:`~conflictkg.evaluate.labels.DocumentLabels`). One instance is a pair
read as a candidate of one scored predicate. :func:`fit_logistic` fits scikit-learn's
logistic regression (the ``train`` extra; imported only here, only when called) and returns
a :class:`~conflictkg.extract.scorer.PredicateModel`, which scores without scikit-learn.
:func:`choose_thresholds` picks each predicate's ``keep`` and ``add`` thresholds that give
the best F1 on the articles it is shown, counting as ``conflictkg eval`` counts.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from ..errors import ConflictKGError
from ..extract.pairs import CandidateSet
from ..extract.scorer import PredicateModel, instance_features
from ..model import Predicate
from .gold import Gold
from .labels import DocumentLabels, GoldKey

#: the predicates the scorer learns; designation and structure stay with the rules
SCORED = (Predicate.SUPPORTS, Predicate.OPPOSES)
#: thresholds searched: 0.00, 0.05, ..., 1.00, and "never" above them
GRID = tuple(i / 20 for i in range(21))
NEVER = 1.01

Probabilities = dict[tuple[int, Predicate], float]
Thresholds = dict[Predicate, tuple[float, float]]
Features = Mapping[str, float]
Instance = tuple[int, dict[str, float], int | None]
Fit = Callable[[Sequence[Features], Sequence[int], Sequence[str]], PredicateModel]


@dataclass(frozen=True)
class Article:
    """A development article read for learning."""

    name: str
    candidates: CandidateSet
    gold: Gold
    labels: DocumentLabels
    _memo: dict[tuple[Predicate, bool], list[Instance]] = field(
        default_factory=dict, compare=False, repr=False
    )

    @classmethod
    def of(cls, name: str, candidates: CandidateSet, gold: Gold) -> Article:
        return cls(name, candidates, gold, DocumentLabels.of(candidates.actors, gold))

    def instances(self, predicate: Predicate, *, rule_features: bool = True) -> list[Instance]:
        """``(pair index, features, label)`` of every pair read as ``predicate``; without
        ``rule_features`` the features say nothing of what the rules read. Computed once."""
        memo = self._memo.get((predicate, rule_features))
        if memo is not None:
            return memo
        found: list[Instance] = []
        for index, pair in enumerate(self.candidates.pairs):
            features = instance_features(pair, predicate)
            if not rule_features:
                features = {k: v for k, v in features.items() if not k.startswith("rule")}
            label = self.labels.label(pair.subject, predicate.value, pair.object)
            found.append((index, features, label))
        self._memo[(predicate, rule_features)] = found
        return found


def fit_logistic(
    features: Sequence[Features],
    labels: Sequence[int],
    groups: Sequence[str],
    *,
    c: float = 1.0,
    min_groups: int = 2,
) -> PredicateModel:
    """L2-regularised logistic regression (Newton-CG, deterministic) over the features seen in
    at least ``min_groups`` groups (articles): a feature of one article alone says more
    about that article than about news.

    Raises:
        ConflictKGError: scikit-learn is not installed (``pip install conflictkg[train]``).
    """
    try:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression
        from threadpoolctl import threadpool_limits
    except ImportError as exc:  # pragma: no cover - the train extra is in the lock file
        wanted = "training needs scikit-learn: pip install 'conflictkg[train]'"
        raise ConflictKGError(wanted) from exc
    seen: dict[str, set[str]] = {}
    for row, group in zip(features, groups, strict=True):
        for name in row:
            seen.setdefault(name, set()).add(group)
    kept = {name for name, where in seen.items() if len(where) >= min_groups}
    rows = [{k: v for k, v in row.items() if k in kept} for row in features]
    positives = sum(labels)
    if not kept or positives in (0, len(labels)):  # nothing to learn from: the base rate
        share = (positives + 0.5) / (len(labels) + 1.0)
        return PredicateModel(_logit(share), {})
    vectorizer = DictVectorizer(sort=True)
    matrix = vectorizer.fit_transform(rows)
    model = LogisticRegression(C=c, solver="newton-cg", max_iter=1000)
    with threadpool_limits(1):  # small problems: threads only contend for the cores
        model.fit(matrix, list(labels))
    names = vectorizer.get_feature_names_out()
    weights = {str(n): float(w) for n, w in zip(names, model.coef_[0], strict=True)}
    return PredicateModel(float(model.intercept_[0]), weights)


def _logit(share: float) -> float:
    return math.log(share / (1.0 - share))


def train(
    articles: Sequence[Article],
    fit: Fit,
    *,
    rule_features: bool = True,
    predicates: Sequence[Predicate] = SCORED,
) -> dict[Predicate, PredicateModel]:
    """One model per predicate, fitted on the labelled instances of ``articles``."""
    models = {}
    for predicate in predicates:
        rows, labels, groups = [], [], []
        for article in articles:
            for _, features, label in article.instances(predicate, rule_features=rule_features):
                if label is not None:
                    rows.append(features)
                    labels.append(label)
                    groups.append(article.name)
        models[predicate] = fit(rows, labels, groups)
    return models


def predict(
    models: Mapping[Predicate, PredicateModel], article: Article, *, rule_features: bool = True
) -> Probabilities:
    """The probability of every (pair, predicate) of an article under ``models``."""
    return {
        (index, predicate): model.probability(features)
        for predicate, model in models.items()
        for index, features, _ in article.instances(predicate, rule_features=rule_features)
    }


def out_of_fold(
    articles: Sequence[Article], fit: Fit, folds: int, *, rule_features: bool = True
) -> list[Probabilities]:
    """Each article's probabilities from models trained without it: the articles (in the
    order given) are dealt round-robin into ``folds`` groups, never split."""
    folds = max(2, min(folds, len(articles)))
    found: list[Probabilities] = [{} for _ in articles]
    for fold in range(folds):
        held = [i for i in range(len(articles)) if i % folds == fold]
        rest = [a for i, a in enumerate(articles) if i % folds != fold]
        models = train(rest, fit, rule_features=rule_features)
        for i in held:
            found[i] = predict(models, articles[i], rule_features=rule_features)
    return found


def _best_per_key(
    article: Article, probabilities: Probabilities, predicate: Predicate
) -> dict[GoldKey, tuple[float, float]]:
    """For each gold-level triple of ``predicate``: the best probability of a pair the
    rules read it from, and of a pair they did not (-1 when there is none)."""
    found: dict[GoldKey, tuple[float, float]] = {}
    for (index, p), probability in probabilities.items():
        if p is not predicate:
            continue
        pair = article.candidates.pairs[index]
        key = article.labels.key(pair.subject, predicate.value, pair.object)
        if key is None:
            continue
        ruled, other = found.get(key, (-1.0, -1.0))
        if any(r.predicate is predicate for r in pair.rules):
            ruled = max(ruled, probability)
        else:
            other = max(other, probability)
        found[key] = (ruled, other)
    return found


def choose_thresholds(
    articles: Sequence[Article],
    probabilities: Sequence[Probabilities],
    *,
    alone: bool = False,
    min_precision: float = 0.0,
) -> Thresholds:
    """Per predicate, the ``(keep, add)`` pair with the best F1 over ``articles`` among
    those with at least ``min_precision`` (ties: the lowest ``keep``, then the highest
    ``add``: closest to the rules; if none reaches it, the rules: keep all, add none).
    With ``alone`` the two are one threshold for every pair, ruled or not (if none reaches
    ``min_precision``: the most precise)."""
    chosen: Thresholds = {}
    for predicate in SCORED:
        keys: list[tuple[float, float, bool]] = []
        wanted = 0
        for article, found in zip(articles, probabilities, strict=True):
            best = _best_per_key(article, found, predicate)
            keys += [(r, o, key in article.labels.required) for key, (r, o) in best.items()]
            wanted += sum(1 for k in article.labels.required if k[1] == predicate.value)
        options = [(t, t) for t in GRID]
        if not alone:
            options = [(k, a) for k in GRID for a in (NEVER, *reversed(GRID))]
        top = None
        for keep, add in options:
            tp = fp = 0
            for ruled, other, hit in keys:
                if ruled >= keep or other >= add:
                    tp, fp = (tp + 1, fp) if hit else (tp, fp + 1)
            f1 = 2 * tp / (2 * tp + fp + (wanted - tp)) if tp else 0.0
            if tp + fp and tp / (tp + fp) < min_precision:
                continue
            if top is None or f1 > top[0] + 1e-12:
                top = (f1, keep, add)
        chosen[predicate] = (top[1], top[2]) if top else (NEVER, NEVER) if alone else (0.0, NEVER)
    return chosen
