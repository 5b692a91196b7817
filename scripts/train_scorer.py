"""Train the learned relation scorer and measure it against the rules.

Leave-one-article-out cross-validation over the development corpus
(``conflictkg.evaluate.crossval``): for each article, models and thresholds are learned
from the other articles only, and the article is scored as ``conflictkg eval`` scores it,
read by the rules alone, by the scorer alone, and by the two combined. The report gives
relation P/R/F1 per mode and predicate, per article, and the spread across articles.

    .venv/bin/python scripts/train_scorer.py                  # print the report
    .venv/bin/python scripts/train_scorer.py --report docs/scorer.md
    .venv/bin/python scripts/train_scorer.py --write-model scorer.json
                                  # also fit on every article and write the model (JSON)

Nothing random but a seeded bootstrap; the same code and corpus give the same report and
the same model file, byte for byte.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import textwrap
from collections.abc import Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path

from conflictkg.errors import ConflictKGError
from conflictkg.evaluate.compare import Counts, micro_average
from conflictkg.evaluate.crossval import (
    ModeScores,
    Setup,
    bootstrap_difference,
    cross_validate,
    learn,
    read_articles,
    score_modes,
)
from conflictkg.evaluate.gold import RELATION_PREDICATES
from conflictkg.evaluate.training import Article, fit_logistic
from conflictkg.extract.extractor import Extractor
from conflictkg.extract.gazetteer import load_gazetteer
from conflictkg.extract.lexicon import default_lexicon
from conflictkg.extract.nlp import MODEL_NAME, load_pipeline

ROOT = Path(__file__).resolve().parent.parent
TEXTS = ROOT / "tests" / "corpus" / "texts"
GOLD = ROOT / "tests" / "corpus" / "gold"
SPLIT = ROOT / "tests" / "corpus" / "split.tsv"


def read_split(path: Path) -> dict[str, str]:
    """``name -> set`` from a two-column TSV (``name``, ``set``) with ``#`` comments."""
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) == 2 and not line.startswith("#") and cells[0] != "name":
            found[cells[0]] = cells[1]
    return found


def _row(label: str, counts: Counts) -> str:
    return (
        f"| {label} | {counts.precision:.3f} | {counts.recall:.3f} | {counts.f1:.3f} "
        f"| {counts.tp} | {counts.fp} | {counts.fn} |"
    )


def render_modes(modes: Sequence[ModeScores]) -> str:
    """Micro-averaged relation scores per mode and predicate."""
    lines = ["| mode | P | R | F1 | tp | fp | fn |", "|---|---:|---:|---:|---:|---:|---:|"]
    for scores in modes:
        lines.append(_row(f"**{scores.mode}**", scores.total.relations))
        for predicate in RELATION_PREDICATES:
            lines.append(_row(f"{scores.mode}: {predicate}", scores.total.predicate(predicate)))
    return "\n".join(lines) + "\n"


def render_articles(modes: Sequence[ModeScores], split: dict[str, str]) -> str:
    """Relation F1 of each held-out article per mode, and the spread across articles."""
    head = "| article | set | " + " | ".join(f"{m.mode} F1" for m in modes) + " |"
    lines = [head, "|---|---|" + "---:|" * len(modes)]
    for i, score in enumerate(modes[0].documents):
        cells = " | ".join(f"{m.documents[i].relations.f1:.3f}" for m in modes)
        lines.append(f"| {score.document} | {split.get(score.document, '-')} | {cells} |")
    for name, statistic in (("mean", statistics.fmean), ("sd", statistics.pstdev)):
        values = [statistic([d.relations.f1 for d in m.documents]) for m in modes]
        cells = " | ".join(f"{v:.3f}" for v in values)
        lines.append(f"| *{name} over articles* | | {cells} |")
    return "\n".join(lines) + "\n"


def render_sets(modes: Sequence[ModeScores], split: dict[str, str]) -> str:
    """Micro relation P/R/F1 per mode on each set of the issue-8 split, and the F1
    difference to the rules with its bootstrap interval over the set's articles."""
    lines = ["| set | mode | P | R | F1 | F1 - rules (95%) |", "|---|---|---:|---:|---:|---|"]
    rules = next(m for m in modes if m.mode == "rules")
    for name in sorted(set(split.values())):
        base = [d for d in rules.documents if split.get(d.document) == name]
        for m in modes:
            chosen = [d for d in m.documents if split.get(d.document) == name]
            rel = micro_average(chosen).relations
            gain = ""
            if m is not rules:
                low, high = bootstrap_difference(chosen, base)
                diff = rel.f1 - micro_average(base).relations.f1
                gain = f"{diff:+.3f} ({low:+.3f} to {high:+.3f})"
            lines.append(
                f"| {name} ({len(chosen)}) | {m.mode} | {rel.precision:.3f} "
                f"| {rel.recall:.3f} | {rel.f1:.3f} | {gain} |"
            )
    return "\n".join(lines) + "\n"


def render_comparison(modes: Sequence[ModeScores]) -> str:
    """Per mode against the rules: articles better / worse / equal, and a bootstrap
    interval of the micro-F1 difference."""
    rules = next(m for m in modes if m.mode == "rules")
    lines = []
    for m in modes:
        if m is rules:
            continue
        pairs = list(zip(m.documents, rules.documents, strict=True))
        better = sum(1 for a, b in pairs if a.relations.f1 > b.relations.f1 + 1e-9)
        worse = sum(1 for a, b in pairs if a.relations.f1 < b.relations.f1 - 1e-9)
        low, high = bootstrap_difference(m.documents, rules.documents)
        diff = m.total.relations.f1 - rules.total.relations.f1
        lines.append(
            f"- **{m.mode}** vs rules: micro F1 {diff:+.3f} (95% bootstrap over articles "
            f"{low:+.3f} to {high:+.3f}); better on {better} articles, worse on {worse}, "
            f"equal on {len(pairs) - better - worse}."
        )
    return "\n".join(lines) + "\n"


def render_report(
    modes: Sequence[ModeScores], articles: Sequence[Article], split: dict[str, str], setup: str
) -> str:
    about = (
        f"Leave-one-article-out over the {len(articles)} articles of `tests/corpus/` "
        f"({setup}). For each article, the models and thresholds were learned from the other "
        f"{len(articles) - 1} only (thresholds on an inner cross-validation); the article "
        "was then scored as `conflictkg eval` scores it. *scorer* reads every actor pair "
        "without the rules' output; *combined* also reads the rules' relations, keeps one "
        "at its `keep` threshold and adds a pair the rules missed at `add`. Both score "
        "`supports` and `opposes`; `designatedTerrorist` comes from the rules in every mode."
    )
    return (
        "# The learned scorer against the rules\n\n"
        "<!-- Generated by `.venv/bin/python scripts/train_scorer.py --report docs/scorer.md`;"
        " do not edit. -->\n\n"
        f"{textwrap.fill(about, width=92, break_on_hyphens=False)}\n\n"
        f"## Relations, micro-averaged over held-out articles\n\n{render_modes(modes)}\n"
        f"{render_comparison(modes)}\n"
        f"## By set of the issue-8 split\n\n{render_sets(modes, split)}\n"
        f"## By article\n\n{render_articles(modes, split)}"
    )


def make_extractor(pipeline: str | None) -> Extractor:
    if pipeline is None or pipeline == MODEL_NAME:
        return Extractor.default()
    return Extractor(load_pipeline(pipeline), load_gazetteer(), default_lexicon())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("texts", nargs="*", type=Path, help=f"articles (default: {TEXTS})")
    parser.add_argument("--gold", type=Path, default=GOLD, help="gold folder")
    parser.add_argument("--split", type=Path, default=SPLIT, help="name/set TSV for the report")
    parser.add_argument("--pipeline", help=f"spaCy pipeline to parse with (default {MODEL_NAME})")
    parser.add_argument("--vectors", action="store_true", help="add word-vector features")
    parser.add_argument("--c", type=float, default=1.0, help="inverse L2 strength (default 1)")
    parser.add_argument("--min-groups", type=int, default=2, help="articles a feature needs")
    parser.add_argument("--inner-folds", type=int, default=5, help="folds to choose thresholds")
    parser.add_argument(
        "--min-precision", type=float, default=0.0, help="precision the thresholds must reach"
    )
    parser.add_argument("--report", type=Path, help="write the Markdown report here")
    parser.add_argument(
        "--write-model", type=Path, metavar="FILE", help="fit on every article, write the model"
    )
    args = parser.parse_args(argv)
    fit = partial(fit_logistic, c=args.c, min_groups=args.min_groups)
    try:
        extractor = make_extractor(args.pipeline)
        articles = read_articles(args.texts or [TEXTS], args.gold, extractor, vectors=args.vectors)
    except ConflictKGError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    split = read_split(args.split) if args.split.is_file() else {}
    setup = Setup(inner_folds=args.inner_folds, min_precision=args.min_precision)
    folds = cross_validate(articles, fit, setup)
    modes = score_modes(articles, folds)
    meta = extractor.nlp.meta
    pipeline = f"{meta['lang']}_{meta['name']} {meta['version']}"
    about = (
        f"pipeline `{pipeline}`{' with word vectors' if args.vectors else ''}, "
        f"logistic regression C={args.c:g}, features seen in at least {args.min_groups} "
        f"articles, thresholds from {args.inner_folds} inner folds"
        + (f" at precision {args.min_precision:g} or more" if args.min_precision else "")
    )
    report = render_report(modes, articles, split, about)
    print(report, end="")
    if args.report:
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(report, encoding="utf-8")
        print(f"wrote {args.report}")
    if args.write_model:
        scorer = replace(learn(articles, fit, setup), pipeline=pipeline, vectors=args.vectors)
        args.write_model.write_text(scorer.to_json(), encoding="utf-8")
        print(f"wrote {args.write_model}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
