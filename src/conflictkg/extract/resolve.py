"""Entity resolution within one document: which mentions denote the same actor.

Gazetteer mentions carry their entry's key. Named entities are keyed by their normalised
name, then merged: a surname alone joins the full name it abbreviates ("Soleimani" →
"Qassim Soleimani"); names the text equates (:mod:`aliases`: "Democratic Union Party (PYD)",
"X, also known as Y", an acronym of a name's initials) become one actor keyed by its longest
name; a group described by a people's adjective joins that people ("Palestinian assailants",
"Palestinians"). Pronouns and "the group" are resolved later, per sentence, by
:mod:`conflictkg.extract.anaphora`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..ingest.names import identity_form
from ..model import ActorType
from .aliases import alias_pairs, is_acronym, parenthesised_acronyms
from .gazetteer import Gazetteer
from .lexicon import Lexicon
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
    lexicon: Lexicon
    camps: dict[str, str] = field(default_factory=dict)  # a people's insurgency → its actor

    def add_described(self, label: str, actor_type: ActorType, written: str = "") -> str:
        """Add (or find) an actor the text describes but never names: "Syrian rebels";
        ``written``, the words the text used if they differ ("anti-Assad rebels"). A
        description of a people's insurgency (:func:`insurgent_camp`) finds the article's
        one actor for it, whatever its noun ("Syrian militants" after "Syrian opposition
        groups")."""
        camp = insurgent_camp(label.split(), self.lexicon)
        key = self.camps.setdefault(camp, name_key(label)) if camp else name_key(label)
        if key not in self.actors:
            self.actors[key] = ActorRecord(key, label, actor_type, surfaces=[label])
        surfaces = self.actors[key].surfaces
        for surface in (label if camp else "", written):  # the camp's other descriptions
            if surface and surface not in surfaces:
                surfaces.append(surface)
        return key

    def add_unnamed(self, key: str, gazetteer: Gazetteer) -> bool:
        """Add a gazetteer actor the rules reached without a mention (the state a place is
        in); False if the key is neither known nor in the gazetteer."""
        if key in self.actors:
            return True
        entry = gazetteer.entries.get(key)
        if entry is None:
            return False
        self.actors[key] = ActorRecord(
            key, entry.label, entry.type, entry.wikidata, True, entry.parent, [entry.label]
        )
        return True


def insurgent_camp(words: list[str], lexicon: Lexicon) -> str:
    """The people whose armed opposition a description names, as one actor per article:
    "syrian" for "Syrian rebels", "Syrian opposition groups", "Syrian jihadist militant
    groups" and "Syrian anti-Assad rebels" alike; "" for a description of no insurgency
    ("Kurdish fighters", "Shiite militias", "Syrian jihadists") or of no people ("Islamist
    militants": a creed's words, like the insurgency's own, name no people)."""
    lowered = [word.lower() for word in words]
    classes = [lexicon.noun_classes(word) for word in lowered]
    if not any("insurgency" in c for c in classes):
        return ""
    people = [
        word
        for word, c in zip(lowered, classes, strict=True)
        if not c & {"insurgency", "generic", "militant"} and not word.startswith(("anti-", "pro-"))
    ]
    return " ".join(people)


def _insurgencies(mentions: list[Mention], lexicon: Lexicon) -> dict[str, list[int]]:
    """The indices of the nominal mentions of each people's insurgency (:func:`insurgent_camp`)."""
    camps: dict[str, list[int]] = {}
    for index, mention in enumerate(mentions):
        if mention.kind is MentionKind.NOMINAL:
            camp = insurgent_camp(mention.text.split(), lexicon)
            if camp:
                camps.setdefault(camp, []).append(index)
    return camps


def _camp_keys(camps: dict[str, list[int]], keys: list[str]) -> list[tuple[int, int]]:
    """Descriptions of one people's insurgency are one actor ("Syrian rebels" and "the Syrian
    opposition" in one article), keyed and labelled by the commonest of them (the first on a
    tie): its members' keys are set to it, and the pairs returned merge them."""
    pairs = []
    for members in camps.values():
        names = [keys[i] for i in members]
        chosen = max(names, key=lambda k: (names.count(k), -names.index(k)))
        for index in members:
            keys[index] = chosen
            pairs.append((index, members[0]))
    return pairs


def _people_of(mention: Mention, doc: Doc) -> str:
    """ "palestinian" for the people a plural NORP entity names ("Palestinians", "Kurds")."""
    return mention.text.lower().removesuffix("s") if mention.ner_label == "NORP" else ""


def _nominal_people(doc: Doc, mentions: list[Mention], keys: list[str]) -> list[tuple[int, int]]:
    """A nominal group described by a people's adjective joins that people when the document
    names them as a group: "Palestinian assailants" and "Palestinians", "Kurdish fighters"
    and "Kurds"."""
    peoples = {
        _people_of(m, doc): i
        for i, m in enumerate(mentions)
        if m.kind is MentionKind.ENTITY and m.type is None and _people_of(m, doc)
    }
    pairs = []
    for index, mention in enumerate(mentions):
        if mention.kind is not MentionKind.NOMINAL:
            continue
        for word in mention.span(doc)[:-1]:
            people = next((p for p in peoples if len(p) > 2 and word.lower_.startswith(p)), None)
            if people is not None:
                pairs.append((index, peoples[people]))
                break
    return pairs


def _merge(mentions: list[Mention], keys: list[str], pairs: list[tuple[int, int]]) -> None:
    """Give each group of paired mentions one key: a gazetteer key if one of them has one,
    else the key of the longest name (acronyms last), so that the key does not depend on
    which name the text uses first."""
    parent = list(range(len(mentions)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_with_key: dict[str, int] = {}
    for index, key in enumerate(keys):
        pairs.append((index, first_with_key.setdefault(key, index)))
    for a, b in pairs:
        parent[find(a)] = find(b)
    groups: dict[int, list[int]] = {}
    for index in range(len(mentions)):
        groups.setdefault(find(index), []).append(index)
    for members in groups.values():
        known = sorted({k for i in members if (k := mentions[i].key)})
        if len(known) > 1:
            continue  # two actors the gazetteer tells apart stay apart
        if known:
            chosen = known[0]
        else:
            best = max(
                members,
                key=lambda i: (
                    not is_acronym(mentions[i].text),
                    len(clean_name(mentions[i].text)),
                    keys[i],
                ),
            )
            chosen = keys[best]
        for i in members:
            keys[i] = chosen


def resolve_mentions(
    doc: Doc, mentions: list[Mention], gazetteer: Gazetteer, lexicon: Lexicon
) -> Resolution:
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
        # the recogniser may type the surname alone otherwise ("Badreddine" as an ORG)
        untyped = mention.type is None and mention.kind is MentionKind.ENTITY
        if (mention.type is ActorType.PERSON or untyped) and len(mention.text.split()) == 1:
            keys[index] = full_names.get(surname(mention.text), keys[index])

    acronyms = parenthesised_acronyms(doc, mentions)
    pairs = alias_pairs(doc, mentions) + _nominal_people(doc, mentions, keys)
    insurgencies = _insurgencies(mentions, lexicon)
    pairs += _camp_keys(insurgencies, keys)
    for index, mention in enumerate(mentions):
        if mention.kind is MentionKind.ENTITY and mention.text in acronyms:
            pairs.append((index, acronyms[mention.text]))
    _merge(mentions, keys, pairs)

    gazetteer_keys = {m.key for m in mentions if m.key}
    actors: dict[str, ActorRecord] = {}
    for index, (mention, key) in enumerate(zip(mentions, keys, strict=True)):
        record = actors.get(key)
        if record is None:
            # the gazetteer's entry when any mention of the actor names it ("the SDF" after
            # "the Syria Democratic Forces (SDF)")
            entry = gazetteer.entries.get(key) if key in gazetteer_keys else None
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
    for key, record in actors.items():
        named = [surface for surface in record.surfaces if name_key(surface) == key]
        if named and not record.from_gazetteer:  # "Syrian rebels", if so keyed (_camp_keys)
            record.label = named[0]
    token_actor = {
        i: key
        for mention, key in zip(mentions, keys, strict=True)
        for i in range(mention.start, mention.end)
    }
    camps = {camp: keys[members[-1]] for camp, members in insurgencies.items()}
    return Resolution(mentions, keys, actors, token_actor, lexicon, camps)


_FOCUS_MIN = 2  # mentions a state needs to be what the article is about
_FOCUS_MARGIN = 1.5  # ... and how far ahead of the next state


def focus_state(resolution: Resolution) -> str | None:
    """The state the article is about: the government named most often, when it is named at
    least twice and clearly more than any other. News writes "soldiers", "police" and
    "security forces" without their state when it is this one."""
    return _dominant(resolution, ActorType.GOVERNMENT, gazetteer_only=True)


def focus_group(resolution: Resolution) -> str | None:
    """The armed group the article is about, by the same measure: "the militants",
    "insurgents" are usually this one."""
    return _dominant(resolution, ActorType.ARMED_GROUP, gazetteer_only=False)


def _dominant(resolution: Resolution, kind: ActorType, *, gazetteer_only: bool) -> str | None:
    counts = sorted(
        (-len(record.mentions), key)
        for key, record in resolution.actors.items()
        if record.type is kind and (record.from_gazetteer or not gazetteer_only)
    )
    if not counts or -counts[0][0] < _FOCUS_MIN:
        return None
    if len(counts) > 1 and -counts[0][0] < _FOCUS_MARGIN * -counts[1][0]:
        return None
    return counts[0][1]
