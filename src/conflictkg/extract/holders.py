"""Who holds a place or a facility: "camps belonging to the PKK", "positions held by the
YPG", "bases of the PKK", "the Islamic State-held city", "areas under Houthi control",
"rebel villages". An attack on such a place is an attack on its holder."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from .parse_tree import prep_objects, trailing_prep_objects

if TYPE_CHECKING:
    from .arguments import Arguments

_HOLDING = frozenset({"belong", "hold", "control", "run", "occupy", "own", "operate"})
_HOLDER_DEPS = frozenset({"npadvmod", "compound", "nmod", "amod", "nsubj", "advmod"})


def holders(token: Token, args: Arguments) -> list[str]:
    """Who holds a place or a facility: "camps belonging to the PKK", "positions held by
    the YPG", "the Islamic State-held city", "rebel-held Madaya"."""
    placed = bool(args.classes(token) & {"place", "facility"}) or token.pos_ == "PROPN"
    if not placed and "partitive" not in args.classes(token):
        return []
    for child in token.children:
        if child.lemma_.lower() not in _HOLDING:
            continue
        if child.dep_ in ("acl", "relcl") and placed:
            return args.prep_actors(child, ("to", "by"))
        if child.dep_ in ("amod", "compound") and child.i < token.i:
            for agent in child.children:  # "Islamic State-held", "rebel-held"
                if agent.i < child.i and agent.dep_ in _HOLDER_DEPS:
                    found = args.actors_of(agent, conjuncts=False)
                    return found or args.anaphora.described_group(agent, singular=True)
    if not placed:
        return []  # "rebel-held parts of Aleppo": only the modifier says who holds a part
    insurgents = [
        c for c in token.lefts if c.dep_ in ("amod", "compound") and "insurgency" in args.classes(c)
    ]
    if insurgents and "place" in args.classes(token):  # "the rebel towns of Hayan"
        return args.anaphora.described_group(insurgents[0], singular=True)
    # "areas under the control of X", "under Houthi control", "(that had been) in the
    # hands of Syrian rebels"
    clauses = [c for c in token.children if c.dep_ == "relcl" and c.lemma_ == "be"]
    holds = trailing_prep_objects(token, ("in", "under"))
    holds += [h for c in clauses for h in prep_objects(c, ("in", "under"))]
    for hold in holds:
        if hold.lemma_.lower() in ("hand", "control"):
            by = [c for c in hold.children if c.dep_ in _HOLDER_DEPS and c.i < hold.i]
            return args.prep_actors(hold, ("of",)) or [
                k for c in by for k in args.actors_of(c, conjuncts=False)
            ]
    if "facility" in args.classes(token):
        return args.prep_actors(token, ("of",))  # "positions of the YPG", "bases of the PKK"
    return []
