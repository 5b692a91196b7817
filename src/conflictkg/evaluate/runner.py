"""``conflictkg eval``: build each article on its own and score it against its gold file."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import ConflictKGError, InputError
from ..extract.extractor import Extractor
from ..files import DEFAULT_MAX_DOCUMENT_BYTES
from ..ingest.reader import InputFailure, read_documents
from ..rdf.mapping import to_graph
from .compare import (
    CorpusScore,
    DocumentScore,
    find_gold_for,
    load_gold,
    micro_average,
    render_details,
    render_json,
    render_table,
    score_graph,
)


@dataclass(frozen=True)
class EvalOutcome:
    """Scores of every article, their micro average, and the articles that failed."""

    scores: tuple[DocumentScore, ...]
    total: CorpusScore
    failures: tuple[InputFailure, ...]

    def render(self, *, as_json: bool = False, verbose: bool = False) -> str:
        if as_json:
            return render_json(self.scores, self.total)
        text = render_table(self.scores, self.total)
        if self.failures:  # the micro average leaves them out: say so where it is read
            count = len(self.failures)
            text = text.rstrip("\n") + (
                f"\nnot scored: {count} article{'s' if count > 1 else ''} failed "
                "(named on standard error); the micro average leaves them out\n"
            )
        return text + "\n" + render_details(self.scores) if verbose else text


def default_texts(gold_dir: Path) -> list[Path]:
    """The ``texts/`` folder beside a ``gold/`` folder."""
    texts = gold_dir.parent / "texts"
    if not texts.is_dir():
        raise InputError(f"{gold_dir}: no TEXT given and no texts/ folder beside it")
    return [texts]


def evaluate_corpus(
    gold_dir: Path,
    texts: Sequence[Path],
    *,
    min_confidence: float = 0.0,
    extractor: Extractor | None = None,
    max_document_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES,
) -> EvalOutcome:
    """Score the graph of each article in ``texts`` (files or folders) against ``gold_dir``.

    An article that cannot be read, has no gold file, or on which extraction fails is a
    failure naming it; the others are scored.
    """
    if not gold_dir.is_dir():
        raise InputError(f"{gold_dir}: gold folder not found")
    texts = list(texts) or default_texts(gold_dir)
    ingested = read_documents(texts, max_document_bytes=max_document_bytes)
    failures = list(ingested.failures)
    extractor = extractor or Extractor.default()
    scores = []
    for document in ingested.documents:
        source = Path(document.source_path or document.identifier)
        try:
            gold = load_gold(find_gold_for(source, gold_dir))
        except InputError as exc:
            reason = str(exc).removeprefix(f"{source}: ")  # the failure names the file
            failures.append(InputFailure(str(source), reason))
            continue
        try:
            graph = to_graph([extractor.extract(document)])
        except ConflictKGError as exc:
            failures.append(InputFailure(str(source), f"{exc}; skipped"))
            continue
        except Exception as exc:  # one broken article must not stop the evaluation
            reason = f"extraction failed ({type(exc).__name__}: {exc}); skipped"
            failures.append(InputFailure(str(source), " ".join(reason.split())))
            continue
        scores.append(score_graph(graph, gold, source.stem, min_confidence=min_confidence))
    return EvalOutcome(tuple(scores), micro_average(scores), tuple(failures))
