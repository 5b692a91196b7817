"""Links from actors to other datasets, with the evidence for each link.

A link a user's crosswalk table or a reconciliation service confirmed is written as the
plain triple (``owl:sameAs`` for a confident match, ``skos:closeMatch`` for a weaker one)
and annotated the OWL way, with an ``owl:Axiom`` naming the triple and carrying the score
and what proposed it::

    <…/id/actor/hezbollah> owl:sameAs <https://ucdp.example/actor/210> .
    <…/id/link/3f0c…> a owl:Axiom ;
        owl:annotatedSource <…/id/actor/hezbollah> ;
        owl:annotatedProperty owl:sameAs ;
        owl:annotatedTarget <https://ucdp.example/actor/210> ;
        ck:matchScore 1 ;
        ck:matchedBy "crosswalk ucdp_actors.tsv" .

The shapes accept ``owl:sameAs`` to a non-Wikidata IRI only when such an axiom confirms it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import OWL, SKOS

from .iri import actor_iri, safe_literal
from .literals import decimal_literal
from .vocab import CK, INSTANCE_NS

__all__ = ["ActorLink", "add_link"]


@dataclass(frozen=True, order=True)
class ActorLink:
    """A link from the actor with key ``actor`` to the IRI ``target`` of another dataset.

    ``exact`` links become ``owl:sameAs``, the others ``skos:closeMatch``; ``score`` is the
    match score from 0 to 1, ``matched_by`` says what proposed it (``crosswalk FILE`` or
    ``reconciliation URL``).
    """

    actor: str
    target: str
    exact: bool
    score: float
    matched_by: str

    @property
    def predicate(self) -> URIRef:
        return OWL.sameAs if self.exact else SKOS.closeMatch


def link_iri(link: ActorLink) -> URIRef:
    """The IRI of the axiom annotating ``link``: a function of actor, property and target."""
    key = "\n".join((link.actor, str(link.predicate), link.target))
    return INSTANCE_NS[f"link/{hashlib.sha256(key.encode('utf-8')).hexdigest()[:16]}"]


def add_link(graph: Graph, link: ActorLink) -> None:
    """Add the link triple and its annotating axiom to ``graph``."""
    source, target = actor_iri(link.actor), URIRef(link.target)
    graph.add((source, link.predicate, target))
    axiom = link_iri(link)
    graph.add((axiom, RDF.type, OWL.Axiom))
    graph.add((axiom, OWL.annotatedSource, source))
    graph.add((axiom, OWL.annotatedProperty, link.predicate))
    graph.add((axiom, OWL.annotatedTarget, target))
    graph.add((axiom, CK.matchScore, decimal_literal(link.score)))
    graph.add((axiom, CK.matchedBy, Literal(safe_literal(link.matched_by))))
