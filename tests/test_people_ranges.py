"""The detector's sentence ranges, by bisection and the per-token fallback."""

from __future__ import annotations

from newslint.document import Document
from newslint.people.detect import Detector, Tok, _sentence_ranges, flatten


def per_token(toks: list[Tok]) -> dict[int, tuple[int, int]]:
    ranges: dict[int, tuple[int, int]] = {}
    for i, t in enumerate(toks):
        first = ranges.get(t.sentence)
        ranges[t.sentence] = (i, i + 1) if first is None else (first[0], i + 1)
    return ranges


def test_ranges_match_the_per_token_definition() -> None:
    doc = Document("Marta Quillan spoke. She left.\n\nMr Smith said so. Then he went.", "x.txt")
    toks = flatten(doc)
    ranges: dict[int, tuple[int, int]] = {}
    _sentence_ranges([t.sentence for t in toks], ranges)
    assert list(ranges.items()) == list(per_token(toks).items())
    assert Detector(doc).sentence_range == ranges


def test_ranges_of_tokens_out_of_sentence_order() -> None:
    toks = flatten(Document("One two. Three four. Five six.", "x.txt"))
    toks[0], toks[-1] = toks[-1], toks[0]
    ranges: dict[int, tuple[int, int]] = {}
    _sentence_ranges([t.sentence for t in toks], ranges)
    assert list(ranges.items()) == list(per_token(toks).items())
