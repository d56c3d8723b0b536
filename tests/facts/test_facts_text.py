"""Name normalisation and the patterns built from it."""

from __future__ import annotations

import pytest

from newslint.facts.text import compile_phrases, fold, is_respelling


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("J.D. Vance", "JD Vance"),
        ("K. R. Narayanan", "K.R. Narayanan"),
        ("Recep Tayyip Erdoğan", "recep tayyip erdogan"),
        ("Centers for Medicare & Medicaid Services", "Centers for Medicare and Medicaid Services"),
        ("People’s Bank of China", "People's Bank of China"),
        ("U.S. Census Bureau", "US  Census\nBureau"),
    ],
)
def test_fold_equates_legitimate_variants(a: str, b: str) -> None:
    assert fold(a) == fold(b)


def test_fold_keeps_hyphens_unless_told() -> None:
    assert fold("Co-operation") != fold("Cooperation")
    assert fold("Secretary-General", hyphens=False) == fold("Secretary General", hyphens=False)


def test_respelling_versus_wrong_word() -> None:
    assert is_respelling("World Health Organisation", "World Health Organization")
    assert is_respelling("World Food Program", "World Food Programme")
    assert not is_respelling("Drug Enforcement Agency", "Drug Enforcement Administration")
    assert not is_respelling("World Health Organization", "World Health Organization")


def test_compiled_phrases_respect_boundaries_and_acronym_case() -> None:
    pattern = compile_phrases(["WHO chief", "Health Organization"], hyphens=False)
    assert [m.group() for m in pattern.finditer("the WHO chief and the who chief")] == ["WHO chief"]
    assert not pattern.search("World-Health Organizations")


def test_compiled_phrases_accept_missing_accents() -> None:
    pattern = compile_phrases(["Médecins Sans Frontières"])
    assert pattern.search("Medecins Sans Frontieres said")
