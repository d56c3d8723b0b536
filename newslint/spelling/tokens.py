"""A plain-text tokenizer that feeds the spelling engine without the core.

The linter's rules build :class:`~newslint.spelling.types.WordInContext`
values from the core's own tokens; this module does the same from raw text
for the benchmark harness, the tests, and any caller that has only a string.
It knows just enough of news copy: paragraphs are blank-line separated (single
newlines are hard wraps), a word broken across a line with a hyphen stays one
token, sentence starts follow ``. ! ?`` or a paragraph break, and double
quotation marks (straight or curly) open and close quotations.
"""

from __future__ import annotations

import regex

from newslint.spelling.types import TokenClass, WordInContext

__all__ = ["words_from_text"]

_TOKEN_RE = regex.compile(
    r"""
    (?P<other>https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.-]+|(?<!\w)[@#]\w+
        |[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|edu|gov|info|biz|io|co|uk|tv|fm|eu)\b
        |\w*&\#?\w+;\w*)
    | (?P<number>[$£€]?\d(?:[\d,.:/-]*\d)?[^\W\d_]*%?|[^\W\d_]+\d\w*)
    | (?P<word>[^\W\d_]+(?:(?:['\u2019]|-\n?)(?=[^\W\d_])[^\W\d_]+)*
        (?:(?:\.[^\W\d_])+\.?)?['\u2019]?)
    | (?P<para>\n[ \t]*\n\s*)
    | (?P<punct>[^\w\s])
    """,
    regex.VERBOSE,
)
_OPEN_QUOTES = "\u201c"
_CLOSE_QUOTES = "\u201d"
_SENTENCE_END = ".!?"
_SHORT_QUOTE_WORDS = 3


def words_from_text(text: str) -> list[WordInContext]:
    """Return the tokens of ``text`` as :class:`WordInContext` values, in order."""
    raw: list[tuple[str, int, int, TokenClass]] = []
    breaks: set[int] = set()  # indexes of tokens that start a paragraph
    pending_break = True
    for m in _TOKEN_RE.finditer(text):
        group = m.lastgroup
        if group == "para":
            pending_break = True
            continue
        kind = {
            "word": TokenClass.WORD,
            "number": TokenClass.NUMBER,
            "other": TokenClass.OTHER,
        }.get(group or "", TokenClass.PUNCT)
        if pending_break:
            breaks.add(len(raw))
            pending_break = False
        raw.append((m.group(), m.start(), m.end(), kind))
    # A headline (the first line, when followed by a blank line) is a paragraph.

    quote_of = _quote_spans(raw, breaks)
    # News copy opens with a headline paragraph: everything before the first
    # paragraph break, when there is a later one and it ends without a full stop.
    headline_end = min((b for b in breaks if b > 0), default=0)
    if headline_end and raw[headline_end - 1][0] in _SENTENCE_END:
        headline_end = 0
    out: list[WordInContext] = []
    sentence_start = True
    for i, (tok, start, end, kind) in enumerate(raw):
        if i in breaks:
            sentence_start = True
        quote = quote_of.get(i)
        out.append(
            WordInContext(
                text=tok,
                start=start,
                end=end,
                kind=kind,
                sentence_start=sentence_start and kind is TokenClass.WORD,
                in_quote=quote is not None,
                quoted_term=quote is not None and quote <= _SHORT_QUOTE_WORDS,
                headline=i < headline_end,
            )
        )
        if kind is TokenClass.WORD or kind is TokenClass.NUMBER:
            sentence_start = False
        elif kind is TokenClass.PUNCT and (
            tok in _SENTENCE_END or tok == ":" or tok in _OPEN_QUOTES or tok == '"'
        ):
            # After an opening quotation mark or a colon a capital says nothing either.
            sentence_start = (
                sentence_start
                or tok in _SENTENCE_END
                or tok == ":"
                or (quote is not None or i + 1 in quote_of)
            )
    return out


def _quote_spans(raw: list[tuple[str, int, int, TokenClass]], breaks: set[int]) -> dict[int, int]:
    """Map each token inside a quotation to the number of words in that quotation."""
    inside: dict[int, int] = {}
    open_at: int | None = None
    for i, (tok, _, _, kind) in enumerate(raw):
        if i in breaks and open_at is not None:
            _close(raw, inside, open_at, i)  # a quotation runs to its paragraph's end
            open_at = None
        if kind is not TokenClass.PUNCT:
            continue
        if tok in _OPEN_QUOTES or (tok == '"' and open_at is None):
            open_at = i
        elif (tok in _CLOSE_QUOTES or tok == '"') and open_at is not None:
            _close(raw, inside, open_at, i)
            open_at = None
    if open_at is not None:
        _close(raw, inside, open_at, len(raw))
    return inside


def _close(
    raw: list[tuple[str, int, int, TokenClass]], inside: dict[int, int], a: int, b: int
) -> None:
    n = sum(1 for j in range(a + 1, b) if raw[j][3] is TokenClass.WORD)
    for j in range(a + 1, b):
        inside[j] = n
