"""A speaker's stance: saying an actor must be defeated opposes it (``extract/stances.py``).
Sentences written for these tests."""

from __future__ import annotations

import pytest

from sentences import OPP, PKK, Triples, relations_only

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    "text",
    [
        "Erdogan said the PKK must be wiped out.",
        "Erdogan said on Monday that the PKK would have to be defeated.",
    ],
)
def test_saying_an_actor_must_be_defeated_opposes_it(triples: Triples, text: str) -> None:
    found = triples(text)
    assert any(s.startswith("Recep") and p == OPP and o == PKK for s, p, o in found), found


@pytest.mark.parametrize(
    "text",
    [
        "Erdogan said the PKK must not be attacked.",
        "Erdogan said the PKK was attacked on Monday.",
        "Erdogan said Islamic State must be defeated by the army.",
    ],
)
def test_no_stance_without_an_unfulfilled_obligation(triples: Triples, text: str) -> None:
    found = relations_only(triples(text))
    assert not any(s.startswith("Recep") for s, _, _ in found), found
