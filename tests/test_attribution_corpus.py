"""Corpus bars for the NL3xx attribution rules and the people model (issue 6).

Runs ``newslint check --output-format json`` (built-in rules, no LanguageTool)
over the shared dev corpus and scores it with the corpus's own ``score.py``:

* seed: no NL3xx finding at warning or error, and the JSON ``people`` list
  names the story's three people with their mentions;
* injected: recall of attribution/name-variant >= 0.90;
* clean: attribution findings at warning or error <= 0.3 per 1,000 words.

The corpus is read from ``../shared/corpus``; it is never copied here.
"""

from __future__ import annotations

import pytest

from tests.corpus import corpus_root, findings, gold, load, report, scorer, word_count

pytestmark = pytest.mark.corpus

NAME_VARIANT_RECALL_MIN = 0.90
CLEAN_PER_1K_MAX = 0.3


def test_seed_is_consistent_and_lists_its_people() -> None:
    text = (corpus_root() / "dev" / "seed" / "article.txt").read_text(encoding="utf-8")
    data = load(report("dev/seed/article.txt"))
    assert findings(data, "attribution", serious=True) == []
    (entry,) = data["files"]
    people = {p["name"]: p for p in entry["people"]}
    # Each person's full name and every name mention, checked against the file text.
    expected = {
        "Karen Donfried": ("Karen Donfried", "Donfried"),
        "Jens Stoltenberg": ("Jens Stoltenberg",),
        "Vladimir Putin": ("Vladimir Putin",),
    }
    for name, forms in expected.items():
        assert name in people, sorted(people)
        mentions = people[name]["mentions"]
        for m in mentions:
            assert text[m["start"] : m["end"]] == m["text"]
            line_start = text.rfind("\n", 0, m["start"]) + 1
            assert m["line"] == text.count("\n", 0, m["start"]) + 1
            assert m["column"] == m["start"] - line_start + 1
        names = [m["text"] for m in mentions if m["kind"] != "pronoun"]
        assert names[0] == forms[0]
        assert set(names) == set(forms)
    # Every surname-only mention of Donfried in the story is found.
    donfried = [m for m in people["Karen Donfried"]["mentions"] if m["kind"] == "surname"]
    assert len(donfried) == text.count("Donfried") - 1
    assert any("secretary of State" in t for t in people["Karen Donfried"]["titles"])
    assert any("President" in t for t in people["Vladimir Putin"]["titles"])


def test_injected_name_variant_recall() -> None:
    out = report("dev/injected")
    per_kind, _total, _unmatched, missed = scorer().score(
        gold("dev/injected"), scorer().load_findings(str(out)), by="kind"
    )
    _found, typed, total = per_kind["attribution/name-variant"]
    assert total > 0
    assert typed / total >= NAME_VARIANT_RECALL_MIN, [
        m for m in missed if m["kind"] == "name-variant"
    ]


def test_clean_false_positive_rate() -> None:
    words = word_count("dev/clean")
    assert words > 100_000
    serious = findings(load(report("dev/clean")), "attribution", serious=True)
    rate = len(serious) * 1000 / words
    assert rate <= CLEAN_PER_1K_MAX, [(d["doc"], d["rule"], d["text"]) for d in serious]
