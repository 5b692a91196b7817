"""Texts through the trained pipeline in shared, bounded batches.

Each text arrives as its segments (paragraphs, :func:`~conflictkg.extract.segments.segments`)
and leaves as one :class:`~spacy.tokens.Doc` whose offsets are the text's. The segments of
several texts are parsed together, in batches of at most :data:`PARSE_CHARS` characters:
the model's matrix products run faster on batches the size of a few articles than one
article at a time, and its working memory grows with the batch, so a long text is cut into
several (a 40,000-character article parsed as one batch of 190 paragraphs peaked 134 MiB
higher than in batches of 10,000 characters). The parses are the same either way.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

import numpy
from spacy.language import Language
from spacy.tokens import Doc

PARSE_CHARS = 20_000
T = TypeVar("T")


def parse_texts(nlp: Language, texts: Sequence[Sequence[str]]) -> list[Doc]:
    """One Doc per text, given as its segments, which join back to the text exactly."""
    owners = [index for index, pieces in enumerate(texts) for _ in pieces]
    flat = [piece for pieces in texts for piece in pieces]
    parsed = [
        doc
        for batch in parse_batches(flat, PARSE_CHARS)
        for doc in nlp.pipe(batch, batch_size=len(batch))
    ]
    grouped: list[list[Doc]] = [[] for _ in texts]
    for owner, doc in zip(owners, parsed, strict=True):
        doc.tensor = numpy.zeros((len(doc), 0), dtype="float32")  # not needed after parsing
        grouped[owner].append(doc)
    return [
        Doc.from_docs(docs, ensure_whitespace=False) if docs else nlp.make_doc("")
        for docs in grouped
    ]


def parse_batches(pieces: Sequence[str], limit: int) -> Iterator[list[str]]:
    """Consecutive pieces in batches of at most ``limit`` characters (a longer piece alone)."""
    return sized_batches(pieces, [len(piece) for piece in pieces], limit)


def sized_batches(items: Sequence[T], sizes: Sequence[int], limit: int) -> Iterator[list[T]]:
    """Consecutive items in batches whose ``sizes`` add up to at most ``limit`` (a larger
    item alone)."""
    batch: list[T] = []
    total = 0
    for item, size in zip(items, sizes, strict=True):
        if batch and total + size > limit:
            yield batch
            batch, total = [], 0
        batch.append(item)
        total += size
    if batch:
        yield batch
