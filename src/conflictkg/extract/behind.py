"""The actor a noun stands for through its modifiers: "Iraqi troops" (Iraq), "YPG positions"
(the YPG), "the Obama administration" (the government Obama heads), "a U.S.-led coalition"
(its leader)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..model import ActorType
from .nlp import HYPHENS
from .scene import MODIFIER_DEPS

if TYPE_CHECKING:
    from .arguments import Arguments

# "the Houthis' Iranian supporters" are Iranian: adjectives before possessors
_MODIFIER_PRIORITY = ("amod", "compound", "npadvmod", "nmod", "poss")
# head nouns through which a state's name or demonym stands for the state ("Iraqi troops")
_STATE_HEADS = frozenset({"state", "force", "facility", "weapon"})


def _stance_marked(token: Token) -> bool:
    """Whether a modifier follows "pro-" or "anti-": "pro-Russian", "anti-Assad"."""
    doc = token.doc
    return (
        token.i >= 2
        and doc[token.i - 1].text in HYPHENS
        and doc[token.i - 2].lower_ in ("pro", "anti")
    )


def _rebel_word(token: Token, args: Arguments) -> bool:
    """A non-state word that names an armed side ("rebel", "militia", "opposition"), not a
    role that also names a weapon ("fighter" of "fighter jets")."""
    classes = args.classes(token)
    return "nonstate" in classes and bool(classes & {"armed", "militant", "insurgency"})


def led_by(token: Token, args: Arguments) -> list[str]:
    """ "a U.S.-led coalition", "the Saudi-led campaign", "Saudi Arabia leads a coalition":
    the collective acts for its leader."""
    for child in token.children:
        if child.dep_ in ("amod", "acl", "compound") and child.lemma_.lower() == "lead":
            for agent in child.children:
                if agent.i < child.i and agent.dep_ in ("npadvmod", "compound", "nmod", "amod"):
                    key = args.actor_at(agent)
                    if key is not None:
                        return [key]
            if child.dep_ == "acl" and child.i > token.i:  # "a coalition led by X"
                leaders = args.prep_actors(child, ("by",))
                if leaders:
                    return leaders
    verb = token.head  # "Saudi Arabia leads a coalition fighting the Houthis"
    if (
        token.dep_ == "dobj"
        and verb.lemma_.lower() in ("lead", "head")
        and token.lemma_.lower() in ("coalition", "alliance")
        and not any(args.actor_at(c) for c in token.children if c.dep_ == "compound")
    ):
        return [k for c in verb.children if c.dep_ == "nsubj" for k in args.actors_of(c)]
    return []


def country_behind(token: Token, args: Arguments) -> list[str]:
    """The actor a noun stands for through its modifier: "Iraqi troops" (Iraq), "YPG
    positions" (the YPG), "the Obama administration" (the government Obama heads);
    but not "Syrian rebels" (a government's demonym before a non-state noun)."""
    classes = args.classes(token)
    if classes & {"observer", "relational", "place"}:
        return []  # "Tehran's proxies" are not Tehran; "Syria's largest city" is a place
    if any("nonactor" in args.classes(c) for c in token.lefts if c.dep_ == "compound"):
        return []  # "Yemen's state news agency" reports; it is no party
    leader = led_by(token, args)
    if leader:
        return leader
    if classes & _STATE_HEADS:  # "Syrian rebel targets", "rebel commanders": the rebels'
        rebels = [c for c in token.lefts if c.dep_ == "compound" and _rebel_word(c, args)]
        named = (args.actor_at(t) for c in token.lefts for t in c.subtree)
        states = (args.type_of(k) is ActorType.GOVERNMENT for k in named if k is not None)
        if rebels and all(states):  # not "Kurdish YPG militia targets"
            return args.anaphora.described_group(rebels[0], singular=True)
    modifiers = sorted(
        (c for c in token.children if c.dep_ in MODIFIER_DEPS and c.i < token.i),
        key=lambda c: _MODIFIER_PRIORITY.index(c.dep_),
    )
    for child in modifiers:
        if _stance_marked(child):
            continue  # "pro-Russian separatists" are not Russia
        key = args.actor_at(child)
        if key is None and child.dep_ == "poss":
            key = args.antecedent(child)
        if key is None and "facility" in classes and child.dep_ == "compound":
            # "a police station", "an army convoy": the force the facility belongs to
            owners = country_behind(child, args) or args.scene.state_of_forces(child)
            key = owners[0] if owners else None
        elif key is None and child.dep_ == "compound" and "armed" in args.classes(child):
            # "the Viv Ansanm gang coalition": the group that names the armed noun
            owners = [
                k for k in country_behind(child, args) if args.type_of(k) is ActorType.ARMED_GROUP
            ]
            key = owners[0] if owners else None
        if key is None:
            continue
        record = args.resolution.actors[key]
        if record.type is ActorType.PERSON:
            if "state" in classes and record.parent in args.resolution.actors:
                return [record.parent]
            continue
        if record.type is ActorType.GOVERNMENT and not classes & _STATE_HEADS:
            continue  # "Syrian rebels", "a Syrian man", "a U.S. citizen" are not the state
        # "French and U.S. military personnel": every state coordinated there
        also = [args.actor_at(c) for c in child.conjuncts]
        return [key, *(k for k in dict.fromkeys(also) if k and k != key)]
    return []
