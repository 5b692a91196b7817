"""Shared fixtures: the paths of the repository, one extractor and one seed build per session.

``pytest --update-exports`` rewrites ``exports/`` from ``seeds/`` (what ``make run`` does)
instead of failing when they differ; see ``tests/test_determinism.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from spacy.language import Language

from conflictkg.build import BuildResult, build_graph
from conflictkg.extract.extractor import Extractor
from conflictkg.extract.gazetteer import Gazetteer, load_gazetteer
from conflictkg.extract.lexicon import Lexicon, default_lexicon
from conflictkg.extract.nlp import blank_pipeline
from conflictkg.model import Document, Extraction
from sentences import triple_of

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
EXPORT = REPO / "exports" / "conflictkg.ttl"
CORPUS = REPO / "tests" / "corpus"
CORPUS_TEXTS = CORPUS / "texts"
CORPUS_GOLD = CORPUS / "gold"
SHARED = REPO.parent / "shared"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-exports",
        action="store_true",
        help="rewrite exports/conflictkg.ttl from seeds/ instead of comparing with it",
    )


@dataclass(frozen=True)
class MemoExtractor(Extractor):
    """An extractor that parses each document (by identifier and text) once."""

    memo: dict[tuple[str, str], Extraction] = field(default_factory=dict, compare=False)

    def extract(self, document: Document) -> Extraction:
        key = (document.identifier, document.text)
        if key not in self.memo:
            self.memo[key] = super().extract(document)
        return self.memo[key]

    def extract_many(self, documents: Sequence[Document]) -> list[Extraction]:
        missing = [d for d in documents if (d.identifier, d.text) not in self.memo]
        for document, extraction in zip(missing, super().extract_many(missing), strict=True):
            self.memo[(document.identifier, document.text)] = extraction
        return [self.memo[(d.identifier, d.text)] for d in documents]


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """The default extractor (real spaCy model); tests using it are ``model`` tests."""
    return MemoExtractor.default()


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory, extractor: Extractor) -> BuildResult:
    """``seeds/`` built as ``make run`` builds it, into a temporary folder."""
    return build_graph([SEEDS], tmp_path_factory.mktemp("seed-export"), extractor=extractor)


@pytest.fixture
def extract(extractor: Extractor) -> Callable[[str], Extraction]:
    """``extract(text)``: the extraction of one written text (real model)."""

    def run(text: str) -> Extraction:
        return extractor.extract(Document("test", text))

    return run


@pytest.fixture
def triples(
    extract: Callable[[str], Extraction],
) -> Callable[[str], set[tuple[str, str, str]]]:
    """``triples(text)``: every edge of the text as (subject label, predicate, object label)."""

    def run(text: str) -> set[tuple[str, str, str]]:
        extraction = extract(text)
        return {triple_of(extraction, r) for r in extraction.relations}

    return run


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    return default_lexicon()


@pytest.fixture(scope="session")
def nlp(gazetteer: Gazetteer) -> Language:
    """The model-free pipeline (tokenizer tweaks, sentencizer, gazetteer ruler)."""
    return blank_pipeline(gazetteer)
