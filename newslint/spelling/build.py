"""Compile the spelling lexicon from the packages' data (run once, then cached).

What is compiled, and why:

* **word table**: every word form of interest, with its wordfreq frequency
  (zipf scale) and flags: *vetted* (in a curated word list, so certainly a
  word), *known* (accepted as correctly spelled), *in the language model*,
  *suggestible* (common enough to be offered as a correction);
* **deletion index**: each suggestible word under every string made by
  deleting one of its letters (the SymSpell idea). A misspelling finds its
  candidates within two edits by looking up its own one-letter deletions;
* **real-word candidates**: for each common word, the other common words one
  slip away (letter added, dropped, changed, swapped, moved; two edits for
  longer words), its homophones from the CMU Pronouncing Dictionary, and the
  curated confusables in ``rules/data/confusables.toml``, each with a channel
  cost (how plausible the slip is, in log10 units).

British spellings are known words (the word lists and frequencies cover
both spellings), and spelling variants and regular inflections of one stem
are never real-word candidates of each other (see :mod:`.morph`).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from newslint.spelling.edits import EditKind, channel_cost, classify, deletes
from newslint.spelling.morph import related_forms, variant_key
from newslint.spelling.sources import DataFiles
from newslint.spelling.table import FrozenTable

__all__ = [
    "F_KNOWN",
    "F_LM",
    "F_SUGGEST",
    "F_VARIANT",
    "F_VETTED",
    "Compiled",
    "Thresholds",
    "compile_lexicon",
    "decode_value",
]

# Bit layout of a word-table value.
ZIPF_BITS = 10  # zipf * 100, 0..1023
F_VETTED = 1 << 10
F_KNOWN = 1 << 11
F_LM = 1 << 12
F_SUGGEST = 1 << 13
F_VARIANT = 1 << 14  # set on "~" + variant key: some known word has that key
CAND_OFFSET_SHIFT = 16  # 24 bits: offset of the word's real-word candidates in the blob
CAND_LEN_SHIFT = 40  # 16 bits: their length


@dataclass(frozen=True)
class Thresholds:
    """Frequency cut-offs (wordfreq zipf: 3 = once per million words)."""

    # A word seen this often in wordfreq's corpora is accepted even when no
    # word list has it (new coinages, brand words in lower case) ...
    known_zipf: float = 3.0
    # ... unless a listed word one edit away is this many zipf units commoner
    # (common misspellings such as "teh" or "thier" pass the first test).
    shadow_margin: float = 1.5
    # A word only a game word list has, rarer than this, is unknown when a
    # listed word one edit away is this much commoner.
    rare_listed_zipf: float = 2.5
    rare_listed_margin: float = 2.5
    # Suggestions come from words at least this common.
    suggest_zipf: float = 2.0
    # Real-word slips are checked on words at least this common ...
    target_zipf: float = 2.5
    # ... against candidates at least this common.
    candidate_zipf: float = 3.2
    # Unlisted forms rarer than this are left out of the table (read as zipf 0).
    table_zipf: float = 1.0
    min_length: int = 3
    # Real-word candidates kept per word, best prior first ...
    max_candidates: int = 5
    # ... and none this much rarer than the typed word: the model cannot make
    # a rare intended word win over a far commoner typed one.
    max_rarer: float = 2.0
    # A candidate's penalty (log10) is this times the channel cost of the
    # slip; a homophone's is this (negative: sound-alikes are the commonest
    # real-word confusion).
    channel_weight: float = 0.5
    homophone_penalty: float = -1.5


@dataclass
class Compiled:
    """The compiled lexicon, ready to store."""

    words: FrozenTable
    deletions: FrozenTable
    # Offsets into the blobs count characters of a str, or bytes of mapped
    # UTF-8; build.py writes ASCII-only blobs so both agree.
    deletion_blob: str | memoryview
    candidate_blob: str | memoryview


def decode_value(value: int) -> tuple[float, int]:
    """Return (zipf, flags) of a word-table value."""
    return (value & ((1 << ZIPF_BITS) - 1)) / 100.0, value & 0xFC00


def _read_wordfreq() -> dict[str, float]:
    """Return word -> zipf frequency from wordfreq's large English list."""
    import wordfreq

    return {
        word: math.log10(freq) + 9.0
        for word, freq in wordfreq.get_frequency_dict("en", wordlist="large").items()
        if freq > 0
    }


def _read_lines(path: str, column: int = 0) -> Iterable[str]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) > column:
                yield parts[column].lower()


def _read_pronunciations(files: DataFiles) -> dict[str, set[str]]:
    """Return pronunciation -> words, from the CMU dictionary (alternates included)."""
    by_sound: dict[str, set[str]] = defaultdict(set)
    with open(files.sphinx_dictionary, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) < 2:
                continue
            word = parts[0].split("(", 1)[0].lower()
            by_sound[" ".join(parts[1:])].add(word)
    return by_sound


def _is_alpha(word: str) -> bool:
    return word.isalpha() and word.isascii()


def _is_wordlike(word: str) -> bool:
    """Letters with at most one inner apostrophe (it's, who's, don't)."""
    return _is_alpha(word.replace("'", "", 1)) and not word.startswith("'")


def compile_lexicon(
    files: DataFiles,
    confusables: Mapping[str, Iterable[str]],
    lm_knows: object,
    limits: Thresholds | None = None,
) -> Compiled:
    """Build every table from ``files``.

    ``confusables`` maps a word to curated words it is confused with;
    ``lm_knows`` is a callable telling whether the language model has a word.
    """
    t = limits or Thresholds()
    knows = lm_knows if callable(lm_knows) else (lambda w: False)
    zipf = _read_wordfreq()
    scrabble = {w for w in _read_lines(str(files.wordsegment_words)) if _is_alpha(w)}
    spell = {w for w in _read_lines(str(files.symspell_dictionary)) if _is_alpha(w)}
    vetted = scrabble | spell

    # Suggestible words and their deletion index: listed words first ...
    suggest = {w for w in vetted if zipf.get(w, 0.0) >= t.suggest_zipf}
    del_index: dict[str, list[str]] = defaultdict(list)

    def index(word: str) -> None:
        for d in deletes(word, 1):
            if d != word:
                del_index[d].append(word)

    for w in suggest:
        index(w)

    def near_commoner(word: str, z: float, margin: float = t.shadow_margin) -> bool:
        """Return True when a suggestible word one edit away is much commoner."""
        pool: set[str] = set(del_index.get(word, ()))
        for d in deletes(word, 1):
            if d in suggest:
                pool.add(d)
            pool.update(del_index.get(d, ()))
        return any(
            zipf.get(c, 0.0) >= z + margin
            and c != word
            and classify(word, c) is not EditKind.OTHER
            and not related_forms(word, c)
            for c in pool
        )

    # ... then frequent unlisted words, unless they look like a misspelling of
    # a much commoner listed word.
    # Game word lists carry obscure forms one slip from common words ("ahed"
    # for "ahead"); a rare one that only such a list has must earn its place.
    known = {
        w
        for w in vetted
        if w in spell
        or zipf.get(w, 0.0) >= t.rare_listed_zipf
        or not near_commoner(w, zipf.get(w, 0.0), t.rare_listed_margin)
    }
    for w, z in zipf.items():
        if z >= t.known_zipf and w not in known and not near_commoner(w, z):
            known.add(w)
    for w in sorted(known - vetted):
        if _is_alpha(w) and len(w) > 1 and zipf.get(w, 0.0) >= t.known_zipf + 0.5:
            suggest.add(w)
            index(w)

    in_lm = {w for w in known if _is_wordlike(w) and knows(w)}

    # Real-word candidate lists.
    pool = {
        w for w in in_lm & vetted if len(w) >= t.min_length and zipf.get(w, 0.0) >= t.candidate_zipf
    }
    homophones: dict[str, set[str]] = defaultdict(set)
    for words in _read_pronunciations(files).values():
        group = words & in_lm
        if len(group) > 1:
            for w in group:
                homophones[w].update(group - {w})
    candidates: dict[str, dict[str, float]] = {}
    targets = [w for w in in_lm if len(w) >= t.min_length and zipf.get(w, 0.0) >= t.target_zipf]
    for w in targets:
        found: dict[str, float] = {}
        near: set[str] = set(del_index.get(w, ()))
        for d in deletes(w, 1):
            if d in pool:
                near.add(d)
            near.update(del_index.get(d, ()))
        floor = zipf.get(w, 0.0) - t.max_rarer
        for c in near:
            if c == w or c not in pool or zipf.get(c, 0.0) < floor or related_forms(w, c):
                continue
            kind = classify(w, c)
            if kind is EditKind.OTHER or (kind is EditKind.DOUBLE and min(len(w), len(c)) < 5):
                continue
            found[c] = t.channel_weight * channel_cost(w, c)
        for c in homophones.get(w, ()):
            if c in pool and zipf.get(c, 0.0) >= floor and not related_forms(w, c):
                found[c] = t.homophone_penalty
        # Keep the likeliest few by prior (frequency less penalty); curated always.
        ranked = sorted(found, key=lambda c: (found[c] - zipf.get(c, 0.0), c))
        kept = {c: found[c] for c in ranked[: t.max_candidates]}
        for c in confusables.get(w, ()):
            if c in in_lm and c != w:
                kept[c] = min(found.get(c, 0.0), t.homophone_penalty)
        if kept:
            candidates[w] = kept

    # Serialise.
    blob_parts: list[str] = []
    offset = 0
    cand_pos: dict[str, tuple[int, int]] = {}
    for w in sorted(candidates):
        text = ",".join(f"{c}:{round(cost * 10)}" for c, cost in sorted(candidates[w].items()))
        cand_pos[w] = (offset, len(text))
        blob_parts.append(text)
        offset += len(text)
    candidate_blob = "".join(blob_parts)

    def value(w: str) -> int:
        z = min(1023, max(0, round(zipf.get(w, 0.0) * 100)))
        flags = 0
        if w in vetted:
            flags |= F_VETTED
        if w in known:
            flags |= F_KNOWN
        if w in in_lm:
            flags |= F_LM
        if w in suggest and w in known:
            flags |= F_SUGGEST
        v = z | flags
        if w in cand_pos:
            off, n = cand_pos[w]
            v |= (off << CAND_OFFSET_SHIFT) | (n << CAND_LEN_SHIFT)
        return v

    # Rare unlisted forms carry no information worth a table slot.
    everything = {w for w, z in zipf.items() if z >= t.table_zipf} | known | suggest
    variant_keys = {"~" + variant_key(w) for w in known if _is_alpha(w)}
    words_table = FrozenTable.build(
        [*((w, value(w)) for w in everything), *((k, F_VARIANT) for k in variant_keys)]
    )

    del_parts: list[str] = []
    del_items: list[tuple[str, int]] = []
    offset = 0
    for d in sorted(del_index):
        text = " ".join(sorted(del_index[d]))
        del_items.append((d, (offset << 16) | len(text)))
        del_parts.append(text)
        offset += len(text)
    deletions = FrozenTable.build(del_items)
    blobs = "".join(del_parts) + candidate_blob
    if not blobs.isascii():
        raise ValueError("the spelling blobs must be ASCII (offsets are byte offsets)")
    return Compiled(words_table, deletions, "".join(del_parts), candidate_blob)
