"""SPARQL results: terms, result sets, and their table, CSV and JSON renderings.

:func:`format_result` writes a readable table (aligned columns, control characters
escaped, long cells cut), the SPARQL 1.1 CSV results format, or the SPARQL 1.1 JSON
results format. Output is deterministic. :func:`write_result` writes the same from rows
that are still arriving: CSV and JSON row by row (a result of any size streams through in
constant memory), the table up to a row limit, after which it stops reading and says so.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal, TextIO

from ..errors import QueryError

__all__ = ["MAX_CELL", "QueryResult", "Rendered", "Term", "format_result", "write_result"]

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


@dataclass(frozen=True, order=True)
class Term:
    """One RDF term of a result, free of pyoxigraph types.

    ``kind`` is ``"uri"``, ``"bnode"``, ``"literal"`` or ``"triple"`` (the SPARQL JSON names);
    ``value`` the IRI, blank node label, lexical form, or N-Triples text of a triple term.
    Literals carry ``language`` or else ``datatype``, which is ``None`` for xsd:string.
    ``str(term)`` is its N-Triples form.
    """

    kind: Literal["uri", "bnode", "literal", "triple"]
    value: str
    datatype: str | None = None
    language: str | None = None

    def __str__(self) -> str:
        if self.kind == "uri":
            return f"<{self.value}>"
        if self.kind == "bnode":
            return f"_:{self.value}"
        if self.kind == "triple":
            return f"<<( {self.value} )>>"
        text = '"' + _NT_ESCAPE.sub(_nt_escape, self.value) + '"'
        if self.language:
            return f"{text}@{self.language}"
        return f"{text}^^<{self.datatype}>" if self.datatype else text


_NT_ESCAPE = re.compile('["\\\\\x00-\x1f\x7f]')
_NT_SHORT = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _nt_escape(match: re.Match[str]) -> str:
    return _NT_SHORT.get(match.group()) or f"\\u{ord(match.group()):04X}"


Row = tuple[Term | None, ...]


@dataclass(frozen=True)
class QueryResult:
    """The complete result of one query.

    * SELECT: ``kind="select"``, ``variables`` in projection order, ``rows`` in the order the
      query gives them (use ORDER BY for a defined order), ``None`` for unbound.
    * ASK: ``kind="ask"``, ``boolean``; no variables, no rows.
    * CONSTRUCT/DESCRIBE: ``kind="graph"``, variables ``subject``, ``predicate``, ``object``
      and one row per distinct triple, sorted.
    """

    kind: Literal["select", "ask", "graph"]
    variables: tuple[str, ...] = ()
    rows: tuple[Row, ...] = ()
    boolean: bool | None = None


def _plain(term: Term | None) -> str:
    """A term as the SPARQL CSV format writes it."""
    if term is None:
        return ""
    return f"_:{term.value}" if term.kind == "bnode" else term.value


_CELL_ESCAPE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
MAX_CELL = 80


def _width(text: str) -> int:
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in text
    )


def _cell(term: Term | None) -> str:
    text = _CELL_ESCAPE.sub(lambda m: m.group().encode("unicode_escape").decode(), _plain(term))
    if _width(text) <= MAX_CELL:
        return text
    while _width(text) > MAX_CELL - 1:
        text = text[:-1]
    return text + "…"


Format = Literal["table", "csv", "json"]
Kind = Literal["select", "ask", "graph"]


@dataclass(frozen=True)
class Rendered:
    """What :func:`write_result` wrote: how many rows, and whether more were left unread."""

    rows: int
    truncated: bool = False


def _table(
    out: TextIO,
    kind: Kind,
    variables: tuple[str, ...],
    boolean: bool | None,
    rows: Iterator[Row],
    max_rows: int | None,
) -> Rendered:
    if kind == "ask":
        out.write(f"{'true' if boolean else 'false'}\n")
        return Rendered(0)
    header = list(variables)
    cells: list[list[str]] = []
    truncated = False
    for row in rows:
        if max_rows is not None and len(cells) == max_rows:
            truncated = True
            break
        cells.append([_cell(term) for term in row])
    widths = [max([_width(h)] + [_width(r[i]) for r in cells]) for i, h in enumerate(header)]

    def line(values: list[str]) -> str:
        padded = (v + " " * (w - _width(v)) for v, w in zip(values, widths, strict=True))
        return "  ".join(padded).rstrip()

    lines = [line(header), line(["-" * w for w in widths]), *(line(r) for r in cells)]
    count = len(cells)
    if truncated:
        lines.append(
            f"(first {count} rows shown; the rest was not read: raise --max-rows, or use "
            "--format csv or json, which stream every row)"
        )
    else:
        lines.append(f"({count} {'row' if count == 1 else 'rows'})")
    out.write("\n".join(lines) + "\n")
    return Rendered(count, truncated)


def _csv(
    out: TextIO,
    kind: Kind,
    variables: tuple[str, ...],
    boolean: bool | None,
    rows: Iterator[Row],
    max_rows: int | None,
) -> Rendered:
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180, as SPARQL CSV results
    if kind == "ask":
        writer.writerows([["boolean"], ["true" if boolean else "false"]])
        return Rendered(0)
    writer.writerow(variables)
    count = 0
    for row in rows:
        if max_rows is not None and count == max_rows:
            return Rendered(count, True)
        writer.writerow([_plain(term) for term in row])
        count += 1
    return Rendered(count)


def _json_term(term: Term) -> dict[str, str]:
    data = {"type": term.kind, "value": term.value}
    if term.language:
        data["xml:lang"] = term.language
    elif term.datatype:
        data["datatype"] = term.datatype
    return data


_BINDINGS = '"bindings": []'


def _json(
    out: TextIO,
    kind: Kind,
    variables: tuple[str, ...],
    boolean: bool | None,
    rows: Iterator[Row],
    max_rows: int | None,
) -> Rendered:
    if kind == "ask":
        document = {"head": {}, "boolean": bool(boolean)}
        out.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        return Rendered(0)
    empty = {"head": {"vars": list(variables)}, "results": {"bindings": []}}
    before, after = json.dumps(empty, ensure_ascii=False, indent=2).split(_BINDINGS)
    out.write(before + _BINDINGS[:-1])
    count = 0
    truncated = False
    for row in rows:
        if max_rows is not None and count == max_rows:
            truncated = True
            break
        binding = {v: _json_term(t) for v, t in zip(variables, row, strict=True) if t}
        text = json.dumps(binding, ensure_ascii=False, indent=2).replace("\n", "\n      ")
        out.write(("," if count else "") + "\n      " + text)
        count += 1
    out.write(("\n    ]" if count else "]") + after + "\n")
    return Rendered(count, truncated)


_WRITERS = {"table": _table, "csv": _csv, "json": _json}


def write_result(
    out: TextIO,
    kind: Kind,
    variables: tuple[str, ...],
    boolean: bool | None,
    rows: Iterable[Row],
    fmt: Format,
    *,
    max_rows: int | None = None,
) -> Rendered:
    """Write a result to ``out`` as :func:`format_result` does, reading ``rows`` only as
    far as needed: at most ``max_rows`` of them (all if ``None``); the table says when it
    stopped short. Raises :class:`QueryError` for an unknown format."""
    try:
        writer = _WRITERS[fmt]
    except KeyError:
        raise QueryError(f"unknown format {fmt!r}: use one of table, csv, json") from None
    return writer(out, kind, variables, boolean, iter(rows), max_rows)


def format_result(result: QueryResult, fmt: Format) -> str:
    """``result`` as text: an aligned ``table`` for people (cells cut at 80 columns, control
    characters escaped, a row count at the end), SPARQL 1.1 Query Results ``csv`` (CRLF
    lines, IRIs and literal values bare) or SPARQL 1.1 Query Results ``json``.
    CONSTRUCT/DESCRIBE results are written as bindings of subject, predicate and object.
    """
    out = io.StringIO()
    write_result(out, result.kind, result.variables, result.boolean, result.rows, fmt)
    return out.getvalue()
