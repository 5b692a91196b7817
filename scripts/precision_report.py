"""``docs/precision.md`` from a judged sample (``scripts/precision_sample.py --report``).

Pure functions over the rows of ``docs/precision/sample.jsonl`` and the draw's summary
(``docs/precision/draw.json``): no model, no corpus.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

#: The error categories of a wrong edge: the ``reason`` field's values and what they mean.
REASONS = {
    "wrong_actor": "wrong actor: a place, a reporting source or a bystander taken as an actor",
    "wrong_entity": "wrong entity match: the mention is resolved to the wrong real-world entity",
    "no_relation": "no relation in the sentence between the two actors",
    "not_fact": "hypothetical, advised, proposed, denied or doubted relation read as fact",
    "wrong_direction": "wrong direction: subject and object swapped",
    "wrong_predicate": "wrong predicate: a relation holds, but not this one",
    "other": "other (the comment says what)",
}
RELATIONS = ("supports", "opposes", "designatedTerrorist")
#: Confidence bands of the report: [low, high).
BANDS = ((0.0, 0.6), (0.6, 0.8), (0.8, 1.01))
Z95 = 1.959963984540054
#: The comment prefix of a right edge between domestic political actors.
POLITICS = "[politics]"


def wilson(right: int, judged: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of a proportion ``right / judged`` (95% by default);
    ``(0.0, 1.0)`` when nothing was judged."""
    if judged <= 0:
        return 0.0, 1.0
    p = right / judged
    scale = 1 + z * z / judged
    centre = (p + z * z / (2 * judged)) / scale
    half = z * math.sqrt(p * (1 - p) / judged + z * z / (4 * judged * judged)) / scale
    low = 0.0 if right == 0 else max(0.0, centre - half)  # exact ends where rounding errs
    high = 1.0 if right == judged else min(1.0, centre + half)
    return low, high


def precision_row(name: str, rows: Sequence[dict[str, Any]]) -> str:
    """One Markdown table row: name, judged, right, precision, Wilson interval."""
    judged = [row for row in rows if row.get("judgement")]
    right = sum(row["judgement"] == "right" for row in judged)
    if not judged:
        return f"| {name} | 0 | 0 | – | – |"
    low, high = wilson(right, len(judged))
    return (
        f"| {name} | {len(judged)} | {right} | {right / len(judged):.2f} | {low:.2f}–{high:.2f} |"
    )


def precision_table(
    groups: Sequence[tuple[str, Callable[[dict[str, Any]], bool]]], rows: Sequence[dict[str, Any]]
) -> str:
    lines = [
        "| edges | judged | right | precision | 95% interval (Wilson) |",
        "|---|---:|---:|---:|---|",
    ]
    lines += [precision_row(name, [row for row in rows if keep(row)]) for name, keep in groups]
    return "\n".join(lines) + "\n"


def _band_name(low: float, high: float) -> str:
    return f"confidence ≥ {low:.1f}" if high > 1 else f"confidence {low:.1f}–{high:.1f}"


def _in_band(low: float, high: float) -> Callable[[dict[str, Any]], bool]:
    return lambda row: low <= float(row["confidence"]) < high


def _is(field: str, value: str) -> Callable[[dict[str, Any]], bool]:
    return lambda row: row.get(field) == value


def error_table(rows: Sequence[dict[str, Any]]) -> str:
    wrong = [row for row in rows if row.get("judgement") == "wrong"]
    counts = Counter(row["reason"] for row in wrong)
    lines = ["| error category | wrong edges | share of the wrong |", "|---|---:|---:|"]
    for reason, meaning in REASONS.items():
        share = f"{counts[reason] / len(wrong):.0%}" if wrong else "–"
        lines.append(f"| `{reason}`: {meaning} | {counts[reason]} | {share} |")
    lines.append(f"| all | {len(wrong)} | |")
    return "\n".join(lines) + "\n"


def article_lines(draw: dict[str, Any]) -> list[str]:
    articles = draw["articles"]
    no_relation = sum(not any(a["edges"].values()) for a in articles)
    no_edge = sum(
        not any(a["edges"].values()) and not any(a["structure"].values()) for a in articles
    )
    failed = sum(bool(a.get("failure")) for a in articles)
    population = draw["population"]
    structure = draw["structure"]
    return [
        f"- Articles: {len(articles)} drawn from the {draw['eligible_articles']} conflict articles "
        f"({draw['criterion']}) of the {draw['corpus_articles']} in `{draw['corpus']}`, seed "
        f"{draw['seed']}; {failed} failed to build.",
        f"- **{no_relation} of the {len(articles)} articles get no relation edge** "
        f"(supports, opposes, designatedTerrorist); {no_edge} get no edge at all.",
        f"- Relation edges (reified statements) in the drawn articles: {sum(population.values())} "
        f"({', '.join(f'{p} {n}' for p, n in population.items())}); structure statements, "
        f"counted but not drawn: {sum(structure.values())} "
        f"({', '.join(f'{p} {n}' for p, n in structure.items())}).",
    ]


def strict_line(rows: Sequence[dict[str, Any]]) -> str:
    """Precision when the right edges tagged ``[politics]`` (domestic politics) count wrong."""
    judged = [row for row in rows if row.get("judgement")]
    right = [row for row in judged if row["judgement"] == "right"]
    politics = sum(str(row.get("comment", "")).startswith(POLITICS) for row in right)
    if not judged or not politics:
        return ""
    strict = len(right) - politics
    low, high = wilson(strict, len(judged))
    return (
        f"\n{politics} of the right edges are domestic politics (comment `{POLITICS}`: "
        "candidates, parties, endorsements; see judging.md); counted wrong, precision is "
        f"{strict / len(judged):.2f} ({low:.2f}–{high:.2f}).\n"
    )


def render_report(rows: Sequence[dict[str, Any]], draw: dict[str, Any]) -> str:
    """The whole ``docs/precision.md``."""
    judged = sum(1 for row in rows if row.get("judgement"))
    commits = sorted({row.get("commit", "") for row in rows}) or [draw["commit"]]
    extractors = sorted({row.get("extractor", "") for row in rows})
    groups = [("all", lambda row: True), *((p, _is("predicate", p)) for p in RELATIONS)]
    attribution = [
        (f"{a} (`ck:attribution`)", _is("attribution", a)) for a in ("asserted", "attributed")
    ]
    bands = [(_band_name(low, high), _in_band(low, high)) for low, high in BANDS]
    pending = "" if judged == len(rows) else f" **{len(rows) - judged} edges are not judged yet.**"
    return f"""\
# Precision on real, unlabeled news

<!-- Generated by `.venv/bin/python scripts/precision_sample.py --report`; do not edit. -->

How many of the edges the extractor draws from news nobody tuned it to are right, judged by
reading the evidence sentence of each ({judged} of the {len(rows)} drawn edges judged).{pending}
The method, the commands and the judging rules: `scripts/precision_sample.py`,
[precision/judging.md](precision/judging.md); the judged edges:
[precision/sample.jsonl](precision/sample.jsonl).

Drawn by commit `{", ".join(commits)}` ({", ".join(extractors)}).

{chr(10).join(article_lines(draw))}
- Edges: {len(rows)} drawn uniformly (seeded) over all relation edges of the drawn articles;
  one edge is one `rdf:Statement`: a subject, predicate and object read from one sentence.

## Precision

{precision_table(groups, rows)}{strict_line(rows)}
By attribution and by confidence:

{precision_table([*attribution, *bands], rows)}
## Why the wrong edges are wrong

{error_table(rows)}"""
