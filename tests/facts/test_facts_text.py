"""Name normalisation and the patterns built from it."""

from __future__ import annotations

import pytest

from newslint.facts import text as text_module
from newslint.facts.text import PhraseIndex, fold, is_respelling, strip_accents


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


def index(*phrases: str, hyphens: bool = True) -> PhraseIndex[str]:
    found: PhraseIndex[str] = PhraseIndex(hyphens=hyphens)
    for phrase in phrases:
        found.add(phrase, phrase)
    return found


def found(idx: PhraseIndex[str], text: str) -> list[str]:
    return [text[s:e] for s, e, _ in idx.finditer(text)]


def test_short_acronyms_keep_their_case() -> None:
    idx = index("WHO chief", "NATO chief", hyphens=False)
    assert found(idx, "the WHO chief and the who chief") == ["WHO chief"]
    assert found(idx, "the Nato chief") == ["Nato chief"]


def test_words_must_be_whole() -> None:
    idx = index("Health Organization")
    assert found(idx, "World-Health Organizations") == []
    assert found(idx, "Health Organization's") == ["Health Organization"]


def test_longest_phrase_wins_and_matching_resumes_after_it() -> None:
    idx = index("Federal Reserve Bank", "Federal Reserve Bank of New York", "New York")
    text = "the Federal Reserve Bank of New York, not New York"
    assert found(idx, text) == ["Federal Reserve Bank of New York", "New York"]


def test_gaps_may_be_line_breaks_or_commas_but_not_sentence_ends() -> None:
    idx = index("United Nations Educational, Scientific and Cultural Organization")
    assert found(idx, "United Nations Educational,\nScientific and Cultural Organization")
    assert not found(idx, "United Nations Educational. Scientific and Cultural Organization")


def test_hyphens_split_words_only_when_asked() -> None:
    assert found(index("Secretary General", hyphens=False), "a Secretary-General") == [
        "Secretary-General"
    ]
    assert found(index("Co operation"), "Co-operation") == []


def test_phrases_accept_missing_accents_and_dotted_abbreviations() -> None:
    assert found(index("Médecins Sans Frontières"), "Medecins Sans Frontieres said")
    assert found(index("U.S. Census Bureau"), "the US Census Bureau") == ["US Census Bureau"]
    assert found(index("US Census Bureau"), "the U.S. Census Bureau's") == ["U.S. Census Bureau"]
    assert found(index("People's Bank of China"), "the People’s Bank of China") == [
        "People’s Bank of China"
    ]
    assert found(
        index("Federal Reserve Bank of St. Louis"), "the Federal Reserve Bank of St.\nLouis"
    )


def test_words_learnt_on_one_text_serve_the_next() -> None:
    """The set tests that skip phrase-free text must not hide a later phrase."""
    idx = index("World Health Organization")
    assert found(idx, "The World Bank said.") == []
    assert found(idx, "Health officials met.") == []
    assert found(idx, "The World Health Organization said.") == ["World Health Organization"]
    idx.add("World Bank", "World Bank")  # adding a phrase forgets what was learnt
    assert found(idx, "The World Bank said.") == ["World Bank"]


@pytest.mark.parametrize("word", ["WHO", "Nato", "us", "US", "Us", "2024", "G7", "x", "AB1"])
@pytest.mark.parametrize("hyphens", [True, False])
def test_plain_word_keys_are_the_folded_word(word: str, hyphens: bool) -> None:
    """The shortcut for plain ASCII words gives what fold() gives."""
    folded = fold(word, hyphens=hyphens)
    acronym = 2 <= len(word) <= 3 and word.isalpha() and word.isupper()
    expected = ("\x00" + word, folded) if acronym else (folded,)
    assert text_module._word_keys(word, hyphens=hyphens) == expected


def test_strip_accents_leaves_ascii_alone_and_strips_the_rest() -> None:
    assert strip_accents("Medecins Sans Frontieres") == "Medecins Sans Frontieres"
    assert strip_accents("Médecins Sans Frontières") == "Medecins Sans Frontieres"


def test_a_starting_word_without_its_continuation_is_no_match() -> None:
    idx = index("New York", "Interpol", "Federal Reserve Bank")
    text = "New Delhi, then New York; Interpol, and the Federal"
    assert found(idx, text) == ["New York", "Interpol"]
    assert found(idx, "New\nYork") == ["New\nYork"]


def test_an_index_that_forgets_its_words_still_finds_phrases(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(text_module, "_MAX_SEEN", 3)
    idx = index("World Health Organization")
    texts = ["The World Health Organization said.", "Health officials met in the world."] * 3
    assert [found(idx, t) for t in texts] == [["World Health Organization"], []] * 3


@pytest.mark.parametrize("mark", ["\u037a", "\u0345"])
def test_a_word_that_folds_to_nothing_is_no_phrase_end(mark: str) -> None:
    """A lone combining mark folds to "": it must neither crash nor end a phrase."""
    assert fold(mark) == ""
    idx = index("World Health Organization", "World Health")
    assert found(idx, f"The World Health Organization {mark} said.") == [
        "World Health Organization"
    ]
    assert found(idx, f"The World Health {mark} Organization.") == ["World Health"]
    assert found(idx, f"{mark} {mark}") == []
