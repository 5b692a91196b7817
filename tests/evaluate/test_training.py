"""Gold labels of candidates, threshold search and the cross-validation harness, on hand-made
candidates (no spaCy model). The labels must agree with ``score_graph``, and no article may
ever be in the training data of its own fold."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pytest

from conflictkg.evaluate.compare import find_gold_for, load_gold, score_graph
from conflictkg.evaluate.crossval import Setup, cross_validate, learn, mode_extraction
from conflictkg.evaluate.gold import parse_gold
from conflictkg.evaluate.labels import DocumentLabels
from conflictkg.evaluate.training import (
    NEVER,
    Article,
    choose_thresholds,
    fit_logistic,
    out_of_fold,
)
from conflictkg.extract.extractor import Extractor
from conflictkg.extract.pairs import SCORED_PREDICATES, CandidateSet, PairCandidate
from conflictkg.extract.scorer import PredicateModel
from conflictkg.ingest.reader import read_documents
from conflictkg.model import Actor, ActorType, Document, Evidence, Extraction, Predicate, Relation
from conflictkg.rdf.mapping import to_graph
from conftest import CORPUS_GOLD, CORPUS_TEXTS

IRAN = Actor("irn", "Iran", ActorType.GOVERNMENT, ("Tehran",))
IRAQ = Actor("irq", "Iraq", ActorType.GOVERNMENT)
ISIS = Actor("islamic_state", "Islamic State", ActorType.ARMED_GROUP, ("ISIS",))
POST = Actor("washington_post", "Washington Post", ActorType.ARMED_GROUP)  # no gold entity
KURDS = Actor("kurds", "Kurds", ActorType.ARMED_GROUP)  # an optional gold entity
ACTORS = (IRAN, IRAQ, ISIS, POST, KURDS)


def _entity(eid: str, etype: str, names: list[str], optional: bool = False) -> dict[str, Any]:
    return {"id": eid, "type": etype, "names": names, "wikidata": None, "optional": optional}


def _edge(s: str, p: str, o: str, optional: bool = False) -> dict[str, Any]:
    return {"s": s, "p": p, "o": o, "evidence": "", "optional": optional}


GOLD = parse_gold(
    {
        "doc": "hand.txt",
        "entities": [
            _entity("iran", "Government", ["Iran"]),
            _entity("iraq", "Government", ["Iraq"]),
            _entity("isis", "ArmedGroup", ["ISIS"]),
            _entity("kurds", "ArmedGroup", ["Kurds"], optional=True),
        ],
        "relations": [
            _edge("iran", "supports", "iraq"),
            _edge("iran", "opposes", "isis"),
            _edge("iraq", "opposes", "isis"),
            _edge("isis", "opposes", "iraq", optional=True),
        ],
        "structure": [],
    }
)


def _sentence(n: int) -> Evidence:
    return Evidence("hand.txt", f"Sentence {n}.", 20 * n, 20 * n + 11)


def test_labels_follow_the_scoring_rules() -> None:
    labels = DocumentLabels.of(ACTORS, GOLD)
    assert labels.ends == {
        "irn": "iran",
        "irq": "iraq",
        "islamic_state": "isis",  # by its altLabel
        "washington_post": None,
        "kurds": "",
    }
    assert labels.label("irn", "supports", "irq") == 1
    assert labels.label("irq", "supports", "irn") == 0
    assert labels.label("islamic_state", "opposes", "irq") is None  # optional relation
    assert labels.label("kurds", "opposes", "islamic_state") is None  # optional entity
    assert labels.label("washington_post", "opposes", "islamic_state") == 0


@pytest.mark.parametrize(
    "triples",
    [
        [],
        [("irn", "supports", "irq")],
        [("irn", "supports", "irq"), ("irq", "supports", "irn"), ("irn", "opposes", "irq")],
        [("washington_post", "opposes", "islamic_state"), ("irq", "opposes", "islamic_state")],
        [("islamic_state", "opposes", "irq"), ("kurds", "opposes", "islamic_state")],
    ],
)
def test_counts_agree_with_score_graph(triples: list[tuple[str, str, str]]) -> None:
    labels = DocumentLabels.of(ACTORS, GOLD)
    relations = tuple(
        Relation(s, Predicate(p), o, _sentence(0), 0.9, "test") for s, p, o in triples
    )
    graph = to_graph([Extraction(Document("hand.txt", ""), ACTORS, relations)])
    scored = score_graph(graph, GOLD)
    assert labels.counts(triples) == {p: scored.predicate(p) for p in labels.counts([])}


def _article(name: str, signal: Sequence[float]) -> Article:
    """Pairs whose feature ``x`` is ``signal[i]``; the true triples are the gold's."""
    triples = [
        ("irn", "supports", "irq"),  # gold
        ("irq", "supports", "irn"),
        ("irn", "opposes", "islamic_state"),  # gold
        ("washington_post", "opposes", "irq"),
    ]
    rules = {0: Relation("irn", Predicate.SUPPORTS, "irq", _sentence(0), 0.9, "rules")}
    pairs = []
    for i, (s, _, o) in enumerate(triples):
        ruled = (rules[i],) if i in rules else ()
        pairs.append(PairCandidate(s, o, _sentence(i), (("x", signal[i]),), ruled))
    extraction = Extraction(Document(f"{name}.txt", ""), ACTORS, tuple(rules.values()))
    return Article.of(name, CandidateSet(extraction, ACTORS, tuple(pairs)), GOLD)


ARTICLES = [_article(f"a{i}", (1.0, -1.0, 1.0, -1.0)) for i in range(4)]


def test_thresholds_maximise_f1_and_prefer_the_rules_on_ties() -> None:
    probabilities = [
        {(0, Predicate.SUPPORTS): 0.6, (1, Predicate.SUPPORTS): 0.7},
        {(2, Predicate.OPPOSES): 0.9, (3, Predicate.OPPOSES): 0.4},
    ]
    articles = [ARTICLES[0], ARTICLES[1]]
    chosen = choose_thresholds(articles, probabilities)
    # supports: keep the rule pair (0.6), never add the wrong one (0.7)
    assert chosen[Predicate.SUPPORTS] == (0.0, NEVER)
    # opposes: add 0.9 (right), not 0.4 (wrong); keep has nothing to keep: lowest
    assert chosen[Predicate.OPPOSES] == (0.0, 0.9)
    alone = choose_thresholds(articles, probabilities, alone=True)
    assert alone[Predicate.OPPOSES] == (0.45, 0.45)
    # a precision floor no option reaches falls back to the rules
    floor = choose_thresholds(articles, [{(1, Predicate.SUPPORTS): 0.7}, {}], min_precision=0.9)
    assert floor[Predicate.SUPPORTS] == (0.0, NEVER)


class RecordingFit:
    """A fit that remembers the articles (groups) it was trained on."""

    def __init__(self) -> None:
        self.calls: list[frozenset[str]] = []

    def __call__(
        self, features: Sequence[Mapping[str, float]], labels: Sequence[int], groups: Sequence[str]
    ) -> PredicateModel:
        self.calls.append(frozenset(groups))
        return fit_logistic(features, labels, groups, min_groups=1)


def test_out_of_fold_never_trains_on_the_article_it_scores() -> None:
    fit = RecordingFit()
    found = out_of_fold(ARTICLES, fit, folds=2)
    assert len(found) == 4 and all(found)
    assert fit.calls == [frozenset({"a1", "a3"})] * 2 + [frozenset({"a0", "a2"})] * 2


def test_cross_validation_is_leave_one_article_out_all_the_way_down() -> None:
    fit = RecordingFit()
    folds = cross_validate(ARTICLES, fit, Setup(inner_folds=3))
    assert [f.article for f in folds] == ["a0", "a1", "a2", "a3"]
    # per fold, two setups (with and without rule features) x (3 inner + 1 outer) x 2 predicates
    per_fold = len(fit.calls) // 4
    assert per_fold == 2 * 4 * 2
    for number, fold in enumerate(folds):
        calls = fit.calls[number * per_fold : (number + 1) * per_fold]
        assert all(fold.article not in groups for groups in calls)
    # the signal separates right from wrong: the held-out articles are read right
    combined = mode_extraction(ARTICLES[0], folds[0], "combined")
    assert {(r.subject, r.predicate.value, r.object) for r in combined.relations} == {
        ("irn", "supports", "irq"),
        ("irn", "opposes", "islamic_state"),
    }
    assert mode_extraction(ARTICLES[0], folds[0], "rules") is ARTICLES[0].candidates.extraction
    with pytest.raises(ValueError, match="rules, scorer, combined"):
        mode_extraction(ARTICLES[0], folds[0], "oracle")


def test_fit_drops_features_of_one_article_and_handles_one_class() -> None:
    features = [{"x": 1.0, "only_a": 1.0}, {"x": -1.0}, {"x": 1.0}, {"x": -1.0}]
    model = fit_logistic(features, [1, 0, 1, 0], ["a", "a", "b", "b"])
    assert set(model.weights) == {"x"} and model.weights["x"] > 0
    constant = fit_logistic(features, [0, 0, 0, 0], ["a", "a", "b", "b"])
    assert constant.weights == {} and constant.probability({"x": 1.0}) < 0.2
    one_article = fit_logistic(features, [1, 0, 1, 0], ["a"] * 4)  # no feature in two
    assert one_article.weights == {} and one_article.probability({}) == pytest.approx(0.5)


def test_learn_is_deterministic() -> None:
    first = learn(ARTICLES, fit_logistic, Setup(inner_folds=2))
    again = learn(ARTICLES, fit_logistic, Setup(inner_folds=2))
    assert first.to_json() == again.to_json()
    assert set(first.models) == {Predicate.SUPPORTS, Predicate.OPPOSES}


@pytest.mark.model
def test_on_a_real_article_labels_count_as_eval_scores(extractor: Extractor) -> None:
    source = CORPUS_TEXTS / "seed_us_iran_iraq_2014.txt"
    document = read_documents([source]).documents[0]
    candidates = extractor.candidates(document)
    assert candidates.extraction == extractor.extract(document)
    # every relation the rules read is the reading of one candidate pair
    ruled = [r for p in candidates.pairs for r in p.rules]
    scored = [r for r in candidates.extraction.relations if r.predicate in SCORED_PREDICATES]
    assert sorted(ruled, key=repr) == sorted(scored, key=repr)
    # and the labels count the rules' output exactly as `conflictkg eval` does
    gold = load_gold(find_gold_for(source, CORPUS_GOLD))
    article = Article.of("seed", candidates, gold)
    triples = [(r.subject, r.predicate.value, r.object) for r in scored]
    graph = to_graph([candidates.extraction])
    expected = score_graph(graph, gold)
    assert article.labels.counts(triples) == {
        p: expected.predicate(p) for p in ("supports", "opposes", "designatedTerrorist")
    }
    assert expected.relations.tp > 10
