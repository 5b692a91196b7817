"""Evaluation scores: counts per category, their micro average, and three renderings.

:mod:`conflictkg.evaluate` fills these in; this module only adds and presents them, so a
report can be rebuilt from counts alone. Every ratio is computed from counts:

- P = tp/(tp+fp), R = tp/(tp+fn), F1 = 2PR/(P+R);
- a zero denominator gives 0.0, except that a category with nothing predicted and nothing
  to find (tp = fp = fn = 0) scores 1.0 on P, R and F1;
- type accuracy = type_correct/tp (0.0 without hits);
- the corpus score sums the documents' counts (micro average).

None of the renderers prints; each returns a string ending in a newline.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .gold import RELATION_PREDICATES, STRUCTURE_PREDICATES

PREDICATES = RELATION_PREDICATES + STRUCTURE_PREDICATES


def _ratio(num: int, den: int, *, vacuous: bool) -> float:
    if den:
        return num / den
    return 1.0 if vacuous else 0.0


@dataclass(frozen=True)
class Counts:
    """True positives, false positives and false negatives of one category."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def _vacuous(self) -> bool:
        return self.tp == self.fp == self.fn == 0

    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.tp + self.fp, vacuous=self._vacuous)

    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.tp + self.fn, vacuous=self._vacuous)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


@dataclass(frozen=True)
class EntityCounts(Counts):
    """Entity counts: ``fp`` includes the ``duplicates``; ``type_correct`` is over ``tp``."""

    duplicates: int = 0
    type_correct: int = 0

    @property
    def type_accuracy(self) -> float:
        return _ratio(self.type_correct, self.tp, vacuous=False)

    def __add__(self, other: Counts) -> EntityCounts:
        extra = other if isinstance(other, EntityCounts) else EntityCounts()
        return EntityCounts(
            self.tp + other.tp,
            self.fp + other.fp,
            self.fn + other.fn,
            self.duplicates + extra.duplicates,
            self.type_correct + extra.type_correct,
        )


@dataclass(frozen=True)
class NodeDetail:
    """A graph node (IRI, empty for a blank node; first label) and the gold entity it matched."""

    node: str
    label: str
    types: tuple[str, ...]
    gold_id: str | None = None
    matched_by: str | None = None

    @property
    def shown(self) -> str:
        where = f"<{self.node}>" if self.node else "[blank node]"
        return f'"{self.label}" {where}' if self.label else where


@dataclass(frozen=True)
class EdgeDetail:
    """A missed gold edge (with gold evidence) or a wrong graph edge (with graph evidence).

    Ends are gold ids where the node matched, else the node as ``"label" <iri>``.
    """

    subject: str
    predicate: str
    object: str
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class DocumentDetails:
    """What went wrong in one document, for ``-v`` listings. ``type_errors`` pairs a hit
    node with the gold type(s) it should have had."""

    missed_entities: tuple[str, ...] = ()
    false_entities: tuple[NodeDetail, ...] = ()
    duplicates: tuple[NodeDetail, ...] = ()
    type_errors: tuple[tuple[NodeDetail, tuple[str, ...]], ...] = ()
    missed_edges: tuple[EdgeDetail, ...] = ()
    wrong_edges: tuple[EdgeDetail, ...] = ()


@dataclass(frozen=True)
class DocumentScore:
    """Scores of one graph against one gold file; ``predicates`` follows :data:`PREDICATES`."""

    document: str
    entities: EntityCounts
    relations: Counts
    structure: Counts
    predicates: tuple[tuple[str, Counts], ...]
    details: DocumentDetails = DocumentDetails()
    min_confidence: float = 0.0

    def predicate(self, name: str) -> Counts:
        """The counts of one predicate, e.g. ``"supports"``; ``KeyError`` if unknown."""
        return dict(self.predicates)[name]


@dataclass(frozen=True)
class CorpusScore:
    """Micro average over documents: the documents' counts summed."""

    documents: int
    entities: EntityCounts
    relations: Counts
    structure: Counts
    predicates: tuple[tuple[str, Counts], ...]

    def predicate(self, name: str) -> Counts:
        """The summed counts of one predicate; ``KeyError`` if unknown."""
        return dict(self.predicates)[name]


def sum_counts(counts: Iterable[Counts]) -> Counts:
    """The sum of some counts (zero counts for none)."""
    total = Counts()
    for item in counts:
        total = total + item
    return total


def micro_average(scores: Sequence[DocumentScore]) -> CorpusScore:
    """Sum the documents' counts; the ratios of the sums are the micro averages."""
    entities = EntityCounts()
    for score in scores:
        entities = entities + score.entities
    return CorpusScore(
        documents=len(scores),
        entities=entities,
        relations=sum_counts(score.relations for score in scores),
        structure=sum_counts(score.structure for score in scores),
        predicates=tuple((p, sum_counts(s.predicate(p) for s in scores)) for p in PREDICATES),
    )


# --- renderings -------------------------------------------------------------------------

_PRF_HEAD = f"{'P':>6}{'R':>6}{'F1':>6}"


def _prf(counts: Counts) -> str:
    if counts.tp == counts.fp == counts.fn == 0:
        return f"{'-':>6}" * 3
    return f"{counts.precision:6.3f}{counts.recall:6.3f}{counts.f1:6.3f}"


def _row(name: str, width: int, ents: EntityCounts, rel: Counts, struct: Counts) -> str:
    accuracy = f"{ents.type_accuracy:6.3f}" if ents.tp else f"{'-':>6}"
    return (
        f"{name:<{width}}  {_prf(ents)}{ents.duplicates:5d}{accuracy}  {_prf(rel)}  {_prf(struct)}"
    )


def render_table(scores: Sequence[DocumentScore], total: CorpusScore) -> str:
    """A fixed-width table: one row per document and a ``micro`` row, then one row per
    predicate (micro P/R/F1 with the summed tp/fp/fn). ``-`` marks a category with nothing
    to find and nothing found (whose ratios are 1.0 in the JSON), or no type accuracy
    without hits."""
    width = max([len("document"), len("micro"), *(len(s.document) for s in scores)])
    blocks = f"{'entity':^29}  {'relation':^18}  {'structure':^18}"
    lines = [
        f"{'':<{width}}  {blocks}".rstrip(),
        f"{'document':<{width}}  {_PRF_HEAD}{'dup':>5}{'type':>6}  {_PRF_HEAD}  {_PRF_HEAD}",
    ]
    rule = "-" * len(lines[1])
    lines.append(rule)
    for s in scores:
        lines.append(_row(s.document, width, s.entities, s.relations, s.structure))
    lines.append(rule)
    lines.append(_row("micro", width, total.entities, total.relations, total.structure))
    thresholds = sorted({s.min_confidence for s in scores if s.min_confidence > 0})
    if thresholds:
        lines.append(f"(edges with confidence below {', '.join(map(str, thresholds))} ignored)")
    lines.append("")
    head = f"{'predicate (micro)':<20}{_PRF_HEAD}{'tp':>6}{'fp':>6}{'fn':>6}"
    lines += [head, "-" * len(head)]
    for name, c in total.predicates:
        if name == STRUCTURE_PREDICATES[0]:
            lines.append("-" * len(head))
        lines.append(f"{name:<20}{_prf(c)}{c.tp:6d}{c.fp:6d}{c.fn:6d}")
    return "\n".join(lines) + "\n"


def _counts_json(counts: Counts) -> dict[str, object]:
    data: dict[str, object] = {"tp": counts.tp, "fp": counts.fp, "fn": counts.fn}
    if isinstance(counts, EntityCounts):
        data["duplicates"] = counts.duplicates
        data["type_correct"] = counts.type_correct
        data["type_accuracy"] = round(counts.type_accuracy, 6)
    data["precision"] = round(counts.precision, 6)
    data["recall"] = round(counts.recall, 6)
    data["f1"] = round(counts.f1, 6)
    return data


def _score_json(score: DocumentScore | CorpusScore) -> dict[str, object]:
    return {
        "entities": _counts_json(score.entities),
        "relations": _counts_json(score.relations),
        "structure": _counts_json(score.structure),
        "predicates": {name: _counts_json(c) for name, c in score.predicates},
    }


def render_json(scores: Sequence[DocumentScore], total: CorpusScore) -> str:
    """The scores as JSON: ``{"documents": [...], "micro": {...}}``, keys in a fixed order,
    ratios rounded to six decimals, so equal scores give byte-identical text."""
    documents = [
        {"document": s.document, "min_confidence": s.min_confidence, **_score_json(s)}
        for s in scores
    ]
    micro = {"documents": total.documents, **_score_json(total)}
    payload = {"documents": documents, "micro": micro}
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def _edge_lines(title: str, edges: Sequence[EdgeDetail], source: str) -> list[str]:
    if not edges:
        return []
    lines = [f"  {title} ({len(edges)}):"]
    for edge in edges:
        lines.append(f"    {edge.subject} {edge.predicate} {edge.object}")
        lines.extend(f"        {source}: {text}" for text in edge.evidence)
        if not edge.evidence:
            lines.append(f"        {source}: (no evidence)")
    return lines


def render_details(scores: Sequence[DocumentScore]) -> str:
    """Per document: missed and false-positive entities, duplicates, wrong types, missed
    gold edges (with the gold evidence) and wrong edges (with the graph's evidence)."""
    lines: list[str] = []
    for score in scores:
        d = score.details
        lines.append(f"== {score.document}")
        if d.missed_entities:
            lines.append(f"  missed entities ({len(d.missed_entities)}):")
            lines.append("    " + ", ".join(d.missed_entities))
        if d.false_entities:
            lines.append(f"  false-positive entities ({len(d.false_entities)}):")
            lines += [f"    {n.shown} [{', '.join(n.types)}]" for n in d.false_entities]
        if d.duplicates:
            lines.append(f"  duplicates ({len(d.duplicates)}):")
            lines += [f"    {n.shown} -> {n.gold_id} (by {n.matched_by})" for n in d.duplicates]
        if d.type_errors:
            lines.append(f"  wrong types ({len(d.type_errors)}):")
            lines += [
                f"    {n.shown} -> {n.gold_id}: {', '.join(n.types)}, gold {' or '.join(types)}"
                for n, types in d.type_errors
            ]
        lines += _edge_lines("missed gold edges", d.missed_edges, "gold")
        lines += _edge_lines("wrong edges", d.wrong_edges, "graph")
        if len(lines) and lines[-1] == f"== {score.document}":
            lines.append("  no errors")
    return "\n".join(lines) + "\n" if lines else ""
