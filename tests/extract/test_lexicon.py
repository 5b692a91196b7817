"""The knowledge data files: every one loads, malformed ones are refused with file and line,
and the cue lexicons are consistent with what the loader and the rules accept."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from conflictkg.errors import ResourceError
from conflictkg.extract.gazetteer import load_gazetteer
from conflictkg.extract.lexicon import (
    DESIGNATION_CLASSES,
    MODALITY_CLASSES,
    NOUN_CLASSES,
    RELATION_KINDS,
    ROLE_CLASSES,
    Lexicon,
    default_lexicon,
    load_lexicon,
    read_tsv,
)
from conflictkg.ingest.boilerplate import load_patterns
from conflictkg.resources import data_path
from conflictkg.store.link import read_type_table
from conflictkg.view.style import read_style

DATA_DIR = data_path("extract", "cues.tsv").parent
# Every bundled TSV, by name, with the folder it lives in (``<stage>/data/``).
DATA_FILES = {path.name: path.parent for path in DATA_DIR.parent.parent.glob("*/data/*.tsv")}

CUE_COLUMNS = ("lemma", "pos", "relation", "preps", "confidence")
LEXICON_FILES = {
    "cues.tsv": CUE_COLUMNS,
    "nouns.tsv": ("word", "class"),
    "roles.tsv": ("title", "class"),
    "designation.tsv": ("word", "class"),
    "modality.tsv": ("word", "class", "factor"),
}
CLASSES = {
    "nouns.tsv": NOUN_CLASSES,
    "roles.tsv": ROLE_CLASSES,
    "designation.tsv": DESIGNATION_CLASSES,
    "modality.tsv": MODALITY_CLASSES,
}


def rows(name: str) -> list[tuple[int, dict[str, str]]]:
    return list(read_tsv(DATA_DIR / name, LEXICON_FILES[name]))


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return default_lexicon()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of the bundled data folder, safe to break."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


# --- every file loads ---------------------------------------------------------------------


def _load_verified_ids(directory: Path) -> list[tuple[int, dict[str, str]]]:
    return list(read_tsv(directory / "verified_ids.tsv", ("qid", "type", "name", "aliases")))


LOADERS: dict[str, Callable[[Path], object]] = {
    **{name: load_lexicon for name in LEXICON_FILES},
    **{
        name: load_gazetteer
        for name in (
            "countries.tsv",
            "country_names.tsv",
            "organizations.tsv",
            "armed_groups.tsv",
            "people.tsv",
            "non_actors.tsv",
        )
    },
    "boilerplate.tsv": lambda directory: load_patterns(directory / "boilerplate.tsv"),
    "places.tsv": lambda directory: list(read_tsv(directory / "places.tsv", ("name", "iso3"))),
    "verified_ids.tsv": _load_verified_ids,
    "style.tsv": lambda directory: read_style(directory / "style.tsv"),  # view/data
    "reconcile_types.tsv": lambda directory: read_type_table(directory / "reconcile_types.tsv"),
}


def test_every_data_file_has_a_loader() -> None:
    assert set(DATA_FILES) == set(LOADERS)
    assert DATA_FILES["boilerplate.tsv"] == data_path("ingest", "boilerplate.tsv").parent


@pytest.mark.parametrize("name", sorted(LOADERS))
def test_every_data_file_loads(name: str) -> None:
    assert LOADERS[name](DATA_FILES[name])


def test_bundled_lexicon_is_not_empty(lexicon: Lexicon) -> None:
    assert lexicon.cues and lexicon.nouns and lexicon.roles
    assert lexicon.designation and lexicon.modality


def test_a_copied_data_folder_loads_the_same_lexicon(data_copy: Path, lexicon: Lexicon) -> None:
    assert load_lexicon(data_copy) == lexicon


# --- malformed files are refused, naming file and line --------------------------------------


def _append(path: Path, line: str) -> int:
    """Append ``line`` to a data file; return its line number."""
    text = path.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    text += line + "\n"
    path.write_text(text, encoding="utf-8")
    return len(text.splitlines())


def _refused(data_dir: Path, name: str, line: int) -> str:
    with pytest.raises(ResourceError) as info:
        load_lexicon(data_dir)
    message = str(info.value)
    assert f"{data_dir / name}:{line}" in message, message
    return message


@pytest.mark.parametrize("name", sorted(LEXICON_FILES))
def test_wrong_header(data_copy: Path, name: str) -> None:
    path = data_copy / name
    lines = path.read_text(encoding="utf-8").splitlines()
    header = next(i for i, line in enumerate(lines) if line.strip() and not line.startswith("#"))
    lines[header] = lines[header].replace("\t", "\tbogus\t", 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert "header" in _refused(data_copy, name, header + 1)


@pytest.mark.parametrize(
    ("name", "row"),
    [
        ("cues.tsv", "fight\tVERB\topposes\tagainst"),
        ("cues.tsv", "fight\tVERB\topposes\tagainst\t0.9\textra"),
        ("nouns.tsv", "militia"),
        ("nouns.tsv", "militia\tarmed\textra"),
        ("roles.tsv", "commander\tleader\tmember"),
        ("designation.tsv", "designate"),
        ("modality.tsv", "not\tnegation"),
        ("modality.tsv", "not\tnegation\t0\t0"),
    ],
)
def test_wrong_number_of_fields(data_copy: Path, name: str, row: str) -> None:
    line = _append(data_copy / name, row)
    assert "fields" in _refused(data_copy, name, line)


@pytest.mark.parametrize(
    ("name", "row", "value"),
    [
        ("cues.tsv", "fight\tVERB\tattack\tagainst\t0.9", "attack"),
        ("cues.tsv", "fight\tVERB\tdesignates\t-\t0.9", "designates"),
        ("cues.tsv", "fight\tADV\topposes\t-\t0.9", "ADV"),
        ("nouns.tsv", "militia\tweaponry", "weaponry"),
        ("roles.tsv", "commander\tboss", "boss"),
        ("designation.tsv", "designate\tverbs", "verbs"),
        ("modality.tsv", "not\tnegated\t0", "negated"),
    ],
)
def test_bad_class(data_copy: Path, name: str, row: str, value: str) -> None:
    line = _append(data_copy / name, row)
    assert repr(value) in _refused(data_copy, name, line)


@pytest.mark.parametrize(
    ("name", "row"),
    [
        ("cues.tsv", "fight\tVERB\topposes\tagainst\t1.5"),
        ("cues.tsv", "fight\tVERB\topposes\tagainst\t-0.1"),
        ("cues.tsv", "fight\tVERB\topposes\tagainst\thigh"),
        ("cues.tsv", "fight\tVERB\topposes\tagainst\t"),
        ("modality.tsv", "perhaps\thedge\t2"),
        ("modality.tsv", "perhaps\thedge\tnan"),
    ],
)
def test_number_outside_unit_interval(data_copy: Path, name: str, row: str) -> None:
    line = _append(data_copy / name, row)
    _refused(data_copy, name, line)


@pytest.mark.parametrize("name", sorted(LEXICON_FILES))
def test_missing_file(data_copy: Path, name: str) -> None:
    (data_copy / name).unlink()
    with pytest.raises(ResourceError, match=re.escape(str(data_copy / name))):
        load_lexicon(data_copy)


def test_comments_and_blank_lines_are_skipped(data_copy: Path, lexicon: Lexicon) -> None:
    _append(data_copy / "cues.tsv", "")
    _append(data_copy / "cues.tsv", "# a comment\twith a tab")
    assert load_lexicon(data_copy) == lexicon


# --- the cue lexicons are consistent --------------------------------------------------------


def test_every_cue_relation_kind_is_used(lexicon: Lexicon) -> None:
    used = {cue.relation for cues in lexicon.cues.values() for cue in cues}
    assert used == set(RELATION_KINDS)


def test_every_lexicon_class_is_used(lexicon: Lexicon) -> None:
    nouns = {c for classes in lexicon.nouns.values() for c in classes}
    roles = {c for classes in lexicon.roles.values() for c in classes}
    assert nouns == set(NOUN_CLASSES)
    assert roles == set(ROLE_CLASSES)
    assert set(lexicon.designation.values()) == set(DESIGNATION_CLASSES)
    assert {kind for kind, _ in lexicon.modality.values()} == set(MODALITY_CLASSES)


def test_no_duplicate_cue_rows() -> None:
    keys = Counter((r["lemma"], r["pos"], r["relation"]) for _, r in rows("cues.tsv"))
    assert [key for key, n in keys.items() if n > 1] == []


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("nouns.tsv", ("word", "class")),
        ("roles.tsv", ("title", "class")),
        # one class per word: the loader keeps a dict, a second row would silently win
        ("designation.tsv", ("word",)),
        ("modality.tsv", ("word",)),
    ],
)
def test_no_duplicate_rows(name: str, key: tuple[str, ...]) -> None:
    keys = Counter(tuple(r[k] for k in key) for _, r in rows(name))
    assert [k for k, n in keys.items() if n > 1] == []


@pytest.mark.parametrize(
    ("name", "column"),
    [
        ("cues.tsv", "lemma"),
        ("cues.tsv", "preps"),
        ("nouns.tsv", "word"),
        ("roles.tsv", "title"),
        ("designation.tsv", "word"),
        ("modality.tsv", "word"),
    ],
)
def test_words_are_lower_case(name: str, column: str) -> None:
    # lookups lower-case the token: an upper-case entry could never match
    assert [(n, r[column]) for n, r in rows(name) if r[column] != r[column].lower()] == []


def test_preps_are_single_words() -> None:
    for number, row in rows("cues.tsv"):
        if row["preps"] != "-":
            for prep in row["preps"].split(";"):
                assert re.fullmatch(r"[a-z]+", prep), (number, row)


def test_cue_confidences_are_informative(lexicon: Lexicon) -> None:
    for cues in lexicon.cues.values():
        for cue in cues:
            assert 0.0 < cue.confidence <= 1.0, cue


def test_modality_factors_match_their_class(lexicon: Lexicon) -> None:
    for word, (kind, factor) in lexicon.modality.items():
        if kind in ("negation", "denial"):
            assert factor == 0.0, word
        elif kind == "hedge":
            assert 0.0 < factor < 1.0, word  # a hedge must lower the confidence
        else:
            assert 0.0 < factor <= 1.0, word


def test_core_cues_of_the_issue_are_present(lexicon: Lexicon) -> None:
    support = ("back", "aid", "arm", "fund", "train", "supply")
    opposition = ("fight", "attack", "strike", "target", "shell", "besiege", "sanction")
    opposition += ("condemn", "threaten")
    for lemma in support:
        assert any(c.relation.startswith("supports") for c in lexicon.cues_for(lemma, "VERB"))
    for lemma in opposition:
        assert any(c.opposes for c in lexicon.cues_for(lemma, "VERB"))
    for lemma in ("attack", "bomb", "storm", "ambush", "kill"):
        assert lexicon.cues_for(lemma, "VERB")[0].relation == "attacks"
    for lemma in ("ban", "arrest", "indict", "extradite", "expel"):
        assert lexicon.cues_for(lemma, "VERB")[0].relation == "opposes"
    assert lexicon.cues_for("receive", "VERB")[0].relation == "supports_from"
    assert "to" in lexicon.cues_for("allegiance", "NOUN")[0].preps
    assert "against" in {p for c in lexicon.cues_for("war", "NOUN") for p in c.preps}
    assert lexicon.designation["designate"] == "verb"
    assert lexicon.designation["terrorist"] == "label"
    assert lexicon.modality["deny"][0] == "denial"
    assert lexicon.modality["not"][0] == "negation"


# --- the files document what the loader accepts -------------------------------------------------


def _header(name: str) -> str:
    lines = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines if line.startswith("#"))


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_file_header_documents_every_class(name: str) -> None:
    header = _header(name)
    missing = [c for c in CLASSES[name] if not re.search(rf"\b{c}\b", header)]
    assert missing == []


def test_cue_header_documents_exactly_the_relation_kinds() -> None:
    documented: list[str] = []
    lines = _header("cues.tsv").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("# relation:"))
    for line in lines[start:]:
        if re.match(r"#\s*\w+:", line) and not line.startswith("# relation:"):
            break  # the next column's description
        text = line[1:].replace("relation:", "").strip()
        names = re.split(r"\s{2,}", text, maxsplit=1)[0]
        documented += [n.strip() for n in names.split("|")]
    assert sorted(documented) == sorted(RELATION_KINDS)


def test_cue_header_documents_every_part_of_speech_used() -> None:
    match = re.search(r"pos \(([^)]*)\)", _header("cues.tsv"))
    assert match is not None
    documented = {p.strip() for p in match.group(1).split(",")}
    used = {r["pos"] for _, r in rows("cues.tsv")}
    assert used <= documented


@pytest.mark.parametrize(
    ("name", "column", "allowed"),
    [
        ("cues.tsv", "relation", RELATION_KINDS),
        ("nouns.tsv", "class", NOUN_CLASSES),
        ("roles.tsv", "class", ROLE_CLASSES),
        ("designation.tsv", "class", DESIGNATION_CLASSES),
        ("modality.tsv", "class", MODALITY_CLASSES),
    ],
)
def test_data_readme_documents_exactly_the_classes(
    name: str, column: str, allowed: tuple[str, ...]
) -> None:
    readme = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    bullet = re.search(rf"^- `{re.escape(name)}`:(.*?)(?=^- `|^#|\Z)", readme, re.M | re.S)
    assert bullet is not None, name
    listed = re.search(rf"`{column}`\s*\(([^)]*)\)", bullet.group(1))
    assert listed is not None, (name, column)
    assert sorted(re.findall(r"`(\w+)`", listed.group(1))) == sorted(allowed)


@pytest.mark.parametrize("written", ["Col", "Col.", "col.", "Gen", "Gen."])
def test_a_title_s_dot_may_be_written_or_not(lexicon: Lexicon, written: str) -> None:
    assert "official" in lexicon.title_classes(written)
    assert lexicon.title_classes("colonel.") == lexicon.role_classes("colonel")
