"""A speaker's stance: "Erdogan said the PKK must be wiped out".

Saying that an actor must, should or will have to be defeated, destroyed or fought states
the speaker's opposition to it, though the defeat itself is no fact (the clause is an
obligation, and no one is named to carry it out). The speaker opposes the actor.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..model import Predicate
from .arguments import Arguments
from .candidate import Candidate
from .lexicon import Lexicon
from .modality import Status
from .parse_tree import prep_objects
from .participants import subjects
from .relations import cues_of

_OBLIGATION_MODALS = frozenset({"must", "should", "ought"})
_OBLIGATION_VERBS = frozenset({"have", "need"})  # "would have to be defeated"
_SAYING = frozenset({"say", "insist", "stress", "vow", "argue", "declare", "tell", "warn"})
CONFIDENCE = 0.7


def sentence_stances(sentence: Span, args: Arguments, lexicon: Lexicon) -> list[Candidate]:
    """Oppositions of speakers who say an actor must be defeated."""
    found: list[Candidate] = []
    for verb in sentence:
        if verb.pos_ != "VERB" or not any(c.dep_ == "auxpass" for c in verb.children):
            continue
        cues = cues_of(verb, "VERB", lexicon)  # "wiped out", "driven out"
        if not cues or not cues[0].opposes or prep_objects(verb, ("by",)):
            continue
        clause, patients = _obliged(verb, args)
        if clause is None or not patients or _negated(verb) or _negated(clause):
            continue
        if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in _SAYING:
            continue
        for speaker in subjects(clause.head, args):
            found += [
                Candidate(speaker, Predicate.OPPOSES, p, verb, CONFIDENCE, Status())
                for p in patients
                if p != speaker
            ]
    return found


def _obliged(verb: Token, args: Arguments) -> tuple[Token | None, list[str]]:
    """The clause that puts a passive cue under an obligation, and the actors it is about:
    "the PKK must be wiped out", "Islamic State would have to be defeated"."""
    if any(c.dep_ == "aux" and c.lower_ in _OBLIGATION_MODALS for c in verb.children):
        return verb, [k for c in verb.children if c.dep_ == "nsubjpass" for k in args.actors_of(c)]
    head = verb.head
    if verb.dep_ == "xcomp" and head.lemma_.lower() in _OBLIGATION_VERBS:
        return head, [k for c in head.children if c.dep_ == "nsubj" for k in args.actors_of(c)]
    return None, []


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)
