"""Bounded pieces of text: what the parser sees at once, and what a rule reads as evidence.

Memory and time must not grow faster than a document's length, whatever the input:

- the parser sees one paragraph at a time (a line; a line the next one continues in lower
  case, as in hard-wrapped text, runs on), and a paragraph longer than
  ``MAX_SEGMENT`` characters is cut at its last sentence end, else at whitespace, else
  anywhere;
- a document longer than ``MAX_CHUNK`` characters is extracted chunk by chunk (each a run
  of whole paragraphs), so the rules' indexes, anaphora windows and document-level choices
  (the state an article is about) stay within one chunk;
- evidence is one sentence, or, for a "sentence" longer than ``MAX_EVIDENCE`` characters
  (a page without punctuation), the words around the cue, cut at whitespace.

Every piece is a slice of the text: pieces join back to it exactly, so offsets hold.
"""

from __future__ import annotations

import re

MAX_SEGMENT = 5_000
MAX_CHUNK = 100_000
MAX_EVIDENCE = 600

_SENTENCE_END = re.compile(r"""[.!?]["'\u201d\u2019)\]]*\s+""")


def split_text(text: str, limit: int) -> list[str]:
    """Cut ``text`` into pieces of at most ``limit`` characters that join back to it exactly,
    at paragraph breaks where possible, else at the last whitespace, else anywhere."""
    pieces = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = window.rfind("\n") + 1 or max(window.rfind(" "), window.rfind("\t")) + 1 or limit
        pieces.append(text[start : start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def paragraphs(text: str) -> list[str]:
    """The lines of ``text`` (each with its line break), joining back to it exactly; a line
    that the next one continues in lower case (hard-wrapped text) runs on."""
    pieces: list[str] = []
    for line in text.splitlines(keepends=True):
        if pieces and pieces[-1].endswith(("\n", "\r")) and line[:1].islower():
            pieces[-1] += line
        else:
            pieces.append(line)
    return pieces


def segments(text: str, limit: int = MAX_SEGMENT) -> list[str]:
    """Paragraphs, each cut to at most ``limit`` characters (at a sentence end, else at
    whitespace, else anywhere); they join back to ``text`` exactly."""
    found: list[str] = []
    for paragraph in paragraphs(text):
        while len(paragraph) > limit:
            window = paragraph[:limit]
            ends = [m.end() for m in _SENTENCE_END.finditer(window)]
            cut = ends[-1] if ends else 0
            cut = cut or max(window.rfind(" "), window.rfind("\t")) + 1 or limit
            found.append(paragraph[:cut])
            paragraph = paragraph[cut:]
        if paragraph:
            found.append(paragraph)
    return found


def chunks(text: str, limit: int = MAX_CHUNK) -> list[tuple[int, str]]:
    """``(offset, piece)`` runs of whole segments of at most about ``limit`` characters."""
    found: list[tuple[int, str]] = []
    start, current = 0, ""
    for piece in segments(text):
        if current and len(current) + len(piece) > limit:
            found.append((start, current))
            start, current = start + len(current), ""
        current += piece
    if current or not found:
        found.append((start, current))
    return found


def evidence_span(text: str, begin: int, end: int, cue_begin: int, cue_end: int) -> tuple[int, int]:
    """The evidence range for a relation read at ``cue_begin:cue_end`` in the sentence
    ``begin:end``: the sentence without surrounding white space, or, when it is longer than
    ``MAX_EVIDENCE``, the words around the cue."""
    while begin < end and text[begin].isspace():
        begin += 1
    while end > begin and text[end - 1].isspace():
        end -= 1
    if end - begin <= MAX_EVIDENCE:
        return begin, end
    half = (MAX_EVIDENCE - (cue_end - cue_begin)) // 2
    low, high = max(begin, cue_begin - half), min(end, cue_end + half)
    space = text.find(" ", low, cue_begin)
    if low > begin and space != -1:
        low = space + 1
    space = text.rfind(" ", cue_end, high)
    if high < end and space != -1:
        high = space
    return low, high
