"""Sentence starts the ``line_breaks`` component adds: after a line break, and after a
dateline opening a line. Model-free (``spacy.blank`` with the sentencizer)."""

from __future__ import annotations

import pytest
from spacy.language import Language


def _sentences(nlp: Language, text: str) -> list[str]:
    return [s.text.strip() for s in nlp(text).sents if s.text.strip()]


def test_a_line_break_ends_a_sentence(nlp: Language) -> None:
    assert _sentences(nlp, "Rebels seize town\nThe army said it would respond.") == [
        "Rebels seize town",
        "The army said it would respond.",
    ]


@pytest.mark.parametrize(
    ("text", "story"),
    [
        ("NIAMEY Security forces retook the town.", "Security forces retook the town."),
        ("Hello.\nNEW DELHI India said so.", "India said so."),
        ("MADAYA, Syria An aid convoy entered the town.", "An aid convoy entered the town."),
        ("DUBAI/WASHINGTON Iran freed the sailors.", "Iran freed the sailors."),
        ("BEIRUT (Reuters) - Hezbollah said so.", "Hezbollah said so."),
        ("JAKARTA, Indonesia \u2014 A bomb went off.", "A bomb went off."),
        (
            "HANOVER, Germany/WASHINGTON President Barack Obama plans to send troops.",
            "President Barack Obama plans to send troops.",
        ),
    ],
)
def test_a_dateline_is_not_part_of_the_story(nlp: Language, text: str, story: str) -> None:
    assert _sentences(nlp, text)[-1] == story


@pytest.mark.parametrize(
    "text", ["NATO Secretary General Jens Stoltenberg spoke.", "FBI Director James Comey spoke."]
)
def test_an_acronym_opening_a_line_is_no_dateline(nlp: Language, text: str) -> None:
    assert _sentences(nlp, text) == [text]


def test_a_two_word_place_after_a_dateline_is_not_cut(nlp: Language) -> None:
    """Where the place might go on ("New Hampshire U.S. ..."), the line stays whole."""
    text = "MANCHESTER, New Hampshire U.S. candidate Hillary Clinton spoke."
    assert _sentences(nlp, text) == [text]
