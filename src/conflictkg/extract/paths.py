"""Features of an actor pair in a sentence, read off the dependency path between them.

The path runs from the subject's mention up to the lowest common ancestor and down to the
object's mention. Its shortened forms (labels only; labels with the lemmas of the words on
it), the cue classes of the words on it and between the mentions (``data/cues.tsv``,
``designation.tsv``, ``modality.tsv``), the actors' types, mention kinds and roles, their
order and distance, and negation, hedging and reporting above the path become named
features: ``{"deps=nsubj^ dobj_": 1.0, "cue_path=supports": 1.0, ...}``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Span, Token

from .lexicon import Lexicon

_MAX_PATH = 8  # longer paths are "long", with no path features
_FULL_PATH = 4  # paths up to this long are also kept whole, with their lemmas
_CONTENT = frozenset({"VERB", "AUX", "NOUN", "ADJ", "ADP", "ADV"})
_ABOVE = 4  # ancestors of the common ancestor read for reporting, hedging and negation


@dataclass(frozen=True)
class Occurrence:
    """A place where a sentence names an actor: the mention's root token, and how it names it
    (a mention kind such as "name" or "demonym", or "anaphor")."""

    key: str
    token: Token
    kind: str


def _bucket(value: int, bounds: Sequence[int]) -> str:
    for bound in bounds:
        if value <= bound:
            return f"<={bound}"
    return f">{bounds[-1]}"


def dependency_path(a: Token, b: Token) -> tuple[list[Token], list[Token]] | None:
    """``(up, down)``: the tokens from ``a`` up to the common ancestor (inclusive) and from
    there down to ``b`` (exclusive of the ancestor); None if they share no ancestor."""
    chain_a = [a, *a.ancestors]
    chain_b = [b, *b.ancestors]
    in_b = {t.i: n for n, t in enumerate(chain_b)}
    for n, token in enumerate(chain_a):
        if token.i in in_b:
            return chain_a[: n + 1], list(reversed(chain_b[: in_b[token.i]]))
    return None


def _word(token: Token) -> str:
    if token.pos_ in _CONTENT:
        return token.lemma_.lower()
    return token.pos_


def _closest(
    subject: str, obj: str, occurrences: Iterable[Occurrence]
) -> tuple[Occurrence, Occurrence, list[Token], list[Token]] | None:
    best = None
    occurrences = list(occurrences)
    for s in (o for o in occurrences if o.key == subject):
        for o in (o for o in occurrences if o.key == obj):
            if s.token.i == o.token.i:
                continue
            path = dependency_path(s.token, o.token)
            if path is None:
                continue
            rank = (len(path[0]) + len(path[1]), abs(s.token.i - o.token.i), s.token.i)
            if best is None or rank < best[0]:
                best = (rank, (s, o, *path))
    return best[1] if best else None


def between_tokens(subject: str, obj: str, occurrences: Iterable[Occurrence]) -> list[Token]:
    """The words a pair's relation is read from: the inner tokens of the dependency path
    (the common ancestor included), else the two mentions themselves."""
    found = _closest(subject, obj, occurrences)
    if found is None:
        return []
    s, o, up, down = found
    return _inner(up, down) or [s.token, o.token]


def _inner(up: list[Token], down: list[Token]) -> list[Token]:
    """The tokens of a path without its two ends."""
    ends = {up[0].i, (down[-1] if down else up[-1]).i}
    return [t for t in (*up, *down) if t.i not in ends]


def _cue_kinds(token: Token, lexicon: Lexicon) -> set[str]:
    pos = "VERB" if token.pos_ in ("VERB", "AUX") else token.pos_
    kinds = {c.relation for c in lexicon.cues_for(token.lemma_, pos)}
    kinds |= {c.relation for c in lexicon.cues_for(token.lower_, pos)}
    for particle in (c.lower_ for c in token.children if c.dep_ == "prt"):
        kinds |= {c.relation for c in lexicon.cues_for(f"{token.lemma_} {particle}", pos)}
    if token.lemma_.lower() in lexicon.designation:
        kinds.add("designation_" + lexicon.designation[token.lemma_.lower()])
    return kinds


def _modality(token: Token, lexicon: Lexicon) -> str | None:
    word = token.lemma_.lower() if token.pos_ != "ADP" else token.lower_
    kind = lexicon.modality.get(word) or lexicon.modality.get(token.lower_)
    return kind[0] if kind else None


def _path_features(up: list[Token], down: list[Token], lexicon: Lexicon) -> dict[str, float]:
    features: dict[str, float] = {}
    length = len(up) - 1 + len(down)
    features[f"plen={_bucket(length, (1, 2, 3, 4, 6))}"] = 1.0
    lca = up[-1]
    inner = _inner(up, down)
    if length > _MAX_PATH:
        features["path=long"] = 1.0
        return features
    labels = [f"{t.dep_}^" for t in up[:-1]] + [f"{t.dep_}_" for t in down]
    features["deps=" + " ".join(labels)] = 1.0
    if length <= _FULL_PATH:
        words = [w for t in up[:-1] for w in (f"{t.dep_}^", _word(t.head))]
        words = words or [_word(lca)]
        words += [w for t in down for w in (f"{t.dep_}_", _word(t))][:-1]
        features["path=" + " ".join(words)] = 1.0
    features[f"lca={_word(lca)}"] = 1.0
    features[f"lca_pos={lca.pos_}"] = 1.0
    for token in inner:
        features[f"word={_word(token)}"] = 1.0
        for kind in _cue_kinds(token, lexicon):
            features[f"cue_path={kind}"] = 1.0
            features[f"cue_path={kind}:{'lca' if token.i == lca.i else 'in'}"] = 1.0
        for child in token.children:
            child_kind = _modality(child, lexicon)
            if child.dep_ == "neg" or child_kind == "negation":
                features["neg_path"] = 1.0
            if child_kind == "hedge" and child.dep_ in ("aux", "advmod", "mark", "acomp"):
                features["hedge_path"] = 1.0
        own = _modality(token, lexicon)
        if own is not None:
            features[f"mod_path={own}"] = 1.0
    current = lca
    for _ in range(_ABOVE):
        if current.head.i == current.i:
            break
        current = current.head
        above = _modality(current, lexicon)
        if above is not None:
            features[f"above={above}"] = 1.0
        if any(c.dep_ == "neg" for c in current.children):
            features["neg_above"] = 1.0
    return features


def _linear_features(s: Token, o: Token, sentence: Span, lexicon: Lexicon) -> dict[str, float]:
    features: dict[str, float] = {}
    first, last = sorted((s.i, o.i))
    between = sentence.doc[first + 1 : last]
    features["order=" + ("subject_first" if s.i < o.i else "object_first")] = 1.0
    features[f"dist={_bucket(last - first, (2, 4, 8, 15))}"] = 1.0
    for token in between:
        for kind in _cue_kinds(token, lexicon):
            features[f"cue_between={kind}"] = 1.0
        if token.lower_ in ("and", "or", ","):
            features[f"between_has={token.lower_}"] = 1.0
        if _modality(token, lexicon) in ("negation", "denial"):
            features["neg_between"] = 1.0
    return features


def _mention_features(role: str, occurrence: Occurrence, kind: str) -> dict[str, float]:
    token = occurrence.token
    return {
        f"{role}_type={kind}": 1.0,
        f"{role}_kind={occurrence.kind}": 1.0,
        f"{role}_dep={token.dep_}": 1.0,
        f"{role}_head={_word(token.head)}": 1.0,
    }


def pair_features(
    subject: str,
    obj: str,
    occurrences: Sequence[Occurrence],
    sentence: Span,
    types: dict[str, str],
    lexicon: Lexicon,
    reverse_rules: Sequence[str] = (),
) -> dict[str, float]:
    """The features of the ordered pair ``(subject, obj)`` in ``sentence``, read at the two
    occurrences closest in the parse. ``types`` maps actor keys to a type name;
    ``reverse_rules`` names the predicates the rules read from ``obj`` to ``subject``."""
    s_type, o_type = types.get(subject, "unknown"), types.get(obj, "unknown")
    features = {"bias_pair": 1.0, f"types={s_type}>{o_type}": 1.0}
    for predicate in reverse_rules:
        features[f"rule_reverse={predicate}"] = 1.0
    keys = {o.key for o in occurrences}
    features[f"actors={_bucket(len(keys), (2, 3, 5))}"] = 1.0
    found = _closest(subject, obj, occurrences)
    if found is None:
        features["no_path"] = 1.0
        features[f"subject_type={s_type}"] = 1.0
        features[f"object_type={o_type}"] = 1.0
        return features
    s, o, up, down = found
    features.update(_mention_features("subject", s, s_type))
    features.update(_mention_features("object", o, o_type))
    features.update(_path_features(up, down, lexicon))
    features.update(_linear_features(s.token, o.token, sentence, lexicon))
    return features
