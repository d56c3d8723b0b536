"""Unit tests for the NL6xx residue detection (newslint.boilerplate).

Every line here was written for newslint; none comes from the shared corpus.
"""

from __future__ import annotations

import itertools
import re

import pytest

from newslint.boilerplate import Verdict, analyse, deletion_span
from newslint.boilerplate.chars import (
    find_invisible,
    find_markup,
    find_mojibake,
    find_placeholders,
    repair_mojibake,
)
from newslint.boilerplate.lines import (
    DATA_FILE,
    normalise,
    phrase_verdict,
    residue_data,
    structural_verdict,
)
from newslint.data import load_data
from newslint.document import Document
from newslint.fix import apply_edits
from newslint.testing import lint_case


def _verdict(line: str, *, alone: bool = True) -> Verdict | None:
    norm = normalise(line)
    return phrase_verdict(norm) or structural_verdict(norm, alone=alone)


# Residue lines of every family, in the shapes web pages print them.
RESIDUE = [
    ("Advertisement", "ad"),
    ("ADVERTISEMENT", "ad"),
    ("Sponsored Content", "ad"),
    ("Story continues after advertisement", "ad"),
    ("Scroll to continue with content", "ad"),
    ("Please enable JavaScript to view the comments powered by Disqus.", "widget"),
    ("Your browser does not support the video tag.", "widget"),
    ("We use cookies to give you the best experience on our website.", "widget"),
    ("Accept all cookies", "widget"),
    ("This video is not available in your country", "widget"),
    ("Loading...", "widget"),
    ("Already a subscriber? Sign in", "widget"),
    ("Link copied to clipboard", "widget"),
    ("Sign up for our daily newsletter", "cta"),
    ("Get the latest headlines delivered straight to your inbox", "cta"),
    ("Click here to read the full story", "cta"),
    ("Download our free app", "cta"),
    ("Support independent journalism", "cta"),
    ("Got a news tip? Email tips@example.com", "cta"),
    ("Share this article", "social"),
    ("Facebook Twitter Email", "social"),
    ("Follow Jane Smith on Twitter @janesmith", "social"),
    ("View Comments (12)", "social"),
    ("Join the conversation", "social"),
    ("Image caption", "caption"),
    ("Image copyright Getty Images", "caption"),
    ("Getty Images", "caption"),
    ("(Photo: AP)", "caption"),
    ("AP Photo/Evan Vucci", "caption"),
    ("Staff photo by Mark Jones", "caption"),
    ("Credit: Reuters", "caption"),
    ("© 2019 The Example Press", "caption"),
    ("Copyright 2020 Example Wire. All rights reserved.", "caption"),
    ("Read more: Mayor unveils plan for new stadium", "related"),
    ("RELATED: Five things to know about the tax vote", "related"),
    ("On ExampleTimes.com: Senate passes budget bill", "related"),
    ("Home > News > Politics", "related"),
    ("Tags: Economy, Jobs, Inflation", "related"),
    ("You might also like", "related"),
    ("Local News", "related"),
    ("Published: 10:42 AM, March 3, 2020", "timestamp"),
    ("Updated 3 hours ago", "timestamp"),
    ("Monday, March 2, 2020", "timestamp"),
    ("3 min read", "timestamp"),
    ("By Jane Smith and Tom Brown", "byline"),
    ("By JANE SMITH, Staff Writer", "byline"),
    ("Reporting by Jane Smith; Editing by Tom Brown", "byline"),
    ("Posted by admin", "byline"),
    ("Sarah Jones | Reporter", "byline"),
    ("Save 40% on the new headphones, now only $59.99", "ad"),
    ("Share this story on", "widget"),  # truncated: ends with a dangling word
]

# Sentences and lines of copy that look like residue but are not.
COPY = [
    "The advertisement was banned by the regulator on Tuesday.",
    "Shares in Getty Images rose 5% after the deal was announced.",
    "By Tuesday, the council had approved the plan.",
    "Read more about the plan on the council website.",
    "Comments made by the minister angered campaigners.",
    "Published accounts show the firm lost £3m.",
    "We use cookies from a local bakery, she said.",
    "There was a problem with the engine.",
    "The company may receive revenue from the deal, analysts said.",
    "Join us and celebrate, the mayor said.",
    "Reach me at home.",
    "Follow him.",
    "Next: the bill goes to the Senate.",
    "Sign in to the portal to apply.",
    "More news on the way.",
    "Sponsored by the council.",
    "Photos of the scene were shared widely.",
    "Copyright law is changing.",
    "Reuters reported the deal first.",
    "Sources said the deal was close.",
    "Tom Smith, the club's chairman, said the deal was off.",
    "This story has been updated to include comment from the company.",
    "Tuesday: Council meets at 7 p.m.",
    "What to look out for",
    "The road ahead",
]


@pytest.mark.parametrize(("line", "kind"), RESIDUE, ids=[r[0][:30] for r in RESIDUE])
def test_residue_line_is_recognised(line: str, kind: str) -> None:
    verdict = _verdict(line)
    assert verdict is not None, line
    assert verdict.strong, verdict
    assert verdict.kind == kind


@pytest.mark.parametrize("line", COPY, ids=[c[:30] for c in COPY])
def test_copy_is_not_residue(line: str) -> None:
    assert _verdict(line) is None


@pytest.mark.parametrize(
    "line",
    ["Ten Ways To Save On Groceries", "Jane Q. Public", "The Quiet Revolution in Rural Banking"],
)
def test_headline_shaped_line_is_only_possible_residue(line: str) -> None:
    verdict = _verdict(line)
    assert verdict is not None and not verdict.strong


def test_line_in_a_run_of_short_lines_is_not_flagged() -> None:
    assert _verdict("Ten Ways To Save On Groceries", alone=False) is None


def test_name_under_headline_is_a_byline() -> None:
    norm = normalise("Maria Lopez")
    weak = structural_verdict(norm, alone=True)
    assert weak is not None and not weak.strong
    verdict = structural_verdict(norm, alone=True, after_headline=True)
    assert verdict is not None and verdict.strong and verdict.kind == "byline"


def test_question_subhead_ending_in_preposition_is_not_a_widget() -> None:
    assert _verdict("Who to vote for") is None
    assert _verdict("Share this story with") is not None


def test_inline_only_counts_inline_kinds() -> None:
    assert phrase_verdict("Click here to subscribe.", inline=True) is not None
    # A date is residue as a line, but a sentence of copy may be just a date.
    assert phrase_verdict("October 12, 2017.") is not None
    assert phrase_verdict("October 12, 2017.", inline=True) is None


def _doc(text: str) -> Document:
    return Document(text, "story.txt")


def test_headline_is_never_residue() -> None:
    doc = _doc("Something went wrong\n\nThe launch failed on Tuesday.\n")
    assert analyse(doc).paragraphs == []


def test_analysis_finds_paragraph_and_sentence_residue() -> None:
    doc = _doc(
        "Council approves budget\n\n"
        "Advertisement\n\n"
        "The council met on Monday. Click here to subscribe. The vote was 7-2.\n"
    )
    found = analyse(doc)
    assert [r.paragraph.text for r in found.paragraphs] == ["Advertisement"]
    assert [doc.text[s.start : s.end] for s in found.spans] == ["Click here to subscribe."]


def test_embedded_phrase_inside_a_sentence() -> None:
    doc = _doc("Title here\n\nThe minister said ADVERTISEMENT the plan would pass on Friday.\n")
    spans = analyse(doc).spans
    assert [doc.text[s.start : s.end] for s in spans] == ["ADVERTISEMENT"]
    s, e = spans[0].delete
    assert doc.text[s:e] == "ADVERTISEMENT "


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        (
            "Head\n\nOne.\n\nAdvertisement\n\nTwo.\n",
            "Head\n\nOne.\n\nTwo.\n",
        ),
        (
            "Head\n\nOne.\n\nFollow us on Facebook\n",
            "Head\n\nOne.\n",
        ),
        (
            "Head\n\nOne.\n\nShare this article\n\nGetty Images\n",
            "Head\n\nOne.\n",
        ),
        (
            "Head\n\n   Advertisement\n\n  Indented copy.\n",
            "Head\n\n  Indented copy.\n",
        ),
    ],
)
def test_deletions_close_up_the_text(text: str, fixed: str) -> None:
    doc = _doc(text)
    found = analyse(doc)
    spans = [deletion_span(doc, r.paragraph, found.flagged) for r in found.paragraphs]
    # Deletions of neighbouring residue never overlap, so one pass applies all.
    ordered = sorted(spans)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(ordered))
    out = text
    for s, e in sorted(spans, reverse=True):
        out = out[:s] + out[e:]
    assert out == fixed


def test_safe_fix_through_the_engine() -> None:
    text = "Head\n\nOne.\n\nImage caption\n\nTwo.\n"
    found = lint_case("NL601", text)
    fixed, applied = apply_edits(text, found, False)
    assert applied and fixed == "Head\n\nOne.\n\nTwo.\n"


def test_markdown_subhead_residue_and_caption_credit() -> None:
    md = "# Council votes\n\nThe council met.\n\n## Related stories\n\nThe vote was 7-2.\n"
    found = lint_case("NL601", md, "md")
    assert [d.text for d in found] == ["Related stories"]
    html = (
        "<h1>Council votes</h1><p>The council met.</p>"
        "<figure><img src='a.jpg'><figcaption>Photo: Jane Roe</figcaption></figure>"
    )
    assert lint_case("NL601", html, "html") == []


# --- character-level scanners -------------------------------------------------


def test_mojibake_repair_round_trips() -> None:
    assert repair_mojibake("it\u00e2\u20ac\u2122s") == "it\u2019s"
    assert repair_mojibake("caf\u00c3\u00a9") == "caf\u00e9"
    assert repair_mojibake("\u00c2\u00a3") == "\u00a3"
    # Double-encoded text takes two rounds.
    twice = "\u2019".encode().decode("cp1252").encode().decode("cp1252")
    assert repair_mojibake(twice) == "\u2019"
    assert repair_mojibake("S\u00c3O PAULO") is None


def test_mojibake_and_replacement_character() -> None:
    hits = find_mojibake("Costs \u00c2\u00a35m and \ufffd lost.")
    assert [(h.replacement) for h in hits] == ["\u00a3", None]


def test_invisible_characters() -> None:
    hits = find_invisible("a\u200bb soft\u00adhyphen x\u0007y \ufeff")
    assert [h.replacement for h in hits] == ["", "", " ", ""]
    # Joiners inside emoji and scripts that need them are fine.
    assert find_invisible("\U0001f469\u200d\U0001f4bb and \u0915\u094d\u200d\u0937") == []
    # Bidi marks in right-to-left text are fine; in English they are residue.
    assert find_invisible("\u05e9\u05dc\u05d5\u05dd \u200f text") == []
    assert len(find_invisible("plain \u200f text")) == 1


def test_markup_residue() -> None:
    hits = find_markup("<p>Fees&nbsp;rose at AT&amp;T.</p> {{ name }} [caption id=1]", plain=True)
    assert [h.replacement for h in hits] == [None, " ", "&", None, None, None]
    assert find_markup("Profits rose 5% at AT&T & co <and> rivals.", plain=True) == []
    link = "See [the report](https://example.com/r) today."
    assert len(find_markup(link, plain=True)) == 1
    assert find_markup(link, plain=False) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The firm made TK in profit.", ["TK"]),
        ("Sales rose XX% to $XX million.", ["XX%", "$XX"]),
        ("Lorem ipsum dolor sit amet.", ["Lorem ipsum", "dolor sit amet"]),
        ("[photo] The mayor spoke. [INSERT QUOTE]", ["[photo]", "[INSERT QUOTE]"]),
        ("TKTK", ["TKTK"]),
        ("Queues formed outside TK Maxx.", []),
        ("It was Super Bowl XX in New Orleans.", []),
        ("Women have XX chromosomes.", []),
        ("The films are XXX, Hellboy and Cars.", []),
        ("He played in the years to come.", []),
    ],
)
def test_placeholders(text: str, found: list[str]) -> None:
    assert [text[h.start : h.end] for h in find_placeholders(text)] == found


# --- the data file -------------------------------------------------------------


def test_data_compiles_and_has_labels() -> None:
    data = residue_data()
    raw = load_data(DATA_FILE)
    assert set(data.labels) == set(raw["kinds"])
    assert data.inline_kinds <= set(raw["kinds"])


def test_inline_keywords_cover_every_inline_phrase() -> None:
    raw = load_data(DATA_FILE)["inline"]
    for entry in raw["phrases"]:
        assert any(k in entry.lower() for k in raw["keywords"]), entry
    for entry in raw["caps"]:
        assert any(k in entry.lower() for k in raw["keywords"]), entry


def test_placeholder_keywords_cover_every_phrase() -> None:
    raw = load_data(DATA_FILE)["placeholders"]
    for entry in raw["phrases"]:
        assert any(k in entry.lower() for k in raw["keywords"]), entry
    for entry in raw["caps"]:
        assert any(k in entry for k in raw["caps_keywords"]), entry


def test_patterns_need_no_regex_module_syntax() -> None:
    raw = load_data(DATA_FILE)
    for spec in raw["kinds"].values():
        for p in spec["patterns"] + spec.get("bare_patterns", []):
            assert "\\p{" not in p, p
            re.compile(re.sub(r"\{[a-z_]+\}", "x", p))
