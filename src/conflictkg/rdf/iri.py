"""Minting stable IRIs for instances, and cleaning text for RDF literals.

Every instance IRI lives under :data:`conflictkg.vocab.INSTANCE_NS`
(``https://w3id.org/conflictkg/id/``) and is a pure function of its key, so the same actor
gets the same IRI in every run and every corpus::

    actor_iri("irn")                  -> …/id/actor/irn
    actor_iri("islamic_state")        -> …/id/actor/islamic_state
    actor_iri("Hay'at Tahrir al-Sham") -> …/id/actor/hayat_tahrir_al-sham-<10 hex>
    document_iri(document)            -> …/id/document/<24 hex>  (see below)
    statement_iri(...)                -> …/id/statement/<16 hex>

The scheme (version 1; changing it changes every published IRI, so don't):

* The *slug* of a key: casefold, NFKD, drop combining marks, whitespace to ``_``, keep only
  ``[a-z0-9_-]`` (documents and extractors also keep ``.``), collapse each run of separators
  to its first character, strip separators at both ends, cut to 60 characters.
* A key that already *is* its own slug (matches ``[a-z0-9]+([_-][a-z0-9]+)*``, at most 60
  characters, and does not end in ``-`` plus 10 hex digits) is used as is: gazetteer ids
  stay readable. Any other key gets ``-`` and the first 10 hex digits of the SHA-256 of the
  key (UTF-8, lone surrogates encoded with ``surrogatepass``, which is injective) appended
  to its slug. The hash-looking ending is reserved for hashed keys, so a faithful key can
  never collide with a hashed one; two hashed keys collide only if their slugs are equal
  *and* 40 bits of SHA-256 are.

The result is ASCII, at most 37 + 60 + 11 = 108 characters for actors, and a valid
absolute IRI for every key, including empty, whitespace-only and non-Latin ones.

A *document* IRI names the article, not the file it came in (:func:`document_key`): the
first 24 hex digits (96 bits) of the SHA-256 of ``url <normalised URL>`` when the document
has an absolute http(s) URL, else of ``text <SHA-256 of its decoded text>``. So the same
article gets the same IRI whatever its file name, folder, batch or encoding, a corrected
version of a web page keeps its IRI, and two different texts without a URL never share one.
File names, relative paths and JSONL ids are not used: they depend on the folder layout and
on who numbered the records (``dcterms:identifier`` keeps them for people).
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata

from rdflib import URIRef

from ..model import Document
from .literals import normalized_url
from .vocab import INSTANCE_NS

__all__ = [
    "actor_iri",
    "document_iri",
    "document_key",
    "extractor_iri",
    "safe_literal",
    "slug",
    "statement_iri",
    "text_sha256",
]

MAX_SLUG = 60
_HASH_HEX = 10
_STATEMENT_HEX = 16
_DOCUMENT_HEX = 24

_FAITHFUL = re.compile(r"[a-z0-9]+(?:[_-][a-z0-9]+)*")
_FAITHFUL_DOTTED = re.compile(r"[a-z0-9]+(?:[._-][a-z0-9]+)*")
_HASH_ENDING = re.compile(rf"-[0-9a-f]{{{_HASH_HEX}}}")
_SEPARATOR_RUN = re.compile(r"[._-]{2,}")


def _utf8(text: str) -> bytes:
    """UTF-8 bytes of any Python string; lone surrogates are encoded, not lost or merged."""
    return text.encode("utf-8", "surrogatepass")


def slug(key: str, *, keep_dots: bool = False) -> str:
    """The readable ASCII part of an IRI for ``key`` (possibly empty), without any hash."""
    allowed = "._-" if keep_dots else "_-"
    decomposed = unicodedata.normalize("NFKD", key.casefold())
    chars: list[str] = []
    for char in decomposed:
        if unicodedata.combining(char):
            continue
        if char.isspace():
            chars.append("_")
        elif ("a" <= char <= "z") or ("0" <= char <= "9") or char in allowed:
            chars.append(char)
    text = _SEPARATOR_RUN.sub(lambda match: match.group()[0], "".join(chars))
    text = text.strip("._-")[:MAX_SLUG]
    return text.rstrip("._-")


def _is_faithful(key: str, keep_dots: bool) -> bool:
    pattern = _FAITHFUL_DOTTED if keep_dots else _FAITHFUL
    return (
        len(key) <= MAX_SLUG
        and pattern.fullmatch(key) is not None
        and _HASH_ENDING.search(key) is None
    )


def _mint(kind: str, key: str, *, keep_dots: bool = False) -> URIRef:
    if not isinstance(key, str):
        raise TypeError(f"{kind} key must be a str, not {type(key).__name__}")
    if _is_faithful(key, keep_dots):
        local = key
    else:
        digest = hashlib.sha256(_utf8(key)).hexdigest()[:_HASH_HEX]
        local = f"{slug(key, keep_dots=keep_dots)}-{digest}"
    return INSTANCE_NS[f"{kind}/{local}"]


def actor_iri(key: str) -> URIRef:
    """The IRI of the actor with stable key ``key`` (a gazetteer id or a normalised name).

    >>> str(actor_iri("irn"))
    'https://w3id.org/conflictkg/id/actor/irn'
    >>> str(actor_iri("Iran"))
    'https://w3id.org/conflictkg/id/actor/iran-18d4e17076'
    """
    return _mint("actor", key)


def text_sha256(text: str) -> str:
    """The SHA-256 (hex) of a decoded text, as UTF-8 (lone surrogates kept, see above)."""
    return hashlib.sha256(_utf8(text)).hexdigest()


def document_key(text: str, url: str | None = None) -> str:
    """What identifies an article: its normalised http(s) URL, else the hash of its text.

    >>> document_key("Some text.", "https://Example.com/a#x")
    'url https://example.com/a'
    >>> document_key("Some text.")[:12]
    'text 13b4c5a'
    """
    normalized = normalized_url(url)
    return f"url {normalized}" if normalized else f"text {text_sha256(text)}"


def document_iri(document: Document | str) -> URIRef:
    """The stable, unique IRI of a document (or of a :func:`document_key`).

    >>> str(document_iri(Document("a.txt", "Some text.")))[-36:]
    'id/document/346ffea8f439b382bd955863'
    """
    if isinstance(document, str):
        if not document.startswith(("url ", "text ")):
            raise ValueError(f"not a document key (see document_key): {document[:40]!r}")
        key = document
    else:
        key = document_key(document.text, document.url)
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:_DOCUMENT_HEX]
    return INSTANCE_NS[f"document/{digest}"]


def extractor_iri(name: str) -> URIRef:
    """The IRI of an extractor (a rule set or model), e.g. ``"rules-1.0"``."""
    return _mint("extractor", name, keep_dots=True)


def statement_iri(
    document: str, subject: str, predicate: str, object: str, begin: int, end: int
) -> URIRef:
    """The IRI of the ``rdf:Statement`` for one relation read at one place of one document.

    ``document`` is the document's IRI (as a string), ``subject`` and ``object`` actor keys,
    ``predicate`` the ontology's local name (a :class:`conflictkg.model.Predicate` works
    too), ``begin``/``end`` the evidence offsets.
    The same relation read twice at the same offsets is one statement.
    """
    fields = [document, subject, str(getattr(predicate, "value", predicate)), object]
    for name, value in zip(("document", "subject", "predicate", "object"), fields, strict=True):
        if not isinstance(value, str):
            raise TypeError(f"statement {name} must be a str, not {type(value).__name__}")
    # JSON of a list is an injective encoding; ensure_ascii escapes lone surrogates too.
    canonical = json.dumps([*fields, int(begin), int(end)], ensure_ascii=True)
    digest = hashlib.sha256(canonical.encode("ascii")).hexdigest()[:_STATEMENT_HEX]
    return INSTANCE_NS[f"statement/{digest}"]


# C0 controls except TAB, LF, CR; DEL; C1 controls (all of category Cc but \t \n \r); and the
# noncharacters U+FFFE, U+FFFF (rapper cuts a literal short at them, XML forbids them).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_SURROGATE_PAIR = re.compile("([\ud800-\udbff])([\udc00-\udfff])")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _join_pair(match: re.Match[str]) -> str:
    high, low = (ord(char) for char in match.groups())
    return chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))


def safe_literal(text: str) -> str:
    """``text`` without what cannot appear in an RDF literal that every parser accepts.

    Removed: lone surrogates (they are not Unicode scalar values and cannot be encoded in
    UTF-8); control characters (Unicode category Cc: U+0000-U+001F, U+007F-U+009F) other
    than TAB, LF and CR, which XML 1.0 forbids, and of which rapper silently cuts a literal
    short at U+0000; and U+FFFE and U+FFFF, at which rapper also cuts literals short. A
    surrogate *pair* left in a Python string (from ``surrogatepass`` decoding) is joined into
    the character it encodes. Everything else is kept unchanged, including format
    characters (U+200E, U+FEFF), private-use characters and the other noncharacters; no
    normalisation is applied.

    Removing characters shifts offsets: apply it to the text written out, never to the text
    that evidence offsets index into.

    >>> safe_literal("a\\x00b\\udc80c\\td")
    'abc\\td'
    """
    if _CONTROL.search(text) is None and _SURROGATE.search(text) is None:
        return text
    text = _SURROGATE_PAIR.sub(_join_pair, text)
    return _SURROGATE.sub("", _CONTROL.sub("", text))
