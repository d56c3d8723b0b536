"""The people model: mention detection, grouping, pronouns, JSON output.

Every sentence here is written for newslint.
"""

from __future__ import annotations

import json

from newslint.config import Settings, resolve_settings
from newslint.document import Document, Format
from newslint.people import build_people
from newslint.people.distance import slip
from newslint.runner import LinterFactory, lint_source

HEADLINE = "Talks to start in January\n\n"


def _nl3() -> Settings:
    """Return settings that select only the attribution rules."""
    return resolve_settings(
        None, overrides={"select": ("NL3",), "cache": False, "languagetool": "off"}, isolated=True
    )


def people(text: str, path: str = "story.txt") -> dict[str, list[str]]:
    """Return canonical name -> texts of its name mentions (pronouns as 'he'/'she')."""
    model = build_people(Document(text, path))
    return {p.canonical: [m.text for m in p.mentions] for p in model.persons}


def titles(text: str) -> dict[str, list[str]]:
    model = build_people(Document(text, "story.txt"))
    return {p.canonical: p.titles for p in model.persons}


def test_appositive_and_later_surname_and_possessive() -> None:
    text = (
        HEADLINE + "Karen Donfried, assistant secretary of State for European Affairs, "
        "told reporters on Tuesday that talks would begin. Donfried's office later said "
        "the date was open, and Donfried added that allies agreed."
    )
    found = people(text)
    assert found["Karen Donfried"] == ["Karen Donfried", "Donfried", "Donfried"]
    assert titles(text)["Karen Donfried"] == ["assistant secretary of State for European Affairs"]


def test_titles_before_names() -> None:
    text = (
        HEADLINE + "NATO Secretary General Jens Stoltenberg said on Tuesday that the council "
        "would meet. In Moscow, Russian President Vladimir Putin blamed the West. "
        "Liverpool captain Steven Gerrard was not asked."
    )
    t = titles(text)
    assert t["Jens Stoltenberg"] == ["NATO Secretary General"]
    assert t["Vladimir Putin"] == ["Russian President"]
    assert t["Steven Gerrard"] == ["Liverpool captain"]


def test_courtesy_titles_and_gender() -> None:
    text = (
        HEADLINE + "Communications Minister Dayanidhi Maran announced the change. "
        "Mr Maran said approval was needed. Ms Kaur, who runs a rival firm, disagreed."
    )
    model = build_people(Document(text, "story.txt"))
    by_name = {p.canonical: p for p in model.persons}
    assert [m.text for m in by_name["Dayanidhi Maran"].names] == ["Dayanidhi Maran", "Maran"]
    assert by_name["Dayanidhi Maran"].gender == "m"
    assert by_name["Kaur"].gender == "f"


def test_name_across_a_line_break() -> None:
    text = (
        HEADLINE + "The budget was presented by Finance Minister Andrea\n"
        "Kowalczyk on Tuesday. Ms Kowalczyk said spending would fall.\n"
    )
    found = people(text)
    assert found["Andrea Kowalczyk"] == ["Andrea\nKowalczyk", "Kowalczyk"]


def test_names_inside_quotes_are_mentions_but_not_speakers() -> None:
    text = (
        HEADLINE + "Ruth Kelly, the education secretary, set out the plan. "
        '"Ruth Kelly has no idea what to put in its place," he said.'
    )
    model = build_people(Document(text, "story.txt"))
    (kelly,) = [p for p in model.persons if p.canonical == "Ruth Kelly"]
    kinds = [m.kind for m in kelly.mentions]
    assert kinds == ["full", "full"]  # the quoted name counts; "he" is someone else


def test_two_people_sharing_a_surname() -> None:
    text = (
        HEADLINE + "Prime Minister Tony Blair arrived with his wife, Cherie Blair, a lawyer. "
        "Mrs Blair spoke to reporters. Later Mr Blair met the mayor."
    )
    found = people(text)
    assert found["Tony Blair"] == ["Tony Blair", "Blair"]
    assert found["Cherie Blair"] == ["Cherie Blair", "Blair"]
    model = build_people(Document(text, "story.txt"))
    mrs = next(m for m in model.mentions if m.honorific == "Mrs")
    assert model.persons[mrs.person].canonical == "Cherie Blair"


def test_particle_and_hyphenated_surnames() -> None:
    text = (
        HEADLINE + "Mayor Bill de Blasio met Representative Alexandria Ocasio-Cortez and "
        "Saudi Crown Prince Mohammed bin Salman. Mr de Blasio said the talks went well, "
        "and Ocasio-Cortez agreed. Prince Mohammed did not comment."
    )
    model = build_people(Document(text, "story.txt"))
    by_name = {p.canonical: p for p in model.persons}
    assert by_name["Bill de Blasio"].surname == "de Blasio"
    assert [m.text for m in by_name["Bill de Blasio"].names] == ["Bill de Blasio", "de Blasio"]
    assert [m.text for m in by_name["Alexandria Ocasio-Cortez"].names] == [
        "Alexandria Ocasio-Cortez",
        "Ocasio-Cortez",
    ]
    assert by_name["Mohammed bin Salman"].surname == "bin Salman"


def test_initials() -> None:
    text = (
        HEADLINE + "Senator J.D. Vance spoke in Ohio, and author J. K. Rowling wrote to "
        "the paper. Vance said the bill was flawed."
    )
    found = people(text)
    assert found["J.D. Vance"] == ["J.D. Vance", "Vance"]
    assert "J. K. Rowling" in found


def test_family_name_first() -> None:
    text = (
        HEADLINE + "Bank of Korea governor Park Seung said the worst had passed. "
        "Mr Park said rates would hold."
    )
    found = people(text)
    assert found["Park Seung"][:2] == ["Park Seung", "Park"]


def test_organisations_and_places_are_not_people() -> None:
    text = (
        HEADLINE + "Standard Chartered Bank and General Motors reported results. "
        "Shares in Virginia Beach Holdings rose, and the Attorney General declined to "
        "comment. Separately, market regulator Ofcom opened an inquiry."
    )
    assert people(text) == {}


def test_title_case_headline_counts_only_courtesy_titles() -> None:
    text = "Bank Chief Warns Of Slowdown\n\nThe bank's chief, Sarah Quist, said growth would slow."
    found = people(text)
    assert list(found) == ["Sarah Quist"]


def test_safe_pronouns_join_the_only_person_meant() -> None:
    text = (
        HEADLINE + "Karen Donfried, assistant secretary of State, spoke on Tuesday. "
        "She said talks would begin in January.\n\n"
        "Secretary General Jens Stoltenberg and President Vladimir Putin did not comment. "
        "He was in Moscow."
    )
    found = people(text)
    assert found["Karen Donfried"] == ["Karen Donfried", "She"]
    # "He" could be either of two men: it joins neither.
    assert found["Jens Stoltenberg"] == ["Jens Stoltenberg"]
    assert found["Vladimir Putin"] == ["Vladimir Putin"]


def test_pronoun_that_contradicts_a_courtesy_title_is_not_joined() -> None:
    text = HEADLINE + "Ms Taylor said sales had doubled. He added that the shops would stay open."
    model = build_people(Document(text, "story.txt"))
    assert [m.kind for m in model.mentions] == ["surname"]
    assert [(p.text, a.text) for p, a in model.pronoun_conflicts] == [("He", "Taylor")]


def test_json_offsets_are_source_offsets_in_markdown() -> None:
    text = (
        "# Talks to start in January\n\n"
        "**Karen Donfried**, assistant secretary of State, told *reporters* that talks "
        "would begin.\n\nLater, [Donfried](https://example.org) said the date was open.\n"
    )
    doc = Document(text, "story.md", Format.MARKDOWN)
    assert doc.text != doc.source  # the prose view differs from the source
    data = build_people(doc).to_json()
    (person,) = data
    assert person["name"] == "Karen Donfried"
    for m in person["mentions"]:
        assert text[m["start"] : m["end"]] == m["text"]
        line_start = text.rfind("\n", 0, m["start"]) + 1
        assert m["line"] == text.count("\n", 0, m["start"]) + 1
        assert m["column"] == m["start"] - line_start + 1
    assert [m["text"] for m in person["mentions"]] == ["Karen Donfried", "Donfried"]
    json.dumps(data)  # plain JSON values only


def test_people_reach_the_json_output_through_the_rules() -> None:
    text = HEADLINE + "Karen Donfried, assistant secretary of State, spoke. Donfried said more."
    report = lint_source(text, "story.txt", LinterFactory(_nl3()))
    names = [p["name"] for p in report.file_data["people"]]
    assert names == ["Karen Donfried"]


def test_slip_kinds() -> None:
    assert slip("Donfreid", "Donfried") == "swap"
    assert slip("Marn", "Maran") == "drop"
    assert slip("Marran", "Maran") == "extra"
    assert slip("Stoltenburg", "Stoltenberg") == "change"
    assert slip("Smith", "Smith") is None
    assert slip("Smith", "Smyths") is None
