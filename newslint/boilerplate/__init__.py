"""Web and CMS residue detection shared by the NL6xx rules.

:func:`analyse` looks at every paragraph of a document once and returns what
is residue: whole paragraphs (certain or possible) and residue sentences or
phrases inside paragraphs of copy. The result is cached per document in
``ctx.shared`` so that the rules that report it share one pass.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

import regex

from newslint.boilerplate.lines import (
    Verdict,
    ends_sentence,
    inline_hits,
    normalise,
    phrase_verdict,
    structural_verdict,
    word_count,
)
from newslint.document import BlockKind, Document, Format, Paragraph

__all__ = ["Analysis", "ResidueParagraph", "ResidueSpan", "Verdict", "analyse", "deletion_span"]

# Paragraph roles that are never residue: the extractor identified them.
_SKIP = frozenset({BlockKind.HEADLINE, BlockKind.BYLINE, BlockKind.DATELINE})
# In a caption, a credit or timestamp is legitimate.
_CAPTION_OK_KINDS = frozenset({"caption", "byline", "timestamp"})
_PROSE = frozenset({BlockKind.BODY, BlockKind.BLOCKQUOTE, BlockKind.LIST_ITEM})
# Longest paragraph (in words) worth testing as a whole piece of residue:
# one with no sentence punctuation at its end, and one with.
_MAX_WORDS = 80
_MAX_PUNCTUATED_WORDS = 40
# A line this long that continues on the next line was hard-wrapped; shorter
# lines in one paragraph are a list or a table.
_WRAP_MIN = 50
# Longest sentence (in characters) worth testing as residue inside copy:
# prompts glued into a paragraph are short ("Click here to subscribe.").
_MAX_SENTENCE_CHARS = 90


@dataclass(frozen=True, slots=True)
class ResidueParagraph:
    """A paragraph that is residue from end to end."""

    paragraph: Paragraph
    verdict: Verdict


@dataclass(frozen=True, slots=True)
class ResidueSpan:
    """Residue inside a paragraph of copy: a whole sentence or a phrase."""

    start: int
    end: int
    verdict: Verdict
    delete: tuple[int, int]  # what an (unsafe) fix removes
    sentence: bool


@dataclass(slots=True)
class Analysis:
    """Residue found in one document."""

    paragraphs: list[ResidueParagraph] = field(default_factory=list)
    spans: list[ResidueSpan] = field(default_factory=list)
    flagged: frozenset[int] = frozenset()  # indexes of residue paragraphs
    # Index of the first paragraph of the trailing run of residue paragraphs
    # (the number of paragraphs when the last one is not residue).
    trailing: int | None = None


@dataclass(slots=True)
class _Para:
    """What the analysis needs to know about one paragraph, computed once."""

    paragraph: Paragraph
    norm: str
    words: int
    punctuated: bool

    @property
    def short_unpunctuated(self) -> bool:
        return not self.punctuated and self.words <= 30


def _one_line(text: str) -> bool:
    """Return True for a single line, or one hard-wrapped line (not a list)."""
    lines = text.splitlines()
    return all(len(line) >= _WRAP_MIN for line in lines[:-1])


# "Wild: Host Game 3 on Thursday night.": a labelled line of copy.
_LABELLED_LINE_RE = regex.compile(r"^\p{Lu}[^:\n]{0,40}:\s+\S")
_SECTION_LABEL_WORDS = 4


def _heads_section(paras: list[_Para], i: int) -> bool:
    """Return True when a short label heads a section of the story.

    Wire sports stories end with sections such as "UP NEXT" or "TRAINER'S
    ROOM" over sentences ("Wild: Host Game 3 on Thursday night."). A label
    heads a section when it is in capitals, as wire section labels are, or
    when a labelled sentence follows it; either way the next paragraph must
    be a sentence. A navigation widget's label is followed by links or
    headlines, or by a story paragraph that is not labelled.
    """
    info = paras[i]
    if info.punctuated or info.words > _SECTION_LABEL_WORDS or i + 1 >= len(paras):
        return False
    nxt = paras[i + 1]
    if not nxt.punctuated or nxt.paragraph.kind is not BlockKind.BODY:
        return False
    text = info.paragraph.text
    return (text.isupper() and any(c.isalpha() for c in text)) or (
        _LABELLED_LINE_RE.match(nxt.norm) is not None
    )


def _paragraph_verdict(paras: list[_Para], i: int) -> Verdict | None:
    info = paras[i]
    p = info.paragraph
    # Long paragraphs of copy are never residue from end to end; skip the
    # phrase match for them (a cookie banner fits well within the limit).
    if info.words <= (_MAX_WORDS if not info.punctuated else _MAX_PUNCTUATED_WORDS):
        verdict = phrase_verdict(info.norm)
        if verdict is not None:
            if p.kind is BlockKind.CAPTION and verdict.kind in _CAPTION_OK_KINDS:
                return None
            if verdict.kind == "related" and _heads_section(paras, i):
                return None
            return verdict
    if p.kind is not BlockKind.BODY or info.punctuated or not _one_line(p.text):
        return None
    if _heads_section(paras, i):
        return None
    # A run of short unpunctuated lines is a list or a table, not stray residue.
    neighbours = [
        paras[j]
        for j in (i - 1, i + 1)
        if 0 <= j < len(paras) and paras[j].paragraph.kind is not BlockKind.HEADLINE
    ]
    alone = not any(q.short_unpunctuated for q in neighbours)
    after_headline = i > 0 and paras[i - 1].paragraph.kind is BlockKind.HEADLINE
    return structural_verdict(info.norm, alone=alone, after_headline=after_headline)


def _sentence_spans(p: Paragraph, analysis: Analysis) -> None:
    sentences = p.sentences
    taken: list[tuple[int, int]] = []
    if len(sentences) > 1:
        for k, s in enumerate(sentences):
            if s.end - s.start > _MAX_SENTENCE_CHARS:
                continue
            norm = normalise(s.text)
            if not norm:
                continue
            verdict = phrase_verdict(norm, inline=True)
            if verdict is None:
                continue
            if k + 1 < len(sentences):
                delete = (s.start, sentences[k + 1].start)
            else:
                delete = (sentences[k - 1].end, s.end)
            analysis.spans.append(ResidueSpan(s.start, s.end, verdict, delete, True))
            taken.append((s.start, s.end))
    taken_starts = [s for s, _ in taken]
    for a, b in inline_hits(p.text):
        start, end = p.start + a, p.start + b
        # Sentences are in order and do not overlap: only the last one that
        # starts at or before the hit can hold it.
        k = bisect.bisect_right(taken_starts, start) - 1
        if k >= 0 and end <= taken[k][1]:
            continue
        delete_end = end
        full = p.doc.text
        while delete_end < p.end and full[delete_end] in " \t":
            delete_end += 1
        verdict = Verdict("inline", "residue phrase", True, "known residue phrase")
        analysis.spans.append(ResidueSpan(start, end, verdict, (start, delete_end), False))


def analyse(doc: Document) -> Analysis:
    """Return the residue in ``doc``."""
    analysis = Analysis()
    paras = []
    for p in doc.paragraphs:
        norm = normalise(p.text)
        paras.append(_Para(p, norm, word_count(norm), ends_sentence(norm)))
    flagged = set()
    for i, info in enumerate(paras):
        p = info.paragraph
        if p.kind in _SKIP or not info.norm:
            continue
        verdict = _paragraph_verdict(paras, i)
        if verdict is not None:
            analysis.paragraphs.append(ResidueParagraph(p, verdict))
            flagged.add(i)
        elif p.kind in _PROSE:
            _sentence_spans(p, analysis)
    analysis.flagged = frozenset(flagged)
    analysis.trailing = _trailing_run(len(paras), analysis.flagged)
    return analysis


def _trailing_run(count: int, flagged: frozenset[int]) -> int:
    """Return where the run of flagged paragraphs that ends the document starts."""
    start = count
    while start > 0 and start - 1 in flagged:
        start -= 1
    return start


def deletion_span(
    doc: Document, p: Paragraph, flagged: frozenset[int], trailing: int | None = None
) -> tuple[int, int]:
    """Return the prose span that removes paragraph ``p`` and one separator.

    The paragraph goes with the blank line after it, so the text closes up.
    A paragraph in the trailing run of residue takes the separator before
    it instead (there is none after), which keeps neighbouring deletions
    from overlapping. ``trailing`` is where that run starts
    (:attr:`Analysis.trailing`), found from ``flagged`` when not given.
    """
    if trailing is None:
        trailing = _trailing_run(len(doc.paragraphs), flagged)
    span = _plain_deletion_span(doc, p, trailing)
    # Markdown paragraph breaks are not editable through the prose view;
    # deleting the paragraph's own text still leaves the file rendering clean
    # (a heading or list item would be left empty, so not those).
    if (
        doc.format is Format.MARKDOWN
        and not doc.smap.is_exact(*span)
        and p.kind is BlockKind.BODY
        and doc.smap.is_exact(p.start, p.end)
    ):
        return p.start, p.end
    return span


def _plain_deletion_span(doc: Document, p: Paragraph, trailing: int) -> tuple[int, int]:
    paras = doc.paragraphs
    text = doc.text
    i = p.index
    if i >= trailing and i > 0:
        return paras[i - 1].end, p.end
    start = p.start
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    if i + 1 < len(paras):
        end = paras[i + 1].start
        while end > p.end and text[end - 1] in " \t":
            end -= 1
        return start, end
    return start, p.end
