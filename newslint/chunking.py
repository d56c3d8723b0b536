"""Lint a huge file in chunks, in bounded memory.

A plain-text or Markdown file longer than :data:`CHUNK_SIZE` characters is cut
at paragraph boundaries (blank lines) into chunks of about that size. Each
chunk is linted as its own :class:`~newslint.document.Document` (one at a
time, or spread over a process pool), every finding is shifted back into the
file's coordinates (span, line and column, fix edits, related spans), and the
merged findings are *finished* once over the whole file: inline suppressions,
NL002/NL003, the LanguageTool overlap filter, dedupe and sort, exactly as for
an unchunked file.

What the split keeps intact:

- A chunk starts at the first character of a line after a blank line, so
  columns are unchanged and lines shift by a constant.
- Markdown is never cut inside front matter, a fenced code block, an HTML
  comment or a raw HTML block (``<pre>``, ``<script>`` ...), nor before an
  indented line (a list item's continuation or indented code) or a line that
  would read as front matter (``---``/``+++``). The front matter's metadata
  (story date, title ...) reaches every chunk's document.
- Each chunk is linted with up to :data:`CONTEXT_PARAGRAPHS` paragraphs of
  the text around it (its *window*); only findings and directives that start
  in the chunk proper are kept, so rules that look at neighbouring paragraphs
  (residue lines, fixes that take a blank line with them) agree with the
  whole-file lint.
- Roles that depend on the whole file are restored: only the file's first
  paragraph can be a plain-text headline, only its first ``#`` heading a
  Markdown headline, and bylines stand only at the top of the file.

What it cannot keep: rules that compare across a whole document (name
variants, repeated sentences, spelling consistency, number agreement ...)
compare within a chunk only. HTML files are never chunked.
"""

from __future__ import annotations

import bisect
import gc
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any

from newslint.diagnostics import Diagnostic, Edit, Fix, Location, Related, Span
from newslint.document import BlockKind, Document, Format
from newslint.document.formats import Directive
from newslint.document.lines import LineIndex

if TYPE_CHECKING:
    from newslint.engine import Linter, LintResult

# Files longer than this many characters (code points of the decoded text,
# bytes for ASCII) are linted in chunks of about this size. Tests lower it.
CHUNK_SIZE = 1024 * 1024

# A run of blank lines, as plain-text paragraph splitting sees it.
_BLANK_RUN = re.compile(r"\n[ \t\r\f\v]*\n(?:[ \t\r\f\v]*\n)*")
# Markdown fence lines (any indentation: fences inside list items count too).
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})([^\n]*)$", re.M)
# Raw HTML blocks that, unlike the others, may contain blank lines (CommonMark
# kinds 1 and 3-5), with what ends each.
_RAW_HTML = re.compile(
    r"^[ ]{0,3}(?:<(script|pre|style|textarea)(?=[\s>]|$)|(<\?)|(<!\[CDATA\[)|(<![A-Za-z]))",
    re.M | re.I,
)
_RAW_HTML_END = {"<?": "?>", "<![CDATA[": "]]>", "<!": ">"}
_RAW_TAG_END = re.compile(r"</(?:script|pre|style|textarea)>", re.I)


def should_chunk(text: str, fmt: Format, size: int | None = None) -> bool:
    """Return True when ``text`` is linted in chunks (long plain text or Markdown)."""
    return fmt is not Format.HTML and len(text) > (CHUNK_SIZE if size is None else size)


@dataclass(frozen=True, slots=True)
class Chunk:
    """One piece of the file: findings in ``[start, end)`` come from linting its window.

    The window ``[window_start, window_end)`` adds up to
    :data:`CONTEXT_PARAGRAPHS` paragraphs on each side, so that rules that
    look at neighbouring paragraphs see the same neighbours as in the whole
    file. ``window_line`` is the 0-based line of ``window_start``.
    """

    start: int
    end: int
    window_start: int
    window_end: int
    window_line: int


# Paragraphs of context linted on each side of a chunk (their findings belong
# to the neighbouring chunk). Context is kept within a quarter of the chunk
# size; past that, only the one adjacent paragraph (if no longer than a chunk).
CONTEXT_PARAGRAPHS = 3


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            if e > out[-1][1]:
                out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _line_end(text: str, pos: int) -> int:
    nl = text.find("\n", pos)
    return len(text) if nl < 0 else nl + 1


def _markdown_forbidden(text: str) -> list[tuple[int, int]]:
    """Return the sorted, disjoint ranges of a Markdown file a chunk may not start inside."""
    from newslint.document.formats.frontmatter import split_front_matter

    fm_len, _ = split_front_matter(text)
    spans: list[tuple[int, int]] = [(0, fm_len)] if fm_len else []
    # HTML comments, paired as the Markdown extractor pairs them (an unclosed
    # one hides the rest of the file).
    i = text.find("<!--", fm_len)
    while i >= 0:
        close = text.find("-->", i + 4)
        if close < 0:
            spans.append((i, len(text)))
            break
        spans.append((i, close + 3))
        i = text.find("<!--", close + 3)
    comments = _merge(spans)
    comment_starts = [s for s, _ in comments]

    def in_comment(pos: int) -> bool:
        k = bisect.bisect_right(comment_starts, pos) - 1
        return k >= 0 and comments[k][1] > pos

    # Fenced code blocks: a fence closes on a line of the same character, at
    # least as long, with nothing after it; an unclosed one runs to the end.
    opened: tuple[int, str, int] | None = None
    for m in _FENCE.finditer(text, fm_len):
        if in_comment(m.start()):
            continue
        marks, rest = m.group(1), m.group(2)
        if opened is None:
            if marks[0] == "`" and "`" in rest:
                continue  # not a fence: an inline code span
            opened = (m.start(), marks[0], len(marks))
        elif marks[0] == opened[1] and len(marks) >= opened[2] and not rest.strip():
            spans.append((opened[0], _line_end(text, m.end())))
            opened = None
    if opened is not None:
        spans.append((opened[0], len(text)))
    # Raw HTML blocks that run past blank lines.
    for m in _RAW_HTML.finditer(text, fm_len):
        if in_comment(m.start()):
            continue
        if m.group(1):
            found = _RAW_TAG_END.search(text, m.end())
            close = found.start() if found else -1
        else:
            opener = m.group(2) or m.group(3) or "<!"
            close = text.find(_RAW_HTML_END[opener], m.end())
        spans.append((m.start(), len(text) if close < 0 else _line_end(text, close)))
    return _merge(spans)


class _Boundaries:
    """Where a chunk may start: the first line after blank lines, and for
    Markdown not inside front matter, a fence, a comment or a raw HTML block,
    nor on an indented line or one that would read as front matter."""

    def __init__(self, text: str, fmt: Format) -> None:
        self.text = text
        self.markdown = fmt is Format.MARKDOWN
        self.forbidden = _markdown_forbidden(text) if self.markdown else []
        self.starts = [s for s, _ in self.forbidden]

    def after(self, pos: int) -> int:
        """Return the first boundary after a blank-line run found from ``pos``, or -1."""
        text, n = self.text, len(self.text)
        while True:
            m = _BLANK_RUN.search(text, pos)
            if m is None or m.end() >= n:
                return -1
            b = m.end()
            k = bisect.bisect_right(self.starts, b) - 1
            if k >= 0 and self.forbidden[k][0] < b < self.forbidden[k][1]:
                pos = self.forbidden[k][1] - 1  # on past the fence, comment ...
                continue
            if not self.markdown or not (text[b].isspace() or text.startswith(("---", "+++"), b)):
                return b
            pos = b

    def near(self, pos: int, lo: int) -> int:
        """Return the first boundary at or after the line holding ``pos`` (> ``lo``), or -1.

        The search starts at the newline that ends the line before ``pos``,
        so a run of blank lines around ``pos`` is found whole.
        """
        nl = self.text.rfind("\n", lo, pos)
        return self.after(nl if nl > lo else pos)


def split(text: str, fmt: Format, size: int | None = None) -> list[Chunk]:
    """Cut ``text`` at paragraph boundaries into chunks of about ``size`` characters.

    A paragraph longer than ``size`` is never cut, so a chunk may be longer.
    """
    size = CHUNK_SIZE if size is None else size
    bounds = _Boundaries(text, fmt)
    n = len(text)
    cuts = [0]
    while n - cuts[-1] > size:
        b = bounds.near(cuts[-1] + size, cuts[-1])
        if b < 0:
            break
        cuts.append(b)
    cuts.append(n)
    limit = max(1, size // 4)
    chunks: list[Chunk] = []
    line = 0
    prev_window_start = 0
    for i in range(len(cuts) - 1):
        start, end = cuts[i], cuts[i + 1]
        window_start = start
        if i > 0:
            # The last CONTEXT_PARAGRAPHS boundaries of the previous chunk.
            candidates = [cuts[i - 1]]
            b = bounds.after(cuts[i - 1])
            while 0 <= b < start:
                candidates.append(b)
                b = bounds.after(b)
            pick = candidates[-CONTEXT_PARAGRAPHS:]
            near = [c for c in pick if start - c <= limit]
            window_start = near[0] if near else pick[-1] if start - pick[-1] <= size else start
        window_end = end
        b = end
        for k in range(CONTEXT_PARAGRAPHS):
            if b >= n:
                break
            nxt = bounds.after(b)
            nxt = n if nxt < 0 else nxt
            if nxt - end > (limit if k else size):
                break
            window_end = b = nxt
        line += text.count("\n", prev_window_start, window_start)
        prev_window_start = window_start
        chunks.append(Chunk(start, end, window_start, window_end, line))
    return chunks


# ---------------------------------------------------------------- linting one chunk


@dataclass
class ChunkJob:
    """One chunk to lint: its window's text and where it sits in the file (picklable)."""

    index: int
    text: str  # the window
    start: int  # where the window starts in the file
    line: int  # the window's first line (0-based)
    core: tuple[int, int]  # the chunk proper: findings and directives kept from here
    last: bool  # the file's last chunk (a finding may start at its very end)
    path: str
    fmt: Format
    metadata: dict[str, Any]
    headline_before: bool = False  # the file's headline lies before the window


@dataclass
class ChunkResult:
    """A chunk's findings and directives, shifted into file coordinates, not yet finished."""

    index: int
    diagnostics: list[Diagnostic]
    directives: list[Directive]
    file_data: dict[str, Any]
    errors: list[str]
    metadata: dict[str, Any]
    headline_at: int | None  # where the window's headline starts in the file
    warnings: list[str] = field(default_factory=list)
    languagetool_failed: bool = False


def _restore_roles(doc: Document, headline_before: bool) -> None:
    """Give the paragraphs of a window that starts mid-file the roles they have in the file.

    A plain-text headline is only the file's first paragraph, a Markdown
    headline only its first ``#`` heading; bylines stand only in the head of
    the story, at the start of the file.
    """
    for p in doc.paragraphs:
        if p.kind is BlockKind.BYLINE:
            p.kind = BlockKind.BODY
        elif p.kind is BlockKind.HEADLINE:
            if doc.format is not Format.MARKDOWN:
                p.kind = BlockKind.BODY
            elif headline_before:
                p.kind = BlockKind.SUBHEAD


def _loc(loc: Location, offset: int, lines: int) -> Location:
    return Location(loc.offset + offset, loc.line + lines, loc.column, loc.utf16_column)


def shift(d: Diagnostic, offset: int, lines: int) -> Diagnostic:
    """Return ``d`` moved by ``offset`` code points and ``lines`` lines (columns unchanged)."""
    if not offset and not lines:
        return d
    fix = d.fix
    if fix is not None:
        fix = Fix(
            tuple(
                Edit(Span(e.span.start + offset, e.span.end + offset), e.replacement)
                for e in fix.edits
            ),
            fix.applicability,
            fix.title,
            None
            if fix.context is None
            else Span(fix.context.start + offset, fix.context.end + offset),
        )
    related = tuple(
        Related(
            Span(r.span.start + offset, r.span.end + offset),
            r.label,
            None if r.start is None else _loc(r.start, offset, lines),
            None if r.end is None else _loc(r.end, offset, lines),
        )
        for r in d.related
    )
    return replace(
        d,
        span=Span(d.span.start + offset, d.span.end + offset),
        start=_loc(d.start, offset, lines),
        end=_loc(d.end, offset, lines),
        fix=fix,
        related=related,
    )


def _people_in(people: Any, offset: int, lines: int, core: tuple[int, int], last: bool) -> Any:
    """Return the ``people`` list moved into file coordinates, mentions in ``core`` only."""
    if not isinstance(people, list):
        return people
    out = []
    for person in people:
        if not isinstance(person, dict):
            continue
        mentions = []
        for m in person.get("mentions", ()):
            m["start"] += offset
            m["end"] += offset
            m["line"] += lines
            if core[0] <= m["start"] and (m["start"] < core[1] or last):
                mentions.append(m)
        if mentions:
            out.append({**person, "mentions": mentions})
    return out


def lint_chunk(linter: Linter, job: ChunkJob) -> ChunkResult:
    """Lint one chunk's window as its own document.

    Returns the findings and directives that start in the chunk proper, in
    file coordinates, not yet finished (suppressed, deduplicated, sorted).
    """
    doc = Document(job.text, job.path, job.fmt, metadata=job.metadata)
    if job.start > 0:
        _restore_roles(doc, job.headline_before)
    result = linter.lint(doc, finish=False)
    off, lines = job.start, job.line
    lo, hi = job.core[0] - off, job.core[1] - off

    def mine(start: int) -> bool:
        return lo <= start and (start < hi or job.last)

    file_data = dict(result.file_data)
    if "people" in file_data:
        file_data["people"] = _people_in(file_data["people"], off, lines, job.core, job.last)
    headline = doc.headline
    out = ChunkResult(
        index=job.index,
        diagnostics=[shift(d, off, lines) for d in result.diagnostics if mine(d.span.start)],
        directives=[
            Directive(d.src_start + off, d.src_end + off, d.body)
            for d in doc.directives
            if mine(d.src_start)
        ],
        file_data=file_data,
        errors=result.errors,
        metadata=dict(doc.metadata),
        headline_at=None
        if headline is None
        else doc.to_source(headline.start, headline.end)[0] + off,
    )
    # A document is a web of cycles (paragraphs <-> document): free this one
    # now, so that only one window's model is ever alive.
    del doc, result, headline
    gc.collect()
    return out


# ---------------------------------------------------------------- the whole file


class WholeFile:
    """The file's text and every chunk's directives: what the suppression step reads."""

    def __init__(self, path: str, source: str, directives: list[Directive]) -> None:
        self.path = path
        self.source = source
        self.directives = directives

    @cached_property
    def lines(self) -> LineIndex:
        """Return the line index over the whole file (built only for NL002/NL003)."""
        return LineIndex(self.source)


def _merge_people(into: list[Any], more: list[Any]) -> None:
    """Add ``more`` people to ``into``: one entry per name across chunks."""
    by_name = {p.get("name"): p for p in into if isinstance(p, dict)}
    for person in more:
        known = by_name.get(person.get("name")) if isinstance(person, dict) else None
        if known is None:
            into.append(person)
            if isinstance(person, dict):
                by_name[person.get("name")] = person
            continue
        known.setdefault("mentions", []).extend(person.get("mentions", []))
        titles = known.setdefault("titles", [])
        if isinstance(titles, list):
            titles.extend(t for t in person.get("titles", []) if t not in titles)


def merge_file_data(into: dict[str, Any], more: dict[str, Any]) -> None:
    """Merge a chunk's per-file output into the file's."""
    for key, value in more.items():
        have = into.get(key)
        if key == "people" and isinstance(have, list) and isinstance(value, list):
            _merge_people(have, value)
        elif isinstance(have, list) and isinstance(value, list):
            have.extend(value)
        elif isinstance(have, dict) and isinstance(value, dict):
            have.update(value)
        elif key not in into:
            into[key] = value


@dataclass
class ChunkedLint:
    """The finished result of a chunked lint."""

    result: LintResult
    chunks: int
    warnings: list[str]
    languagetool_failed: bool


ChunkRunner = Callable[[Iterable[ChunkJob]], Iterator[ChunkResult]]


def lint_chunked(
    text: str,
    path: str,
    fmt: Format,
    linter: Linter,
    *,
    metadata: dict[str, Any] | None = None,
    run_chunks: ChunkRunner | None = None,
    size: int | None = None,
) -> ChunkedLint:
    """Lint ``text`` in chunks and finish the merged findings over the whole file.

    The first chunk is linted here (it warms lazily loaded data before any
    pool forks, and tells later chunks its metadata and where the headline
    is); the rest go through ``run_chunks`` (results in order) when given,
    else here, one at a time.
    """
    from newslint.engine import LintResult

    chunks = split(text, fmt, size)

    def job(i: int, meta: dict[str, Any], headline_at: int | None) -> ChunkJob:
        c = chunks[i]
        return ChunkJob(
            index=i,
            text=text[c.window_start : c.window_end],
            start=c.window_start,
            line=c.window_line,
            core=(c.start, c.end),
            last=i == len(chunks) - 1,
            path=path,
            fmt=fmt,
            metadata=meta,
            headline_before=headline_at is not None and headline_at < c.window_start,
        )

    first = lint_chunk(linter, job(0, dict(metadata or {}), None))
    # Front matter (story date, title ...) and the file's date reach every chunk.
    meta = first.metadata
    headline_at = first.headline_at
    results: Iterator[ChunkResult]
    if (
        run_chunks is not None
        and len(chunks) > 1
        and (
            fmt is not Format.MARKDOWN
            or (headline_at is not None and headline_at < chunks[1].window_start)
        )
    ):
        results = run_chunks(job(i, meta, headline_at) for i in range(1, len(chunks)))
    else:
        # One at a time, in order: a Markdown file whose headline is not in
        # its first chunk needs to know where it was found.
        def sequential() -> Iterator[ChunkResult]:
            found = headline_at
            for i in range(1, len(chunks)):
                r = lint_chunk(linter, job(i, meta, found))
                if found is None:
                    found = r.headline_at
                yield r

        results = sequential()
    diagnostics: list[Diagnostic] = []
    directives: list[Directive] = []
    file_data: dict[str, Any] = {}
    errors: list[str] = []
    warnings: list[str] = []
    lt_failed = False
    for r in _chain(first, results):
        diagnostics.extend(r.diagnostics)
        directives.extend(r.directives)
        merge_file_data(file_data, r.file_data)
        errors.extend(e for e in r.errors if e not in errors)
        warnings.extend(w for w in r.warnings if w not in warnings)
        lt_failed = lt_failed or r.languagetool_failed
    finished = linter.finish(WholeFile(path, text, directives), diagnostics)
    return ChunkedLint(
        LintResult(path, finished, file_data, errors), len(chunks), warnings, lt_failed
    )


def _chain(first: ChunkResult, rest: Iterator[ChunkResult]) -> Iterator[ChunkResult]:
    yield first
    yield from rest
