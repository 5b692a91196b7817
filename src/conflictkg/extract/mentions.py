"""Actor mentions in a parsed document: gazetteer hits and named entities, cleaned up.

A :class:`Mention` is a token span with what it may refer to. Which real actor each
mention denotes is decided later, by :mod:`conflictkg.resolve`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ..model import ActorType
from .bodies import Body, armed_name, body_of, entity_type, owning_state
from .gazetteer import Gazetteer, SurfaceKind
from .lexicon import PERSON_ROLES, Lexicon
from .nlp import GAZETTEER_SPANS
from .nominals import nominal_mentions
from .places import Places, called_places


class MentionKind(StrEnum):
    """How a mention names its actor."""

    NAME = "name"  # a gazetteer name or alias
    ACRONYM = "acronym"
    DEMONYM = "demonym"  # "Iranian", "U.S." used as an adjective
    METONYM = "metonym"  # a capital for its government: "Tehran said"
    ENTITY = "entity"  # a named entity the gazetteer does not know
    NOMINAL = "nominal"  # an unnamed group described by its modifiers: "Syrian opposition groups"


@dataclass(frozen=True)
class Mention:
    """A span of tokens that names an actor, or a candidate actor."""

    start: int
    end: int
    text: str
    kind: MentionKind
    key: str | None  # gazetteer key, when the gazetteer knows the actor
    type: ActorType | None  # None: an organisation whose type is still to be decided
    ner_label: str = ""

    def span(self, doc: Doc) -> Span:
        return doc[self.start : self.end]

    def root(self, doc: Doc) -> Token:
        return self.span(doc).root


# Named-entity labels of things that contain place names but are not actors
# ("The Washington Post", "the San'a Center for Strategic Studies").
_CONTAINER_LABELS = frozenset({"ORG", "FAC", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT", "PERSON"})
LOCATIVE_PREPS = frozenset(
    {"in", "at", "near", "inside", "outside", "around", "across", "throughout", "within", "into"}
)
_MOTION_LEMMAS = frozenset({"travel", "go", "come", "fly", "return", "visit", "trip", "arrive"})
_KIND_OF_SURFACE = {
    SurfaceKind.NAME: MentionKind.NAME,
    SurfaceKind.ACRONYM: MentionKind.ACRONYM,
    SurfaceKind.DEMONYM: MentionKind.DEMONYM,
    SurfaceKind.METONYM: MentionKind.METONYM,
}


def _in_ranges(doc: Doc, span: Span, ranges: Sequence[tuple[int, int]]) -> bool:
    begin, end = span.start_char, span.end_char
    return any(b <= begin and end <= e for b, e in ranges)


def _metonym_is_place(span: Span, lexicon: Lexicon) -> bool:
    """A capital used as a place ("in Baghdad", "his Baghdad mosque"), not as a government
    ("Kremlin spokesman", "Tehran officials")."""
    root = span.root
    if root.dep_ == "compound" and root.head.pos_ in ("NOUN", "PROPN"):
        head = root.head.lower_
        return not (lexicon.role_classes(head) or "state" in lexicon.noun_classes(head))
    if root.dep_ == "pobj":
        prep = root.head
        if prep.lower_ in LOCATIVE_PREPS:
            return True
        if prep.lower_ in ("to", "from") and prep.head.lemma_.lower() in _MOTION_LEMMAS:
            return True
    return False


def _gazetteer_mentions(
    doc: Doc, gazetteer: Gazetteer, lexicon: Lexicon
) -> tuple[list[Mention], set[int]]:
    """Gazetteer hits as mentions, and the tokens of hits that name no actor here (a news
    agency, a capital used as a place), which no other rule may take for an actor."""
    spans = filter_spans(list(doc.spans.get(GAZETTEER_SPANS, [])))
    containers = [ent for ent in doc.ents if ent.label_ in _CONTAINER_LABELS]
    mentions = []
    blocked: set[int] = set()
    for span in sorted(spans, key=lambda s: s.start):
        kind = _KIND_OF_SURFACE[SurfaceKind[span.label_]]
        entry = gazetteer.entries[span.id_]
        if entry.type is None:  # "Reuters", "Red Cross": listed as no actor
            blocked.update(range(span.start, span.end))
            continue
        inside = [c for c in containers if c.start <= span.start and span.end <= c.end]
        longer = [c for c in inside if (c.end - c.start) > (span.end - span.start)]
        if longer and entry.type is ActorType.GOVERNMENT:
            container = _strip_determiners(longer[0])
            if _state_body(container, span, lexicon):
                # "the Lebanese Army", "the U.S. Army", "Russian Foreign Ministry": the state
                mentions.append(
                    Mention(
                        container.start,
                        container.end,
                        container.text,
                        kind,
                        entry.key,
                        entry.type,
                    )
                )
                continue
            if armed_name(container, lexicon) or body_of(container, lexicon) is Body.NON_ACTOR:
                continue  # "Jamaat-ul-Mujahideen Bangladesh", "Kabul University"
        if longer and kind in (MentionKind.DEMONYM, MentionKind.METONYM):
            continue  # part of a longer name: "The Washington Post"
        if entry.type is ActorType.PERSON and _another_person(longer, span):
            continue  # "Khaled Assad" is not Bashar al-Assad
        if kind is MentionKind.METONYM and _metonym_is_place(span, lexicon):
            blocked.update(range(span.start, span.end))
            continue
        mentions.append(Mention(span.start, span.end, span.text, kind, entry.key, entry.type))
    return mentions, blocked


def _is_place(mention: Mention, doc: Doc, places: Places | None, called: frozenset[str]) -> bool:
    """A named entity that is a known place ("Ramadi", "Stuttgart"), a dateline, or a name
    the text calls a place ("the city of Palmyra") and types no actor by its words."""
    if mention.kind is not MentionKind.ENTITY:
        return False
    span = mention.span(doc)
    untyped = mention.type in (None, ActorType.PERSON) and span.text in called
    return untyped or _dateline(span) or bool(places and places.state_of(span.text))


_DATELINE_ENDS = frozenset({",", "(", "-", "\u2014"})


def _foreign_dateline(mention: Mention, doc: Doc, places: Places | None) -> bool:
    """A capital in the dateline of a story that happens elsewhere: "BEIRUT" over fighting
    in Aleppo is where the report was filed; "JAKARTA" over an attack "in Jakarta" is the
    story's state."""
    if mention.kind not in (MentionKind.METONYM, MentionKind.NAME) or places is None:
        return False
    span = mention.span(doc)
    if not _dateline(span):
        return False
    return not any(
        place.start >= span.end
        and place.label_ in ("GPE", "LOC", "FAC")
        and place.root.dep_ == "pobj"
        and place.root.head.lower_ in LOCATIVE_PREPS
        and places.state_of(place.text) == mention.key
        for place in doc.ents
    )


def _dateline(span: Span) -> bool:
    """A place opening a line, where the report was filed: "STUTTGART,", "BEIRUT (Reuters)
    -", "BEIRUT Dozens of people", "HANOVER, Germany/WASHINGTON President ..." (the
    pipeline makes such a dateline a sentence of its own)."""
    doc = span.doc
    sent = span.sent
    after = doc[span.end] if span.end < len(doc) else None
    line_start = span.start == 0 or "\n" in doc[span.start - 1].text_with_ws
    if span.text.isupper() and line_start and after is not None and after.text in _DATELINE_ENDS:
        return True
    opens_line = sent.start == 0 or "\n" in doc[sent.start - 1].text_with_ws
    return (
        opens_line
        and sent.end < len(doc)
        and "\n" not in doc[sent.end - 1].whitespace_  # the story goes on on this line
        and len(sent) <= 10
        and all(t.is_punct or t.is_upper or t.is_title for t in sent)
    )


def _another_person(longer: list[Span], span: Span) -> bool:
    """Whether a person's alias sits at the end of a longer person's name that adds a first
    name of its own ("Khaled Assad" around "Assad")."""
    return any(
        c.label_ == "PERSON"
        and c.end == span.end
        and any(t.is_title for t in c[: span.start - c.start])
        for c in longer
    )


def _state_body(name: Span, state: Span, lexicon: Lexicon) -> bool:
    """A state's organ named with the state ("Russian Foreign Ministry", "Belgian Federal
    Prosecutor's Office"), or its army or government with nothing but a state noun and
    words like "national" or "armed" beside the state's name ("Lebanese Army", "U.S. Army",
    "Iraqi Security Forces"; not "Syria Democratic Forces")."""
    body = body_of(name, lexicon)
    if len(name) > 6 or body not in (Body.ORGAN, Body.ARMY):
        return False
    if body is Body.ORGAN:
        return True
    rest = [t for t in name[:-1] if t.is_alpha and not (state.start <= t.i < state.end)]
    return all("state_modifier" in lexicon.noun_classes(t.lower_) for t in rest)


def _described_as_nonactor(span: Span, lexicon: Lexicon) -> bool:
    """A name right after the common nouns that say it is a medium, a company or a charity:
    "TV station al-Mayadeen", "the newspaper Haaretz", "security company Blackwater"."""
    i = span.start - 1
    while i >= 0 and span.start - i <= 3 and span.doc[i].pos_ == "NOUN":
        if _is_title(span.doc[i], lexicon):
            return False  # "civil rights leader John Lewis": a person's title
        if "nonactor" in lexicon.noun_classes(span.doc[i].lower_):
            return True
        i -= 1
    return False


def _strip_determiners(span: Span) -> Span:
    start = span.start
    while start < span.end - 1 and span.doc[start].lower_ in ("the", "a", "an"):
        start += 1
    return span.doc[start : span.end]


def _is_title(token: Token, lexicon: Lexicon) -> bool:
    """ "Sheikh", "Gen.", "Col" (its dot a token of its own)."""
    return bool(lexicon.title_classes(token.lower_))


def _strip_titles(span: Span, lexicon: Lexicon) -> Span:
    """Drop leading titles and determiners that the entity recogniser included."""
    start = span.start
    while start < span.end - 1:
        token = span.doc[start]
        if token.lower_ in ("the", "a", "an") or token.is_punct:
            start += 1
            continue
        if _is_title(token, lexicon):
            start += 1
            continue
        break
    end = span.end
    while end > start + 1 and span.doc[end - 1].tag_ == "POS":
        end -= 1
    return span.doc[start:end]


def _bare(span: Span, lexicon: Lexicon) -> bool:
    """A name that is nothing but a state's armed noun: "Army", "the Army"."""
    words = [t for t in span if t.is_alpha and t.lower_ != "the"]
    return all("state" in lexicon.noun_classes(t.lower_) for t in words)


def _titled(ent: Span, span: Span, lexicon: Lexicon) -> bool:
    """A title right before the name: "Sheik Jassim al-Saidi" names a person, whatever
    label the entity recogniser gave it."""
    before = ent.doc[span.start - 1] if span.start > 0 else None
    words = [t.lower_ for t in ent.doc[ent.start : span.start]]
    if before is not None:
        words.append(before.lower_)
    return any(lexicon.role_classes(w.rstrip(".")) & PERSON_ROLES for w in words)


def _entity_mentions(
    doc: Doc, lexicon: Lexicon, taken: set[int], government_at: dict[int, str]
) -> tuple[list[Mention], set[int]]:
    """Named entities as mentions; a state's ministry or army named with its state is that
    state's government ("Nigeria's emergency agency"); newspapers, companies and organs of
    no named state are no actors, and their tokens are returned as blocked."""
    mentions = []
    blocked: set[int] = set()
    for ent in doc.ents:
        if ent.label_ not in ("PERSON", "ORG", "NORP", "FAC"):
            continue
        if ent.label_ == "NORP" and ent.root.tag_ not in ("NNPS", "NNS"):
            continue  # "Shiite", "Kurdish": an adjective, not a group
        if "population" in lexicon.noun_classes(ent.root.lower_):
            continue  # "Muslims", "Sunnis": a population, not an actor
        typed = entity_type(ent, lexicon)
        if ent.label_ == "FAC" and typed is not ActorType.PERSON:
            continue  # "Noureddine Chouchane, a Tunisian": a person, not a building
        armed = typed is ActorType.ARMED_GROUP  # "Imam Ali Brigade": a name, title and all
        span = _strip_determiners(ent) if armed else _strip_titles(ent, lexicon)
        while len(span) > 1 and span[-1].is_punct:  # "Syria Democratic Forces ("
            span = span[:-1]
        if len(span) == 1 and _is_title(span[0], lexicon):
            continue  # "Col" of "coup leader Col. Gilbert Diendere", recognised on its own
        if any(i in taken for i in range(span.start, span.end)):
            continue
        if not any((t.is_alpha and t.is_title) or t.is_upper for t in span):
            continue
        if (
            len(span) == 1
            and span[0].tag_ in ("NN", "NNS")
            and lexicon.noun_classes(span[0].lower_)
        ):
            continue  # "Gang" of "Gang leader X", "Rebels" opening a sentence: no name
        if _described_as_nonactor(span, lexicon):  # "the Lebanese TV station al-Mayadeen"
            blocked.update(range(span.start, span.end))
            continue
        if ent.label_ == "ORG":
            body = body_of(span, lexicon)
            owner = owning_state(ent, government_at) if body in (Body.ORGAN, Body.ARMY) else None
            if owner is not None:
                government = (owner, ActorType.GOVERNMENT, ent.label_)
                mentions.append(
                    Mention(span.start, span.end, span.text, MentionKind.NAME, *government)
                )
                continue
            if body in (Body.NON_ACTOR, Body.ORGAN) or (body is Body.ARMY and _bare(span, lexicon)):
                # "the Army" with no state named is some state's army, not an actor of its own
                blocked.update(range(span.start, span.end))
                continue
        mentions.append(
            Mention(
                span.start,
                span.end,
                span.text,
                MentionKind.ENTITY,
                None,
                typed or (ActorType.PERSON if _titled(ent, span, lexicon) else None),
                ent.label_,
            )
        )
    return mentions, blocked


def _surname_mentions(doc: Doc, entities: list[Mention], taken: set[int]) -> list[Mention]:
    """A surname standing alone that the recogniser missed, of a person the document names
    in full: "Mustafa Badreddine ... Badreddine, a brother-in-law of ...". One name keeps
    one reading through a document (a name is no other capitalised word's neighbour)."""
    surnames = {
        doc[m.end - 1].text
        for m in entities
        if m.type is ActorType.PERSON and m.end - m.start > 1 and doc[m.end - 1].is_title
    }
    found = []
    for token in doc:
        if token.text not in surnames or token.i in taken or token.pos_ != "PROPN":
            continue
        neighbours = [doc[j] for j in (token.i - 1, token.i + 1) if 0 <= j < len(doc)]
        if any(n.pos_ == "PROPN" or (n.is_title and not n.is_sent_start) for n in neighbours):
            continue  # "King Hussein", "Hussein Ali": another name
        found.append(
            Mention(token.i, token.i + 1, token.text, MentionKind.ENTITY, None, ActorType.PERSON)
        )
    return found


def find_mentions(
    doc: Doc,
    gazetteer: Gazetteer,
    lexicon: Lexicon,
    boilerplate: Sequence[tuple[int, int]] = (),
    places: Places | None = None,
) -> list[Mention]:
    """Every actor mention of a parsed document, sorted by position, not overlapping.

    Gazetteer hits win over named entities; demonyms and capitals inside a longer name
    ("The Washington Post") and capitals used as places ("in Baghdad") are dropped, and so
    are named entities that are places (a city of ``places``, a dateline "STUTTGART,");
    nothing is found inside ``boilerplate`` character ranges.
    """
    mentions, blocked = _gazetteer_mentions(doc, gazetteer, lexicon)
    government_at = {
        i: m.key
        for m in mentions
        if m.key is not None and m.type is ActorType.GOVERNMENT
        for i in range(m.start, m.end)
    }
    taken = blocked | set(government_at) | {i for m in mentions for i in range(m.start, m.end)}
    entities, unnamed = _entity_mentions(doc, lexicon, taken, government_at)
    mentions += entities
    taken = blocked | unnamed | {i for m in mentions for i in range(m.start, m.end)}
    mentions += _surname_mentions(doc, entities, taken)
    taken |= {i for m in mentions for i in range(m.start, m.end)}
    demonyms = {k: d for k in set(government_at.values()) if (d := gazetteer.demonym(k))}
    nominal = [
        Mention(start, end, text, MentionKind.NOMINAL, None, ActorType.ARMED_GROUP)
        for start, end, text in nominal_mentions(doc, lexicon, taken, government_at, demonyms)
    ]
    covered = {i for m in nominal for i in range(m.start, m.end)}
    mentions = [m for m in mentions if m.start not in covered] + nominal
    called = called_places(doc, lexicon)
    kept = [
        m
        for m in mentions
        if not _in_ranges(doc, m.span(doc), boilerplate)
        and not _is_place(m, doc, places, called)
        and not _foreign_dateline(m, doc, places)
    ]
    return sorted(kept, key=lambda m: (m.start, m.end))
