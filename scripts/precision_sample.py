"""Precision of the extracted edges on real, unlabeled news, judged by reading their sentences.

The measurement (issue 8, point 2), in four steps:

1. **Articles.** A *conflict article* of the unlabeled corpus is one whose title and text
   hold at least ``--min-terms`` (2) distinct entries of ``scripts/data/conflict_words.txt``
   (general conflict vocabulary; the file says how entries match). ``--articles`` (200) of
   them are drawn with the seed.
2. **Edges.** Each drawn article is built on its own with the library (``Extractor`` then
   ``to_graph``, as ``conflictkg build`` does for one file); every ``rdf:Statement`` of a
   relation predicate (supports, opposes, designatedTerrorist) is one edge. Structure edges
   (leaderOf, memberOf, partOf) are counted, not drawn. ``--edges`` (150) edges are drawn,
   uniformly over all relation edges of the drawn articles.
3. **Judging.** ``docs/precision/sample.jsonl`` holds the draw, one edge a line, with empty
   ``judgement`` ("right" / "wrong"), ``reason`` (an error category of :data:`REASONS`) and
   ``comment``. ``--split N`` writes reader files (the unjudged edges with their context)
   and ``--merge`` reads them back. A judgement already made for an identical edge (same
   article, sentence offsets, subject, predicate, object) is carried over from
   ``docs/precision/judged.jsonl``, the archive of every judgement, when a newer code draws
   (``scripts/precision_judging.py``).
4. **Report.** ``--report`` writes ``docs/precision.md``: precision overall, per predicate,
   per attribution and confidence band, with Wilson 95% intervals; error categories; how
   many drawn articles get no edge.

Both draws are bottom-k samples: each item's rank is the SHA-256 of the seed and its key,
and the k lowest are drawn. That is a uniform random sample for a given seed, independent
of the input order, and an edge that newer code still produces keeps its rank, so it stays
drawn unless new edges outrank it: judgements carry over as far as the code allows.

    nice -n 10 .venv/bin/python scripts/precision_sample.py                 # draw (builds)
    .venv/bin/python scripts/precision_sample.py --split 3 --to /tmp/readers
    .venv/bin/python scripts/precision_sample.py --merge /tmp/readers/reader-*.jsonl
    .venv/bin/python scripts/precision_sample.py --report                    # docs/precision.md
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from precision_judging import (  # noqa: E402
    JUDGED_FIELDS,
    Row,
    SampleError,
    archive_rows,
    carry_over,
    check_judgement,
    edge_key,
    merge_judgements,
    read_jsonl,
    reader_files,
    write_json,
    write_jsonl,
)
from precision_report import render_report  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "unlabeled" / "news_2016.jsonl"
WORDS = ROOT / "scripts" / "data" / "conflict_words.txt"
FOLDER = ROOT / "docs" / "precision"
SAMPLE = FOLDER / "sample.jsonl"
DRAW = FOLDER / "draw.json"
ARCHIVE = FOLDER / "judged.jsonl"
REPORT = ROOT / "docs" / "precision.md"
SEED = 2016
ARTICLES = 200
EDGES = 150
MIN_TERMS = 2
RELATIONS = ("supports", "opposes", "designatedTerrorist")
STRUCTURE = ("leaderOf", "memberOf", "partOf")


# --- which articles are conflict articles -------------------------------------------------


@dataclass(frozen=True)
class Term:
    """One entry of the conflict word list and the pattern it matches."""

    entry: str
    pattern: re.Pattern[str]


def term_pattern(entry: str) -> re.Pattern[str]:
    """``attack*`` matches words starting with "attack"; a space matches spaces or a hyphen."""
    stem = entry.removesuffix("*")
    body = r"[\s-]+".join(re.escape(word) for word in stem.split())
    return re.compile(rf"\b{body}" + (r"\w*" if entry.endswith("*") else r"\b"), re.IGNORECASE)


def load_terms(path: Path = WORDS) -> tuple[Term, ...]:
    lines = path.read_text(encoding="utf-8").splitlines()
    entries = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    if not entries:
        raise SampleError(f"{path}: no conflict words")
    return tuple(Term(entry, term_pattern(entry)) for entry in entries)


def conflict_terms(text: str, terms: Sequence[Term]) -> frozenset[str]:
    """The entries of ``terms`` that occur in ``text``."""
    return frozenset(term.entry for term in terms if term.pattern.search(text))


# --- seeded bottom-k draws ----------------------------------------------------------------


def rank(seed: int, key: str) -> str:
    """The item's place in the seeded random order (a hex digest: compare as strings)."""
    return hashlib.sha256(f"{seed}\x1f{key}".encode()).hexdigest()


def draw_keys(keys: Iterable[str], k: int, seed: int) -> list[str]:
    """The ``k`` keys of lowest rank (all of them if fewer), in rank order."""
    return sorted(set(keys), key=lambda key: (rank(seed, key), key))[:k]


# --- edges -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Edge:
    """One reified statement of an article's graph, as the reader sees it."""

    article: str
    subject: str  # the actor IRI after .../id/actor/
    subject_label: str
    predicate: str
    object: str
    object_label: str
    evidence: str
    begin: int
    end: int
    confidence: float
    attribution: str
    attributed_to: str
    extractor: str

    @property
    def key(self) -> str:
        return edge_key(asdict(self))


@dataclass(frozen=True)
class ArticleEdges:
    """One drawn article, its relation edges and its structure-edge count per predicate."""

    id: str
    url: str | None
    date: str | None
    title: str | None
    edges: tuple[Edge, ...]
    structure: dict[str, int]
    failure: str = ""


def graph_edges(graph: Any, article: str) -> tuple[list[Edge], dict[str, int]]:
    """The relation edges of ``graph`` (sorted) and the count of its structure statements."""
    from rdflib.namespace import RDF, RDFS

    from conflictkg.rdf.vocab import CK, INSTANCE_NS

    def text(node: Any, predicate: Any) -> str:
        value = graph.value(node, predicate)
        return "" if value is None else str(value)

    actor_ns = str(INSTANCE_NS) + "actor/"
    edges, structure = [], dict.fromkeys(STRUCTURE, 0)
    for statement in graph.subjects(RDF.type, RDF.Statement):
        predicate = str(graph.value(statement, RDF.predicate)).removeprefix(str(CK._NS))
        if predicate in structure:
            structure[predicate] += 1
            continue
        subject, obj = graph.value(statement, RDF.subject), graph.value(statement, RDF.object)
        edges.append(
            Edge(
                article=article,
                subject=str(subject).removeprefix(actor_ns),
                subject_label=text(subject, RDFS.label),
                predicate=predicate,
                object=str(obj).removeprefix(actor_ns),
                object_label=text(obj, RDFS.label),
                evidence=text(statement, CK.evidenceText),
                begin=int(text(statement, CK.beginOffset)),
                end=int(text(statement, CK.endOffset)),
                confidence=float(text(statement, CK.confidence) or 1.0),
                attribution=text(statement, CK.attribution),
                attributed_to=text(statement, CK.attributedTo),
                extractor=text(statement, CK.extractor),
            )
        )
    return sorted(
        edges, key=lambda e: (e.begin, e.end, e.subject, e.predicate, e.object)
    ), structure


def read_corpus(corpus: Path) -> list[Any]:
    """The corpus's documents, read as ``conflictkg build`` reads them."""
    from conflictkg.ingest.reader import read_documents

    ingested = read_documents([corpus])
    if ingested.failures:
        raise SampleError("; ".join(str(failure) for failure in ingested.failures))
    return list(ingested.documents)


def build_articles(documents: Sequence[Any], extractor: Any = None) -> list[ArticleEdges]:
    """Extract each document on its own into its own graph; a failure is kept, not raised."""
    from tqdm import tqdm  # type: ignore[import-untyped]

    from conflictkg.extract.extractor import Extractor
    from conflictkg.rdf.mapping import to_graph

    extractor = extractor or Extractor.default()
    built = []
    for document in tqdm(documents, desc="building", unit="article", disable=None):
        meta = (document.identifier, document.url, document.date, document.title)
        try:
            graph = to_graph([extractor.extract(document)])
        except Exception as exc:  # counted in the report, never lost
            built.append(ArticleEdges(*meta, (), {}, f"{type(exc).__name__}: {exc}"))
            continue
        edges, structure = graph_edges(graph, document.identifier)
        built.append(ArticleEdges(*meta, tuple(edges), structure))
    return built


def code_commit() -> str:
    """The commit of the checked-out code, with ``+dirty`` when src/ or scripts/ differ."""
    git = ["git", "-C", str(ROOT)]
    try:
        head = subprocess.run([*git, "rev-parse", "HEAD"], capture_output=True, text=True)
        dirty = subprocess.run(
            [*git, "status", "--porcelain", "--", "src", "scripts"], capture_output=True, text=True
        )
    except OSError:
        return "unknown"
    if head.returncode:
        return "unknown"
    return head.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")


def sample_rows(articles: Sequence[ArticleEdges], k: int, seed: int, commit: str) -> list[Row]:
    """``k`` edges drawn from all relation edges of ``articles``, as sample rows in reading
    order (article, then position in it)."""
    by_key = {edge.key: (article, edge) for article in articles for edge in article.edges}
    drawn = sorted(
        (by_key[key] for key in draw_keys(by_key, k, seed)),
        key=lambda pair: (pair[0].id, pair[1].begin, pair[1].key),
    )
    rows = []
    for number, (article, edge) in enumerate(drawn, start=1):
        fields = asdict(edge)
        rows.append(
            {
                "n": number,
                "article": article.id,
                "url": article.url,
                "date": article.date,
                "title": article.title,
                **{name: value for name, value in fields.items() if name != "article"},
                "commit": commit,
                **dict.fromkeys(JUDGED_FIELDS, ""),
            }
        )
    return rows


def draw_summary(
    articles: Sequence[ArticleEdges], eligible: int, corpus_size: int, seed: int, commit: str
) -> dict[str, Any]:
    """What ``--report`` needs to know about the draw besides the sampled edges."""
    population = {p: sum(e.predicate == p for a in articles for e in a.edges) for p in RELATIONS}
    return {
        "seed": seed,
        "corpus": "../shared/corpus/unlabeled/news_2016.jsonl",
        "corpus_articles": corpus_size,
        "criterion": f"at least {MIN_TERMS} distinct entries of scripts/data/conflict_words.txt",
        "eligible_articles": eligible,
        "commit": commit,
        "extractors": sorted({e.extractor for a in articles for e in a.edges}),
        "population": population,
        "structure": {p: sum(a.structure.get(p, 0) for a in articles) for p in STRUCTURE},
        "articles": [
            {
                "id": a.id,
                "edges": {p: sum(e.predicate == p for e in a.edges) for p in RELATIONS},
                "structure": a.structure,
                **({"failure": a.failure} if a.failure else {}),
            }
            for a in articles
        ],
    }


# --- commands ------------------------------------------------------------------------------


def draw(args: argparse.Namespace) -> str:
    terms = load_terms(args.words)
    documents = read_corpus(args.corpus)
    eligible = {
        d.identifier: d
        for d in documents
        if len(conflict_terms(f"{d.title or ''}\n{d.text}", terms)) >= args.min_terms
    }
    chosen = sorted(draw_keys(eligible, args.articles, args.seed))
    articles = build_articles([eligible[key] for key in chosen])
    commit = code_commit()
    rows = sample_rows(articles, args.edges, args.seed, commit)
    old = list(read_jsonl(args.sample)) if args.sample.exists() else []
    archive = archive_rows(list(read_jsonl(args.archive)) if args.archive.exists() else [], old)
    rows, copied = carry_over(rows, [*old, *archive])
    write_jsonl(args.archive, archive)
    write_jsonl(args.sample, rows)
    write_json(args.draw, draw_summary(articles, len(eligible), len(documents), args.seed, commit))
    todo = sum(1 for row in rows if not row["judgement"])
    return (
        f"{len(eligible)} conflict articles of {len(documents)}; drew {len(articles)}, "
        f"{len(rows)} edges; {copied} judgements carried over, {todo} to judge: {args.sample}"
    )


def split(args: argparse.Namespace) -> str:
    rows = list(read_jsonl(args.sample))
    texts = {d.identifier: d.text for d in read_corpus(args.corpus)}
    parts = reader_files(rows, args.split, texts)
    for number, part in enumerate(parts, start=1):
        write_jsonl(args.to / f"reader-{number}.jsonl", part)
    return f"{sum(map(len, parts))} edges to judge in {args.to}: " + ", ".join(
        f"reader-{n}.jsonl ({len(p)})" for n, p in enumerate(parts, start=1)
    )


def merge(args: argparse.Namespace) -> str:
    rows, judged = merge_judgements(list(read_jsonl(args.sample)), args.merge)
    write_jsonl(args.sample, rows)
    archive = list(read_jsonl(args.archive)) if args.archive.exists() else []
    write_jsonl(args.archive, archive_rows(archive, rows))
    todo = sum(1 for row in rows if not row["judgement"])
    return f"merged {judged} judgements into {args.sample}; {todo} edges left to judge"


def report(args: argparse.Namespace) -> str:
    rows = list(read_jsonl(args.sample))
    for number, row in enumerate(rows, start=1):
        check_judgement(row, f"{args.sample}:{number}")
    summary = json.loads(args.draw.read_text(encoding="utf-8"))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(render_report(rows, summary), encoding="utf-8")
    return f"wrote {args.output}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--split", type=int, metavar="N", help="write N reader files (--to)")
    action.add_argument("--merge", type=Path, nargs="+", metavar="FILE", help="reader files")
    action.add_argument("--report", action="store_true", help=f"write {REPORT.name}")
    parser.add_argument("--to", type=Path, default=Path("readers"), help="folder for --split")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--words", type=Path, default=WORDS)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--articles", type=int, default=ARTICLES)
    parser.add_argument("--edges", type=int, default=EDGES)
    parser.add_argument("--min-terms", type=int, default=MIN_TERMS)
    parser.add_argument("--sample", type=Path, default=SAMPLE)
    parser.add_argument("--draw", type=Path, default=DRAW, help="the draw's summary (JSON)")
    parser.add_argument("--archive", type=Path, default=ARCHIVE, help="every judgement so far")
    parser.add_argument("--output", type=Path, default=REPORT, help="where --report writes")
    args = parser.parse_args(argv)
    if args.split is not None and args.split < 1:
        parser.error("--split needs at least 1 reader")
    command = split if args.split else merge if args.merge else report if args.report else draw
    try:
        print(command(args))
    except (SampleError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
