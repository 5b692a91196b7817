"""Unnamed armed collectives the text describes: "Syrian opposition groups", "Islamist
rebels", "Kurdish fighters", "Haiti's gangs" (a mention of their own, not of the state whose
demonym or name they carry)."""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Doc, Span, Token

from .lexicon import Lexicon

_VAGUE_MODIFIERS = frozenset(
    {
        "other",
        "some",
        "many",
        "several",
        "local",
        "smaller",
        "small",
        "powerful",
        "various",
        "rival",
        "more",
        "most",
        "such",
        "these",
        "those",
        "its",
        "their",
        "few",
        "new",
        "own",
    }
)


def nominal_mentions(
    doc: Doc,
    lexicon: Lexicon,
    taken: set[int],
    government_at: Mapping[int, str],
    demonyms: Mapping[str, str],
) -> list[tuple[int, int, str]]:
    """Unnamed armed collectives written with a descriptive modifier: "Syrian opposition
    groups", "Islamist rebels", "Kurdish fighters". A country's demonym inside them does not
    make them the government."""
    mentions: list[tuple[int, int, str]] = []
    for head in doc:
        if head.pos_ != "NOUN" or head.i in taken:
            continue
        classes = lexicon.noun_classes(head.lower_)
        # "Kurdish forces": a state's armed noun, but no state's adjective before it
        forces = "troops" in classes and head.tag_ == "NNS"
        if "collective" not in classes and not forces:
            continue
        start = head.i
        for child in sorted(head.lefts, key=lambda t: -t.i):
            if not forces and _state_possessor(child, start, government_at):
                start = child.i  # "Haiti's gangs": the Haitian gangs
                break
            if child.dep_ not in ("amod", "compound") or child.i != start - 1:
                break
            if child.lower_ in _VAGUE_MODIFIERS or child.pos_ not in ("ADJ", "PROPN", "NOUN"):
                break
            if forces and not _people(child, taken, lexicon):
                break  # "Syrian Kurdish forces", "Regional Kurdish forces": the Kurdish ones
            start = child.i
        described = doc[start : head.i + 1]
        if start == head.i or not any(_capitalised(t, lexicon) for t in described):
            continue
        if _of_a_named_group(head, taken):
            continue  # "Sunni militants of Islamic State" are the group
        if any(i in taken for i in range(start, head.i)) and not _only_demonyms(
            doc, start, head.i, taken, government_at
        ):
            continue
        mentions.append((start, head.i + 1, _as_demonyms(described, government_at, demonyms)))
    return mentions


def _people(token: Token, taken: set[int], lexicon: Lexicon) -> bool:
    """An ethnic or sectarian adjective that makes a state's armed noun a group of its own
    ("Kurdish", "Shiite"); not a state's ("Afghan forces", "U.S. troops") or a noun
    ("Government forces")."""
    return (
        token.i not in taken
        and token.ent_type_ == "NORP"
        and not lexicon.noun_classes(token.lower_)
    )


def _state_possessor(token: Token, start: int, government_at: Mapping[int, str]) -> bool:
    """A state's name as the possessor of a description: "Haiti's gangs", "Syria's
    rebels" (the state's people's, not the state)."""
    doc = token.doc
    return (
        token.dep_ == "poss"
        and token.i in government_at
        and token.i + 2 == start
        and doc[token.i + 1].tag_ == "POS"
    )


def _capitalised(token: Token, lexicon: Lexicon) -> bool:
    """A capital that marks a name or a people ("Kurdish", "Islamist"), not only the start
    of a sentence ("Rights groups have accused ...", "BEIRUT/MOSCOW Rebel fighters ...")."""
    before = token.nbor(-1) if token.i > 0 else None
    dateline = before is not None and before.is_alpha and before.is_upper and len(before) > 2
    common = token.pos_ == "NOUN" or "nonstate" in lexicon.noun_classes(token.lower_)
    return token.text[:1].isupper() and not ((token.is_sent_start or dateline) and common)


def _as_demonyms(
    described: Span, government_at: Mapping[int, str], demonyms: Mapping[str, str]
) -> str:
    """A description with each state's name as its demonym: "Syria opposition" (a headline)
    is the "Syrian opposition"."""
    words: list[str] = []
    for token in described:
        if token.tag_ == "POS":
            continue  # "Haiti's gangs": the Haitian gangs
        key = government_at.get(token.i)
        if key is None or token.pos_ != "PROPN" or key not in demonyms:
            words.append(token.text_with_ws)
        elif government_at.get(token.i + 1) != key or token.i + 1 == described.end:
            possessive = token.i + 1 < len(token.doc) and token.nbor(1).tag_ == "POS"
            words.append(demonyms[key] + (" " if possessive else token.whitespace_))
    return "".join(words).strip()


def _of_a_named_group(head: Token, taken: set[int]) -> bool:
    """Whether a collective noun is followed by "of" or "from" and a name ("fighters of the
    Islamic State group", "Kurdish fighters from the YPG"): its description tells who the
    group is, it names no other."""
    return any(
        child.dep_ == "prep"
        and child.lower_ in ("of", "from")
        and any(o.i in taken for o in child.children if o.dep_ == "pobj")
        for child in head.children
    )


def _only_demonyms(
    doc: Doc, start: int, end: int, taken: set[int], government_at: Mapping[int, str]
) -> bool:
    """Whether the taken tokens of a description are states' adjectives ("Syrian rebels"),
    not a group's name ("AQAP militants", "Boko Haram gunmen": the group itself)."""
    return all(
        i not in taken or (i in government_at and doc[i].pos_ in ("ADJ", "PROPN"))
        for i in range(start, end)
    )
