"""Time and peak memory of ``conflictkg validate`` on generated graphs of growing size.

For each size it writes a graph with ``generate_graph.py`` (realistic shape, conforming),
runs ``conflictkg validate`` on it in a child process and reads the child's CPU time and
peak resident memory from ``wait4`` (the largest of the process and its children, so
HermiT's Java counts too), the exact triple count of the file (streamed by pyoxigraph) and
the machine's load average (1 minute, as ``uptime`` shows it) before and after the run: on
a shared machine the wall time says more about the others' jobs than about this one. With
``--write`` the table replaces the one between the markers in ``docs/validation.md`` (the
rest of that file is left as it is).

    python scripts/validation_benchmark.py --sizes 1000000 5000000 --write
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate_graph import write_graph

REPO = Path(__file__).resolve().parents[1]
CLI = Path(sys.executable).with_name("conflictkg")
OUTPUT = REPO / "docs" / "validation.md"
BEGIN, END = "<!-- validation_benchmark: begin -->", "<!-- validation_benchmark: end -->"


def count_triples(path: Path) -> int:
    """The triples of a Turtle file, streamed (never held)."""
    with path.open("rb") as stream:
        return sum(1 for _ in ox.parse(input=stream, format=ox.RdfFormat.TURTLE))


def write_table(text: str, output: Path = OUTPUT) -> None:
    """Put ``text`` between the markers of ``output`` (the whole file if it has none)."""
    block = f"{BEGIN}\n{text}{END}"
    old = output.read_text(encoding="utf-8") if output.exists() else ""
    if BEGIN in old and END in old:
        head, rest = old.split(BEGIN, 1)
        new = head + block + rest.split(END, 1)[1]
    else:
        new = f"# `conflictkg validate` at scale\n\n{block}\n"
    output.write_text(new, encoding="utf-8")


def measure(path: Path) -> tuple[int, float, float, float, str]:
    """``(exit code, wall s, CPU s, peak RSS MiB, last line of stdout)`` of one validate."""
    read, write = os.pipe()
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:  # the child: conflictkg validate, from /, stdout into the pipe
        os.chdir("/")
        os.dup2(write, 1)
        os.execv(str(CLI), [str(CLI), "validate", str(path)])
    os.close(write)
    with os.fdopen(read, "r", encoding="utf-8", errors="replace") as out:
        text = out.read()
    _, status, usage = os.wait4(pid, 0)
    wall = time.monotonic() - start
    lines = text.strip().splitlines()
    return (
        os.waitstatus_to_exitcode(status),
        wall,
        usage.ru_utime + usage.ru_stime,
        usage.ru_maxrss / 1024,
        " / ".join(lines[:1] + lines[-1:]),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--write", action="store_true", help=f"write {OUTPUT.name}")
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            path = Path(tmp) / f"graph-{size}.ttl"
            with path.open("w", encoding="utf-8") as out:
                write_graph(out, size)
            megabytes = path.stat().st_size / 1024**2
            triples = count_triples(path)
            before = os.getloadavg()[0]
            code, wall, cpu, rss, verdict = measure(path)
            load = f"{before:.1f} → {os.getloadavg()[0]:.1f}"
            row = (size, megabytes, code, wall, cpu, rss, verdict, triples, load)
            print(row, file=sys.stderr)
            rows.append(row)
    table = [
        "| triples (about) | file | exit | wall | CPU | peak RSS | verdict | triples | load |",
        "|---:|---:|---:|---:|---:|---:|---|---:|---:|",
        *(
            f"| {size:,} | {mb:.0f} MiB | {code} | {wall:.0f} s | {cpu:.0f} s | {rss:,.0f} MiB "
            f"| {verdict} | {triples:,} | {load} |"
            for size, mb, code, wall, cpu, rss, verdict, triples, load in rows
        ),
    ]
    text = "\n".join(table) + "\n"
    print(text)
    if args.write:
        write_table(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
