"""HTML: the text of the article body, with an exact map back to the markup.

A tolerant scanner (not a DOM) walks the source once: tags become nothing or a
paragraph break, entities are decoded, scripts, styles and the page head are
blanked. The article body is ``<article>`` when the page has one, then
``<main>``, then ``<body>``, then the whole file.
"""

from __future__ import annotations

import bisect
import html
import itertools

import regex

from newslint.document.formats import BlockKind, Directive, Extraction
from newslint.document.source_map import TextBuilder

_TOKEN_RE = regex.compile(
    r"""
    (?P<comment><!--.*?(?:-->|\Z))
  | (?P<raw><(?P<rawname>script|style|noscript|template|svg|head|iframe|object)\b[^>]*>
      .*?(?:</(?P=rawname)\s*>|\Z))
  | (?P<decl><![^>]*>|<\?[^>]*>)
  | (?P<tag></?(?P<name>[A-Za-z][A-Za-z0-9-]*)(?:\s(?:[^<>"']|"[^"]*"|'[^']*')*)?/?>)
  | (?P<entity>&(?:\#\d{1,7}|\#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?)
    """,
    regex.VERBOSE | regex.S | regex.I,
)

_BLOCK_KINDS = {
    "h1": BlockKind.HEADLINE,
    "h2": BlockKind.SUBHEAD,
    "h3": BlockKind.SUBHEAD,
    "h4": BlockKind.SUBHEAD,
    "h5": BlockKind.SUBHEAD,
    "h6": BlockKind.SUBHEAD,
    "li": BlockKind.LIST_ITEM,
    "blockquote": BlockKind.BLOCKQUOTE,
    "figcaption": BlockKind.CAPTION,
    "caption": BlockKind.CAPTION,
    "p": BlockKind.BODY,
}
_BREAKING = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "caption",
        "html",
    ]
)
_CONTAINERS = ("article", "main", "body")
_BLANK_LINE = regex.compile(r"\n[ \t\r]*\n")


_CONTAINER_KINDS = {
    "blockquote": BlockKind.BLOCKQUOTE,
    "li": BlockKind.LIST_ITEM,
    "figcaption": BlockKind.CAPTION,
    "caption": BlockKind.CAPTION,
}
# The whitespace and one newline that follow a <br> in the source.
_BR_TAIL = regex.compile(r"[ \t]*\r?\n[ \t]*")


_LISTS = frozenset({"ul", "ol"})


def _close_container(
    containers: list[tuple[str, BlockKind]], name: str, stop: frozenset[str] = frozenset()
) -> None:
    """Close the innermost open ``name`` container and any left open inside it.

    The search ends at a container named in ``stop``: an opening ``<li>``
    closes an unclosed ``<li>`` of its own list, as HTML does, never one of
    an outer list.
    """
    for k in range(len(containers) - 1, -1, -1):
        if containers[k][0] == name:
            del containers[k:]
            return
        if containers[k][0] in stop:
            return


def _body_range(source: str) -> tuple[int, int]:
    """Return the source range of the article body's inner HTML."""
    for name in _CONTAINERS:
        open_m = regex.search(rf"<{name}\b[^>]*>", source, regex.I)
        if open_m:
            closes = list(regex.finditer(rf"</{name}\s*>", source, regex.I))
            close_m = closes[-1] if closes else None
            end = close_m.start() if close_m and close_m.start() > open_m.end() else len(source)
            return open_m.end(), end
    return 0, len(source)


def _title(source: str) -> str | None:
    m = regex.search(r"<title\b[^>]*>(.*?)</title\s*>", source, regex.I | regex.S)
    if m:
        return " ".join(html.unescape(m.group(1)).split()) or None
    return None


def extract_html(source: str) -> Extraction:
    """Build the prose view of an HTML document."""
    body_start, body_end = _body_range(source)
    out = TextBuilder()
    out.blank(source, 0, body_start)
    directives: list[Directive] = []
    block_starts: list[tuple[int, BlockKind]] = [(0, BlockKind.BODY)]
    # Open containers that give their role to the paragraphs inside them:
    # a <p> in a <blockquote> is quoted matter, a <p> in an <li> a list item.
    containers: list[tuple[str, BlockKind]] = []
    cursor = body_start
    for m in _TOKEN_RE.finditer(source, body_start, body_end):
        if m.start() < cursor:
            continue  # whitespace already taken with a <br>
        out.keep(source, cursor, m.start())
        s, e = m.start(), m.end()
        kind = m.lastgroup
        if m.group("comment") is not None:
            body = m.group()[4:]
            body = body[:-3] if body.endswith("-->") else body
            directives.append(Directive(s, e, body.strip()))
            out.replace(s, e, "")
        elif m.group("raw") is not None or m.group("decl") is not None:
            out.blank(source, s, e)
        elif m.group("tag") is not None:
            name = m.group("name").lower()
            closing = m.group().startswith("</")
            if name == "br":
                # One line break: the source's own newline after the tag is
                # part of it (HTML collapses it), so it does not end the paragraph.
                after = _BR_TAIL.match(source, e, body_end)
                if after is not None:
                    e = after.end()
                out.replace(s, e, "\n")
            elif name in _BREAKING:
                out.replace(s, e, "\n\n")
                inherited = containers[-1][1] if containers else BlockKind.BODY
                if name in _CONTAINER_KINDS or name in _LISTS:
                    if closing:
                        _close_container(containers, name)
                    else:
                        if name == "li":
                            _close_container(containers, name, stop=_LISTS)
                        kind_in = _CONTAINER_KINDS.get(name, inherited)
                        containers.append((name, kind_in))
                    inherited = containers[-1][1] if containers else BlockKind.BODY
                if not closing:
                    kind_of = _BLOCK_KINDS.get(name, BlockKind.BODY)
                    if kind_of is BlockKind.BODY:
                        kind_of = inherited
                    block_starts.append((out.length, kind_of))
                else:
                    block_starts.append((out.length, inherited))
            else:
                out.replace(s, e, "")
        elif kind == "entity":
            out.replace(s, e, html.unescape(m.group()))
        cursor = e
    out.keep(source, cursor, body_end)
    out.blank(source, body_end, len(source))
    text, smap = out.build()

    blocks: list[tuple[int, int, BlockKind]] = []
    block_starts.append((len(text), BlockKind.BODY))
    for (start, kind), (end, _) in itertools.pairwise(block_starts):
        cursor = start
        pieces = [*_BLANK_LINE.finditer(text, start, end)]
        bounds = []
        for p in pieces:
            bounds.append((cursor, p.start()))
            cursor = p.end()
        bounds.append((cursor, end))
        for s, e in bounds:
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s and not _is_ignored(out.ignored, s, e):
                blocks.append((s, e, kind))
    metadata: dict[str, str] = {}
    title = _title(source)
    if title:
        metadata["title"] = title
    return Extraction(
        text=text,
        smap=smap,
        blocks=blocks,
        ignored=out.ignored,
        metadata=dict(metadata),
        directives=directives,
    )


def _is_ignored(ignored: list[tuple[int, int]], start: int, end: int) -> bool:
    """Return True when the whole span is blanked text.

    ``ignored`` is sorted and disjoint (the builder appends left to right), so
    only the last span starting at or before ``start`` can hold it.
    """
    i = bisect.bisect_right(ignored, (start, float("inf"))) - 1
    return i >= 0 and ignored[i][0] <= start and end <= ignored[i][1]
