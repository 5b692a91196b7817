"""Censure of an act whose author the article names elsewhere.

"Islamic State claimed responsibility for the bombings. ... U.S. Secretary of State John
Kerry condemned the attack": Kerry opposes Islamic State. "The attack" names no author, so
it is read as the attacks of the article, and only where the article gives them one author:
a single armed group that claimed it. An act that names its author
("condemned Turkey's shelling") is read where the verb is (:mod:`.verb_roles`).
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

from ..model import Predicate
from .arguments import Arguments
from .candidate import Candidate
from .events import attack_cue, is_armed_nonstate
from .lexicon import Lexicon
from .modality import clause_status
from .participants import event_agents, subjects
from .verb_roles import censured_acts

_DEFINITE = frozenset({"the", "this", "these", "that", "those"})
# words that make a claimed attack another one than the article's
_OTHER_EVENT = frozenset({"a", "an", "another", "those", "both", "other", "earlier", "previous"})
_CLAIM_NOUNS = frozenset({"claim", "assertion"})
_NOBODY = frozenset({"nobody", "none"})
_INFERRED_FACTOR = 0.8  # the author is the article's, not the sentence's


def claim_authors(claims: Iterable[Candidate], args: Arguments, lexicon: Lexicon) -> set[str]:
    """Who claimed the attack an article reports: the authors of its claims of
    responsibility (:func:`.events.sentence_claims`), leaving out claims of earlier or other
    attacks ("another car bomb, an attack claimed by TAK", "claimed both of those bombings").
    None where the article says its attack is unclaimed: the claims it reports are of others."""
    if any(_no_claim(word) for word in args.doc):
        return set()
    return {
        c.subject
        for c in claims
        if c.predicate is Predicate.OPPOSES
        and not c.status.negated
        and attack_cue(c.cue, lexicon) is not None
        and not any(w.lower_ in _OTHER_EVENT for w in c.cue.children if w.i < c.cue.i)
        and is_armed_nonstate(c.subject, args)
    }


def _no_claim(word: Token) -> bool:
    """ "There was no immediate claim of responsibility", "no assertion of responsibility",
    "No group has claimed the attack", "The attack has not been claimed"."""
    if word.pos_ == "NOUN" and word.lemma_ in _CLAIM_NOUNS:
        return any(c.lower_ == "no" for c in word.children)
    if word.pos_ != "VERB" or word.lemma_ != "claim":
        return False
    return any(c.dep_ == "neg" for c in word.children) or any(
        c.dep_ == "nsubj" and (c.lower_ in _NOBODY or any(d.lower_ == "no" for d in c.children))
        for c in word.children
    )


def _definite(act: Token) -> bool:
    """ "the attack", "these bombings", "Thursday's attack"; not "attacks on civilians"."""
    return any(
        (c.dep_ == "det" and c.lower_ in _DEFINITE) or (c.dep_ == "poss" and c.ent_type_ == "DATE")
        for c in act.children
    )


def sentence_censures(
    sentence: Span, args: Arguments, lexicon: Lexicon, authors: set[str]
) -> list[Candidate]:
    """Who condemns "the attack" opposes the one author of the article's attacks."""
    if len(authors) != 1:
        return []
    found: list[Candidate] = []
    for verb in sentence:
        if verb.pos_ != "VERB" or "censure" not in args.classes(verb):
            continue
        acts = [
            (act, cue)
            for act, cue in censured_acts(verb, args)
            if cue.relation == "attacks" and _definite(act) and not event_agents(act, cue, args)
        ]
        status = clause_status(verb, lexicon, args)
        if not acts or status.negated:
            continue
        confidence = acts[0][1].confidence * _INFERRED_FACTOR * status.factor
        found += [
            Candidate(condemner, Predicate.OPPOSES, author, verb, confidence, status, True)
            for condemner in subjects(verb, args)
            for author in authors
            if condemner != author
        ]
    return found
