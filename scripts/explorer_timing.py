"""How long the explorer takes to show the busiest actor of a 1,000-article graph.

    python scripts/explorer_timing.py            # measure and print the Markdown report
    python scripts/explorer_timing.py --write    # ... and write docs/explorer_timing.md

The first run builds the graph of the first ``--articles`` records of
``../shared/corpus/unlabeled/news_2016.jsonl`` once, under ``nice``, into ``--work``
(``conflictkg build --no-owl``), and later runs reuse it. From that Turtle file it also
makes an Oxigraph store folder with one named graph per document (each statement, its
relation triple and its document node in the document's graph; actor descriptions in the
default graph), the layout of a corpus store. For each of the two, it starts ``conflictkg
serve`` on a free port, opens the page in headless Chromium (Playwright), types the busiest
actor's name (the most evidence sentences), presses Enter and waits until the graph is laid
out and drawn. The first search on a fresh server is reported apart from the next ones.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox
from chromium import launch
from playwright.sync_api import Browser, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "unlabeled" / "news_2016.jsonl"
CLI = Path(sys.executable).with_name("conflictkg")
DOC = ROOT / "docs" / "explorer_timing.md"
PROV = "http://www.w3.org/ns/prov#wasDerivedFrom"
RDF_SUBJECT = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
BUSIEST = """
SELECT ?actor ?label (COUNT(DISTINCT ?s) AS ?n) WHERE {
  { ?s rdf:subject ?actor } UNION { ?s rdf:object ?actor }
  ?actor rdfs:label ?label .
} GROUP BY ?actor ?label ORDER BY DESC(?n) ?actor LIMIT 1
"""


def build(articles: int, work: Path) -> Path:
    export = work / "export" / "conflictkg.ttl"
    if export.is_file():
        print(f"reusing {export}", file=sys.stderr)
        return export
    work.mkdir(parents=True, exist_ok=True)
    subset = work / f"news_{articles}.jsonl"
    with CORPUS.open(encoding="utf-8") as source, subset.open("w", encoding="utf-8") as out:
        for number, line in enumerate(source):
            if number == articles:
                break
            out.write(line)
    command = ["nice", "-n", "10", str(CLI), "build", str(subset), "--no-owl", "-o"]
    started = time.perf_counter()
    subprocess.run([*command, str(export.parent)], check=True)
    print(f"built in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return export


def named_graph_store(export: Path, folder: Path) -> Path:
    """The export as a store with one named graph per document."""
    if (folder / "CURRENT").is_file():
        return folder
    memory = ox.Store()
    memory.load(path=str(export), format=ox.RdfFormat.TURTLE)
    document_of: dict[ox.NamedNode, ox.NamedNode] = {}
    for row in memory.query(f"SELECT ?s ?d WHERE {{ ?s <{PROV}> ?d }}"):  # type: ignore[union-attr]
        document_of[row["s"]] = row["d"]
    documents = set(document_of.values())
    graphs_of_triple: dict[tuple[object, ...], set[ox.NamedNode]] = defaultdict(set)
    statements = memory.query(
        "SELECT ?s ?a ?p ?b WHERE { ?s rdf:subject ?a ; rdf:predicate ?p ; rdf:object ?b }",
        prefixes={"rdf": RDF_SUBJECT},
    )
    for row in statements:  # type: ignore[union-attr]
        graphs_of_triple[(row["a"], row["p"], row["b"])].add(document_of[row["s"]])
    store = ox.Store(str(folder))
    quads = []
    for quad in memory:
        s, p, o = quad.subject, quad.predicate, quad.object
        if s in document_of or s in documents:
            graphs: set[ox.NamedNode] | list[ox.DefaultGraph] = {document_of.get(s, s)}
        else:
            graphs = graphs_of_triple.get((s, p, o)) or [ox.DefaultGraph()]
        quads += [ox.Quad(s, p, o, g) for g in graphs]
    store.bulk_extend(quads)
    store.flush()
    del store
    return folder


def busiest(export: Path) -> tuple[str, str, int, int, int]:
    """The busiest actor (IRI, label, sentences) and the graph's actors and statements."""
    memory = ox.Store()
    memory.load(path=str(export), format=ox.RdfFormat.TURTLE)
    prefixes = {"rdf": RDF_SUBJECT, "rdfs": "http://www.w3.org/2000/01/rdf-schema#"}
    row = next(iter(memory.query(BUSIEST, prefixes=prefixes)))  # type: ignore[arg-type]
    count = "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x rdfs:label ?l }"
    actors = int(next(iter(memory.query(count, prefixes=prefixes)))["n"].value)  # type: ignore[arg-type]
    count = "SELECT (COUNT(?x) AS ?n) WHERE { ?x a rdf:Statement }"
    sentences = int(next(iter(memory.query(count, prefixes=prefixes)))["n"].value)  # type: ignore[arg-type]
    return row["actor"].value, row["label"].value, int(row["n"].value), actors, sentences


def time_page(browser: Browser, url: str, name: str) -> dict[str, float | str]:
    page = browser.new_page(viewport={"width": 1400, "height": 850})
    started = time.perf_counter()
    page.goto(url)
    page.wait_for_selector("body[data-state=idle]", timeout=120_000)
    opened = time.perf_counter() - started
    page.fill("#search", name)
    started = time.perf_counter()
    page.press("#search", "Enter")
    page.wait_for_selector("body[data-state=ready]", timeout=300_000)
    shown = time.perf_counter() - started
    requests = page.evaluate(
        "() => performance.getEntriesByType('resource')"
        ".filter(e => /api\\/(search|neighbourhood)/.test(e.name)).map(e => e.duration)"
    )
    status = page.inner_text("#status")
    page.close()
    return {"open": opened, "shown": shown, "server": sum(requests) / 1000, "status": status}


def measure(
    browser: Browser, source: list[str], name: str, runs: int
) -> list[dict[str, float | str]]:
    server = subprocess.Popen(
        [str(CLI), "serve", *source, "--port", "0", "--quiet"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert server.stdout is not None
        url = server.stdout.readline().split()[1]
        return [time_page(browser, url, name) for _ in range(runs + 1)]
    finally:
        server.terminate()
        server.wait(timeout=30)


def report(
    args: argparse.Namespace,
    facts: tuple[str, str, int, int, int],
    results: dict[str, list[dict[str, float | str]]],
) -> str:
    iri, label, sentences, actors, statements = facts
    cpu = platform.processor() or platform.machine()
    lines = [
        "# How long the explorer takes to show the busiest actor",
        "",
        f"Graph: the first {args.articles} articles of `news_2016.jsonl` built with "
        f"`conflictkg build --no-owl` ({actors} labelled actors, {statements} evidence "
        f"sentences). Busiest actor: **{label}** (`{iri}`), in {sentences} sentences.",
        "",
        "Measured by `python scripts/explorer_timing.py --write` on "
        f"{os.cpu_count()} cores ({cpu}; load average {args.load:.1f} when it started, the "
        "machine being shared), Debian Chromium headless via Playwright, "
        f"{args.runs} searches after the first on each server. *Search → drawn*: from "
        "pressing Enter in the search box to the graph laid out and drawn (the page's "
        "`data-state=ready`); *requests*: the part spent waiting for `/api/search` and "
        "`/api/neighbourhood`; *open*: loading the page until it takes a search.",
        "",
        "| graph | shown | first search → drawn | later searches → drawn (median, min–max) "
        "| requests (median) | open (median) |",
        "|---|---|---|---|---|---|",
    ]
    for layout, runs in results.items():
        first, later = runs[0], runs[1:]
        shown = [float(r["shown"]) for r in later]
        lines.append(
            f"| {layout} | {first['status']} | {float(first['shown']):.2f} s "
            f"| {statistics.median(shown):.2f} s ({min(shown):.2f}–{max(shown):.2f}) "
            f"| {statistics.median(float(r['server']) for r in later):.2f} s "
            f"| {statistics.median(float(r['open']) for r in later):.2f} s |"
        )
    lines += [
        "",
        "Every query runs over the union of the store's graphs; the named-graph store is the "
        "layout of a corpus store (one graph per document, actor descriptions in the default "
        "graph), made from the same Turtle file by the script.",
    ]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--work", type=Path, default=Path("/tmp/conflictkg-explorer-timing"))
    parser.add_argument("--write", action="store_true", help=f"write {DOC.relative_to(ROOT)}")
    args = parser.parse_args()
    args.load = os.getloadavg()[0]
    export = build(args.articles, args.work)
    store = named_graph_store(export, args.work / "store")
    facts = busiest(export)
    results = {}
    with sync_playwright() as playwright:
        browser = launch(playwright)
        results["Turtle file (`serve FILE`)"] = measure(browser, [str(export)], facts[1], args.runs)
        results["named-graph store (`serve --store DIR`)"] = measure(
            browser, ["--store", str(store)], facts[1], args.runs
        )
        browser.close()
    text = report(args, facts, results)
    print(text)
    if args.write:
        DOC.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
