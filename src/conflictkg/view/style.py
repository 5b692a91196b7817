"""How each actor class and relation looks, read from ``data/style.tsv``.

>>> style = load_style()
>>> style.relation("opposes").line
'dashed'
>>> style.actor_class("Government").shape
'box'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..errors import ResourceError
from ..model import ActorType, Predicate
from ..resources import data_path, read_tsv

__all__ = ["ClassStyle", "RelationStyle", "Style", "load_style", "read_style"]

COLUMNS = ("kind", "name", "colour", "shape", "line", "arrow", "legend")
SHAPES = frozenset({"box", "ellipse", "hexagon", "octagon"})
LINES = frozenset({"solid", "dashed", "dotted"})
ARROWS = frozenset({"triangle", "tee", "diamond", "hollow-triangle", "hollow-diamond"})
CLASSES = (*(t.value for t in ActorType), "Actor")  # "Actor": typed only as ck:Actor
RELATIONS = tuple(p.value for p in Predicate)
_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")


@dataclass(frozen=True)
class ClassStyle:
    name: str
    colour: str
    shape: str
    legend: str


@dataclass(frozen=True)
class RelationStyle:
    name: str
    colour: str
    line: str
    arrow: str
    legend: str


@dataclass(frozen=True)
class Style:
    """Every class and relation's look, in the order of the style file."""

    classes: tuple[ClassStyle, ...]
    relations: tuple[RelationStyle, ...]

    def actor_class(self, name: str) -> ClassStyle:
        """The look of class ``name``; an unknown class looks like a plain ck:Actor."""
        by_name = {c.name: c for c in self.classes}
        return by_name.get(name, by_name["Actor"])

    def relation(self, name: str) -> RelationStyle:
        return {r.name: r for r in self.relations}[name]

    def as_json(self) -> dict[str, list[dict[str, str]]]:
        """The table as the explorer page reads it."""
        return {
            "classes": [vars(c) for c in self.classes],
            "relations": [vars(r) for r in self.relations],
        }


def _check(path: str, number: int, row: dict[str, str]) -> None:
    where = f"{path}:{number}"
    if not _COLOUR.fullmatch(row["colour"]):
        raise ResourceError(f"{where}: colour {row['colour']!r} is not #rrggbb")
    if row["kind"] == "class":
        if row["name"] not in CLASSES or row["shape"] not in SHAPES:
            raise ResourceError(
                f"{where}: class {row['name']!r} with shape {row['shape']!r}; classes are "
                f"{', '.join(CLASSES)} and shapes {', '.join(sorted(SHAPES))}"
            )
    elif row["kind"] == "relation":
        if row["name"] not in RELATIONS or row["line"] not in LINES or row["arrow"] not in ARROWS:
            raise ResourceError(
                f"{where}: relation {row['name']!r} with line {row['line']!r} and arrow "
                f"{row['arrow']!r}; relations are {', '.join(RELATIONS)}, lines "
                f"{', '.join(sorted(LINES))}, arrows {', '.join(sorted(ARROWS))}"
            )
    else:
        raise ResourceError(f"{where}: kind {row['kind']!r} is neither class nor relation")


@cache
def load_style() -> Style:
    """The bundled style table, ``data/style.tsv``."""
    return read_style(data_path("view", "style.tsv"))


def read_style(path: Path) -> Style:
    """The style table in ``path``. Raises :class:`ResourceError` if it is malformed or
    leaves out a class or relation."""
    classes, relations = [], []
    for number, row in read_tsv(path, COLUMNS):
        _check(str(path), number, row)
        if row["kind"] == "class":
            classes.append(ClassStyle(row["name"], row["colour"], row["shape"], row["legend"]))
        else:
            relations.append(
                RelationStyle(row["name"], row["colour"], row["line"], row["arrow"], row["legend"])
            )
    missing = (set(CLASSES) - {c.name for c in classes}) | (
        set(RELATIONS) - {r.name for r in relations}
    )
    if missing:
        raise ResourceError(f"{path}: no style for {', '.join(sorted(missing))}")
    return Style(tuple(classes), tuple(relations))
