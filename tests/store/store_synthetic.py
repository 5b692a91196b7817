"""Model-free extractions for store tests: a tiny sentence grammar and hand-made documents.

``LineExtractor`` reads one relation per line, ``Subject verb Object.``, with the verbs
``supports``, ``opposes``, ``leads`` (leaderOf) and ``designated-by`` (designatedTerrorist),
and actors typed by ``TYPES`` (unknown names are armed groups; a name ending in ``(P)``,
``(G)`` or ``(A)`` forces Person, Government or ArmedGroup). It counts what it extracts, so
a test can see that an unchanged document is not parsed again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from conflictkg.model import (
    Actor,
    ActorType,
    Attribution,
    Document,
    Evidence,
    Extraction,
    Predicate,
    Relation,
)

TYPES = {
    "Iran": ActorType.GOVERNMENT,
    "Israel": ActorType.GOVERNMENT,
    "United States": ActorType.GOVERNMENT,
    "Syria": ActorType.GOVERNMENT,
    "Hassan Nasrallah": ActorType.PERSON,
    "Jassim al-Saidi": ActorType.PERSON,
}
WIKIDATA = {"Iran": "Q794", "Israel": "Q801", "Hezbollah": "Q41053"}
VERBS = {
    "supports": Predicate.SUPPORTS,
    "opposes": Predicate.OPPOSES,
    "leads": Predicate.LEADER_OF,
    "designated-by": Predicate.DESIGNATED_TERRORIST,
}
FORCED = {"(P)": ActorType.PERSON, "(G)": ActorType.GOVERNMENT, "(A)": ActorType.ARMED_GROUP}
LINE = re.compile(
    r"(?P<s>.+?) (?P<v>supports|opposes|leads|designated-by) (?P<o>.+?)\.(?: \[(?P<by>.+)\])?"
)


def key_of(name: str) -> str:
    return name.split(" (")[0].lower().replace(" ", "_")


def actor_of(name: str) -> Actor:
    forced = next((t for mark, t in FORCED.items() if name.endswith(mark)), None)
    label = name.split(" (")[0]
    kind = forced or TYPES.get(label, ActorType.ARMED_GROUP)
    return Actor(key_of(name), label, kind, (), WIKIDATA.get(label))


def extract_lines(document: Document) -> Extraction:
    actors: dict[str, Actor] = {}
    relations = []
    offset = 0
    for line in document.text.split("\n"):
        match = LINE.fullmatch(line.strip())
        if match:
            subject, obj = actor_of(match["s"]), actor_of(match["o"])
            actors.setdefault(subject.key, subject)
            actors.setdefault(obj.key, obj)
            begin = offset + line.index(line.strip())
            evidence = Evidence(document.identifier, line.strip(), begin, begin + len(line.strip()))
            by = match["by"]
            if by:
                speaker = actor_of(by)
                actors.setdefault(speaker.key, speaker)
            relations.append(
                Relation(
                    subject.key,
                    VERBS[match["v"]],
                    obj.key,
                    evidence,
                    0.9,
                    "stub 1.0",
                    Attribution.ATTRIBUTED if by else Attribution.ASSERTED,
                    actor_of(by).label if by else None,
                )
            )
        offset += len(line) + 1
    return Extraction(document, tuple(actors.values()), tuple(relations))


@dataclass
class LineExtractor:
    """The stub extractor; ``seen`` lists the identifiers it extracted, in order."""

    seen: list[str] = field(default_factory=list)

    def extract(self, document: Document) -> Extraction:
        self.seen.append(document.identifier)
        return extract_lines(document)


def document(
    name: str, text: str, *, url: str | None = None, date: str | None = None
) -> Extraction:
    """The extraction of a document called ``name`` read from ``name`` (a relative path)."""
    return extract_lines(Document(name, text, name, url=url, date=date))


def write(folder: Path, files: dict[str, str]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
