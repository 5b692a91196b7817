"""Cue lexicons loaded from the TSV files in ``extract/data`` (formats in data/README.md)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import ResourceError
from ..resources import data_path, read_tsv


@dataclass(frozen=True)
class Cue:
    """A word that signals a relation (one row of ``cues.tsv``)."""

    lemma: str
    pos: str
    relation: str
    preps: frozenset[str]
    confidence: float

    @property
    def opposes(self) -> bool:
        """Whether the cue signals opposition (of any kind) rather than support."""
        return self.relation in ("opposes", "attacks", "opposes_from", "mutual_opposes")


RELATION_KINDS = (
    "supports",
    "opposes",
    "attacks",
    "supports_from",
    "opposes_from",
    "mutual_opposes",
    "mutual_supports",
    "undergoes",
    "mediates",
)
NOUN_CLASSES = (
    "mutual",
    "armed",
    "state",
    "nonstate",
    "observer",
    "group",
    "country",
    "part",
    "partitive",
    "population",
    "collective",
    "pair",
    "relational",
    "force",
    "official",
    "facility",
    "place",
    "generic",
    "weapon",
    "contest",
    "dominant",
    "armed_first",
    "militant",
    "organ",
    "nonactor",
    "violence",
    "state_modifier",
    "governing",
    "agent",
    "boundary",
    "troops",
    "meeting",
    "measure",
    "epithet",
    "author",
    "perpetrator",
    "incite",
    "censure",
    "series",
    "armed_behalf",
    "posting",
    "stake",
    "conquest",
    "citizen",
    "deadly",
    "insurgency",
)
ROLE_CLASSES = (
    "head",
    "leader",
    "member",
    "official",
    "shared",
    "leader_noun",
    "leader_verb",
    "member_verb",
    "grouping_verb",
)
PERSON_ROLES = frozenset({"head", "leader", "member", "official"})  # a person's title classes
DESIGNATION_CLASSES = ("verb", "label", "soft")
MODALITY_CLASSES = ("negation", "denial", "claim", "report", "hedge", "irrealis")


@dataclass(frozen=True)
class Lexicon:
    """Every cue lexicon the extractor uses."""

    cues: dict[tuple[str, str], tuple[Cue, ...]]
    nouns: dict[str, frozenset[str]]
    roles: dict[str, frozenset[str]]
    designation: dict[str, str]
    modality: dict[str, tuple[str, float]]

    def cues_for(self, lemma: str, pos: str) -> tuple[Cue, ...]:
        """The cues of a lemma in a part of speech, in file order (usually zero or one)."""
        return self.cues.get((lemma.lower(), pos), ())

    def noun_classes(self, word: str) -> frozenset[str]:
        return self.nouns.get(word.lower(), frozenset())

    def role_classes(self, word: str) -> frozenset[str]:
        return self.roles.get(word.lower(), frozenset())

    def title_classes(self, phrase: str) -> frozenset[str]:
        """The role classes of a title however its dot is written: "Col." is one token or
        two ("Col", "."), and the lexicon lists "col."."""
        bare = phrase.lower().rstrip(".")
        return self.role_classes(bare) | self.role_classes(bare + ".")

    def reports(self, word: str) -> bool:
        """Whether a word reports or claims ("said", "told", "claimed": ``modality.tsv``)."""
        return self.modality.get(word.lower(), ("", 1.0))[0] in ("report", "claim")

    @property
    def max_title_words(self) -> int:
        return max(len(title.split()) for title in self.roles)


def _check(value: str, allowed: tuple[str, ...], path: Path, number: int) -> str:
    if value not in allowed:
        raise ResourceError(f"{path}:{number}: {value!r} is not one of {', '.join(allowed)}")
    return value


def _number(value: str, path: Path, number: int) -> float:
    try:
        result = float(value)
    except ValueError:
        raise ResourceError(f"{path}:{number}: {value!r} is not a number") from None
    if not 0.0 <= result <= 1.0:
        raise ResourceError(f"{path}:{number}: {value} is outside 0..1")
    return result


def load_lexicon(data_dir: Path | None = None) -> Lexicon:
    """Read the lexicon files (from ``data_dir`` or the bundled data folder)."""

    def path(name: str) -> Path:
        return data_dir / name if data_dir else data_path("extract", name)

    cues: dict[tuple[str, str], list[Cue]] = defaultdict(list)
    cue_path = path("cues.tsv")
    for n, row in read_tsv(cue_path, ("lemma", "pos", "relation", "preps", "confidence")):
        pos = _check(row["pos"], ("VERB", "NOUN", "ADJ", "ADP"), cue_path, n)
        relation = _check(row["relation"], RELATION_KINDS, cue_path, n)
        preps = frozenset() if row["preps"] == "-" else frozenset(row["preps"].split(";"))
        confidence = _number(row["confidence"], cue_path, n)
        cues[(row["lemma"], pos)].append(Cue(row["lemma"], pos, relation, preps, confidence))

    nouns: dict[str, set[str]] = defaultdict(set)
    noun_path = path("nouns.tsv")
    for n, row in read_tsv(noun_path, ("word", "class")):
        nouns[row["word"]].add(_check(row["class"], NOUN_CLASSES, noun_path, n))

    role_path = path("roles.tsv")
    roles: dict[str, set[str]] = defaultdict(set)
    for n, row in read_tsv(role_path, ("title", "class")):
        roles[row["title"]].add(_check(row["class"], ROLE_CLASSES, role_path, n))
    designation_path = path("designation.tsv")
    designation = {
        row["word"]: _check(row["class"], DESIGNATION_CLASSES, designation_path, n)
        for n, row in read_tsv(designation_path, ("word", "class"))
    }
    modality_path = path("modality.tsv")
    modality = {
        row["word"]: (
            _check(row["class"], MODALITY_CLASSES, modality_path, n),
            _number(row["factor"], modality_path, n),
        )
        for n, row in read_tsv(modality_path, ("word", "class", "factor"))
    }
    return Lexicon(
        cues={key: tuple(found) for key, found in cues.items()},
        nouns={word: frozenset(classes) for word, classes in nouns.items()},
        roles={title: frozenset(classes) for title, classes in roles.items()},
        designation=designation,
        modality=modality,
    )


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The bundled lexicon, read once."""
    return load_lexicon()
