"""The ontology's vocabulary as a closed namespace: a misspelt term fails at import time.

``tests/test_vocab.py`` keeps this class equal to the terms declared in
``ontology/conflict.ttl``. Mapping code reaches every ontology term through :class:`CK`.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

ONTOLOGY_IRI = "https://w3id.org/conflictkg/ontology"
INSTANCE_NS = Namespace("https://w3id.org/conflictkg/id/")
WIKIDATA_ENTITY = Namespace("http://www.wikidata.org/entity/")


class CK(DefinedNamespace):
    """Terms of the conflictkg ontology (prefix ``ck:``)."""

    _NS = Namespace(ONTOLOGY_IRI + "#")
    _fail = True

    # Classes
    Actor: URIRef
    Government: URIRef
    ArmedGroup: URIRef
    Person: URIRef

    # Relations between actors
    supports: URIRef
    opposes: URIRef
    designatedTerrorist: URIRef
    leaderOf: URIRef
    memberOf: URIRef
    partOf: URIRef

    # Provenance of a reified relation statement
    evidenceText: URIRef
    beginOffset: URIRef
    endOffset: URIRef
    confidence: URIRef
    extractor: URIRef
    attribution: URIRef
    attributedTo: URIRef
    attributedToText: URIRef

    # Links to other datasets (annotations of owl:sameAs / skos:closeMatch axioms)
    matchScore: URIRef
    matchedBy: URIRef


# The prefixes of everything conflictkg writes and reads (exports, queries, reports).
PREFIXES: tuple[tuple[str, str], ...] = (
    ("ck", str(CK._NS)),
    ("dcterms", str(DCTERMS)),
    ("owl", str(OWL)),
    ("prov", str(PROV)),
    ("rdf", str(RDF)),
    ("rdfs", str(RDFS)),
    ("skos", str(SKOS)),
    ("wd", str(WIKIDATA_ENTITY)),
    ("xsd", str(XSD)),
)
