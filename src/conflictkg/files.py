"""Opening the files a user names: regular files only, reads capped, names escaped.

Every stage that reads a file given on the command line (articles, a query file, a graph
to validate or query) opens it here, so that hostile paths cannot hang or exhaust the
process:

- a FIFO, a device or a socket is refused by its ``stat`` before anything opens it (``/dev/zero``
  never streams, a FIFO never blocks); the file is then opened non-blocking and checked
  again on the open descriptor, so a swap between the two steps is caught too;
- a read never takes more than its limit: a bigger file is refused by its size, and a
  file that grows (or lies about its size, as ``/proc`` files do) is cut at limit + 1 byte;
- a name shown in a message has its control, format and bidi characters escaped
  (:func:`printable`), so a file called ``"a\\nconflictkg: error: forged"`` cannot forge a
  line of output.

>>> printable("report\\n2016.txt")
'report\\\\n2016.txt'
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import unicodedata
from pathlib import Path
from typing import BinaryIO

from .errors import ExportError, InputError

__all__ = [
    "DEFAULT_MAX_DOCUMENT_BYTES",
    "UnreadableFile",
    "check_output_folder",
    "format_bytes",
    "open_regular",
    "os_reason",
    "printable",
    "read_capped",
]

DEFAULT_MAX_DOCUMENT_BYTES = 32 * 1024 * 1024
"""A document (a file, a JSONL line, standard input) longer than this is skipped, named."""

_KINDS = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class UnreadableFile(InputError):
    """A file that cannot be read: not a regular file, too large, or an OS error.

    ``source`` is the path as given (unescaped), ``reason`` the problem; the message is
    ``"<escaped source>: <reason>"``.
    """

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{printable(source)}: {reason}")
        self.source = source
        self.reason = reason


def printable(text: object) -> str:
    """``text`` with control, format (zero-width, bidi), line and paragraph separator
    characters written as Python escapes; everything else unchanged."""
    value = str(text)
    if all(unicodedata.category(c) not in _HIDDEN for c in value):
        return value
    return "".join(_escape(c) if unicodedata.category(c) in _HIDDEN else c for c in value)


_HIDDEN = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def _escape(char: str) -> str:
    code = ord(char)
    short = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char)
    if short:
        return short
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def format_bytes(size: int) -> str:
    """A byte count for people: ``"512 bytes"``, ``"1.5 MiB"``."""
    if size < 1024:
        return f"{size} bytes"
    value = float(size)
    for unit in ("KiB", "MiB", "GiB", "TiB"):
        value /= 1024
        if value < 1024 or unit == "TiB":
            return f"{value:.1f} {unit}".replace(".0 ", " ")
    raise AssertionError("unreachable")


def os_reason(exc: OSError) -> str:
    """A short lower-case reason for an OS error (``"permission denied"``)."""
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    return (exc.strerror or type(exc).__name__).lower()


def _kind(mode: int) -> str | None:
    """What a non-regular file is (``"a FIFO"``), or ``None`` for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        raise IsADirectoryError()
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def open_regular(
    path: Path | str, limit: int | None = None, what: str = "file", setting: str | None = None
) -> BinaryIO:
    """Open a regular file for binary reading, refusing anything else without blocking.

    Raises:
        UnreadableFile: naming the path: missing, unreadable, not a regular file (``a FIFO;
            only regular files are read``), or (with ``limit``) larger than ``limit`` bytes.
    """
    source = str(path)
    try:
        kind = _kind(os.stat(source).st_mode)
        if kind is not None:
            raise UnreadableFile(source, f"{kind}, not a regular {what}; only files are read")
        descriptor = os.open(source, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError as exc:
        raise UnreadableFile(source, f"cannot be read ({os_reason(exc)})") from exc
    try:
        info = os.fstat(descriptor)
        kind = _kind(info.st_mode)
        if kind is not None:
            raise UnreadableFile(source, f"{kind}, not a regular {what}; only files are read")
        if limit is not None and info.st_size > limit:
            raise _too_large(source, info.st_size, limit, what, setting)
        return os.fdopen(descriptor, "rb")
    except OSError as exc:  # swapped for a folder between the two checks
        os.close(descriptor)
        raise UnreadableFile(source, f"cannot be read ({os_reason(exc)})") from exc
    except BaseException:
        os.close(descriptor)
        raise


def _too_large(
    source: str, size: int | None, limit: int, what: str, setting: str | None = None
) -> UnreadableFile:
    shown = f"{format_bytes(size)}, " if size is not None else ""
    named = f", {setting}" if setting else ""
    return UnreadableFile(
        source, f"{what} too large ({shown}more than the limit of {format_bytes(limit)}{named})"
    )


def read_capped(
    path: Path | str,
    limit: int,
    what: str = "file",
    stream: BinaryIO | None = None,
    setting: str | None = None,
) -> bytes:
    """The bytes of a regular file (or of ``stream``), at most ``limit`` of them.

    Raises:
        UnreadableFile: as :func:`open_regular`, or the content turns out longer than
            ``limit`` while reading (a growing file, standard input). ``setting`` (say
            ``"--max-document-bytes"``) is named in the message of a file too large.
    """
    source = str(path)
    try:
        if stream is not None:
            data = stream.read(limit + 1)
        else:
            with open_regular(source, limit, what, setting) as opened:
                data = opened.read(limit + 1)
    except OSError as exc:
        raise UnreadableFile(source, f"cannot be read ({os_reason(exc)})") from exc
    if len(data) > limit:
        raise _too_large(source, None, limit, what, setting)
    return data


def check_output_folder(folder: Path | str) -> Path:
    """Make sure files can be written into ``folder``, before any work, leaving no trace.

    A probe file is created and removed in it; folders that had to be created for the
    probe are removed again (the export creates them when it writes). Raises
    :class:`ExportError` naming the folder when it cannot be created or written to (a file
    in the way, permissions, a read-only file system).
    """
    path = Path(folder)
    missing = []
    parent = path
    while not parent.exists() and parent != parent.parent:
        missing.append(parent)
        parent = parent.parent
    try:
        path.mkdir(parents=True, exist_ok=True)
        descriptor, probe = tempfile.mkstemp(prefix=".conflictkg-probe-", dir=path)
        os.close(descriptor)
        os.unlink(probe)
    except OSError as exc:
        reason = "not a folder" if isinstance(exc, FileExistsError) else os_reason(exc)
        raise ExportError(f"{printable(path)}: cannot write into this folder ({reason})") from exc
    finally:
        for created in missing:
            with contextlib.suppress(OSError):
                created.rmdir()
    return path
