"""Write a large, realistic conflictkg graph (Turtle) for validation benchmarks.

The graph has the shape of a real export, written the way ``conflictkg.rdf`` writes one:
actors typed, labelled, some ``owl:sameAs`` a Wikidata entity, some linked to another
dataset by a crosswalk or a reconciliation service (``owl:sameAs`` or ``skos:closeMatch``
annotated by an ``owl:Axiom`` with ``ck:matchScore`` and ``ck:matchedBy``); relation
triples; their reified statements with evidence, ``xsd:integer`` offsets, canonical
``xsd:decimal`` confidences, and, for some, the speaker (``ck:attributedToText``, and
``ck:attributedTo`` the actor when the speaker is one); document nodes with the IRI
``conflictkg.rdf.iri`` gives their URL, the URL as ``dcterms:source``, an ``xsd:date`` or
``xsd:dateTime``, some a title. About 13 triples per relation. Actor popularity follows a
Zipf-like law, so a few actors (the "Irans" of the corpus) are in thousands of statements,
as in real news. The IRIs come from the project's own functions (``actor_iri``,
``document_iri``, ``statement_iri``, ``link_iri``), so the graph conforms to the bundled
shapes and ontology. Output is deterministic for a given ``--triples`` and ``--seed``.

With ``--violations K``, K known violations are planted, one of each kind in turn: an
actor typed twice, a statement without evidence, a relation without its statement, an
armed group leading a government, a person designated terrorist, an ``owl:sameAs``
outside Wikidata that no axiom confirms, a second Wikidata entity for one actor, a link
axiom scored above 1, and offsets typed ``xsd:nonNegativeInteger`` (as before store-safe
literals). All are found by SHACL; the first and the fourth also by HermiT.

    python scripts/generate_graph.py --triples 1000000 -o /tmp/graph-1m.ttl
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path
from typing import TextIO

from conflictkg.rdf.iri import actor_iri, document_iri, document_key, statement_iri
from conflictkg.rdf.links import ActorLink, link_iri
from conflictkg.rdf.literals import decimal_literal
from conflictkg.rdf.vocab import INSTANCE_NS

PREFIXES = """@prefix ck: <https://w3id.org/conflictkg/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix wd: <http://www.wikidata.org/entity/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix act: <https://w3id.org/conflictkg/id/actor/> .
@prefix doc: <https://w3id.org/conflictkg/id/document/> .
@prefix stm: <https://w3id.org/conflictkg/id/statement/> .
@prefix lnk: <https://w3id.org/conflictkg/id/link/> .

"""
TYPES = ("Government", "ArmedGroup", "Person")
PREDICATES = ("supports", "opposes", "designatedTerrorist", "leaderOf", "memberOf", "partOf")
TRIPLES_PER_RELATION = 13
EXTRACTOR = "conflictkg-rules 0.1.0"
CROSSWALK = "crosswalk ucdp_actors.tsv"
RECONCILIATION = "reconciliation https://reconcile.example/api"
SPEAKERS = ("officials", "a spokesman", "witnesses", "state media")
WORDS = [
    "forces",
    "attacked",
    "positions",
    "near",
    "the",
    "border",
    "while",
    "officials",
    "said",
    "the",
    "group",
    "had",
    "received",
    "weapons",
    "and",
    "money",
    "from",
    "its",
    "backers",
    "during",
    "talks",
    "on",
    "a",
    "ceasefire",
    "that",
    "collapsed",
]


def _local(iri: str, kind: str) -> str:
    """The local name of an instance IRI under ``id/KIND/`` (for the Turtle prefixes)."""
    namespace = f"{INSTANCE_NS}{kind}/"
    assert iri.startswith(namespace), iri
    return iri[len(namespace) :]


def actor(number: int) -> str:
    """The Turtle name of actor ``number`` (key ``a<number>``, as ``actor_iri`` mints it)."""
    return "act:" + _local(str(actor_iri(f"a{number}")), "actor")


def _allowed(predicate: str, subject: str, object: str) -> bool:
    if predicate == "designatedTerrorist":
        return subject == "ArmedGroup" and object == "Government"
    if predicate == "leaderOf":
        return subject == "Person"
    if predicate == "partOf":
        return subject == "ArmedGroup" and object != "Person"
    return True


def _decimal(value: float) -> str:
    return f'"{decimal_literal(value)}"^^xsd:decimal'


def _link(out: TextIO, number: int, target: str, exact: bool, score: float, by: str) -> None:
    """A confirmed link and its axiom, as ``conflictkg.rdf.links.add_link`` writes them."""
    link = ActorLink(f"a{number}", target, exact, score, by)
    prop = "owl:sameAs" if exact else "skos:closeMatch"
    axiom = "lnk:" + _local(str(link_iri(link)), "link")
    out.write(
        f"{actor(number)} {prop} <{target}> .\n"
        f"{axiom} a owl:Axiom ; owl:annotatedSource {actor(number)} ; "
        f"owl:annotatedProperty {prop} ; owl:annotatedTarget <{target}> ; "
        f'ck:matchScore {_decimal(score)} ; ck:matchedBy "{by}" .\n'
    )


def _actors(out: TextIO, kinds: list[str]) -> None:
    for number, kind in enumerate(kinds):
        out.write(f'{actor(number)} a ck:{kind} ; rdfs:label "Actor {number}"@en')
        if number % 3 == 0:
            out.write(f' ; skos:altLabel "A{number}"@en')
        if number % 5 == 0:
            out.write(f" ; owl:sameAs wd:Q{number + 1}")
        out.write(" .\n")
        if number % 7 == 3:
            _link(out, number, f"https://ucdp.example/actor/{number}", True, 1.0, CROSSWALK)
        if number % 11 == 4:
            target = f"https://acled.example/actor/{number}"
            _link(out, number, target, False, 0.75, RECONCILIATION)


def _documents(out: TextIO, count: int) -> list[str]:
    """Write ``count`` document nodes; returns their IRIs (from their URLs)."""
    iris = []
    for number in range(count):
        url = f"https://news.example/2016/{number % 12 + 1:02d}/story-{number}"
        iri = str(document_iri(document_key("", url)))
        iris.append(iri)
        day = number % 28 + 1
        date = (
            f'"2016-{number % 12 + 1:02d}-{day:02d}T08:30:00Z"^^xsd:dateTime'
            if number % 3 == 0
            else f'"2016-{number % 12 + 1:02d}-{day:02d}"^^xsd:date'
        )
        out.write(
            f'doc:{_local(iri, "document")} a prov:Entity ; dcterms:identifier "d{number}.txt" ; '
            f"dcterms:source <{url}> ; dcterms:date {date}"
        )
        if number % 4 == 0:
            out.write(f' ; dcterms:title "Story {number}"@en')
        out.write(" .\n")
    return iris


def write_graph(out: TextIO, triples: int, seed: int = 7, violations: int = 0) -> int:
    """Write about ``triples`` triples; returns the number of relations written."""
    rng = random.Random(seed)
    relations = max(1, triples // TRIPLES_PER_RELATION)
    actors = max(10, relations // 8)
    kinds = [TYPES[rng.randrange(3)] for _ in range(actors)]
    weights = [1.0 / (rank + 1) for rank in range(actors)]
    out.write(PREFIXES)
    _actors(out, kinds)
    documents = _documents(out, max(1, relations // 12))
    picks = rng.choices(range(actors), weights=weights, k=relations * 3)
    asserted: set[tuple[int, str, int]] = set()
    statements: set[str] = set()
    for number in range(relations):
        subject, object = picks[3 * number], picks[3 * number + 1]
        predicate = PREDICATES[picks[3 * number + 2] % len(PREDICATES)]
        if subject == object:
            object = (object + 1) % actors
        if not _allowed(predicate, kinds[subject], kinds[object]):
            predicate = "opposes"
        if (subject, predicate, object) not in asserted:
            asserted.add((subject, predicate, object))
            out.write(f"{actor(subject)} ck:{predicate} {actor(object)} .\n")
        evidence = " ".join(rng.choice(WORDS) for _ in range(12)).capitalize() + "."
        begin = rng.randrange(5000)
        document = documents[number % len(documents)]
        keys = (document, f"a{subject}", predicate, f"a{object}")
        node = str(statement_iri(*keys, begin, begin + len(evidence)))
        while node in statements:  # the same relation read at the same place: move it
            begin += 1
            node = str(statement_iri(*keys, begin, begin + len(evidence)))
        statements.add(node)
        out.write(
            f"stm:{_local(node, 'statement')} a rdf:Statement ; rdf:subject {actor(subject)} ; "
            f"rdf:predicate ck:{predicate} ; rdf:object {actor(object)} ; "
            f"prov:wasDerivedFrom doc:{_local(document, 'document')} ; "
            f'ck:evidenceText "{evidence}" ; '
            f"ck:beginOffset {begin} ; ck:endOffset {begin + len(evidence)} ; "
            f"ck:confidence {_decimal(rng.randrange(50, 100) / 100)} ; "
            f'ck:extractor "{EXTRACTOR}" ; '
        )
        if number % 6 == 5:
            speaker = picks[3 * number + 2]
            if number % 12 == 5 and speaker not in (subject, object):
                out.write(
                    f'ck:attribution "attributed" ; ck:attributedTo {actor(speaker)} ; '
                    f'ck:attributedToText "Actor {speaker}" .\n'
                )
            else:
                text = SPEAKERS[number % len(SPEAKERS)]
                out.write(f'ck:attribution "attributed" ; ck:attributedToText "{text}" .\n')
        else:
            out.write('ck:attribution "asserted" .\n')
    _plant(out, violations, actors, kinds)
    return relations


def _plant(out: TextIO, violations: int, actors: int, kinds: list[str]) -> None:
    """Known violations, one of each kind in turn (see the module documentation)."""
    persons = [n for n, kind in enumerate(kinds) if kind == "Person"]
    groups = [n for n, kind in enumerate(kinds) if kind == "ArmedGroup"]
    for number in range(violations):
        which = number % 9
        if which == 0:
            other = "Person" if kinds[number] != "Person" else "Government"
            out.write(f"{actor(number)} a ck:{other} .\n")
        elif which == 1:
            out.write(
                f"stm:bad{number} a rdf:Statement ; rdf:subject {actor(0)} ; "
                f"rdf:predicate ck:supports ; rdf:object {actor(1)} .\n"
            )
        elif which == 2:
            out.write(f"{actor(actors - 1 - number)} ck:memberOf {actor(number + 2)} .\n")
        elif which == 3 and groups:
            out.write(f"{actor(groups[number % len(groups)])} ck:leaderOf {actor(0)} .\n")
        elif which == 4 and persons:
            out.write(f"{actor(persons[number % len(persons)])} ck:designatedTerrorist act:x .\n")
        elif which == 5:
            out.write(f"{actor(number)} owl:sameAs <http://dbpedia.org/resource/A{number}> .\n")
        elif which == 6:
            out.write(f"{actor(0)} owl:sameAs wd:Q{10**9 + number} .\n")
        elif which == 7:
            out.write(
                f"lnk:bad{number} a owl:Axiom ; owl:annotatedSource {actor(number)} ; "
                "owl:annotatedProperty skos:closeMatch ; "
                f"owl:annotatedTarget <https://acled.example/actor/bad{number}> ; "
                f'ck:matchScore 1.5 ; ck:matchedBy "{CROSSWALK}" .\n'
            )
        elif which == 8:
            out.write(
                f"stm:bad{number} a rdf:Statement ; rdf:subject {actor(0)} ; "
                f"rdf:predicate ck:supports ; rdf:object {actor(1)} ; "
                f"prov:wasDerivedFrom doc:bad ; "
                f'ck:evidenceText "Actor 0 backs Actor 1." ; '
                'ck:beginOffset "0"^^xsd:nonNegativeInteger ; '
                'ck:endOffset "22"^^xsd:nonNegativeInteger ; '
                f'ck:confidence 0.5 ; ck:extractor "{EXTRACTOR}" ; ck:attribution "asserted" .\n'
                'doc:bad dcterms:identifier "bad.txt" .\n'
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--triples", type=int, required=True, help="about how many triples")
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--violations", type=int, default=0, help="plant this many violations")
    args = parser.parse_args(argv)
    with args.output.open("w", encoding="utf-8") as out:
        relations = write_graph(out, args.triples, args.seed, args.violations)
    print(f"{args.output}: {relations} relations", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
