"""Gold annotations of the development corpus: loading, checking and name normalisation.

The format is described in ``tests/corpus/README.md``: one JSON file per article with
``entities`` (``id``, ``type``, ``names``, ``wikidata``, ``optional``), ``relations``
(``supports``/``opposes``/``designatedTerrorist``) and ``structure``
(``leaderOf``/``memberOf``/``partOf``), each edge ``{"s", "p", "o", "evidence", "optional"}``.

:func:`load_gold` turns a file into a frozen :class:`Gold`, raising
:class:`~conflictkg.errors.InputError` (naming the file) on malformed JSON, a missing key, an
unknown type or predicate, or an edge to an undeclared entity. :func:`normalise_name` is the
name comparison the scorer in :mod:`conflictkg.evaluate` uses.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError

ENTITY_TYPES = ("Government", "ArmedGroup", "Person", "Actor")
RELATION_PREDICATES = ("supports", "opposes", "designatedTerrorist")
STRUCTURE_PREDICATES = ("leaderOf", "memberOf", "partOf")

_APOSTROPHES = "'’‘`´ʼʻ′＇"
_APOSTROPHE_RE = re.compile(f"[{re.escape(_APOSTROPHES)}]")
_POSSESSIVE_RE = re.compile(r"'s$")
_LEADING_THE_RE = re.compile(r"^the\s+")
_WHITESPACE_RE = re.compile(r"\s+")
_QID_RE = re.compile(r"^(?:https?://(?:www\.)?wikidata\.org/(?:entity|wiki)/)?(Q[1-9][0-9]*)$")


def normalise_name(text: str) -> str:
    """The form in which a graph label and a gold name are compared.

    In this order: case-fold; fold every apostrophe look-alike (’ ‘ ` ´ ʼ ʻ ′) to ``'``;
    strip accents (NFKD, combining marks dropped); drop a trailing ``'s``; delete the
    apostrophes; delete every other punctuation character (Unicode category ``P*``, so
    ``U.S.`` is ``us`` and ``al-Qaeda`` is ``alqaeda``); collapse whitespace; drop one
    leading ``the``.

    >>> normalise_name("The Islamic State’s")
    'islamic state'
    >>> normalise_name("U.S.")
    'us'
    """
    folded = _APOSTROPHE_RE.sub("'", text.casefold())
    decomposed = unicodedata.normalize("NFKD", folded)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = _POSSESSIVE_RE.sub("", _WHITESPACE_RE.sub(" ", plain).strip())
    kept = "".join(ch for ch in plain if not unicodedata.category(ch).startswith("P"))
    collapsed = _WHITESPACE_RE.sub(" ", kept).strip()
    return _LEADING_THE_RE.sub("", collapsed)


def wikidata_id(value: str) -> str | None:
    """``Q794`` from ``Q794`` or ``http(s)://www.wikidata.org/entity/Q794`` (or ``/wiki/``)."""
    match = _QID_RE.match(value.strip())
    return match.group(1) if match else None


@dataclass(frozen=True)
class GoldEntity:
    """An actor an analyst reads out of the article.

    ``types`` holds one or more of :data:`ENTITY_TYPES`; any of them is a correct type.
    """

    id: str
    types: tuple[str, ...]
    names: tuple[str, ...]
    wikidata: str | None = None
    optional: bool = False


@dataclass(frozen=True)
class GoldEdge:
    """A relation or structure triple between two gold entity ids, with its evidence."""

    s: str
    p: str
    o: str
    evidence: str = ""
    optional: bool = False

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.s, self.p, self.o)


@dataclass(frozen=True)
class Gold:
    """The gold annotation of one article."""

    doc: str
    entities: tuple[GoldEntity, ...]
    relations: tuple[GoldEdge, ...]
    structure: tuple[GoldEdge, ...]
    source: str = ""

    def entity(self, entity_id: str) -> GoldEntity:
        """The entity with this id; ``KeyError`` if there is none."""
        for entity in self.entities:
            if entity.id == entity_id:
                return entity
        raise KeyError(entity_id)

    def name_index(self) -> dict[str, tuple[str, ...]]:
        """Normalised name -> ids of the entities bearing it, in file order."""
        index: dict[str, list[str]] = {}
        for entity in self.entities:
            for name in entity.names:
                key = normalise_name(name)
                ids = index.setdefault(key, [])
                if key and entity.id not in ids:
                    ids.append(entity.id)
        return {key: tuple(ids) for key, ids in index.items() if key}

    def ambiguous_names(self) -> dict[str, tuple[str, ...]]:
        """Normalised names shared by several entities (the first in file order wins)."""
        return {key: ids for key, ids in self.name_index().items() if len(ids) > 1}


def load_gold(path: Path) -> Gold:
    """Read and check one gold file.

    Raises:
        InputError: the file cannot be read, is not JSON, or does not follow the format
            (the message names the file and the offending key).
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read gold file: {exc}") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: malformed gold JSON: {exc}") from exc
    return parse_gold(data, origin=str(path), default_doc=f"{path.stem}.txt")


def parse_gold(data: object, origin: str = "<gold>", default_doc: str = "") -> Gold:
    """Check an already decoded gold document; ``origin`` names it in error messages.

    ``entities``, ``relations`` and ``structure`` are required; ``doc`` defaults to
    ``default_doc``; ``wikidata`` to none, ``optional`` to false, ``evidence`` to empty.
    """
    top = _mapping(data, origin, "top level")
    doc = _optional_str(top, "doc", origin, "top level") or default_doc
    source = _optional_str(top, "source", origin, "top level") or ""
    entities = tuple(
        _parse_entity(item, origin, f"entities[{i}]")
        for i, item in enumerate(_list(top, "entities", origin, "top level"))
    )
    ids = [entity.id for entity in entities]
    duplicated = sorted({entity_id for entity_id in ids if ids.count(entity_id) > 1})
    if duplicated:
        raise InputError(f"{origin}: duplicate entity ids: {', '.join(duplicated)}")
    known = frozenset(ids)
    relations = _parse_edges(top, "relations", RELATION_PREDICATES, known, origin)
    structure = _parse_edges(top, "structure", STRUCTURE_PREDICATES, known, origin)
    return Gold(doc=doc, entities=entities, relations=relations, structure=structure, source=source)


def find_gold_for(text_path: Path, gold_dir: Path) -> Path:
    """The gold file of an article: ``gold_dir/<stem of text_path>.json``.

    Raises:
        InputError: there is no such file.
    """
    candidate = gold_dir / f"{text_path.stem}.json"
    if not candidate.is_file():
        raise InputError(f"{text_path}: no gold file {candidate.name} in {gold_dir}")
    return candidate


def _parse_entity(item: object, origin: str, where: str) -> GoldEntity:
    entry = _mapping(item, origin, where)
    entity_id = _str(entry, "id", origin, where)
    raw_type = entry.get("type")
    types = (raw_type,) if isinstance(raw_type, str) else raw_type
    if (
        not isinstance(types, list | tuple)
        or not types
        or not all(isinstance(t, str) and t in ENTITY_TYPES for t in types)
    ):
        raise InputError(
            f"{origin}: {where} ({entity_id}): 'type' must be one of {', '.join(ENTITY_TYPES)} "
            f"or a non-empty list of them, got {raw_type!r}"
        )
    names = _list(entry, "names", origin, where)
    if not names or not all(isinstance(name, str) and name.strip() for name in names):
        raise InputError(f"{origin}: {where} ({entity_id}): 'names' must be non-empty strings")
    raw_qid = _optional_str(entry, "wikidata", origin, where)
    qid = wikidata_id(raw_qid) if raw_qid else None
    if raw_qid and qid is None:
        raise InputError(f"{origin}: {where} ({entity_id}): bad wikidata id {raw_qid!r}")
    return GoldEntity(
        id=entity_id,
        types=tuple(str(t) for t in types),
        names=tuple(str(name) for name in names),
        wikidata=qid,
        optional=_bool(entry, "optional", origin, where),
    )


def _parse_edges(
    top: Mapping[str, object],
    section: str,
    predicates: tuple[str, ...],
    known: frozenset[str],
    origin: str,
) -> tuple[GoldEdge, ...]:
    edges = []
    for i, item in enumerate(_list(top, section, origin, "top level")):
        where = f"{section}[{i}]"
        entry = _mapping(item, origin, where)
        s, p, o = (_str(entry, key, origin, where) for key in ("s", "p", "o"))
        if p not in predicates:
            raise InputError(
                f"{origin}: {where}: predicate {p!r} not allowed in {section!r}; "
                f"expected one of {', '.join(predicates)}"
            )
        for entity_id in (s, o):
            if entity_id not in known:
                raise InputError(f"{origin}: {where}: unknown entity id {entity_id!r}")
        evidence = _optional_str(entry, "evidence", origin, where) or ""
        optional = _bool(entry, "optional", origin, where)
        edges.append(GoldEdge(s=s, p=p, o=o, evidence=evidence, optional=optional))
    return tuple(edges)


def _mapping(value: object, origin: str, where: str) -> Mapping[str, object]:
    if not isinstance(value, dict):
        raise InputError(f"{origin}: {where}: expected a JSON object, got {type(value).__name__}")
    return value


def _list(entry: Mapping[str, object], key: str, origin: str, where: str) -> list[object]:
    if key not in entry:
        raise InputError(f"{origin}: {where}: missing key {key!r}")
    value = entry[key]
    if not isinstance(value, list):
        raise InputError(f"{origin}: {where}: {key!r} must be a list")
    return value


def _str(entry: Mapping[str, object], key: str, origin: str, where: str) -> str:
    if key not in entry:
        raise InputError(f"{origin}: {where}: missing key {key!r}")
    value = entry[key]
    if not isinstance(value, str) or not value:
        raise InputError(f"{origin}: {where}: {key!r} must be a non-empty string")
    return value


def _optional_str(entry: Mapping[str, object], key: str, origin: str, where: str) -> str | None:
    value = entry.get(key)
    if value is not None and not isinstance(value, str):
        raise InputError(f"{origin}: {where}: {key!r} must be a string or null")
    return value


def _bool(entry: Mapping[str, object], key: str, origin: str, where: str) -> bool:
    value = entry.get(key, False)
    if not isinstance(value, bool):
        raise InputError(f"{origin}: {where}: {key!r} must be true or false")
    return value
