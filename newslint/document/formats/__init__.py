"""Per-format extractors: source text -> prose view, source map and blocks.

Each extractor returns an :class:`Extraction`. Rules only ever see the prose
view; the engine maps their spans back through the source map.
"""

from __future__ import annotations

import enum
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

        return extract_markdown(source)
    if fmt is Format.HTML:
        from newslint.document.formats.html import extract_html

        return extract_html(source)
    from newslint.document.formats.plain import extract_plain

    return extract_plain(source)
