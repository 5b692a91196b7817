"""Helpers for extraction tests on written sentences: labels, triples, the cue names.

Used with the ``extract`` and ``triples`` fixtures of ``tests/conftest.py``.
"""

from __future__ import annotations

from collections.abc import Callable

from conflictkg.model import Actor, Extraction, Relation

Triple = tuple[str, str, str]
Extract = Callable[[str], Extraction]
Triples = Callable[[str], set[Triple]]

SUP, OPP, DES = "supports", "opposes", "designatedTerrorist"
LEADER, MEMBER, PART = "leaderOf", "memberOf", "partOf"
RELATIONS = frozenset({SUP, OPP, DES})

# Gazetteer labels used below.
IRAN, IRAQ, US, TURKEY = "Iran", "Iraq", "United States", "Turkey"
SAUDI, SYRIA, ISRAEL, RUSSIA = "Saudi Arabia", "Syria", "Israel", "Russia"
HEZBOLLAH, HOUTHIS, HAMAS, IS = "Hezbollah", "Houthis", "Hamas", "Islamic State"
YPG, PKK, EU = "People's Protection Units", "Kurdistan Workers' Party", "European Union"
KH, AAH, BADR = "Kataib Hezbollah", "Asaib Ahl al-Haq", "Badr Organization"
SHABAAB, QAEDA, BOKO = "al-Shabaab", "al-Qaeda", "Boko Haram"


def labels_of(extraction: Extraction) -> dict[str, str]:
    return {actor.key: actor.label for actor in extraction.actors}


def triple_of(extraction: Extraction, relation: Relation) -> Triple:
    labels = labels_of(extraction)
    return (
        labels.get(relation.subject, relation.subject),
        relation.predicate.value,
        labels.get(relation.object, relation.object),
    )


def relations_only(found: set[Triple]) -> set[Triple]:
    return {t for t in found if t[1] in RELATIONS}


def relation_for(extraction: Extraction, triple: Triple) -> Relation:
    for relation in extraction.relations:
        if triple_of(extraction, relation) == triple:
            return relation
    found = sorted(triple_of(extraction, r) for r in extraction.relations)
    raise AssertionError(f"{triple} not extracted; found {found}")


def actors_named(extraction: Extraction, *words: str) -> list[Actor]:
    """Actors whose label or an alternative label contains one of ``words``."""
    return [
        actor
        for actor in extraction.actors
        if any(w in name for w in words for name in (actor.label, *actor.alt_labels))
    ]
