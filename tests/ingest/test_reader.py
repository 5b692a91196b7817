"""Reading articles: encodings, formats, folders, failures and identifiers (no spaCy)."""

from __future__ import annotations

import io
import json
import os
import socket
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conflictkg.errors import InputError
from conflictkg.ingest.reader import (
    SUPPORTED_SUFFIXES,
    IngestResult,
    InputFailure,
    collect_paths,
    decode_text,
    read_documents,
    read_file,
)
from conftest import REPO

ROOT = REPO
SEED = ROOT / "seeds" / "000_a7439ef3dabd42f1.txt"
ARTICLE = "Turkey shelled YPG positions.\nThe United States backs the YPG.\n"
PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06"

HTML_PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<title>Kurds advance in northern Syria | Example News</title>
<meta property="og:title" content="Kurds advance in northern Syria">
<link rel="canonical" href="https://news.example.org/2016/02/kurds-advance">
<meta name="date" content="2016-02-15">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/subscribe">Subscribe to our newsletter</a></li></ul></nav>
<header><div class="menu">Menu Search Sign in</div></header>
<article><h1>Kurds advance in northern Syria</h1>
<p>The Syrian Kurdish YPG militia seized the town of Tel Rifaat on Monday, a monitoring
group said, extending its advance along the Turkish border.</p>
<p>Turkey, which regards the YPG as a terrorist organization, shelled the militia's
positions for a third day, and the United States urged both sides to halt the fighting.</p>
<p>Washington has backed the YPG in its fight against Islamic State, a stance that has
angered Ankara, a NATO ally.</p>
</article>
<aside class="related"><h3>Related stories</h3><ul><li><a href="/a">Other story one</a></li>
<li><a href="/b">Other story two</a></li></ul></aside>
<footer><p>Copyright 2016 Example News. All rights reserved.</p>
<p><a href="/privacy">Privacy policy</a> | <a href="/terms">Terms of use</a></p></footer>
</body></html>
"""


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def reasons(result: IngestResult) -> dict[str, str]:
    return {failure.source: failure.reason for failure in result.failures}


# --- decoding -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        ARTICLE.encode("utf-8"),
        b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"),
        b"\xff\xfe" + ARTICLE.encode("utf-16-le"),
        b"\xfe\xff" + ARTICLE.encode("utf-16-be"),
        b"\xff\xfe\x00\x00" + ARTICLE.encode("utf-32-le"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16le-bom", "utf-16be-bom", "utf-32le-bom"],
)
def test_decode_text_accepts_utf8_and_marked_utf16(data: bytes) -> None:
    assert decode_text(data, "a.txt") == ARTICLE


def test_a_utf16_text_starting_with_nul_is_not_read_as_utf32() -> None:
    # FF FE 00 00 is both the UTF-32LE mark and UTF-16LE's mark before U+0000.
    with pytest.raises(InputError, match="binary file"):
        decode_text("\x000".encode("utf-16"), "a.txt")


def test_decode_text_keeps_non_ascii_text() -> None:
    text = "Iran’s “Quds Force” — قوة القدس — Ханна\n" * 50
    assert decode_text(text.encode("utf-8"), "a.txt") == text


@given(st.text(max_size=300), st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_decode_text_round_trips_or_refuses(text: str, codec: str) -> None:
    try:
        decoded = decode_text(text.encode(codec), "a.txt")
    except InputError as exc:
        assert str(exc).startswith(("a.txt: empty document", "a.txt: binary file"))
    else:
        assert decoded == text


def test_invalid_utf8_names_source_byte_and_offset() -> None:
    with pytest.raises(InputError, match=r"^a\.txt: not valid UTF-8 \(byte 0xff at offset 12\)$"):
        decode_text(b"Iran backs I\xffraq.", "a.txt")


def test_invalid_utf16_offset_counts_the_byte_order_mark() -> None:
    data = b"\xff\xfe" + "Iran".encode("utf-16-le") + b"\x00\xd8" + b"A\x00"  # lone surrogate
    with pytest.raises(InputError, match=r"not valid UTF-16LE \(byte 0x00 at offset 10\)"):
        decode_text(data, "a.txt")


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n", b"\xef\xbb\xbf", b"\xef\xbb\xbf \n"])
def test_empty_and_whitespace_only_are_empty_documents(data: bytes) -> None:
    with pytest.raises(InputError, match=r"^a\.txt: empty document$"):
        decode_text(data, "a.txt")


@pytest.mark.parametrize(
    "data",
    [PNG_HEADER, b"\x01\x02\x03\x04 some\x05\x06\x07\x08", "Iran".encode("utf-16-le")],
    ids=["png", "control-chars", "utf-16-without-bom"],
)
def test_binary_data_is_rejected(data: bytes) -> None:
    with pytest.raises(InputError, match=r"^a\.bin: binary file"):
        decode_text(data, "a.bin")


# --- plain text ------------------------------------------------------------------------


def test_crlf_is_preserved_and_offsets_slice_the_original(tmp_path: Path) -> None:
    text = "Iran backs Iraq.\r\nTurkey opposes the YPG.\r\nPost a Comment\r\n"
    (document,) = read_file(write(tmp_path / "crlf.txt", text))
    assert document.text == text
    assert document.identifier == "crlf.txt"
    assert document.source_path == str(tmp_path / "crlf.txt")
    begin = text.index("Turkey")
    assert document.text[begin : begin + 6] == "Turkey"
    (begin, end), *_ = document.boilerplate
    assert document.text[begin:end] == "Post a Comment"


def test_bom_is_removed_from_document_text(tmp_path: Path) -> None:
    (document,) = read_file(write(tmp_path / "bom.txt", b"\xef\xbb\xbf" + ARTICLE.encode()))
    assert document.text == ARTICLE


def test_seed_article_is_read_with_its_boilerplate(tmp_path: Path) -> None:
    (document,) = read_file(SEED)
    assert document.identifier == SEED.name
    assert document.text == SEED.read_text(encoding="utf-8")
    lines = [document.text[b:e] for b, e in document.boilerplate]
    assert lines[0] == "loveday.morris@washpost.com"
    assert lines[-1] == "Post a Comment"
    assert len(lines) == 5


def test_read_file_raises_naming_the_file(tmp_path: Path) -> None:
    path = write(tmp_path / "bad.txt", b"Iran\xc3(")
    with pytest.raises(InputError, match=r"bad\.txt: not valid UTF-8 \(byte 0xc3 at offset 4\)"):
        read_file(path)


# --- failures do not stop the run ------------------------------------------------------


def test_bad_files_are_reported_and_the_others_read(tmp_path: Path) -> None:
    write(tmp_path / "good.txt", ARTICLE)
    write(tmp_path / "latin1.txt", "Beyrouth, Liban: café\n".encode("latin-1"))
    write(tmp_path / "empty.txt", b"")
    write(tmp_path / "blank.txt", b" \n \n")
    write(tmp_path / "image.txt", PNG_HEADER)
    result = read_documents([tmp_path])
    assert [d.identifier for d in result.documents] == ["good.txt"]
    assert reasons(result) == {
        str(tmp_path / "blank.txt"): "empty document; skipped",
        str(tmp_path / "empty.txt"): "empty document; skipped",
        str(tmp_path / "image.txt"): "binary file (NUL bytes; UTF-16 and UTF-32 need a "
        "byte-order mark); skipped",
        str(tmp_path / "latin1.txt"): "not valid UTF-8 (byte 0xe9 at offset 20); skipped",
    }
    failure = result.failures[0]
    assert str(failure) == f"{failure.source}: {failure.reason}"


def test_missing_path_is_a_failure(tmp_path: Path) -> None:
    write(tmp_path / "good.txt", ARTICLE)
    result = read_documents([tmp_path / "missing.txt", tmp_path / "good.txt"])
    assert [d.identifier for d in result.documents] == ["good.txt"]
    assert result.failures == (
        InputFailure(str(tmp_path / "missing.txt"), "no such file or directory; skipped"),
    )


def test_directory_named_like_a_file_is_unreadable(tmp_path: Path) -> None:
    (tmp_path / "x.txt").mkdir()
    write(tmp_path / "x.txt" / "inner.txt", ARTICLE)
    with pytest.raises(InputError, match=r"x\.txt: cannot be read \(is a directory\)"):
        read_file(tmp_path / "x.txt")


def test_permission_denied_is_a_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # chmod 000 does not stop root, so the denial is simulated where the bytes are read.
    locked = write(tmp_path / "locked.txt", ARTICLE)
    write(tmp_path / "open.txt", ARTICLE)
    real_open = os.open

    def os_open(path: str, flags: int, *args: int) -> int:
        if Path(path).name == "locked.txt":
            raise PermissionError(13, "Permission denied", path)
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", os_open)
    result = read_documents([tmp_path])
    assert [d.identifier for d in result.documents] == ["open.txt"]
    assert reasons(result) == {str(locked): "cannot be read (permission denied); skipped"}


def test_other_os_errors_are_failures(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "a.txt", ARTICLE)

    def os_open(path: str, flags: int, *args: int) -> int:
        raise OSError(5, "Input/output error", path)

    monkeypatch.setattr(os, "open", os_open)
    result = read_documents([path])
    assert result.documents == ()
    assert reasons(result) == {str(path): "cannot be read (input/output error); skipped"}


# --- HTML ------------------------------------------------------------------------------


def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("ingest tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_html_yields_main_text_and_metadata(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    no_network(monkeypatch)
    (document,) = read_file(write(tmp_path / "page.html", HTML_PAGE))
    assert document.identifier == "page.html"
    assert "seized the town of Tel Rifaat" in document.text
    assert "angered Ankara, a NATO ally." in document.text
    for chrome in ("Subscribe", "Menu", "Other story", "Copyright", "Privacy", "Home"):
        assert chrome not in document.text
    assert document.title == "Kurds advance in northern Syria"
    assert document.url == "https://news.example.org/2016/02/kurds-advance"
    assert document.date == "2016-02-15"


def test_html_without_article_text_is_a_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    no_network(monkeypatch)
    write(tmp_path / "nav.htm", "<html><body><nav><a href='/'>Home</a></nav></body></html>")
    write(tmp_path / "url.html", "https://news.example.org/article")
    result = read_documents([tmp_path])
    assert result.documents == ()
    assert {Path(s).name: r for s, r in reasons(result).items()} == {
        "nav.htm": "no article text found (only links and credits); skipped",
        "url.html": "no article text found; skipped",
    }


# --- JSONL -----------------------------------------------------------------------------


def test_jsonl_good_lines_load_and_bad_lines_are_reported(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {"id": "a1", "text": "Iran backs Iraq.\r\nNo comments:", "url": "https://x.org/1"}
        ),
        "",
        "{not json",
        json.dumps({"id": "a2"}),
        json.dumps({"text": "Iran backs Iraq."}),
        json.dumps({"id": "a3", "text": 42}),
        json.dumps({"id": "a4", "text": "  \n "}),
        json.dumps(["a5", "text"]),
        json.dumps({"id": "a1", "text": "again"}),
        json.dumps({"id": "a6", "text": "Hezbollah fights Israel.", "date": 2016}),
        json.dumps({"id": "a7", "text": "Houthis \u2028 attack ships.", "title": None, "x": 1}),
    ]
    path = write(tmp_path / "corpus.jsonl", "\n".join(lines) + "\n")
    result = read_documents([path])
    assert [(d.identifier, d.source_path) for d in result.documents] == [
        ("a1", str(path)),
        ("a7", str(path)),
    ]
    first = result.documents[0]
    assert first.text == "Iran backs Iraq.\r\nNo comments:"
    assert first.url == "https://x.org/1"
    assert first.boilerplate == ((18, 30),)
    assert result.documents[1].text == "Houthis \u2028 attack ships."
    assert [str(f) for f in result.failures] == [
        f"{path}:3: invalid JSON (Expecting property name enclosed in double quotes at column 2);"
        " skipped",
        f"{path}:4: missing required field 'text'; skipped",
        f"{path}:5: missing required field 'id'; skipped",
        f"{path}:6: field 'text' must be a string, got number; skipped",
        f"{path}:7: empty text; skipped",
        f"{path}:8: expected a JSON object, got array; skipped",
        f"{path}:9: duplicate id 'a1' (first on line 1); skipped",
        f"{path}:10: field 'date' must be a string or null, got number; skipped",
    ]
    with pytest.raises(InputError, match=r"corpus\.jsonl:3: invalid JSON"):
        read_file(path)


# --- folders, stdin, order, identifiers ------------------------------------------------


def test_folders_are_searched_recursively_skipping_hidden(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", ARTICLE)
    write(tmp_path / "sub" / "deeper" / "b.TXT", ARTICLE)
    write(tmp_path / "sub" / "c.htm", HTML_PAGE)
    write(tmp_path / "sub" / "notes.md", ARTICLE)
    write(tmp_path / ".git" / "d.txt", ARTICLE)
    write(tmp_path / "sub" / ".cache" / "e.txt", ARTICLE)
    write(tmp_path / ".hidden.txt", ARTICLE)
    files, failures = collect_paths([tmp_path])
    assert failures == []
    assert [p.relative_to(tmp_path).as_posix() for p in files] == [
        "a.txt",
        "sub/c.htm",
        "sub/deeper/b.TXT",
    ]
    assert set(SUPPORTED_SUFFIXES) == {".txt", ".html", ".htm", ".jsonl"}


def test_explicit_files_are_read_whatever_their_suffix(tmp_path: Path) -> None:
    notes = write(tmp_path / "notes.md", ARTICLE)
    result = read_documents([notes, tmp_path / "notes.md"])  # the same file twice
    assert [(d.identifier, d.text) for d in result.documents] == [("notes.md", ARTICLE)]


def test_empty_folder_is_a_failure(tmp_path: Path) -> None:
    write(tmp_path / "only" / "notes.md", ARTICLE)
    files, failures = collect_paths([tmp_path / "only"])
    assert files == []
    assert [f.reason for f in failures] == [
        "folder holds no .txt, .html, .htm, .jsonl files; skipped"
    ]


def test_dash_reads_stdin_bytes(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", ARTICLE)
    stdin = io.BytesIO(b"\xef\xbb\xbfIran backs Iraq.\r\n")
    result = read_documents(["-", tmp_path / "a.txt"], stdin=stdin)
    assert [(d.identifier, d.text, d.source_path) for d in result.documents] == [
        ("a.txt", ARTICLE, str(tmp_path / "a.txt")),
        ("stdin", "Iran backs Iraq.\r\n", None),
    ]


def test_bad_stdin_is_a_failure() -> None:
    result = read_documents(["-"], stdin=io.BytesIO(b"\x00\x01"))
    assert result.documents == ()
    assert [str(f) for f in result.failures] == [
        "<stdin>: binary file (NUL bytes; UTF-16 and UTF-32 need a byte-order mark); skipped"
    ]


def test_result_is_independent_of_input_order(tmp_path: Path) -> None:
    paths = [
        write(tmp_path / "z.txt", ARTICLE),
        write(tmp_path / "m" / "b.txt", ARTICLE),
        write(tmp_path / "a.jsonl", json.dumps({"id": "k", "text": ARTICLE}) + "\n{\n"),
        write(tmp_path / "bad.txt", b"\xff"),
        tmp_path / "missing.txt",
    ]
    forward = read_documents(paths)
    backward = read_documents(list(reversed(paths)))
    assert forward == backward
    assert [d.identifier for d in forward.documents] == ["b.txt", "k", "z.txt"]
    assert [Path(f.source).name for f in forward.failures] == [
        "a.jsonl:2",
        "bad.txt",
        "missing.txt",
    ]


def test_duplicate_identifiers_become_relative_paths(tmp_path: Path) -> None:
    write(tmp_path / "2015" / "report.txt", ARTICLE)
    write(tmp_path / "2016" / "report.txt", ARTICLE)
    write(tmp_path / "2016" / "corpus.jsonl", json.dumps({"id": "report.txt", "text": ARTICLE}))
    write(tmp_path / "2016" / "other.jsonl", json.dumps({"id": "unique", "text": ARTICLE}))
    result = read_documents([tmp_path / "2016", tmp_path / "2015"])
    assert result.failures == ()
    assert [d.identifier for d in result.documents] == [
        "2015/report.txt",
        "2016/corpus.jsonl#report.txt",
        "2016/report.txt",
        "unique",
    ]
    assert len({d.identifier for d in result.documents}) == len(result.documents)


def test_identifier_of_stdin_clashing_with_a_file(tmp_path: Path) -> None:
    path = write(tmp_path / "stdin", ARTICLE)
    result = read_documents([path, "-"], stdin=io.BytesIO(b"Iran backs Iraq."))
    assert [d.identifier for d in result.documents] == ["stdin"]
    assert len(result.failures) == 1
    assert "duplicate identifier 'stdin'" in result.failures[0].reason
