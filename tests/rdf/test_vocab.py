"""The closed vocabulary in vocab.py is exactly the ontology's terms; nothing uses others."""

from __future__ import annotations

import re

import pytest
from rdflib import RDF, Graph, URIRef
from rdflib.namespace import OWL, SH

from conflictkg.check.validate import load_ontology_graph, load_shapes_graph
from conflictkg.model import ActorType, Predicate
from conflictkg.rdf.vocab import CK, ONTOLOGY_IRI

NS = ONTOLOGY_IRI + "#"
DECLARATIONS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)


def vocab_terms() -> set[str]:
    return {name for name in CK.__annotations__ if not name.startswith("_")}


def used_terms(graph: Graph) -> set[str]:
    """Local names of every ck: IRI in the graph, in any position."""
    return {
        str(term)[len(NS) :]
        for triple in graph
        for term in triple
        if isinstance(term, URIRef) and str(term).startswith(NS)
    }


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology_graph()


def test_namespace_is_the_ontology_namespace() -> None:
    assert str(CK.Actor) == NS + "Actor"


def test_vocab_equals_the_declared_terms(ontology: Graph) -> None:
    declared = {
        str(s)[len(NS) :]
        for kind in DECLARATIONS
        for s in ontology.subjects(RDF.type, kind)
        if str(s).startswith(NS)
    }
    assert vocab_terms() - declared == set(), "in vocab.py but not declared in conflict.ttl"
    assert declared - vocab_terms() == set(), "declared in conflict.ttl but not in vocab.py"


def test_ontology_uses_no_undeclared_term(ontology: Graph) -> None:
    assert used_terms(ontology) <= vocab_terms()


def test_shapes_use_only_ontology_terms() -> None:
    shapes = load_shapes_graph()
    assert used_terms(shapes) <= vocab_terms()
    for query in shapes.objects(None, SH.select):
        assert set(re.findall(r"\bck:(\w+)", str(query))) <= vocab_terms()


def test_misspelt_term_raises() -> None:
    with pytest.raises(AttributeError):
        _ = CK.supportz
    with pytest.raises(AttributeError):
        _ = CK["Goverment"]


def test_model_enums_name_ontology_terms() -> None:
    assert {t.value for t in ActorType} | {"Actor"} == {
        "Actor",
        "Government",
        "ArmedGroup",
        "Person",
    }
    assert {p.value for p in Predicate} <= vocab_terms()
    for member in (*ActorType, *Predicate):
        assert str(CK[member.value]) == NS + member.value
