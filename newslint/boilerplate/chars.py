"""Character-level residue: mojibake, invisible characters, markup, placeholders.

Each scanner takes the prose view and returns :class:`Hit` objects in
prose-view offsets. They run one compiled regex over the text, so their cost
is linear in its length.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import regex

from newslint.boilerplate.lines import DATA_FILE
from newslint.data import load_data


@dataclass(frozen=True, slots=True)
class Hit:
    """One character-level finding."""

    start: int
    end: int
    message: str
    replacement: str | None = None  # the safe repair, when there is one


# --- mojibake ---------------------------------------------------------------

# UTF-8 read as Windows-1252 / Latin-1: a lead byte shown as one of Â-ô
# followed by continuation bytes shown as Windows-1252 punctuation, C1
# controls or Latin-1 symbols.
_CONT = (
    "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
_MOJIBAKE_RE = re.compile(rf"(?:[\u00c2-\u00f4][{_CONT}]{{1,3}})+|\ufffd+")
_MOJIBAKE_LEAD_RE = re.compile("[\u00c2-\u00f4\ufffd]")
_CP1252_BACK = {}
for _b in range(0x80, 0xA0):
    try:
        _CP1252_BACK[bytes([_b]).decode("cp1252")] = _b
    except UnicodeDecodeError:
        _CP1252_BACK[chr(_b)] = _b


def _as_bytes(text: str) -> bytes | None:
    out = bytearray()
    for ch in text:
        code = ord(ch)
        if ch in _CP1252_BACK:
            out.append(_CP1252_BACK[ch])
        elif code < 0x100:
            out.append(code)
        else:
            return None
    return bytes(out)


def repair_mojibake(text: str) -> str | None:
    """Return ``text`` decoded back from UTF-8-read-as-Windows-1252, or None."""
    current = text
    for _ in range(3):  # double-encoded text needs two rounds
        raw = _as_bytes(current)
        if raw is None:
            break
        try:
            decoded = raw.decode("utf-8")
        except UnicodeDecodeError:
            break
        if decoded == current:
            break
        current = decoded
    return current if current != text else None


def find_mojibake(text: str) -> list[Hit]:
    """Return garbled-encoding sequences such as 'â€™' or 'Ã©'."""
    first = _MOJIBAKE_LEAD_RE.search(text)  # a fast scan before the slower pattern
    if first is None:
        return []
    hits = []
    for m in _MOJIBAKE_RE.finditer(text, first.start()):
        s, e = m.span()
        if text[s] == "\ufffd":
            hits.append(
                Hit(s, e, "Replacement character '\ufffd': a character was lost in decoding.")
            )
            continue
        fixed = repair_mojibake(text[s:e])
        if fixed is None:
            continue
        hits.append(
            Hit(
                s,
                e,
                f"Mojibake '{text[s:e]}': UTF-8 text decoded as Windows-1252; "
                f"it should read '{fixed}'.",
                fixed,
            )
        )
    return hits


# --- invisible and control characters ---------------------------------------

_INVISIBLE_RE = re.compile(
    "[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufffc]+"
)
# Right-to-left letters (the right-to-left mark is itself of class R).
_RTL_RE = regex.compile(r"(?!\u200f)[\p{Bidi_Class=R}\p{Bidi_Class=AL}]")
_JOINER_CONTEXT_RE = regex.compile(r"[\p{Extended_Pictographic}\p{Emoji_Modifier}\ufe0f\p{M}]")
_SCRIPT_JOINERS = "\u200c\u200d"


def _char_name(ch: str) -> str:
    names = {
        "\u00ad": "soft hyphen",
        "\u200b": "zero-width space",
        "\u200c": "zero-width non-joiner",
        "\u200d": "zero-width joiner",
        "\u200e": "left-to-right mark",
        "\u200f": "right-to-left mark",
        "\u2060": "word joiner",
        "\ufeff": "byte-order mark",
        "\ufffc": "object replacement character",
    }
    if ch in names:
        return names[ch]
    return unicodedata.name(ch, f"control character U+{ord(ch):04X}").lower()


def find_invisible(text: str) -> list[Hit]:
    """Return zero-width, bidi-control and control characters in the text."""
    first = _INVISIBLE_RE.search(text)  # search is much faster than finditer here
    if first is None:
        return []
    hits = []
    has_rtl: bool | None = None
    for m in _INVISIBLE_RE.finditer(text, first.start()):
        s, e = m.span()
        run = m.group()
        before = text[s - 1] if s else ""
        after = text[e] if e < len(text) else ""
        if all(ch in _SCRIPT_JOINERS for ch in run) and (
            _JOINER_CONTEXT_RE.match(before or " ")
            or _JOINER_CONTEXT_RE.match(after or " ")
            or not (before.isascii() and after.isascii())
        ):
            continue  # emoji sequences and scripts that need joiners
        if any(0x200E <= ord(ch) <= 0x200F or 0x202A <= ord(ch) <= 0x2069 for ch in run):
            if has_rtl is None:
                has_rtl = _RTL_RE.search(text) is not None
            if has_rtl:
                continue  # bidi marks are legitimate in right-to-left text
        # A control character between two words stands for a space.
        replacement = ""
        if any(unicodedata.category(ch) == "Cc" for ch in run) and (
            before and not before.isspace() and after and not after.isspace()
        ):
            replacement = " "
        names = ", ".join(dict.fromkeys(_char_name(ch) for ch in run))
        hits.append(Hit(s, e, f"Invisible character in the text ({names}).", replacement))
    return hits


# --- markup and template residue --------------------------------------------

_TAGS = (
    "a|abbr|article|aside|b|big|blockquote|body|br|button|caption|center|cite|code|dd|del|"
    "div|dl|dt|em|embed|figcaption|figure|font|footer|form|h[1-6]|head|header|hr|html|i|"
    "iframe|img|input|ins|label|li|link|main|mark|meta|nav|noscript|ol|p|picture|pre|q|s|"
    "script|section|small|source|span|strike|strong|style|sub|sup|table|tbody|td|tfoot|th|"
    "thead|time|tr|u|ul|video"
)
_MARKUP_RE = regex.compile(
    rf"""
    (?P<comment><!--.{{0,500}}?-->)
  | (?P<tag></?(?:{_TAGS})(?:\s[^<>]{{0,300}})?/?>)
  | (?P<entity>&(?:[A-Za-z][A-Za-z0-9]{{1,31}}|\#\d{{1,7}}|\#[xX][0-9A-Fa-f]{{1,6}});)
  | (?P<template>\{{\{{.{{0,200}}?\}}\}}|\{{%.{{0,200}}?%\}}|\{{\#.{{0,200}}?\#\}}|<%.{{0,200}}?%>
      |\$\{{[A-Za-z_][\w.]{{0,60}}\}}|%%[A-Za-z_]\w{{0,40}}%%)
  | (?P<shortcode>\[/?(?:caption|gallery|embed|video|audio|playlist|vc_\w+|et_pb_\w+
      |contact-form(?:-\d+)?|wp_\w+|youtube|tweet|instagram)(?:\s[^\[\]]{{0,300}})?\])
    """,
    regex.VERBOSE | regex.IGNORECASE | regex.DOTALL,
)
_MD_LINK_RE = regex.compile(r"\[[^\[\]\n]{1,200}\]\((?:https?://|/)[^()\s]{1,500}\)")


def find_markup(text: str, *, plain: bool) -> list[Hit]:
    """Return HTML tags, entities and template tags left in the prose view.

    ``plain`` is True for plain-text input, where Markdown link syntax is
    residue too (in Markdown input the extractor has already removed it).
    """
    hits = []
    if "<" in text or "&" in text or "{" in text or "[" in text or "%" in text or "$" in text:
        for m in _MARKUP_RE.finditer(text):
            s, e = m.span()
            what = m.lastgroup
            if what == "entity":
                decoded = html.unescape(m.group())
                if decoded == m.group():
                    continue
                if decoded == "\u00a0":
                    decoded = " "
                hits.append(
                    Hit(s, e, f"HTML entity '{m.group()}' in the text; write '{decoded}'.", decoded)
                )
            elif what in ("tag", "comment"):
                hits.append(Hit(s, e, f"HTML markup '{_clip(m.group())}' left in the text."))
            elif what == "template":
                hits.append(Hit(s, e, f"Template tag '{_clip(m.group())}' left in the text."))
            else:
                hits.append(Hit(s, e, f"CMS shortcode '{_clip(m.group())}' left in the text."))
    if plain and "](" in text:
        for m in _MD_LINK_RE.finditer(text):
            hits.append(
                Hit(m.start(), m.end(), f"Markdown link '{_clip(m.group())}' in plain text.")
            )
    return hits


def _clip(s: str, n: int = 40) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


# --- placeholders -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Placeholders:
    words: Any  # re.Pattern[str]
    word_heads: tuple[str, ...]  # two-letter starts of the words, a fast prefilter
    phrases: Any  # case-insensitive phrases
    keywords: tuple[str, ...]  # one of them is in every phrase match (lower-case)
    caps: Any  # case-sensitive phrases
    caps_keywords: tuple[str, ...]  # one of them is in every caps match
    bracketed: Any


@lru_cache(maxsize=1)
def _placeholders() -> _Placeholders:
    raw = load_data(DATA_FILE)["placeholders"]
    words = "|".join(re.escape(w) for w in sorted(raw["words"], key=len, reverse=True))
    phrases = "|".join(raw["phrases"])
    caps = "|".join(raw["caps"])
    inner = "|".join(raw["bracketed"])
    return _Placeholders(
        words=re.compile(rf"\b(?:{words})\b"),
        word_heads=tuple(sorted({w[:2] for w in raw["words"]})),
        phrases=re.compile(rf"\b(?:{phrases})\b", re.IGNORECASE),
        keywords=tuple(raw["keywords"]),
        caps=re.compile(rf"\b(?:{caps})\b"),
        caps_keywords=tuple(raw["caps_keywords"]),
        bracketed=re.compile(
            rf"\[\s*(?:{inner})\s*\]|\{{\s*(?:{inner})\s*\}}|<<\s*(?:{inner})\s*>>",
            re.IGNORECASE,
        ),
    )


_MONTHS = frozenset(
    {
        *("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct"),
        *("nov", "dec", "january", "february", "march", "april", "june", "july"),
        *("august", "september", "october", "november", "december"),
    }
)
_PREV_WORD_RE = regex.compile(r"([\p{L}][\p{L}.'’-]*)([\s,]*)$")
_NEXT_WORD_RE = regex.compile(r"([\s,]*)([\p{L}][\p{L}'’-]*)")
_MONEY_XX_HINT_RE = re.compile(r"[$£€¥]X|XX|X%")
_MONEY_XX_RE = re.compile(
    r"(?<![\w$£€¥])(?:[$£€¥]X{1,4}(?:[.,]X{1,3})*|X{1,3}(?:,X{3})+|X{1,3}(?:\.X{1,2})?%)(?!\w)"
)


def _is_name_like(word: str) -> bool:
    return word[:1].isupper() and word.rstrip(".").lower() not in _MONTHS


def _word_is_placeholder(text: str, s: int, e: int) -> bool:
    """Tell a placeholder 'TK'/'XX' from a name, a numeral or a list item."""
    word = text[s:e]
    if len(word) >= 4 and word.startswith("TKTK"):
        return True
    if word == "FIXME":
        return True
    before = _PREV_WORD_RE.search(text, max(0, s - 40), s)
    after = _NEXT_WORD_RE.match(text, e, min(len(text), e + 40))
    if after:
        nxt = after.group(2)
        if nxt[:1].isupper():
            return False  # TK Maxx, or an item in a list of names
        if word.startswith("X") and nxt.lower().startswith("chromosome"):
            return False
    # Super Bowl XX and other Roman numerals, or an item in a list of names.
    return not (before and _is_name_like(before.group(1)))


def find_placeholders(text: str) -> list[Hit]:
    """Return placeholder text: TK, XX, lorem ipsum, [photo], FIXME ..."""
    p = _placeholders()
    hits = []
    if any(head in text for head in p.word_heads):
        for m in p.words.finditer(text):
            if _word_is_placeholder(text, m.start(), m.end()):
                hits.append(Hit(m.start(), m.end(), f"Placeholder '{m.group()}' left in the copy."))
    if _MONEY_XX_HINT_RE.search(text):
        for m in _MONEY_XX_RE.finditer(text):
            hits.append(
                Hit(m.start(), m.end(), f"Placeholder figure '{m.group()}' left in the copy.")
            )
    low = text.lower()
    for pattern, found in (
        (p.phrases, any(k in low for k in p.keywords)),
        (p.caps, any(k in text for k in p.caps_keywords)),
    ):
        if found:
            for m in pattern.finditer(text):
                hits.append(
                    Hit(m.start(), m.end(), f"Placeholder text '{m.group()}' left in the copy.")
                )
    if "[" in text or "{" in text or "<<" in text:
        for m in p.bracketed.finditer(text):
            hits.append(Hit(m.start(), m.end(), f"Placeholder '{m.group()}' left in the copy."))
    hits.sort(key=lambda h: (h.start, -h.end))
    kept: list[Hit] = []
    for h in hits:
        if kept and h.start < kept[-1].end:
            continue
        kept.append(h)
    return kept
