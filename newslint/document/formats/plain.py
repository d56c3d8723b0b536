"""Plain text: the prose view is the source itself."""

from __future__ import annotations

import regex

from newslint.document.formats import BlockKind, Extraction, is_pipe_table
from newslint.document.source_map import SourceMap

_BLANK_LINES = regex.compile(r"\n[ \t\r\f\v]*\n(?:[ \t\r\f\v]*\n)*")


def paragraph_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Return blank-line separated paragraphs of ``text[start:end]``, trimmed."""
    spans: list[tuple[int, int]] = []
    cursor = start
    for m in _BLANK_LINES.finditer(text, start, end):
        spans.append((cursor, m.start()))
        cursor = m.end()
    spans.append((cursor, end))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def extract_plain(source: str) -> Extraction:
    """Split plain text into paragraphs; a lone first line is the headline."""
    spans = paragraph_spans(source, 0, len(source))
    blocks = [
        (s, e, BlockKind.TABLE if is_pipe_table(source[s:e]) else BlockKind.BODY) for s, e in spans
    ]
    if len(blocks) > 1:
        s, e, _ = blocks[0]
        if "\n" not in source[s:e]:
            blocks[0] = (s, e, BlockKind.HEADLINE)
    return Extraction(text=source, smap=SourceMap.identity(len(source)), blocks=blocks)
