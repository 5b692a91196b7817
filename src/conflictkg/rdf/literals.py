"""Typed values a store can filter on, written in the form every store gives back.

Triple stores keep values, not spellings: Oxigraph returns ``"297"^^xsd:nonNegativeInteger``
as ``"297"^^xsd:integer`` and ``"0.90"^^xsd:decimal`` as ``"0.9"``. A graph that went through
a store must still be the same graph (isomorphic) and still conform to the shapes, so
everything here is written in the canonical lexical form of a primitive XSD type:

* counts and offsets: ``xsd:integer`` (the shapes add ``sh:minInclusive 0``);
* confidences and scores: ``xsd:decimal`` without trailing zeros (``0.9``, ``1``, ``0.72``);
* dates: ``xsd:date`` (``2016-01-10``) or ``xsd:dateTime`` (``2016-01-10T08:30:00Z``, the
  offset ``+00:00`` written ``Z``, fractional seconds without trailing zeros); anything
  that is not an ISO 8601 date is left out rather than guessed;
* source URLs: an IRI, only for an absolute ``http``/``https`` URL (characters an IRI cannot
  hold percent-encoded); anything else (``>``, ``www.example.com``) is left out.

Literals are made with ``normalize=False``: rdflib's own normal forms (``+00:00`` for ``Z``)
are not Oxigraph's, and rdflib applies them again when it parses a file.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from urllib.parse import quote, urlsplit, urlunsplit

import pyoxigraph as ox
from rdflib import XSD, Literal, URIRef

__all__ = [
    "date_literal",
    "decimal_literal",
    "integer_literal",
    "normalized_url",
    "source_iri",
]

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATE_TIME = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?"
)
# What RFC 3987 does not allow unescaped in an IRI (besides controls, handled below).
_NOT_IN_IRI = ' <>"{}|\\^`'


def integer_literal(value: int) -> Literal:
    """``value`` as ``xsd:integer`` (the type Oxigraph keeps for every integer type)."""
    return Literal(str(int(value)), datatype=XSD.integer, normalize=False)


def decimal_literal(value: float, places: int = 2) -> Literal:
    """``value`` rounded to ``places`` as a canonical ``xsd:decimal``: ``0.9``, ``1``, ``0``.

    >>> str(decimal_literal(0.9)), str(decimal_literal(1.0)), str(decimal_literal(0.725))
    ('0.9', '1', '0.72')
    """
    exact = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-places), ROUND_HALF_EVEN)
    text = format(exact, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return Literal(text, datatype=XSD.decimal, normalize=False)


def _offset(delta: timedelta | None) -> str:
    if delta is None:
        return ""
    minutes = int(delta.total_seconds()) // 60
    if minutes == 0:
        return "Z"
    sign = "+" if minutes > 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{rest:02d}"


def date_literal(text: str | None) -> Literal | None:
    """An ISO 8601 date or date-time as ``xsd:date`` / ``xsd:dateTime``, else ``None``.

    >>> str(date_literal("2016-01-10")), str(date_literal("2016-01-10 08:30:00+00:00"))
    ('2016-01-10', '2016-01-10T08:30:00Z')
    >>> date_literal("January 10") is None
    True
    """
    if text is None:
        return None
    text = text.strip()
    try:
        if _DATE.fullmatch(text):
            return Literal(date.fromisoformat(text).isoformat(), datatype=XSD.date, normalize=False)
        if _DATE_TIME.fullmatch(text):
            moment = datetime.fromisoformat(text.replace(" ", "T", 1))
            fraction = f".{moment.microsecond:06d}".rstrip("0") if moment.microsecond else ""
            lexical = moment.strftime("%Y-%m-%dT%H:%M:%S") + fraction.rstrip(".")
            lexical += _offset(moment.utcoffset())
            return Literal(lexical, datatype=XSD.dateTime, normalize=False)
    except ValueError:  # 2016-02-30 and the like
        return None
    return None


def normalized_url(url: str | None) -> str | None:
    """An absolute http(s) URL in the form used for identity and ``dcterms:source``.

    Scheme and host are lowercased, a default port and the fragment dropped, an empty path
    becomes ``/``, and characters an IRI cannot hold are percent-encoded. Anything that is
    not an absolute http(s) URL gives ``None``.

    >>> normalized_url("HTTPS://Example.COM:443/a b#top")
    'https://example.com/a%20b'
    """
    if url is None:
        return None
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower()
    if ":" in host:
        host = f"[{host}]"
    if port is not None and port != {"http": 80, "https": 443}[scheme]:
        host = f"{host}:{port}"
    if parts.username is not None:
        return None  # credentials never go into a graph
    safe = "".join(chr(c) for c in range(0x21, 0x7F) if chr(c) not in _NOT_IN_IRI + "%")
    path = quote(parts.path or "/", safe=safe + "%")
    query = quote(parts.query, safe=safe + "%")
    iri = urlunsplit((scheme, host, path, query, ""))
    try:
        ox.NamedNode(iri)
    except ValueError:
        return None
    return iri


def source_iri(url: str | None) -> URIRef | None:
    """The IRI of a document's source URL (see :func:`normalized_url`), or ``None``."""
    normalized = normalized_url(url)
    return URIRef(normalized) if normalized else None
