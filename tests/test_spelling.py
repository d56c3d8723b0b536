"""The spelling engine as a library (newslint.spelling), without the linter.

Unit tests of the pieces (edit classification, spelling-variant keys, the
frozen hash table, the cache file) and behaviour tests of ``check_words`` on
sentences written for these tests. The corpus bars are in
``test_typo_corpus.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newslint.spelling import (
    IssueKind,
    SpellingOptions,
    TokenClass,
    WordInContext,
    check_words,
    words_from_text,
)
from newslint.spelling.build import Compiled
from newslint.spelling.edits import EditKind, channel_cost, classify, is_move, osa_distance
from newslint.spelling.lexicon import _load, _store, lexicon
from newslint.spelling.morph import inflection_pair, related_forms, variant_pair
from newslint.spelling.table import FrozenTable, fingerprint


def flagged(text: str, options: SpellingOptions | None = None) -> dict[str, tuple[str, ...]]:
    """Return {flagged word: suggestions} for ``text``."""
    return {i.word: i.suggestions for i in check_words(words_from_text(text), options)}


# ------------------------------------------------------------------ edits


@pytest.mark.parametrize(
    ("typed", "meant", "distance", "kind"),
    [
        ("ahve", "have", 1, EditKind.TRANSPOSE),
        ("privaye", "private", 1, EditKind.SUBSTITUTE),
        ("arrrived", "arrived", 1, EditKind.INSERT),
        ("consumtion", "consumption", 1, EditKind.DELETE),
        ("repaired", "prepared", 2, EditKind.DOUBLE),
        ("kitten", "sitting", 3, EditKind.OTHER),
    ],
)
def test_edit_distance_and_kind(typed: str, meant: str, distance: int, kind: EditKind) -> None:
    assert osa_distance(typed, meant, 2) == distance
    assert classify(typed, meant) is kind


def test_a_moved_letter_is_one_slip() -> None:
    assert is_move("fisrt", "first") or classify("fisrt", "first") is EditKind.TRANSPOSE
    assert is_move("uplaoding", "uploading") or osa_distance("uplaoding", "uploading") == 1
    assert is_move("mnaager", "manager")
    assert not is_move("manager", "manager")


def test_channel_cost_prefers_plausible_slips() -> None:
    # Adjacent keys and swapped neighbours are cheaper than a far-away key.
    assert channel_cost("wirh", "with") < channel_cost("wizh", "with")
    assert channel_cost("teh", "the") == 0.0
    assert channel_cost("repaired", "prepared") > channel_cost("teh", "the")


# ------------------------------------------------------------------ morphology


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("colour", "color"),
        ("neighbours", "neighbors"),
        ("organisation", "organization"),
        ("travelled", "traveled"),
        ("centre", "center"),
        ("defence", "defense"),
        ("programme", "program"),
        ("advisers", "advisors"),
        ("tyres", "tires"),
    ],
)
def test_spelling_variants_are_related(a: str, b: str) -> None:
    assert variant_pair(a, b) and related_forms(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("mourning", "morning"),
        ("four", "for"),
        ("shoe", "she"),
        ("minor", "miner"),
        ("well", "will"),
    ],
)
def test_different_words_never_share_a_variant_key(a: str, b: str) -> None:
    assert not related_forms(a, b)


def test_regular_inflections_are_related_but_irregular_forms_are_not() -> None:
    assert inflection_pair("attention", "attentions")
    assert inflection_pair("settles", "settled")
    assert related_forms("colour", "colors")
    assert not inflection_pair("began", "begun")
    assert not inflection_pair("chose", "choose")


@pytest.mark.parametrize(("a", "b"), [("fine", "find"), ("fins", "fine"), ("band", "ban")])
def test_a_bare_d_or_s_brings_back_no_silent_e(a: str, b: str) -> None:
    # "find" is not "fine" + d: the pair stays a possible slip ("may soon fine themselves").
    assert not related_forms(a, b)
    assert related_forms("fine", "fined") and related_forms("note", "notes")


# ------------------------------------------------------------------ table and cache


def test_frozen_table_round_trip_through_a_buffer() -> None:
    table = FrozenTable.build((f"word{i}", i * 3) for i in range(1000))
    assert table.get("word7") == 21
    assert table.get("absent") == -1
    assert "word999" in table and "word1000" not in table
    keys, values, size = table.to_bytes()
    again = FrozenTable.from_buffer(memoryview(keys), memoryview(values), size)
    assert again.get("word500") == 1500 and len(again) == 1000


def test_fingerprints_are_stable_across_processes() -> None:
    # Python's hash() is salted per process; the table must not depend on it.
    assert fingerprint("prepared") == fingerprint("prepared") != fingerprint("repaired")
    assert fingerprint("") != 0


def _tiny() -> Compiled:
    return Compiled(
        FrozenTable.build([("have", 123)]),
        FrozenTable.build([("hve", (0 << 16) | 4)]),
        "have",
        "",
    )


def test_cache_file_is_written_atomically_and_read_back(tmp_path: Path) -> None:
    path = tmp_path / "spelling" / "lexicon-test.bin"
    _store(path, _tiny())
    assert path.is_file()
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary left
    loaded = _load(path)
    assert loaded is not None
    assert loaded.words.get("have") == 123
    assert bytes(loaded.deletion_blob) == b"have"


def test_a_corrupt_or_foreign_cache_file_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "lexicon-bad.bin"
    path.write_bytes(b'{"magic": "someone-else"}\n' + b"\0" * 64)
    assert _load(path) is None
    path.write_bytes(b"not even a header")
    assert _load(path) is None
    assert _load(tmp_path / "missing.bin") is None


def test_an_unwritable_cache_costs_a_rebuild_not_an_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    _store(blocker / "sub" / "lexicon.bin", _tiny())  # parent is a file: silently skipped
    assert not (blocker / "sub").exists()


def test_cache_dir_follows_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newslint.spelling.lexicon import _cache_file

    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path))
    assert _cache_file("stamp").parent == tmp_path / "spelling"
    assert _cache_file("stamp") != _cache_file("other stamp")


# ------------------------------------------------------------------ the lexicon


def test_lexicon_knows_british_and_american_spellings() -> None:
    lex = lexicon()
    for word in ("colour", "color", "organisation", "programme", "haematoma", "whilst"):
        assert lex.info(word).known, word
    for typo in ("teh", "thier", "ahve", "goverment"):
        assert not lex.info(typo).known, typo


# ------------------------------------------------------------------ non-words


def test_misspelling_with_ranked_suggestions() -> None:
    found = flagged("Analysts ahve welcomed the goverment decision.")
    assert found["ahve"][0] == "have"
    assert found["goverment"][0] == "government"


def test_what_is_never_a_misspelling() -> None:
    text = (
        "Ms Okonkwo-Brennan of NATO said the organisation's 5km route, mapped in the 1990s "
        "for £10bn, was well-known. See www.example.org, @newsdesk or #vote2025."
    )
    assert flagged(text) == {}


def test_a_word_cited_in_quotes_is_not_a_misspelling() -> None:
    assert flagged('He wrote "ahve" on the whiteboard.') == {}
    assert "ahve" in flagged("He wrote ahve on the whiteboard.")


def test_a_word_without_vowels_is_checked_only_when_a_vowel_restores_a_common_word() -> None:
    # Abbreviations and text-speak keep no vowels and are left alone ...
    assert flagged("The ntl team shd meet for 3 hrs at the pkwy.") == {}
    # ... but a common function word one vowel short is a dropped key.
    found = flagged("The firm is due to merge wth its rival frm next year.")
    assert found["wth"][0] == "with"
    assert "from" in found["frm"]


def test_accept_and_reject_lists() -> None:
    text = "The splainer said the rise was irregardless of inflation."
    options = SpellingOptions(accept=frozenset({"splainer"}), reject=frozenset({"irregardless"}))
    issues = check_words(words_from_text(text), options)
    assert [(i.word, i.source) for i in issues] == [("irregardless", "vocabulary")]


def test_a_word_broken_across_a_line_is_joined() -> None:
    assert flagged("The redevel-\nopment of the harbour begins in spring.") == {}


def test_safe_fix_only_outside_quotations() -> None:
    (outside,) = check_words(words_from_text("Analysts ahve welcomed it."))
    (inside,) = check_words(words_from_text('"We ahve no plans," she said.'))
    assert outside.safe_fix and not inside.safe_fix


# ------------------------------------------------------------------ real words


def test_real_word_slip_with_evidence() -> None:
    (issue,) = check_words(words_from_text("The council will hold a pubic meeting on Tuesday."))
    assert issue.kind is IssueKind.REAL_WORD
    assert issue.suggestions[0] == "public"
    assert "'a public meeting' is about" in issue.evidence
    assert "more likely than 'a pubic meeting'" in issue.evidence
    assert issue.ratio > 1000 and issue.strong


@pytest.mark.parametrize(
    ("text", "read"),
    [
        # Two words each side ...
        ("The council will hold a pubic meeting on Tuesday.", "hold a pubic meeting on"),
        # ... through commas, never past the sentence.
        ("Yes, a pubic meeting. It was.", "Yes, a pubic meeting"),
        # Numbers are words to the model; a bracket ends what it reads.
        ("The 12 pubic meetings (so far) ran.", "The 12 pubic meetings"),
    ],
)
def test_a_real_word_slip_carries_the_words_it_was_judged_by(text: str, read: str) -> None:
    issues = check_words(words_from_text(text))
    (issue,) = [i for i in issues if i.kind is IssueKind.REAL_WORD]
    assert issue.context is not None
    start, end = issue.context
    assert text[start:end] == read


def test_the_model_tells_pairs_it_saw_from_pairs_it_backs_off_on() -> None:
    from newslint.spelling.langmodel import language_model

    lm = language_model()
    assert lm.pair_seen("prime", "minister") is True
    assert lm.pair_seen("of", "the") is True
    assert lm.pair_seen("xylophone", "parliamentary") is False
    # Words it does not know: it cannot tell.
    assert lm.pair_seen("qzxqzx", "the") is None
    assert lm.pair_seen("the", "qzxqzx") is None


@pytest.mark.parametrize(
    "text", ["He loves cel animation films.", "A weighty tome sat on the desk."]
)
def test_a_slip_needs_evidence_from_the_context_not_only_word_frequency(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The model saw neither word of each pair beside its neighbours: the
    # "gain" of 'sell' over 'cel' (or 'some' over 'tome') is only that the
    # candidate is the commoner word.
    assert flagged(text) == {}
    import newslint.spelling.realword as realword

    # Counting back-off terms as evidence, as before, flags the word.
    monkeypatch.setattr(realword, "context_gain", lambda *args: 99.0)
    assert len(flagged(text)) == 1


def test_context_gain_leaves_out_terms_where_the_model_backs_off() -> None:
    from newslint.spelling.langmodel import BOS, EOS, language_model
    from newslint.spelling.realword import _local, context_gain

    lm = language_model()
    # Seen pairs on both sides: the whole gain is context.
    words = [BOS, "the", "prime", "minister", "said", EOS]
    whole = _local(lm, words, 2, "crime") - _local(lm, words, 2, "prime")
    assert context_gain(lm, words, 2, "crime") == pytest.approx(whole)
    # Neither word next to either neighbour: no context at all.
    words = [BOS, "xylophone", "weighty", "aardvark", EOS]
    assert _local(lm, words, 2, "eighty") != _local(lm, words, 2, "weighty")
    assert context_gain(lm, words, 2, "eighty") == 0.0


def test_a_name_opening_a_sentence_is_not_a_slip(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Dan Fenwick, the council leader, said it."
    assert flagged(text) == {}
    # Read as ordinary words, the model would take "Dan Fenwick" for "And Fenwick".
    import newslint.spelling.checker as checker

    monkeypatch.setattr(checker, "_opens_a_name", lambda i, words: False)
    assert flagged(text) == {"Dan": ("And",)}
    # A slip at a sentence start before a lower-case word is still judged.
    assert "Their" in flagged("Their is no evidence that the scheme works.")


def test_a_name_the_story_uses_mid_sentence_is_not_a_slip_at_a_sentence_start() -> None:
    text = "Ford, the motor group, said sales rose. Analysts said Ford had done well."
    assert "Ford" not in flagged(text)
    slip = flagged("Residents may soon fine themselves without a bus service.")
    assert "find" in slip["fine"]


def test_a_number_word_before_a_plural_counts_it() -> None:
    assert "four" not in flagged("The council has sued four builders over the delays.")
    assert "for" in flagged("The spending plan four the year was approved.").get("four", ())


def test_curated_confusables_are_marked() -> None:
    issues = check_words(words_from_text("Their is no evidence that the scheme works."))
    assert [(i.word, i.suggestions[0], i.source) for i in issues] == [
        ("Their", "There", "confusables")
    ]


def test_a_newsroom_trap_is_hinted_on_evidence_too_weak_for_other_slips() -> None:
    """ "trail" for "trial" is a trap: the model's mild preference is enough for a hint."""
    from dataclasses import replace

    text = "The former minister gave evidence on Friday in his trail for bribery."
    issues = check_words(words_from_text(text))
    assert [(i.word, i.suggestions[0], i.source, i.strong) for i in issues] == [
        ("trail", "trial", "statistics", False)
    ]
    # The same evidence with the trap floors raised to the general ones is not enough.
    strict = SpellingOptions()
    strict = replace(
        strict,
        realword=replace(
            strict.realword,
            trap_hint=strict.realword.hint,
            trap_min_gain=strict.realword.min_gain_hint,
        ),
    )
    assert check_words(words_from_text(text), strict) == []
    # A trap word in its right place is left alone.
    assert flagged("Walkers followed the trail for an hour before the rain.") == {}


def test_a_trap_word_the_story_uses_again_needs_the_usual_evidence() -> None:
    once = "The former minister gave evidence on Friday in his trail for bribery."
    again = "The coastal trail is closed. " + once
    assert flagged(once).get("trail") == ("trial",)
    assert "trail" not in flagged(again)


def test_correct_sentences_are_left_alone() -> None:
    text = (
        "The trial, which is expected to last six weeks, continues on Monday. "
        "There is no evidence that their scheme works, the minister said. "
        "The council's programme will be organised by the centre's staff."
    )
    assert flagged(text) == {}


def test_checks_can_be_switched_off() -> None:
    text = "Analysts ahve welcomed a pubic meeting on Tuesday."
    assert set(flagged(text, SpellingOptions(real_words=False))) == {"ahve"}
    assert set(flagged(text, SpellingOptions(non_words=False))) == {"pubic"}


def test_offsets_are_the_callers() -> None:
    words = [
        WordInContext("We", 100, 102, sentence_start=True),
        WordInContext("ahve", 103, 107),
        WordInContext("left", 108, 112),
        WordInContext(".", 112, 113, TokenClass.PUNCT),
    ]
    (issue,) = check_words(words, SpellingOptions(real_words=False))
    assert (issue.index, issue.start, issue.end) == (1, 103, 107)


@pytest.mark.skipif(os.environ.get("NEWSLINT_NO_DATA_CACHE") == "1", reason="cache disabled")
def test_loading_the_compiled_lexicon_is_fast() -> None:
    import subprocess
    import sys

    code = (
        "import time; t=time.perf_counter();"
        "from newslint.spelling.lexicon import lexicon; lexicon();"
        "print(time.perf_counter()-t)"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)  # warm
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert float(out.stdout) < 0.5


def _name_like_by_letters(text: str, sentence_start: bool) -> bool:
    """The letter-by-letter definition the ASCII shortcut must agree with."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return True
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return True
    if any(c.isupper() for c in letters[1:]):
        return True
    return letters[0].isupper() and not sentence_start


def test_name_like_shortcut_agrees_with_the_letter_by_letter_test() -> None:
    from itertools import product

    from newslint.spelling.checker import _is_name_like

    words = ["".join(p) for n in range(1, 5) for p in product("aBz", repeat=n)]
    words += ["iPhone", "McAlister", "NATO", "Nato", "x", "X", "it's", "U.S.", "co-op", "É", "ÉTÉ"]
    for word in words:
        for start in (False, True):
            assert _is_name_like(word, start) == _name_like_by_letters(word, start), (word, start)
