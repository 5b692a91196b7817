"""What a literal is worth, decided as pyshacl (the reference) decides it.

``sh:datatype``, ``sh:minInclusive`` and the like, and ``sh:lessThan`` depend on the value
of a literal: is ``"2016-02-30"^^xsd:date`` a date, is ``"5E-1"^^xsd:decimal`` a decimal,
is ``"0.5"^^xsd:float`` at most ``1``? pyshacl answers with rdflib's conversion of the
lexical form to a Python value (``Literal.value``, ``Literal.ill_typed``) and rdflib's
comparisons of literals. The native check asks the same questions the same way, on the
rdflib literal that rdflib's parser would have made (:func:`~conflictkg.check.terms.
to_rdflib`), and remembers the answers: a graph repeats its offsets, confidences and dates
many times.

Where pyshacl would stop with an error instead of giving an answer (``sh:lessThan`` on a
blank node, two values rdflib cannot order), the value fails.
"""

from __future__ import annotations

import datetime
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from functools import lru_cache
from typing import Any

import pyoxigraph as ox
from rdflib import RDF, RDFS, Literal
from rdflib.namespace import XSD

from .terms import to_rdflib

__all__ = ["datatype_matches", "in_range", "less_than"]

Term = Any
_XSD_STRING = str(XSD.string)
_XSD_INTEGER = str(XSD.integer)
_DIGITS = re.compile(r"[+-]?[0-9]+")
_CACHE = 1 << 16
# pyshacl checks the Python type of these datatypes' values; any other is taken as it is.
_VALUE_TYPES: dict[str, type | tuple[type, ...]] = {
    str(XSD.string): (str, bytes),
    str(RDF.langString): (str, bytes),
    str(XSD.integer): int,
    str(XSD.float): float,
    str(XSD.decimal): Decimal,
    str(XSD.boolean): bool,
    str(XSD.date): datetime.date,
    str(XSD.time): datetime.time,
    str(XSD.dateTime): datetime.datetime,
}


_RDFLIB_TERM = logging.getLogger("rdflib.term")


@contextmanager
def _quiet() -> Iterator[None]:
    """rdflib logs a traceback for every ill-typed literal it converts: not for us."""
    disabled, _RDFLIB_TERM.disabled = _RDFLIB_TERM.disabled, True
    try:
        yield
    finally:
        _RDFLIB_TERM.disabled = disabled


def _literal(term: Term) -> Literal:
    with _quiet():
        literal = to_rdflib(term)
    assert isinstance(literal, Literal)
    return literal


def datatype_matches(term: Term, datatype: Term) -> bool:
    """Whether ``term`` satisfies ``sh:datatype datatype`` (an Oxigraph ``NamedNode``)."""
    if not isinstance(term, ox.Literal):
        return False
    if datatype.value == _XSD_STRING == term.datatype.value:
        return True  # every string: the common case, without building a literal
    return _datatype_matches(term, datatype.value)


@lru_cache(maxsize=_CACHE)
def _datatype_matches(term: Term, rule: str) -> bool:
    literal = _literal(term)
    datatype, language = literal.datatype, literal.language
    if datatype is not None and str(datatype) == rule:
        return literal.ill_typed is not True and _holds_value(literal, rule)
    if rule == str(RDFS.Literal):
        return True
    if rule == str(RDFS.Datatype):
        return datatype is not None
    if datatype is None and not language and rule == _XSD_STRING:
        return _holds_value(literal, rule)
    if rule == str(RDF.langString) and language:
        return _holds_value(literal, rule)
    return False


def _holds_value(literal: Literal, rule: str) -> bool:
    expected = _VALUE_TYPES.get(rule)
    return expected is None or isinstance(literal.value, expected)


@lru_cache(maxsize=_CACHE)
def _order(value: Term, bound: Term) -> int | None:
    """-1, 0 or 1 as ``value`` is below, equal to or above ``bound`` (pyshacl's
    ``compare_literal``); ``None`` if they cannot be compared."""
    if not isinstance(value, ox.Literal) or not isinstance(bound, ox.Literal):
        return None
    left, right = _literal(value), _literal(bound)
    if isinstance(left.value, str) != isinstance(right.value, str):
        return None
    try:
        if left.eq(right):
            return 0
        if isinstance(left.value, datetime.datetime | datetime.time):
            if left.value == right.value:
                return 0
            return 1 if left.value > right.value else -1
        return 1 if left > right else -1
    except (TypeError, NotImplementedError, ArithmeticError):  # NaN decimals too
        return None


def in_range(value: Term, bound: Term, accept: tuple[int, ...]) -> bool:
    """Whether the order of ``value`` against ``bound`` is one of ``accept``
    (``sh:minInclusive`` accepts ``(0, 1)``, ``sh:maxExclusive`` ``(-1,)``, ...)."""
    order = _order(value, bound)
    return order is not None and order in accept


def less_than(value: Term, other: Term, strict: bool) -> bool:
    """Whether ``value`` is below ``other`` (or equal, unless ``strict``) as pyshacl's
    ``sh:lessThan`` and ``sh:lessThanOrEquals`` compare them: IRIs and strings as text."""
    left, right = _plain_integer(value), _plain_integer(other)
    if left is not None and right is not None:  # offsets: rdflib compares int(lexical)
        return left < right if strict else left <= right
    return _less_than(value, other, strict)


def _plain_integer(term: Term) -> int | None:
    integer = isinstance(term, ox.Literal) and term.datatype.value == _XSD_INTEGER
    return int(term.value) if integer and _DIGITS.fullmatch(term.value) else None


@lru_cache(maxsize=_CACHE)
def _less_than(value: Term, other: Term, strict: bool) -> bool:
    if isinstance(value, ox.BlankNode) or isinstance(other, ox.BlankNode):
        return False
    (left_text, left), (right_text, right) = (_comparable(t) for t in (value, other))
    if left_text != right_text:
        return False
    try:
        return bool(left < right) if strict else bool(left <= right)
    except (TypeError, NotImplementedError, ArithmeticError):
        return False


def _comparable(term: Term) -> tuple[bool, Any]:
    """``(is it text, what to compare)``: an IRI or string as text, else the literal
    (an rdflib ``Literal`` is a ``str`` too, hence the flag)."""
    if isinstance(term, ox.NamedNode):
        return True, term.value
    literal = _literal(term)
    return (True, literal.value) if isinstance(literal.value, str) else (False, literal)
