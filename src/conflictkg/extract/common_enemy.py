"""Support given *against* someone: both sides of the support oppose that third party.

"Russia supports Assad against the rebels", "The Kurds worked with the United States against
Islamic State", "Hezbollah helped the Syrian government in its fight against the
opposition", "Iran armed the militias for their war on Israel": the support names a common
enemy, so the supporter and the supported each oppose it. The enemy is the object of
"against" on the support cue itself, or of "against"/"on" on a conflict noun the cue
governs through its adverbial phrases ("in its fight against", "for the battle against",
"during the war on", "elsewhere in battle against"); or the supported opposes it in the
clause the support governs ("helps Iraq fight Islamic State").
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from ..model import Predicate
from .arguments import Arguments
from .candidate import Candidate
from .lexicon import Lexicon
from .parse_tree import prep_objects

_AGAINST = frozenset({"against"})
_ENEMY_PREPS = frozenset({"against", "on"})  # "the fight against X", "their war on X"
_PHRASE_DEPS = frozenset({"prep", "pobj", "advmod"})  # the cue's adverbial phrases
FACTOR = 0.85  # read through the support, one step removed from its cue


def sentence_common_enemies(
    candidates: Sequence[Candidate], args: Arguments, lexicon: Lexicon
) -> list[Candidate]:
    """Oppositions implied by the sentence's support candidates: supporter and supported
    each oppose the enemy the support is given against."""
    found: list[Candidate] = []
    seen = {(c.subject, c.predicate, c.object) for c in candidates}
    for support in candidates:
        if support.predicate is not Predicate.SUPPORTS:
            continue
        enemies = _enemies(support, args, lexicon) + _helped_against(support, candidates)
        for side in (support.subject, support.object):
            for enemy in enemies:
                triple = (side, Predicate.OPPOSES, enemy)
                if enemy in (support.subject, support.object) or triple in seen:
                    continue
                seen.add(triple)
                found.append(
                    Candidate(
                        side,
                        Predicate.OPPOSES,
                        enemy,
                        support.cue,
                        support.confidence * FACTOR,
                        support.status,
                    )
                )
    return found


def _enemies(support: Candidate, args: Arguments, lexicon: Lexicon) -> list[str]:
    """The actors a support cue is given against, directly or through a conflict noun."""
    cue = support.cue
    found = [k for obj in prep_objects(cue, _AGAINST) for k in args.actors_of(obj)]
    for noun in _phrase_nouns(cue):
        if any(c.opposes for c in lexicon.cues_for(noun.lemma_.lower(), "NOUN")):
            found += [k for obj in prep_objects(noun, _ENEMY_PREPS) for k in args.actors_of(obj)]
    return list(dict.fromkeys(found))


def _helped_against(support: Candidate, candidates: Sequence[Candidate]) -> list[str]:
    """ "The United States helps Iraq fight Islamic State": whom the supported opposes in
    the clause the support governs."""
    return [
        c.object
        for c in candidates
        if c.predicate is Predicate.OPPOSES
        and c.subject == support.object
        and c.cue.head == support.cue
        and c.cue.dep_ in ("xcomp", "ccomp")
    ]


def _phrase_nouns(cue: Token) -> list[Token]:
    """Nouns of the prepositional phrases hanging off a cue, however nested ("during the
    war in its fight"), never entering its arguments or another clause."""
    found: list[Token] = []
    stack = [c for c in cue.children if c.dep_ in ("prep", "advmod")]
    while stack:
        token = stack.pop()
        if token.dep_ == "pobj" and token.pos_ == "NOUN":
            found.append(token)
        stack += [c for c in token.children if c.dep_ in _PHRASE_DEPS]
    return sorted(found, key=lambda t: t.i)
