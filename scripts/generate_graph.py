"""Write a large, realistic conflictkg graph (Turtle) for validation benchmarks.

The graph has the shape of a real export: actors (typed, labelled, some linked to
Wikidata), relation triples, their reified statements with evidence, and document nodes;
about 13 triples per relation. Actor popularity follows a Zipf-like law, so a few actors
(the "Irans" of the corpus) are in thousands of statements, as in real news. Output is
deterministic for a given ``--triples`` and ``--seed``. With ``--violations K``, K known
violations are planted (an actor typed twice, a statement without evidence, a relation
without its statement, an armed group leading a government, a person designated terrorist).

    python scripts/generate_graph.py --triples 1000000 -o /tmp/graph-1m.ttl
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path
from typing import TextIO

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

"""
TYPES = ("Government", "ArmedGroup", "Person")
PREDICATES = ("supports", "opposes", "designatedTerrorist", "leaderOf", "memberOf", "partOf")
TRIPLES_PER_RELATION = 13
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


def _allowed(predicate: str, subject: str, object: str) -> bool:
    if predicate == "designatedTerrorist":
        return subject == "ArmedGroup" and object == "Government"
    if predicate == "leaderOf":
        return subject == "Person"
    if predicate == "partOf":
        return subject == "ArmedGroup" and object != "Person"
    return True


def write_graph(out: TextIO, triples: int, seed: int = 7, violations: int = 0) -> int:
    """Write about ``triples`` triples; returns the number of relations written."""
    rng = random.Random(seed)
    relations = max(1, triples // TRIPLES_PER_RELATION)
    actors = max(10, relations // 8)
    documents = max(1, relations // 12)
    kinds = [TYPES[rng.randrange(3)] for _ in range(actors)]
    weights = [1.0 / (rank + 1) for rank in range(actors)]
    out.write(PREFIXES)
    for number, kind in enumerate(kinds):
        out.write(f'act:a{number} a ck:{kind} ; rdfs:label "Actor {number}"@en')
        if number % 3 == 0:
            out.write(f' ; skos:altLabel "A{number}"@en')
        if number % 5 == 0:
            out.write(f" ; owl:sameAs wd:Q{number + 1}")
        out.write(" .\n")
    for number in range(documents):
        out.write(
            f'doc:d{number} dcterms:identifier "d{number}.txt" ; '
            f'dcterms:date "2016-01-01"^^xsd:date .\n'
        )
    picks = rng.choices(range(actors), weights=weights, k=relations * 3)
    written = 0
    seen: set[tuple[int, str, int]] = set()
    for number in range(relations):
        subject, object = picks[3 * number], picks[3 * number + 1]
        predicate = PREDICATES[picks[3 * number + 2] % len(PREDICATES)]
        if subject == object:
            object = (object + 1) % actors
        if not _allowed(predicate, kinds[subject], kinds[object]):
            predicate = "opposes"
        key = (subject, predicate, object)
        if key not in seen:
            seen.add(key)
            out.write(f"act:a{subject} ck:{predicate} act:a{object} .\n")
        evidence = " ".join(rng.choice(WORDS) for _ in range(12)).capitalize() + "."
        begin = rng.randrange(5000)
        out.write(
            f"stm:s{number} a rdf:Statement ; rdf:subject act:a{subject} ; "
            f"rdf:predicate ck:{predicate} ; rdf:object act:a{object} ; "
            f"prov:wasDerivedFrom doc:d{number % documents} ; "
            f'ck:evidenceText "{evidence}" ; '
            f'ck:beginOffset "{begin}"^^xsd:nonNegativeInteger ; '
            f'ck:endOffset "{begin + len(evidence)}"^^xsd:nonNegativeInteger ; '
            f"ck:confidence {rng.randrange(50, 100) / 100:.2f} ; "
            f'ck:extractor "conflictkg-rules 0.1.0" ; ck:attribution "asserted" .\n'
        )
        written += 1
    _plant(out, violations, actors, kinds)
    return written


def _plant(out: TextIO, violations: int, actors: int, kinds: list[str]) -> None:
    """Known violations, one of each kind in turn (all found by SHACL, the first and the
    fourth also by HermiT)."""
    persons = [n for n, kind in enumerate(kinds) if kind == "Person"]
    groups = [n for n, kind in enumerate(kinds) if kind == "ArmedGroup"]
    for number in range(violations):
        which = number % 5
        if which == 0:
            other = "Person" if kinds[number] != "Person" else "Government"
            out.write(f"act:a{number} a ck:{other} .\n")
        elif which == 1:
            out.write(
                f"stm:bad{number} a rdf:Statement ; rdf:subject act:a0 ; "
                "rdf:predicate ck:supports ; rdf:object act:a1 .\n"
            )
        elif which == 2:
            out.write(f"act:a{actors - 1 - number} ck:memberOf act:a{number + 2} .\n")
        elif which == 3 and groups:
            out.write(f"act:a{groups[number % len(groups)]} ck:leaderOf act:a0 .\n")
        elif which == 4 and persons:
            out.write(f"act:a{persons[number % len(persons)]} ck:designatedTerrorist act:x .\n")


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
