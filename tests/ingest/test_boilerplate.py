"""Boilerplate lines: bundled patterns on lines written here and on the corpus; the file format."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import conflictkg.ingest.boilerplate as boilerplate_module
from conflictkg.errors import ResourceError
from conflictkg.ingest.boilerplate import (
    TRAILER_MAX_LINE_CHARS,
    TRAILER_MAX_LINES,
    find_boilerplate,
    line_spans,
    load_patterns,
    mask_boilerplate,
    match_boilerplate,
)
from conftest import CORPUS_TEXTS, REPO

ROOT = REPO
SEED = ROOT / "seeds" / "000_a7439ef3dabd42f1.txt"

# A long paragraph (over TRAILER_MAX_LINE_CHARS) ends the trailing block.
PARAGRAPH = (
    "The militia, which the government in Baghdad says it controls, has fought alongside Iraqi "
    "troops against the Islamic State since the summer, officials said on Tuesday, adding that "
    "the fighters had received new weapons and training from Iranian advisers in recent weeks."
)
assert len(PARAGRAPH) > TRAILER_MAX_LINE_CHARS


def flagged(text: str) -> list[str]:
    return [text[begin:end] for begin, end in find_boilerplate(text)]


def pattern_of(line: str, *, trailer: bool) -> str | None:
    """The pattern that marks ``line`` after a long paragraph (in the trailer) or before it."""
    text = f"{PARAGRAPH}\n{line}" if trailer else f"{line}\n{PARAGRAPH}"
    matches = match_boilerplate(text)
    return matches[0].pattern if matches else None


# --- line patterns: anywhere in the document -------------------------------------------

LINE_BOILERPLATE = [
    ("loveday.morris@washpost.com", "email_address"),
    ("Email: jane.doe@example.co.uk", "email_address"),
    ("Contact the author at j.smith@example.com.", "contact_address"),
    ("No comments:", "comment_count"),
    ("12 Comments", "comment_count"),
    ("View all comments (3)", "comment_count"),
    ("Post a Comment", "comment_prompt"),
    ("Leave a reply", "comment_prompt"),
    ("Share this article", "share_prompt"),
    ("Share on Facebook", "share_prompt"),
    ("Email ThisBlogThis!Share to TwitterShare to Facebook", "share_buttons"),
    (
        "(Additional reporting by Jane Roe in Kabul; writing by John Doe; editing by Ann Lee)",
        "reporting_credit_parenthesized",
    ),
    ("(Reporting by Omar Fahmy; Editing by Mark Heinrich)", "reporting_credit_parenthesized"),
    ("Reporting by Omar Fahmy; Editing by Mark Heinrich", "reporting_credit_roles"),
    ("Reporting by Omar Fahmy in Cairo", "credited_byline"),
    ("By Jane Roe and John Doe", "byline"),
    ("By JANE ROE, Associated Press", "byline"),
    ("Photo: John Moore / AFP / Getty Images", "photo_label"),
    ("(Photo by Delil Souleiman/AFP via Getty Images)", "photo_by_parenthesized"),
    ("AFP via Getty Images", "agency_credit"),
    ("AP Photo/Hadi Mizban", "agency_credit"),
    ("Copyright 2014 The Washington Post", "copyright_notice"),
    ("© 2016 Thomson Reuters", "copyright_notice"),
    ("Example Media Group. All rights reserved.", "all_rights_reserved"),
    ("Sign up for our daily newsletter", "newsletter_signup"),
    ("Subscribe to: Post Comments (Atom)", "newsletter_signup"),
    ("Follow us on Twitter", "follow_us"),
    ("Follow Jane Roe on X: @janeroe", "follow_us"),
    ("Read more:", "read_more"),
    ("Related: Iraq's militias grow stronger", "read_more"),
    ("Read more about the war in Yemen", "read_more_about"),
    ("Click here to download the report.", "click_here"),
    ("Posted by Anonymous at 10:31 AM", "blog_post_footer"),
    ("Advertisement", "advertisement"),
    ("Newer Post Older Post Home", "navigation"),
    ("Privacy Policy | Terms of Use | Contact Us", "footer_links"),
    ("Labels: Iran, Iraq, Shiite militias", "section_label"),
    ("Updated March 4, 2025 at 10:00 a.m. EST", "timestamp"),
    ("4 min read", "listen_prompt"),
]


@pytest.mark.parametrize(("line", "name"), LINE_BOILERPLATE)
def test_line_patterns_match_anywhere(line: str, name: str) -> None:
    assert pattern_of(line, trailer=False) == name
    assert pattern_of(f"  {line}  ", trailer=True) == name


# Content that starts like boilerplate: none of it may be flagged, at the top or at the end.
CONTENT = [
    "By Friday, the Iraqi army had retaken the town from Islamic State fighters.",
    "By most accounts, Iran supplied the rockets.",
    "Follow the money, the official said.",
    "Reporting by the BBC found that the militia had received Iranian weapons.",
    "Images by satellite firm Maxar showed the destroyed bridge.",
    "Related attacks were reported in Mosul and Kirkuk.",
    "Share prices in Tehran fell after the strikes.",
    "Comments by the minister angered Ankara.",
    "Copyright disputes are not the issue here, he said.",
    "Home to 2 million people, the city fell in 2014.",
    "Updated figures from 2023 show 300 people were killed.",
    "Iran never left Iraq, he said.",
    "The Houthis said they would keep attacking ships in the Red Sea.",
    "Hezbollah (literally 'Party of God') is based in Lebanon.",
    "Kataib Hezbollah, designated a terrorist organization by the United States, has grown.",
    "“This is the single best opportunity we have,” the senior U.S. official said.",
]


@pytest.mark.parametrize("line", CONTENT)
def test_content_lines_are_never_boilerplate(line: str) -> None:
    assert pattern_of(line, trailer=False) is None
    assert pattern_of(line, trailer=True) is None


# --- trailer patterns: only in the trailing block --------------------------------------

TRAILER_BOILERPLATE = [
    ("Morris reported from Baghdad.", "reported_from"),
    ("Karen DeYoung in Washington contributed to this report.", "reported_from"),
    ("The Associated Press contributed to this report.", "reported_from"),
    ("Jane Roe and John Doe reported from Erbil, Iraq, and Beirut.", "reported_from"),
    (
        "Missy Ryan writes about the Pentagon, military issues, and national security for "
        "The Washington Post.",
        "author_bio",
    ),
    ("Jane Roe is a staff writer for the Middle East desk.", "author_bio"),
    ("Reporting by Omar Fahmy in Cairo, Editing by Mark Heinrich", "reporting_credit_short"),
    ("Source: Reuters", "source_note"),
    ("With files from AFP", "source_note"),
    ("This article was originally published by Example News.", "article_note"),
    ("— AP", "agency_signoff"),
]


@pytest.mark.parametrize(("line", "name"), TRAILER_BOILERPLATE)
def test_trailer_patterns_match_only_in_the_trailer(line: str, name: str) -> None:
    assert pattern_of(line, trailer=True) == name
    assert pattern_of(line, trailer=False) is None


@pytest.mark.parametrize("line", ["He reported from Baghdad.", "They wrote about it."])
def test_pronouns_are_not_reporters(line: str) -> None:
    assert pattern_of(line, trailer=True) is None


def test_trailing_block_stops_at_the_first_long_paragraph() -> None:
    text = "\n".join(
        ["Title", PARAGRAPH, "Morris reported from Baghdad.", PARAGRAPH, "", "Post a Comment", ""]
    )
    assert flagged(text) == ["Post a Comment"]


def test_trailing_block_of_short_lines_is_capped() -> None:
    short = [f"Line {n} of a hard-wrapped text." for n in range(TRAILER_MAX_LINES)]
    text = "\n".join(["Morris reported from Baghdad.", *short])
    assert flagged(text) == []
    assert flagged("\n".join([*short[1:], "Morris reported from Baghdad."])) == [
        "Morris reported from Baghdad."
    ]


# --- ranges ----------------------------------------------------------------------------


def test_ranges_are_whole_lines_without_line_breaks() -> None:
    text = "Iran backs Iraq.\r\n  No comments:  \r\nIraq fights ISIS.\rPost a Comment"
    ranges = find_boilerplate(text)
    assert [text[b:e] for b, e in ranges] == ["  No comments:  ", "Post a Comment"]
    assert ranges == tuple(sorted(ranges))


def test_line_spans_cut_like_splitlines() -> None:
    text = "a\r\nb\rc\nd\u2028e\n\nf\n"
    assert [text[b:e] for b, e in line_spans(text)] == text.splitlines()


def test_mask_keeps_offsets() -> None:
    text = "Iran backs Iraq.\nPost a Comment\nThe end."
    masked = mask_boilerplate(text, find_boilerplate(text))
    assert masked == "Iran backs Iraq.\n" + " " * 14 + "\nThe end."


def test_mask_rejects_ranges_outside_the_text() -> None:
    with pytest.raises(ValueError, match=r"range \(3, 99\) is outside the text"):
        mask_boilerplate("abc", [(3, 99)])


@given(st.text(alphabet=st.sampled_from("ab :@.\n\r\u2028PostaCmn"), max_size=200))
def test_ranges_and_mask_are_consistent(text: str) -> None:
    ranges = find_boilerplate(text)
    spans = set(line_spans(text))
    assert all(span in spans for span in ranges)
    masked = mask_boilerplate(text, ranges)
    assert len(masked) == len(text)
    assert all(m == t or m == " " for m, t in zip(masked, text, strict=True))


# --- the corpus ------------------------------------------------------------------------


def test_seed_article_last_five_lines_and_no_other() -> None:
    text = SEED.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert flagged(text) == lines[-5:]
    assert lines[-5:] == [
        "loveday.morris@washpost.com",
        "Morris reported from Baghdad.",
        "Missy Ryan writes about the Pentagon, military issues, and national security for "
        "The Washington Post.",
        "No comments:",
        "Post a Comment",
    ]


EXPECTED_IN_CORPUS = {
    "seed_us_iran_iraq_2014.txt": 5,
    "syria_kurds_turkey_us.txt": 1,
    "yemen_houthis_us_strikes.txt": 0,
    "lebanon_hezbollah_wikipedia.txt": 0,
}


@pytest.mark.parametrize("name", sorted(EXPECTED_IN_CORPUS))
def test_corpus_boilerplate_is_the_final_lines_only(name: str) -> None:
    path = CORPUS_TEXTS / name
    if not path.is_file():
        pytest.skip(f"{path} is not in this checkout")
    text = path.read_text(encoding="utf-8")
    count = EXPECTED_IN_CORPUS[name]
    assert flagged(text) == (text.splitlines()[-count:] if count else [])


# --- the pattern file ------------------------------------------------------------------

HEADER = "name\tscope\tregex\tdescription\n"


def tsv(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "patterns.tsv"
    path.write_text("# test patterns\n" + HEADER + body, encoding="utf-8")
    return path


def test_custom_pattern_file_with_fragments(tmp_path: Path) -> None:
    path = tsv(
        tmp_path,
        "who\tdefine\t[A-Z]\\w+\ta name\n"
        "hello\tline\t(?i:hello) {{who}}\tgreeting\n"
        "bye\ttrailer\t{{who}} says bye\tsign-off\n",
    )
    patterns = load_patterns(path)
    assert [(p.name, p.scope) for p in patterns] == [("hello", "line"), ("bye", "trailer")]
    text = "HELLO Ann\nAnn says bye"
    assert [m.pattern for m in match_boilerplate(text, patterns)] == ["hello", "bye"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("x\tpage\ta\td\n", r"patterns\.tsv:3: unknown scope 'page'"),
        ("x\tline\t{{nope}}\td\n", r"patterns\.tsv:3: \{\{nope\}\} is not defined above"),
        ("x\tline\t(unclosed\td\n", r"patterns\.tsv:3: regex of 'x' does not compile"),
        ("x\tline\ta\td\nx\tline\tb\td\n", r"patterns\.tsv:4: pattern name 'x' is used twice"),
        ("x\tline\ta\n", r"patterns\.tsv:3: expected 4 tab-separated fields"),
    ],
)
def test_malformed_pattern_files_are_resource_errors(
    tmp_path: Path, body: str, message: str
) -> None:
    with pytest.raises(ResourceError, match=message):
        load_patterns(tsv(tmp_path, body))


def test_bundled_patterns_are_named_and_described() -> None:
    patterns = load_patterns()
    assert patterns is load_patterns()  # compiled once
    assert {p.scope for p in patterns} == {"line", "trailer"}
    assert all(p.description for p in patterns)


def test_module_examples() -> None:
    assert doctest.testmod(boilerplate_module).failed == 0
