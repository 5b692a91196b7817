"""Candidates checked against each other, within a sentence and across the document.

- A designation is not also opposition read from the same verb ("proscribed X as a
  terrorist organization").
- One sentence never gives both support and opposition for one pair: the reading read
  from a named target wins over an inferred one (a place, a bare state name), then the
  more confident; a tie leaves neither.
- An inferred opposition ("air strikes on Syria") is dropped where the document states
  support between the two.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..model import Predicate
from .candidate import Candidate

_POLAR = (Predicate.SUPPORTS, Predicate.OPPOSES)


def _pair(candidate: Candidate) -> frozenset[str]:
    return frozenset((candidate.subject, candidate.object))


def _rank(candidate: Candidate) -> tuple[bool, float]:
    return (not candidate.inferred, candidate.confidence)


def sentence_filter(candidates: Sequence[Candidate]) -> list[Candidate]:
    """The candidates of one sentence that do not contradict a better reading of it."""
    designated = {
        (c.object, c.subject, c.cue.i)
        for c in candidates
        if c.predicate is Predicate.DESIGNATED_TERRORIST
    }
    kept = [
        c
        for c in candidates
        if not (c.predicate is Predicate.OPPOSES and (c.subject, c.object, c.cue.i) in designated)
    ]
    best: dict[tuple[frozenset[str], Predicate], tuple[bool, float]] = {}
    for c in kept:
        if c.predicate in _POLAR:
            key = (_pair(c), c.predicate)
            best[key] = max(best.get(key, (False, 0.0)), _rank(c))
    result = []
    for c in kept:
        if c.predicate in _POLAR:
            other = Predicate.OPPOSES if c.predicate is Predicate.SUPPORTS else Predicate.SUPPORTS
            rival = best.get((_pair(c), other))
            if rival is not None and rival >= best[(_pair(c), c.predicate)]:
                continue
        result.append(c)
    return result


def document_filter(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Drop inferred oppositions between actors the document says support each other."""
    candidates = list(candidates)
    allied = {_pair(c) for c in candidates if c.predicate is Predicate.SUPPORTS and not c.inferred}
    return [
        c
        for c in candidates
        if not (c.predicate is Predicate.OPPOSES and c.inferred and _pair(c) in allied)
    ]
