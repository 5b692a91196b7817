"""Speed and memory: conflictkg build against raw spaCy at corpus scale, and the stages.

Two parts, one report (``docs/benchmark.md``):

- **corpus scale** (``scripts/bench/corpus_scale.py``): raw ``nlp.pipe`` of the pinned
  pipeline and ``conflictkg build`` with the same number of workers, on 100, 1,000 and all
  of the unlabeled 2016 articles: words per second, their ratio, peak RSS, triples, where
  the time goes (``scripts/bench/profile.py``: CPU per pipeline component on one process);
- **stages** (below): wall time and peak memory of the pipeline's stages on the
  development corpus and the seed.

Stages: ``spacy`` (the trained model alone), ``extract`` (our extractor), ``build`` (the whole
``build_graph``, SHACL and HermiT included) and ``serialise`` (Turtle), each measured on its
own, in its own Python process unless ``--in-process``; then the same on the development
articles repeated K times. :func:`render_document` states the method in full.

    .venv/bin/python scripts/benchmark.py                 # print the report
    .venv/bin/python scripts/benchmark.py --write         # also rewrite docs/benchmark.md
    .venv/bin/python scripts/benchmark.py --reps 1 --scale 1,2 --sizes 100   # a quick look
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from functools import partial
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from bench import corpus_scale, long_document  # noqa: E402
from bench import profile as bench_profile  # noqa: E402

NEWS = corpus_scale.CORPUS
SIZES = corpus_scale.SIZES
DEV = ROOT / "tests" / "corpus" / "texts"
SEED = ROOT / "seeds"
OUTPUT = ROOT / "docs" / "benchmark.md"
STAGES = ("spacy", "extract", "build", "serialise")
SCALE = (1, 4, 16)
MIB = 1024 * 1024


@dataclass(frozen=True)
class Measurement:
    """One stage on one corpus. Memory in bytes; ``tokens`` as the trained model counts them."""

    corpus: str
    stage: str
    documents: int
    times: tuple[float, ...]
    python_peak: int
    rss_before: int
    rss_peak: int
    result: str
    tokens: int = 0

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def tokens_per_second(self) -> float:
        return self.tokens / self.median if self.median > 0 else 0.0


def _max_rss() -> int:
    """This process's peak resident set size in bytes (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def _prepare(stage: str, paths: Sequence[Path]) -> tuple[Callable[[], tuple[int, str]], int]:
    """Load what ``stage`` needs (untimed); return the timed work and the document count.

    The work returns (count, what it counted); the ``spacy`` stage counts tokens.
    """
    if stage not in STAGES:
        raise ValueError(f"unknown stage {stage!r}; expected one of: {', '.join(STAGES)}")
    from conflictkg.ingest.reader import read_documents

    ingested = read_documents(list(paths))
    if ingested.failures:
        raise SystemExit("; ".join(str(f) for f in ingested.failures))
    documents = ingested.documents
    if stage == "spacy":
        import spacy

        from conflictkg.extract.nlp import MODEL_NAME

        nlp = spacy.load(MODEL_NAME)
        texts = [d.text for d in documents]

        def parse() -> tuple[int, str]:
            return sum(len(doc) for doc in nlp.pipe(texts)), "tokens"

        return parse, len(documents)

    from conflictkg.build import build_graph
    from conflictkg.extract.extractor import Extractor
    from conflictkg.rdf.mapping import to_graph
    from conflictkg.rdf.serialize import serialize_turtle

    extractor = Extractor.default()

    def extract() -> tuple[int, str]:
        extractions = [extractor.extract(d) for d in documents]
        return sum(len(e.relations) for e in extractions), "relations"

    def build() -> tuple[int, str]:
        return len(build_graph(paths, None, extractor=extractor).graph), "triples"

    if stage == "serialise":
        graph = to_graph([extractor.extract(d) for d in documents])

        def serialise() -> tuple[int, str]:
            return len(serialize_turtle(graph)), "bytes of Turtle"

        return serialise, len(documents)
    return (extract if stage == "extract" else build), len(documents)


def measure(corpus: str, stage: str, paths: Sequence[Path], reps: int) -> Measurement:
    """Measure ``stage`` on the documents under ``paths`` in this process."""
    work, documents = _prepare(stage, paths)
    gc.collect()
    rss_before = _max_rss()
    times = []
    result = (0, "")
    for _ in range(reps):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    gc.collect()
    tracemalloc.start()
    try:
        work()
        python_peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return Measurement(
        corpus=corpus,
        stage=stage,
        documents=documents,
        times=tuple(times),
        python_peak=python_peak,
        rss_before=rss_before,
        rss_peak=_max_rss(),
        result=f"{result[0]} {result[1]}",
        tokens=result[0] if stage == "spacy" else 0,
    )


def measure_isolated(
    corpus: str, stage: str, paths: Sequence[Path], reps: int, *, code: Path | None = None
) -> Measurement:
    """:func:`measure` in a fresh Python process running this script with ``--child``;
    ``code`` is a folder holding the ``conflictkg`` package to import instead of ``src/``."""
    command = [sys.executable, str(Path(__file__).resolve()), "--child", stage, "--reps", str(reps)]
    env = dict(os.environ)
    if code is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(code), env.get("PYTHONPATH")]))
    done = subprocess.run(
        [*command, "--corpus", corpus, *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    if done.returncode != 0:
        tail = "\n".join(done.stderr.strip().splitlines()[-5:])
        raise RuntimeError(f"{stage} on {corpus} failed (exit {done.returncode}):\n{tail}")
    data = json.loads(done.stdout.strip().splitlines()[-1])
    data["times"] = tuple(data["times"])
    return Measurement(**data)


def snapshot_code(folder: Path) -> Path:
    """Copy ``src/conflictkg`` (with the ontology, laid out as in a wheel) under ``folder``,
    so that every child process of one run measures the same code, whatever is edited
    meanwhile; return the folder to put on ``PYTHONPATH``."""
    package = folder / "conflictkg"
    shutil.copytree(
        ROOT / "src" / "conflictkg", package, ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copytree(ROOT / "ontology", package / "check" / "ontology")
    return folder


def synthetic_corpus(paths: Sequence[Path], copies: int, folder: Path) -> Path:
    """A JSONL file holding every document under ``paths`` ``copies`` times, each copy a
    distinct document (``<identifier>~<n>``)."""
    from conflictkg.ingest.reader import read_documents

    documents = read_documents(list(paths)).documents
    target = folder / f"corpus_x{copies}.jsonl"
    with target.open("w", encoding="utf-8") as out:
        for n in range(1, copies + 1):
            for document in documents:
                record = {"id": f"{Path(document.identifier).stem}~{n}", "text": document.text}
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return target


@dataclass(frozen=True)
class Report:
    """Every measurement: the named corpora, then the scaling run (corpus ``xK``)."""

    reps: int
    isolated: bool
    corpora: tuple[Measurement, ...]
    scaling: tuple[Measurement, ...]


def _stages_of(
    corpus: str,
    paths: Sequence[Path],
    reps: int,
    measure_one: Callable[[str, str, Sequence[Path], int], Measurement],
    progress: Callable[[str], None],
) -> list[Measurement]:
    found: list[Measurement] = []
    for stage in STAGES:
        progress(f"{corpus}: {stage}")
        found.append(measure_one(corpus, stage, paths, reps))
    tokens = found[0].tokens  # the spacy stage runs first and counts the tokens
    return [replace(m, tokens=tokens) for m in found]


def run_benchmark(
    corpora: dict[str, Sequence[Path]],
    scale_source: Sequence[Path],
    scale: Sequence[int] = SCALE,
    *,
    reps: int = 3,
    isolate: bool = True,
    progress: Callable[[str], None] = lambda _: None,
) -> Report:
    """Measure every stage on each corpus, then on ``scale_source`` repeated ``k`` times."""
    with tempfile.TemporaryDirectory(prefix="conflictkg-bench-") as folder:
        measure_one: Callable[[str, str, Sequence[Path], int], Measurement] = measure
        if isolate:
            measure_one = partial(measure_isolated, code=snapshot_code(Path(folder, "code")))
        measured: list[Measurement] = []
        for name, paths in corpora.items():
            measured += _stages_of(name, paths, reps, measure_one, progress)
        scaled: list[Measurement] = []
        for copies in scale:
            corpus = synthetic_corpus(scale_source, copies, Path(folder))
            scaled += _stages_of(f"x{copies}", [corpus], reps, measure_one, progress)
    return Report(reps, isolate, tuple(measured), tuple(scaled))


# --- the report --------------------------------------------------------------------------


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def _java() -> str:
    try:
        done = subprocess.run(
            ["java", "-version"], capture_output=True, text=True, check=False, timeout=30
        )
    except (OSError, subprocess.TimeoutExpired):
        return "not found"
    lines = (done.stderr or done.stdout).strip().splitlines()
    return lines[0] if lines else "unknown"


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _commit() -> str:
    """The checked-out commit, and whether ``src/`` or ``ontology/`` differ from it."""
    try:
        head = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "--", "src", "ontology"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{head} (with uncommitted changes)" if dirty else head


def machine() -> list[tuple[str, str]]:
    """What the numbers were measured on."""
    from conflictkg.extract.nlp import MODEL_NAME

    nproc = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return [
        ("nproc", str(nproc)),
        ("CPU", _cpu()),
        ("OS", platform.platform()),
        ("Python", f"{platform.python_implementation()} {platform.python_version()}"),
        ("spaCy", _version("spacy")),
        ("model", f"{MODEL_NAME} {_version(MODEL_NAME)}"),
        ("rdflib", _version("rdflib")),
        ("pyshacl", _version("pyshacl")),
        ("owlready2 (HermiT)", _version("owlready2")),
        ("Java", _java()),
        ("conflictkg", f"{_version('conflictkg')}, commit {_commit()}"),
    ]


def _mib(value: int) -> str:
    return f"{value / MIB:.1f}"


def stage_table(measurements: Sequence[Measurement]) -> str:
    """One row per (corpus, stage)."""
    lines = [
        "| corpus | docs | tokens | stage | median s | min–max s | tokens/s "
        "| Python peak MiB | RSS before → peak MiB | result |",
        "|---|---:|---:|---|---:|---:|---:|---:|---:|---|",
    ]
    for m in measurements:
        lines.append(
            f"| {m.corpus} | {m.documents} | {m.tokens} | {m.stage} | {m.median:.3f} "
            f"| {min(m.times):.3f}–{max(m.times):.3f} | {m.tokens_per_second:,.0f} "
            f"| {_mib(m.python_peak)} | {_mib(m.rss_before)} → {_mib(m.rss_peak)} | {m.result} |"
        )
    return "\n".join(lines) + "\n"


def scaling_table(measurements: Sequence[Measurement]) -> str:
    """One row per (k, stage), with time and Python peak relative to the smallest k."""
    first = {m.stage: m for m in reversed(measurements)}
    lines = [
        "| corpus | docs | tokens | stage | median s | time × | tokens/s "
        "| Python peak MiB | peak × | RSS peak MiB |",
        "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for m in measurements:
        base = first[m.stage]
        time_ratio = m.median / base.median if base.median > 0 else 0.0
        peak_ratio = m.python_peak / base.python_peak if base.python_peak else 0.0
        lines.append(
            f"| {m.corpus} | {m.documents} | {m.tokens} | {m.stage} | {m.median:.3f} "
            f"| {time_ratio:.1f} | {m.tokens_per_second:,.0f} | {_mib(m.python_peak)} "
            f"| {peak_ratio:.1f} | {_mib(m.rss_peak)} |"
        )
    return "\n".join(lines) + "\n"


def render_document(report: Report, host: Sequence[tuple[str, str]], corpus_scale: str = "") -> str:
    """The whole ``docs/benchmark.md`` (``corpus_scale``: that section, put first)."""
    where = (
        "its own Python process, all of them importing one copy of `src/conflictkg` taken at "
        "the start of the run"
        if report.isolated
        else "the same Python process"
    )
    machine_rows = "\n".join(f"| {key} | {value} |" for key, value in host)
    return f"""\
# Benchmark: time and memory of the pipeline

<!-- Generated by `.venv/bin/python scripts/benchmark.py --write`; do not edit. -->

Numbers vary from run to run and machine to machine; the table layout does not.

## Machine

| | |
|---|---|
{machine_rows}

{corpus_scale}
## Method

Stages: **spacy** is the trained model alone (`spacy.load` + `nlp.pipe` over the raw texts);
**extract** is `conflictkg.extract.extractor.Extractor.extract` on every document (the model
with our tokenizer tweaks and gazetteer ruler, then mentions, resolution and the relation
rules);
**build** is `conflictkg.build.build_graph` without an output folder (reading, extraction,
mapping to RDF, SHACL validation and the HermiT consistency check); **serialise** is
`conflictkg.rdf.serialize.serialize_turtle` of the corpus's graph. Loading the model, gazetteer and
lexicon is not timed.

Each row ran in {where}: {report.reps} timed run(s), whose median and range are shown,
then one more run under `tracemalloc`, whose peak is the *Python peak* (memory
allocated through Python's allocators during the stage, numpy and spaCy's included).
*RSS before → peak* is the process's `ru_maxrss` after loading, before the stage, and at
the end: the whole process, model and interpreter included. HermiT runs in a separate Java
process whose memory is in neither column. *tokens/s* is the corpus's tokens (as the model
tokenizes the raw texts) divided by the stage's median time. `nlp.pipe` parses its input
in batches (the model's default: 256 texts), so the spacy stage holds all of a small corpus
at once; the extractor parses one document at a time.

## Development corpus and seed

`dev` is `tests/corpus/texts` (the four development articles); `seed` is `seeds/`.

{stage_table(report.corpora)}
## Scaling

`xK` is the development articles repeated K times, each copy a distinct document of one
JSONL file. *time ×* and *peak ×* are relative to the first K.

{scaling_table(report.scaling)}"""


def _parse_scale(text: str) -> tuple[int, ...]:
    try:
        values = tuple(int(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: expected integers such as 1,4,16") from None
    if not values or min(values) < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: every K must be at least 1")
    return values


def _parse_sizes(text: str) -> tuple[int | None, ...]:
    sizes: list[int | None] = []
    for part in text.split(","):
        if part == "all":
            sizes.append(None)
        elif part.isdigit() and int(part) > 0:
            sizes.append(int(part))
        else:
            raise argparse.ArgumentTypeError(f"{text!r}: expected sizes such as 100,1000,all")
    return tuple(sizes)


def _size(size: int | None) -> float:
    return float("inf") if size is None else size


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=3, help="timed runs per row (median)")
    parser.add_argument("--scale", type=_parse_scale, default=SCALE, help="K values: 1,4,16")
    parser.add_argument("--in-process", action="store_true", help="no process per row")
    parser.add_argument("--write", action="store_true", help=f"rewrite {OUTPUT}")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="where --write writes")
    parser.add_argument(
        "--sizes", type=_parse_sizes, default=SIZES, help="corpus-scale samples: 100,1000,all"
    )
    parser.add_argument("--workers", type=int, default=2, help="workers for both, at scale")
    parser.add_argument("--news", type=Path, default=NEWS, help="the unlabeled JSONL corpus")
    parser.add_argument(
        "--record", type=Path, help="append each corpus-scale run to this JSON-lines file"
    )
    parser.add_argument(
        "--from-record", type=Path, help="render the corpus-scale runs of this file; run none"
    )
    parser.add_argument("--skip-stages", action="store_true", help="no development-corpus stages")
    parser.add_argument("--child", choices=STAGES, help=argparse.SUPPRESS)
    parser.add_argument("--corpus", default="", help=argparse.SUPPRESS)
    parser.add_argument("paths", nargs="*", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.reps < 1:
        parser.error("--reps must be at least 1")
    if args.paths and not args.child:
        parser.error("the corpora are fixed: dev (tests/corpus/texts) and seed (seeds/)")
    if args.child:  # one measurement, as JSON on the last line of stdout
        found = measure(args.corpus, args.child, args.paths, args.reps)
        print(json.dumps(asdict(found)))
        return 0

    def progress(text: str) -> None:
        print(f"measuring {text}", file=sys.stderr, flush=True)

    host = machine()  # before the run: the commit of the code it copies
    with tempfile.TemporaryDirectory(prefix="conflictkg-profile-") as folder:
        code = snapshot_code(Path(folder, "code"))
        if args.from_record:
            pairs = corpus_scale.recorded(args.from_record)
            unfinished = corpus_scale.unpaired(args.from_record)
        else:
            pairs = corpus_scale.run_all(
                args.news, args.sizes, args.workers, progress, code, args.record
            )
            unfinished = []
        smallest, _, _ = corpus_scale.sample(args.news, min(args.sizes, key=_size), Path(folder))
        progress(f"the CPU profile on {smallest.name}")
        section = corpus_scale.render(pairs, bench_profile.profile(smallest), unfinished)
    print(section, file=sys.stderr, flush=True)  # kept even if the stages below fail
    if args.skip_stages:
        document = render_document(Report(0, False, (), ()), host, section).split("## Method")[0]
        document += "The development-corpus stages were not measured in this run (--skip-stages).\n"
    else:
        report = run_benchmark(
            {"dev": [DEV], "seed": [SEED]},
            [DEV],
            args.scale,
            reps=args.reps,
            isolate=not args.in_process,
            progress=progress,
        )
        document = render_document(report, host, section)
    print(document, end="")
    if args.write:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        old = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        kept = long_document.kept_section(old)  # measured by its own script
        document = long_document.put_section(document, kept) if kept else document
        args.output.write_text(document, encoding="utf-8")
        print(f"wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
