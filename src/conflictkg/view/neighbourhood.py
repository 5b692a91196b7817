"""Actors found by name, and the neighbourhood of some actors, read with SPARQL over the
union of the store's graphs (:mod:`conflictkg.view.union`) into small frozen dataclasses;
a triple held by several graphs counts once.

An *edge* is a relation triple (``?a ck:supports ?b``) with the number of its evidence
sentences (``rdf:Statement`` nodes) whose confidence is at least the filter's minimum;
an edge with no such sentence is left out (unless the minimum is 0 and the triple has no
statement at all: data from elsewhere, shown with 0 sentences).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass

import pyoxigraph as ox

from ..errors import QueryError
from .style import CLASSES, RELATIONS
from .union import CK, iri_values, number, select

__all__ = [
    "ActorMatch",
    "ActorNode",
    "Edge",
    "EdgeFilter",
    "Neighbourhood",
    "find_actors",
    "neighbourhood",
    "resolve_actor",
]


@dataclass(frozen=True)
class ActorNode:
    """An actor: IRI, its one label, and its class (``Actor`` when not more specific)."""

    iri: str
    label: str
    kind: str


@dataclass(frozen=True)
class ActorMatch:
    """An actor found by name: the name that matched and how many sentences mention it."""

    actor: ActorNode
    name: str
    names: tuple[str, ...]
    sentences: int


@dataclass(frozen=True)
class Edge:
    """One relation triple and the evidence behind it (after the confidence filter)."""

    subject: str
    relation: str
    object: str
    sentences: int
    confidence: float | None

    @property
    def key(self) -> str:
        return f"{self.subject} {self.relation} {self.object}"


@dataclass(frozen=True)
class EdgeFilter:
    """Which edges to keep: these relations, with a sentence of at least this confidence."""

    relations: tuple[str, ...] = RELATIONS
    min_confidence: float = 0.0

    def __post_init__(self) -> None:
        unknown = [r for r in self.relations if r not in RELATIONS]
        if unknown or not self.relations:
            raise QueryError(
                f"unknown relation {', '.join(unknown) or '(none given)'}: use "
                f"{', '.join(RELATIONS)}"
            )
        if not 0.0 <= self.min_confidence <= 1.0:
            raise QueryError(f"minimum confidence {self.min_confidence} is not between 0 and 1")


@dataclass(frozen=True)
class Neighbourhood:
    """Actors and the edges between them; ``centre`` lists the actors it was grown from
    (empty for a whole graph). Actors sorted by label, edges by label triple."""

    centre: tuple[str, ...]
    actors: tuple[ActorNode, ...]
    edges: tuple[Edge, ...]


_KIND_ORDER = {name: number for number, name in enumerate(CLASSES)}
_ACTOR_CLASSES = " ".join(f"ck:{name}" for name in CLASSES)


def _actors(store: ox.Store, iris: Collection[str]) -> dict[str, ActorNode]:
    if not iris:
        return {}
    rows = select(
        store,
        f"""SELECT ?actor ?label ?class WHERE {{
          {iri_values("actor", iris)}
          OPTIONAL {{ ?actor rdfs:label ?label }}
          OPTIONAL {{ ?actor a ?class . VALUES ?class {{ {_ACTOR_CLASSES} }} }}
        }}""",
    )
    labels: dict[str, set[str]] = defaultdict(set)
    kinds: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        actor = str(row["actor"])
        if row["label"] is not None:
            labels[actor].add(row["label"])
        if row["class"] is not None:
            kinds[actor].add(row["class"].removeprefix(CK))
    found = {}
    for actor in iris:
        label = min(labels[actor]) if labels[actor] else actor.rstrip("/#").rsplit("/", 1)[-1]
        kind = min(kinds[actor] or {"Actor"}, key=_KIND_ORDER.__getitem__)
        found[actor] = ActorNode(actor, label, kind)
    return found


def _edges(store: ox.Store, around: Collection[str] | None, edge_filter: EdgeFilter) -> list[Edge]:
    """The edges of the chosen relations that touch ``around`` (every edge if ``None``)."""
    relations = " ".join(f"ck:{r}" for r in edge_filter.relations)
    if around is None:
        touching, anchored = "?a ?p ?b .", "?s rdf:subject ?a ; rdf:object ?b ."
    elif not around:
        return []
    else:
        touching = (
            f"{iri_values('x', around)} {{ ?x ?p ?b . BIND(?x AS ?a) }} "
            "UNION { ?a ?p ?x . BIND(?x AS ?b) }"
        )
        # Statements are found from the actor's side first: far faster in a store.
        anchored = (
            f"{iri_values('x', around)} {{ ?s rdf:subject ?x ; rdf:object ?b . BIND(?x AS ?a) }} "
            "UNION { ?s rdf:object ?x ; rdf:subject ?a . BIND(?x AS ?b) }"
        )
    triples = select(
        store,
        f"""SELECT DISTINCT ?a ?p ?b WHERE {{
          VALUES ?p {{ {relations} }} {touching} FILTER(isIRI(?a) && isIRI(?b))
        }}""",
    )
    statements = select(
        store,
        f"""SELECT DISTINCT ?s ?a ?p ?b ?c WHERE {{
          {anchored}
          ?s rdf:predicate ?p . VALUES ?p {{ {relations} }}
          OPTIONAL {{ ?s ck:confidence ?c }}
        }}""",
    )
    confidences: dict[tuple[str, str, str], dict[str, float]] = defaultdict(dict)
    for row in statements:
        key = (str(row["a"]), str(row["p"]), str(row["b"]))
        value = number(row["c"])
        previous = confidences[key].get(str(row["s"]), value)
        confidences[key][str(row["s"])] = max(value, previous)
    edges = []
    for row in triples:
        key = (str(row["a"]), str(row["p"]), str(row["b"]))
        passing = [c for c in confidences[key].values() if c >= edge_filter.min_confidence]
        if not passing and (confidences[key] or edge_filter.min_confidence > 0):
            continue
        best = max(passing) if passing else None
        edges.append(Edge(key[0], key[1].removeprefix(CK), key[2], len(passing), best))
    return edges


def neighbourhood(
    store: ox.Store,
    centre: Sequence[str] | None,
    depth: int = 1,
    edge_filter: EdgeFilter | None = None,
) -> Neighbourhood:
    """The actors within ``depth`` edges of the ``centre`` actors (IRIs), following edges in
    either direction, and every kept edge between them. ``centre=None``: the whole graph.

    Raises :class:`QueryError` for a bad IRI, a negative depth or a failing query.
    """
    edge_filter = edge_filter or EdgeFilter()
    if depth < 0:
        raise QueryError(f"depth {depth} is negative: use 0 (the actors alone) or more")
    found: dict[str, Edge] = {}
    if centre is None:
        found = {e.key: e for e in _edges(store, None, edge_filter)}
        members = {end for e in found.values() for end in (e.subject, e.object)}
    else:
        members = set(centre)
        frontier = set(centre)
        for _ in range(depth):
            new = _edges(store, frontier, edge_filter)
            found.update((e.key, e) for e in new)
            frontier = {end for e in new for end in (e.subject, e.object)} - members
            members |= frontier
        found.update((e.key, e) for e in _edges(store, frontier, edge_filter))
    actors = _actors(store, members)
    kept = [e for e in found.values() if e.subject in members and e.object in members]

    def order(edge: Edge) -> tuple[str, ...]:
        return (actors[edge.subject].label, edge.relation, actors[edge.object].label, edge.key)

    return Neighbourhood(
        tuple(centre or ()),
        tuple(sorted(actors.values(), key=lambda a: (a.label, a.iri))),
        tuple(sorted(kept, key=order)),
    )


def find_actors(store: ox.Store, name: str, limit: int = 20) -> list[ActorMatch]:
    """Actors any of whose names (label or alternative label) contain ``name``, ignoring
    case: exact matches first, then names starting with it, then by sentences (most first)."""
    needle = " ".join(name.split()).casefold()
    if not needle:
        return []
    rows = select(
        store,
        f"""SELECT DISTINCT ?actor ?name WHERE {{
          ?actor a ?class . VALUES ?class {{ {_ACTOR_CLASSES} }}
          {{ ?actor rdfs:label ?name }} UNION {{ ?actor skos:altLabel ?name }}
        }}""",
    )
    names: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        names[str(row["actor"])].add(str(row["name"]))
    ranked = []
    for actor, known in names.items():
        folded = {n.casefold(): n for n in known}
        hits = [n for n in folded if needle in n]
        if not hits:
            continue
        best = min(hits, key=lambda n: (n != needle, not n.startswith(needle), len(n), n))
        rank = 0 if best == needle else 1 if best.startswith(needle) else 2
        ranked.append((rank, actor, folded[best], tuple(sorted(known))))
    counts = _sentence_counts(store, [actor for _, actor, _, _ in ranked])
    ranked.sort(key=lambda r: (r[0], -counts.get(r[1], 0), r[2].casefold(), r[1]))
    top = ranked[:limit]
    actors = _actors(store, [actor for _, actor, _, _ in top])
    return [ActorMatch(actors[a], hit, known, counts.get(a, 0)) for _, a, hit, known in top]


def _sentence_counts(store: ox.Store, iris: Sequence[str]) -> dict[str, int]:
    if not iris:
        return {}
    rows = select(
        store,
        f"""SELECT ?actor (COUNT(DISTINCT ?s) AS ?n) WHERE {{
          {iri_values("actor", iris)}
          {{ ?s rdf:subject ?actor }} UNION {{ ?s rdf:object ?actor }}
          ?s a rdf:Statement .
        }} GROUP BY ?actor""",
    )
    return {str(row["actor"]): int(number(row["n"])) for row in rows}


def resolve_actor(store: ox.Store, name: str) -> ActorNode:
    """The one actor called ``name`` (any of its names, ignoring case, or its IRI).

    Raises :class:`QueryError` naming the candidates when no actor or several are called so.
    """
    if name.startswith(("http://", "https://")):
        actors = _actors(store, [name])
        if _sentence_counts(store, [name]) or actors[name].kind != "Actor":
            return actors[name]
    matches = find_actors(store, name, limit=50)
    exact = [m for m in matches if m.name.casefold() == " ".join(name.split()).casefold()]
    if len(exact) == 1:
        return exact[0].actor
    if not exact:
        near = ", ".join(repr(m.actor.label) for m in matches[:5])
        hint = f"; names containing it: {near}" if near else ""
        raise QueryError(f"no actor is called {name!r}{hint}")
    listed = ", ".join(f"{m.actor.label} <{m.actor.iri}>" for m in exact)
    raise QueryError(f"{name!r} names several actors: {listed}; give the IRI")
