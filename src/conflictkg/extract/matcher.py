"""The gazetteer as a phrase matcher: a trie of lower-cased words, then the pattern checks.

spaCy's token ``Matcher`` tries every one of the gazetteer's ~1,800 token patterns at every
token, which made it the largest single cost of a build. This component finds exactly the
same spans as a ``span_ruler`` given :meth:`Gazetteer.patterns`, in a phrase matcher's way:

1. the patterns are compiled into a trie keyed by each word's ``LOWER`` hash (the optional
   hyphen tokens between words become "a hyphen token may be skipped here");
2. a vectorised look-up finds the tokens that can start a name; from each, the trie is
   walked along the following tokens;
3. each phrase found is filtered by what its pattern asks beyond the lower-case form:
   ``ORTH`` (acronyms and short forms match case-sensitively) and ``IS_LOWER: false`` (a
   word the data capitalises is not matched written all in lower case).

The spans are then de-duplicated and sorted as the ``span_ruler`` does, so the span group
is the same list, in the same order. ``tests/extract/test_gazetteer_matcher.py`` compares
it with the ``span_ruler`` kept as the reference.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy
from spacy.attrs import IS_LOWER, LOWER, ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span

_OPTIONAL = "OP"
FACTORY = "gazetteer_matcher"  # the name to give nlp.add_pipe


@dataclass(frozen=True)
class _Word:
    """One word of a pattern: its ``LOWER`` hash and what else the token must satisfy."""

    orth: int | None  # ORTH hash when the word matches case-sensitively
    not_lower: bool  # IS_LOWER must be false


@dataclass(frozen=True)
class _Phrase:
    words: tuple[_Word, ...]
    label: str
    key: str


@dataclass
class _Node:
    children: dict[int, _Node] = field(default_factory=dict)
    phrases: list[_Phrase] = field(default_factory=list)


def _compile(
    nlp: Language, pattern: Sequence[dict[str, Any]]
) -> tuple[list[int], list[_Word], frozenset[int]]:
    """The LOWER hashes of a token pattern's words, their checks, and the ORTH hashes of the
    optional hyphen token that must stand between every two words.

    Raises ``ValueError`` for a pattern this matcher cannot reproduce exactly.
    """
    strings = nlp.vocab.strings
    lowers: list[int] = []
    words: list[_Word] = []
    hyphens: frozenset[int] = frozenset()
    for index, token in enumerate(pattern):
        if index % 2:  # between two words: {"ORTH": {"IN": [hyphens]}, "OP": "?"}
            orth = token.get("ORTH")
            options = orth.get("IN") if isinstance(orth, dict) else None
            if set(token) != {"ORTH", _OPTIONAL} or token[_OPTIONAL] != "?" or not options:
                raise ValueError(f"expected an optional hyphen token, got {token!r} in {pattern!r}")
            found = frozenset(strings.add(option) for option in options)
            if hyphens and found != hyphens:
                raise ValueError(f"two different hyphen sets in {pattern!r}")
            hyphens = found
        elif set(token) == {"ORTH"} and isinstance(token["ORTH"], str):
            lowers.append(strings.add(token["ORTH"].lower()))
            words.append(_Word(strings.add(token["ORTH"]), False))
        elif set(token) in ({"LOWER"}, {"LOWER", "IS_LOWER"}) and not token.get("IS_LOWER"):
            lowers.append(strings.add(token["LOWER"]))
            words.append(_Word(None, "IS_LOWER" in token))
        else:
            raise ValueError(f"unsupported token {token!r} in {pattern!r}")
    if not len(pattern) % 2:
        raise ValueError(f"a pattern must start and end with a word: {pattern!r}")
    return lowers, words, hyphens


class GazetteerMatcher:
    """A pipeline component writing gazetteer hits to ``doc.spans[spans_key]``."""

    def __init__(self, nlp: Language, name: str, spans_key: str) -> None:
        self.nlp = nlp
        self.name = name
        self.spans_key = spans_key
        self._root = _Node()
        self._hyphens: set[int] = set()
        self._words: set[int] = set()
        self._starts = numpy.zeros(0, dtype="uint64")

    def add_patterns(self, patterns: Iterable[dict[str, Any]]) -> None:
        """Add ``{"label", "pattern", "id"}`` token patterns (see :meth:`Gazetteer.patterns`).

        Raises ``ValueError`` for a pattern this matcher cannot reproduce exactly.
        """
        for item in patterns:
            lowers, words, hyphens = _compile(self.nlp, item["pattern"])
            if hyphens and self._hyphens and hyphens != self._hyphens:
                raise ValueError(f"two different hyphen sets in {item['pattern']!r}")
            self._hyphens = self._hyphens or set(hyphens)
            self._words.update(lowers)
            node = self._root
            for lower in lowers:
                node = node.children.setdefault(lower, _Node())
            node.phrases.append(_Phrase(tuple(words), item["label"], item["id"]))
        if self._words & self._hyphens:
            raise ValueError("a pattern word is also an optional hyphen: it could be skipped")
        self._starts = numpy.array(sorted(self._root.children), dtype="uint64")

    def __call__(self, doc: Doc) -> Doc:
        doc.spans[self.spans_key] = self.match(doc)
        return doc

    def match(self, doc: Doc) -> list[Span]:
        """The spans of ``doc`` the patterns match, de-duplicated and sorted."""
        if not len(doc) or not len(self._starts):
            return []
        columns = doc.to_array([LOWER, ORTH, IS_LOWER])
        starts = numpy.flatnonzero(numpy.isin(columns[:, 0], self._starts))
        if not len(starts):
            return []
        lower, orth, is_lower = (columns[:, i].tolist() for i in range(3))
        found: set[Span] = set()
        for start in starts.tolist():
            for end, phrase, positions in self._walk(start, lower, orth):
                if all(
                    (word.orth is None or orth[i] == word.orth)
                    and not (word.not_lower and is_lower[i])
                    for word, i in zip(phrase.words, positions, strict=True)
                ):
                    found.add(Span(doc, start, end, label=phrase.label, span_id=phrase.key))
        return sorted(found)

    def _walk(
        self, start: int, lower: list[int], orth: list[int]
    ) -> Iterable[tuple[int, _Phrase, list[int]]]:
        """Every (end, phrase, word positions) of a phrase of the trie starting at ``start``."""
        node = self._root.children[lower[start]]
        positions = [start]
        size = len(lower)
        while True:
            for phrase in node.phrases:
                yield positions[-1] + 1, phrase, positions
            following = positions[-1] + 1
            if following < size and orth[following] in self._hyphens:
                following += 1  # "al-Qaeda": a hyphen token between two words may be skipped
            if following >= size or lower[following] not in node.children:
                return
            node = node.children[lower[following]]
            positions = [*positions, following]


@Language.factory(
    FACTORY,
    default_config={"spans_key": "gazetteer"},
    assigns=["doc.spans"],
)
def make_gazetteer_matcher(nlp: Language, name: str, spans_key: str) -> GazetteerMatcher:
    return GazetteerMatcher(nlp, name, spans_key)
