"""Hard cases for the native SHACL check, on the constraints shapes 0.2.0 added.

``test_shapes.CASES`` has one plain violation per shape; these are the values where the
native check and pyshacl could part ways: ``owl:sameAs`` to a blank node or a literal,
axioms that almost confirm a link, Wikidata entities counted by the qualified value shape,
``sh:in`` with a language tag or another datatype, ill-typed and oddly typed numbers and
dates, ``sh:lessThan`` against a string or an IRI, ``sh:class`` through a subclass the
data defines. Each case's bad graph must give a result from ``shape`` at ``focus`` (a
blank node when ``None``), its good graph none at all; ``test_scaling`` checks that the
native check gives exactly pyshacl's results on both.
"""

from __future__ import annotations

from test_shapes import Case, statement

LINK_SCORE = 'id:link1 ck:matchScore "1"^^xsd:decimal .'
DATE = 'id:doc1 dcterms:date "2016-01-10"^^xsd:date .'
DBPEDIA = "<http://dbpedia.org/resource/Iran>"


def _confirmed(extra: str = "", *, prop: str = "owl:sameAs", target: str = DBPEDIA) -> str:
    """Iran owl:sameAs DBpedia's Iran, and an axiom about ``prop`` and ``target``."""
    return (
        f"id:iran owl:sameAs {DBPEDIA} .\n"
        f"id:l a owl:Axiom ; owl:annotatedSource id:iran ; owl:annotatedProperty {prop} ;"
        f' owl:annotatedTarget {target} ; ck:matchScore 0.95 ; ck:matchedBy "m" {extra} .'
    )


def _stated(**values: str) -> str:
    return statement("id:s", "id:iran", "ck:supports", "id:hezbollah", **values)


def _attributed(to: str) -> str:
    return _stated().replace('"asserted"', f'"attributed" ; ck:attributedTo {to}')


EDGE_CASES = [
    # SameAsShape (SHACL-SPARQL, computed natively): STR of a blank node is its label
    Case("sameas-blank-node", "SameAsShape", "iran", bad_add="id:iran owl:sameAs [] ."),
    Case(
        "sameas-axiom-without-matched-by",
        "SameAsShape",
        "iran",
        bad_add=_confirmed().replace('ck:matchedBy "m"', ""),
        good_add=_confirmed(),
    ),
    Case(
        "sameas-axiom-on-close-match",
        "SameAsShape",
        "iran",
        bad_add=_confirmed(prop="skos:closeMatch"),
        good_add=_confirmed(),
    ),
    Case(
        "sameas-axiom-on-another-target",
        "SameAsShape",
        "iran",
        bad_add=_confirmed(target="<http://dbpedia.org/resource/Iraq>"),
    ),
    Case(
        "sameas-wikidata-page-not-entity",
        "SameAsShape",
        "iran",
        bad_add="id:iran owl:sameAs <https://www.wikidata.org/wiki/Q794> .",
        good_add="id:israel owl:sameAs wd:Q801 .",
    ),
    Case(
        "sameas-confirmed-from-a-blank-node",
        "LinkSourceShape",
        "l",
        bad_add="_:b owl:sameAs <http://x.example/1> . id:l a owl:Axiom ; owl:annotatedSource _:b ;"
        " owl:annotatedProperty owl:sameAs ; owl:annotatedTarget <http://x.example/1> ;"
        ' ck:matchScore 1.0 ; ck:matchedBy "m" .',
    ),
    # SameAsWikidataShape: sh:qualifiedValueShape (a pattern) with sh:qualifiedMaxCount 1
    Case(
        "sameas-three-wikidata-entities",
        "SameAsWikidataShape",
        "iran",
        bad_add="id:iran owl:sameAs wd:Q1, wd:Q2 .",
        good_add="id:iran owl:sameAs wd:P31 .\n" + _confirmed().replace(DBPEDIA, "wd:P31"),
    ),
    Case(
        "sameas-wikidata-literal-counts",
        "SameAsWikidataShape",
        "iran",
        bad_add='id:iran owl:sameAs "http://www.wikidata.org/entity/Q1"@en .',
    ),
    # LinkAxiomShape (sh:class owl:Axiom) and its property shapes
    Case(
        "link-axiom-score-only",
        "LinkAxiomShape",
        "l3",
        bad_add="id:l3 ck:matchScore 0.5 .",
        good_add="id:l4 a <http://x.example/MyAxiom> ; owl:annotatedSource id:iran ;"
        " owl:annotatedProperty skos:closeMatch ; owl:annotatedTarget <http://x.example/t> ;"
        ' ck:matchScore 0.5 ; ck:matchedBy "m" .\n'
        "<http://x.example/MyAxiom> rdfs:subClassOf owl:Axiom .",
    ),
    Case(
        "link-property-literal",
        "LinkPropertyShape",
        "link1",
        bad_add='id:link1 owl:annotatedProperty "owl:sameAs" .',
    ),
    Case(
        "link-two-properties",
        "LinkPropertyShape",
        "link1",
        bad_add="id:link1 owl:annotatedProperty skos:closeMatch .",
    ),
    # sh:minInclusive / sh:maxInclusive / sh:datatype on scores and confidences
    Case(
        "score-negative",
        "LinkScoreShape",
        "link1",
        bad_add="id:link1 ck:matchScore -0.1 .",
        bad_drop=LINK_SCORE,
        good_add="id:link1 ck:matchScore 0.0 .",
        good_drop=LINK_SCORE,
    ),
    Case(
        "score-exponent",
        "LinkScoreShape",
        "link1",
        bad_add='id:link1 ck:matchScore "5E1"^^xsd:decimal .',
        bad_drop=LINK_SCORE,
        good_add='id:link1 ck:matchScore "5E-1"^^xsd:decimal .',
        good_drop=LINK_SCORE,
    ),
    Case(
        "score-ill-typed",
        "LinkScoreShape",
        "link1",
        bad_add='id:link1 ck:matchScore "high"^^xsd:decimal .',
        bad_drop=LINK_SCORE,
    ),
    Case(
        "score-string",
        "LinkScoreShape",
        "link1",
        bad_add='id:link1 ck:matchScore "0.5" .',
        bad_drop=LINK_SCORE,
    ),
    Case(
        "score-double",
        "LinkScoreShape",
        "link1",
        bad_add='id:link1 ck:matchScore "0.5"^^xsd:double .',
        bad_drop=LINK_SCORE,
    ),
    Case(
        "confidence-float",
        "StatementConfidenceShape",
        "s",
        bad_add=_stated(confidence='"0.5"^^xsd:float'),
        good_add=_stated(confidence='"1.000"^^xsd:decimal'),
    ),
    # sh:in on attributions
    Case(
        "attribution-language-tagged",
        "StatementAttributionShape",
        "s",
        bad_add=_stated().replace('"asserted"', '"asserted"@en'),
    ),
    Case(
        "attribution-token",
        "StatementAttributionShape",
        "s",
        bad_add=_stated().replace('"asserted"', '"asserted"^^xsd:token'),
    ),
    # offsets: sh:lessThan against other kinds of values
    Case(
        "end-a-string",
        "StatementBeginOffsetShape",
        "s",
        bad_add=_stated(end='"50"'),
        good_add=_stated(end='"+50"^^xsd:integer'),
    ),
    Case("end-an-iri", "StatementBeginOffsetShape", "s", bad_add=_stated(end="<urn:x>")),
    Case(
        "begin-ill-typed",
        "StatementBeginOffsetShape",
        "s",
        bad_add=_stated(begin='"x"^^xsd:integer'),
    ),
    # sh:or of sh:class on ck:attributedTo
    Case(
        "attributed-to-an-actor-only",
        "StatementAttributedToShape",
        "s",
        bad_add=_attributed("id:someone") + 'id:someone a ck:Actor ; rdfs:label "S"@en .',
        good_add=_attributed("id:someone") + 'id:someone a ck:Person ; rdfs:label "S"@en .',
    ),
    Case(
        "attributed-to-a-statement",
        "StatementAttributedToShape",
        "s",
        bad_add=_attributed("id:st1"),
    ),
    # typed dates: rdflib's own idea of a valid date
    Case(
        "date-february-30",
        "DocumentDateShape",
        "doc1",
        bad_add='id:doc1 dcterms:date "2016-02-30"^^xsd:date .',
        bad_drop=DATE,
        good_add='id:doc1 dcterms:date "2016-01-10+02:00"^^xsd:date .',
        good_drop=DATE,
    ),
    Case(
        "date-time-hour-25",
        "DocumentDateShape",
        "doc1",
        bad_add='id:doc1 dcterms:date "2016-01-10T25:00:00Z"^^xsd:dateTime .',
        bad_drop=DATE,
        good_add='id:doc1 dcterms:date "2016-01-10T08:30:00"^^xsd:dateTime .',
        good_drop=DATE,
    ),
    Case(
        "date-a-year",
        "DocumentDateShape",
        "doc1",
        bad_add='id:doc1 dcterms:date "2016"^^xsd:gYear .',
        bad_drop=DATE,
    ),
]
