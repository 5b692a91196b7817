"""One key for an actor the gazetteer does not know, across the documents of a build.

Within a document, :mod:`resolve` keys an actor by its longest name, whatever form the text
uses first. Across documents the same actor may still be written two ways: "Government of
National Accord (GNA)" in one article, "the GNA" in another. :func:`unify_actor_keys` joins
the keys of actors that share a name, an acronym with its expansion ("also known as" and
parenthesised pairs seen in any document, or an acronym that is the initials of exactly
one long name of the corpus), and gives each group the key of its longest name. The result
does not depend on the order of the documents.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from ..model import Actor, Extraction, Relation
from .aliases import initials, is_acronym
from .gazetteer import Gazetteer, load_gazetteer
from .resolve import name_key


class _Groups:
    """Union-find over keys; each key remembers its longest written name."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.name: dict[str, str] = {}

    def add(self, key: str, name: str) -> None:
        self.parent.setdefault(key, key)
        if _rank(name) > _rank(self.name.get(key, "")):
            self.name[key] = name

    def find(self, key: str) -> str:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: str, b: str) -> None:
        self.parent[self.find(a)] = self.find(b)

    def canonical(self, keys: Iterable[str]) -> dict[str, str]:
        members: dict[str, list[str]] = {}
        for key in keys:
            members.setdefault(self.find(key), []).append(key)
        chosen = {}
        for group in members.values():
            best = max(sorted(group), key=lambda k: _rank(self.name[k]))
            chosen.update(dict.fromkeys(group, best))
        return chosen


def _rank(name: str) -> tuple[bool, int, int]:
    return (bool(name) and not is_acronym(name), len(name.split()), len(name))


def _linking_names(actor: Actor) -> list[str]:
    """Names that identify an actor across documents: acronyms and names of several words
    (a surname alone, "Kerry", may be someone else's)."""
    names = [actor.label, *actor.alt_labels]
    return [n for n in names if is_acronym(n) or len(n.split()) > 1]


class KeyUnifier:
    """Collects the names of the actors of every document of a build (one document at a
    time, so that a streamed build need not keep them), then says which keys to join."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self._known = set((gazetteer or load_gazetteer()).entries)
        self._groups = _Groups()
        self._keys: set[str] = set()

    def add(self, extraction: Extraction) -> None:
        for actor in extraction.actors:
            if actor.key in self._known:
                continue
            self._keys.add(actor.key)
            self._groups.add(actor.key, actor.label)
            for name in _linking_names(actor):
                self._groups.add(name_key(name), name)
                self._groups.union(name_key(name), actor.key)

    def mapping(self) -> dict[str, str]:
        """Old key to new key, for every actor key that changes."""
        groups = self._groups
        acronyms = sorted({k for k, n in groups.name.items() if is_acronym(n)})
        long_names = sorted({k for k, n in groups.name.items() if not is_acronym(n)})
        for acronym in acronyms:
            letters = groups.name[acronym].replace(".", "").replace("-", "")
            expansions = {groups.find(k) for k in long_names if initials(groups.name[k]) == letters}
            if len(expansions) == 1:
                groups.union(acronym, expansions.pop())
        chosen = groups.canonical(groups.parent)
        return {key: chosen[key] for key in self._keys if chosen[key] != key}


def unify_actor_keys(
    extractions: Sequence[Extraction], gazetteer: Gazetteer | None = None
) -> list[Extraction]:
    """The extractions with the keys of non-gazetteer actors joined across documents."""
    unifier = KeyUnifier(gazetteer)
    for extraction in extractions:
        unifier.add(extraction)
    mapping = unifier.mapping()
    if not mapping:
        return list(extractions)
    return [rekey(extraction, mapping) for extraction in extractions]


def rekey(extraction: Extraction, mapping: dict[str, str]) -> Extraction:
    """``extraction`` with its actor keys changed by ``mapping`` (actors that become one are
    merged, relations that become reflexive dropped)."""
    if not mapping:
        return extraction
    merged: dict[str, Actor] = {}
    for actor in extraction.actors:
        key = mapping.get(actor.key, actor.key)
        other = merged.get(key)
        if other is None:
            merged[key] = replace(actor, key=key)
            continue
        names = {other.label, actor.label, *other.alt_labels, *actor.alt_labels}
        label = max(sorted(names), key=_rank)
        merged[key] = replace(other, label=label, alt_labels=tuple(sorted(names - {label})))
    relations: dict[tuple[str, str, str, int], Relation] = {}
    for relation in extraction.relations:
        subject = mapping.get(relation.subject, relation.subject)
        object_ = mapping.get(relation.object, relation.object)
        if subject == object_:
            continue
        rekeyed = replace(relation, subject=subject, object=object_)
        triple = (subject, relation.predicate.value, object_, relation.evidence.begin)
        if triple not in relations or rekeyed.confidence > relations[triple].confidence:
            relations[triple] = rekeyed
    return replace(
        extraction,
        actors=tuple(merged[key] for key in sorted(merged)),
        relations=tuple(
            sorted(
                relations.values(),
                key=lambda r: (r.evidence.begin, r.subject, r.predicate, r.object),
            )
        ),
    )
