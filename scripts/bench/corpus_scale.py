"""Corpus scale: ``conflictkg build`` against raw spaCy on the same texts, same worker count.

For each sample of the unlabeled 2016 news (100 and 1,000 articles spread evenly over the
file, and all of it), two commands run in fresh processes, one after the other:

- **raw spaCy**: ``spacy.load`` of the pinned pipeline and ``nlp.pipe(texts, n_process=W)``
  over the texts, each doc's tokens counted (the limit a spaCy-based builder can reach);
- **build**: ``build_graph`` as ``conflictkg build SAMPLE -o DIR -j W`` calls it (workers,
  streaming, SHACL, HermiT and the Turtle export included).

Wall time is the whole process, start to exit (interpreter, imports and model loading
included); words per second is the sample's words (whitespace-separated) over it. Peak RSS
is the largest sum of the resident memory of the process and all its descendants (the
workers, and Java for HermiT), sampled every 50 ms; in brackets the same for PSS, which
counts the pages forked workers share with their parent once instead of in every process.
CPU time is user + system of the process and its descendants.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus" / "unlabeled" / "news_2016.jsonl"
SIZES: tuple[int | None, ...] = (100, 1000, None)  # None: every article
RAW_BATCH = 32  # nlp.pipe batch size: small enough that every process gets work at 100
SAMPLE_EVERY = 0.05
MIB = 1024 * 1024

RAW = """
import json, resource, sys, time
start = time.perf_counter()
import spacy
from conflictkg.extract.nlp import MODEL_NAME
path, workers, batch = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
texts = [json.loads(line)["text"] for line in open(path, encoding="utf-8") if line.strip()]
nlp = spacy.load(MODEL_NAME)
loaded = time.perf_counter()
tokens = sum(len(doc) for doc in nlp.pipe(texts, n_process=workers, batch_size=batch))
done = time.perf_counter()
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
stages = {"load": loaded - start, "parse": done - loaded}
print(json.dumps({"stages": stages, "tokens": tokens, "main_rss": rss}))
"""

BUILD = """
import json, resource, sys
from pathlib import Path
from conflictkg.build import build_graph
path, workers, out = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
result = build_graph([path], out, workers=workers, keep_graph=False)
print(json.dumps({"stages": result.stages, "documents": result.summary.documents,
                  "failures": len(result.failures), "workers": result.engine.workers,
                  "output": str(result.output),
                  "main_rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


@dataclass(frozen=True)
class Run:
    """One command on one sample."""

    kind: str  # "raw spaCy" or "build"
    articles: int
    words: int
    wall: float
    cpu: float
    peak_rss: int  # bytes, summed over the process tree
    peak_pss: int  # bytes, the same with shared pages split among the processes sharing them
    main_rss: int  # bytes, the command's own process
    load: str  # load averages before and after
    stages: dict[str, float] = field(default_factory=dict)
    triples: int = 0
    workers: int = 0

    @property
    def words_per_second(self) -> float:
        return self.words / self.wall if self.wall > 0 else 0.0


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def sample(corpus: Path, size: int | None, folder: Path) -> tuple[Path, int, int]:
    """``size`` articles spread evenly over ``corpus`` (all for ``None``), as a JSONL file;
    with the article and word counts."""
    lines = [line for line in corpus.read_text(encoding="utf-8").split("\n") if line.strip()]
    chosen = (
        lines
        if size is None or size >= len(lines)
        else [lines[index * len(lines) // size] for index in range(size)]
    )
    target = folder / f"sample_{len(chosen)}.jsonl"
    target.write_text("\n".join(chosen) + "\n", encoding="utf-8")
    words = sum(len(json.loads(line)["text"].split()) for line in chosen)
    return target, len(chosen), words


def _tree_memory(process: object) -> tuple[int, int]:
    """RSS and PSS summed over ``process`` and its descendants (PSS splits the pages that
    forked workers share with their parent among them; RSS counts them in each)."""
    import psutil

    assert isinstance(process, psutil.Process)
    rss = pss = 0
    for member in [process, *process.children(recursive=True)]:
        try:
            memory = member.memory_full_info()
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        rss += memory.rss
        pss += getattr(memory, "pss", memory.rss)
    return rss, pss


def measured(
    command: Sequence[str], code: Path | None = None
) -> tuple[float, float, tuple[int, int], str]:
    """Run ``command`` (importing ``conflictkg`` from ``code`` if given); its wall time, CPU
    time (with descendants), peak tree RSS and PSS, and standard output."""
    import psutil

    env = dict(os.environ)
    if code is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(code), env.get("PYTHONPATH")]))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    child = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    peak = (0, 0)
    watched = psutil.Process(child.pid)

    def watch() -> None:
        nonlocal peak
        while child.poll() is None:
            try:
                rss, pss = _tree_memory(watched)
            except psutil.NoSuchProcess:
                return
            peak = (max(peak[0], rss), max(peak[1], pss))
            time.sleep(SAMPLE_EVERY)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    out, err = child.communicate()
    wall = time.perf_counter() - start
    watcher.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if child.returncode != 0:
        tail = "\n".join(err.strip().splitlines()[-5:])
        raise RuntimeError(f"{command[2][:40]!r}... failed (exit {child.returncode}):\n{tail}")
    return wall, cpu, peak, out


def _triples(path: Path) -> int:
    import pyoxigraph

    with path.open("rb") as stream:
        return sum(1 for _ in pyoxigraph.parse(stream, format=pyoxigraph.RdfFormat.TURTLE))


def run_size(
    corpus: Path,
    size: int | None,
    workers: int,
    folder: Path,
    progress: Callable[[str], None] = print,
    code: Path | None = None,
    record: Path | None = None,
) -> tuple[Run, Run]:
    """Raw spaCy and the build on one sample (the build first on the whole corpus, whose
    memory is what the flat-memory target is about); each run is appended to ``record``
    (JSON lines) as soon as it is over."""
    path, articles, words = sample(corpus, size, folder)
    runs = []
    for kind in ("build", "raw spaCy") if size is None else ("raw spaCy", "build"):
        progress(f"{kind} on {articles} articles ({words:,} words), {workers} workers")
        load = load_average()
        if kind == "raw spaCy":
            command = [sys.executable, "-c", RAW, str(path), str(workers), str(RAW_BATCH)]
        else:
            out = folder / f"out_{articles}"
            command = [sys.executable, "-c", BUILD, str(path), str(workers), str(out)]
        wall, cpu, peak, stdout = measured(command, code)
        data = json.loads(stdout.strip().splitlines()[-1])
        triples = _triples(Path(data["output"])) if kind == "build" else 0
        runs.append(
            Run(
                kind,
                articles,
                words,
                wall,
                cpu,
                peak[0],
                peak[1],
                data["main_rss"] * 1024,
                f"{load} → {load_average()}",
                {k: float(v) for k, v in data["stages"].items()},
                triples,
                data.get("workers", workers),
            )
        )
        if record is not None:
            with record.open("a", encoding="utf-8") as out:
                out.write(json.dumps(asdict(runs[-1])) + "\n")
    raw, build = sorted(runs, key=lambda run: run.kind != "raw spaCy")
    return raw, build


def recorded(record: Path) -> list[tuple[Run, Run]]:
    """The pairs of runs in ``record`` (see :func:`run_size`); a size missing one of its two
    runs is left out."""
    runs = [Run(**json.loads(line)) for line in record.read_text(encoding="utf-8").splitlines()]
    by_size: dict[int, dict[str, Run]] = {}
    for run in runs:
        by_size.setdefault(run.articles, {})[run.kind] = run
    return [
        (kinds["raw spaCy"], kinds["build"])
        for _, kinds in sorted(by_size.items())
        if len(kinds) == 2
    ]


def unpaired(record: Path) -> list[Run]:
    """Runs in ``record`` whose other half is missing (a run cut short)."""
    runs = [Run(**json.loads(line)) for line in record.read_text(encoding="utf-8").splitlines()]
    sizes = {(run.articles, run.kind) for run in runs}
    return [run for run in runs if len({k for a, k in sizes if a == run.articles}) == 1]


def run_all(
    corpus: Path = CORPUS,
    sizes: Sequence[int | None] = SIZES,
    workers: int = 2,
    progress: Callable[[str], None] = print,
    code: Path | None = None,
    record: Path | None = None,
) -> list[tuple[Run, Run]]:
    with tempfile.TemporaryDirectory(prefix="conflictkg-scale-") as folder:
        return [
            run_size(corpus, size, workers, Path(folder), progress, code, record) for size in sizes
        ]


# --------------------------------------------------------------------------- the report


def _mib(value: int) -> str:
    return f"{value / MIB:,.0f}"


def render(
    pairs: Sequence[tuple[Run, Run]], profile: str = "", unfinished: Sequence[Run] = ()
) -> str:
    """The Markdown section: the comparison, the build's stages, the targets (and runs
    whose other half did not finish, if any)."""
    lines = [
        "## Corpus scale: `conflictkg build` against raw spaCy",
        "",
        (__doc__ or "").split("\n\n", 1)[1].strip(),
        "",
        "| articles | words | workers | raw spaCy s | raw words/s | build s | build words/s "
        "| ratio | raw peak RSS (PSS) MiB | build peak RSS (PSS) MiB | build main process MiB "
        "| raw CPU s | build CPU s | triples |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for raw, build in pairs:
        ratio = build.words_per_second / raw.words_per_second if raw.words_per_second else 0
        lines.append(
            f"| {raw.articles:,} | {raw.words:,} | {build.workers} | {raw.wall:.1f} "
            f"| {raw.words_per_second:,.0f} | {build.wall:.1f} | {build.words_per_second:,.0f} "
            f"| {ratio:.2f} | {_mib(raw.peak_rss)} ({_mib(raw.peak_pss)}) "
            f"| {_mib(build.peak_rss)} ({_mib(build.peak_pss)}) "
            f"| {_mib(build.main_rss)} | {raw.cpu:.1f} | {build.cpu:.1f} | {build.triples:,} |"
        )
    names = list(dict.fromkeys(name for _, build in pairs for name in build.stages))
    lines += [
        "",
        "Where the build's wall time goes (seconds; *extract* runs the workers while the "
        "main process maps and spools each document as it arrives; *map and SHACL* maps, "
        "validates and writes Turtle blocks 256 documents at a time once every actor is "
        "known; *OWL* is HermiT on the actor layer; *resources* checks the ontology and "
        "shapes, HermiT included):",
        "",
        "| articles | " + " | ".join(names) + " | raw spaCy: load | raw spaCy: parse |",
        "|---:|" + "---:|" * (len(names) + 2),
    ]
    for raw, build in pairs:
        cells = " | ".join(f"{build.stages.get(name, 0.0):.1f}" for name in names)
        lines.append(
            f"| {build.articles:,} | {cells} | {raw.stages.get('load', 0):.1f} "
            f"| {raw.stages.get('parse', 0):.1f} |"
        )
    lines += ["", "Load averages (1, 5, 15 min) before → after each command:", ""]
    lines += [f"- {r.kind}, {r.articles:,} articles: {r.load}" for pair in pairs for r in pair]
    for run in unfinished:
        lines += [
            "",
            f"Only the {run.kind} finished on {run.articles:,} articles ({run.words:,} words): "
            f"{run.wall:.1f} s, {run.words_per_second:,.0f} words/s, peak RSS "
            f"{_mib(run.peak_rss)} MiB (PSS {_mib(run.peak_pss)}), main process "
            f"{_mib(run.main_rss)} MiB, CPU {run.cpu:.1f} s"
            + (f", {run.triples:,} triples, stages " if run.triples else "")
            + ", ".join(f"{k} {v:.1f} s" for k, v in run.stages.items())
            + f"; load {run.load}.",
        ]
    lines += ["", *_targets(pairs, unfinished)]
    if profile:
        lines += ["", profile.rstrip()]
    return "\n".join(lines) + "\n"


def _targets(pairs: Sequence[tuple[Run, Run]], unfinished: Sequence[Run] = ()) -> list[str]:
    by_size = {build.articles: (raw, build) for raw, build in pairs}
    builds = {build.articles: build for _, build in pairs}
    builds |= {run.articles: run for run in unfinished if run.kind == "build"}
    found = []
    if 1000 in by_size:
        raw, build = by_size[1000]
        ratio = build.words_per_second / raw.words_per_second
        verdict = "met" if ratio >= 0.85 else "not met"
        found.append(
            f"- Target build ≥ 0.85 × raw spaCy words/s at 1,000 articles: {ratio:.2f}, {verdict}."
        )
        cpu = raw.cpu / build.cpu if build.cpu else 0.0
        found.append(
            f"- In CPU time, which other load on the machine disturbs less: raw spaCy "
            f"{raw.words / raw.cpu:,.0f} words per CPU-second, the build "
            f"{build.words / build.cpu:,.0f} ({cpu:.2f} ×)."
        )
        largest = max(builds)
        if largest > 1000:
            growth = builds[largest].peak_rss / build.peak_rss
            pss = builds[largest].peak_pss / build.peak_pss if build.peak_pss else 0.0
            verdict = "met" if growth <= 1.2 else "not met"
            found.append(
                f"- Target peak RSS at {largest:,} articles ≤ 1.2 × the peak at 1,000: "
                f"{growth:.2f} × ({pss:.2f} × in PSS), {verdict}."
            )
    return found
