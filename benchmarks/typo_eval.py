#!/usr/bin/env python3
"""Measure the spelling engine on the shared dev corpus, without the linter.

Reads ``../shared/corpus/dev/injected/*.txt`` with ``gold.jsonl`` and
``../shared/corpus/dev/clean/*.txt`` (research-only text: read at run time,
never copied into the project), tokenizes with
:func:`newslint.spelling.words_from_text`, runs
:func:`newslint.spelling.check_words` and prints:

- recall of ``typo/non-word`` and ``typo/real-word`` on the injected set
  (a gold span counts as found when an issue overlaps it);
- typo issues per 1,000 words on the clean set (words = whitespace tokens, as
  the corpus scorer counts them), split by kind;
- words per second of the engine alone (after a warm-up pass, median of runs);
- the seed article's finding for the planted real-word slip.

Usage: ``python benchmarks/typo_eval.py [--corpus DIR] [--runs 3] [--show]``;
``--json`` prints one JSON object instead. Exit status is 0 whatever the
numbers: the bars are asserted by ``tests/test_typo_corpus.py``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newslint.spelling import (  # noqa: E402
    SpellingIssue,
    SpellingOptions,
    check_words,
    words_from_text,
)

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "dev"


@dataclass
class Report:
    """Everything the harness measures."""

    recall: dict[str, tuple[int, int]] = field(default_factory=dict)
    clean_words: int = 0
    clean_flags: Counter[str] = field(default_factory=Counter)
    words_per_second: float = 0.0
    seed: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    clean_examples: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        """Return the numbers as plain data."""
        per_1k = {k: round(v * 1000 / self.clean_words, 3) for k, v in self.clean_flags.items()}
        total = sum(v for k, v in self.clean_flags.items() if k.endswith("/warning"))
        hints = sum(v for k, v in self.clean_flags.items() if k.endswith("/hint"))
        return {
            "recall": {k: round(f / n, 3) if n else None for k, (f, n) in self.recall.items()},
            "found": {k: f"{f}/{n}" for k, (f, n) in self.recall.items()},
            "clean_words": self.clean_words,
            "clean_flags": dict(self.clean_flags),
            "clean_warnings": total,
            "clean_hints": hints,
            "clean_warnings_per_1k": round(total * 1000 / self.clean_words, 3)
            if self.clean_words
            else None,
            "clean_hints_per_1k": round(hints * 1000 / self.clean_words, 3)
            if self.clean_words
            else None,
            "clean_per_1k_by_kind": per_1k,
            "words_per_second": round(self.words_per_second),
            "seed": self.seed,
        }


def _issues(text: str, options: SpellingOptions) -> list[SpellingIssue]:
    return check_words(words_from_text(text), options)


def _tier(issue: SpellingIssue) -> str:
    """Return the severity tier the rules give an issue: warning, or hint (info)."""
    return "warning" if issue.strong else "hint"


def _context(text: str, issue: SpellingIssue) -> str:
    a = max(0, issue.start - 35)
    b = min(len(text), issue.end + 35)
    snippet = (
        text[a : issue.start] + "[[" + text[issue.start : issue.end] + "]]" + text[issue.end : b]
    )
    return " ".join(snippet.split())


def evaluate(corpus: Path, options: SpellingOptions, runs: int) -> Report:
    """Run the engine over the corpus and collect the measurements."""
    report = Report()
    injected = corpus / "injected"
    gold = [json.loads(line) for line in (injected / "gold.jsonl").read_text().splitlines() if line]
    by_doc: dict[str, list[dict[str, object]]] = {}
    for g in gold:
        if g["category"] == "typo":
            by_doc.setdefault(str(g["doc"]), []).append(g)
    found: Counter[str] = Counter()
    found_strong: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for path in sorted(injected.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        issues = _issues(text, options)
        for g in by_doc.get(path.name, []):
            key = f"typo/{g['kind']}"
            total[key] += 1
            gs, ge = int(str(g["start"])), int(str(g["end"]))
            hits = [i for i in issues if i.start < ge and gs < i.end]
            if any(i.strong for i in hits):
                found_strong[key] += 1
            if hits:
                found[key] += 1
            else:
                report.missed.append(
                    f"MISSED {key} {path.name}: {text[gs:ge]!r} (gold {g['note']!r})"
                )
    report.recall = {k: (found[k], total[k]) for k in sorted(total)}
    report.recall.update(
        {f"{k} (warnings only)": (found_strong[k], total[k]) for k in sorted(total)}
    )

    clean = sorted((corpus / "clean").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in clean]
    report.clean_words = sum(len(t.split()) for t in texts)
    for path, text in zip(clean, texts, strict=True):
        for issue in _issues(text, options):
            report.clean_flags[f"{issue.kind.value}/{_tier(issue)}"] += 1
            report.clean_examples.append(
                f"CLEAN {issue.kind.value}/{_tier(issue)} {path.name}: {_context(text, issue)} -> "
                f"{', '.join(issue.suggestions[:3])} ({issue.evidence})"
            )

    timings = []
    for _ in range(runs):
        t0 = time.perf_counter()
        for text in texts:
            _issues(text, options)
        timings.append(time.perf_counter() - t0)
    report.words_per_second = report.clean_words / statistics.median(timings)

    seed = corpus / "seed" / "article.txt"
    if seed.is_file():
        text = seed.read_text(encoding="utf-8")
        for issue in _issues(text, options):
            report.seed.append(
                f"{text[issue.start : issue.end]!r} {issue.kind.value} -> "
                f"{list(issue.suggestions)} ({issue.evidence})"
            )
    return report


def main(argv: list[str] | None = None) -> int:
    """Print the measurements."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--runs", type=int, default=3, help="timed passes over dev/clean")
    ap.add_argument("--show", action="store_true", help="list misses and clean findings")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--no-real-words", action="store_true")
    a = ap.parse_args(argv)
    options = SpellingOptions(real_words=not a.no_real_words)
    t0 = time.perf_counter()
    check_words(words_from_text("Warm up the lexicon and the model."), options)
    warm = time.perf_counter() - t0
    report = evaluate(a.corpus, options, a.runs)
    if a.json:
        print(json.dumps(report.as_dict()))
        return 0
    data = report.as_dict()
    print(f"first use (load or build the lexicon, load the model): {warm:.2f} s")
    for key, (f, n) in report.recall.items():
        print(f"recall {key:32s} {f:3d}/{n:3d} = {f / n:.3f}")
    print(
        f"clean: {data['clean_warnings']} typo warnings in {report.clean_words} words = "
        f"{data['clean_warnings_per_1k']} per 1,000 words; {data['clean_hints']} hints = "
        f"{data['clean_hints_per_1k']} per 1,000 words {dict(report.clean_flags)}"
    )
    print(f"speed: {report.words_per_second:,.0f} words/s (engine only, median of {a.runs})")
    for line in report.seed:
        print(f"seed: {line}")
    if a.show:
        for line in report.missed + report.clean_examples:
            print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
