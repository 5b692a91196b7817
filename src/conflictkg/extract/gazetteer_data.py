"""Reading the gazetteer's data files (format: ``data/README.md``) into a :class:`Gazetteer`.

Every row is checked; a malformed one raises :class:`~conflictkg.errors.ResourceError`
naming the file and the line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from ..errors import ResourceError
from ..model import ActorType
from ..resources import data_path
from .gazetteer import (
    Gazetteer,
    GazetteerEntry,
    Surface,
    SurfaceKind,
    drop_the,
    name_kind,
    normalize,
)

_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_ISO3_RE = re.compile(r"^[A-Z]{3}$")
_QID_RE = re.compile(r"^Q[1-9][0-9]*$")


_COUNTRY_COLUMNS = ("qid", "iso2", "iso3", "name", "capital_qid", "capital_name")
_NAMES_COLUMNS = ("iso3", "label", "names", "demonyms", "metonyms", "metonym_ok", "organs")
_ORG_COLUMNS = ("id", "type", "name", "aliases", "wikidata")
_GROUP_COLUMNS = ("id", "type", "name", "aliases", "wikidata", "parent_id", "notes")
_PEOPLE_COLUMNS = ("id", "type", "name", "aliases", "wikidata", "role", "of", "notes")
_NON_ACTOR_COLUMNS = ("id", "kind", "name", "aliases", "notes")
_NON_ACTOR_KINDS = re.compile(r"^(media|ngo|company|platform|institution)$")


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
        for text in (drop_the(raw.strip()) for raw in texts):
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
                (_split(row.get("organs")), None),  # "Pentagon", "IDF": the state's own bodies
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


def _non_actors(path: Path) -> list[_Pending]:
    """Names that are not actors (a news agency, an NGO, a platform): entries of type None."""
    pending = []
    for row in _read_tsv(path, _NON_ACTOR_COLUMNS):
        key = row.get("id", _ID_RE, "lower-case letters, digits and underscores")
        row.get("kind", _NON_ACTOR_KINDS, "media, ngo, company, platform or institution")
        label = row.get("name", re.compile(r"."), "a name")
        surfaces = _surfaces([([label, *_split(row.get("aliases"))], None)])
        pending.append((row, GazetteerEntry(key, label, None, surfaces, None), ""))
    return pending


def _build(data_dir: Path) -> Gazetteer:
    pending = [
        *_countries(data_dir),
        *_actors(data_dir / "organizations.tsv", _ORG_COLUMNS, ActorType.GOVERNMENT),
        *_actors(data_dir / "armed_groups.tsv", _GROUP_COLUMNS, ActorType.ARMED_GROUP),
        *_actors(data_dir / "people.tsv", _PEOPLE_COLUMNS, ActorType.PERSON),
        *_non_actors(data_dir / "non_actors.tsv"),
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


def read_gazetteer(data_dir: Path | None = None) -> Gazetteer:
    """The gazetteer of ``data_dir`` (default: the bundled data, read once and cached)."""
    return _default_gazetteer() if data_dir is None else _build(Path(data_dir))
