"""Every SHACL shape in ontology/shapes.ttl: one conforming and one violating graph each.

Each case starts from BASE, a small graph that conforms to every shape, removes triples of
it (``drop``) and then adds triples (``add``), both written in Turtle with BASE's prefixes.
The violating graph must produce a result from the named shape at the named focus node;
the conforming graph must conform completely.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from rdflib import RDF, Graph, URIRef
from rdflib.namespace import SH

from conflictkg.check.shapes import SHAPES_NS
from conflictkg.check.validate import ValidationReport, Violation, load_shapes_graph, validate_graph

ID = "https://w3id.org/conflictkg/id/"
CKS = SHAPES_NS

PREFIXES = """
@prefix ck:      <https://w3id.org/conflictkg/ontology#> .
@prefix id:      <https://w3id.org/conflictkg/id/> .
@prefix wd:      <http://www.wikidata.org/entity/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix owl:     <http://www.w3.org/2002/07/owl#> .
@prefix prov:    <http://www.w3.org/ns/prov#> .
@prefix rdf:     <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
"""


def statement(
    node: str,
    subject: str,
    predicate: str,
    obj: str,
    *,
    document: str = "id:doc1",
    begin: str = "0",
    end: str = "40",
    confidence: str = "0.90",
    extra: str = "",
) -> str:
    """The Turtle of a relation statement; every value can be overridden."""
    return f"""
{node} a rdf:Statement ;
    rdf:subject {subject} ; rdf:predicate {predicate} ; rdf:object {obj} ;
    prov:wasDerivedFrom {document} ;
    ck:evidenceText "Some sentence of the article." ;
    ck:beginOffset {begin} ; ck:endOffset {end} ;
    ck:confidence {confidence} ;
    ck:extractor "conflictkg-rules 0.1.0" ;
    ck:attribution "asserted" {extra} .
"""


def relation(node: str, subject: str, predicate: str, obj: str) -> str:
    """A relation triple together with its statement."""
    return f"{subject} {predicate} {obj} .\n" + statement(node, subject, predicate, obj)


BASE = (
    """
id:iran a ck:Government ; rdfs:label "Iran"@en ; owl:sameAs wd:Q794 .
id:israel a ck:Government ; rdfs:label "Israel"@en .
id:hezbollah a ck:ArmedGroup ; rdfs:label "Hezbollah"@en ;
    skos:altLabel "Hizballah"@en ; owl:sameAs wd:Q41053 .
id:radwan a ck:ArmedGroup ; rdfs:label "Radwan Force"@en .
id:nasrallah a ck:Person ; rdfs:label "Hassan Nasrallah"@en .
id:doc1 a prov:Entity ; dcterms:identifier "000_a7439ef3dabd42f1.txt" ;
    dcterms:source <https://example.com/news/1> ; dcterms:date "2016-01-10"^^xsd:date .
id:israel owl:sameAs <https://ucdp.example/actor/1> .
id:link1 a owl:Axiom ; owl:annotatedSource id:israel ; owl:annotatedProperty owl:sameAs ;
    owl:annotatedTarget <https://ucdp.example/actor/1> ;
    ck:matchScore "1"^^xsd:decimal ; ck:matchedBy "crosswalk ucdp.tsv" .
id:radwan skos:closeMatch <https://ucdp.example/actor/2> .
"""
    + relation("id:st1", "id:iran", "ck:supports", "id:hezbollah")
    + relation("id:st2", "id:hezbollah", "ck:opposes", "id:israel")
    + relation("id:st3", "id:hezbollah", "ck:designatedTerrorist", "id:israel")
    + relation("id:st4", "id:nasrallah", "ck:leaderOf", "id:hezbollah")
    + relation("id:st5", "id:nasrallah", "ck:memberOf", "id:hezbollah")
    + relation("id:st6", "id:radwan", "ck:partOf", "id:hezbollah")
)


def build(add: str = "", drop: str = "") -> Graph:
    graph = Graph().parse(data=PREFIXES + BASE, format="turtle")
    for triple in Graph().parse(data=PREFIXES + drop, format="turtle"):
        assert triple in graph, f"drop names a triple that is not in BASE: {triple}"
        graph.remove(triple)
    return graph.parse(data=PREFIXES + add, format="turtle")


@dataclass(frozen=True)
class Case:
    id: str
    shape: str  # local name in the shapes namespace
    focus: str | None  # local name in the id: namespace; None for a blank node
    bad_add: str = ""
    bad_drop: str = ""
    good_add: str = ""
    good_drop: str = ""


CASES = [
    # actors
    Case("actor-two-classes", "ActorShape", "iran", bad_add="id:iran a ck:ArmedGroup ."),
    Case(
        "actor-untyped-relation-end",
        "ActorShape",
        "isis",
        bad_add='id:isis rdfs:label "ISIS"@en .\n'
        + relation("id:s", "id:iran", "ck:opposes", "id:isis"),
        good_add='id:isis a ck:ArmedGroup ; rdfs:label "ISIS"@en .\n'
        + relation("id:s", "id:iran", "ck:opposes", "id:isis"),
    ),
    Case(
        "actor-only-Actor",
        "ActorShape",
        "someone",
        bad_add='id:someone a ck:Actor ; rdfs:label "Someone"@en .',
        good_add='id:someone a ck:Actor, ck:Person ; rdfs:label "Someone"@en .',
    ),
    Case("actor-blank-node", "ActorShape", None, bad_add='[] a ck:Person ; rdfs:label "X"@en .'),
    Case(
        "label-missing", "ActorLabelShape", "israel", bad_drop='id:israel rdfs:label "Israel"@en .'
    ),
    Case(
        "label-two",
        "ActorLabelShape",
        "israel",
        bad_add='id:israel rdfs:label "Israeli government"@en .',
    ),
    Case(
        "label-not-english",
        "ActorLabelShape",
        "israel",
        bad_add='id:israel rdfs:label "Israel" .',
        bad_drop='id:israel rdfs:label "Israel"@en .',
        good_add='id:israel skos:altLabel "Israël"@fr .',
    ),
    Case(
        "sameas-not-confirmed",
        "SameAsShape",
        "iran",
        bad_add="id:iran owl:sameAs <http://dbpedia.org/resource/Iran> .",
        good_add="id:iran owl:sameAs <http://dbpedia.org/resource/Iran> .\n"
        "id:l a owl:Axiom ; owl:annotatedSource id:iran ; owl:annotatedProperty owl:sameAs ;"
        " owl:annotatedTarget <http://dbpedia.org/resource/Iran> ; ck:matchScore 0.95 ;"
        ' ck:matchedBy "reconciliation https://example.org/reconcile" .',
    ),
    Case(
        "sameas-wikidata-property",
        "SameAsShape",
        "hezbollah",
        bad_add="id:hezbollah owl:sameAs wd:P3461 .",
    ),
    Case("sameas-two", "SameAsWikidataShape", "iran", bad_add="id:iran owl:sameAs wd:Q801 ."),
    Case(
        "sameas-literal",
        "SameAsIRIShape",
        "israel",
        bad_add='id:israel owl:sameAs "http://www.wikidata.org/entity/Q801" .',
        good_add="id:israel owl:sameAs wd:Q801 .",
    ),
    Case(
        "closematch-literal",
        "CloseMatchShape",
        "radwan",
        bad_add='id:radwan skos:closeMatch "Radwan" .',
    ),
    Case(
        "link-axiom-untyped",
        "LinkAxiomShape",
        "link1",
        bad_drop="id:link1 a owl:Axiom .",
    ),
    Case(
        "link-axiom-no-source",
        "LinkSourceShape",
        "link1",
        bad_drop="id:link1 owl:annotatedSource id:israel .",
    ),
    Case(
        "link-axiom-other-property",
        "LinkPropertyShape",
        "link1",
        bad_add="id:link1 owl:annotatedProperty rdfs:seeAlso .",
    ),
    Case(
        "link-axiom-literal-target",
        "LinkTargetShape",
        "link1",
        bad_add='id:link1 owl:annotatedTarget "x" .',
    ),
    Case(
        "link-axiom-score-above-one",
        "LinkScoreShape",
        "link1",
        bad_add="id:link1 ck:matchScore 2.0 .",
        bad_drop='id:link1 ck:matchScore "1"^^xsd:decimal .',
    ),
    Case(
        "link-axiom-no-matched-by",
        "LinkMatchedByShape",
        "link1",
        bad_drop='id:link1 ck:matchedBy "crosswalk ucdp.tsv" .',
    ),
    # typed relations
    Case(
        "designated-subject-not-group",
        "DesignatedTerroristShape",
        "iran",
        bad_add=relation("id:s", "id:iran", "ck:designatedTerrorist", "id:israel"),
    ),
    Case(
        "designated-wrong-direction",
        "DesignatedTerroristShape",
        "israel",
        bad_add=relation("id:s", "id:israel", "ck:designatedTerrorist", "id:hezbollah"),
    ),
    Case(
        "designated-object-not-government",
        "DesignatedTerroristObjectShape",
        "radwan",
        bad_add=relation("id:s", "id:radwan", "ck:designatedTerrorist", "id:nasrallah"),
        good_add=relation("id:s", "id:radwan", "ck:designatedTerrorist", "id:iran"),
    ),
    Case(
        "leader-not-person",
        "LeaderOfShape",
        "iran",
        bad_add=relation("id:s", "id:iran", "ck:leaderOf", "id:hezbollah"),
    ),
    Case(
        "part-not-armed-group",
        "PartOfShape",
        "israel",
        bad_add=relation("id:s", "id:israel", "ck:partOf", "id:iran"),
    ),
    # every relation triple is reified
    Case(
        "relation-without-statement",
        "RelationStatementShape",
        "israel",
        bad_add="id:israel ck:opposes id:hezbollah .",
        good_add=relation("id:s", "id:israel", "ck:opposes", "id:hezbollah"),
    ),
    Case(
        "statement-with-other-predicate",
        "RelationStatementShape",
        "iran",
        bad_add="id:st1 rdf:predicate ck:opposes .",
        bad_drop="id:st1 rdf:predicate ck:supports .",
    ),
    Case(
        "statement-not-asserted",
        "RelationStatementShape",
        "israel",
        bad_add=statement("id:s", "id:israel", "ck:opposes", "id:iran"),
        good_add=relation("id:s", "id:israel", "ck:opposes", "id:iran"),
    ),
    # relation statements
    Case("statement-untyped", "StatementShape", "st1", bad_drop="id:st1 a rdf:Statement ."),
    Case(
        "statement-no-subject",
        "StatementSubjectShape",
        "st1",
        bad_drop="id:st1 rdf:subject id:iran .",
    ),
    Case(
        "statement-two-subjects",
        "StatementSubjectShape",
        "st1",
        bad_add="id:st1 rdf:subject id:israel .",
    ),
    Case(
        "statement-other-predicate",
        "StatementPredicateShape",
        "s",
        bad_add="id:iran rdfs:seeAlso id:israel .\n"
        + statement("id:s", "id:iran", "rdfs:seeAlso", "id:israel"),
    ),
    Case(
        "statement-no-object",
        "StatementObjectShape",
        "st1",
        bad_drop="id:st1 rdf:object id:hezbollah .",
    ),
    Case(
        "statement-self-loop",
        "StatementDistinctEndsShape",
        "s",
        bad_add=relation("id:s", "id:iran", "ck:supports", "id:iran"),
        good_add=relation("id:s", "id:hezbollah", "ck:supports", "id:iran"),
    ),
    Case(
        "statement-no-document",
        "StatementSourceShape",
        "st1",
        bad_drop="id:st1 prov:wasDerivedFrom id:doc1 .",
    ),
    Case(
        "statement-two-documents",
        "StatementSourceShape",
        "st1",
        bad_add='id:st1 prov:wasDerivedFrom id:doc2 . id:doc2 dcterms:identifier "b.txt" .',
    ),
    Case(
        "statement-no-evidence",
        "StatementEvidenceTextShape",
        "st1",
        bad_drop='id:st1 ck:evidenceText "Some sentence of the article." .',
    ),
    Case(
        "statement-empty-evidence",
        "StatementEvidenceTextShape",
        "s",
        bad_add=relation("id:s", "id:israel", "ck:opposes", "id:iran").replace(
            '"Some sentence of the article."', '""'
        ),
    ),
    Case(
        "begin-not-integer",
        "StatementBeginOffsetShape",
        "s",
        bad_add=statement(
            "id:s", "id:iran", "ck:supports", "id:hezbollah", begin='"0"^^xsd:nonNegativeInteger'
        ),
        good_add=statement("id:s", "id:iran", "ck:supports", "id:hezbollah", begin="3"),
    ),
    Case(
        "begin-not-before-end",
        "StatementBeginOffsetShape",
        "s",
        bad_add=statement("id:s", "id:iran", "ck:supports", "id:hezbollah", begin="40"),
    ),
    Case(
        "begin-negative",
        "StatementBeginOffsetShape",
        "s",
        bad_add=statement("id:s", "id:iran", "ck:supports", "id:hezbollah", begin="-1"),
    ),
    Case(
        "end-missing",
        "StatementEndOffsetShape",
        "st1",
        bad_drop="id:st1 ck:endOffset 40 .",
    ),
    Case(
        "end-negative",
        "StatementEndOffsetShape",
        "s",
        bad_add=statement("id:s", "id:iran", "ck:supports", "id:hezbollah", end="-1"),
    ),
    Case(
        "confidence-above-one",
        "StatementConfidenceShape",
        "s",
        bad_add=statement("id:s", "id:iran", "ck:supports", "id:hezbollah", confidence="1.5"),
        good_add=statement("id:s", "id:iran", "ck:supports", "id:hezbollah", confidence="1.0"),
    ),
    Case(
        "confidence-double",
        "StatementConfidenceShape",
        "s",
        bad_add=statement("id:s", "id:iran", "ck:supports", "id:hezbollah", confidence="9.0E-1"),
        good_add=statement("id:s", "id:iran", "ck:supports", "id:hezbollah", confidence="0.0"),
    ),
    Case(
        "extractor-missing",
        "StatementExtractorShape",
        "st1",
        bad_drop='id:st1 ck:extractor "conflictkg-rules 0.1.0" .',
    ),
    Case(
        "attribution-unknown",
        "StatementAttributionShape",
        "s",
        bad_add=statement("id:s", "id:iran", "ck:supports", "id:hezbollah").replace(
            '"asserted"', '"claimed"'
        ),
    ),
    Case(
        "attributed-to-two",
        "StatementAttributedToShape",
        "s",
        bad_add=statement("id:s", "id:iran", "ck:supports", "id:hezbollah").replace(
            '"asserted"', '"attributed" ; ck:attributedTo id:nasrallah, id:israel'
        ),
        good_add=statement("id:s", "id:iran", "ck:supports", "id:hezbollah").replace(
            '"asserted"',
            '"attributed" ; ck:attributedTo id:nasrallah ; ck:attributedToText "Nasrallah"',
        ),
    ),
    Case(
        "attributed-to-text-not-actor",
        "StatementAttributedToShape",
        "s",
        bad_add=statement("id:s", "id:iran", "ck:supports", "id:hezbollah").replace(
            '"asserted"', '"attributed" ; ck:attributedTo "Israeli officials"'
        ),
    ),
    Case(
        "attributed-to-text-two",
        "StatementAttributedToTextShape",
        "s",
        bad_add=statement("id:s", "id:iran", "ck:supports", "id:hezbollah").replace(
            '"asserted"', '"attributed" ; ck:attributedToText "Israeli officials", "the US"'
        ),
        good_add=statement("id:s", "id:iran", "ck:supports", "id:hezbollah").replace(
            '"asserted"', '"attributed" ; ck:attributedToText "Israeli officials"'
        ),
    ),
    Case(
        "attributed-to-on-asserted",
        "AttributedToNeedsAttributionShape",
        "st1",
        bad_add='id:st1 ck:attributedToText "Israeli officials" .',
    ),
    # documents
    Case(
        "document-literal",
        "DocumentShape",
        None,
        bad_add=statement("id:s", "id:iran", "ck:supports", "id:hezbollah", document='"doc1"'),
    ),
    Case(
        "document-no-identifier",
        "DocumentIdentifierShape",
        "doc1",
        bad_drop='id:doc1 dcterms:identifier "000_a7439ef3dabd42f1.txt" .',
    ),
    Case(
        "document-two-identifiers",
        "DocumentIdentifierShape",
        "doc1",
        bad_add='id:doc1 dcterms:identifier "other.txt" .',
    ),
    Case(
        "document-source-literal",
        "DocumentSourceShape",
        "doc1",
        bad_add='id:doc1 dcterms:source "https://example.com/news/1" .',
        bad_drop="id:doc1 dcterms:source <https://example.com/news/1> .",
    ),
    Case(
        "document-date-string",
        "DocumentDateShape",
        "doc1",
        bad_add='id:doc1 dcterms:date "10 January 2016" .',
        bad_drop='id:doc1 dcterms:date "2016-01-10"^^xsd:date .',
        good_add='id:doc1 dcterms:date "2016-01-10T08:30:00Z"^^xsd:dateTime .',
        good_drop='id:doc1 dcterms:date "2016-01-10"^^xsd:date .',
    ),
]


def _results(report: ValidationReport, case: Case) -> list[Violation]:
    return [v for v in report.violations if v.shape == CKS + case.shape]


def test_base_graph_conforms() -> None:
    report = validate_graph(build())
    assert report.conforms, report.text()
    assert report.violations == ()


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_conforming_graph(case: Case) -> None:
    report = validate_graph(build(case.good_add, case.good_drop))
    assert report.conforms, report.text()


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_violating_graph(case: Case) -> None:
    report = validate_graph(build(case.bad_add, case.bad_drop))
    assert not report.conforms
    found = _results(report, case)
    assert found, f"no result from cks:{case.shape}:\n{report.text()}"
    if case.focus is None:
        assert any(not v.focus.startswith("http") for v in found), report.text()
    else:
        assert ID + case.focus in {v.focus for v in found}, report.text()
    assert all(v.severity == "Violation" and v.message for v in found)


def test_every_shape_has_a_case() -> None:
    shapes = load_shapes_graph()
    named = {
        str(s)
        for kind in (SH.NodeShape, SH.PropertyShape)
        for s in shapes.subjects(RDF.type, kind)
        if str(s).startswith(CKS)
    }
    assert named == {CKS + c.shape for c in CASES}


def test_every_shape_has_an_english_message() -> None:
    shapes = load_shapes_graph()
    for kind in (SH.NodeShape, SH.PropertyShape):
        for shape in shapes.subjects(RDF.type, kind):
            holders = [shape, *shapes.objects(shape, SH.sparql)]
            messages = [m for h in holders for m in shapes.objects(h, SH.message)]
            assert messages, f"{shape} has no sh:message"
            assert all(getattr(m, "language", None) == "en" for m in messages), shape


def test_shapes_use_sparql_only_for_reification_and_confirmed_links() -> None:
    shapes = load_shapes_graph()
    assert set(shapes.subjects(SH.sparql, None)) == {
        URIRef(CKS + "RelationStatementShape"),
        URIRef(CKS + "SameAsShape"),
    }


def test_missing_statement_names_the_triple() -> None:
    report = validate_graph(build("id:israel ck:opposes id:hezbollah ."))
    (found,) = [v for v in report.violations if v.shape == CKS + "RelationStatementShape"]
    assert found.focus == ID + "israel"
    assert found.path == "https://w3id.org/conflictkg/ontology#opposes"
    assert found.value == ID + "hezbollah"
    assert found.message.endswith("this triple has no rdf:Statement giving its evidence.")
    assert str(found).startswith("Violation: id:israel ck:opposes (value id:hezbollah): ")


def test_unasserted_statement_names_the_triple() -> None:
    report = validate_graph(build(statement("id:s", "id:israel", "ck:opposes", "id:iran")))
    (found,) = [v for v in report.violations if v.shape == CKS + "RelationStatementShape"]
    assert (found.focus, found.path, found.value) == (
        ID + "israel",
        "https://w3id.org/conflictkg/ontology#opposes",
        ID + "iran",
    )
    assert "the graph does not assert it" in found.message


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # inside pyshacl and rdflib
def test_a_dataset_is_validated_too() -> None:
    from rdflib import Dataset

    dataset = Dataset()
    for triple in build("id:israel ck:opposes id:hezbollah ."):
        dataset.add(triple)
    report = validate_graph(dataset)
    assert {v.shape for v in report.violations} == {CKS + "RelationStatementShape"}


def test_report_is_sorted_and_readable() -> None:
    report = validate_graph(build("id:iran a ck:Person . id:israel rdfs:label 'Israël'@fr ."))
    assert list(report.violations) == sorted(
        report.violations, key=lambda v: (v.focus, v.shape, v.path or "", v.value or "", v.message)
    )
    text = report.text()
    assert text.splitlines()[0] == f"SHACL: does not conform, {len(report.violations)} result(s):"
    assert "Violation: id:iran" in text
    assert "[cks:ActorShape]" in text
    assert validate_graph(build()).text() == "SHACL: conforms."


def test_datatype_violation_shows_the_literal() -> None:
    bad = statement("id:s", "id:iran", "ck:supports", "id:hezbollah", begin='"0"^^xsd:int')
    (found,) = [
        v
        for v in validate_graph(build(bad)).violations
        if v.shape == CKS + "StatementBeginOffsetShape"
    ]
    assert found.value == '"0"^^<http://www.w3.org/2001/XMLSchema#int>'
    assert '(value "0"^^xsd:int)' in str(found)


def test_ontology_argument_leaves_the_data_alone() -> None:
    from conflictkg.check.validate import load_ontology_graph

    data = build()
    before = len(data)
    report = validate_graph(data, ontology=load_ontology_graph())
    assert report.conforms, report.text()
    assert len(data) == before  # the data graph is not modified
