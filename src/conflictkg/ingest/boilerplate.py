"""Lines of an article that are not its content: bylines, credits, comment prompts, links.

The patterns are data, ``conflictkg/data/boilerplate.tsv`` (tab-separated, with a header
``name  scope  regex  description``; ``#`` comments and blank lines are skipped):

- ``define`` rows are named regex fragments; later regexes include them as ``{{name}}``;
- ``line`` patterns are tried on every line of a document ("Post a Comment",
  "(Additional reporting by ...; editing by ...)", a line holding only an e-mail address);
- ``trailer`` patterns are tried only on the lines of the *trailing block* ("Morris
  reported from Baghdad.", "Missy Ryan writes about ... for The Washington Post."), where
  such sentences are credits rather than news.

A pattern matches a line when it matches the whole line stripped of surrounding whitespace
(:func:`re.fullmatch`); the reported range is the whole line, without its line break.

The trailing block is the maximal run of final lines that are each shorter than
:data:`TRAILER_MAX_LINE_CHARS` characters (blank lines included), stopping at the first
long paragraph from the end and at most :data:`TRAILER_MAX_LINES` non-blank lines long (so
that a hard-wrapped text, all of whose lines are short, is not one big trailer).

>>> text = "Iran sent advisers to Iraq, officials said on Monday in Baghdad.\\nPost a Comment"
>>> find_boilerplate(text)
((65, 79),)
>>> mask_boilerplate(text, find_boilerplate(text))[60:]
'dad.\\n              '
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from ..errors import ResourceError
from ..resources import data_path, read_tsv

BOILERPLATE_FILE = "boilerplate.tsv"
TSV_COLUMNS = ("name", "scope", "regex", "description")
SCOPES = ("define", "line", "trailer")
TRAILER_MAX_LINE_CHARS = 200
TRAILER_MAX_LINES = 20
MAX_LINE_CHARS = 1000
"""Longer lines are never boilerplate (and are not matched at all, for speed)."""

Scope = Literal["line", "trailer"]

# The same line boundaries as str.splitlines(): \r\n counts as one break.
_LINE_BREAK = re.compile(r"\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_FRAGMENT_REF = re.compile(r"\{\{(\w+)\}\}")


@dataclass(frozen=True)
class BoilerplatePattern:
    """One compiled row of ``boilerplate.tsv``."""

    name: str
    scope: Scope
    regex: re.Pattern[str]
    description: str


@dataclass(frozen=True)
class BoilerplateLine:
    """A line found to be boilerplate: its ``[begin, end)`` range and the pattern that matched."""

    begin: int
    end: int
    pattern: str


def load_patterns(path: Path | None = None) -> tuple[BoilerplatePattern, ...]:
    """Compile the patterns of a boilerplate TSV file (the bundled one by default).

    Raises:
        ResourceError: the file is missing or malformed, a scope is unknown, a name is
            repeated, a ``{{fragment}}`` is not defined above its use, or a regex does not
            compile. The message names the file and line.
    """
    if path is None:
        return _bundled_patterns()
    return _compile_file(path)


@lru_cache(maxsize=1)
def _bundled_patterns() -> tuple[BoilerplatePattern, ...]:
    return _compile_file(data_path("ingest", BOILERPLATE_FILE))


def _compile_file(path: Path) -> tuple[BoilerplatePattern, ...]:
    fragments: dict[str, str] = {}
    patterns: list[BoilerplatePattern] = []
    seen: set[str] = set()
    for number, row in read_tsv(path, TSV_COLUMNS):
        where = f"{path}:{number}"
        name, scope = row["name"], row["scope"]
        if scope not in SCOPES:
            raise ResourceError(f"{where}: unknown scope {scope!r}; expected one of {SCOPES}")
        if name in seen:
            raise ResourceError(f"{where}: pattern name {name!r} is used twice")
        seen.add(name)
        source = _expand(row["regex"], fragments, where)
        try:
            compiled = re.compile(source)
        except re.error as exc:
            raise ResourceError(f"{where}: regex of {name!r} does not compile: {exc}") from exc
        if scope == "define":
            fragments[name] = source
        elif scope == "line":
            patterns.append(BoilerplatePattern(name, "line", compiled, row["description"]))
        else:
            patterns.append(BoilerplatePattern(name, "trailer", compiled, row["description"]))
    return tuple(patterns)


def _expand(regex: str, fragments: dict[str, str], where: str) -> str:
    def substitute(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in fragments:
            known = ", ".join(sorted(fragments)) or "none"
            raise ResourceError(f"{where}: {{{{{name}}}}} is not defined above (defined: {known})")
        return f"(?:{fragments[name]})"

    return _FRAGMENT_REF.sub(substitute, regex)


def line_spans(text: str) -> list[tuple[int, int]]:
    """The ``(begin, end)`` range of every line of ``text``, line breaks excluded.

    Lines are cut where :meth:`str.splitlines` cuts them; a final line break does not start
    an extra empty line.
    """
    spans: list[tuple[int, int]] = []
    begin = 0
    for match in _LINE_BREAK.finditer(text):
        spans.append((begin, match.start()))
        begin = match.end()
    if begin < len(text):
        spans.append((begin, len(text)))
    return spans


def trailer_start(text: str, spans: Sequence[tuple[int, int]]) -> int:
    """Index (into ``spans``) of the first line of the trailing block; ``len(spans)`` if none."""
    start = len(spans)
    non_blank = 0
    for index in range(len(spans) - 1, -1, -1):
        begin, end = spans[index]
        line = text[begin:end].strip()
        if len(line) >= TRAILER_MAX_LINE_CHARS:
            break
        if line:
            if non_blank == TRAILER_MAX_LINES:
                break
            non_blank += 1
        start = index
    return start


def match_boilerplate(
    text: str, patterns: Sequence[BoilerplatePattern] | None = None
) -> tuple[BoilerplateLine, ...]:
    """Every boilerplate line of ``text`` with the name of the first pattern that matched it."""
    if patterns is None:
        patterns = _bundled_patterns()
    line_patterns = [p for p in patterns if p.scope == "line"]
    trailer_patterns = [p for p in patterns if p.scope == "trailer"]
    spans = line_spans(text)
    first_trailer = trailer_start(text, spans)
    found: list[BoilerplateLine] = []
    for index, (begin, end) in enumerate(spans):
        line = text[begin:end].strip()
        if not line or len(line) > MAX_LINE_CHARS:
            continue
        candidates = line_patterns
        if index >= first_trailer:
            candidates = line_patterns + trailer_patterns
        for pattern in candidates:
            if pattern.regex.fullmatch(line):
                found.append(BoilerplateLine(begin, end, pattern.name))
                break
    return tuple(found)


def find_boilerplate(
    text: str, patterns: Sequence[BoilerplatePattern] | None = None
) -> tuple[tuple[int, int], ...]:
    """Sorted ``(begin, end)`` ranges of the boilerplate lines of ``text``.

    Each range is one whole line, end exclusive, without its line break, so
    ``text[begin:end]`` is the line. Suitable for :attr:`conflictkg.model.Document.boilerplate`.
    """
    return tuple((line.begin, line.end) for line in match_boilerplate(text, patterns))


def mask_boilerplate(text: str, ranges: Sequence[tuple[int, int]]) -> str:
    """``text`` with every range replaced by as many spaces: offsets stay valid.

    Raises:
        ValueError: a range is reversed or outside the text.
    """
    chars = list(text)
    for begin, end in ranges:
        if not 0 <= begin <= end <= len(text):
            raise ValueError(f"range ({begin}, {end}) is outside the text (length {len(text)})")
        chars[begin:end] = " " * (end - begin)
    return "".join(chars)
