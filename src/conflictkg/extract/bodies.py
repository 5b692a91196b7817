"""What kind of body an organisation's name names, and which state owns it.

The named-entity recogniser labels ministries, armies, newspapers and militias alike ORG.
The head noun of the name tells them apart (classes of ``data/nouns.tsv``):

- ``nonactor``: a newspaper, a company, a hospital, a think tank ("Center for Strategic
  Studies", "Kabul University"): never an actor;
- ``organ``: a state's ministry, agency or office ("the National Emergency Management
  Agency"): the state's government when the text says whose it is ("Nigeria's ...",
  "... for northeast Nigeria", "Russian Foreign Ministry"), else not an actor;
- ``state``: an army or armed forces ("China's People's Liberation Army"): the state's
  government when the text says whose it is, else a name like any other ("Arakan Army").

:func:`entity_type` types a name the gazetteer does not know: an armed group by its words
("... Brigade", "Jaish ...") or by an apposition ("X, a militant group"), a government by
its name ("Government of National Accord"), a person if the recogniser says so or an
apposition does ("Fethullah Gulen, a cleric", whatever the recogniser's label).
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum

from spacy.tokens import Span, Token

from ..model import ActorType
from .lexicon import PERSON_ROLES, Lexicon

_OWNER_PREPS = frozenset({"of", "for"})


class Body(Enum):
    """What an organisation's name says it is, by its words."""

    NON_ACTOR = "nonactor"
    ORGAN = "organ"
    ARMY = "state"
    OTHER = "other"


def _words(span: Span) -> list[Token]:
    return [t for t in span if t.is_alpha and t.lower_ not in ("the", "a", "an")]


def body_of(name: Span, lexicon: Lexicon) -> Body:
    """The kind of body ``name`` names: a non-actor or observer word anywhere in it ("Press
    TV", "Kabul University Hospital", "... Analysts Network"), else an organ or army noun as
    its last word; otherwise OTHER."""
    words = _words(name)
    if not words:
        return Body.OTHER
    if any(lexicon.noun_classes(w.lower_) & {"nonactor", "observer"} for w in words):
        return Body.NON_ACTOR  # "Iranian Students News Agency", "Afghanistan Analysts Network"
    last = lexicon.noun_classes(words[-1].lower_)
    if "armed" in last and "state" not in last:
        return Body.OTHER  # "... Brigade", "... Militia": a group's name, whatever it holds
    if "organ" in last:
        return Body.ORGAN
    if "state" in last:
        return Body.ARMY
    return Body.OTHER


def owning_state(name: Span, government_at: Mapping[int, str]) -> str | None:
    """The government whose body ``name`` is, as the text says: a possessive before it
    ("China's People's Liberation Army") or an of/for phrase after it ("the Agency for
    northeast Nigeria"). ``government_at`` maps a token index to the government it names."""
    for token in name:
        for child in token.children:
            if name.start <= child.i < name.end:
                continue
            if child.dep_ == "poss" and child.i in government_at:
                return government_at[child.i]
            if child.dep_ == "prep" and child.lower_ in _OWNER_PREPS:
                for obj in child.children:
                    if obj.dep_ == "pobj" and obj.i in government_at:
                        return government_at[obj.i]
    return None


NAMING_VERBS = frozenset({"name", "call", "dub", "know"})  # "a group called X", "known as X"


def _armed_description(noun: Token, lexicon: Lexicon) -> bool:
    """A noun that describes an armed group: "a militia", "gangs", "a militant group"."""
    if lexicon.noun_classes(noun.lower_) & {"armed", "collective"}:
        return True
    return "group" in lexicon.noun_classes(noun.lower_) and any(
        "militant" in lexicon.noun_classes(c.lower_)
        for c in noun.children
        if c.dep_ in ("amod", "compound")
    )


def armed_name(span: Span, lexicon: Lexicon) -> bool:
    """A name that says it is an armed group: "... Brigade", "... Army", "Jaish ..."."""
    words = [t for t in span if t.is_alpha and t.lower_ not in ("the", "a", "an")]
    return bool(words) and (
        "armed" in lexicon.noun_classes(words[-1].lower_)
        or "armed_first" in lexicon.noun_classes(words[0].lower_)
    )


def entity_type(span: Span, lexicon: Lexicon) -> ActorType | None:
    """Armed group by its name ("... Brigade", "Jaish ...") or by an apposition that says so
    ("Al Mourabitoun, a militant group"); a government by its name ("Government of National
    Accord": one of no named state, which would have made it that state); else a person if
    the recogniser says so."""
    if armed_name(span, lexicon):
        return ActorType.ARMED_GROUP
    words = [t for t in span if t.is_alpha and t.lower_ not in ("the", "a", "an")]
    if span.label_ == "ORG" and any(
        "governing" in lexicon.noun_classes(w.lower_) for w in (words[:1] + words[-1:])
    ):
        return ActorType.GOVERNMENT  # "Government of National Accord", "National Unity Government"
    root = span.root
    described = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        described.append(root.head)
    naming = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "as" else None
    if naming is not None and naming.lemma_ in NAMING_VERBS and naming.dep_ == "acl":
        described.append(naming.head)  # "a militant network known as Katibah Nusantara"
    if any(_armed_description(noun, lexicon) for noun in described):
        return ActorType.ARMED_GROUP
    if span.label_ == "PERSON" or any(_person_description(n, lexicon) for n in described):
        return ActorType.PERSON  # "Fethullah Gulen, a cleric", "Noureddine Chouchane, a Tunisian"
    return None


def _person_description(noun: Token, lexicon: Lexicon) -> bool:
    """A singular noun that describes one person: "a cleric", "a commander", "a Tunisian"
    (whatever label the recogniser gave the name it describes)."""
    if noun.tag_ not in ("NN", "NNP") or not any(c.lower_ in ("a", "an") for c in noun.children):
        return False
    return bool(lexicon.role_classes(noun.lower_) & PERSON_ROLES) or noun.ent_type_ == "NORP"
