"""OWL consistency of a graph with the ontology, checked by HermiT on the actor layer.

Only the *actor layer* of a graph matters to the ontology's axioms (class disjointness,
domains and ranges, irreflexive relations): the actors' types, the relations between them
and ``owl:sameAs`` (:func:`owl_part`). Evidence, statements and documents are annotations
to OWL and are left out, so the reasoner sees a small fraction of a large graph.
:func:`check_owl` returns a :class:`ConsistencyReport`; most callers use
:func:`conflictkg.check.validate.check_consistency`, which loads the bundled ontology.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Node, URIRef
from rdflib.namespace import OWL

from ..rdf.vocab import CK
from .hermit import hermit_consistent, hermit_name, plain_temporary_root
from .shapes import compact

__all__ = ["ACTOR_CLASSES", "ACTOR_RELATIONS", "ConsistencyReport", "check_owl", "owl_part"]

#: The classes whose instances the consistency check reasons over.
ACTOR_CLASSES = (CK.Actor, CK.Government, CK.ArmedGroup, CK.Person)
#: The object properties between actors that the consistency check reasons over.
ACTOR_RELATIONS = (
    CK.supports,
    CK.opposes,
    CK.designatedTerrorist,
    CK.leaderOf,
    CK.memberOf,
    CK.partOf,
)
_DISJOINT = frozenset({CK.Government, CK.ArmedGroup, CK.Person})


@dataclass(frozen=True)
class ConsistencyReport:
    """The outcome of an OWL consistency check."""

    consistent: bool
    reasoner: str
    detail: str

    def text(self) -> str:
        """One readable line."""
        verdict = "consistent" if self.consistent else "INCONSISTENT"
        return f"OWL ({self.reasoner}): {verdict}: {self.detail}"


def owl_part(data: Graph, ontology: Graph) -> Graph:
    """The ontology (without ``owl:imports``) plus the OWL-relevant part of ``data``.

    That part is: ``rdf:type`` of IRIs to the actor classes, the actor relations between
    IRIs, and ``owl:sameAs`` between IRIs; every IRI in it is declared an individual.
    """
    part = Graph()
    for triple in ontology:
        if triple[1] != OWL.imports:
            part.add(triple)
    individuals: set[URIRef] = set()
    for cls in ACTOR_CLASSES:
        for node in data.subjects(RDF.type, cls):
            if isinstance(node, URIRef):
                part.add((node, RDF.type, cls))
                individuals.add(node)
    for prop in (*ACTOR_RELATIONS, OWL.sameAs):
        for s, o in data.subject_objects(prop):
            if isinstance(s, URIRef) and isinstance(o, URIRef):
                part.add((s, prop, o))
                individuals.update((s, o))
    for node in individuals:
        part.add((node, RDF.type, OWL.NamedIndividual))
    return part


def _explain(part: Graph) -> str:
    """The direct causes of an inconsistency that show without a reasoner, if any.

    Individuals joined by ``owl:sameAs`` are one; each relation adds the classes its domain
    and range imply. Causes: one individual in two disjoint classes, or related to itself.
    """
    same: dict[Node, Node] = {}

    def find(node: Node) -> Node:
        while same.get(node, node) != node:
            node = same[node]
        return node

    for s, o in part.subject_objects(OWL.sameAs):
        if find(s) != find(o):
            same[find(s)] = find(o)
    members: dict[Node, set[str]] = {}
    types: dict[Node, set[str]] = {}

    def typed(node: Node, cls: Node | None) -> None:
        members.setdefault(find(node), set()).add(compact(str(node)))
        if cls is not None and cls in _DISJOINT:
            types.setdefault(find(node), set()).add(compact(str(cls)))

    for individual, cls in part.subject_objects(RDF.type):
        typed(individual, cls)
    for s, o in part.subject_objects(OWL.sameAs):
        typed(s, None)
        typed(o, None)
    causes: set[str] = set()
    for prop in ACTOR_RELATIONS:
        domain, range_ = part.value(prop, RDFS.domain), part.value(prop, RDFS.range)
        for s, o in part.subject_objects(prop):
            typed(s, domain)
            typed(o, range_)
            if find(s) == find(o):
                causes.add(f"{compact(str(s))} {compact(str(prop))} itself")
    for root, classes in types.items():
        if len(classes) > 1:
            names = " = ".join(sorted(members[root], key=lambda m: (m.startswith("wd:"), m)))
            causes.add(f"{names} would be both {' and '.join(sorted(classes))}")
    if not causes:
        return "HermiT gives no explanation"
    shown = sorted(causes)
    more = f"; and {len(shown) - 10} more" if len(shown) > 10 else ""
    return "; ".join(shown[:10]) + more


def check_owl(data: Graph, ontology: Graph) -> ConsistencyReport:
    """Check with HermiT that the actors, their types and relations agree with ``ontology``.

    Only :func:`owl_part` of ``data`` is reasoned over; no temporary file is left behind.
    Raises :class:`ResourceError` if Java is missing, or if HermiT fails for another
    reason than an inconsistency.
    """
    part = owl_part(data, ontology)
    individuals = len(set(part.subjects(RDF.type, OWL.NamedIndividual)))
    return check_owl_file(
        lambda path: part.serialize(path, format="nt", encoding="utf-8"),
        len(part),
        individuals,
        lambda: part,
    )


def check_owl_file(
    write: Callable[[Path], object],
    triples: int,
    individuals: int,
    explain_from: Callable[[], Graph],
) -> ConsistencyReport:
    """HermiT over the N-Triples file that ``write`` writes (the ontology and an actor
    layer of ``triples`` triples and ``individuals`` individuals); ``explain_from`` gives
    the actor layer as a graph, called only to explain an inconsistency."""
    with tempfile.TemporaryDirectory(prefix="conflictkg-owl-", dir=plain_temporary_root()) as tmp:
        graph_file = Path(tmp) / "graph.nt"
        write(graph_file)
        consistent = hermit_consistent(graph_file, triples)
    if not consistent:
        return ConsistencyReport(False, hermit_name(), _explain(explain_from()))
    return ConsistencyReport(True, hermit_name(), f"{individuals} individuals, no contradiction")
