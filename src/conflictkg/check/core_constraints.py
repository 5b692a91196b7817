"""The constraint components of :mod:`conflictkg.check.core_shapes`, one function each.

Value checks take ``(data, value, argument)`` and say whether the value passes; the count
and pair checks (``sh:minCount``, ``sh:lessThan``, ``sh:qualifiedValueShape``, ...) look at
all the values of a focus node at once and yield the failing values (``NO_VALUE`` for a
result without one).
Datatypes and comparisons are decided as pyshacl decides them
(:mod:`conflictkg.check.literal_values`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
from rdflib import Node
from rdflib.namespace import SH, XSD

from .literal_values import datatype_matches, in_range, less_than

if TYPE_CHECKING:
    from .core_shapes import CoreShape, Data

__all__ = ["COUNT_CHECKS", "COUNT_KEYS", "NO_VALUE", "VALUE_CHECKS", "VALUE_KEYS"]

Term = Any
_XSD = str(XSD)
VALUE_KEYS = (
    SH.nodeKind,
    SH["class"],
    SH.datatype,
    SH["in"],
    SH.pattern,
    SH.minLength,
    SH.maxLength,
    SH.languageIn,
    SH.minInclusive,
    SH.maxInclusive,
    SH.minExclusive,
    SH.maxExclusive,
    SH.xone,
    SH["or"],
    SH["and"],
    SH["not"],
)
_MIN_COUNT, _MAX_COUNT, _HAS_VALUE, _UNIQUE_LANG = (
    SH.minCount,
    SH.maxCount,
    SH.hasValue,
    SH.uniqueLang,
)
_DISJOINT, _EQUALS, _LESS_THAN = SH.disjoint, SH.equals, SH.lessThan
_QUALIFIED = SH.qualifiedValueShape
COUNT_KEYS = (
    _MIN_COUNT,
    _MAX_COUNT,
    _HAS_VALUE,
    _UNIQUE_LANG,
    _DISJOINT,
    _EQUALS,
    _LESS_THAN,
    SH.lessThanOrEquals,
    _QUALIFIED,
)
KEYS: dict[Node, Node] = {key: key for key in (*VALUE_KEYS, *COUNT_KEYS)}
"""Each key to the one object of it that the checks compare with ``is``."""
NO_VALUE = object()


def _conforms(data: Data, shape: CoreShape, focus: Term) -> bool:
    from .core_shapes import conforms

    return conforms(data, shape, focus)


def _kind(term: Term, kind: Term) -> bool:
    name = str(kind.value).rpartition("#")[2]
    actual = (
        "IRI"
        if isinstance(term, ox.NamedNode)
        else "BlankNode"
        if isinstance(term, ox.BlankNode)
        else "Literal"
    )
    return actual in re.findall("IRI|BlankNode|Literal", name)


def _language(term: Term, tags: list[Term]) -> bool:
    if not isinstance(term, ox.Literal) or not term.language:
        return False
    lang = term.language.lower()
    return any(lang == t.value.lower() or lang.startswith(t.value.lower() + "-") for t in tags)


def _text(term: Term) -> str | None:
    return None if isinstance(term, ox.BlankNode) else str(term.value)


def _length(term: Term) -> int:
    """The length of a term's text; -1 for a blank node (which fails every length)."""
    text = _text(term)
    return -1 if text is None else len(text)


VALUE_CHECKS: dict[Node, Callable[[Data, Term, Any], bool]] = {
    SH.nodeKind: lambda d, v, a: _kind(v, a),
    SH["class"]: lambda d, v, a: not isinstance(v, ox.Literal) and d.is_instance(v, a),
    SH.datatype: lambda d, v, a: datatype_matches(v, a),
    SH["in"]: lambda d, v, a: v in a,
    SH.pattern: lambda d, v, a: _text(v) is not None and a.search(_text(v)) is not None,
    SH.minLength: lambda d, v, a: _length(v) >= a,
    SH.maxLength: lambda d, v, a: 0 <= _length(v) <= a,
    SH.languageIn: lambda d, v, a: _language(v, a),
    SH.minInclusive: lambda d, v, a: in_range(v, a, (0, 1)),
    SH.maxInclusive: lambda d, v, a: in_range(v, a, (-1, 0)),
    SH.minExclusive: lambda d, v, a: in_range(v, a, (1,)),
    SH.maxExclusive: lambda d, v, a: in_range(v, a, (-1,)),
    SH.xone: lambda d, v, a: sum(_conforms(d, s, v) for s in a) == 1,
    SH["or"]: lambda d, v, a: any(_conforms(d, s, v) for s in a),
    SH["and"]: lambda d, v, a: all(_conforms(d, s, v) for s in a),
    SH["not"]: lambda d, v, a: not _conforms(d, a, v),
}


_TRUE = ox.Literal("true", datatype=ox.NamedNode(f"{_XSD}boolean"))


def _counts(
    data: Data, shape: CoreShape, values: list[Term], focus: Term, key: Node, argument: Any
) -> Iterator[object]:
    if key is _MIN_COUNT or key is _MAX_COUNT:
        count = len(values)
        if (count < argument) if key is _MIN_COUNT else (count > argument):
            yield NO_VALUE
    elif key is _HAS_VALUE:
        if argument not in values:
            yield NO_VALUE
    elif key is _QUALIFIED:
        shape, least, most = argument
        count = sum(1 for v in values if _conforms(data, shape, v))
        if (most is not None and count > most) or (least is not None and count < least):
            yield NO_VALUE
    elif key is _UNIQUE_LANG:
        if argument == _TRUE:
            langs = [v.language.lower() for v in values if isinstance(v, ox.Literal) and v.language]
            if len(set(langs)) < len(langs):
                yield NO_VALUE
    else:
        others = data.values(focus, argument)
        if key is _DISJOINT:
            yield from (v for v in values if v in others)
        elif key is _EQUALS:
            yield from (v for v in values if v not in others)
            yield from (w for w in others if w not in values)
        else:
            strict = key is _LESS_THAN
            yield from (v for v in values for w in others if not less_than(v, w, strict))


COUNT_CHECKS: dict[Node, Callable[..., Iterator[object]]] = {
    key: (lambda d, s, vs, f, a, k=key: _counts(d, s, vs, f, k, a)) for key in COUNT_KEYS
}
