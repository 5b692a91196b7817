"""The sentences behind an edge: text, document, date, confidence and attribution."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from ..errors import QueryError
from .style import RELATIONS
from .union import CK, iri, number, select

__all__ = ["EvidenceSentence", "evidence"]


@dataclass(frozen=True)
class EvidenceSentence:
    """One sentence an edge was read from, with its document and how sure we are."""

    statement: str
    text: str
    confidence: float | None
    attribution: str | None
    attributed_to: str | None
    document: str | None
    title: str | None
    date: str | None
    url: str | None


def evidence(
    store: ox.Store, subject: str, relation: str, object: str, min_confidence: float = 0.0
) -> list[EvidenceSentence]:
    """The sentences behind the edge ``subject relation object`` with at least
    ``min_confidence``, surest first, then by document and statement."""
    if relation not in RELATIONS:
        raise QueryError(f"unknown relation {relation!r}: use {', '.join(RELATIONS)}")
    rows = select(
        store,
        """SELECT ?a ?p ?b ?s ?text ?c ?attr ?by ?speaker ?id ?title ?date ?url WHERE {
          ?s rdf:subject ?a ; rdf:predicate ?p ; rdf:object ?b .
          OPTIONAL { ?s ck:evidenceText ?text }
          OPTIONAL { ?s ck:confidence ?c }
          OPTIONAL { ?s ck:attribution ?attr }
          OPTIONAL { ?s ck:attributedToText ?by }
          OPTIONAL { ?s ck:attributedTo ?actor . ?actor rdfs:label ?speaker }
          OPTIONAL { ?s prov:wasDerivedFrom ?doc .
            OPTIONAL { ?doc dcterms:identifier ?id } OPTIONAL { ?doc dcterms:title ?title }
            OPTIONAL { ?doc dcterms:date ?date } OPTIONAL { ?doc dcterms:source ?url } }
        }""",
        {"a": iri(subject), "p": iri(CK + relation), "b": iri(object)},
    )
    sentences: dict[str, EvidenceSentence] = {}
    for row in rows:
        confidence = None if row["c"] is None else number(row["c"])
        if (confidence or 0.0) < min_confidence or str(row["s"]) in sentences:
            continue
        sentences[str(row["s"])] = EvidenceSentence(
            str(row["s"]),
            row["text"] or "",
            confidence,
            row["attr"],
            row["by"] or row["speaker"],
            row["id"],
            row["title"],
            row["date"],
            row["url"],
        )
    return sorted(
        sentences.values(),
        key=lambda s: (-(s.confidence or 0.0), s.document or "", s.statement),
    )
