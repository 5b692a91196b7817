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
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import Enum
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from ..errors import ResourceError
from ..ingest.names import identity_form
from ..model import ActorType
from ..resources import data_path

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
    """One actor the gazetteer knows, with every way to write it."""

    key: str  # lower-case iso3 for states ("irn"), else the id column
    label: str  # English preferred label
    type: ActorType
    surfaces: tuple[Surface, ...]  # in data order, the label first
    wikidata: str | None  # a verified QID ("Q794") or None
    parent: str | None = None  # key of what an armed group is part of / a person's role is in
    role: str | None = None  # a person's role ("president", "leader")


_APOSTROPHES = str.maketrans(dict.fromkeys("\u2018\u2019\u201b\u2032\u02bc`\u00b4", "'"))
_HYPHENS = ("-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212")
_HYPHEN_RE = re.compile("[" + "".join(_HYPHENS) + "]")
_SPACE_RE = re.compile(r"\s+")
_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_ISO3_RE = re.compile(r"^[A-Z]{3}$")
_QID_RE = re.compile(r"^Q[1-9][0-9]*$")


def _strip_accents(text: str) -> str:
    kept = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", kept)


def _drop_the(text: str) -> str:
    return text[4:] if text[:4].lower() == "the " and len(text) > 4 else text


def _has_upper(text: str) -> bool:
    return any(c.isupper() for c in text)


def normalize(text: str) -> str:
    """Fold apostrophes, hyphens (to spaces), accents and spaces; drop a leading "the".

    >>> normalize("the Côte d’Ivoire"), normalize("al–Qaeda")
    ("Cote d'Ivoire", 'al Qaeda')
    """
    text = _strip_accents(identity_form(text).translate(_APOSTROPHES))
    return _drop_the(_SPACE_RE.sub(" ", _HYPHEN_RE.sub(" ", text)).strip())


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
    straight = _drop_the(surface.text.translate(_APOSTROPHES).strip())
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


# Reading the data files ----------------------------------------------------------------------

_COUNTRY_COLUMNS = ("qid", "iso2", "iso3", "name", "capital_qid", "capital_name")
_NAMES_COLUMNS = ("iso3", "label", "names", "demonyms", "metonyms", "metonym_ok")
_ORG_COLUMNS = ("id", "type", "name", "aliases", "wikidata")
_GROUP_COLUMNS = ("id", "type", "name", "aliases", "wikidata", "parent_id", "notes")
_PEOPLE_COLUMNS = ("id", "type", "name", "aliases", "wikidata", "role", "of", "notes")


@dataclass(frozen=True)
class _Row:
    path: Path
    line: int
    values: Mapping[str, str]

    def error(self, message: str) -> ResourceError:
        return ResourceError(f"{self.path}:{self.line}: {message}")

    def get(self, column: str, pattern: re.Pattern[str] | None = None, what: str = "") -> str:
        """The value of ``column`` (required when ``pattern`` is given, and matching it)."""
        value = self.values.get(column, "")
        if pattern is not None and not pattern.match(value):
            raise self.error(f"{column} is {value!r}, expected {what}")
        return value


def _read_tsv(path: Path, columns: Sequence[str]) -> list[_Row]:
    """The rows of a TSV whose header is ``columns``; ``#`` lines and blank lines are skipped."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as exc:
        raise ResourceError(f"{path}: data file not found") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ResourceError(f"{path}: cannot read data file: {exc}") from exc
    rows: list[_Row] = []
    header_seen = False
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = [field.strip() for field in line.split("\t")]
        if not header_seen:
            if tuple(fields) != tuple(columns):
                raise ResourceError(
                    f"{path}:{number}: header is {fields}, expected the tab-separated "
                    f"columns {list(columns)}"
                )
            header_seen = True
        elif len(fields) > len(columns):
            raise ResourceError(
                f"{path}:{number}: {len(fields)} tab-separated fields, expected at most "
                f"{len(columns)}: {', '.join(columns)}"
            )
        else:
            fields += [""] * (len(columns) - len(fields))
            rows.append(_Row(path, number, dict(zip(columns, fields, strict=True))))
    if not header_seen:
        raise ResourceError(f"{path}: no header line, expected the columns {list(columns)}")
    return rows


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


def _surfaces(groups: Iterable[tuple[Iterable[str], SurfaceKind | None]]) -> tuple[Surface, ...]:
    """Surfaces in order, without a leading "the", each normalised form once.

    A ``None`` kind means NAME or ACRONYM by the form's shape (:func:`name_kind`).
    """
    seen: set[str] = set()
    found = []
    for texts, kind in groups:
        for text in (_drop_the(raw.strip()) for raw in texts):
            form = normalize(text)
            if form and form not in seen:
                seen.add(form)
                found.append(Surface(text, kind or name_kind(text)))
    return tuple(found)


_Pending = tuple[_Row, GazetteerEntry, str]  # an entry, its row, its unresolved parent


def _countries(data_dir: Path) -> list[_Pending]:
    by_iso3: dict[str, list[_Row]] = {}
    for row in _read_tsv(data_dir / "countries.tsv", _COUNTRY_COLUMNS):
        row.get("qid", _QID_RE, "a QID like 'Q794'")
        row.get("name", re.compile(r"."), "a name")
        by_iso3.setdefault(row.get("iso3", _ISO3_RE, "three capital letters"), []).append(row)
    names_path = data_dir / "country_names.tsv"
    pending: dict[str, _Pending] = {}
    for row in _read_tsv(names_path, _NAMES_COLUMNS):
        iso3 = row.get("iso3")
        if iso3 not in by_iso3 or iso3 in pending:
            raise row.error(f"iso3 {iso3!r} is not in countries.tsv or has a row already")
        metonym_ok = row.get("metonym_ok", re.compile(r"^(yes|no)$"), "'yes' or 'no'")
        names = _split(row.get("names"))
        aliased = {normalize(name).casefold() for name in names}
        primary = by_iso3[iso3]
        if len(primary) > 1:  # fold rows whose names are listed as other names of the state
            primary = [r for r in primary if normalize(r.get("name")).casefold() not in aliased]
        if len(primary) != 1:
            raise row.error(
                f"{iso3} has the countries.tsv rows {[r.get('name') for r in by_iso3[iso3]]}: "
                "list all but one of their names in 'names' to fold them into that one"
            )
        label = row.get("label") or primary[0].get("name")
        metonyms = _split(row.get("metonyms")) if metonym_ok == "yes" else []
        surfaces = _surfaces(
            [
                ([label, primary[0].get("name"), *names], None),
                (_split(row.get("demonyms")), SurfaceKind.DEMONYM),
                (metonyms, SurfaceKind.METONYM),
            ]
        )
        qid = primary[0].get("qid")
        entry = GazetteerEntry(iso3.lower(), label, ActorType.GOVERNMENT, surfaces, qid)
        pending[iso3] = (row, entry, "")
    if missing := sorted(set(by_iso3) - set(pending)):
        raise ResourceError(f"{names_path}: no row for the countries.tsv states {missing}")
    return list(pending.values())


def _actors(path: Path, columns: Sequence[str], allowed: ActorType) -> list[_Pending]:
    pending = []
    for row in _read_tsv(path, columns):
        key = row.get("id", _ID_RE, "lower-case letters, digits and underscores")
        row.get("type", re.compile(f"^{allowed.value}$"), f"{allowed.value!r} in this file")
        label = row.get("name", re.compile(r"."), "a name")
        qid = row.get("wikidata", re.compile(r"^(Q[1-9][0-9]*)?$"), "empty or a QID like 'Q794'")
        surfaces = _surfaces([([label, *_split(row.get("aliases"))], None)])
        entry = GazetteerEntry(
            key, label, allowed, surfaces, qid or None, None, row.get("role") or None
        )
        pending.append((row, entry, row.get("parent_id") or row.get("of")))
    return pending


def _build(data_dir: Path) -> Gazetteer:
    pending = [
        *_countries(data_dir),
        *_actors(data_dir / "organizations.tsv", _ORG_COLUMNS, ActorType.GOVERNMENT),
        *_actors(data_dir / "armed_groups.tsv", _GROUP_COLUMNS, ActorType.ARMED_GROUP),
        *_actors(data_dir / "people.tsv", _PEOPLE_COLUMNS, ActorType.PERSON),
    ]
    rows: dict[str, _Row] = {}
    for row, entry, _ in pending:
        if entry.key in rows:
            first = rows[entry.key]
            raise row.error(f"id {entry.key!r} is already used at {first.path}:{first.line}")
        rows[entry.key] = row
    entries = []
    for row, entry, reference in pending:
        if reference:
            parent = reference.lower() if _ISO3_RE.match(reference) else reference
            if parent not in rows or parent == entry.key:
                raise row.error(f"{reference!r} is neither a country's iso3 nor another entry's id")
            entry = replace(entry, parent=parent)
        entries.append(entry)
    return Gazetteer(entries)


@lru_cache(maxsize=1)
def _default_gazetteer() -> Gazetteer:
    return _build(data_path("extract", "countries.tsv").parent)


def load_gazetteer(data_dir: Path | None = None) -> Gazetteer:
    """The gazetteer of ``data_dir`` (default: the bundled data, loaded once and cached).

    Raises:
        ResourceError: a data file is missing or malformed; the message names file and line.
    """
    return _default_gazetteer() if data_dir is None else _build(Path(data_dir))
