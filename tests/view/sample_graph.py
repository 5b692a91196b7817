"""A small hand-made conflict graph for the view tests, as a Turtle file and as an Oxigraph
store with one named graph per document (the two layouts the view must read alike).

Two documents. Iran supports Hezbollah (read in both, confidence 0.9 and 0.6), supports
Iraq (0.8); the United States opposes Iran (attributed to "U.S. officials", 0.75);
Hezbollah is designated terrorist by the United States (0.9) and opposes Israel (0.7);
Hassan Nasrallah leads Hezbollah; the Revolutionary Guard is part of Iran.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

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
from conflictkg.rdf.iri import actor_iri, document_iri
from conflictkg.rdf.mapping import to_graph
from conflictkg.rdf.serialize import serialize_turtle

IRAN = str(actor_iri("irn"))
IRAQ = str(actor_iri("irq"))
USA = str(actor_iri("usa"))
ISRAEL = str(actor_iri("isr"))
HEZBOLLAH = str(actor_iri("hezbollah"))
NASRALLAH = str(actor_iri("hassan_nasrallah"))
IRGC = str(actor_iri("irgc"))

ACTORS = {
    "irn": Actor("irn", "Iran", ActorType.GOVERNMENT, ("Tehran", "Iranian")),
    "irq": Actor("irq", "Iraq", ActorType.GOVERNMENT),
    "usa": Actor("usa", "United States", ActorType.GOVERNMENT, ("U.S.",)),
    "isr": Actor("isr", "Israel", ActorType.GOVERNMENT),
    "hezbollah": Actor("hezbollah", "Hezbollah", ActorType.ARMED_GROUP, ("Hizballah",)),
    "hassan_nasrallah": Actor("hassan_nasrallah", "Hassan Nasrallah", ActorType.PERSON),
    "irgc": Actor(
        "irgc",
        "Islamic Revolutionary Guard Corps",
        ActorType.ARMED_GROUP,
        ("Iranian Revolutionary Guards",),
    ),
}

SENTENCES_A = [
    "Iran has armed Hezbollah for decades.",
    "Tehran also backs Iraq.",
    "U.S. officials said Washington opposes Iran.",
    "Hezbollah, designated a terrorist group by the United States, fights Israel.",
    "Hassan Nasrallah leads Hezbollah.",
    "The Revolutionary Guard is part of the Iranian state.",
]
SENTENCE_B = "Iran may be sending Hezbollah money."
TEXT_A = " ".join(SENTENCES_A)


def _evidence(document: str, text: str, sentence: str) -> Evidence:
    begin = text.index(sentence)
    return Evidence(document, sentence, begin, begin + len(sentence))


def _relation(
    document: str,
    text: str,
    sentence: str,
    triple: tuple[str, Predicate, str],
    confidence: float,
    said_by: str | None = None,
) -> Relation:
    attribution = Attribution.ATTRIBUTED if said_by else Attribution.ASSERTED
    return Relation(
        triple[0],
        triple[1],
        triple[2],
        _evidence(document, text, sentence),
        confidence,
        "test 1.0",
        attribution,
        said_by,
    )


def extractions() -> list[Extraction]:
    a = Document(
        "a.txt", TEXT_A, "a.txt", url="https://example.org/a", date="2016-01-05", title="Alpha"
    )
    b = Document("b.txt", SENTENCE_B, "b.txt")
    s = SENTENCES_A
    relations_a = (
        _relation("a.txt", TEXT_A, s[0], ("irn", Predicate.SUPPORTS, "hezbollah"), 0.9),
        _relation("a.txt", TEXT_A, s[1], ("irn", Predicate.SUPPORTS, "irq"), 0.8),
        _relation("a.txt", TEXT_A, s[2], ("usa", Predicate.OPPOSES, "irn"), 0.75, "U.S. officials"),
        _relation("a.txt", TEXT_A, s[3], ("hezbollah", Predicate.DESIGNATED_TERRORIST, "usa"), 0.9),
        _relation("a.txt", TEXT_A, s[3], ("hezbollah", Predicate.OPPOSES, "isr"), 0.7),
        _relation(
            "a.txt", TEXT_A, s[4], ("hassan_nasrallah", Predicate.LEADER_OF, "hezbollah"), 0.85
        ),
        _relation("a.txt", TEXT_A, s[5], ("irgc", Predicate.PART_OF, "irn"), 0.85),
    )
    relation_b = _relation(
        "b.txt", SENTENCE_B, SENTENCE_B, ("irn", Predicate.SUPPORTS, "hezbollah"), 0.6
    )
    keys_b = ("irn", "hezbollah")
    return [
        Extraction(a, tuple(ACTORS.values()), relations_a),
        Extraction(b, tuple(ACTORS[k] for k in keys_b), (relation_b,)),
    ]


def write_file(path: Path) -> Path:
    """The whole graph as one Turtle file (everything in the default graph)."""
    path.write_bytes(serialize_turtle(to_graph(extractions())))
    return path


def write_named_graph_store(folder: Path) -> Path:
    """An Oxigraph store folder holding each document's graph as the named graph of the
    document's IRI, as a corpus store does."""
    store = ox.Store(str(folder))
    for extraction in extractions():
        name = ox.NamedNode(str(document_iri(extraction.document)))
        turtle = serialize_turtle(to_graph([extraction]))
        store.load(turtle, format=ox.RdfFormat.TURTLE, to_graph=name)
    store.flush()
    del store
    return folder
