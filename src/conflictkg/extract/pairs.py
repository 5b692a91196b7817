"""Actor pairs of a sentence and what the parse says about them: the learned scorer's input.

For every sentence, each ordered pair of distinct actors named in it (by a mention, or by a
pronoun or "the group" that refers back to one), and each pair the rules related in it,
becomes a :class:`PairCandidate`: the pair, the sentence, the rules' relations between the
two in that sentence, and named features read off the parse (:mod:`conflictkg.extract.paths`).
No spaCy object leaves this module; :func:`pair_candidates` returns plain dataclasses.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ..model import Actor, ActorType, Document, Evidence, Extraction, Predicate, Relation
from .arguments import Arguments
from .gazetteer import Gazetteer
from .lexicon import Lexicon
from .mentions import find_mentions
from .paths import Occurrence, between_tokens, pair_features
from .resolve import Resolution, resolve_mentions
from .segments import evidence_span

#: the predicates the scorer reads; structure is left to the rules
SCORED_PREDICATES = (Predicate.SUPPORTS, Predicate.OPPOSES, Predicate.DESIGNATED_TERRORIST)


@dataclass(frozen=True)
class PairCandidate:
    """An ordered pair of actors in one sentence, with the rules' relations between them
    there (``rules``, this direction only) and the pair's features, sorted by name."""

    subject: str
    object: str
    evidence: Evidence
    features: tuple[tuple[str, float], ...]
    rules: tuple[Relation, ...] = ()


@dataclass(frozen=True)
class CandidateSet:
    """Everything the scorer needs about one document: the rules' extraction (unchanged),
    every actor the document resolves (for edges the rules did not draw), and the pairs."""

    extraction: Extraction
    actors: tuple[Actor, ...]
    pairs: tuple[PairCandidate, ...]


def sentence_evidence(document: Document, sentence: Span) -> Evidence:
    """A sentence as evidence: its text and offsets, surrounding whitespace trimmed (a very
    long one cut as :func:`~conflictkg.extract.segments.evidence_span` cuts it)."""
    start = sentence.start_char
    begin, end = evidence_span(document.text, start, sentence.end_char, start, start)
    return Evidence(document.identifier, document.text[begin:end], begin, end)


def _actors(resolution: Resolution, extraction: Extraction) -> tuple[Actor, ...]:
    found = {actor.key: actor for actor in extraction.actors}
    for key, record in resolution.actors.items():
        if key not in found:
            alt = sorted({s for s in record.surfaces if s and s != record.label})
            kind = record.type or ActorType.ARMED_GROUP
            found[key] = Actor(key, record.label, kind, tuple(alt), record.wikidata)
    return tuple(found[key] for key in sorted(found))


def _occurrences(
    sentence: Span, resolution: Resolution, args: Arguments, doc: Doc
) -> list[Occurrence]:
    """Where the sentence names each actor: its mentions, then anaphors referring back."""
    found = []
    covered: set[int] = set()
    for mention, key in zip(resolution.mentions, resolution.mention_keys, strict=True):
        if sentence.start <= mention.start < sentence.end:
            found.append(Occurrence(key, mention.root(doc), mention.kind.value))
            covered.update(range(mention.start, mention.end))
    for token in sentence:
        if token.i in covered or token.pos_ not in ("PRON", "NOUN"):
            continue
        for key in args.antecedents(token):
            found.append(Occurrence(key, token, "anaphor"))
    return found


def _types(resolution: Resolution, extraction: Extraction) -> dict[str, str]:
    """Each actor's type as a feature value; "unknown" for an organisation the rules did
    not type (they drop its edges unless the text shows it armed)."""
    in_graph = {actor.key: actor.type.value for actor in extraction.actors}
    return {
        key: in_graph.get(key) or (record.type.value if record.type else "unknown")
        for key, record in resolution.actors.items()
    }


def pair_candidates(
    document: Document,
    doc: Doc,
    extraction: Extraction,
    gazetteer: Gazetteer,
    lexicon: Lexicon,
    *,
    vectors: bool = False,
) -> CandidateSet:
    """The candidate pairs of a parsed document whose rule extraction is ``extraction``.

    ``vectors`` adds the pipeline's word vectors of the words between the pair (the mean
    over the dependency path, unit length) as features ``vec:0``, ``vec:1``, ...
    """
    mentions = find_mentions(doc, gazetteer, lexicon, document.boilerplate)
    resolution = resolve_mentions(doc, mentions, gazetteer, lexicon)
    args = Arguments(doc, resolution, lexicon)
    types = _types(resolution, extraction)
    rules_by_begin: dict[int, list[Relation]] = {}
    for relation in extraction.relations:
        if relation.predicate in SCORED_PREDICATES:
            rules_by_begin.setdefault(relation.evidence.begin, []).append(relation)
    pairs = []
    for sentence in doc.sents:
        evidence = sentence_evidence(document, sentence)
        if not evidence.text:
            continue
        rules = rules_by_begin.get(evidence.begin, [])
        occurrences = _occurrences(sentence, resolution, args, doc)
        keys = list(dict.fromkeys(o.key for o in occurrences))
        ordered = [(s, o) for s in keys for o in keys if s != o]
        ordered += [(r.subject, r.object) for r in rules if (r.subject, r.object) not in ordered]
        for subject, obj in dict.fromkeys(ordered):
            features = pair_features(
                subject, obj, occurrences, sentence, types, lexicon, _reverse(rules, subject, obj)
            )
            if vectors:
                features.update(_vector_features(subject, obj, occurrences))
            own = tuple(r for r in rules if (r.subject, r.object) == (subject, obj))
            pairs.append(
                PairCandidate(subject, obj, evidence, tuple(sorted(features.items())), own)
            )
    return CandidateSet(extraction, _actors(resolution, extraction), tuple(pairs))


def _reverse(rules: Iterable[Relation], subject: str, obj: str) -> list[str]:
    return sorted({r.predicate.value for r in rules if (r.subject, r.object) == (obj, subject)})


def _vector_features(subject: str, obj: str, occurrences: list[Occurrence]) -> dict[str, float]:
    tokens = between_tokens(subject, obj, occurrences)
    if not tokens:
        return {}
    total = None
    for token in tokens:
        vector = [float(x) for x in token.vector]
        total = vector if total is None else [a + b for a, b in zip(total, vector, strict=True)]
    assert total is not None
    norm = sum(x * x for x in total) ** 0.5 or 1.0
    return {f"vec:{i}": round(x / norm, 4) for i, x in enumerate(total)}
