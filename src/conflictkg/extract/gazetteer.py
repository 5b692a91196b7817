"""The actor gazetteer: states, intergovernmental bodies, armed groups and people.

The knowledge lives in the TSV files of ``conflictkg/data`` (format: ``data/README.md``);
this module reads and checks them, and answers which entries a text names
(:meth:`Gazetteer.lookup`) and which spaCy token patterns find them (:meth:`Gazetteer.patterns`).

Both follow the same rules: curly apostrophes, Unicode hyphens and accents are folded, a
hyphen equals a space ("al-Qaeda" = "al Qaeda") and a leading "the" is ignored. Acronyms and
forms under four characters match case-sensitively ("US", not "us"). Other forms match in
any case, except that a word the data capitalises does not match it written all in lower
case ("Turkey" and "TURKEY", not "turkey"); a form the data writes in lower case
("peshmerga") matches in any case.

>>> gazetteer = load_gazetteer()
>>> [(entry.key, surface.kind.name) for entry, surface in gazetteer.lookup("Tehran")]
[('irn', 'METONYM')]
>>> gazetteer.lookup("us")
[]
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from ..ingest.names import identity_form
from ..model import ActorType

if TYPE_CHECKING:
    from spacy.language import Language


class SurfaceKind(Enum):
    """How a surface form names its entry; the member name is the pattern label."""

    NAME = "name"  # a name or alias
    ACRONYM = "acronym"  # written without lower-case letters: "U.S.", "ISIS", "M23"
    DEMONYM = "demonym"  # "Iranian", "Saudis"
    METONYM = "metonym"  # a capital or seat of government: "Tehran", "Kremlin"


@dataclass(frozen=True)
class Surface:
    """One way to write an entry in text."""

    text: str
    kind: SurfaceKind


@dataclass(frozen=True)
class GazetteerEntry:
    """One actor the gazetteer knows, with every way to write it; or one name it knows is
    not an actor ("Reuters", "Red Cross"), so that no rule takes it for one."""

    key: str  # lower-case iso3 for states ("irn"), else the id column
    label: str  # English preferred label
    type: ActorType | None  # None: a name that is no actor (a news agency, an NGO, a company)
    surfaces: tuple[Surface, ...]  # in data order, the label first
    wikidata: str | None  # a verified QID ("Q794") or None
    parent: str | None = None  # key of what an armed group is part of / a person's role is in
    role: str | None = None  # a person's role ("president", "leader")


_APOSTROPHES = str.maketrans(dict.fromkeys("\u2018\u2019\u201b\u2032\u02bc`\u00b4", "'"))
_HYPHENS = ("-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212")
_HYPHEN_RE = re.compile("[" + "".join(_HYPHENS) + "]")
_SPACE_RE = re.compile(r"\s+")


def _strip_accents(text: str) -> str:
    kept = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", kept)


def drop_the(text: str) -> str:
    """``text`` without a leading "the " (any case)."""
    return text[4:] if text[:4].lower() == "the " and len(text) > 4 else text


def _has_upper(text: str) -> bool:
    return any(c.isupper() for c in text)


def normalize(text: str) -> str:
    """Fold apostrophes, hyphens (to spaces), accents and spaces; drop a leading "the".

    >>> normalize("the Côte d’Ivoire"), normalize("al–Qaeda")
    ("Cote d'Ivoire", 'al Qaeda')
    """
    text = _strip_accents(identity_form(text).translate(_APOSTROPHES))
    return drop_the(_SPACE_RE.sub(" ", _HYPHEN_RE.sub(" ", text)).strip())


def name_kind(text: str) -> SurfaceKind:
    """ACRONYM for a form with capitals and no lower-case letter ("U.S.", "M23"), else NAME."""
    acronym = _has_upper(text) and not any(c.islower() for c in text)
    return SurfaceKind.ACRONYM if acronym else SurfaceKind.NAME


def _is_exact(surface: Surface) -> bool:
    """Whether a surface matches case-sensitively: acronyms and forms under four characters."""
    return surface.kind is SurfaceKind.ACRONYM or len(normalize(surface.text)) < 4


def _words_match(query: str, form: str) -> bool:
    """Equal ignoring case, but no word ``form`` capitalises is all lower case in ``query``."""
    pairs = zip(query.split(" "), form.split(" "), strict=False)
    return query.casefold() == form.casefold() and not any(
        _has_upper(f) and q.islower() for q, f in pairs
    )


@dataclass(frozen=True)
class _Indexed:
    entry: GazetteerEntry
    surface: Surface
    form: str  # normalize(surface.text)
    exact: bool
    order: int  # position among the entry's surfaces


class Gazetteer:
    """The entries by key, an index of their surface forms, and spaCy patterns for them."""

    def __init__(self, entries: Iterable[GazetteerEntry]) -> None:
        by_key: dict[str, GazetteerEntry] = {}
        for entry in entries:
            if entry.key in by_key:
                raise ValueError(f"duplicate gazetteer key {entry.key!r}")
            by_key[entry.key] = entry
        self.entries: Mapping[str, GazetteerEntry] = MappingProxyType(dict(sorted(by_key.items())))
        self._index: dict[str, list[_Indexed]] = {}
        for entry in self.entries.values():
            for order, surface in enumerate(entry.surfaces):
                form = normalize(surface.text)
                item = _Indexed(entry, surface, form, _is_exact(surface), order)
                self._index.setdefault(form.casefold(), []).append(item)

    def lookup(self, text: str) -> list[tuple[GazetteerEntry, Surface]]:
        """The entries ``text`` names, each with its closest surface, sorted by key.

        >>> [entry.key for entry, _ in load_gazetteer().lookup("Hizballah")]
        ['hezbollah']
        """
        query = normalize(text)
        best: dict[str, tuple[tuple[int, int], _Indexed]] = {}
        for item in self._index.get(query.casefold(), ()):
            if not (query == item.form if item.exact else _words_match(query, item.form)):
                continue
            rank = (0 if query == item.form else 1, item.order)
            if item.entry.key not in best or rank < best[item.entry.key][0]:
                best[item.entry.key] = (rank, item)
        return [(best[key][1].entry, best[key][1].surface) for key in sorted(best)]

    def demonym(self, key: str | None) -> str | None:
        """The first demonym of an entry ("Syrian" for ``syr``), or None."""
        entry = self.entries.get(key or "")
        if entry is None:
            return None
        return next((s.text for s in entry.surfaces if s.kind is SurfaceKind.DEMONYM), None)

    def collisions(self) -> list[tuple[str, tuple[str, ...]]]:
        """Case-folded normalised forms claimed by more than one entry, with their keys."""
        claims = (
            (form, sorted({i.entry.key for i in items})) for form, items in self._index.items()
        )
        return sorted((form, tuple(keys)) for form, keys in claims if len(keys) > 1)

    def patterns(self, nlp: Language | None = None) -> list[dict[str, Any]]:
        """SpanRuler/EntityRuler token patterns ``{"label", "pattern", "id"}``, sorted.

        ``label`` is the :class:`SurfaceKind` name and ``id`` the entry key. Forms are
        tokenised by ``nlp`` (default: ``spacy.blank("en")``); acronyms and short forms match
        on ORTH, others on LOWER (plus ``IS_LOWER: false`` on words the data capitalises).
        Hyphens between words are optional; variants with curly apostrophes and without
        accents are included.
        """
        tokenizer = nlp if nlp is not None else _blank_english()
        found: dict[str, dict[str, Any]] = {}
        for key, entry in self.entries.items():
            for surface in entry.surfaces:
                for pattern in _surface_patterns(tokenizer, surface):
                    item = {"label": surface.kind.name, "pattern": pattern, "id": key}
                    found.setdefault(json.dumps(item, ensure_ascii=False, sort_keys=True), item)
        return [found[text] for text in sorted(found)]


@lru_cache(maxsize=1)
def _blank_english() -> Language:
    import spacy

    return spacy.blank("en")


def _surface_patterns(nlp: Language, surface: Surface) -> Iterator[list[dict[str, Any]]]:
    exact = _is_exact(surface)
    straight = drop_the(surface.text.translate(_APOSTROPHES).strip())
    forms = {straight, _strip_accents(straight)}
    forms |= {form.replace("'", "\u2019") for form in forms}
    for form in sorted(forms):
        pattern: list[dict[str, Any]] = []
        for word in (t.text for t in nlp.make_doc(form) if t.text not in _HYPHENS):
            if pattern:
                pattern.append({"ORTH": {"IN": list(_HYPHENS)}, "OP": "?"})
            if exact:
                pattern.append({"ORTH": word})
            elif _has_upper(word):
                pattern.append({"LOWER": word.lower(), "IS_LOWER": False})
            else:
                pattern.append({"LOWER": word.lower()})
        if pattern:
            yield pattern


def load_gazetteer(data_dir: Path | None = None) -> Gazetteer:
    """The gazetteer of ``data_dir`` (default: the bundled data, loaded once and cached).

    Raises:
        ResourceError: a data file is missing or malformed; the message names file and line.
    """
    from .gazetteer_data import read_gazetteer  # the reader builds this module's types

    return read_gazetteer(data_dir)
