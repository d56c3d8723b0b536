"""Per-format extractors: source text -> prose view, source map and blocks.

Each extractor returns an :class:`Extraction`. Rules only ever see the prose
view; the engine maps their spans back through the source map.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from typing import Any

from newslint.document.source_map import SourceMap


class Format(enum.StrEnum):
    """Input formats newslint understands."""

    TEXT = "txt"
    MARKDOWN = "md"
    HTML = "html"

    @classmethod
    def parse(cls, value: str) -> Format:
        """Return the format named by ``value`` (``txt``, ``md``, ``html`` ...)."""
        key = value.strip().lower().lstrip(".")
        aliases = {
            "text": "txt",
            "plain": "txt",
            "markdown": "md",
            "htm": "html",
        }
        key = aliases.get(key, key)
        for fmt in cls:
            if fmt.value == key:
                return fmt
        raise ValueError(f"unknown input format {value!r} (expected txt, md or html)")

    @classmethod
    def from_path(cls, path: str) -> Format:
        """Return the format implied by a file name's extension (txt by default)."""
        lower = path.lower()
        if lower.endswith((".md", ".markdown", ".mdown", ".mkd")):
            return cls.MARKDOWN
        if lower.endswith((".html", ".htm", ".xhtml")):
            return cls.HTML
        return cls.TEXT


class BlockKind(enum.StrEnum):
    """The role of a paragraph in the story."""

    HEADLINE = "headline"
    SUBHEAD = "subhead"
    BODY = "body"
    BLOCKQUOTE = "blockquote"
    LIST_ITEM = "list_item"
    CAPTION = "caption"
    BYLINE = "byline"
    DATELINE = "dateline"
    TABLE = "table"  # a row of a table (or a whole plain-text table): data, not copy


@dataclass(frozen=True, slots=True)
class Directive:
    """An inline ``<!-- newslint-... -->`` comment found in the source."""

    src_start: int
    src_end: int
    body: str  # the comment text without the comment markers, stripped


@dataclass(slots=True)
class Extraction:
    """What an extractor produces for the document model."""

    text: str
    smap: SourceMap
    blocks: list[tuple[int, int, BlockKind]]
    ignored: list[tuple[int, int]] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)
    directives: list[Directive] = field(default_factory=list)


def extract(source: str, fmt: Format) -> Extraction:
    """Run the extractor for ``fmt`` over ``source``."""
    if fmt is Format.MARKDOWN:
        from newslint.document.formats.markdown import extract_markdown

        extraction = extract_markdown(source)
    elif fmt is Format.HTML:
        from newslint.document.formats.html import extract_html

        extraction = extract_html(source)
    else:
        from newslint.document.formats.plain import extract_plain

        extraction = extract_plain(source)
    mark_byline(extraction)
    return extraction


# A pipe table's delimiter row: "|---|:--:|" or "--- | ---".
# Possessive quantifiers: backing off can never help, and without them a line
# of 100,000 blanks takes minutes (quadratic backtracking between the \s*).
_TABLE_DELIMITER = re.compile(r"^\s*+\|?\s*+:?-++:?\s*+(?:\|\s*+:?-++:?\s*+)++\|?\s*$")


def is_pipe_table(text: str) -> bool:
    """Return True for a pipe table: a delimiter row, and every row has cells."""
    lines = text.splitlines()
    if len(lines) < 2 or not any(_TABLE_DELIMITER.match(line) for line in lines):
        return False
    return all("|" in line for line in lines)


# Lower-case words a byline may hold between names: joiners and name particles
# ("By Ana de la Cruz and Omar bin Saleh, Associated Press").
_BYLINE_SMALL = frozenset(
    {
        "and", "&", "of", "the", "for", "de", "da", "das", "di", "do", "dos", "du", "del",
        "della", "der", "den", "van", "von", "bin", "bint", "ibn", "al", "el", "la", "le",
    }
)  # fmt: skip
_BYLINE_MAX_WORDS = 20
_BYLINE_MAX_LINES = 3


def is_byline(text: str) -> bool:
    """Return True for an explicit byline: "By NAME [and NAME][, Affiliation]".

    Every word after "By" is capitalised or a joiner or name particle, and the
    line does not end as a sentence does, so "By Tuesday, the river had
    crested." is copy, not a byline.
    """
    if not text.startswith("By ") or text.count("\n") >= _BYLINE_MAX_LINES:
        return False
    words = text.replace(",", " ").split()[1:]
    if not words or len(words) > _BYLINE_MAX_WORDS:
        return False
    last = words[-1]
    if last[-1] in "!?:;" or (last.endswith(".") and len(last.rstrip(".")) > 2):
        return False  # a sentence, unless it ends with "Jr." or an initial
    return all(w[0].isupper() or w.lower() in _BYLINE_SMALL for w in words)


# An all-capitals label that opens a paragraph of the story's head:
# "EDITOR'S NOTE — This story contains ...", "CORRECTION: ...".
_HEAD_LABEL = re.compile(r"[A-Z][A-Z' ]{2,30}\s*[\u2014\u2013:-]")
# Paragraphs after the headline in which a byline may stand.
_HEAD_PARAGRAPHS = 4


def mark_byline(extraction: Extraction) -> None:
    """Give the byline role to an explicit byline paragraph in the story's head.

    The head is what stands between the headline and the copy: captions and
    labelled notes ("EDITOR'S NOTE — ..."). A "By ..." paragraph after the copy
    has started is not a byline of this story.
    """
    blocks = extraction.blocks
    if len(blocks) < 3 or blocks[0][2] is not BlockKind.HEADLINE:
        return
    text = extraction.text
    for i in range(1, min(len(blocks) - 1, _HEAD_PARAGRAPHS + 1)):
        start, end, kind = blocks[i]
        if kind is not BlockKind.BODY:
            continue
        if is_byline(text[start:end]):
            blocks[i] = (start, end, BlockKind.BYLINE)
            return
        if not _HEAD_LABEL.match(text, start, end):
            return
