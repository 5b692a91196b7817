"""Entity resolution within one document: which mentions denote the same actor.

Gazetteer mentions carry their entry's key. Named entities are keyed by their normalised
name, then merged: a surname alone joins the full name it abbreviates ("Soleimani" →
"Qassim Soleimani"), an acronym introduced in parentheses joins the name before it
("Democratic Union Party (PYD)"). Pronouns and "the group" are resolved later, per
sentence, by :mod:`conflictkg.anaphora`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..ingest.names import identity_form
from ..model import ActorType
from .gazetteer import Gazetteer
from .mentions import Mention, MentionKind

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u02bc": "'"})


def clean_name(text: str) -> str:
    """A surface form as a label: NFKC, invisible characters removed, whitespace collapsed,
    a leading "the" and trailing "'s" gone."""
    text = identity_form(text)
    text = re.sub(r"^(?:the|The|THE)\s+", "", text)
    return re.sub(r"['\u2019]s?$", "", text).strip()


def name_key(text: str) -> str:
    """The key of an actor known only by name: its cleaned, case-folded, NFKC name with
    spaces as underscores ("jassim_al-saidi"), which is also its IRI when it can be."""
    folded = unicodedata.normalize("NFKC", clean_name(text)).translate(_APOSTROPHES).casefold()
    return "_".join(folded.split())


def surname(text: str) -> str:
    """The last word of a person's name without an Arabic article: "al-Saidi" → "saidi"."""
    words = re.findall(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?", name_key(text).replace("_", " "))
    while words and words[-1] in ("jr", "sr", "ii", "iii"):
        words.pop()
    return words[-1] if words else ""


@dataclass
class ActorRecord:
    """What the document says about one actor, gathered from its mentions."""

    key: str
    label: str
    type: ActorType | None
    wikidata: str | None = None
    from_gazetteer: bool = False
    parent: str | None = None  # gazetteer: the government a person heads, the group a unit is in
    surfaces: list[str] = field(default_factory=list)
    mentions: list[int] = field(default_factory=list)


@dataclass
class Resolution:
    """Mentions grouped into actors; ``token_actor`` maps a token index to its actor's key."""

    mentions: list[Mention]
    mention_keys: list[str]
    actors: dict[str, ActorRecord]
    token_actor: dict[int, str]


def _acronym_aliases(doc: Doc, mentions: list[Mention], keys: list[str]) -> dict[str, str]:
    """Acronyms introduced in parentheses right after a mention: "Workers Party (PKK)"."""
    aliases: dict[str, str] = {}
    for mention, key in zip(mentions, keys, strict=True):
        if mention.end + 2 < len(doc) and doc[mention.end].text == "(":
            candidate, closing = doc[mention.end + 1], doc[mention.end + 2]
            if closing.text == ")" and candidate.text.isupper() and 2 <= len(candidate) <= 8:
                aliases.setdefault(candidate.text, key)
    return aliases


def resolve_mentions(doc: Doc, mentions: list[Mention], gazetteer: Gazetteer) -> Resolution:
    """Group the mentions of one document into actors."""
    keys = [m.key or name_key(m.text) for m in mentions]

    # A person's surname alone joins the longest full name that ends with it.
    full_names: dict[str, str] = {}
    for mention, key in sorted(
        zip(mentions, keys, strict=True), key=lambda mk: (-len(mk[0].text), mk[0].start)
    ):
        if mention.type is ActorType.PERSON and len(mention.text.split()) > 1:
            full_names.setdefault(surname(mention.text), key)
    for index, mention in enumerate(mentions):
        if mention.type is ActorType.PERSON and len(mention.text.split()) == 1:
            keys[index] = full_names.get(surname(mention.text), keys[index])

    aliases = _acronym_aliases(doc, mentions, keys)
    for index, mention in enumerate(mentions):
        if mention.kind is MentionKind.ENTITY and mention.text in aliases:
            keys[index] = aliases[mention.text]

    actors: dict[str, ActorRecord] = {}
    for index, (mention, key) in enumerate(zip(mentions, keys, strict=True)):
        record = actors.get(key)
        if record is None:
            entry = gazetteer.entries.get(mention.key) if mention.key else None
            record = ActorRecord(
                key=key,
                label=entry.label if entry else clean_name(mention.text),
                type=entry.type if entry else mention.type,
                wikidata=entry.wikidata if entry else None,
                from_gazetteer=entry is not None,
                parent=entry.parent if entry else None,
            )
            actors[key] = record
        record.mentions.append(index)
        if mention.kind is not MentionKind.DEMONYM or mention.text[:1].isupper():
            record.surfaces.append(clean_name(mention.text))
        if not record.from_gazetteer:
            if len(clean_name(mention.text)) > len(record.label):
                record.label = clean_name(mention.text)
            if record.type is None and mention.type is not None:
                record.type = mention.type
    token_actor = {
        i: key
        for mention, key in zip(mentions, keys, strict=True)
        for i in range(mention.start, mention.end)
    }
    return Resolution(mentions, keys, actors, token_actor)
