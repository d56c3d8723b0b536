"""More shapes of one long paragraph that used to make rules super-linear.

:mod:`tests.test_hostile` times every rule on a few shapes; these are the
shapes that the people model, the quotation analysis, the date and the
residue rules met quadratically (one person named thousands of times beside a
namesake, a pronoun that keeps contradicting a courtesy title, thousands of
attributed quotations in one sentence, a trailing run of residue lines ...).
Each is timed for the rules it concerns, at a size and four times that size.
The module also checks the incremental views those fixes rely on.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import cache
from typing import Any

import pytest

from newslint.boilerplate import analyse, deletion_span
from newslint.boilerplate.lines import MAX_PHRASE_CHARS, phrase_verdict
from newslint.document import Document
from newslint.facts.dates import find_weekdays
from newslint.people import build_people
from newslint.people.detect import Mention
from newslint.people.model import Person
from tests.test_hostile import (
    LINEAR_RATIO_MAX,
    _default_linter,
    _rule_seconds,
    prepared_document,
)

# name: (builder of about n characters, rules timed, small size); big = 4 x small.
SHAPES: dict[str, tuple[Callable[[int], str], tuple[str, ...], int]] = {
    "namesakes": (
        lambda n: "John Smith and Jane Smith met. Smith said it was fine. " * (n // 56),
        ("NL301", "NL302", "NL303"),
        20_000,
    ),
    "pronoun-conflicts": (
        lambda n: "Ms Ana Taylor said sales rose. He added more. " * (n // 46),
        ("NL311",),
        20_000,
    ),
    "quotes-in-one-sentence": (
        lambda n: "\u201cYes,\u201d Ana Ortiz said, " * (n // 24) + "end.",
        ("NL306", "NL307"),
        5_000,
    ),
    "residue-run": (
        lambda n: "The council met.\n\n" + "Advertisement\n\n" * (n // 15),
        ("NL601",),
        20_000,
    ),
    "weekdays-beside-dates": (
        lambda n: "On Tuesday, Dec. 21 and last Tuesday it rained. " * (n // 48),
        ("NL505",),
        20_000,
    ),
    "title-drift": (
        lambda n: (
            ("Mayor Ana Ortiz spoke. Deputy Mayor Ana Ortiz spoke. Council leader Ana Ortiz left. ")
            * (n // 84)
        ),
        ("NL304",),
        20_000,
    ),
    "borders-and-countries-in-one-sentence": (
        lambda n: "Poland and Belarus Said Its Eastern border, " * (n // 44) + "end.",
        ("NL511",),
        10_000,
    ),
    "capitalised-run-before-a-border": (
        lambda n: "Ab " * (n // 3) + "its western border with Belarus.",
        ("NL511",),
        20_000,
    ),
    "changes-in-one-sentence": (
        lambda n: "sales rose from 10 to 12, a 30% rise, " * (n // 38) + "end.",
        ("NL512",),
        10_000,
    ),
    "one-person-many-ages": (
        lambda n: "Ana Ortiz, 45, said it. The 46-year-old Ortiz left. " * (n // 52),
        ("NL513",),
        20_000,
    ),
    "figures-under-a-headline-figure": (
        lambda n: (
            "Between 1,200 and 1,300 homes cost £1.5m-£2m, 12% more than in 2004-05, " * (n // 72)
            + "end."
        ),
        ("NL514",),
        20_000,
    ),
    "demands-in-one-sentence": (
        lambda n: "they demanded that " + "the quickly " * (n // 12) + "and that it pays.",
        ("NL701",),
        20_000,
    ),
    "accusations-in-one-sentence": (
        lambda n: "accused of with charged on for allegedly the accused " * (n // 54) + "end.",
        ("NL312", "NL313"),
        20_000,
    ),
    "titles-and-marks-in-one-sentence": (
        lambda n: 'Mr and Mrs and Mr. Ms "yes", Miss "no". ' * (n // 40) + "end",
        ("NL435", "NL436"),
        20_000,
    ),
    "brackets-never-used-again": (
        # Distinct three-letter abbreviations, each defined once and never used.
        lambda n: (
            "".join(
                f"the {a}x {b}y {c}z ({a}{b}{c}) met, "
                for a, b, c in (
                    (chr(65 + i // 676 % 26), chr(65 + i // 26 % 26), chr(65 + i % 26))
                    for i in range(n // 24)
                )
            )
            + "yesterday and tomorrow."
        ),
        ("NL442", "NL437"),
        20_000,
    ),
}


# Shapes whose headline matters (NL514 reads the body only under a headline figure).
HEADLINES: dict[str, str] = {"figures-under-a-headline-figure": "Council approves £40m budget"}


@cache
def _document(shape: str, nchars: int) -> Document:
    headline = HEADLINES.get(shape, "Title")
    return prepared_document(f"{headline}\n\n{SHAPES[shape][0](nchars)}\n", "x.txt")


_seconds = _rule_seconds


@pytest.mark.slow
@pytest.mark.parametrize(
    ("shape", "code"), [(shape, code) for shape, spec in SHAPES.items() for code in spec[1]]
)
def test_rule_scales_linearly_on_shape(shape: str, code: str) -> None:
    linter, settings = _default_linter()
    (rule,) = [r for r in linter.rules if r.code == code]
    small_size = SHAPES[shape][2]
    small = _document(shape, small_size)
    big = _document(shape, 4 * small_size)
    _seconds(rule, small, settings, linter.vocab)
    t_small = _seconds(rule, small, settings, linter.vocab)
    t_big = _seconds(rule, big, settings, linter.vocab)
    if t_big < 0.25:
        return  # quick at this size: these shapes took seconds to minutes when quadratic
    for _ in range(2):
        if t_big / max(t_small, 1e-3) < LINEAR_RATIO_MAX:
            break
        t_small = min(t_small, _seconds(rule, small, settings, linter.vocab))
        t_big = min(t_big, _seconds(rule, big, settings, linter.vocab))
    assert t_big / max(t_small, 1e-3) < LINEAR_RATIO_MAX, (t_small, t_big)


# ------------------------------------------------------------------ incremental views


def _mention(start: int, kind: str, given: str, surname: str, **extra: Any) -> Mention:
    fields: dict[str, Any] = {
        "start": start,
        "end": start + 5,
        "text": f"{given} {surname}".strip(),
        "kind": kind,
        "given": given,
        "surname": surname,
        "surname_start": -1,
        "surname_end": -1,
        "honorific": "",
        "gender": "",
        "title": "",
        "title_start": -1,
        "title_end": -1,
        "evidence": "given",
        "paragraph": 0,
        "sentence": 0,
        "headline": False,
        "possessive": False,
    }
    fields.update(extra)
    return Mention(**fields)


def test_person_views_follow_appended_and_sorted_mentions() -> None:
    person = Person(0)
    person.mentions.append(_mention(50, "full", "Jo", "Smith", title="the mayor"))
    assert (person.given, person.key, person.gender, person.titles) == (
        "Jo",
        "smith",
        "",
        ["the mayor"],
    )
    # Read, then appended to: the views take the new mentions in.
    person.mentions.append(_mention(10, "full", "John", "Smith", gender="m", honorific="Mr"))
    person.mentions.append(_mention(90, "pronoun", "", "", gender="f"))
    assert person.given == "Jo"  # a tie goes to the name seen first
    assert (person.gender, person.titled_gender) == ("m", "m")
    assert [m.start for m in person.names] == [50, 10]
    assert person.last_full_before(50) == 10  # (mentions out of order: a scan)
    person.mentions.append(_mention(95, "full", "John", "Smith", title="Mayor"))
    assert person.given == "John"
    # Sorting puts the views in document order too.
    person.sort_mentions()
    assert [m.start for m in person.mentions] == [10, 50, 90, 95]
    assert [m.start for m in person.names] == [10, 50, 95]
    assert [m.start for m in person.full] == [10, 50, 95]
    assert person.titles == ["the mayor", "Mayor"]
    assert person.introduction is not None and person.introduction.start == 10
    assert person.canonical == "John Smith"
    assert person.last_full_before(50) == 10
    assert person.last_full_before(11) == 10
    assert person.last_full_before(10) == -1


def test_given_name_mentions_join_the_person_with_that_given_name() -> None:
    doc = Document(
        "Title\n\nMarta Quillan and Karen Blix met on Monday. Blix said the talks "
        "would start. Karen said they would not.\n",
        "x.txt",
    )
    people = build_people(doc)
    by_name = {p.canonical: [m.text for m in p.mentions] for p in people.persons}
    assert by_name["Marta Quillan"] == ["Marta Quillan"]
    assert by_name["Karen Blix"][:2] == ["Karen Blix", "Blix"]


def test_weekday_after_a_long_word_or_long_blank_run() -> None:
    text = "x" * 5000 + " Tuesday, and Good" + " " * 5000 + "Friday and last Monday."
    found = find_weekdays(text)
    assert [(text[w.start : w.end], w.modifier) for w in found] == [
        ("Tuesday", None),
        ("last Monday", "last"),
    ]


def test_phrase_match_is_bounded_and_reads_lines() -> None:
    assert phrase_verdict("Getty Images") is not None
    assert phrase_verdict("Courtesy of the family") is not None
    # A bare pattern needs a line without sentence punctuation at its end ...
    assert phrase_verdict("Courtesy of the family.") is None
    # ... of its own line, in text of several lines (not normalised).
    assert phrase_verdict("Courtesy of the family\nGetty Images.") is not None
    assert phrase_verdict("Getty Images\nCourtesy of the family.") is None
    assert phrase_verdict("\u201c" * (MAX_PHRASE_CHARS + 1)) is None


def test_trailing_residue_run_deletes_the_separator_before() -> None:
    doc = Document("Title\n\nThe council met.\n\n" + "Advertisement\n\n" * 3, "x.txt")
    found = analyse(doc)
    assert found.trailing == 2
    spans = [deletion_span(doc, r.paragraph, found.flagged) for r in found.paragraphs]
    given = [
        deletion_span(doc, r.paragraph, found.flagged, found.trailing) for r in found.paragraphs
    ]
    assert spans == given
    assert [doc.text[s:e] for s, e in spans] == ["\n\nAdvertisement"] * 3


# Lines of many open-ended residue phrases and a tail that fits none: splitting
# them into phrases every possible way took minutes before the time limit.
_EXPONENTIAL_LINES = (
    "more: " * 13 + "ab " * 100,
    "more: " * 13 + "ab-" * 100,
    "more: " * 40 + "y" * 210,
)


@pytest.mark.parametrize("line", _EXPONENTIAL_LINES)
def test_phrase_match_gives_up_on_a_line_that_explodes(line: str) -> None:
    started = time.monotonic()
    assert phrase_verdict(line) is None
    # Generous against a loaded machine; without the limit this takes minutes.
    assert time.monotonic() - started < 10


def test_a_story_of_exploding_lines_lints_and_keeps_real_residue(tmp_path: Any) -> None:
    import subprocess
    import sys

    story = tmp_path / "story.txt"
    lines = "\n\n".join(_EXPONENTIAL_LINES)
    story.write_text(f"Council votes on budget\n\n{lines}\n\nAdvertisement\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "newslint", "check", "--isolated", "--no-languagetool",
         "--no-cache", "--select", "NL6", "-o", "json", str(story)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    import json

    findings = json.loads(result.stdout)["files"][0]["findings"]
    assert [f["text"] for f in findings if f["rule"] == "NL601"] == ["Advertisement"]
