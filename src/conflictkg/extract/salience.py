"""Which actors of a document belong in its graph, and which organisations are armed.

An actor in a relation is always kept; one in none is kept when it is salient: a state the
article keeps naming or that acts, an armed group, a titled person. An organisation the
named-entity recogniser found is an armed group only when the text shows it armed (a unit
or wing, commanders or fighters, an armed apposition, the doer of armed violence).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Span, Token

from ..model import ActorType, Predicate
from .candidate import Candidate
from .lexicon import PERSON_ROLES, Lexicon
from .mentions import MentionKind
from .resolve import ActorRecord, Resolution
from .structure import title_before

_FREQUENT = 3  # named this often, a government is an actor of the article
_NAMING = (MentionKind.NAME, MentionKind.ACRONYM, MentionKind.METONYM)
_TITLE_PHRASE_POS = frozenset({"PROPN", "NOUN", "ADJ", "ADP", "PUNCT", "DET"})
_NAMING_VERBS = frozenset({"call", "name", "identify", "know"})
_ROLE_WINDOW = 6
_ACTING = frozenset({"supports", "opposes", "mutual_supports"})
_FIGHTERS = frozenset({"armed", "nonstate"})  # fighters, militants, rebels, militia
_PARTIES = frozenset({ActorType.GOVERNMENT, ActorType.ARMED_GROUP})
_AUTHORING = frozenset({"violence", "perpetrator"})
_STATE_ACTS = frozenset({"measure", "violence"})  # a state's arrest, charge, strike


def armed_by_context(
    candidates: Iterable[Candidate], resolution: Resolution, doc: Doc, lexicon: Lexicon
) -> set[str]:
    """Organisations the named-entity recogniser found that the text shows to be armed: a
    unit or wing of something, a group people command or fight for (not one with a head or
    a spokeswoman: companies have those), described by an armed noun in apposition
    ("Loyalty Bloc, a militia") or modifying one ("M23 rebels"), or the doer of an act of
    armed violence ("X stormed the hotel", "X claimed the attack")."""
    found = {
        key
        for c in candidates
        if c.predicate is Predicate.PART_OF
        or (
            c.predicate.is_structure
            and lexicon.noun_classes(c.cue.lower_) & {"militant", "armed", "nonstate"}
        )
        for key in (c.subject, c.object)
        if resolution.actors[key].type is None
    }
    for key, record in resolution.actors.items():
        if record.type is not None:
            continue
        if any(resolution.mentions[i].ner_label == "NORP" for i in record.mentions):
            found.add(key)  # "Iraqi Kurds", "the Phalangists": a people or party acting
            continue
        for index in record.mentions:
            root = resolution.mentions[index].root(doc)
            nouns = [c for c in root.children if c.dep_ == "appos"]
            if root.dep_ == "appos":
                nouns.append(root.head)  # "X, a militia"
            described = any(lexicon.noun_classes(n.lower_) & {"armed", "collective"} for n in nouns)
            if root.dep_ in ("compound", "poss"):  # "M23 rebels", "X's gunmen", not "X network"
                described |= lexicon.noun_classes(root.head.lower_) >= _FIGHTERS
            if described or _violent_agent(root, lexicon):
                found.add(key)
    return found


def private_people(
    resolution: Resolution, titled: set[str], candidates: Sequence[Candidate], lexicon: Lexicon
) -> frozenset[str]:
    """People the text gives no public role: not in the gazetteer, no title, no leadership
    or membership, no part in the conflict. A shooter's victim, a candidate's rival, a film
    star are no parties to an armed conflict; a person a state arrests, charges, kills or
    strikes, one who attacks a state or an armed group, or one who backs an armed group is
    one."""
    types = {key: record.type for key, record in resolution.actors.items()}
    parties = {c.subject for c in candidates if c.predicate.is_structure}
    for c in candidates:
        classes = lexicon.noun_classes(c.cue.lemma_)
        opposes = c.predicate is Predicate.OPPOSES
        # "was arrested by Malian police", "was killed in an Israeli air strike"; not "X was
        # arrested", with no one named
        acted_on = opposes and bool(classes & _STATE_ACTS) and not c.inferred
        if acted_on and types.get(c.subject) is ActorType.GOVERNMENT:
            parties.add(c.object)
        if opposes and classes & _AUTHORING and types.get(c.object) in _PARTIES:
            parties.add(c.subject)  # "X carried out the attack", "named X as the mastermind"
        if c.predicate is Predicate.SUPPORTS and types.get(c.object) is ActorType.ARMED_GROUP:
            parties.add(c.subject)  # "pledged allegiance to the Islamic State group"
    return frozenset(
        key
        for key, record in resolution.actors.items()
        if record.type is ActorType.PERSON
        and not record.from_gazetteer
        and key not in titled
        and key not in parties
    )


def _violent_agent(root: Token, lexicon: Lexicon) -> bool:
    """The doer of an act of armed violence: "X stormed the hotel", "X claimed the attack",
    "an attack by X", "X's attack on the base"."""
    head = root.head
    if root.dep_ == "pobj" and head.dep_ == "agent":
        head = head.head  # "was ambushed by X"
    elif root.dep_ == "pobj" and head.lower_ == "by" and head.head.pos_ == "NOUN":
        head = head.head  # "an attack by X"
    elif root.dep_ not in ("nsubj", "poss"):
        return False  # not "compound": "vehicle attack", "Raqqa offensive" say how or where
    if "violence" in lexicon.noun_classes(head.lemma_):
        return True
    return (
        root.dep_ == "nsubj"
        and head.lemma_ == "claim"
        and any(
            c.dep_ == "dobj"
            and (c.lower_ == "responsibility" or "violence" in lexicon.noun_classes(c.lemma_))
            for c in head.children
        )
    )


def _role_before(span: Span, lexicon: Lexicon) -> bool:
    """A role word in the noun phrase right before a name, through "of" phrases and naming
    participles: "U.S. Secretary of State John Kerry", "head of the agency Ali Hassan", "a
    militant named Abu Rahman"."""
    doc = span.doc
    i = span.start - 1
    while i >= span.sent.start and span.start - i <= _ROLE_WINDOW:
        token = doc[i]
        naming = token.tag_ == "VBN" and token.lemma_.lower() in _NAMING_VERBS
        if (token.pos_ not in _TITLE_PHRASE_POS and not naming) or token.text in (
            ",",
            "(",
            ")",
            '"',
        ):
            return False
        if lexicon.role_classes(token.lower_.rstrip(".")) & PERSON_ROLES:
            return True
        i -= 1
    return False


def titled_people(resolution: Resolution, doc: Doc, lexicon: Lexicon) -> set[str]:
    titled = set()
    for index, mention in enumerate(resolution.mentions):
        if mention.type is not ActorType.PERSON:
            continue
        span = mention.span(doc)
        title = title_before(span, lexicon)
        appos = [c for c in span.root.children if c.dep_ == "appos"]
        observer = any("observer" in lexicon.noun_classes(c.lemma_) for c in appos)
        roles = any(lexicon.role_classes(c.lemma_) for c in appos)
        has_role = (title is not None or roles or _role_before(span, lexicon)) and not observer
        if has_role or _speaks_for_a_group(span.root, resolution):
            titled.add(resolution.mention_keys[index])
    return titled


def _speaks_for_a_group(root: Token, resolution: Resolution) -> bool:
    """ "Zaid Omar from the Desert Brigade said": a person named with the armed group they
    come from."""
    for prep in root.children:
        if prep.dep_ == "prep" and prep.lower_ in ("from", "with"):
            for obj in prep.children:
                key = resolution.token_actor.get(obj.i)
                record = resolution.actors.get(key) if key else None
                if record is not None and record.type is ActorType.ARMED_GROUP:
                    return True
    return False


def _acts(root: Token, lexicon: Lexicon) -> bool:
    """A name that acts through what it modifies: "African Union troops", "NATO air strikes",
    "U.N.-backed" (a state noun, an act of violence, a support or opposition cue)."""
    if root.dep_ in ("poss", "compound") and lexicon.noun_classes(root.head.lower_) & {
        "state",
        "violence",
    }:
        return True
    head = root.head
    return (
        root.dep_ == "npadvmod"
        and head.tag_ == "VBN"
        and any(cue.relation in _ACTING for cue in lexicon.cues_for(head.lemma_, "VERB"))
    )


def is_salient(
    record: ActorRecord,
    resolution: Resolution,
    doc: Doc,
    titled: set[str],
    lexicon: Lexicon,
    armed: set[str],
) -> bool:
    if record.type is ActorType.PERSON:
        # "the Biden administration" names a government, not the person as an actor
        as_name = any(
            resolution.mentions[i].root(doc).dep_ not in ("compound", "nmod")
            for i in record.mentions
        )
        return record.key in titled or (record.from_gazetteer and as_name)
    if record.type is ActorType.ARMED_GROUP or record.key in armed:
        # named, not only described ("Syrian rebels") or named as a people ("Kurds")
        return record.from_gazetteer or any(
            resolution.mentions[i].kind not in (MentionKind.DEMONYM, MentionKind.NOMINAL)
            and resolution.mentions[i].ner_label != "NORP"
            for i in record.mentions
        )
    if record.type is ActorType.GOVERNMENT:
        named = [i for i in record.mentions if resolution.mentions[i].kind in _NAMING]
        if len(named) >= _FREQUENT:
            return True  # a state the article keeps coming back to
        for i in named:
            root = resolution.mentions[i].root(doc)
            while root.dep_ == "conj":  # "Turkey and the United States discussed"
                root = root.head
            if _acts(root, lexicon):
                return True
            if root.dep_ in ("poss", "compound") and "state" in lexicon.noun_classes(
                root.head.lower_
            ):
                root = root.head  # "Lebanon's new Cabinet approved"
            if root.dep_ in ("nsubj", "nsubjpass"):
                return True
    return False
