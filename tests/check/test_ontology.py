"""ontology/conflict.ttl: parses everywhere, documents every term, and HermiT reasons with it."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

import owlready2
import pyoxigraph
import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, SKOS

from conflictkg.check.validate import (
    check_consistency,
    load_ontology_graph,
    load_shapes_graph,
    validate_file,
)
from conflictkg.errors import InputError, ResourceError
from conflictkg.rdf.vocab import CK, ONTOLOGY_IRI
from conflictkg.resources import ontology_path, shapes_path

PREFIXES = """
@prefix ck:  <https://w3id.org/conflictkg/ontology#> .
@prefix id:  <https://w3id.org/conflictkg/id/> .
@prefix wd:  <http://www.wikidata.org/entity/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
"""
ACTORS = """
id:iran a ck:Government ; rdfs:label "Iran"@en ; owl:sameAs wd:Q794 .
id:israel a ck:Government ; rdfs:label "Israel"@en .
id:hezbollah a ck:ArmedGroup ; rdfs:label "Hezbollah"@en ; owl:sameAs wd:Q41053 .
id:nasrallah a ck:Person ; rdfs:label "Hassan Nasrallah"@en .
id:iran ck:supports id:hezbollah .
id:hezbollah ck:opposes id:israel ; ck:designatedTerrorist id:israel .
id:nasrallah ck:leaderOf id:hezbollah ; ck:memberOf id:hezbollah .
"""

# (property, domain, range) as in DESIGN.md
RELATIONS = [
    (CK.supports, CK.Actor, CK.Actor),
    (CK.opposes, CK.Actor, CK.Actor),
    (CK.designatedTerrorist, CK.ArmedGroup, CK.Government),
    (CK.leaderOf, CK.Person, CK.Actor),
    (CK.memberOf, CK.Actor, CK.Actor),
    (CK.partOf, CK.ArmedGroup, CK.Actor),
]
PROVENANCE = [
    CK.evidenceText,
    CK.beginOffset,
    CK.endOffset,
    CK.confidence,
    CK.extractor,
    CK.attribution,
    CK.attributedTo,
    CK.attributedToText,
    CK.matchScore,
    CK.matchedBy,
]
CLASSES = [CK.Actor, CK.Government, CK.ArmedGroup, CK.Person]


def data(turtle: str = "") -> Graph:
    return Graph().parse(data=PREFIXES + ACTORS + turtle, format="turtle")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology_graph()


# --------------------------------------------------------------------------- syntax


def test_parses_in_rdflib_and_oxigraph(ontology: Graph) -> None:
    quads = list(pyoxigraph.parse(path=ontology_path(), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(quads) == len(ontology) > 100


def test_shapes_parse_in_rdflib_and_oxigraph() -> None:
    quads = list(pyoxigraph.parse(path=shapes_path(), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(quads) == len(load_shapes_graph()) > 100


def test_ontology_header(ontology: Graph) -> None:
    onto = URIRef(ONTOLOGY_IRI)
    assert (onto, RDF.type, OWL.Ontology) in ontology
    assert set(ontology.subjects(RDF.type, OWL.Ontology)) == {onto}
    assert ontology.value(onto, OWL.versionIRI) == URIRef(ONTOLOGY_IRI + "/0.2.0")
    assert ontology.value(onto, OWL.versionInfo) == Literal("0.2.0")
    for prop in (DCTERMS.title, DCTERMS.description, DCTERMS.license):
        assert ontology.value(onto, prop) is not None, prop
    assert not list(ontology.triples((None, OWL.imports, None)))


@pytest.mark.parametrize("term", [*CLASSES, *(r[0] for r in RELATIONS), *PROVENANCE])
def test_every_term_has_one_english_label_and_definition(ontology: Graph, term: URIRef) -> None:
    labels = list(ontology.objects(term, RDFS.label))
    assert len(labels) == 1 and isinstance(labels[0], Literal) and labels[0].language == "en"
    definitions = list(ontology.objects(term, SKOS.definition))
    assert len(definitions) == 1
    assert isinstance(definitions[0], Literal) and definitions[0].language == "en"


def test_classes_are_disjoint_subclasses_of_actor(ontology: Graph) -> None:
    for cls in CLASSES:
        assert (cls, RDF.type, OWL.Class) in ontology
    for cls in CLASSES[1:]:
        assert set(ontology.objects(cls, RDFS.subClassOf)) == {CK.Actor}
    (axiom,) = ontology.subjects(RDF.type, OWL.AllDisjointClasses)
    members = ontology.value(axiom, OWL.members)
    assert set(ontology.items(members)) == set(CLASSES[1:])


@pytest.mark.parametrize(("prop", "domain", "range_"), RELATIONS)
def test_relations(ontology: Graph, prop: URIRef, domain: URIRef, range_: URIRef) -> None:
    assert (prop, RDF.type, OWL.ObjectProperty) in ontology
    assert set(ontology.objects(prop, RDFS.domain)) == {domain}
    assert set(ontology.objects(prop, RDFS.range)) == {range_}


def test_designated_terrorist_follows_wikidata_p3461(ontology: Graph) -> None:
    p3461 = URIRef("http://www.wikidata.org/entity/P3461")
    assert (CK.designatedTerrorist, SKOS.closeMatch, p3461) in ontology
    assert ontology.value(CK.designatedTerrorist, RDFS.label) == Literal(
        "designated as terrorist by", lang="en"
    )


@pytest.mark.parametrize("prop", PROVENANCE)
def test_provenance_properties_are_annotations_without_domain(
    ontology: Graph, prop: URIRef
) -> None:
    assert set(ontology.objects(prop, RDF.type)) == {OWL.AnnotationProperty}
    assert ontology.value(prop, RDFS.domain) is None


# --------------------------------------------------------------------------- owlready2, HermiT


def test_loads_in_owlready2(ontology: Graph, tmp_path: Path) -> None:
    path = tmp_path / "conflict.nt"
    ontology.serialize(path, format="nt", encoding="utf-8")
    world = owlready2.World()
    try:
        with path.open("rb") as stream:
            world.get_ontology(ONTOLOGY_IRI).load(fileobj=stream, format="ntriples")
        actor, government = world[str(CK.Actor)], world[str(CK.Government)]
        assert actor in government.is_a
        assert world[str(CK.designatedTerrorist)].domain == [world[str(CK.ArmedGroup)]]
    finally:
        world.close()


def test_hermit_finds_the_ontology_consistent() -> None:
    report = check_consistency(Graph())
    assert report.consistent, report.detail
    assert report.reasoner.startswith("HermiT")


def test_hermit_finds_a_good_graph_consistent() -> None:
    report = check_consistency(data())
    assert report.consistent, report.detail
    assert report.detail.startswith("6 individuals")  # four actors, two Wikidata entities


@pytest.mark.parametrize(
    ("turtle", "explained"),
    [
        ("id:iran a ck:ArmedGroup .", "id:iran = wd:Q794 would be both"),
        (
            'id:hamas a ck:ArmedGroup ; owl:sameAs wd:Q794 ; rdfs:label "Hamas"@en .',
            "id:hamas = id:iran = wd:Q794 would be both ck:ArmedGroup and ck:Government",
        ),
        ("id:nasrallah ck:designatedTerrorist id:israel .", "id:nasrallah"),
        ("id:hezbollah ck:designatedTerrorist id:nasrallah .", "id:nasrallah"),
        ("id:iran ck:supports id:iran .", "itself"),
    ],
    ids=["two-disjoint-classes", "sameas-merges-disjoint", "domain", "range", "self-loop"],
)
def test_hermit_reports_inconsistency(turtle: str, explained: str) -> None:
    report = check_consistency(data(turtle))
    assert not report.consistent
    assert explained in report.detail


def test_consistency_check_leaves_no_temporary_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert check_consistency(data()).consistent
    assert not check_consistency(data("id:iran a ck:Person .")).consistent
    assert list(tmp_path.iterdir()) == []
    assert tempfile.tempdir == str(tmp_path)


def test_missing_java_is_a_resource_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(owlready2, "JAVA_EXE", "/nonexistent/java")
    with pytest.raises(ResourceError, match="Java"):
        check_consistency(data())


def test_consistency_ignores_owl_imports_and_other_triples() -> None:
    ontology = load_ontology_graph()
    ontology.add((URIRef(ONTOLOGY_IRI), OWL.imports, URIRef("http://example.invalid/onto")))
    extra = 'id:iran rdfs:comment "x" ; <http://example.org/p> "y" .'
    assert check_consistency(data(extra), ontology).consistent


# --------------------------------------------------------------------------- errors


BROKEN = (
    '@prefix ck: <https://w3id.org/conflictkg/ontology#> .\n\nck:a ck:b ck:c .\nck:d ck:e "open .\n'
)


@pytest.mark.parametrize("loader", [load_ontology_graph, load_shapes_graph])
def test_syntax_error_names_file_and_line(tmp_path: Path, loader: Callable[[Path], Graph]) -> None:
    path = tmp_path / "broken.ttl"
    path.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(ResourceError) as caught:
        loader(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:4: ")
    assert "\n" not in message


@pytest.mark.parametrize("loader", [load_ontology_graph, load_shapes_graph])
def test_missing_file_is_a_resource_error(tmp_path: Path, loader: Callable[[Path], Graph]) -> None:
    path = tmp_path / "absent.ttl"
    with pytest.raises(ResourceError, match=r"absent\.ttl"):
        loader(path)


def test_validate_file_syntax_error_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "graph.ttl"
    path.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(InputError, match=rf"^{path}:4: Turtle syntax error"):
        validate_file(path)
    path.write_bytes(b"@prefix ck: <https://w3id.org/conflictkg/ontology#> .\n\n\xff\n")
    with pytest.raises(InputError, match=rf"^{path}:3: .*UTF-8"):
        validate_file(path)
    with pytest.raises(InputError, match=r"absent\.ttl"):
        validate_file(tmp_path / "absent.ttl")


def test_validate_file_reports_both_checks(tmp_path: Path) -> None:
    path = tmp_path / "graph.ttl"
    path.write_text(PREFIXES + ACTORS, encoding="utf-8")
    shacl, owl = validate_file(path)
    assert not shacl.conforms  # the relations have no rdf:Statement
    assert owl.consistent


# --------------------------------------------------------------------------- OWL 2 DL

DL_CHECK = """
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.*;
import org.semanticweb.owlapi.profiles.*;
public class DLCheck {
  public static void main(String[] args) throws Exception {
    OWLOntology o = OWLManager.createOWLOntologyManager()
        .loadOntologyFromOntologyDocument(new java.io.File(args[0]));
    OWLProfileReport report = new OWL2DLProfile().checkOntology(o);
    for (OWLProfileViolation v : report.getViolations()) System.out.println(v);
    System.exit(report.isInProfile() ? 0 : 1);
  }
}
"""


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("javac") is None, reason="needs a JDK (javac)")
def test_ontology_is_in_the_owl2_dl_profile(tmp_path: Path) -> None:
    """OWL API (bundled in owlready2's HermiT.jar) checks the OWL 2 DL profile."""
    jar = Path(owlready2.__file__).parent / "hermit" / "HermiT.jar"
    (tmp_path / "DLCheck.java").write_text(DL_CHECK, encoding="utf-8")
    subprocess.run(["javac", "-cp", str(jar), "DLCheck.java"], cwd=tmp_path, check=True)
    done = subprocess.run(
        ["java", "-cp", f"{jar}:{tmp_path}", "DLCheck", str(ontology_path())],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
