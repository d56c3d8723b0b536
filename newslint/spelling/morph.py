"""Word-form relations that are never typos of each other for this engine.

Two kinds of near-identical pairs are excluded from real-word checking:

* **spelling variants** (British and American: organise/organize,
  colour/color, centre/center, travelled/traveled). The corpus is British copy;
  a variant is a house-style matter, not a slip.
* **regular inflections** of one stem (attention/attentions, settle/settled):
  singular against plural or present against past is agreement, which a
  grammar checker judges from the whole clause. Two-word statistics cannot,
  and they produce most of the false alarms of a naive real-word checker.

Irregular forms (begun/began, chose/choose) are not excluded: they are
ordinary slips.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["ends_in_s_form", "inflection_pair", "related_forms", "variant_key", "variant_pair"]

# Orthographic correspondences between British and American spelling, applied
# in order to produce a key shared by both spellings. They are general rules of
# the two spelling systems, anchored to the suffixes they apply to, so that
# unrelated words never share a key (mourning/morning, four/for, shoe/she).
_VARIANT_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"(?<=[a-z]{3})our(?=$|s$|ed$|ing$|ite|able|ably|ful|less|ism|ist|er$|ers$)", "or"),
        (r"(?<=[a-z]{4})or(?=s?$)", "er"),
        (r"(?<=[a-z]{3})is(?=e$|es$|ed$|ing$|ation|er$|ers$)", "iz"),
        (r"(?<=[a-z]{2})ys(?=e$|es$|ed$|ing$)", "yz"),
        (r"(?<=[a-z]{2})([tb])re(?=$|s$|d$)", r"\1er"),
        (r"(?<=[a-z]{3})ogue(?=$|s$)", "og"),
        (r"(?<=[a-z]{2})ence(?=$|s$)", "ense"),
        (r"(?<=gra)mme(?=$|s$)", "m"),
        (r"(?<=[a-z])([ao])e(?=[a-z]{2})", "e"),
        (r"(?<=[a-z])yre(?=$|s$)", "ire"),
        (r"(?<=[a-z])eable$", "able"),
        (r"geing$", "ging"),
        (r"dgement(?=$|s$)", "dgment"),
        (r"(?<=[aeiou])ll(?=ed$|ing$|er$|ers$|or$|ors$|ery$|ment|ful|en$)", "l"),
        (r"(?<=[a-z]{2}[aeiou])ll$", "l"),
    )
)

_SUFFIXES = ("ing", "es", "ed", "s", "d")
# Suffixes that replace a stem's silent "e" ("make": "making", "hope": "hoped").
_SILENT_E_SUFFIXES = frozenset({"ing", "ed", "es"})


@lru_cache(maxsize=65536)
def variant_key(word: str) -> str:
    """Return a spelling-system-neutral key: equal keys mean variant spellings."""
    for pattern, replacement in _VARIANT_RULES:
        word = pattern.sub(replacement, word)
    return word


def variant_pair(a: str, b: str) -> bool:
    """Return True when ``a`` and ``b`` are spellings of one word (colour/color)."""
    return a != b and variant_key(a) == variant_key(b)


@lru_cache(maxsize=65536)
def _stems(word: str) -> frozenset[str]:
    """Return the forms ``word`` may be a regular inflection of (and itself).

    A silent "e" comes back only before "-ing", "-ed" and "-es" ("making":
    "make", "notes": "note"); a bare "-d" or "-s" follows an "e" or a whole
    stem ("settled": "settle", "fines": "fine"), so "find" is not "fine" + d
    and "fins" is not "fine" + s.
    """
    out = {word}
    if word.endswith(("ies", "ied")) and len(word) > 4:
        out.add(word[:-3] + "y")
    for suffix in _SUFFIXES:
        if not word.endswith(suffix) or len(word) - len(suffix) < 3:
            continue
        if suffix == "d" and not word.endswith("ed"):
            continue  # "find", "band": no "-d" inflection without its "e"
        stem = word[: -len(suffix)]
        out.add(stem)
        if suffix in _SILENT_E_SUFFIXES:
            out.add(stem + "e")
        if len(stem) >= 2 and stem[-1] == stem[-2]:
            out.add(stem[:-1])
    return frozenset(out)


def ends_in_s_form(word: str) -> bool:
    """Return True when lower-case ``word`` may be a plural or third-person "-s" form.

    "members", "pays": yes; "press", "status", "this" and possessives
    ("union's") end in an "s" that is no inflection.
    """
    return len(word) >= 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "'s"))


def inflection_pair(a: str, b: str) -> bool:
    """Return True when ``a`` and ``b`` are regular inflections of one stem."""
    return a != b and not _stems(a).isdisjoint(_stems(b))


def related_forms(a: str, b: str) -> bool:
    """Return True when the pair is a variant or an inflection (never a slip here).

    Inflections are compared on the variant keys too, so colour/colors counts.
    """
    if a == b:
        return False
    return (
        variant_pair(a, b)
        or inflection_pair(a, b)
        or inflection_pair(variant_key(a), variant_key(b))
    )
