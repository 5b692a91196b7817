"""A relation read from one sentence, before it becomes a :class:`~conflictkg.model.Relation`."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ..model import Predicate
from .modality import Status


@dataclass(frozen=True)
class Candidate:
    """A relation read from one sentence, before it becomes a :class:`model.Relation`."""

    subject: str
    predicate: Predicate
    object: str
    cue: Token
    confidence: float
    status: Status
    # read from where something happened or who a bare name is, not from a named target:
    # "an attack in Maiduguri", "air strikes on Syria"; dropped if the text says otherwise
    inferred: bool = False
