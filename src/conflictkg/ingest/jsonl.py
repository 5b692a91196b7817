"""JSONL corpora: one article per line, read line by line; one bad line is one failure.

A line is a JSON object with ``id`` and ``text`` (non-empty strings) and optional ``url``,
``date``, ``title`` (strings or null); other keys are ignored. Each line is decoded and
parsed on its own, so an undecodable byte, a nesting too deep for Python's ``json``, or a
line longer than the document limit fails that line only (``corpus.jsonl:17: ...``) and
the other records load. The file is streamed: memory is bounded by the longest line
allowed, not by the size of the file.

Integers of more digits than Python converts (4,300) are read as floats: a record whose
ignored fields hold one still loads. A file that starts with a UTF-16 or UTF-32
byte-order mark is decoded whole (and so is limited like one document).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..files import UnreadableFile, format_bytes, open_regular, read_capped
from ..model import Document
from .decoding import InputProblem, decode_text, looks_binary

__all__ = ["JsonlRecord", "read_jsonl"]

_UTF8_BOM = b"\xef\xbb\xbf"
_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")
_JSON_TYPES = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
_MAX_INT_DIGITS = 4000
_CHUNK = 1 << 16

JsonlRecord = tuple[int, Document]
"""A record that loaded: its line number and its document (identifier = its ``id``)."""


def read_jsonl(
    path: Path, max_line_bytes: int, setting: str | None = None
) -> tuple[list[JsonlRecord], list[InputProblem]]:
    """The records of a JSONL file and the problems of its bad lines.

    Duplicate ids are left to the caller. Raises :class:`InputProblem` for the file as a
    whole: unreadable, not a regular file, empty, or binary (its first 8 KiB).
    """
    source = str(path)
    try:
        with open_regular(source, what="JSONL file") as stream:
            head = stream.read(8192)
            if head.startswith(_WIDE_BOMS):
                rest = read_capped(source, max_line_bytes, "JSONL file", stream, setting)
                text = decode_text(head + rest, source)
                return _records(path, _text_lines(text, max_line_bytes), max_line_bytes, setting)
            binary = looks_binary(head.removeprefix(_UTF8_BOM))
            if binary:
                raise InputProblem(source, f"binary file ({binary})")
            lines = _byte_lines(stream, head, max_line_bytes)
            return _records(path, lines, max_line_bytes, setting)
    except UnreadableFile as exc:
        raise InputProblem(exc.source, exc.reason) from exc
    except OSError as exc:
        raise InputProblem(source, f"cannot be read ({exc.strerror or exc})") from exc


def _text_lines(text: str, limit: int) -> Iterator[tuple[int, bytes | str | None, int]]:
    # Split on "\n" only: JSON strings may hold U+2028 and other characters splitlines() cuts at.
    for number, line in enumerate(text.split("\n"), start=1):
        size = len(line.encode("utf-8", "surrogatepass"))
        yield number, line if size <= limit else None, size


def _byte_lines(
    stream: BinaryIO, head: bytes, limit: int
) -> Iterator[tuple[int, bytes | str | None, int]]:
    """``(number, line, size)`` of every line; ``line`` is ``None`` when it is longer than
    ``limit`` bytes (what is past the limit is never kept)."""
    number, size, kept = 0, 0, []
    buffer = head
    while buffer:
        start = 0
        while (cut := buffer.find(b"\n", start)) >= 0:
            size += cut - start
            if size <= limit:
                kept.append(buffer[start:cut])
            number += 1
            yield number, b"".join(kept) if size <= limit else None, size
            size, kept, start = 0, [], cut + 1
        size += len(buffer) - start
        if size <= limit:
            kept.append(buffer[start:])
        buffer = stream.read(_CHUNK)
    if size:
        yield number + 1, b"".join(kept) if size <= limit else None, size


def _records(
    path: Path,
    lines: Iterator[tuple[int, bytes | str | None, int]],
    limit: int,
    setting: str | None,
) -> tuple[list[JsonlRecord], list[InputProblem]]:
    records: list[JsonlRecord] = []
    problems: list[InputProblem] = []
    seen_any = False
    for number, line, size in lines:
        source = f"{path}:{number}"
        if line is None:
            named = f", {setting}" if setting else ""
            reason = f"record too large ({format_bytes(size)}, more than the limit of "
            problems.append(InputProblem(source, f"{reason}{format_bytes(limit)}{named})"))
            seen_any = True
            continue
        try:
            text = _decoded(line, number == 1, source)
            if not text.strip():
                continue
            seen_any = True
            records.append((number, record_document(text, source, str(path))))
        except InputProblem as exc:
            seen_any = True
            problems.append(exc)
        except Exception as exc:  # whatever else goes wrong with one record, the others load
            seen_any = True
            reason = " ".join(f"cannot be read ({type(exc).__name__}: {exc})".split())
            problems.append(InputProblem(source, reason))
    if not seen_any:
        raise InputProblem(str(path), "empty document")
    return records, problems


def _decoded(line: bytes | str, first: bool, source: str) -> str:
    if isinstance(line, str):
        return line
    if first:
        line = line.removeprefix(_UTF8_BOM)
    try:
        return line.decode("utf-8").removesuffix("\r")
    except UnicodeDecodeError as exc:
        column = len(line[: exc.start].decode("utf-8", "replace")) + 1
        reason = f"not valid UTF-8 (byte 0x{line[exc.start]:02x} at column {column})"
        raise InputProblem(source, reason) from exc


def _big_int(digits: str) -> int | float:
    return float(digits) if len(digits.lstrip("-")) > _MAX_INT_DIGITS else int(digits)


def record_document(line: str, source: str, source_path: str) -> Document:
    """The document of one JSONL line (boilerplate not yet found).

    Raises:
        InputProblem: naming ``source``: invalid JSON (including nesting too deep), not an
            object, a required field missing or of the wrong type, an empty id or text.
    """
    try:
        record = json.loads(line, parse_int=_big_int)
    except json.JSONDecodeError as exc:
        raise InputProblem(source, f"invalid JSON ({exc.msg} at column {exc.colno})") from exc
    except RecursionError as exc:
        raise InputProblem(source, "invalid JSON (nested too deeply)") from exc
    except ValueError as exc:  # a number Python refuses to convert
        raise InputProblem(source, f"invalid JSON ({str(exc).splitlines()[0]})") from exc
    if not isinstance(record, dict):
        raise InputProblem(source, f"expected a JSON object, got {_json_type(record)}")
    for key in ("id", "text"):
        if key not in record:
            raise InputProblem(source, f"missing required field {key!r}")
        if not isinstance(record[key], str):
            got = _json_type(record[key])
            raise InputProblem(source, f"field {key!r} must be a string, got {got}")
    if not record["id"].strip():
        raise InputProblem(source, "empty id")
    if not record["text"].strip():
        raise InputProblem(source, "empty text")
    for key in ("url", "date", "title"):
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            got = _json_type(value)
            raise InputProblem(source, f"field {key!r} must be a string or null, got {got}")
    return Document(
        record["id"],
        record["text"],
        source_path,
        url=record.get("url") or None,
        date=record.get("date") or None,
        title=record.get("title") or None,
    )


def _json_type(value: object) -> str:
    return "number" if type(value) in (int, float) else _JSON_TYPES.get(type(value), "value")
