"""Reading articles: paths in, :class:`~conflictkg.model.Document` objects out.

Formats, by file suffix (case-insensitive):

- ``.txt``, and any file named explicitly with another suffix: the decoded text, unchanged
  (line breaks and all: evidence offsets slice it). Identifier: the file name.
- ``.html`` / ``.htm``: the main article text extracted by trafilatura (menus, footers,
  comments and tables dropped), with its title, URL and date where the page declares them.
  Identifier: the file name. trafilatura only parses the string it is given: nothing is
  fetched over the network.
- ``.jsonl``: one article per line, a JSON object with ``id`` and ``text`` (non-empty
  strings) and optional ``url``, ``date``, ``title`` (strings or null); other keys are
  ignored. Identifier: the record's ``id``. A bad line is reported and the others load.

Decoding (:func:`decode_text`): UTF-8, and UTF-16 or UTF-32 with a byte-order mark; the mark
is removed, nothing else is changed, replaced or guessed.

Identifiers are unique in an :class:`IngestResult`. When two inputs yield the same one, each
of them is renamed to its source file's path relative to the deepest folder holding all of
the colliding files (``a/report.txt`` and ``b/report.txt``), with ``#id`` appended for a
JSONL record (``2016/corpus.jsonl#17``). Two records with one ``id`` in the same file are an
error for the second.

:func:`read_file` and :func:`decode_text` raise :class:`~conflictkg.errors.InputError`;
:func:`read_documents` never raises for bad input: every problem becomes an
:class:`InputFailure` and the other inputs are still read.
"""

from __future__ import annotations

import os
import sys
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, BinaryIO

from ..files import DEFAULT_MAX_DOCUMENT_BYTES, UnreadableFile, os_reason, printable, read_capped
from ..model import Document
from .boilerplate import find_boilerplate, mask_boilerplate
from .decoding import InputProblem, decode_text
from .jsonl import read_jsonl

SUPPORTED_SUFFIXES = (".txt", ".html", ".htm", ".jsonl")
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIX = ".jsonl"
STDIN_ARGUMENT = "-"
STDIN_IDENTIFIER = "stdin"
STDIN_SOURCE = "<stdin>"

LIMIT_SETTING = "--max-document-bytes"
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


@dataclass(frozen=True)
class InputFailure:
    """An input that was skipped, and why (one line)."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{printable(self.source)}: {self.reason}"


@dataclass(frozen=True)
class IngestResult:
    """The documents read (sorted by identifier) and the inputs that were skipped."""

    documents: tuple[Document, ...]
    failures: tuple[InputFailure, ...]


def _failure(problem: InputProblem) -> InputFailure:
    return InputFailure(problem.source, f"{problem.reason}; skipped")


@dataclass(frozen=True)
class _Loaded:
    document: Document
    record: bool  # a JSONL record (identifier = its id), not a whole file


def collect_paths(paths: Sequence[str | Path]) -> tuple[list[Path], list[InputFailure]]:
    """The files to read: files as given, folders searched recursively.

    A file named explicitly is read whatever its suffix; in a folder (and its sub-folders)
    only files with a :data:`SUPPORTED_SUFFIXES` suffix are taken, and hidden files and
    folders (name starting with ``.``) are skipped; symbolic links to folders are not
    followed. The result is sorted and free of duplicates (the same file reached twice).
    A missing path, or a folder with nothing to read, is a failure.
    """
    files: list[Path] = []
    failures: list[InputFailure] = []
    for raw in paths:
        path = Path(raw)
        try:
            is_folder = path.is_dir()
        except OSError as exc:  # e.g. a parent folder that cannot be searched
            failures.append(InputFailure(str(path), f"cannot be read ({os_reason(exc)}); skipped"))
            continue
        if is_folder:
            listing_errors = len(failures)
            found = _search_folder(path, failures)
            if not found and len(failures) == listing_errors:
                kinds = ", ".join(SUPPORTED_SUFFIXES)
                failures.append(InputFailure(str(path), f"folder holds no {kinds} files; skipped"))
            files.extend(found)
        elif path.exists():
            files.append(path)
        elif path.is_symlink():
            failures.append(InputFailure(str(path), "broken symbolic link; skipped"))
        else:
            failures.append(InputFailure(str(path), "no such file or directory; skipped"))
    unique: dict[str, Path] = {}
    for path in sorted(files, key=str):
        unique.setdefault(os.path.realpath(path), path)
    return sorted(unique.values(), key=str), sorted(failures, key=_failure_key)


def _search_folder(folder: Path, failures: list[InputFailure]) -> list[Path]:
    def unlistable(exc: OSError) -> None:
        where = exc.filename or folder
        reason = f"folder cannot be listed ({os_reason(exc)}); skipped"
        failures.append(InputFailure(str(where), reason))

    found: list[Path] = []
    for root, dirs, names in os.walk(folder, onerror=unlistable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if not name.startswith(".") and Path(name).suffix.lower() in SUPPORTED_SUFFIXES:
                found.append(Path(root, name))
    return found


def read_documents(
    paths: Sequence[str | Path],
    stdin: BinaryIO | None = None,
    *,
    max_document_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES,
) -> IngestResult:
    """Read every document under ``paths``; ``"-"`` reads standard input as one text.

    Standard input (``stdin``, else ``sys.stdin.buffer``) is read as bytes and decoded like
    a ``.txt`` file; its document is identified ``"stdin"`` and has no ``source_path``.
    A document (a file, a JSONL line, standard input) of more than ``max_document_bytes``
    bytes is a failure, read no further than the limit; so are FIFOs, devices and sockets,
    which are never opened. Never raises for bad input: see :class:`IngestResult`.
    Documents are sorted by identifier and failures by source, whatever the order of
    ``paths``.
    """
    wants_stdin = any(str(p) == STDIN_ARGUMENT for p in paths)
    files, failures = collect_paths([p for p in paths if str(p) != STDIN_ARGUMENT])
    loaded: list[_Loaded] = []
    if wants_stdin:
        stream = stdin if stdin is not None else sys.stdin.buffer
        try:
            data = read_capped(STDIN_SOURCE, max_document_bytes, "document", stream, LIMIT_SETTING)
            text = decode_text(data, STDIN_SOURCE)
            loaded.append(_Loaded(_document(STDIN_IDENTIFIER, text, None), record=False))
        except UnreadableFile as exc:
            failures.append(InputFailure(STDIN_SOURCE, f"{exc.reason}; skipped"))
        except InputProblem as exc:
            failures.append(_failure(exc))
    for path in files:
        try:
            items, problems = _load(path, max_document_bytes)
        except InputProblem as exc:
            failures.append(_failure(exc))
            continue
        except Exception as exc:  # whatever else goes wrong with one file, the others load
            reason = f"cannot be read ({type(exc).__name__}: {exc}); skipped"
            failures.append(InputFailure(str(path), " ".join(reason.split())))
            continue
        loaded.extend(items)
        failures.extend(_failure(problem) for problem in problems)
    documents, clashes = _unique_identifiers(loaded)
    failures.extend(clashes)
    return IngestResult(
        documents=tuple(sorted(documents, key=lambda d: (d.identifier, d.source_path or ""))),
        failures=tuple(sorted(failures, key=_failure_key)),
    )


def read_file(path: Path, max_document_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES) -> list[Document]:
    """The documents of one file: one, or one per JSONL record.

    Raises:
        InputError: the file cannot be read or decoded, is not a regular file, is larger
            than ``max_document_bytes``, holds no article text, or (JSONL) any of its
            lines is bad; the message names the file (and line).
    """
    loaded, problems = _load(path, max_document_bytes)
    if problems:
        raise problems[0]
    return [item.document for item in loaded]


def _load(path: Path, limit: int) -> tuple[list[_Loaded], list[InputProblem]]:
    """Read one file. Raises InputProblem for the file; returns JSONL line problems."""
    source = str(path)
    suffix = path.suffix.lower()
    if suffix == JSONL_SUFFIX:
        return _jsonl_documents(path, limit)
    text = decode_text(_read_bytes(path, limit), source)
    if suffix in HTML_SUFFIXES:
        return [_Loaded(_html_document(path, text), record=False)], []
    return [_Loaded(_document(path.name, text, source), record=False)], []


def _read_bytes(path: Path, limit: int) -> bytes:
    try:
        return read_capped(path, limit, "document", setting=LIMIT_SETTING)
    except UnreadableFile as exc:
        raise InputProblem(exc.source, exc.reason) from exc


def _document(identifier: str, text: str, source_path: str | None, **meta: str | None) -> Document:
    """A document with its boilerplate found; ``meta`` is its url, date and title."""
    return Document(identifier, text, source_path, boilerplate=find_boilerplate(text), **meta)


def _html_document(path: Path, html: str) -> Document:
    import trafilatura  # deferred: only HTML input needs it

    source = str(path)
    try:
        result: Any = trafilatura.bare_extraction(
            html,
            favor_precision=True,
            include_comments=False,
            include_tables=False,
            with_metadata=True,
            date_extraction_params=dict(_DATE_PARAMS),
        )
    except Exception as exc:  # lxml and trafilatura raise many types on broken markup
        raise InputProblem(source, f"HTML cannot be parsed ({type(exc).__name__})") from exc
    text = _optional_str(getattr(result, "text", None)) if result is not None else None
    if text is None or not text.strip():
        raise InputProblem(source, "no article text found")
    document = _document(
        path.name,
        text,
        source,
        url=_optional_str(getattr(result, "url", None)),
        date=_optional_str(getattr(result, "date", None)),
        title=_optional_str(getattr(result, "title", None)),
    )
    if not mask_boilerplate(text, document.boilerplate).strip():
        raise InputProblem(source, "no article text found (only links and credits)")
    return document


def _optional_str(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _jsonl_documents(path: Path, limit: int) -> tuple[list[_Loaded], list[InputProblem]]:
    records, problems = read_jsonl(path, limit, LIMIT_SETTING)
    loaded: list[_Loaded] = []
    first_line: dict[str, int] = {}
    for number, record in records:
        if record.identifier in first_line:
            earlier = first_line[record.identifier]
            reason = f"duplicate id {record.identifier!r} (first on line {earlier})"
            problems.append(InputProblem(f"{path}:{number}", reason))
            continue
        first_line[record.identifier] = number
        document = replace(record, boilerplate=find_boilerplate(record.text))
        loaded.append(_Loaded(document, record=True))
    problems.sort(key=lambda problem: _failure_key(_failure(problem)))
    return loaded, problems


def _unique_identifiers(loaded: list[_Loaded]) -> tuple[list[Document], list[InputFailure]]:
    """Rename colliding identifiers by relative path; fail what still collides."""
    groups: dict[str, list[_Loaded]] = defaultdict(list)
    for item in loaded:
        groups[item.document.identifier].append(item)
    renamed: list[Document] = []
    for items in groups.values():
        if len(items) == 1:
            renamed.append(items[0].document)
            continue
        folders = [
            os.path.dirname(os.path.abspath(i.document.source_path))
            for i in items
            if i.document.source_path is not None
        ]
        base = os.path.commonpath(folders) if folders else ""
        renamed.extend(_relative_identifier(item, base) for item in items)
    kept: dict[str, Document] = {}
    failures: list[InputFailure] = []
    for document in sorted(renamed, key=lambda d: (d.identifier, d.source_path or "")):
        first = kept.setdefault(document.identifier, document)
        if first is not document:
            source = document.source_path or STDIN_SOURCE
            also = first.source_path or STDIN_SOURCE
            reason = f"duplicate identifier {document.identifier!r} (also read from {also})"
            failures.append(InputFailure(source, f"{reason}; skipped"))
    return list(kept.values()), failures


def _relative_identifier(item: _Loaded, base: str) -> Document:
    document = item.document
    if document.source_path is None:
        return document
    relative = Path(os.path.relpath(os.path.abspath(document.source_path), base)).as_posix()
    identifier = f"{relative}#{document.identifier}" if item.record else relative
    return replace(document, identifier=identifier)


def _failure_key(failure: InputFailure) -> tuple[str, int, str]:
    """Order failures by file, then by line number (``corpus.jsonl:9`` before ``:10``)."""
    path, _, line = failure.source.rpartition(":")
    if path and line.isdigit():
        return (path, int(line), failure.reason)
    return (failure.source, 0, failure.reason)
