"""SPARQL results: terms, result sets, and their table, CSV and JSON renderings.

:func:`format_result` writes a readable table (aligned columns, control characters
escaped, long cells cut), the SPARQL 1.1 CSV results format, or the SPARQL 1.1 JSON
results format. Output is deterministic.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from ..errors import QueryError

__all__ = ["MAX_CELL", "QueryResult", "Term", "format_result"]

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


def _table(result: QueryResult) -> str:
    if result.kind == "ask":
        return f"{'true' if result.boolean else 'false'}\n"
    header = list(result.variables)
    cells = [[_cell(term) for term in row] for row in result.rows]
    widths = [max([_width(h)] + [_width(r[i]) for r in cells]) for i, h in enumerate(header)]

    def line(values: list[str]) -> str:
        padded = (v + " " * (w - _width(v)) for v, w in zip(values, widths, strict=True))
        return "  ".join(padded).rstrip()

    lines = [line(header), line(["-" * w for w in widths]), *(line(r) for r in cells)]
    count = len(result.rows)
    lines.append(f"({count} {'row' if count == 1 else 'rows'})")
    return "\n".join(lines) + "\n"


def _csv(result: QueryResult) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180, as SPARQL CSV results
    if result.kind == "ask":
        writer.writerows([["boolean"], ["true" if result.boolean else "false"]])
    else:
        writer.writerow(result.variables)
        writer.writerows([_plain(term) for term in row] for row in result.rows)
    return out.getvalue()


def _json_term(term: Term) -> dict[str, str]:
    data = {"type": term.kind, "value": term.value}
    if term.language:
        data["xml:lang"] = term.language
    elif term.datatype:
        data["datatype"] = term.datatype
    return data


def _json(result: QueryResult) -> str:
    document: dict[str, object]
    if result.kind == "ask":
        document = {"head": {}, "boolean": bool(result.boolean)}
    else:
        bindings = [
            {v: _json_term(t) for v, t in zip(result.variables, row, strict=True) if t}
            for row in result.rows
        ]
        document = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


_FORMATTERS = {"table": _table, "csv": _csv, "json": _json}


def format_result(result: QueryResult, fmt: Literal["table", "csv", "json"]) -> str:
    """``result`` as text: an aligned ``table`` for people (cells cut at 80 columns, control
    characters escaped, a row count at the end), SPARQL 1.1 Query Results ``csv`` (CRLF
    lines, IRIs and literal values bare) or SPARQL 1.1 Query Results ``json``.
    CONSTRUCT/DESCRIBE results are written as bindings of subject, predicate and object.
    """
    try:
        formatter = _FORMATTERS[fmt]
    except KeyError:
        raise QueryError(f"unknown format {fmt!r}: use one of table, csv, json") from None
    return formatter(result)
