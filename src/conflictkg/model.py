"""The pipeline's own data types: small frozen dataclasses passed between stages.

spaCy objects stop at the extraction boundary and rdflib objects start at the mapping step;
everything in between is one of these.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class ActorType(StrEnum):
    """The three disjoint actor classes of the ontology."""

    GOVERNMENT = "Government"
    ARMED_GROUP = "ArmedGroup"
    PERSON = "Person"


class Predicate(StrEnum):
    """Relations between actors, named as in the ontology."""

    SUPPORTS = "supports"
    OPPOSES = "opposes"
    DESIGNATED_TERRORIST = "designatedTerrorist"
    LEADER_OF = "leaderOf"
    MEMBER_OF = "memberOf"
    PART_OF = "partOf"

    @property
    def is_structure(self) -> bool:
        return self in (Predicate.LEADER_OF, Predicate.MEMBER_OF, Predicate.PART_OF)

    def allows(self, subject: ActorType | None, object: ActorType | None) -> bool:
        """Whether the ontology's domain and range admit these types (None: not yet typed,
        and it will become an armed group)."""
        subject = subject or ActorType.ARMED_GROUP
        object = object or ActorType.ARMED_GROUP
        if self is Predicate.DESIGNATED_TERRORIST:
            return subject is ActorType.ARMED_GROUP and object is ActorType.GOVERNMENT
        if self is Predicate.LEADER_OF:
            return subject is ActorType.PERSON
        if self is Predicate.PART_OF:
            return subject is ActorType.ARMED_GROUP and object is not ActorType.PERSON
        return True


class Attribution(StrEnum):
    """Whether the text asserts a relation itself or reports someone's claim of it."""

    ASSERTED = "asserted"
    ATTRIBUTED = "attributed"


@dataclass(frozen=True)
class Document:
    """One article: its identifier (the file name, or the id of a JSONL record) and its text.

    ``text`` is the decoded text of the source, unchanged: evidence offsets index into it.
    ``boilerplate`` lists ``(begin, end)`` character ranges that are not article content
    (bylines, comment prompts, credits) and must not produce actors.
    """

    identifier: str
    text: str
    source_path: str | None = None
    url: str | None = None
    date: str | None = None
    title: str | None = None
    boilerplate: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Evidence:
    """Where a relation was read: a sentence of a document and its character offsets."""

    document: str
    text: str
    begin: int
    end: int


@dataclass(frozen=True)
class Actor:
    """A real-world actor, after resolution: one node of the graph."""

    key: str
    label: str
    type: ActorType
    alt_labels: tuple[str, ...] = ()
    wikidata: str | None = None


@dataclass(frozen=True)
class Relation:
    """An edge between two actors (by key), with the evidence it was read from."""

    subject: str
    predicate: Predicate
    object: str
    evidence: Evidence
    confidence: float
    extractor: str
    attribution: Attribution = Attribution.ASSERTED
    attributed_to: str | None = None
    cue: str = ""


@dataclass(frozen=True)
class Extraction:
    """Everything read out of one document."""

    document: Document
    actors: tuple[Actor, ...] = ()
    relations: tuple[Relation, ...] = ()
    notes: tuple[str, ...] = field(default=())
