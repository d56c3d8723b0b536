"""Markdown: markdown-it-py supplies block structure, a small scanner the inline map.

The prose view keeps every newline of the source, so line structure survives;
block markers (``#``, ``>``, list bullets), code, images, link targets,
front matter and HTML blocks are blanked, and inline markup is dropped
through replace segments that the source map remembers.
"""

from __future__ import annotations

import bisect
import html
from functools import lru_cache
from typing import Any

import regex

from newslint.document.formats import BlockKind, Directive, Extraction
from newslint.document.formats.frontmatter import split_front_matter
from newslint.document.source_map import TextBuilder

_COMMENT_RE = regex.compile(r"<!--(.*?)-->", regex.S)
_HEADING_PREFIX = regex.compile(r"[ \t]{0,3}#{1,6}(?:[ \t]+|$)")
_HEADING_SUFFIX = regex.compile(r"(?:[ \t]+#+)?[ \t]*$")
_QUOTE_PREFIX = regex.compile(r"(?:[ \t]{0,3}>[ \t]?)+")
_LIST_PREFIX = regex.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+")
_INDENT = regex.compile(r"[ \t]+")
_SETEXT_UNDERLINE = regex.compile(r"[ \t]{0,3}(?:=+|-+)[ \t]*$")
# A caption: an image alone on its line, then a wholly emphasised paragraph or line.
_IMAGE_LINE = regex.compile(r"[ \t]*!\[[^\]\n]*\]\([^)\n]*\)[ \t]*(?:\n|$)")
_EMPHASISED = regex.compile(r"(\*{1,2}|_{1,2})(?!\s).+?(?<!\s)\1", regex.S)

_INLINE_RE = regex.compile(
    r"""
    (?P<escape>\\[!-/:-@\[-`{-~])  # CommonMark: any ASCII punctuation
  | (?P<code>(?P<ticks>`+).+?(?P=ticks)(?!`))
  | (?P<image>!\[[^\]\n]*\]\([^)\n]*\))
  | (?P<linktail>\]\((?:<[^>\n]*>|[^)\s]*)(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'))?\))
  | (?P<reftail>\]\[[^\]\n]*\])
  | (?P<footnote>\[\^[^\]\s]{1,40}\]:?)  # footnote mark or definition label
  | (?P<linkopen>\[(?=[^\]\n]*\](?:\(|\[)))
  | (?P<comment><!--.*?-->)
  | (?P<autolink><(?:https?|mailto|ftp):[^>\s]+>)
  | (?P<tag></?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>)
  | (?P<entity>&(?:\#\d{1,7}|\#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)
  | (?P<url>(?:https?://|www\.)[^\s<>()]+[^\s<>().,;:!?'"])
  | (?P<stars>\*+|~~)
  | (?P<underscores>(?<![\p{L}\d])_+|_+(?![\p{L}\d]))
    """,
    regex.VERBOSE,
)


@lru_cache(maxsize=1)
def _parser() -> Any:
    from markdown_it import MarkdownIt

    # Only block structure is used (inline markup is scanned with a source
    # map below), so the inline pass is switched off: it is most of the cost.
    # GFM pipe tables are parsed so that their rows become TABLE blocks
    # (data that style rules skip) rather than a paragraph of copy.
    return MarkdownIt("commonmark").disable("inline").enable("table")


def _line_starts(source: str) -> list[int]:
    starts = [0]
    pos = source.find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = source.find("\n", pos + 1)
    return starts


def _scan_inline(
    source: str, start: int, end: int, out: TextBuilder, directives: list[Directive]
) -> None:
    """Emit the prose view of one line's inline content."""
    cursor = start
    for m in _INLINE_RE.finditer(source, start, end):
        out.keep(source, cursor, m.start())
        kind = m.lastgroup
        s, e = m.start(), m.end()
        if kind == "escape":
            out.replace(s, e, m.group()[1])
        elif kind in ("code", "image", "autolink", "url"):
            out.blank(source, s, e)
        elif kind == "entity":
            out.replace(s, e, html.unescape(m.group()))
        elif kind == "comment":
            directives.append(Directive(s, e, m.group()[4:-3].strip()))
            out.replace(s, e, "")
        else:
            out.replace(s, e, "")
        cursor = e
    out.keep(source, cursor, end)


def _line_end(source: str, starts: list[int], index: int) -> int:
    """Return the offset of the newline ending line ``index`` (or EOF)."""
    if index + 1 < len(starts):
        end = starts[index + 1] - 1
        if end > starts[index] and source[end - 1] == "\r":
            end -= 1
        return end
    return len(source)


def _prose_lines(
    tokens: list[Any], line_offset: int
) -> dict[int, tuple[int, BlockKind, bool, bool]]:
    """Map each prose line to (block id, kind, first line?, strip list marker?)."""
    lines: dict[int, tuple[int, BlockKind, bool, bool]] = {}
    quote_depth = 0
    item_depth = 0
    item_fresh = False
    headline_seen = False
    image_before = False  # the previous paragraph was an image alone
    block_id = 0
    for i, tok in enumerate(tokens):
        ttype = tok.type
        if ttype == "blockquote_open":
            quote_depth += 1
        elif ttype == "blockquote_close":
            quote_depth -= 1
        elif ttype == "list_item_open":
            item_depth += 1
            item_fresh = True
        elif ttype == "list_item_close":
            item_depth -= 1
        elif ttype == "tr_open" and tok.map:
            for n in range(*tok.map):
                lines[n + line_offset] = (block_id, BlockKind.TABLE, n == tok.map[0], False)
            block_id += 1
            image_before = False
        elif ttype in ("paragraph_open", "heading_open") and tok.map:
            if ttype == "heading_open":
                if tok.tag == "h1" and not headline_seen:
                    kind = BlockKind.HEADLINE
                    headline_seen = True
                else:
                    kind = BlockKind.SUBHEAD
            elif quote_depth:
                kind = BlockKind.BLOCKQUOTE
            elif item_depth:
                kind = BlockKind.LIST_ITEM
            else:
                kind = BlockKind.BODY
            content = tokens[i + 1].content if i + 1 < len(tokens) else ""
            if kind is BlockKind.BODY and _is_caption(content, image_before):
                kind = BlockKind.CAPTION
            image_before = ttype == "paragraph_open" and _IMAGE_LINE.fullmatch(content) is not None
            first, last = tok.map
            setext = ttype == "heading_open" and tokens[i].markup in ("=", "-")
            for n in range(first, last):
                if setext and n == last - 1:
                    continue
                lines[n + line_offset] = (
                    block_id,
                    kind,
                    n == first,
                    item_fresh and n == first,
                )
            block_id += 1
            item_fresh = False
    return lines


def _is_caption(content: str, image_before: bool) -> bool:
    """Return True for an emphasised paragraph under an image (or its own first line)."""
    m = _IMAGE_LINE.match(content)
    if m:
        content = content[m.end() :]
    elif not image_before:
        return False
    content = content.strip()
    return bool(content) and _EMPHASISED.fullmatch(content) is not None


def extract_markdown(source: str) -> Extraction:
    """Build the prose view of a Markdown document."""
    fm_len, metadata = split_front_matter(source)
    starts = _line_starts(source)
    fm_lines = source.count("\n", 0, fm_len)
    body = source[fm_len:]
    tokens = _parser().parse(body)
    prose = _prose_lines(tokens, fm_lines)
    heading_lines = {
        n for n, (_, kind, _, _) in prose.items() if kind in (BlockKind.HEADLINE, BlockKind.SUBHEAD)
    }

    out = TextBuilder()
    directives: list[Directive] = []
    for cm in _COMMENT_RE.finditer(source, fm_len):
        line = bisect.bisect_right(starts, cm.start()) - 1
        if line not in prose:
            directives.append(Directive(cm.start(), cm.end(), cm.group(1).strip()))

    block_ranges: dict[int, list[int]] = {}
    block_kinds: dict[int, BlockKind] = {}
    for index, line_start in enumerate(starts):
        end = _line_end(source, starts, index)
        newline_end = starts[index + 1] if index + 1 < len(starts) else len(source)
        info = prose.get(index)
        if info is None or line_start < fm_len:
            if line_start >= fm_len and not source[line_start:newline_end].strip():
                # Blank separator lines map one to one, so a fix may delete a
                # whole paragraph together with the blank line after it.
                out.keep(source, line_start, newline_end)
            else:
                out.blank(source, line_start, newline_end)
            continue
        block, kind, _first, strip_marker = info
        cursor = line_start
        for prefix in (_QUOTE_PREFIX,) if kind is BlockKind.BLOCKQUOTE else ():
            m = prefix.match(source, cursor, end)
            if m:
                cursor = m.end()
        if index in heading_lines:
            m = _HEADING_PREFIX.match(source, cursor, end)
            if m:
                cursor = m.end()
            suffix = _HEADING_SUFFIX.search(source, cursor, end)
            content_end = suffix.start() if suffix else end
        else:
            content_end = end
        if strip_marker:
            m = _LIST_PREFIX.match(source, cursor, end)
            if m:
                cursor = m.end()
        m = _INDENT.match(source, cursor, end)
        if m:
            cursor = m.end()
        out.blank(source, line_start, cursor)
        text_start = out.length
        _scan_inline(source, cursor, content_end, out, directives)
        text_end = out.length
        out.blank(source, content_end, end)
        out.keep(source, end, newline_end)
        rng = block_ranges.setdefault(block, [text_start, text_end])
        rng[1] = text_end
        block_kinds[block] = kind

    text, smap = out.build()
    blocks = []
    for block, (s, e) in sorted(block_ranges.items(), key=lambda kv: kv[1][0]):
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            blocks.append((s, e, block_kinds[block]))
    if "title" in metadata:
        metadata.setdefault("headline", str(metadata["title"]))
    return Extraction(
        text=text,
        smap=smap,
        blocks=blocks,
        ignored=out.ignored,
        metadata=metadata,
        directives=sorted(directives, key=lambda d: d.src_start),
    )
