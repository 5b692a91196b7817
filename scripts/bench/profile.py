"""Where one worker's time goes: CPU per pipeline component, the rules, and the gazetteer
matcher against the token ``Matcher`` it replaced, on one process and one sample."""

from __future__ import annotations

import importlib.util
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "tests" / "extract" / "gazetteer_reference.py"


def _reference_ruler(nlp: Any) -> Any:
    spec = importlib.util.spec_from_file_location("gazetteer_reference", REFERENCE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.reference_ruler(nlp)


def profile(sample: Path) -> str:
    """A Markdown table of CPU seconds per step over the articles of ``sample`` (JSONL)."""
    from conflictkg.extract.extractor import Extractor, extract_parsed
    from conflictkg.ingest.boilerplate import mask_boilerplate
    from conflictkg.ingest.reader import read_documents

    documents = read_documents([sample]).documents
    extractor = Extractor.default()
    nlp = extractor.nlp
    steps: dict[str, float] = {"tokenizer": 0.0, **dict.fromkeys(nlp.pipe_names, 0.0)}
    steps["rules (mentions, resolution, relations)"] = 0.0
    words = 0
    parsed = []
    for document in documents:
        text = mask_boilerplate(document.text, document.boilerplate)
        words += len(document.text.split())
        start = time.process_time()
        doc = nlp.make_doc(text)
        steps["tokenizer"] += time.process_time() - start
        for name, component in nlp.pipeline:
            start = time.process_time()
            doc = component(doc)
            steps[name] += time.process_time() - start
        start = time.process_time()
        extract_parsed(document, doc, extractor.gazetteer, extractor.lexicon)
        steps["rules (mentions, resolution, relations)"] += time.process_time() - start
        parsed.append(doc)
    reference = _reference_ruler(nlp)
    start = time.process_time()
    for doc in parsed:
        reference(doc.copy())
    old = time.process_time() - start
    total = sum(steps.values())
    lines = [
        f"One process, {len(documents)} articles ({words:,} words): CPU seconds per step of "
        "the extraction (`time.process_time`; components of the pipeline in order).",
        "",
        "| step | CPU s | share | µs per word |",
        "|---|---:|---:|---:|",
    ]
    for name, seconds in steps.items():
        label = f"{name} (gazetteer phrase matcher)" if name == "actor_ruler" else name
        lines.append(
            f"| {label} | {seconds:.2f} | {seconds / total:.1%} | {seconds / words * 1e6:.1f} |"
        )
    lines.append(f"| **total** | {total:.2f} | 100% | {total / words * 1e6:.1f} |")
    matcher = steps.get("actor_ruler", 0.0)
    lines += [
        "",
        f"The token `Matcher` the gazetteer used before (a `span_ruler` with the same "
        f"patterns, kept in `tests/extract/gazetteer_reference.py`) takes {old:.2f} CPU s on "
        f"the same parsed articles: the phrase matcher is {old / max(matcher, 1e-9):,.0f}× "
        f"faster and finds the same spans (tests/extract/test_gazetteer_matcher.py).",
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    import sys

    print(profile(Path(sys.argv[1])))
