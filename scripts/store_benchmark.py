"""Incremental store builds against full rebuilds, on real news (``news_2016.jsonl``).

Takes the first BASE + EXTRA articles of ``../shared/corpus/unlabeled/news_2016.jsonl`` (in
file order), writes them as two JSONL files, and times, each with the whole pipeline
(spaCy, rules, SHACL, HermiT):

1. ``build_store`` of the BASE + EXTRA articles into a new store (a full rebuild);
2. ``build_store`` of the BASE articles into another new store (the starting point; its
   documents are not parsed again: the extractions of step 1 are reused, so this set-up
   step is not a measurement of parsing);
3. ``build_store`` of the EXTRA articles into that store (the incremental add; parsed);
4. with ``--file``, ``build_graph`` of the BASE + EXTRA articles to one Turtle file;
5. ``build_store`` of all of them again into the store of step 3 (nothing changed);

The spaCy pipeline is loaded once, before step 1, for all steps.
then checks that the stores of steps 2 and 3 hold the same graph. Wall times from
``time.perf_counter``, one run each (a full rebuild takes minutes).

    nice .venv/bin/python scripts/store_benchmark.py            # print the report
    nice .venv/bin/python scripts/store_benchmark.py --write    # also docs/store_benchmark.md
    .venv/bin/python scripts/store_benchmark.py --base 20 --extra 2   # a quick look
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib.compare import isomorphic

from conflictkg.build import build_graph, build_store
from conflictkg.extract.extractor import Extractor
from conflictkg.store.corpus import open_store

ROOT = Path(__file__).resolve().parent.parent
NEWS = ROOT.parent / "shared" / "corpus" / "unlabeled" / "news_2016.jsonl"
OUTPUT = ROOT / "docs" / "store_benchmark.md"


@dataclass(frozen=True)
class Step:
    name: str
    seconds: float
    cpu: float
    detail: str


def _cpu() -> float:
    """CPU seconds of this process and its finished children (HermiT runs in Java)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def _timed(name: str, run: Callable[[], str]) -> Step:
    start, cpu = time.perf_counter(), _cpu()
    detail = run()
    step = Step(name, time.perf_counter() - start, _cpu() - cpu, detail)
    print(
        f"{step.name}: {step.seconds:.1f} s, {step.cpu:.1f} s CPU ({step.detail})",
        file=sys.stderr,
        flush=True,
    )
    return step


def _articles(count: int) -> list[dict[str, Any]]:
    records = []
    with NEWS.open(encoding="utf-8") as stream:
        for line in stream:
            if len(records) == count:
                break
            records.append(json.loads(line))
    if len(records) < count:
        raise SystemExit(f"{NEWS} has only {len(records)} articles")
    return records


def _write(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return path


def run(base: int, extra: int, work: Path, with_file: bool = False) -> tuple[list[Step], bool]:
    records = _articles(base + extra)
    first = _write(work / "base.jsonl", records[:base])
    second = _write(work / "extra.jsonl", records[base:])
    extractor = Extractor.default()
    memo: dict[str, Any] = {}

    class Reuse:
        """The extractions of the full rebuild, again (step 2 only)."""

        def extract(self, document: Any) -> Any:
            return memo.get(document.identifier) or extractor.extract(document)

    class Remember:
        def extract(self, document: Any) -> Any:
            memo[document.identifier] = extraction = extractor.extract(document)
            return extraction

    def store_build(paths: list[Path], store: Path, using: Any = extractor) -> str:
        result = build_store(paths, store, extractor=using)
        change = result.change
        return (
            f"{len(change.added)} added, {len(result.unchanged)} unchanged, "
            f"{len(result.duplicates)} copies skipped, "
            f"{len(change.refused)} refused, {len(result.failures)} unreadable; "
            f"store: {result.summary.documents} documents, "
            f"{sum(result.summary.actors.values())} actors, "
            f"{sum(result.summary.relations.values())} relations"
        )

    def file_build() -> str:
        result = build_graph([first, second], work / "file", extractor=extractor)
        return f"{len(result.graph)} triples"

    steps = [
        _timed(
            f"rebuild a {base + extra}-document store",
            lambda: store_build([first, second], work / "rebuilt", Remember()),
        ),
        _timed(
            f"set-up: a {base}-document store (extractions reused)",
            lambda: store_build([first], work / "grown", Reuse()),
        ),
        _timed(
            f"add {extra} document{'' if extra == 1 else 's'} to it",
            lambda: store_build([second], work / "grown"),
        ),
        *(
            [_timed(f"rebuild the {base + extra}-document Turtle file", file_build)]
            if with_file
            else []
        ),
        _timed(
            f"add all {base + extra} again (unchanged)",
            lambda: store_build([first, second], work / "grown"),
        ),
    ]
    with (
        open_store(work / "grown", read_only=True) as grown,
        open_store(work / "rebuilt", read_only=True) as rebuilt,
    ):
        same = isomorphic(grown.union_graph(), rebuilt.union_graph())
    return steps, same


def render(steps: list[Step], same: bool, base: int, extra: int) -> str:
    rebuild, add = steps[0].seconds, steps[2].seconds
    rebuild_cpu, add_cpu = steps[0].cpu, steps[2].cpu
    lines = [
        "# Store benchmark: adding documents against rebuilding",
        "",
        f"The first {base} + {extra} articles of `news_2016.jsonl`, built with the whole "
        "pipeline (spaCy, rules, SHACL, HermiT) by `scripts/store_benchmark.py`, one run "
        f"each, on {os.cpu_count()} cores shared with other work ({platform.python_version()}, "
        f"{platform.machine()}).",
        "",
        "| step | wall time (s) | CPU time (s) | what it did |",
        "| --- | ---: | ---: | --- |",
        *(f"| {s.name} | {s.seconds:.1f} | {s.cpu:.1f} | {s.detail} |" for s in steps),
        "",
        f"Adding {extra} documents to a {base}-document store took {add:.1f} s "
        f"({add_cpu:.1f} s CPU), against {rebuild:.1f} s ({rebuild_cpu:.1f} s CPU) to rebuild "
        f"the {base + extra}-document store: {rebuild / add:.0f} times less wall time, "
        f"{rebuild_cpu / add_cpu:.0f} times less CPU time. CPU time counts this process and "
        "the Java (HermiT) processes it waited for; wall time also counts the waits for "
        "the cores other work held. The grown store and the rebuilt one hold "
        f"{'the same graph (isomorphic)' if same else 'DIFFERENT graphs'}.",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=int, default=1000)
    parser.add_argument("--extra", type=int, default=10)
    parser.add_argument("--file", action="store_true", help="also time build_graph (-o)")
    parser.add_argument("--write", action="store_true", help=f"also write {OUTPUT}")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="conflictkg-store-bench-") as work:
        steps, same = run(args.base, args.extra, Path(work), args.file)
    report = render(steps, same, args.base, args.extra)
    print(report)
    if args.write:
        OUTPUT.write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
