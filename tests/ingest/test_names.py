"""Names as identities (issue 9): invisible characters removed, look-alike scripts flagged."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conflictkg.extract.gazetteer import normalize
from conflictkg.extract.resolve import clean_name, name_key
from conflictkg.ingest.names import confusable_scripts, confusable_warnings, identity_form
from conflictkg.model import Actor, ActorType, Document, Extraction

INVISIBLE = [
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\ufeff",
    "\u00ad",
    "\u200e",
    "\u200f",
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
]


@pytest.mark.parametrize("mark", INVISIBLE, ids=[f"U+{ord(c):04X}" for c in INVISIBLE])
def test_an_invisible_mark_changes_no_identity(mark: str) -> None:
    plain = "Jassim al-Saidi"
    marked = f"Jas{mark}sim al-Sai{mark}di{mark}"
    assert identity_form(marked) == plain
    assert name_key(marked) == name_key(plain) == "jassim_al-saidi"
    assert normalize(marked) == normalize(plain)
    assert clean_name(marked) == plain


def test_compatibility_forms_fold() -> None:
    assert identity_form("\uff29\uff52\uff41\uff4e") == "Iran"  # full-width letters
    assert identity_form("Hez\u00adbollah\u00a0 fighters") == "Hezbollah fighters"


@given(st.text(max_size=40))
def test_identity_form_is_idempotent_and_visible(text: str) -> None:
    once = identity_form(text)
    assert identity_form(once) == once
    assert not any(c in once for c in INVISIBLE)


def test_look_alike_scripts_are_flagged_and_others_are_not() -> None:
    assert confusable_scripts("Ir\u0430n") == ("CYRILLIC", "LATIN")
    assert confusable_scripts("\u0397ezbollah") == ("GREEK", "LATIN")
    assert confusable_scripts("Iran and \u0420\u043e\u0441\u0441\u0438\u044f") == ()
    assert confusable_scripts("\u062d\u0632\u0628 \u0627\u0644\u0644\u0647 Hezbollah") == ()


def test_build_warnings_name_the_document_and_the_name() -> None:
    document = Document("a.txt", "x")
    actors = (
        Actor("irn", "Ir\u0430n", ActorType.GOVERNMENT),
        Actor("hez", "Hezbollah", ActorType.ARMED_GROUP, alt_labels=("\u0397ezbollah",)),
    )
    warnings = list(confusable_warnings([Extraction(document, actors)]))
    assert warnings == [
        "warning: a.txt: the name 'Ir\u0430n' mixes CYRILLIC and LATIN letters "
        "(look-alike characters?)",
        "warning: a.txt: the name '\u0397ezbollah' mixes GREEK and LATIN letters "
        "(look-alike characters?)",
    ]
