"""Corpus bars for the NL1xx typo rules (issue 3).

Runs ``newslint check --output-format json`` (built-in rules, no LanguageTool)
over the shared dev corpus and scores it with the corpus's own ``score.py``:

* seed: "repaired" is flagged with "prepared" as the first suggestion;
* injected: recall of typo/non-word >= 0.95 and typo/real-word >= 0.75
  (any finding overlapping the span counts, as ``score.py`` counts it);
* clean: typo findings at warning or error <= 0.3 per 1,000 words
  (info-level hints are not counted, as the issue specifies).

The recall of warnings alone is printed too, so that a regression of the
strong tier is visible in the test log. The corpus is read from
``../shared/corpus``; it is never copied here.
"""

from __future__ import annotations

import pytest

from tests.corpus import findings, gold, load, overlaps, report, scorer, word_count

pytestmark = pytest.mark.corpus

NON_WORD_RECALL_MIN = 0.95
REAL_WORD_RECALL_MIN = 0.75
CLEAN_PER_1K_MAX = 0.3


def test_seed_real_word_slip_is_found_with_the_right_suggestion() -> None:
    slips = [g for g in gold("dev/seed") if g["category"] == "typo" and g["kind"] == "real-word"]
    assert slips, "the seed gold lists the real-word slip"
    found = findings(load(report("dev/seed/article.txt")), "typo")
    for g in slips:
        hits = [f for f in found if overlaps(f, g)]
        assert hits, f"seed slip at {g['start']}-{g['end']} not flagged"
        assert hits[0]["suggestions"][:1] == [g["note"]], hits[0]


def test_injected_recall() -> None:
    out = report("dev/injected")
    wanted = [g for g in gold("dev/injected") if g["category"] == "typo"]
    typed = [f for f in scorer().load_findings(str(out)) if f["category"] == "typo"]
    per_kind, _, _, _ = scorer().score(wanted, typed, by="kind")
    strong, _, _, _ = scorer().score(wanted, findings(load(out), "typo", serious=True), by="kind")
    for key in sorted(per_kind):
        found, _, total = per_kind[key]
        print(f"{key}: {found}/{total} (warnings only: {strong[key][0]}/{total})")
    found, _, total = per_kind["typo/non-word"]
    assert found / total >= NON_WORD_RECALL_MIN
    found, _, total = per_kind["typo/real-word"]
    assert found / total >= REAL_WORD_RECALL_MIN


def test_clean_false_alarm_rate() -> None:
    words = word_count("dev/clean")
    typos = findings(load(report("dev/clean")), "typo")
    serious = [f for f in typos if f.get("severity") in ("warning", "error")]
    rate = len(serious) * 1000 / words
    hints = len(typos) - len(serious)
    print(f"clean: {len(serious)} warnings ({rate:.3f}/1k words), {hints} hints")
    assert rate <= CLEAN_PER_1K_MAX, [(f["doc"], f["message"]) for f in serious]
