"""OWL consistency of a graph with the ontology, checked by HermiT through owlready2.

owlready2's World stops here: :func:`check_owl` returns a :class:`ConsistencyReport`. Most
callers use :func:`conflictkg.validate.check_consistency`, which loads the bundled ontology.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Node, URIRef
from rdflib.namespace import OWL

from ..errors import ResourceError
from ..rdf.vocab import CK, ONTOLOGY_IRI
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

# owlready2 unlinks HermiT's input file only when reasoning succeeds, so it would leak one
# temporary file per inconsistent graph. While HermiT runs, tempfile's directory is pointed
# at our own TemporaryDirectory (removed afterwards); the lock keeps our calls apart.
_TEMPDIR_LOCK = threading.Lock()


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

    Only :func:`owl_part` of ``data`` is reasoned over, in an isolated owlready2 World; no
    temporary file is left behind. Raises :class:`ResourceError` if Java is missing, or if
    owlready2 or HermiT fail for another reason than an inconsistency.
    """
    import owlready2  # deferred: importing owlready2 is slow and only this needs it

    if shutil.which(owlready2.JAVA_EXE) is None:
        raise ResourceError(
            "the OWL consistency check needs Java for the HermiT reasoner, but "
            f"{owlready2.JAVA_EXE!r} was not found on PATH; install a Java runtime (11 or later)"
        )
    part = owl_part(data, ontology)
    individuals = len(set(part.subjects(RDF.type, OWL.NamedIndividual)))
    reasoner = f"HermiT (owlready2 {owlready2.VERSION})"
    with tempfile.TemporaryDirectory(prefix="conflictkg-owl-") as tmp:
        graph_file = Path(tmp) / "graph.nt"
        part.serialize(graph_file, format="nt", encoding="utf-8")
        with _TEMPDIR_LOCK:
            saved, tempfile.tempdir = tempfile.tempdir, tmp
            world = owlready2.World()
            try:
                with graph_file.open("rb") as stream:
                    world.get_ontology(ONTOLOGY_IRI).load(fileobj=stream, format="ntriples")
                owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
            except owlready2.OwlReadyInconsistentOntologyError:
                return ConsistencyReport(False, reasoner, _explain(part))
            except owlready2.OwlReadyJavaError as exc:
                lines = [line.strip() for line in str(exc).splitlines()[1:] if line.strip()]
                raise ResourceError(f"HermiT failed: {lines[0] if lines else exc}") from exc
            except owlready2.OwlReadyOntologyParsingError as exc:
                raise ResourceError(f"owlready2 cannot load the graph: {exc}") from exc
            finally:
                world.close()
                tempfile.tempdir = saved
    return ConsistencyReport(True, reasoner, f"{individuals} individuals, no contradiction")
