"""Corpus bars for the NL2xx repetition rules (issue 5).

Runs ``newslint check --output-format json`` (built-in rules, no LanguageTool)
over the shared dev corpus and scores it with the corpus's own ``score.py``:

* seed: the repeated "on Tuesday" is found, and NL2xx flags nothing else;
* injected: recall of repetition/duplicate-word >= 0.98 and
  repetition/duplicate-phrase >= 0.90;
* clean: repetition findings at warning or error <= 0.05 per 1,000 words.

The corpus is read from ``../shared/corpus``; it is never copied here.
"""

from __future__ import annotations

import pytest

from tests.corpus import corpus_root, findings, gold, load, overlaps, report, scorer, word_count

pytestmark = pytest.mark.corpus

CLEAN_WORDS_PER_1K_MAX = 0.05
WORD_RECALL_MIN = 0.98
PHRASE_RECALL_MIN = 0.90


def test_seed_flags_only_the_repeated_weekday() -> None:
    data = load(report("dev/seed/article.txt"))
    phrase = [g for g in gold("dev/seed") if g["kind"] == "duplicate-phrase"]
    assert len(phrase) == 1
    found = [d for d in findings(data, "repetition") if d["rule"].startswith("NL2")]
    assert len(found) == 1, found
    d = found[0]
    assert overlaps(d, phrase[0])
    assert d["related"], "the first copy must be given as a related span"
    text = (corpus_root() / "dev" / "seed" / "article.txt").read_text(encoding="utf-8")
    rel = d["related"][0]
    assert rel["start"] < d["start"]
    assert text[rel["start"] : rel["start"] + len(d["text"])].lower() == d["text"].lower()


def test_injected_recall() -> None:
    out = report("dev/injected")
    per_kind, _total, _unmatched, missed = scorer().score(
        gold("dev/injected"), scorer().load_findings(str(out)), by="kind"
    )
    bars = (("duplicate-word", WORD_RECALL_MIN), ("duplicate-phrase", PHRASE_RECALL_MIN))
    for kind, least in bars:
        _found, typed, total = per_kind[f"repetition/{kind}"]
        assert total > 0
        assert typed / total >= least, [m for m in missed if m["kind"] == kind]


def test_clean_false_positive_rate() -> None:
    words = word_count("dev/clean")
    assert words > 100_000
    serious = findings(load(report("dev/clean")), "repetition", serious=True)
    rate = len(serious) * 1000 / words
    assert rate <= CLEAN_WORDS_PER_1K_MAX, [(d["doc"], d["rule"], d["text"]) for d in serious]
