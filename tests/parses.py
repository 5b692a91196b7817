"""Hand-built parses for tests that run without the trained model.

A test writes the analysis a correct English parser gives (spaCy's ClearNLP labels) as a
list of ``(word, lemma, pos, tag, dep, head index)`` tuples; :func:`make_doc` turns it
into a :class:`spacy.tokens.Doc` and runs the gazetteer ruler of the blank pipeline on it.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc

# (word, lemma, pos, tag, dep, head index); the root is its own head
Token = tuple[str, str, str, str, str, int]
# (first token, last token + 1, label)
Entity = tuple[int, int, str]

_NO_SPACE_BEFORE = frozenset({".", ",", "'s", "'", ")", "-", ":", ";"})
_NO_SPACE_AFTER = frozenset({"-", "("})


def make_doc(nlp: Language, tokens: Sequence[Token], ents: Sequence[Entity] = ()) -> Doc:
    """A parsed Doc from a compact spec, with the gazetteer ruler run on it."""
    words = [t[0] for t in tokens]
    spaces = [
        i + 1 < len(words) and words[i + 1] not in _NO_SPACE_BEFORE and w not in _NO_SPACE_AFTER
        for i, w in enumerate(words)
    ]
    iob = ["O"] * len(words)
    for start, end, label in ents:
        iob[start] = f"B-{label}"
        for i in range(start + 1, end):
            iob[i] = f"I-{label}"
    for i, token in enumerate(tokens):
        assert 0 <= token[5] < len(tokens), f"bad head for token {i} {token}"
    doc = Doc(
        nlp.vocab,
        words=words,
        spaces=spaces,
        lemmas=[t[1] for t in tokens],
        pos=[t[2] for t in tokens],
        tags=[t[3] for t in tokens],
        deps=[t[4] for t in tokens],
        heads=[t[5] for t in tokens],
        ents=iob,
    )
    return nlp.get_pipe("actor_ruler")(doc)
