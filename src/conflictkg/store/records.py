"""The manifest of a corpus store: which documents it holds, and what was read from each.

The manifest is the store's memory of its inputs. For every document it keeps the IRI,
the name a person recognises, where it was read from, the SHA-256 of its decoded text, and
its extraction (actors and relations, without the text), so that the store can map every
document again when the actor layer changes, without parsing anything. It also keeps the
links that ``conflictkg link`` confirmed. It is one JSON file, written atomically, keys and
lists sorted so that the same store content gives the same bytes::

    {"format": "conflictkg-store 1",
     "documents": [{"iri": ..., "identifier": ..., "source": ..., "sha256": ...,
                    "document": {...}, "actors": [...], "relations": [...]}, ...],
     "links": [{"actor": ..., "target": ..., "exact": true, "score": 1.0,
                "matched_by": ...}, ...]}
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import StoreError
from ..model import (
    Actor,
    ActorType,
    Attribution,
    Document,
    Evidence,
    Extraction,
    Predicate,
    Relation,
)
from ..rdf.links import ActorLink
from ..rdf.serialize import write_bytes_atomic

__all__ = ["FORMAT", "Entry", "Manifest", "read_manifest", "write_manifest"]

FORMAT = "conflictkg-store 1"


@dataclass(frozen=True)
class Entry:
    """One document of a store: its IRI, name, source, text hash and extraction."""

    iri: str
    identifier: str
    source: str | None
    sha256: str
    extraction: Extraction


@dataclass(frozen=True)
class Manifest:
    """Everything a store holds, as data: its documents by IRI and its confirmed links."""

    documents: dict[str, Entry]
    links: tuple[ActorLink, ...] = ()


def _actor(actor: Actor) -> dict[str, Any]:
    data: dict[str, Any] = {"key": actor.key, "label": actor.label, "type": actor.type.value}
    if actor.alt_labels:
        data["alt_labels"] = list(actor.alt_labels)
    if actor.wikidata:
        data["wikidata"] = actor.wikidata
    return data


def _relation(relation: Relation) -> dict[str, Any]:
    evidence = relation.evidence
    data: dict[str, Any] = {
        "subject": relation.subject,
        "predicate": relation.predicate.value,
        "object": relation.object,
        "evidence": [evidence.document, evidence.text, evidence.begin, evidence.end],
        "confidence": relation.confidence,
        "extractor": relation.extractor,
        "attribution": relation.attribution.value,
    }
    if relation.attributed_to is not None:
        data["attributed_to"] = relation.attributed_to
    if relation.cue:
        data["cue"] = relation.cue
    return data


def _entry_json(entry: Entry) -> dict[str, Any]:
    document = entry.extraction.document
    meta = {
        key: value
        for key, value in (
            ("source_path", document.source_path),
            ("url", document.url),
            ("date", document.date),
            ("title", document.title),
        )
        if value is not None
    }
    return {
        "iri": entry.iri,
        "identifier": entry.identifier,
        "source": entry.source,
        "sha256": entry.sha256,
        "document": meta,
        "actors": [_actor(a) for a in entry.extraction.actors],
        "relations": [_relation(r) for r in entry.extraction.relations],
    }


def _entry(data: dict[str, Any]) -> Entry:
    meta = data["document"]
    document = Document(
        data["identifier"],
        "",
        meta.get("source_path"),
        meta.get("url"),
        meta.get("date"),
        meta.get("title"),
    )
    actors = tuple(
        Actor(
            a["key"],
            a["label"],
            ActorType(a["type"]),
            tuple(a.get("alt_labels", ())),
            a.get("wikidata"),
        )
        for a in data["actors"]
    )
    relations = tuple(
        Relation(
            r["subject"],
            Predicate(r["predicate"]),
            r["object"],
            Evidence(*r["evidence"]),
            r["confidence"],
            r["extractor"],
            Attribution(r["attribution"]),
            r.get("attributed_to"),
            r.get("cue", ""),
        )
        for r in data["relations"]
    )
    extraction = Extraction(document, actors, relations)
    return Entry(data["iri"], data["identifier"], data["source"], data["sha256"], extraction)


def read_manifest(path: Path) -> Manifest:
    """The manifest in ``path``; an empty one if the file does not exist.

    Raises:
        StoreError: the file cannot be read or is not a manifest of this format.
    """
    if not path.exists():
        return Manifest({})
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise StoreError(f"{path}: not a {FORMAT!r} manifest (format {data.get('format')!r})")
        entries = [_entry(item) for item in data["documents"]]
        links = tuple(ActorLink(**item) for item in data.get("links", ()))
    except StoreError:
        raise
    except (OSError, UnicodeDecodeError) as exc:
        raise StoreError(f"{path}: cannot read the store manifest: {exc}") from exc
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        reason = f"{type(exc).__name__}: {exc}"
        raise StoreError(f"{path}: the store manifest is damaged ({reason})") from exc
    return Manifest({entry.iri: entry for entry in entries}, links)


def write_manifest(path: Path, manifest: Manifest) -> None:
    """Write ``manifest`` to ``path`` atomically, in a deterministic form."""
    data = {
        "format": FORMAT,
        "documents": [_entry_json(manifest.documents[iri]) for iri in sorted(manifest.documents)],
        "links": [
            {
                "actor": link.actor,
                "target": link.target,
                "exact": link.exact,
                "score": link.score,
                "matched_by": link.matched_by,
            }
            for link in sorted(manifest.links)
        ],
    }
    # ASCII with \u escapes: lone surrogates in extracted names survive the round trip.
    text = json.dumps(data, ensure_ascii=True, sort_keys=True, indent=1) + "\n"
    write_bytes_atomic(path, text.encode("ascii"))
