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

_HEADING_PREFIX = regex.compile(r"[ \t]{0,3}#{1,6}(?:[ \t]+|$)")
_HEADING_SUFFIX = regex.compile(r"(?:[ \t]+#+)?[ \t]*$")
_QUOTE_PREFIX = regex.compile(r"(?:[ \t]{0,3}>[ \t]?)+")
_LIST_PREFIX = regex.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+")
_INDENT = regex.compile(r"[ \t]+")
_SETEXT_UNDERLINE = regex.compile(r"[ \t]{0,3}(?:=+|-+)[ \t]*$")
# A caption: an image alone on its line, then a wholly emphasised paragraph or line.
_IMAGE_LINE = regex.compile(r"[ \t]*!\[[^\]\n]*\]\([^)\n]*\)[ \t]*(?:\n|$)")
_EMPHASISED = regex.compile(r"(\*{1,2}|_{1,2})(?!\s).+?(?<!\s)\1", regex.S)

# Constructs that run to a closing mark (image, link tail, link text, comment,
# autolink) are only *started* here; _InlineScanner finishes them with
# memoised searches for the closing mark. As lookaheads or lazy scans inside
# the expression, every one of them rescans to the end of the line from each
# opening mark, which is quadratic: a line of 100,000 "[" took minutes.
_INLINE_RE = regex.compile(
    r"""
    (?P<escape>\\[!-/:-@\[-`{-~])  # CommonMark: any ASCII punctuation
  | (?P<code>(?<!(?<!\\)`)(?P<ticks>`++).+?(?P=ticks)(?!`))  # from a run's start only
  | (?P<image>!(?=\[))
  | (?P<linktail>\]\()
  | (?P<reftail>\]\[[^\]\n]*\])
  | (?P<footnote>\[\^[^\]\s]{1,40}\]:?)  # footnote mark or definition label
  | (?P<linkopen>\[)
  | (?P<comment><!--)
  | (?P<autolink><(?=(?:https?|mailto|ftp):))
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
    # Past ``maxNesting`` markdown-it silently drops the rest of the document,
    # so the limit is raised and the input's nesting capped (_cap_nesting).
    return MarkdownIt("commonmark", {"maxNesting": _MAX_NESTING}).disable("inline").enable("table")


# Container markers (blanks, ">", list bullets) a line may open with before
# the extras are hidden from the parser. Levels stay far below _MAX_NESTING,
# which stays far below Python's recursion limit (markdown-it recurses per level).
_MAX_PREFIX = 40
_MAX_NESTING = 100
_PREFIX_ITEM = r"(?:[ \t]|>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))"
_DEEP_PREFIX = regex.compile(rf"(?m)^{_PREFIX_ITEM}{{{_MAX_PREFIX}}}({_PREFIX_ITEM}++)")


def _cap_nesting(body: str) -> str:
    """Return ``body`` with markers past the first 40 of a line's prefix made blanks.

    Only the parser sees this copy (it gives line numbers; the prose view is
    built from the real source), so 100,000 nested quotes or list items
    become deep indentation instead of text the parser throws away.
    """
    if _DEEP_PREFIX.search(body) is None:
        return body
    return _DEEP_PREFIX.sub(
        lambda m: (
            m.group()[: m.start(1) - m.start()]
            + "".join(c if c in " \t" else " " for c in m.group(1))
        ),
        body,
    )


def _line_starts(source: str) -> list[int]:
    starts = [0]
    pos = source.find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = source.find("\n", pos + 1)
    return starts


class _NextMatch:
    """First match of a pattern at or after ``i`` (before ``end``), memoised.

    Queries come in rising order while a line is scanned, so remembering the
    last answer makes all the searches of one line linear in its length.
    """

    __slots__ = ("_end", "_pattern", "_query", "_result", "_source")

    def __init__(self, source: str, end: int, pattern: Any) -> None:
        self._source = source
        self._end = end
        self._pattern = pattern
        self._query = end + 1
        self._result = -1

    def __call__(self, i: int) -> int:
        """Return the start of the first match in ``source[i:end]``, or -1."""
        if self._query <= i and (self._result < 0 or i <= self._result):
            return self._result
        m = self._pattern.search(self._source, i, self._end)
        self._query, self._result = i, (m.start() if m else -1)
        return self._result


_CLOSE_BRACKET = regex.compile(r"\]")
_CLOSE_PAREN = regex.compile(r"\)")
_CLOSE_ANGLE = regex.compile(r">")
_DOUBLE_QUOTE = regex.compile(r'"')
_SINGLE_QUOTE = regex.compile(r"'")
_PAREN_OR_SPACE = regex.compile(r"[)\s]")
_ANGLE_OR_SPACE = regex.compile(r"[>\s]")
_COMMENT_END = regex.compile(r"-->")


class _InlineScanner:
    """Find where a started construct ends (the old expression's exact matches)."""

    def __init__(self, source: str, end: int) -> None:
        self.source = source
        self.end = end
        self.bracket = _NextMatch(source, end, _CLOSE_BRACKET)
        self.paren = _NextMatch(source, end, _CLOSE_PAREN)
        self.angle = _NextMatch(source, end, _CLOSE_ANGLE)
        self.quotes = {
            '"': _NextMatch(source, end, _DOUBLE_QUOTE),
            "'": _NextMatch(source, end, _SINGLE_QUOTE),
        }
        self.paren_or_space = _NextMatch(source, end, _PAREN_OR_SPACE)
        self.angle_or_space = _NextMatch(source, end, _ANGLE_OR_SPACE)
        self.comment_end = _NextMatch(source, end, _COMMENT_END)

    def _char(self, i: int) -> str:
        return self.source[i] if i < self.end else ""

    def finish(self, kind: str | None, s: int, e: int) -> int:
        """Return the end of the construct started at ``s``, or -1 if it is not one."""
        if kind == "linkopen":  # \[(?=[^\]\n]*\](?:\(|\[))
            close = self.bracket(s + 1)
            return e if close >= 0 and self._char(close + 1) in ("(", "[") else -1
        if kind == "image":  # !\[[^\]\n]*\]\([^)\n]*\)
            close = self.bracket(s + 2)
            if close < 0 or self._char(close + 1) != "(":
                return -1
            paren = self.paren(close + 2)
            return paren + 1 if paren >= 0 else -1
        if kind == "linktail":  # \]\((?:<[^>\n]*>|[^)\s]*)(?:[ \t]+(?:"..."|'...'))?\)
            q = s + 2
            if self._char(q) == "<":
                angle = self.angle(q + 1)
                if angle >= 0:
                    done = self._title_and_paren(angle + 1)
                    if done >= 0:
                        return done
            stop = self.paren_or_space(q)
            return self._title_and_paren(stop if stop >= 0 else self.end)
        if kind == "comment":  # <!--.*?-->
            close = self.comment_end(s + 4)
            return close + 3 if close >= 0 else -1
        if kind == "autolink":  # <(?:https?|mailto|ftp):[^>\s]+>
            q = self.source.index(":", s, self.end) + 1
            stop = self.angle_or_space(q)
            return stop + 1 if stop > q and self._char(stop) == ">" else -1
        return e

    def _title_and_paren(self, a: int) -> int:
        """Return the end of an optional quoted title and ``)`` at ``a``, or -1."""
        ch = self._char(a)
        if ch == ")":
            return a + 1
        if ch not in (" ", "\t"):
            return -1
        w = a
        while self._char(w) in (" ", "\t"):
            w += 1
        mark = self._char(w)
        if mark in self.quotes:
            close = self.quotes[mark](w + 1)
            if close >= 0 and self._char(close + 1) == ")":
                return close + 2
        return -1


def _scan_inline(
    source: str, start: int, end: int, out: TextBuilder, directives: list[Directive]
) -> None:
    """Emit the prose view of one line's inline content."""
    cursor = start
    pos = start
    scanner: _InlineScanner | None = None
    search = _INLINE_RE.search
    while True:
        m = search(source, pos, end)
        if m is None:
            break
        kind = m.lastgroup
        s, e = m.start(), m.end()
        if kind in _STARTED:
            if scanner is None:
                scanner = _InlineScanner(source, end)
            e = scanner.finish(kind, s, e)
            if e < 0:  # not the construct after all: plain text
                pos = s + 1
                continue
        out.keep(source, cursor, s)
        if kind == "escape":
            out.replace(s, e, source[s + 1 : e])
        elif kind in ("code", "image", "autolink", "url"):
            out.blank(source, s, e)
        elif kind == "entity":
            out.replace(s, e, html.unescape(source[s:e]))
        elif kind == "comment":
            directives.append(Directive(s, e, source[s + 4 : e - 3].strip()))
            out.replace(s, e, "")
        else:
            out.replace(s, e, "")
        cursor = pos = e
    out.keep(source, cursor, end)


_STARTED = frozenset(["linkopen", "image", "linktail", "comment", "autolink"])


def _comments(source: str, start: int) -> Any:
    """Yield (start, end, body) of every ``<!-- ... -->`` from ``start`` on.

    ``str.find`` instead of a lazy ``<!--(.*?)-->`` scan: once no ``-->``
    follows, none can, so a file of unclosed comments stays linear.
    """
    i = source.find("<!--", start)
    while i >= 0:
        close = source.find("-->", i + 4)
        if close < 0:
            return
        yield i, close + 3, source[i + 4 : close]
        i = source.find("<!--", close + 3)


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
    tokens = _parser().parse(_cap_nesting(body))
    prose = _prose_lines(tokens, fm_lines)
    heading_lines = {
        n for n, (_, kind, _, _) in prose.items() if kind in (BlockKind.HEADLINE, BlockKind.SUBHEAD)
    }

    out = TextBuilder()
    directives: list[Directive] = []
    for c_start, c_end, c_body in _comments(source, fm_len):
        line = bisect.bisect_right(starts, c_start) - 1
        if line not in prose:
            directives.append(Directive(c_start, c_end, c_body.strip()))

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
