"""Parsing /v2/check answers: strict about shape, exact about positions."""

from __future__ import annotations

import json
from typing import Any

import pytest

from newslint.languagetool import LanguageToolError, Match
from newslint.languagetool.match import MAX_REPLACEMENTS, parse_matches
from tests.languagetool.lt_fakes import lt_answer


def test_offsets_become_code_points() -> None:
    text = "Great 🎉 news. He go home."
    start = text.index("go")
    matches, version = parse_matches(
        text, json.loads(lt_answer(text, [(start, start + 2, "HE_VERB_AGR")]))
    )
    assert version == "6.8"
    (match,) = matches
    assert text[match.start : match.end] == "go"
    assert match.rule_id == "HE_VERB_AGR"
    assert match.replacements == ("fixed",)
    assert match.category_id == "GRAMMAR"
    assert not match.is_spelling


def test_spelling_is_recognised_by_issue_type() -> None:
    text = "The recieve."
    answer = json.loads(lt_answer(text, [(4, 11, "MORFOLOGIK_SPELL")]))
    assert parse_matches(text, answer)[0][0].is_spelling


def test_replacements_are_capped() -> None:
    answer = json.loads(lt_answer("abc", [(0, 1, "R")]))
    answer["matches"][0]["replacements"] = [{"value": str(i)} for i in range(20)]
    assert len(parse_matches("abc", answer)[0][0].replacements) == MAX_REPLACEMENTS


def test_round_trip_through_json() -> None:
    match = Match(1, 3, "R", "msg", replacements=("a", "b"), sub_id="2", url="https://x")
    assert Match.from_json(json.loads(json.dumps(match.to_json()))) == match


@pytest.mark.parametrize(
    "answer",
    [
        [],
        {"software": {}},
        {"matches": "none"},
        {"matches": [{"offset": "1", "length": 1, "rule": {"id": "R"}, "message": "m"}]},
        {"matches": [{"offset": True, "length": 1, "rule": {"id": "R"}, "message": "m"}]},
        {"matches": [{"offset": 0, "length": 1, "rule": {}, "message": "m"}]},
        {"matches": [{"offset": 0, "length": 1, "rule": {"id": "R"}}]},
        {"matches": [{"offset": 0, "length": 99, "rule": {"id": "R"}, "message": "m"}]},
        {"matches": [{"offset": 2, "length": 1, "rule": {"id": "R"}, "message": "m"}]},
    ],
    ids=[
        "list",
        "no-matches",
        "matches-not-list",
        "offset-string",
        "offset-bool",
        "rule-without-id",
        "no-message",
        "past-the-end",
        "inside-surrogate-pair",
    ],
)
def test_malformed_answers_raise(answer: Any) -> None:
    with pytest.raises(LanguageToolError, match="malformed answer"):
        parse_matches("a😀b", answer)
