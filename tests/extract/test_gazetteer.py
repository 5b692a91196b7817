"""The actor gazetteer: its data files, lookups and spaCy patterns."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
import spacy
from spacy.util import compile_infix_regex

from conflictkg.errors import ResourceError
from conflictkg.extract.gazetteer import (
    Gazetteer,
    SurfaceKind,
    load_gazetteer,
    name_kind,
    normalize,
)
from conflictkg.model import ActorType
from conflictkg.resources import data_path
from conftest import SHARED

DATA_DIR = data_path("extract", "countries.tsv").parent
SHARED_IDS = SHARED / "ids"


def _rows(path: Path) -> list[dict[str, str]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    lines = [line for line in lines if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


def _keys(gazetteer: Gazetteer, text: str) -> list[tuple[str, str]]:
    return [(entry.key, surface.kind.name) for entry, surface in gazetteer.lookup(text)]


# Data files ------------------------------------------------------------------------------------


def test_every_countries_row_is_covered_exactly_once(gazetteer: Gazetteer) -> None:
    rows = _rows(DATA_DIR / "countries.tsv")
    assert len(rows) == 197
    assert len({row["qid"] for row in rows}) == 197
    folded = set()
    for row in rows:
        # One entry per iso3: either this row (same QID) or the row it is folded into.
        entry = gazetteer.entries[row["iso3"].lower()]
        assert entry.type is ActorType.GOVERNMENT
        assert normalize(row["name"]).casefold() in {
            normalize(s.text).casefold() for s in entry.surfaces
        }, row
        if entry.wikidata != row["qid"]:
            folded.add(row["qid"])
    # The two duplicate rows, "Kingdom of Denmark" and "Kingdom of the Netherlands".
    assert folded == {"Q756617", "Q29999"}
    states = {row["iso3"].lower() for row in rows}
    assert len(states) == 195
    assert len({gazetteer.entries[key].wikidata for key in states}) == 195
    assert (gazetteer.entries["dnk"].wikidata, gazetteer.entries["nld"].wikidata) == ("Q35", "Q55")


def test_country_names_has_one_row_per_state() -> None:
    iso3s = [row["iso3"] for row in _rows(DATA_DIR / "country_names.tsv")]
    assert len(iso3s) == len(set(iso3s)) == 195
    assert set(iso3s) == {row["iso3"] for row in _rows(DATA_DIR / "countries.tsv")}


@pytest.mark.parametrize("name", ["countries.tsv", "verified_ids.tsv"])
def test_verified_files_are_copies_of_the_shared_ones(name: str) -> None:
    shared = SHARED_IDS / ("actors.tsv" if name == "verified_ids.tsv" else name)
    if not shared.is_file():
        pytest.skip(f"{shared} is not available")
    assert (DATA_DIR / name).read_bytes() == shared.read_bytes()


def test_wikidata_ids_are_only_verified_ones(gazetteer: Gazetteer) -> None:
    rows = _rows(DATA_DIR / "countries.tsv")
    states, country_qids = {row["iso3"].lower() for row in rows}, {row["qid"] for row in rows}
    verified = {row["qid"] for row in _rows(DATA_DIR / "verified_ids.tsv")}
    for key, entry in gazetteer.entries.items():
        if key in states:
            assert entry.wikidata in country_qids, key
        elif entry.wikidata is not None:
            assert entry.wikidata in verified, key
    qids = [e.wikidata for e in gazetteer.entries.values() if e.wikidata]
    assert len(qids) == len(set(qids))


def test_every_verified_actor_is_in_the_gazetteer_with_its_id(gazetteer: Gazetteer) -> None:
    for row in _rows(DATA_DIR / "verified_ids.tsv"):
        for text in [row["name"], *filter(None, (a.strip() for a in row["aliases"].split(";")))]:
            found = gazetteer.lookup(text)
            assert len(found) == 1, (text, found)
            entry = found[0][0]
            assert (entry.wikidata, entry.type.value) == (row["qid"], row["type"]), text


def test_no_surface_is_claimed_by_two_entries(gazetteer: Gazetteer) -> None:
    assert gazetteer.collisions() == []


def test_sizes_and_labels(gazetteer: Gazetteer) -> None:
    types = [entry.type for entry in gazetteer.entries.values()]
    assert types.count(ActorType.ARMED_GROUP) >= 50
    assert types.count(ActorType.PERSON) >= 20
    labels = {key: gazetteer.entries[key].label for key in ("usa", "irn", "rus", "gbr")}
    assert labels == {
        "usa": "United States",
        "irn": "Iran",
        "rus": "Russia",
        "gbr": "United Kingdom",
    }
    assert list(gazetteer.entries) == sorted(gazetteer.entries)


def test_parents_and_roles(gazetteer: Gazetteer) -> None:
    entries = gazetteer.entries
    assert entries["quds_force"].parent == "irgc"
    assert entries["irgc"].parent == "irn"
    assert (entries["barack_obama"].parent, entries["barack_obama"].role) == ("usa", "president")
    assert entries["qassem_soleimani"].parent == "quds_force"
    for entry in entries.values():
        assert entry.parent is None or entry.parent in entries
        assert (entry.role is not None) == (entry.type is ActorType.PERSON), entry.key


def test_metonyms_only_where_allowed(gazetteer: Gazetteer) -> None:
    for row in _rows(DATA_DIR / "country_names.tsv"):
        kinds = {s.kind for s in gazetteer.entries[row["iso3"].lower()].surfaces}
        assert (SurfaceKind.METONYM in kinds) == (
            row["metonym_ok"] == "yes" and bool(row["metonyms"])
        )


def test_surfaces_have_no_leading_article(gazetteer: Gazetteer) -> None:
    for entry in gazetteer.entries.values():
        assert entry.surfaces[0].text == normalize_label(entry.label)
        for surface in entry.surfaces:
            assert not surface.text.lower().startswith("the "), surface


def normalize_label(label: str) -> str:
    return label[4:] if label.lower().startswith("the ") else label


# Lookup ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tehran", [("irn", "METONYM")]),
        ("U.S.", [("usa", "ACRONYM")]),
        ("US", [("usa", "ACRONYM")]),
        ("us", []),
        ("the United States", [("usa", "NAME")]),
        ("Daesh", [("islamic_state", "NAME")]),
        ("IS", [("islamic_state", "ACRONYM")]),
        ("is", []),
        ("Hizballah", [("hezbollah", "NAME")]),
        ("Iranian", [("irn", "DEMONYM")]),
        ("Iranians", [("irn", "DEMONYM")]),
        ("Kiev", [("ukr", "METONYM")]),
        ("Kremlin", [("rus", "METONYM")]),
        ("Sana’a", [("yem", "METONYM")]),
        ("Kata’ib Hizballah", [("kataib_hezbollah", "NAME")]),
        ("al Qaeda", [("al_qaeda", "NAME")]),
        ("al–Qaida", [("al_qaeda", "NAME")]),
        ("Cote d'Ivoire", [("civ", "NAME")]),
        ("Erdogan", [("recep_tayyip_erdogan", "NAME")]),
        ("Turkey", [("tur", "NAME")]),
        ("TURKEY", [("tur", "NAME")]),
        ("turkey", []),
        ("peshmerga", [("peshmerga", "NAME")]),
        ("Kingdom of the Netherlands", [("nld", "NAME")]),
        ("Pentagon", [("usa", "NAME")]),  # a state organ stands for its state
        ("IDF", [("isr", "ACRONYM")]),
        ("Reuters", [("reuters", "NAME")]),  # listed as no actor (type None)
        ("Singapore", [("sgp", "NAME")]),  # the capital is not a metonym: same word
        ("Victoria", []),
    ],
)
def test_lookup(gazetteer: Gazetteer, text: str, expected: list[tuple[str, str]]) -> None:
    assert _keys(gazetteer, text) == expected


def test_name_kind_and_normalize() -> None:
    assert name_kind("U.S.") is SurfaceKind.ACRONYM
    assert name_kind("M23") is SurfaceKind.ACRONYM
    assert name_kind("Hamas") is SurfaceKind.NAME
    assert normalize("The  Gambia") == "Gambia"
    assert normalize("Kata‘ib Hizb‑allah") == "Kata'ib Hizb allah"


# Patterns --------------------------------------------------------------------------------------


def _ruler(gazetteer: Gazetteer, split_dotted: bool = False) -> spacy.language.Language:
    nlp = spacy.blank("en")
    if split_dotted:  # a tokenizer that splits "U.S.-backed" into "U.S.", "-", "backed"
        infixes = [*nlp.Defaults.infixes, r"(?<=[A-Za-z]\.)-(?=[A-Za-z])"]
        nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    ruler = nlp.add_pipe("span_ruler", config={"validate": True})
    ruler.add_patterns(gazetteer.patterns(nlp))
    return nlp


def _spans(nlp: spacy.language.Language, text: str) -> set[tuple[str, str, str]]:
    doc = nlp(text)
    return {(s.text, s.label_, s.id_) for s in doc.spans["ruler"]}


def test_patterns_match_in_a_blank_pipeline(gazetteer: Gazetteer) -> None:
    nlp = _ruler(gazetteer)
    spans = _spans(nlp, "The U.S.-backed SDF fought ISIS near Raqqa.")
    assert ("SDF", "ACRONYM", "sdf") in spans
    assert ("ISIS", "ACRONYM", "islamic_state") in spans
    assert _spans(nlp, "Tehran's support for Hizballah") == {
        ("Tehran", "METONYM", "irn"),
        ("Hizballah", "NAME", "hezbollah"),
    }
    spans = _spans(nlp, "Kata’ib Hizballah, al Qaeda, al-Qaida and the Kurdistan Workers’ Party")
    assert {(text, key) for text, _, key in spans} >= {
        ("Kata’ib Hizballah", "kataib_hezbollah"),
        ("al Qaeda", "al_qaeda"),
        ("al-Qaida", "al_qaeda"),
        ("Kurdistan Workers’ Party", "pkk"),
    }


def test_patterns_respect_case(gazetteer: Gazetteer) -> None:
    nlp = _ruler(gazetteer)
    assert _spans(nlp, "let us talk turkey: what is it?") == set()
    assert _spans(nlp, "TURKEY and Erdoğan") == {
        ("TURKEY", "NAME", "tur"),
        ("Erdoğan", "NAME", "recep_tayyip_erdogan"),
    }


def test_patterns_with_the_pipeline_tokenizer(gazetteer: Gazetteer) -> None:
    nlp = _ruler(gazetteer, split_dotted=True)
    spans = _spans(nlp, "The U.S.-backed SDF fought ISIS near Raqqa.")
    assert ("U.S.", "ACRONYM", "usa") in spans


def test_patterns_are_deterministic(gazetteer: Gazetteer) -> None:
    first = gazetteer.patterns()
    assert first == gazetteer.patterns()
    assert {p["label"] for p in first} == {kind.name for kind in SurfaceKind}
    assert {p["id"] for p in first} == set(gazetteer.entries)


# Malformed data --------------------------------------------------------------------------------


def _edit(tmp_path: Path, name: str, old: str, new: str) -> Path:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    path = data / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if text in line)


@pytest.mark.parametrize(
    ("name", "old", "new", "marker"),
    [
        (
            "armed_groups.tsv",
            "hamas\tArmedGroup\tHamas\t",
            "hamas\tArmedGroup\tHamas\tx\t",
            "hamas",
        ),
        ("armed_groups.tsv", "hamas\tArmedGroup", "hamas\tArmedGroop", "hamas"),
        ("armed_groups.tsv", "\tirgc\tThe IRGC's", "\tirgx\tThe IRGC's", "irgx"),
        ("armed_groups.tsv", "Q41053", "Q41O53", "Q41O53"),
        ("armed_groups.tsv", "\nhamas\t", "\nHamas!\t", "Hamas!"),
        ("people.tsv", "\tQ76\tpresident\tUSA\t", "\tQ76\tpresident\tXXX\t", "XXX"),
        ("people.tsv", "\nbarack_obama\t", "\nhamas\t", "Barack Obama"),
        ("organizations.tsv", "nato\tGovernment\tNATO", "nato\tGovernment\t", "nato"),
        ("country_names.tsv", "\tFrench\t", "\tFrench\t\tmaybe\t", "French"),
        ("country_names.tsv", "NLD\t\tKingdom of the Netherlands; ", "NLD\t\t", "NLD"),
        ("country_names.tsv", "\nZWE\t", "\nZZZ\t", "ZZZ"),
        ("countries.tsv", "Q794\tIR\tIRN", "794\tIR\tIRN", "IRN"),
    ],
)
def test_malformed_rows_name_file_and_line(
    tmp_path: Path, name: str, old: str, new: str, marker: str
) -> None:
    path = _edit(tmp_path, name, old, new)
    with pytest.raises(ResourceError) as info:
        load_gazetteer(path.parent)
    assert f"{path}:{_line_of(path, marker)}:" in str(info.value)


def test_bad_header_missing_row_and_missing_file(tmp_path: Path) -> None:
    path = _edit(tmp_path, "people.tsv", "\trole\tof\t", "\trole\tfor\t")
    with pytest.raises(ResourceError, match=r"people\.tsv:\d+: header"):
        load_gazetteer(path.parent)
    path = _edit(tmp_path / "b", "country_names.tsv", "\nZWE\t", "\n# ZWE\t")
    with pytest.raises(ResourceError, match=r"country_names\.tsv: no row .*ZWE"):
        load_gazetteer(path.parent)
    path = _edit(tmp_path / "c", "people.tsv", "", "")
    (path.parent / "organizations.tsv").unlink()
    with pytest.raises(ResourceError, match=r"organizations\.tsv: data file not found"):
        load_gazetteer(path.parent)


def test_default_gazetteer_is_cached() -> None:
    assert load_gazetteer() is load_gazetteer()
    assert load_gazetteer(DATA_DIR) is not load_gazetteer()
