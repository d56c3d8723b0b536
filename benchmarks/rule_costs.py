#!/usr/bin/env python3
"""Where a built-in run's time goes: CPU seconds per rule over a corpus.

Each pass runs in a fresh process and is cold, as a command-line run is:
every story is read into the document model (tokens, sentences, quotations:
timed as ``<document>``), then every rule in force checks every story, each
rule timed on its own (CPU time, so other processes on the machine matter
less) under the command line's garbage-collector policy; data tables load
and per-word caches fill on the way, charged to the rules that need them.
The median of ``--runs`` passes is reported, and the AP pack's share of the
whole against issue 8's bar (at most 30% of built-in run time).

Usage: ``python benchmarks/rule_costs.py [--runs 3] [--corpus PATH] [--top 25]``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "dev" / "clean"
AP_SHARE_BAR = 0.30
_DOCUMENT = "<document>"


def one_pass(files: list[Path]) -> tuple[dict[str, float], list[str]]:
    """Lint ``files`` once in this process; return CPU seconds per rule and the AP pack's codes.

    The pass is cold, as a command-line run is: data tables load and per-word
    caches fill during it, charged to the rules that need them.
    """
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
    spent: dict[str, float] = {}
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
            ctx = RuleContext(doc, rule, [], vocab=linter.vocab, settings=settings, shared=per_doc)
            for unit in units_of(rule, doc):
                rule.check(unit, ctx)
        spent[rule.code] = time.process_time() - start
    return spent, [r.code for r in linter.rules if r.pack == "ap"]


def measure(corpus: Path, runs: int) -> tuple[Counter[str], set[str]]:
    """Return the median per-rule CPU seconds of ``runs`` cold passes, each in a fresh process."""
    passes: list[dict[str, float]] = []
    ap_codes: set[str] = set()
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, __file__, "--one-pass", "--corpus", str(corpus)],
            capture_output=True,
            text=True,
            check=True,
        )
        got = json.loads(done.stdout)
        passes.append(got["seconds"])
        ap_codes = set(got["ap"])
    return Counter({k: statistics.median(p[k] for p in passes) for k in passes[0]}), ap_codes


def main() -> int:
    """Print the per-rule table and the AP pack's share."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--one-pass", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    files = sorted(args.corpus.glob("*.txt"))
    if not files:
        print(f"rule_costs: no .txt files in {args.corpus}", file=sys.stderr)
        return 2
    if args.one_pass:
        seconds, ap_codes = one_pass(files)
        print(json.dumps({"seconds": seconds, "ap": ap_codes}))
        return 0
    words = sum(len(f.read_text(encoding="utf-8").split()) for f in files)
    costs, ap_codes = measure(args.corpus, max(1, args.runs))
    total = sum(costs.values())
    print(
        f"corpus: {args.corpus} ({len(files)} files, {words:,} words); "
        f"median of {args.runs} cold passes"
    )
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
