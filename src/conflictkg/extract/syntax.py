"""Small readings of the parse that the role rules share: passive voice and the subjects of
a passive, the members a noun lists, the actors named right before a noun, the two sides
killed in one clash."""

from __future__ import annotations

from spacy.tokens import Token

from ..model import ActorType
from .arguments import Arguments

DASHES = frozenset({"-", "\u2010", "\u2011", "\u2013", "\u2014", "/"})


def is_passive(verb: Token) -> bool:
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return True
    if verb.dep_ == "conj" and verb.tag_ == "VBN" and verb.head.tag_ == "VBN":
        return is_passive(verb.head)  # "was conceived by clerics and funded by Iran"
    if verb.tag_ == "VBN" and verb.dep_ == "pcomp" and verb.head.lower_ == "with":
        return any(c.dep_ == "agent" for c in verb.children)  # "with X backed by Y"
    return (
        verb.tag_ == "VBN"
        and verb.dep_ in ("acl", "amod", "relcl", "advcl")  # "Backed by Iran, the rebels"
        and not any(c.dep_ in ("aux", "nsubj") for c in verb.children)
    )


def killed_together(noun: Token, args: Arguments) -> list[str]:
    """ "Eight Turkish soldiers and 22 PKK militants were killed in clashes": a state and an
    armed group killed in one fight are its sides (two states, or a state and its allies,
    may have died on the same side)."""
    verb = noun.head.head
    if noun.dep_ != "pobj" or noun.head.lower_ != "in" or not is_passive(verb):
        return []
    sides = [k for c in verb.children if c.dep_ == "nsubjpass" for k in args.actors_of(c)]
    kinds = {args.type_of(k) for k in sides}
    if len(sides) == 2 and kinds == {ActorType.GOVERNMENT, ActorType.ARMED_GROUP}:
        return sides
    return []


def members(noun: Token, args: Arguments) -> list[str]:
    """The named members of a relational noun: "Tehran's proxies, such as Kataib Hezbollah"."""
    found: list[str] = []
    for child in noun.children:
        if child.dep_ == "appos" or (child.dep_ == "prep" and child.lower_ in ("as", "including")):
            targets = (
                [child]
                if child.dep_ == "appos"
                else [g for g in child.children if g.dep_ == "pobj"]
            )
            found += [k for t in targets for k in args.actors_of(t) if k not in found]
    return found


def named_before(noun: Token, args: Arguments) -> list[str]:
    """The actors named in the words right before a noun: "the Iran–Israel proxy conflict",
    "a U.S.-Iran confrontation"."""
    found: list[str] = []
    i = noun.i - 1
    while i >= noun.sent.start:
        token = noun.doc[i]
        if token.pos_ not in ("PROPN", "NOUN", "ADJ") and token.text not in DASHES:
            break
        key = args.actor_at(token)
        if key is not None and key not in found:
            found.insert(0, key)
        i -= 1
    return found


def passive_subjects(verb: Token, args: Arguments) -> list[str]:
    """The subjects of a passive verb; also one the parser labelled active: "which U.N.
    experts say is backed by Rwanda" ("which" as nsubj of "backed"), "who the U.N. says are
    backed by Rwanda" ("who" as the object of "says")."""
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    # "with the government backed by the United States": a participle clause after "with"
    absolute = verb.dep_ == "pcomp" and verb.head.lower_ == "with"
    deps = ("nsubjpass", "nsubj") if passive or absolute else ("nsubjpass",)
    found = [k for c in verb.children if c.dep_ in deps for k in args.actors_of(c)]
    says = verb.head
    if found or not passive or verb.dep_ != "ccomp" or says.dep_ != "relcl":
        return found
    # "M23 rebels, who the U.N. says are backed by Rwanda": the parser makes "who" the
    # object of "says"; the passive's subject is the phrase the clause hangs on
    relative = any(c.dep_ == "dobj" and c.tag_ in ("WP", "WDT") for c in says.children)
    return args.actors_of(says.head, conjuncts=False) if relative else []
