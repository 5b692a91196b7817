"""The learned scorer: a logistic model over actor-pair features, read from a JSON file.

For each predicate it scores (``supports``, ``opposes``) the model gives the probability
that a pair of actors in a sentence stands in that relation, from the features of
:mod:`conflictkg.extract.paths` and what the rules read there. :func:`select` turns the
probabilities into relations: a rule's relation is kept when its probability reaches the
predicate's ``keep`` threshold, a pair the rules did not relate is added when it reaches
``add``, and the probability becomes the edge's confidence. Other predicates
(designation, structure) pass through from the rules unchanged.

Scoring needs no scikit-learn: the file holds the weights by feature name
(``scripts/train_scorer.py`` writes it; the format is in :meth:`Scorer.to_json`).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from .._version import __version__
from ..errors import ResourceError
from ..model import Attribution, Extraction, Predicate, Relation
from .pairs import CandidateSet, PairCandidate

FORMAT = 1
SCORER = f"conflictkg-scorer {__version__}"
_DIGITS = 6  # weights are stored rounded, so that the file is stable


@dataclass(frozen=True)
class PredicateModel:
    """A logistic model of one predicate, and its two decision thresholds."""

    bias: float
    weights: Mapping[str, float]
    keep: float = 0.5
    add: float = 0.5

    def probability(self, features: Mapping[str, float]) -> float:
        score = self.bias + sum(self.weights.get(name, 0.0) * v for name, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, score))))


@dataclass(frozen=True)
class Scorer:
    """Per-predicate models; ``pipeline`` names the spaCy pipeline the features were read
    with, ``vectors`` whether they include its word vectors."""

    models: Mapping[Predicate, PredicateModel]
    pipeline: str = ""
    vectors: bool = False

    @classmethod
    def load(cls, path: Path) -> Scorer:
        """Read a model file.

        Raises:
            ResourceError: the file is missing, not JSON, or not in the expected format.
        """
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data["format"] != FORMAT:
                raise ResourceError(f"{path}: format {data['format']!r}, expected {FORMAT}")
            models = {
                Predicate(name): PredicateModel(
                    float(entry["bias"]),
                    {str(k): float(v) for k, v in entry["weights"].items()},
                    float(entry["keep"]),
                    float(entry["add"]),
                )
                for name, entry in data["predicates"].items()
            }
            return cls(models, str(data["pipeline"]), bool(data["vectors"]))
        except OSError as exc:
            raise ResourceError(f"{path}: cannot read the scorer model ({exc})") from exc
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            reason = f"{type(exc).__name__}: {exc}"
            raise ResourceError(f"{path}: not a scorer model ({reason})") from exc

    def to_json(self) -> str:
        """The model file: ``{"format": 1, "pipeline": ..., "vectors": ..., "predicates":
        {"supports": {"bias": b, "keep": t, "add": t, "weights": {name: w}}}}``, keys
        sorted, weights rounded to six decimals, zero weights left out."""
        predicates = {
            p.value: {
                "add": round(m.add, 4),
                "bias": round(m.bias, _DIGITS),
                "keep": round(m.keep, 4),
                "weights": {
                    k: round(w, _DIGITS)
                    for k, w in sorted(m.weights.items())
                    if round(w, _DIGITS) != 0.0
                },
            }
            for p, m in sorted(self.models.items())
        }
        data = {
            "format": FORMAT,
            "pipeline": self.pipeline,
            "predicates": predicates,
            "vectors": self.vectors,
        }
        return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"

    def probabilities(self, candidates: CandidateSet) -> dict[tuple[int, Predicate], float]:
        """The probability of every (pair index, scored predicate)."""
        return {
            (index, predicate): model.probability(instance_features(pair, predicate))
            for index, pair in enumerate(candidates.pairs)
            for predicate, model in self.models.items()
        }

    def apply(self, candidates: CandidateSet) -> Extraction:
        """The document's extraction with this scorer's relations (see :func:`select`)."""
        thresholds = {p: (m.keep, m.add) for p, m in self.models.items()}
        return select(candidates, self.probabilities(candidates), thresholds)


def instance_features(pair: PairCandidate, predicate: Predicate) -> dict[str, float]:
    """The features of a pair read as a candidate of ``predicate``: the pair's own, plus
    whether and how confidently the rules read this predicate, or another, there."""
    features = dict(pair.features)
    same = [r for r in pair.rules if r.predicate is predicate]
    if same:
        best = max(same, key=lambda r: r.confidence)
        features["rule"] = 1.0
        features["rule_confidence"] = best.confidence
        features[f"rule_cue={best.cue.lower()}"] = 1.0
        features[f"rule_attribution={best.attribution.value}"] = 1.0
    for other in sorted({r.predicate.value for r in pair.rules if r.predicate is not predicate}):
        features[f"rule_other={other}"] = 1.0
    return features


def select(
    candidates: CandidateSet,
    probabilities: Mapping[tuple[int, Predicate], float],
    thresholds: Mapping[Predicate, tuple[float, float]],
) -> Extraction:
    """The extraction whose scored predicates come from ``probabilities``.

    ``thresholds[p]`` is ``(keep, add)``: a rule relation of ``p`` stays when its pair's
    probability is at least ``keep``, a pair without one becomes a relation when it is at
    least ``add``; either way the probability (rounded to two decimals) is its confidence.
    Predicates without thresholds keep the rules' relations. One relation per triple and
    sentence (the most confident); the actors of new edges join the extraction's actors.
    """
    extraction = candidates.extraction
    actors = {a.key: a for a in candidates.actors}
    kept = [r for r in extraction.relations if r.predicate not in thresholds]
    best: dict[tuple[str, Predicate, str, int], Relation] = {}
    for (index, predicate), probability in sorted(probabilities.items()):
        if predicate not in thresholds:
            continue
        pair = candidates.pairs[index]
        keep, add = thresholds[predicate]
        rules = [r for r in pair.rules if r.predicate is predicate]
        if probability < (keep if rules else add):
            continue
        subject, obj = actors.get(pair.subject), actors.get(pair.object)
        if subject is None or obj is None or not predicate.allows(subject.type, obj.type):
            continue
        confidence = round(probability, 2)
        if rules:
            relation = replace(max(rules, key=lambda r: r.confidence), confidence=confidence)
        else:
            attributed = any(name in ("above=claim", "above=report") for name, _ in pair.features)
            relation = Relation(
                pair.subject,
                predicate,
                pair.object,
                pair.evidence,
                confidence,
                SCORER,
                Attribution.ATTRIBUTED if attributed else Attribution.ASSERTED,
            )
        key = (relation.subject, predicate, relation.object, relation.evidence.begin)
        if key not in best or relation.confidence > best[key].confidence:
            best[key] = relation
    relations = sorted(
        [*kept, *best.values()],
        key=lambda r: (r.evidence.begin, r.subject, r.predicate, r.object),
    )
    present = {a.key for a in extraction.actors}
    added = {k for r in best.values() for k in (r.subject, r.object)} - present
    all_actors = sorted([*extraction.actors, *(actors[k] for k in added)], key=lambda a: a.key)
    return replace(extraction, actors=tuple(all_actors), relations=tuple(relations))
