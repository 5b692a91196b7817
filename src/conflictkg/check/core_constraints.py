"""The constraint components of :mod:`conflictkg.check.core_shapes`, one function each.

Value checks take ``(data, value, argument)`` and say whether the value passes; the count
and pair checks (``sh:minCount``, ``sh:lessThan``, ...) look at all the values of a focus
node at once and yield the failing values (``NO_VALUE`` for a result without one).
Comparisons follow SPARQL: numbers with numbers, strings and dates with their own kind;
anything else is incomparable, so fails.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
from rdflib import RDF, Node
from rdflib.namespace import SH, XSD

if TYPE_CHECKING:
    from .core_shapes import CoreShape, Data

__all__ = ["COUNT_CHECKS", "COUNT_KEYS", "NO_VALUE", "VALUE_CHECKS", "VALUE_KEYS"]

Term = Any
_XSD = str(XSD)
_LANG_STRING = str(RDF.langString)
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
COUNT_KEYS = (
    _MIN_COUNT,
    _MAX_COUNT,
    _HAS_VALUE,
    _UNIQUE_LANG,
    _DISJOINT,
    _EQUALS,
    _LESS_THAN,
    SH.lessThanOrEquals,
)
KEYS: dict[Node, Node] = {key: key for key in (*VALUE_KEYS, *COUNT_KEYS)}
"""Each key to the one object of it that the checks compare with ``is``."""
NO_VALUE = object()
_INTEGERS = frozenset(
    f"{_XSD}{n}"
    for n in (
        "integer",
        "nonNegativeInteger",
        "positiveInteger",
        "long",
        "int",
        "short",
        "byte",
        "negativeInteger",
        "nonPositiveInteger",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    )
)
_LEXICAL = {
    f"{_XSD}decimal": re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)"),
    f"{_XSD}boolean": re.compile(r"true|false|1|0"),
    f"{_XSD}double": re.compile(r"[+-]?((\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|INF)|-INF|NaN"),
    f"{_XSD}date": re.compile(r"-?\d{4,}-\d\d-\d\d(Z|[+-]\d\d:\d\d)?"),
}
_LEXICAL[f"{_XSD}float"] = _LEXICAL[f"{_XSD}double"]


def _conforms(data: Data, shape: CoreShape, focus: Term) -> bool:
    from .core_shapes import conforms

    return conforms(data, shape, focus)


def _number(term: Term) -> Decimal | float | str | None:
    if not isinstance(term, ox.Literal) or term.language:
        return None
    datatype = term.datatype.value
    try:
        if datatype in _INTEGERS or datatype == f"{_XSD}decimal":
            return Decimal(term.value)
        if datatype in (f"{_XSD}double", f"{_XSD}float"):
            return float(term.value)
    except (InvalidOperation, ValueError):
        return None
    return term.value if datatype in (f"{_XSD}string", f"{_XSD}date", f"{_XSD}dateTime") else None


def _compare(left: Term, right: Term, accept: Callable[[Any, Any], bool]) -> bool:
    a, b = _number(left), _number(right)
    if a is None or b is None or isinstance(a, str) != isinstance(b, str):
        return False
    return accept(a, b)


def _well_typed(term: Term, datatype: Term) -> bool:
    if not isinstance(term, ox.Literal):
        return False
    if datatype.value == _LANG_STRING:
        return bool(term.language)
    if term.language or term.datatype != datatype:
        return False
    if datatype.value in _INTEGERS:
        if not re.fullmatch(r"[+-]?\d+", term.value):
            return False
        number = int(term.value)
        name = datatype.value[len(_XSD) :]
        return not (
            (name.startswith(("nonNegative", "unsigned")) and number < 0)
            or (name == "positiveInteger" and number <= 0)
            or (name == "negativeInteger" and number >= 0)
            or (name == "nonPositiveInteger" and number > 0)
        )
    pattern = _LEXICAL.get(datatype.value)
    return pattern is None or pattern.fullmatch(term.value) is not None


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
    SH.datatype: lambda d, v, a: _well_typed(v, a),
    SH["in"]: lambda d, v, a: v in a,
    SH.pattern: lambda d, v, a: _text(v) is not None and a.search(_text(v)) is not None,
    SH.minLength: lambda d, v, a: _length(v) >= a,
    SH.maxLength: lambda d, v, a: 0 <= _length(v) <= a,
    SH.languageIn: lambda d, v, a: _language(v, a),
    SH.minInclusive: lambda d, v, a: _compare(v, a, lambda x, y: x >= y),
    SH.maxInclusive: lambda d, v, a: _compare(v, a, lambda x, y: x <= y),
    SH.minExclusive: lambda d, v, a: _compare(v, a, lambda x, y: x > y),
    SH.maxExclusive: lambda d, v, a: _compare(v, a, lambda x, y: x < y),
    SH.xone: lambda d, v, a: sum(_conforms(d, s, v) for s in a) == 1,
    SH["or"]: lambda d, v, a: any(_conforms(d, s, v) for s in a),
    SH["and"]: lambda d, v, a: all(_conforms(d, s, v) for s in a),
    SH["not"]: lambda d, v, a: not _conforms(d, a, v),
}


_TRUE = ox.Literal("true", datatype=ox.NamedNode(f"{_XSD}boolean"))


def _less(strict: bool) -> Callable[[Any, Any], bool]:
    return (lambda x, y: x < y) if strict else (lambda x, y: x <= y)


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
            accept = _less(key is _LESS_THAN)
            yield from (v for v in values for w in others if not _compare(v, w, accept))


COUNT_CHECKS: dict[Node, Callable[..., Iterator[object]]] = {
    key: (lambda d, s, vs, f, a, k=key: _counts(d, s, vs, f, k, a)) for key in COUNT_KEYS
}
