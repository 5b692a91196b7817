"""Judgements of the precision sample: which edges are the same, carry-over, the archive,
reader files and their merge; reading and writing the JSON Lines files.

Pure functions over rows (one dict a line of ``docs/precision/sample.jsonl``, the archive
``docs/precision/judged.jsonl`` or a reader file); used by ``scripts/precision_sample.py``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from precision_report import REASONS

JUDGEMENTS = ("", "right", "wrong")
JUDGED_FIELDS = ("judgement", "reason", "comment")
CONTEXT_CHARS = 1500
Row = dict[str, Any]  # one line of a sample, archive or reader file


class SampleError(Exception):
    """A problem with an input file of the measurement: the message names it."""


def edge_key(row: Row) -> str:
    """What makes two edges the same edge: article, offsets, subject, predicate, object."""
    fields = ("article", "begin", "end", "subject", "predicate", "object")
    return json.dumps([row[name] for name in fields])


def check_judgement(row: Row, where: str) -> None:
    judgement, reason = row.get("judgement", ""), row.get("reason", "")
    if judgement not in JUDGEMENTS:
        raise SampleError(f"{where}: judgement {judgement!r} is not one of right, wrong, ''")
    if judgement == "wrong" and reason not in REASONS:
        raise SampleError(f"{where}: reason {reason!r} is not one of {', '.join(REASONS)}")
    if judgement != "wrong" and reason:
        raise SampleError(f"{where}: a reason is given for an edge judged {judgement!r}")


def carry_over(rows: Sequence[Row], judged: Iterable[Row]) -> tuple[list[Row], int]:
    """``rows`` with the judgements of identical judged edges copied in (an existing
    judgement in ``rows`` wins; among ``judged``, the first); how many were copied."""
    known: dict[str, Row] = {}
    for row in judged:
        if row.get("judgement"):
            known.setdefault(edge_key(row), row)
    out, copied = [], 0
    for row in rows:
        match = known.get(edge_key(row))
        if not row.get("judgement") and match is not None:
            row = {**row, **{name: match.get(name, "") for name in JUDGED_FIELDS}}
            copied += 1
        out.append(row)
    return out, copied


def archive_rows(archive: Sequence[Row], rows: Sequence[Row]) -> list[Row]:
    """The archive of every judged edge, updated with the judged ``rows`` (which win)."""
    keep = ("article", "begin", "end", "subject", "predicate", "object")
    merged = {edge_key(row): row for row in archive}
    for row in rows:
        if row.get("judgement"):
            fields = (*keep, "subject_label", "object_label", "evidence", *JUDGED_FIELDS)
            merged[edge_key(row)] = {name: row.get(name, "") for name in fields}
    return [merged[key] for key in sorted(merged)]


def context_of(text: str, begin: int, end: int, limit: int = CONTEXT_CHARS) -> str:
    """The evidence sentence marked with [[ ]], after the whole paragraphs before it that fit
    in ``limit`` characters (at least the sentence's own paragraph), to its paragraph end."""
    start = text.rfind("\n", 0, begin) + 1
    while start > 0 and begin - text.rfind("\n", 0, start - 1) - 1 <= limit:
        start = text.rfind("\n", 0, start - 1) + 1
    stop = text.find("\n", end)
    stop = len(text) if stop < 0 else stop
    return f"{text[start:begin]}[[{text[begin:end]}]]{text[end:stop]}".strip()


def reader_files(rows: Sequence[Row], readers: int, texts: dict[str, str]) -> list[list[Row]]:
    """The unjudged rows cut into ``readers`` contiguous parts (an article's edges stay with
    one reader), each row with its context."""
    todo = [row for row in rows if not row.get("judgement")]
    parts: list[list[Row]] = [[] for _ in range(readers)]
    size = -(-len(todo) // readers) if todo else 0
    part = 0
    for index, row in enumerate(todo):
        new_article = index and row["article"] != todo[index - 1]["article"]
        if len(parts[part]) >= size and part < readers - 1 and new_article:
            part += 1
        text = texts.get(row["article"])
        context = context_of(text, row["begin"], row["end"]) if text else f"[[{row['evidence']}]]"
        parts[part].append({**row, "context": context})
    return parts


def merge_judgements(rows: Sequence[Row], files: Sequence[Path]) -> tuple[list[Row], int]:
    """``rows`` with the judgements of the reader files, matched by edge; checked."""
    judged = []
    for path in files:
        for number, row in enumerate(read_jsonl(path), start=1):
            check_judgement(row, f"{path}:{number}")
            judged.append(row)
    keys = {edge_key(row) for row in rows}
    stray = [row for row in judged if edge_key(row) not in keys]
    if stray:
        raise SampleError(f"{len(stray)} judged edges are not in the sample, e.g. {stray[0]}")
    cleared = [{**row, **dict.fromkeys(JUDGED_FIELDS, "")} for row in rows]
    merged, _ = carry_over(cleared, [*judged, *rows])
    return merged, sum(1 for row in judged if row.get("judgement"))


def read_jsonl(path: Path) -> Iterator[Row]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise SampleError(f"{path}: {exc.strerror or exc}") from exc
    for number, line in enumerate(lines, start=1):
        if line.strip():
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise SampleError(f"{path}:{number}: invalid JSON ({exc.msg})") from exc


def write_jsonl(path: Path, rows: Iterable[Row]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    path.write_text(text, encoding="utf-8")


def write_json(path: Path, value: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
