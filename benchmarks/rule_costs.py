#!/usr/bin/env python3
"""Where a built-in run's time goes: CPU seconds per rule over a corpus, in process.

Each story is read into the document model (tokens, sentences, quotations:
timed as ``<document>``), then every rule in force checks every story, each
rule timed on its own (CPU time, so other processes on the machine matter
less), under the command line's garbage-collector policy. The best of
``--runs`` passes is reported; the first pass also pays for loading data and
is discarded. The AP pack's share of the whole is printed
against issue 8's bar (at most 30% of built-in run time).

Usage: ``python benchmarks/rule_costs.py [--runs 3] [--corpus PATH] [--top 25]``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "dev" / "clean"
AP_SHARE_BAR = 0.30
_DOCUMENT = "<document>"


def measure(files: list[Path], runs: int) -> tuple[Counter[str], set[str]]:
    """Return the best per-rule CPU seconds over ``runs`` passes, and the AP pack's codes."""
    from newslint.config import resolve_settings
    from newslint.document import Document
    from newslint.gcpolicy import tune_for_batch
    from newslint.rule import RuleContext, units_of
    from newslint.runner import LinterFactory

    settings = resolve_settings(
        None, overrides={"languagetool": "off", "cache": False}, isolated=True
    )
    linter = LinterFactory(settings).linter_for("story.txt")
    texts = [(f.read_text(encoding="utf-8"), str(f)) for f in files]
    tune_for_batch()
    best: Counter[str] = Counter()
    for run in range(runs + 1):
        spent: Counter[str] = Counter()
        start = time.process_time()
        docs = []
        for text, path in texts:
            doc = Document(text, path)
            for sentence in doc.sentences():
                _ = sentence.tokens
            _ = doc.quotes
            docs.append(doc)
        spent[_DOCUMENT] = time.process_time() - start
        shared: list[dict[str, Any]] = [{} for _ in docs]
        for rule in linter.rules:
            start = time.process_time()
            for doc, per_doc in zip(docs, shared, strict=True):
                ctx = RuleContext(
                    doc, rule, [], vocab=linter.vocab, settings=settings, shared=per_doc
                )
                for unit in units_of(rule, doc):
                    rule.check(unit, ctx)
            spent[rule.code] = time.process_time() - start
        if run == 1:
            best = spent
        elif run > 1:
            for code, seconds in spent.items():
                best[code] = min(best[code], seconds)
    return best, {r.code for r in linter.rules if r.pack == "ap"}


def main() -> int:
    """Print the per-rule table and the AP pack's share."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--top", type=int, default=25)
    args = ap.parse_args()
    files = sorted(args.corpus.glob("*.txt"))
    if not files:
        print(f"rule_costs: no .txt files in {args.corpus}", file=sys.stderr)
        return 2
    words = sum(len(f.read_text(encoding="utf-8").split()) for f in files)
    costs, ap_codes = measure(files, max(1, args.runs))
    total = sum(costs.values())
    print(f"corpus: {args.corpus} ({len(files)} files, {words:,} words); best of {args.runs}")
    print(f"total {total:.3f} CPU s ({words / total:,.0f} words/s, start-up excluded)")
    for code, seconds in costs.most_common(args.top):
        print(f"  {code:11s} {seconds:7.3f} s {100 * seconds / total:5.1f}%")
    ap_share = sum(costs[c] for c in ap_codes) / total
    verdict = "met" if ap_share <= AP_SHARE_BAR else "NOT met"
    print(
        f"AP pack ({len(ap_codes)} rules): {100 * ap_share:.1f}% of built-in run time "
        f"(bar {100 * AP_SHARE_BAR:.0f}%: {verdict})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
