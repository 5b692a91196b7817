"""Names as identities: the invisible and the look-alike removed or flagged.

Text from the web carries characters a reader never sees: zero-width spaces and joiners,
soft hyphens, bidirectional controls (U+200B–U+200F, U+202A–U+202E, U+2066–U+2069, ...).
Inside a name they make "Jassim al-Saidi" three different strings that look the same, so
identity must be decided on :func:`identity_form`: NFKC (full-width letters, ligatures and
compatibility forms folded), then every Unicode *format* character (category ``Cf``)
removed, then white space collapsed.

Letters that look Latin but are Cyrillic or Greek ("Irаn" with a Cyrillic ``а``) are not
changed, as a transliteration would guess; :func:`confusable_scripts` says which scripts
a word mixes so that the name can be flagged.

>>> identity_form("Jassim\\u200b al-\\u202eSaidi")
'Jassim al-Saidi'
>>> confusable_scripts("Ir\\u0430n")
('CYRILLIC', 'LATIN')
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

from ..model import Extraction

__all__ = ["confusable_scripts", "confusable_warnings", "identity_form"]

_CONFUSABLE = frozenset({"LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE", "COPTIC"})
_WORD = re.compile(r"[^\W\d_]+")


def identity_form(text: str) -> str:
    """``text`` in NFKC with format characters (zero-width, bidi controls, soft hyphen)
    removed and white space collapsed to single spaces."""
    folded = unicodedata.normalize("NFKC", text)
    visible = "".join(c for c in folded if unicodedata.category(c) != "Cf")
    return " ".join(visible.split())


def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0] if name else ""


def confusable_scripts(text: str) -> tuple[str, ...]:
    """The scripts mixed inside one word of ``text`` among those whose letters look alike
    (Latin, Cyrillic, Greek, Armenian, Cherokee, Coptic), sorted; ``()`` if no word mixes
    them."""
    mixed: set[str] = set()
    for word in _WORD.findall(identity_form(text)):
        scripts = {_script(c) for c in word} & _CONFUSABLE
        if len(scripts) > 1:
            mixed |= scripts
    return tuple(sorted(mixed))


def confusable_warnings(extractions: Iterable[Extraction]) -> Iterator[str]:
    """One line per actor whose name mixes look-alike scripts: ``"warning: a.txt: the
    name 'Irаn' mixes CYRILLIC and LATIN letters ..."``."""
    for extraction in extractions:
        for actor in extraction.actors:
            names = (actor.label, *actor.alt_labels)
            for name in names:
                scripts = confusable_scripts(name)
                if scripts:
                    yield (
                        f"warning: {extraction.document.identifier}: the name {name!r} mixes "
                        f"{' and '.join(scripts)} letters (look-alike characters?)"
                    )
