"""Loading rejects broken fact files and says exactly where they are broken."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from newslint.facts.kb import KnowledgeBase, load_kb
from newslint.facts.loader import read_files
from newslint.facts.records import KnowledgeBaseError, Problem

OFFICE = """
[[office]]
id = "test-chair"
name = "Chair of the Test Board"
titles = ["Test Board Chair"]
complete_since = 2000-01-01
source = "https://example.org/board"
as_of = 2025-01-01
"""


def write(tmp_path: Path, text: str, name: str = "facts.toml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def problems_of(*paths: Path) -> list[Problem]:
    with pytest.raises(KnowledgeBaseError) as info:
        KnowledgeBase.from_rows(read_files(paths))
    return list(info.value.problems)


def term(holder: str, start: str, end: str | None = None) -> str:
    end_line = f"end = {end}\n" if end else ""
    return (
        f'\n[[term]]\noffice = "test-chair"\nholder = "{holder}"\nstart = {start}\n'
        f'{end_line}source = "https://example.org/board"\nas_of = 2025-01-01\n'
    )


def test_unknown_key_names_file_line_and_key(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        [[organisation]]
        name = "Good Body"
        source = "https://example.org/good"
        as_of = 2025-01-01

        [[organisation]]
        name = "Test Body"
        wrongs = ["Test Bodies"]
        source = "https://example.org/"
        as_of = 2025-01-01
        """,
    )
    [problem] = problems_of(path)
    assert problem.path == str(path)
    assert problem.line == 8  # the line of `wrongs =` in the second row
    assert problem.key == "wrongs"
    assert "unknown key 'wrongs'" in problem.message
    assert f"{path}:8: [wrongs]" in str(problem)


def test_unknown_table_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, '[[organization]]\nname = "X"\n')
    [problem] = problems_of(path)
    assert (problem.line, problem.key) == (1, "organization")


def test_missing_source_and_bad_date(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        [[organisation]]
        name = "Test Body"
        as_of = "2025-13-01"
        """,
    )
    found = {(p.line, p.key) for p in problems_of(path)}
    assert (1, None) in found  # missing `source`: reported at the row header
    assert (3, "as_of") in found


def test_source_must_be_a_url_and_dates_not_datetimes(tmp_path: Path) -> None:
    bad_source = OFFICE.replace('"https://example.org/board"', '"the board minutes"')
    path = write(tmp_path, bad_source + term("A Person", "2001-01-01T09:00:00"))
    found = {(p.key, p.message) for p in problems_of(path)}
    assert any(key == "source" and "http(s) URL" in message for key, message in found)
    assert any(key == "start" and "date-time" in message for key, message in found)


def test_invalid_toml_reports_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, '[[organisation]]\nname = "Unclosed\n')
    [problem] = problems_of(path)
    assert problem.line == 2
    assert "invalid TOML" in problem.message


def test_overlapping_terms_are_detected(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        OFFICE
        + term("First Holder", "2001-01-01", "2005-06-01")
        + term("Second Holder", "2005-05-01"),
    )
    [problem] = problems_of(path)
    assert problem.key == "start"
    assert "overlaps the term of First Holder" in problem.message
    assert problem.line == path.read_text().splitlines().index("[[term]]", 10) + 1


def test_an_open_term_overlaps_any_later_term(tmp_path: Path) -> None:
    path = write(
        tmp_path, OFFICE + term("Still There", "2001-01-01") + term("Newcomer", "2010-01-01")
    )
    assert any("overlaps" in p.message for p in problems_of(path))


def test_adjacent_terms_do_not_overlap(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        OFFICE + term("First Holder", "2001-01-01", "2005-06-01") + term("Second", "2005-06-01"),
    )
    kb = KnowledgeBase.from_rows(read_files([path]))
    assert [t.holder for t in kb.terms_of("test-chair")] == ["First Holder", "Second"]


def test_term_order_and_as_of_are_checked(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        OFFICE + term("Backwards", "2005-01-01", "2004-01-01") + term("Future", "2026-01-01"),
    )
    messages = [p.message for p in problems_of(path)]
    assert any("is not after start" in m for m in messages)
    assert any("after as_of" in m for m in messages)


def test_term_of_unknown_office(tmp_path: Path) -> None:
    path = write(tmp_path, OFFICE + term("Someone", "2001-01-01").replace("test-chair", "nope"))
    messages = [p.message for p in problems_of(path)]
    assert "unknown office 'nope'" in messages
    assert "office 'test-chair' has no terms" in messages


def test_specific_title_shared_by_two_offices(tmp_path: Path) -> None:
    second = OFFICE.replace('id = "test-chair"', 'id = "other-chair"')
    path = write(
        tmp_path,
        OFFICE
        + second
        + term("A", "2001-01-01")
        + term("B", "2001-01-01").replace('"test-chair"', '"other-chair"'),
    )
    assert any("also names office" in p.message for p in problems_of(path))


def test_wrong_form_that_is_an_official_name(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        [[organisation]]
        name = "Alpha Agency"
        wrong = ["Beta Agency"]
        source = "https://example.org/a"
        as_of = 2025-01-01

        [[organisation]]
        name = "Beta Agency"
        wrong = ["beta  agency"]
        source = "https://example.org/b"
        as_of = 2025-01-01
        """,
    )
    messages = [p.message for p in problems_of(path)]
    assert any("is the official name of the body" in m for m in messages)
    assert any("is the official name itself" in m for m in messages)


def test_person_row_naming_no_holder(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        OFFICE + term("Real Holder", "2001-01-01") + '\n[[person]]\nname = "Typo Holder"\n',
    )
    [problem] = problems_of(path)
    assert "holds no term" in problem.message


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    first = write(tmp_path, '[[organisation]]\nname = "A"\n', "a.toml")
    second = write(tmp_path, '[[person]]\nnickname = "B"\n', "b.toml")
    paths = {p.path for p in problems_of(first, second)}
    assert paths == {str(first), str(second)}


def test_extra_files_merge_with_the_builtin_facts(tmp_path: Path) -> None:
    extra = write(
        tmp_path,
        OFFICE
        + term("Local Chair", "2020-01-01")
        + '\n[[person]]\nname = "Jens Stoltenberg"\naliases = ["J. Stoltenberg"]\n',
    )
    kb = load_kb([tmp_path])
    assert kb.terms_of("Test Board Chair")[0].holder == "Local Chair"
    assert [p.name for p in kb.people_named("J. Stoltenberg")] == ["Jens Stoltenberg"]
    assert "Stoltenberg" in kb.persons["Jens Stoltenberg"].aliases
    assert extra.exists()


def test_extra_file_cannot_contradict_builtin_terms(tmp_path: Path) -> None:
    write(
        tmp_path,
        """
        [[term]]
        office = "nato-secretary-general"
        holder = "Impostor"
        start = 2020-01-01
        end = 2021-01-01
        source = "https://example.org/"
        as_of = 2025-01-01
        """,
    )
    with pytest.raises(KnowledgeBaseError, match="overlaps"):
        load_kb([tmp_path])
