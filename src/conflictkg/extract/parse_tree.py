"""Readings of the dependency tree that need no actors: the objects of a token's
prepositions, also where the parser hangs the phrase on the verb right after the token
("attacked areas | under Islamic State control", "toppled the government | in Kabul"), and
verbs it joins as conjuncts though a subordinate clause stands between them."""

from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Token

_OBJECT_PRONOUNS = frozenset({"it", "them", "him", "her"})
_SUBORDINATORS = frozenset({"after", "before", "since", "until", "as", "while", "because"})


def prep_objects(token: Token, preps: Collection[str]) -> list[Token]:
    """The objects of a token's prepositions among ``preps``: the X of "fight against X"."""
    found = [
        prep
        for prep in token.children
        if prep.dep_ in ("prep", "agent", "dative") and prep.lower_ in preps
    ]
    return [
        obj
        for prep in (*found, *(p for p in map(_repeated, found) if p is not None))
        for obj in prep.children
        if obj.dep_ in ("pobj", "pcomp")
    ]


def _repeated(prep: Token) -> Token | None:
    """The same preposition repeated after a conjunction: the second "on" of "sanctions on
    the RSF and on Sudan's army", which the parser hangs elsewhere."""
    last = prep.right_edge
    if last.dep_ != "cc" or last.head != prep or last.i + 1 >= len(prep.doc):
        return None
    second = prep.doc[last.i + 1]
    return second if second.dep_ == "prep" and second.lower_ == prep.lower_ else None


def at_phrase(noun: Token) -> bool:
    """A conflict noun after "at": "are at war", "has been at war with X", a state the
    clause's subject is in."""
    return noun.dep_ == "pobj" and noun.head.lower_ == "at"


def side_phrase(noun: Token) -> bool:
    """Whether a conflict noun puts its clause's subject on one side: "has been at war with
    X"; "in combat with Islamic State", "during clashes with the YPG" when the other side is
    named, not "soldiers were killed in clashes with militants" (who may be any group)."""
    if noun.dep_ != "pobj":
        return False
    return at_phrase(noun) or (
        noun.head.lower_ in ("in", "during") and _named_objects(noun, ("with",))
    )


def _named_objects(token: Token, preps: Collection[str]) -> bool:
    """Whether a proper name stands among the objects of a token's prepositions."""
    return any(
        t.pos_ == "PROPN" and t.i <= noun.i  # the noun and its modifiers, not "near Aleppo"
        for obj in prep_objects(token, preps)
        for noun in (obj, *obj.conjuncts)
        for t in noun.subtree
    )


def _trailing_verb(token: Token) -> Token | None:
    """The verb a phrase right after ``token`` may hang on: the verb of a direct object, or
    of the preposition whose object the token is ("at war with X")."""
    verb = {"dobj": token.head, "pobj": token.head.head}.get(token.dep_)
    if verb is None or (token.dep_ == "pobj" and verb.pos_ not in ("VERB", "AUX")):
        return None
    return verb


def trailing_preps(token: Token) -> list[Token]:
    """A token's prepositions, and its verb's that start right after it (see
    :func:`trailing_prep_objects`)."""
    verb = _trailing_verb(token)
    after = [c for c in verb.children if c.i == token.right_edge.i + 1] if verb else []
    return [c for c in (*token.children, *after) if c.dep_ == "prep"]


def trailing_prep_objects(token: Token, preps: Collection[str]) -> list[Token]:
    """:func:`prep_objects` of a token, and of its verb when the phrase starts right after
    the token, the verb's direct object or the object of its preposition ("at war with X"):
    the small model often attaches such phrases to the verb."""
    found = prep_objects(token, preps)
    verb = _trailing_verb(token)
    if verb is not None:
        found += [o for o in prep_objects(verb, preps) if o.head.i == token.right_edge.i + 1]
    return found


def misread_conjunct(conjunct: Token) -> bool:
    """Whether a conjunct verb is the verb of a subordinate clause the parser misread: "He
    escaped after Iraq, under Saddam Hussein, invaded the country" hangs "after Iraq" on
    "escaped" as a phrase and makes "invaded" a second verb of "He" (no conjunction joins
    them; "after" stands between)."""
    head = conjunct.head
    if any(c.dep_ == "cc" and head.i < c.i < conjunct.i for c in head.children):
        return False
    return any(
        c.dep_ == "prep" and c.lower_ in _SUBORDINATORS and head.i < c.i < conjunct.i
        for c in head.children
    )


def own_subject(pronoun: Token) -> set[int]:
    """The tokens of the subject of an object pronoun's own clause, which the pronoun cannot
    refer to: "The United States and its allies launched air strikes against them" (not
    the United States). None for a subject or a possessive ("its allies")."""
    if pronoun.dep_ in ("nsubj", "nsubjpass", "poss") or pronoun.lower_ not in _OBJECT_PRONOUNS:
        return set()
    verb = pronoun.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head is not verb:
        verb = verb.head
    return {t.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
