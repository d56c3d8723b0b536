"""Lookups over the built-in knowledge base."""

from __future__ import annotations

import time
from datetime import date

import pytest

from newslint.facts.kb import KnowledgeBase, load_kb


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


def holders(kb: KnowledgeBase, office: str, day: date) -> list[str]:
    return [t.holder for t in kb.holders_on(office, day)]


def test_builtin_data_meets_the_coverage_floor(kb: KnowledgeBase) -> None:
    assert len(kb.organisations) >= 170
    assert len(kb.terms) >= 300
    for office in (
        "un-secretary-general", "nato-secretary-general", "european-commission-president",
        "european-council-president", "imf-managing-director", "world-bank-president",
        "wto-director-general", "who-director-general", "us-president",
        "us-secretary-of-state", "us-secretary-of-defense", "us-secretary-of-the-treasury",
    ):  # fmt: skip
        assert kb.terms_of(office), office


def test_every_source_and_as_of_is_present(kb: KnowledgeBase) -> None:
    for row in (*kb.organisations, *kb.offices.values(), *kb.terms):
        assert row.source.startswith(("https://", "http://"))
        assert row.as_of >= date(2025, 1, 1)


def test_nato_secretary_general_by_date(kb: KnowledgeBase) -> None:
    assert holders(kb, "nato-secretary-general", date(2020, 6, 1)) == ["Jens Stoltenberg"]
    assert holders(kb, "nato-secretary-general", date(2025, 6, 1)) == ["Mark Rutte"]
    # Terms are half-open: the handover day belongs to the successor.
    assert holders(kb, "NATO Secretary General", date(2024, 10, 1)) == ["Mark Rutte"]
    assert holders(kb, "NATO Secretary General", date(2024, 9, 30)) == ["Jens Stoltenberg"]


def test_title_aliases_resolve_to_one_office(kb: KnowledgeBase) -> None:
    for title in (
        "NATO Secretary General", "NATO Secretary-General", "secretary general of NATO",
        "Nato secretary-general", "NATO chief",
    ):  # fmt: skip
        found = kb.resolve_title(title)
        assert found is not None and found.specific, title
        assert [o.id for o in found.offices] == ["nato-secretary-general"]


def test_generic_titles_list_every_office_that_uses_them(kb: KnowledgeBase) -> None:
    found = kb.resolve_title("Secretary-General")
    assert found is not None and not found.specific
    assert {o.id for o in found.offices} == {"un-secretary-general", "nato-secretary-general"}
    assert kb.resolve_title("Grand Vizier") is None


def test_us_titles_accept_dotted_abbreviations(kb: KnowledgeBase) -> None:
    found = kb.resolve_title("U.S. Secretary of State")
    assert found is not None and found.offices[0].id == "us-secretary-of-state"


def test_offices_held_by_a_person(kb: KnowledgeBase) -> None:
    putin = [(t.office, t.start.year) for t in kb.offices_held_by("Vladimir Putin")]
    assert ("russia-president", 2000) in putin
    assert ("russia-prime-minister", 2008) in putin
    assert kb.offices_held_by("putin") == kb.offices_held_by("Vladimir Putin")
    carney = {t.office for t in kb.offices_held_by("Mark Carney")}
    assert carney == {"boe-governor", "canada-prime-minister"}
    assert kb.offices_held_by("Nobody In Particular") == ()


def test_aliases_ignore_accents_and_initials(kb: KnowledgeBase) -> None:
    assert [p.name for p in kb.people_named("Erdogan")] == ["Recep Tayyip Erdoğan"]
    assert [p.name for p in kb.people_named("J.D. Vance")] == ["JD Vance"]
    assert {p.name for p in kb.people_named("Clinton")} == {"Bill Clinton", "Hillary Clinton"}


def test_official_name_variants_map_wrong_forms(kb: KnowledgeBase) -> None:
    index = kb.official_name_variants()
    osce = "Organization for Security and Co-operation in Europe"
    assert index.wrong_to_official["Organization for Security and Cooperation in Europe"] == osce
    form = index.lookup("organization for security and cooperation in europe")
    assert form is not None and form.wrong and form.respelling
    olympics = index.lookup("International Olympics Committee")
    assert olympics is not None and olympics.wrong and not olympics.respelling
    official = index.lookup(osce)
    assert official is not None and not official.wrong


def test_finditer_prefers_the_longest_name(kb: KnowledgeBase) -> None:
    text = "A Federal Reserve Bank of New York study and the Federal Open Markets\nCommittee."
    found = [(m.text, m.form.wrong) for m in kb.official_name_variants().finditer(text)]
    assert found == [
        ("Federal Reserve Bank of New York", False),
        ("Federal Open Markets\nCommittee", True),
    ]


def test_finditer_spans_are_code_points(kb: KnowledgeBase) -> None:
    text = "🙂 — the World Health Organisation said"
    [m] = kb.official_name_variants().finditer(text)
    assert text[m.start : m.end] == "World Health Organisation"
    assert m.official == "World Health Organization"


def test_data_freshness_is_exposed(kb: KnowledgeBase) -> None:
    assert kb.as_of >= date(2025, 6, 1)


def test_loading_and_indexing_are_fast() -> None:
    from newslint.facts.kb import _load_cached

    _load_cached.cache_clear()
    began = time.perf_counter()
    kb = load_kb()
    kb.official_name_variants()
    _ = kb.titles
    assert time.perf_counter() - began < 0.5
