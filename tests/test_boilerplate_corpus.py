"""Corpus bars for the NL6xx boilerplate rules (issue 7, residue half).

Runs ``newslint check --select NL6 --output-format json`` (no LanguageTool)
over the shared dev corpus and scores it with the corpus's own ``score.py``:

* seed: the bulleted error-widget block is flagged as boilerplate, and NL6xx
  flags nothing else at warning or error;
* injected: recall of boilerplate/scrape-residue >= 0.85 counting only
  boilerplate findings ("typed"), and >= 0.80 counting only warnings;
* clean: boilerplate findings at warning or error <= 0.1 per 1,000 words.

The corpus is read from ``../shared/corpus``; it is never copied here.
"""

from __future__ import annotations

import pytest

from tests.corpus import findings, gold, load, overlaps, report, scorer, word_count

pytestmark = pytest.mark.corpus

RECALL_MIN = 0.85
WARNING_RECALL_MIN = 0.80
CLEAN_PER_1K_MAX = 0.1


def test_seed_flags_the_widget_block_and_nothing_else() -> None:
    data = load(report("dev/seed/article.txt"))
    wanted = [g for g in gold("dev/seed") if g["category"] == "boilerplate"]
    assert len(wanted) == 1
    found = findings(data, "boilerplate")
    hits = [d for d in found if overlaps(d, wanted[0])]
    assert hits and all(d["severity"] == "warning" for d in hits), found
    assert hits[0]["fix"] is not None and hits[0]["fix"]["applicability"] == "safe"
    others = [d for d in found if d not in hits and d["severity"] in ("warning", "error")]
    assert others == [], others


def test_injected_recall() -> None:
    out = report("dev/injected")
    wanted = [g for g in gold("dev/injected") if g["kind"] == "scrape-residue"]
    assert len(wanted) >= 30
    typed_findings = [f for f in scorer().load_findings(str(out)) if f["category"] == "boilerplate"]
    for found, least in (
        (typed_findings, RECALL_MIN),
        (findings(load(out), "boilerplate", serious=True), WARNING_RECALL_MIN),
    ):
        per_kind, _total, _unmatched, missed = scorer().score(wanted, found, by="kind")
        _found, typed, total = per_kind["boilerplate/scrape-residue"]
        assert typed / total >= least, missed


def test_clean_false_positive_rate() -> None:
    words = word_count("dev/clean")
    assert words > 100_000
    serious = findings(load(report("dev/clean")), "boilerplate", serious=True)
    rate = len(serious) * 1000 / words
    assert rate <= CLEAN_PER_1K_MAX, [(d["doc"], d["rule"], d["text"]) for d in serious]
