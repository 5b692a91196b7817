"""Two names of one actor in one document: which mentions the text itself equates.

- an acronym in parentheses after a name, or a name after an acronym: "Democratic Union Party
  (PYD)", "the PYD (Democratic Union Party)";
- "X, also known as Y", "X, known as Y", "X, also called Y", "X aka Y";
- an acronym made of a name's initials written anywhere in the document: "Government of
  National Accord" ... "the GNA".

:func:`alias_pairs` returns pairs of mention indices; :mod:`resolve` merges them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc

from ..model import ActorType
from .mentions import Mention, MentionKind

_ALIAS_OPENERS = frozenset({"also", "formerly", "better", "otherwise", "previously"})
_ALIAS_VERBS = (("known", "as"), ("called",), ("aka",), ("a.k.a.",), ("a.k.a",), ("spelled",))
_SKIPPED_IN_INITIALS = frozenset({"of", "the", "for", "and", "in", "on", "to", "al", "el", "&"})
_ACRONYM_RE = re.compile(r"^[A-Z][A-Z0-9]{1,7}$")


def is_acronym(text: str) -> bool:
    """Two to eight capitals or digits, dots ignored: "GNA", "M23", "U.N."."""
    return bool(_ACRONYM_RE.match(text.replace(".", "").replace("-", "")))


def initials(name: str) -> str:
    """The upper-case initials of a name's words, without "of", "the", "al" and the like:
    "Government of National Accord" -> "GNA", "al-Qaeda in the Arabian Peninsula" -> "QAP"."""
    words = re.split(r"[\s\-]+", name.replace("'s", ""))
    return "".join(w[0].upper() for w in words if w and w.lower() not in _SKIPPED_IN_INITIALS)


def _acronym_of(short: str, long: str) -> bool:
    letters = short.replace(".", "").replace("-", "")
    return len(long.split()) > 1 and initials(long) == letters.upper()


def _inside_longer_name(doc: Doc, mention: Mention) -> bool:
    """ "Bangladesh" in "Jamaat-ul-Mujahideen Bangladesh (JMB)": the mention ends a longer name."""
    before = doc[mention.start - 1] if mention.start > 0 else None
    return (
        before is not None
        and not before.is_sent_start
        and (before.pos_ == "PROPN" or before.text in ("-", "\u2013"))
    )


def _may_pair(doc: Doc, name: Mention, acronym: str) -> bool:
    """Whether ``acronym`` in parentheses may name what ``name`` names: always for a name the
    gazetteer does not know (acronyms of other languages: "Democratic Union Party (PYD)"),
    for a gazetteer name only when the initials agree, never for the tail of a longer name."""
    if _inside_longer_name(doc, name):
        return False
    return name.key is None or _acronym_of(acronym, name.text)


def _parenthesised(doc: Doc, mentions: Sequence[Mention]) -> list[tuple[int, int]]:
    starting = {m.start: i for i, m in enumerate(mentions)}
    pairs = []
    for index, mention in enumerate(mentions):
        end = mention.end
        if end + 2 >= len(doc) or doc[end].text != "(":
            continue
        inner = starting.get(end + 1)
        if inner is None or doc[mentions[inner].end].text != ")":
            continue
        first, second = mention.text, mentions[inner].text
        name_then_acronym = is_acronym(second) and _may_pair(doc, mention, second)
        if name_then_acronym or (is_acronym(first) and _acronym_of(first, second)):
            pairs.append((index, inner))
    return pairs


def parenthesised_acronyms(doc: Doc, mentions: Sequence[Mention]) -> dict[str, int]:
    """Acronyms in parentheses right after a mention that are no mention themselves:
    "Workers Party (PKK)" -> {"PKK": index of the mention}."""
    found: dict[str, int] = {}
    covered = {i for m in mentions for i in range(m.start, m.end)}
    for index, mention in enumerate(mentions):
        end = mention.end
        if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")":
            candidate = doc[end + 1]
            if candidate.i in covered or not is_acronym(candidate.text):
                continue
            if _may_pair(doc, mention, candidate.text):
                found.setdefault(candidate.text, index)
    return found


def _also_known_as(doc: Doc, mentions: Sequence[Mention]) -> list[tuple[int, int]]:
    starting = {m.start: i for i, m in enumerate(mentions)}
    pairs = []
    for index, mention in enumerate(mentions):
        i = mention.end
        if i < len(doc) and doc[i].text == ",":
            i += 1
        if i < len(doc) and doc[i].lower_ in _ALIAS_OPENERS:
            i += 1
        for verb in _ALIAS_VERBS:
            words = [t.lower_ for t in doc[i : i + len(verb)]]
            if tuple(words) != verb:
                continue
            j = i + len(verb)
            if j < len(doc) and doc[j].lower_ == "the":
                j += 1
            other = starting.get(j)
            if other is not None:
                pairs.append((index, other))
    return pairs


def _initials_pairs(mentions: Sequence[Mention]) -> list[tuple[int, int]]:
    """An acronym the gazetteer does not know and a name whose initials it is."""
    names = [
        (i, m)
        for i, m in enumerate(mentions)
        if m.kind is MentionKind.ENTITY and m.type is not ActorType.PERSON and m.end - m.start > 1
    ]
    pairs = []
    for index, mention in enumerate(mentions):
        if mention.kind is not MentionKind.ENTITY or not is_acronym(mention.text):
            continue
        expansions = {m.text for _, m in names if _acronym_of(mention.text, m.text)}
        if len(expansions) == 1:
            pairs += [(index, i) for i, m in names if m.text in expansions]
    return pairs


def alias_pairs(doc: Doc, mentions: Sequence[Mention]) -> list[tuple[int, int]]:
    """Pairs of mention indices that the document says name the same actor."""
    found = _parenthesised(doc, mentions) + _also_known_as(doc, mentions)
    found += _initials_pairs(mentions)
    return sorted({(min(a, b), max(a, b)) for a, b in found if a != b})
