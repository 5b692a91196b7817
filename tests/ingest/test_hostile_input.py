"""Hostile inputs to ingest: odd files, oversized documents, broken JSONL lines (issue 9).

Each test bounds itself: ``pytest.mark.timeout`` (a FIFO that blocked would fail the test,
not hang the suite) and :func:`bounds.memory_limit` (a reader that slurped ``/dev/zero``
would raise ``MemoryError``, not take the machine).
"""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bounds import memory_limit
from conflictkg.build import extract_documents
from conflictkg.extract.extractor import Extractor
from conflictkg.files import printable
from conflictkg.ingest.reader import read_documents

ARTICLE = "Turkey shelled YPG positions.\nThe United States backs the YPG.\n"
pytestmark = pytest.mark.timeout(60)


def reasons(result: object) -> dict[str, str]:
    return {f.source: f.reason for f in result.failures}  # type: ignore[attr-defined]


# --- non-regular files -----------------------------------------------------------------


def test_a_fifo_in_a_folder_is_named_and_skipped_without_blocking(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")  # nobody ever writes to it: opening it would block
    with memory_limit(200):
        result = read_documents([tmp_path])
    assert [d.identifier for d in result.documents] == ["good.txt"]
    assert reasons(result) == {
        str(tmp_path / "pipe.txt"): "a FIFO, not a regular document; only files are read; skipped"
    }


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_devices_named_explicitly_are_skipped_unread(device: str, tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    with memory_limit(200):
        result = read_documents([device, tmp_path / "good.txt"])
    assert [d.identifier for d in result.documents] == ["good.txt"]
    assert reasons(result)[device].startswith("a character device, not a regular document")


def test_a_socket_in_a_folder_is_skipped(tmp_path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(tmp_path / "live.jsonl"))
        result = read_documents([tmp_path / "live.jsonl"])
    finally:
        server.close()
    assert reasons(result) == {
        str(tmp_path / "live.jsonl"): "a socket, not a regular JSONL file; only files are read; "
        "skipped"
    }


def test_a_symbolic_link_to_a_device_is_refused_too(tmp_path: Path) -> None:
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    with memory_limit(200):
        result = read_documents([tmp_path])
    assert "a character device" in reasons(result)[str(tmp_path / "zero.txt")]


# --- size limits -------------------------------------------------------------------------


def test_a_document_over_the_limit_is_named_and_skipped_by_its_size(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as sparse:  # 4 GiB that take no disk: refused by stat, never read
        sparse.truncate(4 * 1024**3)
    (tmp_path / "small.txt").write_text(ARTICLE, encoding="utf-8")
    with memory_limit(200):
        result = read_documents([tmp_path], max_document_bytes=1024 * 1024)
    assert [d.identifier for d in result.documents] == ["small.txt"]
    assert reasons(result) == {
        str(huge): "document too large (4 GiB, more than the limit of 1 MiB, "
        "--max-document-bytes); skipped"
    }


def test_the_limit_is_exact(tmp_path: Path) -> None:
    (tmp_path / "fits.txt").write_text("x" * 99 + "\n", encoding="utf-8")
    (tmp_path / "over.txt").write_text("x" * 100 + "\n", encoding="utf-8")
    result = read_documents([tmp_path], max_document_bytes=100)
    assert [d.identifier for d in result.documents] == ["fits.txt"]
    assert list(reasons(result)) == [str(tmp_path / "over.txt")]


def test_standard_input_is_capped(tmp_path: Path) -> None:
    class Endless:
        def read(self, size: int = -1) -> bytes:
            assert size > 0, "stdin must be read with a limit"
            return b"a" * size

    result = read_documents(["-"], stdin=Endless(), max_document_bytes=1000)  # type: ignore[arg-type]
    assert reasons(result) == {
        "<stdin>": "document too large (more than the limit of 1000 bytes, --max-document-bytes)"
        "; skipped"
    }


def test_a_jsonl_line_over_the_limit_fails_alone(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a", "text": ARTICLE}),
        json.dumps({"id": "big", "text": "x" * 5000}),
        json.dumps({"id": "b", "text": ARTICLE}),
    ]
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = read_documents([path], max_document_bytes=1000)
    assert [d.identifier for d in result.documents] == ["a", "b"]
    assert reasons(result) == {
        f"{path}:2": "record too large (4.9 KiB, more than the limit of 1000 bytes, "
        "--max-document-bytes); skipped"
    }


# --- one bad JSONL record is one failure --------------------------------------------------


def _jsonl(tmp_path: Path, *lines: bytes) -> Path:
    path = tmp_path / "corpus.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def _record(identifier: str) -> bytes:
    return json.dumps({"id": identifier, "text": ARTICLE}).encode()


def test_deep_nesting_on_one_line_fails_that_line(tmp_path: Path) -> None:
    deep = b'{"id": "deep", "text": "x", "n": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    path = _jsonl(tmp_path, _record("a"), deep, _record("b"))
    result = read_documents([path])
    assert [d.identifier for d in result.documents] == ["a", "b"]
    assert reasons(result) == {f"{path}:2": "invalid JSON (nested too deeply); skipped"}


def test_a_huge_integer_in_an_ignored_field_does_not_stop_the_record(tmp_path: Path) -> None:
    huge = b'{"id": "huge", "text": "Iran backs Iraq.", "views": ' + b"9" * 5000 + b"}"
    path = _jsonl(tmp_path, _record("a"), huge)
    result = read_documents([path])
    assert [d.identifier for d in result.documents] == ["a", "huge"]
    assert result.failures == ()


def test_a_huge_integer_as_the_id_fails_that_line(tmp_path: Path) -> None:
    huge = b'{"id": ' + b"1" * 5000 + b', "text": "Iran backs Iraq."}'
    path = _jsonl(tmp_path, huge, _record("b"))
    result = read_documents([path])
    assert [d.identifier for d in result.documents] == ["b"]
    assert reasons(result) == {f"{path}:1": "field 'id' must be a string, got number; skipped"}


def test_one_undecodable_byte_fails_its_line_only(tmp_path: Path) -> None:
    bad = b'{"id": "bad", "text": "Iran backs \xff Iraq."}'
    path = _jsonl(tmp_path, b"\xef\xbb\xbf" + _record("a"), bad, _record("c") + b"\r")
    result = read_documents([path])
    assert [d.identifier for d in result.documents] == ["a", "c"]
    assert reasons(result) == {f"{path}:2": "not valid UTF-8 (byte 0xff at column 35); skipped"}


def test_a_binary_jsonl_file_is_one_failure(tmp_path: Path) -> None:
    path = tmp_path / "blob.jsonl"
    path.write_bytes(bytes(range(256)) * 64)
    result = read_documents([path])
    assert reasons(result) == {
        str(path): "binary file (NUL bytes; UTF-16 and UTF-32 need a byte-order mark); skipped"
    }


def test_a_jsonl_file_is_streamed_not_slurped(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    record = json.dumps({"id": "r", "text": ARTICLE, "pad": "p" * 4000}).encode()
    with path.open("wb") as out:  # 40 MB of records whose ids all clash after the first
        for _ in range(10_000):
            out.write(record + b"\n")
    with memory_limit(150):
        result = read_documents([path])
    assert [d.identifier for d in result.documents] == ["r"]
    assert len(result.failures) == 9_999


# --- names in messages -------------------------------------------------------------------


def test_a_file_name_with_a_newline_cannot_forge_lines(tmp_path: Path) -> None:
    path = tmp_path / "x\nconflictkg: error: forged.txt"
    path.write_bytes(b"")
    (failure,) = read_documents([path]).failures
    assert "\n" not in str(failure)
    assert str(failure) == f"{printable(path)}: empty document; skipped"
    assert "x\\nconflictkg" in str(failure)


def test_bidi_controls_in_a_file_name_are_shown_escaped(tmp_path: Path) -> None:
    path = tmp_path / "report\u202etxt.exe"
    path.write_bytes(b"\x00\x01")
    (failure,) = read_documents([path]).failures
    assert "\\u202e" in str(failure) and "\u202e" not in str(failure)


# --- any bytes: a document, or failures naming it ------------------------------------------


# The trained pipeline, not spacy.blank("en"): spaCy 3.8's unparsed docs segfault on
# ``Token.rights`` of some tokens (``spacy.blank("en")("e'")[1].rights``), which this test
# found; the parser sets the edges that the blank pipeline leaves wrong. Derandomized, so
# that CI runs the same 150 inputs every time.
@pytest.mark.model
@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".txt", ".jsonl"]))
def test_any_bytes_build_or_fail_as_one_named_document(
    extractor: Extractor, tmp_path_factory: pytest.TempPathFactory, data: bytes, suffix: str
) -> None:
    folder = tmp_path_factory.mktemp("any")
    path = folder / f"input{suffix}"
    path.write_bytes(data)
    extractions, failures = extract_documents([path], extractor)
    for failure in failures:
        assert failure.source == str(path) or failure.source.startswith(f"{path}:"), failure
        assert "\n" not in str(failure)
        if ":" in failure.source.removeprefix(str(path)):
            line = int(failure.source.rpartition(":")[2])
            assert 1 <= line <= data.count(b"\n") + 1
    if suffix == ".txt":
        assert len(extractions) + len(failures) == 1
    else:
        assert extractions or failures


def test_any_other_error_in_one_record_or_file_spares_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import conflictkg.ingest.jsonl as jsonl_module
    import conflictkg.ingest.reader as reader_module

    real_record, real_load = jsonl_module.record_document, reader_module._load

    def record(line: str, source: str, source_path: str) -> object:
        if '"boom"' in line:
            raise LookupError("unforeseen")
        return real_record(line, source, source_path)

    def load(path: Path, limit: int) -> object:
        if path.name == "boom.txt":
            raise ZeroDivisionError("unforeseen")
        return real_load(path, limit)

    monkeypatch.setattr(jsonl_module, "record_document", record)
    monkeypatch.setattr(reader_module, "_load", load)
    path = _jsonl(tmp_path, _record("a"), _record("boom"), _record("c"))
    (tmp_path / "boom.txt").write_text(ARTICLE, encoding="utf-8")
    result = read_documents([path, tmp_path / "boom.txt"])
    assert [d.identifier for d in result.documents] == ["a", "c"]
    assert reasons(result) == {
        f"{path}:2": "cannot be read (LookupError: unforeseen); skipped",
        str(tmp_path / "boom.txt"): "cannot be read (ZeroDivisionError: unforeseen); skipped",
    }


def test_blank_lines_before_the_records_are_no_empty_file(tmp_path: Path) -> None:
    path = _jsonl(tmp_path, b"\n" * 10_000 + _record("a"))
    result = read_documents([path])
    assert [d.identifier for d in result.documents] == ["a"] and result.failures == ()


def test_a_utf16_jsonl_line_over_the_limit_fails_alone(tmp_path: Path) -> None:
    path = tmp_path / "wide.jsonl"
    text = "\n".join([_record("a").decode(), json.dumps({"id": "b", "text": "x" * 3000})])
    path.write_bytes(text.encode("utf-16"))
    result = read_documents([path], max_document_bytes=2000)
    assert [d.identifier for d in result.documents] == ["a"]
    assert list(reasons(result)) == [f"{path}:2"]
