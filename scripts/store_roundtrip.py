"""The store round trip: a graph loaded into the default Oxigraph store and dumped again.

For each graph: the triples in, the triples out, whether the two are the same graph
(isomorphic), and the SHACL results before and after. With ``--before REF`` the export and
shapes of a git revision are measured too (what the issue reported).

    .venv/bin/python scripts/store_roundtrip.py                      # print the report
    .venv/bin/python scripts/store_roundtrip.py --before main --write
"""

from __future__ import annotations

import argparse
import subprocess
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib.compare import isomorphic

from conflictkg.check.validate import validate_graph
from conflictkg.rdf.formats import quads_to_graph

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "docs" / "store_roundtrip.md"


def round_trip(turtle: bytes, shapes: Graph | None) -> str:
    graph = quads_to_graph(ox.parse(turtle, format=ox.RdfFormat.TURTLE))  # type: ignore[arg-type]
    store = ox.Store()
    store.load(turtle, format=ox.RdfFormat.TURTLE)
    back = quads_to_graph(store.quads_for_pattern(None, None, None, None))
    before = validate_graph(graph, shapes)
    after = validate_graph(back, shapes)
    return (
        f"| {len(graph)} | {len(back)} | {'yes' if isomorphic(graph, back) else 'no'} "
        f"| {len(before.violations)} | {len(after.violations)} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--before", metavar="REF", action="append", default=[], help="also this git revision"
    )
    parser.add_argument("--write", action="store_true", help=f"also write {OUTPUT}")
    args = parser.parse_args()
    export_now = (ROOT / "exports" / "conflictkg.ttl").read_bytes()
    rows = [f"| this branch: `exports/conflictkg.ttl` | {round_trip(export_now, None)[2:]}"]
    for revision in args.before:
        show = ["git", "-C", str(ROOT), "show"]
        export = subprocess.run(
            [*show, f"{revision}:exports/conflictkg.ttl"], capture_output=True, check=True
        ).stdout
        shapes_text = subprocess.run(
            [*show, f"{revision}:ontology/shapes.ttl"], capture_output=True, check=True
        ).stdout
        shapes = Graph().parse(data=shapes_text.decode("utf-8"), format="turtle")
        rows.append(f"| `{revision}`: its export and shapes | {round_trip(export, shapes)[2:]}")
    report = "\n".join(
        [
            "# Store round trip",
            "",
            "A graph loaded into the default (in-memory) Oxigraph store, dumped again, and",
            "checked against the SHACL shapes before and after (`scripts/store_roundtrip.py`).",
            "",
            "| graph | triples in | triples out | isomorphic | SHACL results before | after |",
            "| --- | ---: | ---: | --- | ---: | ---: |",
            *rows,
            "",
        ]
    )
    print(report)
    if args.write:
        OUTPUT.write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
