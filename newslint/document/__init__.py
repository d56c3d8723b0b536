"""The document model: source -> prose view -> paragraphs -> sentences -> tokens.

Everything a rule reads lives on :class:`Document`. Offsets on paragraphs,
sentences, tokens and quotes are *prose-view* offsets into ``Document.text``;
the engine maps reported spans back to the source. For plain text the prose
view is the source itself.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from functools import cached_property
from typing import Any

from newslint.document.formats import BlockKind, Directive, Format, extract
from newslint.document.lines import LineIndex
from newslint.document.quotes import Quote, StrayMark, find_quotes
from newslint.document.segment import Token, TokenKind, split_sentences, tokenize
from newslint.document.source_map import SourceMap

__all__ = [
    "BlockKind",
    "Document",
    "Format",
    "Paragraph",
    "Sentence",
    "Token",
    "TokenKind",
]


class Sentence:
    """A sentence of the prose view."""

    __slots__ = ("_content", "_tokens", "end", "index", "paragraph", "start")

    def __init__(self, paragraph: Paragraph, index: int, start: int, end: int) -> None:
        self.paragraph = paragraph
        self.index = index  # position within the paragraph
        self.start = start
        self.end = end
        self._tokens: list[Token] | None = None
        self._content: list[Token] | None = None

    @property
    def text(self) -> str:
        """Return the sentence text (prose view)."""
        return self.paragraph.doc.text[self.start : self.end]

    @property
    def content_tokens(self) -> list[Token]:
        """Return the WORD and NUMBER tokens (what phrase rules match), computed once."""
        if self._content is None:
            self._content = [
                t for t in self.tokens if t.kind is TokenKind.WORD or t.kind is TokenKind.NUMBER
            ]
        return self._content

    @property
    def tokens(self) -> list[Token]:
        """Return the sentence's tokens."""
        if self._tokens is None:
            self._tokens = self.paragraph.tokens_between(self.start, self.end)
        return self._tokens

    @property
    def words(self) -> list[Token]:
        """Return only the WORD tokens."""
        return [t for t in self.tokens if t.kind is TokenKind.WORD]

    def __repr__(self) -> str:
        return f"Sentence({self.start}, {self.end}, {self.text[:40]!r})"


class Paragraph:
    """A block of prose: a headline, a body paragraph, a caption ..."""

    __slots__ = (
        "_sentence_starts", "_sentences", "_starts", "_tokens", "doc", "end", "index", "kind",
        "start",
    )  # fmt: skip

    def __init__(self, doc: Document, index: int, start: int, end: int, kind: BlockKind):
        self.doc = doc
        self.index = index
        self.start = start
        self.end = end
        self.kind = kind
        self._tokens: list[Token] | None = None
        self._starts: list[int] | None = None
        self._sentences: list[Sentence] | None = None
        self._sentence_starts: list[int] | None = None

    @property
    def text(self) -> str:
        """Return the paragraph text (prose view)."""
        return self.doc.text[self.start : self.end]

    @property
    def tokens(self) -> list[Token]:
        """Return the paragraph's tokens (URL and ignored text excluded)."""
        if self._tokens is None:
            toks = tokenize(self.doc.text, self.start, self.end)
            if self.doc.ignored:
                toks = [t for t in toks if not self.doc.is_ignored(t.start, t.end)]
            self._tokens = toks
        return self._tokens

    def tokens_between(self, start: int, end: int) -> list[Token]:
        """Return the tokens that start inside ``[start, end)``."""
        toks = self.tokens
        if len(toks) <= 64:
            return [t for t in toks if start <= t.start < end]
        if self._starts is None:  # built once: a long paragraph has many sentences
            self._starts = [t.start for t in toks]
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_left(self._starts, end)
        return toks[lo:hi]

    @property
    def sentences(self) -> list[Sentence]:
        """Return the paragraph's sentences."""
        if self._sentences is None:
            spans = split_sentences(self.doc.text, self.start, self.end)
            self._sentences = [Sentence(self, i, s, e) for i, (s, e) in enumerate(spans)]
        return self._sentences

    def sentence_at(self, offset: int) -> Sentence | None:
        """Return the sentence holding prose offset ``offset``, found by bisection.

        A long paragraph has thousands of sentences: a walk per lookup would
        make rules that look up every date or age quadratic.
        """
        sentences = self.sentences
        if self._sentence_starts is None:
            self._sentence_starts = [s.start for s in sentences]
        # Sentences are in order and do not overlap: only the last one that
        # starts at or before the offset can hold it.
        k = bisect.bisect_right(self._sentence_starts, offset) - 1
        if k >= 0 and offset < sentences[k].end:
            return sentences[k]
        return None

    @property
    def is_prose(self) -> bool:
        """Return True for running copy (not headline, subhead, caption ...)."""
        return self.kind in (BlockKind.BODY, BlockKind.BLOCKQUOTE, BlockKind.LIST_ITEM)

    def __repr__(self) -> str:
        return f"Paragraph({self.index}, {self.kind.value}, {self.text[:40]!r})"


class Document:
    """One article: its source, prose view, structure and metadata."""

    def __init__(
        self,
        source: str,
        path: str = "<string>",
        fmt: Format | None = None,
        *,
        metadata: dict[str, Any] | None = None,
    ) -> None:
        self.path = path
        self.source = source
        self.format = fmt or Format.from_path(path)
        extraction = extract(source, self.format)
        self.text: str = extraction.text
        self.smap: SourceMap = extraction.smap
        self.ignored: list[tuple[int, int]] = sorted(extraction.ignored)
        self._ignored_starts = [s for s, _ in self.ignored]
        self.directives: list[Directive] = extraction.directives
        self.metadata: dict[str, Any] = dict(extraction.metadata)
        if metadata:
            self.metadata.update(metadata)
        self.paragraphs: list[Paragraph] = [
            Paragraph(self, i, s, e, kind) for i, (s, e, kind) in enumerate(extraction.blocks)
        ]

    @cached_property
    def lines(self) -> LineIndex:
        """Return the line index over the source."""
        return LineIndex(self.source)

    @cached_property
    def headline(self) -> Paragraph | None:
        """Return the headline paragraph, if the document has one."""
        for p in self.paragraphs:
            if p.kind is BlockKind.HEADLINE:
                return p
        return None

    @property
    def body(self) -> list[Paragraph]:
        """Return the paragraphs of running copy."""
        return [p for p in self.paragraphs if p.is_prose]

    def sentences(self) -> Iterator[Sentence]:
        """Yield every sentence of every paragraph in order."""
        for p in self.paragraphs:
            yield from p.sentences

    def tokens(self) -> Iterator[Token]:
        """Yield every token of every paragraph in order."""
        for p in self.paragraphs:
            yield from p.tokens

    @cached_property
    def _quote_scan(self) -> tuple[list[Quote], list[StrayMark]]:
        return find_quotes(self.text, [(p.start, p.end) for p in self.paragraphs])

    @property
    def quotes(self) -> list[Quote]:
        """Return the direct quotations, in order."""
        return self._quote_scan[0]

    @property
    def stray_quote_marks(self) -> list[StrayMark]:
        """Return quotation marks that open or close nothing."""
        return self._quote_scan[1]

    @cached_property
    def _quote_starts(self) -> list[int]:
        return [q.start for q in self.quotes]

    def quote_at(self, start: int, end: int | None = None) -> Quote | None:
        """Return the quotation that contains ``[start, end)``, if any."""
        if end is None:
            end = start + 1
        i = bisect.bisect_right(self._quote_starts, start) - 1
        if i >= 0:
            q = self.quotes[i]
            if q.start <= start and end <= q.end:
                return q
        return None

    def in_quote(self, start: int, end: int | None = None) -> bool:
        """Return True when ``[start, end)`` lies inside a direct quotation."""
        return self.quote_at(start, end) is not None

    def overlaps_quote(self, start: int, end: int) -> bool:
        """Return True when ``[start, end)`` touches any direct quotation."""
        i = bisect.bisect_right(self._quote_starts, end) - 1
        while i >= 0:
            q = self.quotes[i]
            if q.end <= start:
                return False
            if q.start < end and start < q.end:
                return True
            i -= 1
        return False

    def is_ignored(self, start: int, end: int) -> bool:
        """Return True when ``[start, end)`` touches blanked text (code, URLs ...)."""
        # Ignored spans are disjoint and sorted, so only the last one that
        # starts before ``end`` can overlap.
        i = bisect.bisect_right(self._ignored_starts, max(start, end - 1)) - 1
        return i >= 0 and self.ignored[i][1] > start

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [p.start for p in self.paragraphs]

    def paragraph_at(self, offset: int) -> Paragraph | None:
        """Return the paragraph holding prose offset ``offset``."""
        i = bisect.bisect_right(self._paragraph_starts, offset) - 1
        if i >= 0 and offset <= self.paragraphs[i].end:
            return self.paragraphs[i]
        return None

    def sentence_text_at(self, offset: int) -> str:
        """Return the text of the sentence holding ``offset``.

        Between two sentences it is the paragraph's text, and outside every
        paragraph it is "".
        """
        paragraph = self.paragraph_at(offset)
        if paragraph is None:
            return ""
        sentence = paragraph.sentence_at(offset)
        return paragraph.text if sentence is None else sentence.text

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map a prose span to source offsets."""
        return self.smap.to_source(start, end)

    @property
    def word_count(self) -> int:
        """Return whitespace-separated words of the source (the corpus's measure)."""
        return len(self.source.split())
