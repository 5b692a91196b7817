"""Decoding the bytes of a text file: strictly, never guessing or replacing.

UTF-8 (with or without a byte-order mark) and UTF-16 / UTF-32 with a mark are accepted;
the mark is removed and nothing else is changed. Empty and binary files are refused.
"""

from __future__ import annotations

from ..errors import InputError
from ..files import printable

__all__ = ["InputProblem", "decode_text", "looks_binary"]

_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32LE"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32BE"),
    (b"\xef\xbb\xbf", "utf-8", "UTF-8"),
    (b"\xff\xfe", "utf-16-le", "UTF-16LE"),
    (b"\xfe\xff", "utf-16-be", "UTF-16BE"),
)
_BINARY_SAMPLE = 8192
_BINARY_CONTROL_SHARE = 0.1
_TEXT_CONTROLS = frozenset("\t\n\r\v\f")
_BINARY_BYTES = frozenset(set(range(0x20)) - set(b"\t\n\r\v\f") | {0x7F})


class InputProblem(InputError):
    """An :class:`InputError` that keeps its source and reason apart (the message shows
    the source with control characters escaped)."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{printable(source)}: {reason}")
        self.source = source
        self.reason = reason


def decode_text(data: bytes, source: str) -> str:
    """Decode the bytes of a text file strictly, removing a byte-order mark if present.

    Accepts UTF-8 (with or without a mark) and UTF-16 / UTF-32 with a mark.

    Raises:
        InputError: naming ``source``: ``empty document`` (no bytes, or only white space),
            ``binary file`` (NUL bytes in unmarked data, or more than 10% control
            characters), or ``not valid UTF-8 (byte 0xff at offset 12)`` with the offset of
            the first undecodable byte.
    """
    if not data:
        raise InputProblem(source, "empty document")
    marked = [(bom, codec, label) for bom, codec, label in _BOMS if data.startswith(bom)]
    if marked:
        text = _decode_marked(data, marked, source)
    else:
        binary = looks_binary(data[:_BINARY_SAMPLE]) or (b"\x00" in data and _NUL_BYTES)
        if binary:
            raise InputProblem(source, f"binary file ({binary})")
        text = _strict_decode(data, 0, "utf-8", "UTF-8", source)
    if "\x00" in text or _control_share(text[:_BINARY_SAMPLE]) > _BINARY_CONTROL_SHARE:
        raise InputProblem(source, "binary file (control characters)")
    if not text.strip():
        raise InputProblem(source, "empty document")
    return text


_NUL_BYTES = "NUL bytes; UTF-16 and UTF-32 need a byte-order mark"


def looks_binary(sample: bytes) -> str:
    """Why unmarked bytes look binary (``"NUL bytes; ..."``, ``"control characters"``), or
    ``""`` when they may be text. Judged on a sample: the first 8 KiB are enough."""
    if b"\x00" in sample:
        return _NUL_BYTES
    if sum(1 for b in sample if b in _BINARY_BYTES) > _BINARY_CONTROL_SHARE * len(sample):
        return "control characters"
    return ""


def _decode_marked(data: bytes, marked: list[tuple[bytes, str, str]], source: str) -> str:
    """Decode with the longest matching mark; ``FF FE 00 00`` is also UTF-16LE text that
    starts with U+0000, so a failed UTF-32LE decoding falls back to the shorter mark."""
    first: InputProblem | None = None
    for bom, codec, label in marked:
        try:
            return _strict_decode(data, len(bom), codec, label, source)
        except InputProblem as problem:
            first = first or problem
    assert first is not None
    raise first


def _strict_decode(data: bytes, start: int, codec: str, label: str, source: str) -> str:
    try:
        return data[start:].decode(codec)
    except UnicodeDecodeError as exc:
        offset = start + exc.start
        raise InputProblem(
            source, f"not valid {label} (byte 0x{data[offset]:02x} at offset {offset})"
        ) from exc


def _control_share(sample: str) -> float:
    if not sample:
        return 0.0
    controls = sum(
        1 for c in sample if (c < " " or "\x7f" <= c < "\xa0") and c not in _TEXT_CONTROLS
    )
    return controls / len(sample)
