"""Roles around a cue that is no verb or noun: a bare preposition ("aligned against X")
and an adjective ("militias loyal to Assad"). Verbs and nouns are in :mod:`.participants`.
"""

from __future__ import annotations

from spacy.tokens import Token

from .arguments import Arguments
from .lexicon import Cue
from .participants import LIGHT_DEPS, subjects
from .syntax import is_passive


def prep_roles(prep: Token, args: Arguments) -> tuple[list[str], list[str]]:
    """A bare "against X": whoever the phrase it attaches to is about ("aligned against X",
    "used by the group against an American base", "the alliance against X")."""
    patients = [k for c in prep.children if c.dep_ == "pobj" for k in args.actors_of(c)]
    head = prep.head
    if head.pos_ in ("VERB", "AUX", "ADJ"):
        if is_passive(head):  # "used by the group against X", "X and Y are aligned against Z"
            by = args.prep_actors(head, frozenset({"by"}))
            passive_subjects = [
                k for c in head.children if c.dep_ == "nsubjpass" for k in args.actors_of(c)
            ]
            return by or passive_subjects, patients
        return subjects(head, args), patients
    if head.pos_ in ("NOUN", "PROPN"):
        own = args.actor_at(head)
        if own is not None:
            return args.actors_of(head), patients
        agents = [
            k
            for c in head.children
            if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i < head.i
            for k in args.actors_of(c)
        ]
        if not agents and head.dep_ in LIGHT_DEPS and head.head.pos_ in ("VERB", "AUX"):
            agents = subjects(head.head, args)
        return agents, patients
    return [], patients


def adj_roles(adjective: Token, cue: Cue, args: Arguments) -> tuple[list[str], list[str]]:
    """ "militias loyal to Assad", "groups allied with al-Qaeda", "X is loyal to Y"."""
    patients = args.prep_actors(adjective, cue.preps)
    if adjective.dep_ in ("acomp", "attr", "oprd"):
        return subjects(adjective.head, args), patients
    if adjective.dep_ in ("amod", "acl", "relcl", "appos"):
        return args.actors_of(adjective.head), patients
    return [], patients
