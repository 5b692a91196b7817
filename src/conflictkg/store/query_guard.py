"""The guard in front of every SPARQL query: nothing that writes, reaches out or crashes.

:func:`check_query` runs before a query is parsed for real (by
:func:`conflictkg.store.query.run_query`, the ``query`` command's worker and the explorer's
SPARQL endpoint). It always refuses SPARQL Update and, unless ``allow_external`` is set,
anything that names data outside the store: ``SERVICE`` (pyoxigraph would fetch it over
HTTP) and ``FROM``/``FROM NAMED``. Two layers make sure of it:

1. A tokenizer that skips strings, IRIs, comments, variables and prefixed names finds the
   keywords and names the first, with its line and column. SPARQL Update keywords (LOAD,
   INSERT, DELETE, CLEAR, DROP, CREATE, ADD, MOVE, COPY, WITH, USING) are always refused.
2. Lexing SPARQL without parsing is ambiguous (``<`` is an IRI or *less than*), so crafted
   text can hide a keyword from any tokenizer. Whenever the letters ``service`` occur, the
   query is first parsed (never run) by pyoxigraph with each occurrence changed to
   ``servicz``. If that no longer parses, one of them was the keyword: refused. The judge is
   pyoxigraph's own parser. (FROM cannot fetch: pyoxigraph reads it from the store.)

pyoxigraph's parser and evaluator recurse, and a deep enough query overflows the native
stack (a segmentation fault, not an exception: about 5,000 nested parentheses, or 8,000
``+`` in a row). The same tokenizer therefore refuses, before any parsing, a query whose
brackets nest deeper than :data:`MAX_QUERY_NESTING` or that chains more than
:data:`MAX_QUERY_OPERATORS` operators, separators and UNION/OPTIONAL/MINUS, and any query
text longer than :data:`MAX_QUERY_BYTES`.
"""

from __future__ import annotations

import re

import pyoxigraph as ox

from ..errors import QueryError
from ..rdf.vocab import PREFIXES

__all__ = ["MAX_QUERY_BYTES", "MAX_QUERY_NESTING", "MAX_QUERY_OPERATORS", "check_query"]

MAX_QUERY_BYTES = 1024 * 1024
MAX_QUERY_NESTING = 200
MAX_QUERY_OPERATORS = 2000
_TOKEN = re.compile(
    r"""(?P<space>\s+)
    | (?P<comment>\#[^\r\n]*)
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*''' | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
        | '(?:[^'\\\r\n]|\\.)*' | "(?:[^"\\\r\n]|\\.)*")
    | (?P<variable>[?$]\w+)
    | (?P<word>[A-Za-z0-9_.:]+)
    | (?P<other>.)""",
    re.VERBOSE | re.DOTALL,
)
_EXTERNAL = frozenset({"SERVICE", "FROM"})
_UPDATE = frozenset(
    {"LOAD", "INSERT", "DELETE", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH", "USING"}
)
_SERVICE_LETTERS = re.compile("service", re.IGNORECASE)


def _keywords(query: str) -> list[tuple[str, int]]:
    """Upper-cased words in keyword position, with their offsets, outside strings and IRIs.

    Dots split words (``1.SERVICE`` is ``1 . SERVICE``) up to a prefixed name: ``ex:load``
    and ``service:x`` are names. (``SERVICE:x`` may also be the keyword followed by ``:x``:
    the second layer catches that.)
    """
    found = []
    for match in _TOKEN.finditer(query):
        if match.lastgroup != "word":
            continue
        word, offset = match.group(), match.start()
        for piece in word.split("."):
            if ":" in piece:  # a prefixed name (or the keyword glued to one: layer 2)
                break
            if piece.upper() in _EXTERNAL | _UPDATE:
                found.append((piece.upper(), offset))
            offset += len(piece) + 1
    return found


def _refuse(keyword: str, query: str, offset: int) -> QueryError:
    line = query.count("\n", 0, offset) + 1
    where = f"line {line}, column {offset - query.rfind(chr(10), 0, offset)}"
    if keyword in _UPDATE:
        return QueryError(
            f"{keyword} ({where}) is SPARQL Update: only SELECT, ASK, CONSTRUCT and DESCRIBE "
            "queries can be run, and they never change the store"
        )
    return QueryError(
        f"{keyword} ({where}) reads data outside the store, which is not allowed without "
        "allow_external (--allow-external)"
    )


_BRACKETS = {"(": 1, "{": 1, "[": 1, ")": -1, "}": -1, "]": -1}
_OPERATORS = frozenset("+-*/!|^&=<>,;")
_CHAINING_WORDS = frozenset({"UNION", "OPTIONAL", "MINUS", "."})


def _refuse_pathological(query: str) -> None:
    """Refuse a query too long, too deeply nested or chaining too many operators for
    pyoxigraph's recursive parser and evaluator (see the module documentation)."""
    size = len(query.encode("utf-8", "surrogatepass"))
    if size > MAX_QUERY_BYTES:
        raise QueryError(f"the query is {size} bytes long; at most {MAX_QUERY_BYTES} are allowed")
    depth = deepest = operators = 0
    for match in _TOKEN.finditer(query):
        kind, text = match.lastgroup, match.group()
        if kind == "other":
            depth += _BRACKETS.get(text, 0)
            deepest = max(deepest, depth)
            operators += text in _OPERATORS
        elif kind == "word":
            operators += text.upper() in _CHAINING_WORDS or set(text) == {"."}
        if deepest > MAX_QUERY_NESTING:
            raise QueryError(
                f"the query nests brackets more than {MAX_QUERY_NESTING} deep; refused before "
                "parsing (so deep a query would crash the SPARQL parser)"
            )
        if operators > MAX_QUERY_OPERATORS:
            raise QueryError(
                f"the query chains more than {MAX_QUERY_OPERATORS} operators and patterns; "
                "refused before parsing (so long a chain would crash the SPARQL parser)"
            )


def check_query(query: str, *, allow_external: bool = False) -> None:
    """Raise :class:`QueryError` if ``query`` is an update or, unless allowed, external, or
    too long or too deeply nested to be parsed safely."""
    _refuse_pathological(query)
    for keyword, offset in _keywords(query):
        if keyword in _UPDATE or not allow_external:
            raise _refuse(keyword, query, offset)
    if allow_external or not _SERVICE_LETTERS.search(query):
        return
    neutral = _SERVICE_LETTERS.sub(lambda m: m.group()[:-1] + "zZ"[m.group()[-1] == "E"], query)
    try:
        ox.Store().query(neutral, prefixes=dict(PREFIXES))  # parsed, never iterated
        return
    except SyntaxError as exc:
        error = exc
    except (OSError, RuntimeError, ValueError):
        return  # it parsed; evaluating it is run_query's business
    # SERVICE [SILENT] x {…} has the shape of GRAPH x {…}: if that parses, SERVICE was a keyword.
    as_graph = re.sub(r"service(?:\s+silent\b)?", "GRAPH", query, flags=re.IGNORECASE)
    try:
        ox.Store().query(as_graph, prefixes=dict(PREFIXES))
    except SyntaxError:
        raise QueryError(f"invalid SPARQL query: {error}") from error
    except (OSError, RuntimeError, ValueError):
        pass
    raise QueryError(
        "the query uses SERVICE, which reads data outside the store and is not allowed "
        "without allow_external (--allow-external)"
    ) from error
