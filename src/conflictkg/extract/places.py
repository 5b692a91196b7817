"""Which state a place is in: cities (``data/places.tsv``) and the states' names and capitals.

Places are never actors; the rules ask this table where an armed event happened ("an
attack in Maiduguri" is an attack in Nigeria) when the text names no other target. A
town too small for the table is a place where the text calls it one ("the city of
Palmyra"): :func:`called_places`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

from ..resources import data_path, read_tsv
from .gazetteer import Gazetteer, SurfaceKind, load_gazetteer, normalize
from .lexicon import Lexicon

PLACES_FILE = "places.tsv"


@dataclass(frozen=True)
class Places:
    """Normalised place names (cities, countries, capitals) to the key of their state."""

    states: dict[str, str]
    keys: frozenset[str] = frozenset()  # every state key the table names

    def state_of(self, text: str) -> str | None:
        """The state key of a place name, or None.

        >>> default_places().state_of("Maiduguri"), default_places().state_of("Atlantis")
        ('nga', None)
        """
        key = normalize(text).casefold()
        return self.states.get(key) if key else None  # "-" is no place


def load_places(gazetteer: Gazetteer) -> Places:
    """The bundled city table plus every name and capital of the gazetteer's states."""
    states: dict[str, str] = {}
    for _, row in read_tsv(data_path("extract", PLACES_FILE), ("name", "iso3")):
        states[normalize(row["name"]).casefold()] = row["iso3"]
    countries = ("qid", "iso2", "iso3", "name", "capital_qid", "capital_name")
    for _, row in read_tsv(data_path("extract", "countries.tsv"), countries):
        key = row["iso3"].lower()
        entry = gazetteer.entries.get(key)
        if entry is None:  # a duplicate row folded into another state
            continue
        if row["capital_name"]:  # the Vatican names none
            states[normalize(row["capital_name"]).casefold()] = key
        for surface in entry.surfaces:
            if surface.kind in (SurfaceKind.NAME, SurfaceKind.ACRONYM, SurfaceKind.METONYM):
                states[normalize(surface.text).casefold()] = entry.key
    return Places(states, frozenset(states.values()))


@lru_cache(maxsize=1)
def default_places() -> Places:
    return load_places(load_gazetteer())


def called_places(doc: Doc, lexicon: Lexicon) -> frozenset[str]:
    """Names the text itself calls places: "the ancient city of Palmyra", "the town of
    Monguno", which the recogniser may take for people or bodies elsewhere in the text."""
    found = set()
    for token in doc:
        noun = token.head.head
        if token.dep_ != "pobj" or token.head.lower_ != "of" or token.pos_ != "PROPN":
            continue
        if noun.pos_ == "NOUN" and "place" in lexicon.noun_classes(noun.lower_):
            first = min([token.i, *(c.i for c in token.lefts if c.dep_ == "compound")])
            found.add(doc[first : token.i + 1].text)
    return frozenset(found)
