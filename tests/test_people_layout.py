"""The detector's token layout and name classes against their per-token definitions.

The detector reads tokens through parallel lists and classifies each
distinct text once; these tests hold both to the earlier one-object-per-token
definitions on varied documents.
"""

from __future__ import annotations

import pytest

from newslint.document import BlockKind, Document, TokenKind
from newslint.people.detect import (
    _INITIALS_RE,
    Detector,
    Tok,
    classify_word,
    flatten,
    layout,
    strip_possessive,
)
from newslint.people.lexicon import lexicon
from tests.conftest import article_samples

_HEADLINES = frozenset({BlockKind.HEADLINE, BlockKind.SUBHEAD})

SAMPLES = [
    "",
    "word",
    "Marta Quillan spoke. She left.\n\nMr Smith said so. Then he went.",
    "# Talks To Start In January\n\n## A Subhead Here\n\nMr. J.D. Vance met Bill de Blasio.",
    "Ocasio-Cortez, al-Assad and Kong-based Wal-mart. De Gaulle's aide, 45, said so.",
    "Write to John.Smith@example.com or @JSmith or see www.Example.com #Vote 1990-91.",
    '"It is over," said Lord Roberts of Conwy.\nForeign Minister Elin Varga\n'
    "told reporters on Tuesday.\n\n\n\nStriker Carlos Tevez, 32, scored. -- Ana Ruiz",
    "NO LOWER CASE HERE. ALL CAPS. He SAID. SHE did",
    "a. b. c. ... ?! Mr. . Dr.\tSmith\u2019s and Jones' dog.",
]


def per_token_flatten(doc: Document) -> list[Tok]:
    """The earlier definition: one object per token, built token by token."""
    out: list[Tok] = []
    sentence = 0
    for p in doc.paragraphs:
        headline = p.kind in _HEADLINES
        toks = p.tokens
        k = 0
        for s in p.sentences:
            first_word = True
            while k < len(toks) and toks[k].start < s.end:
                t = toks[k]
                initial = first_word and t.kind is TokenKind.WORD
                first_word = first_word and not initial
                out.append(Tok(t, p.index, sentence, initial, headline))
                k += 1
            sentence += 1
        while k < len(toks):
            out.append(Tok(toks[k], p.index, max(sentence - 1, 0), False, headline))
            k += 1
    return out


def per_token_classes(det: Detector) -> tuple[list[str | None], dict[str, list[int]]]:
    """The earlier definition of name classes and of the lower-case word index."""
    lex = det.lex
    classes: list[str | None] = []
    by_word: dict[str, list[int]] = {}
    for i, tok in enumerate(det.tokens):
        text = tok.text
        if tok.kind is not TokenKind.WORD:
            classes.append(None)
        elif text[0].isupper() or "-" in text or text in lex.particles:
            classes.append(classify_word(text, lex))
        else:
            classes.append(None)
            by_word.setdefault(text, []).append(i)
    return classes, by_word


@pytest.mark.parametrize(("text", "path"), article_samples(SAMPLES))
def test_layout_matches_the_per_token_definition(text: str, path: str) -> None:
    doc = Document(text, path)
    expected = per_token_flatten(doc)
    assert flatten(doc) == expected
    lay = layout(doc)
    assert lay.starts == [t.token.start for t in expected]
    assert lay.texts == [t.token.text for t in expected]
    assert Detector(doc).toks == expected


@pytest.mark.parametrize(("text", "path"), article_samples(SAMPLES))
def test_classes_and_positions_match_the_per_token_definition(text: str, path: str) -> None:
    det = Detector(Document(text, path))
    classes, by_word = per_token_classes(det)
    assert det.classes == classes
    assert det.candidates == [i for i, c in enumerate(classes) if c is not None]
    spelt = {t.text for t in det.tokens}
    for word in spelt | {"said", "de", "zzz"}:
        assert det.positions(word) == by_word.get(word, [])
    assert det.spelt_among(spelt | {"said", "zzz"}) == spelt | ({"said"} & spelt)
    for k, tok in enumerate(det.tokens):
        assert det.lower(k) == strip_possessive(tok.text)[0].casefold()


def test_classify_word_kinds() -> None:
    lex = lexicon()
    assert classify_word("Smith's", lex) == "cap"
    assert classify_word("Mr", lex) == "honorific"
    assert classify_word("J.D.", lex) == "initial"
    assert classify_word("NATO", lex) is None
    assert classify_word("de", lex) == "particle"
    assert classify_word("al-Assad", lex) == "cap"
    assert classify_word("Kong-based", lex) is None
    assert classify_word("said", lex) is None


@pytest.mark.parametrize(("text", "path"), article_samples(SAMPLES))
def test_occurrences_match_a_full_index(text: str, path: str) -> None:
    det = Detector(Document(text, path))
    index: dict[str, list[int]] = {}
    for i, tok in enumerate(det.tokens):
        index.setdefault(tok.text, []).append(i)
    asked = ["he", "He", "HE", "she", "She", ".", ",", "zzz", *index]
    for text_ in asked:
        assert det.occurrences([text_]) == index.get(text_, [])
    assert det.occurrences(asked) == sorted(i for t in asked for i in index.get(t, []))


def earlier_classify_word(text: str) -> str | None:
    """The earlier definition, without the quick tests in front of the slow ones."""
    lex = lexicon()
    if not text[0].isupper():
        return classify_word(text, lex)  # that branch is unchanged
    text, _ = strip_possessive(text)
    low = text.casefold()
    if low in lex.honorifics:
        return "honorific"
    if low in lex.calendar_words:
        return "calendar"
    if low in lex.stop_words:
        return None
    if _INITIALS_RE.match(text) or (len(text) == 1 and text.isalpha()):
        if low in lex.not_initials or low.replace(".", "") in lex.stop_words:
            return None
        return "initial"
    letters = [c for c in text if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return None
    if "-" in text and any(part[:1].islower() for part in text.split("-")[1:]):
        return None
    return "cap"


@pytest.mark.parametrize(
    "word",
    [
        "Smith",
        "SMITH",
        "Smith's",
        "SMITH'S",
        "J.",
        "J.D.",
        "J.D",
        "JD",
        "J",
        "A.B.C.",
        "A.b.",
        "Ab.",
        "É",
        "ÉÉ",
        "Éric",
        "İstanbul",
        "ǅemal",
        "Aǅb",
        "Aⓐ",
        "AⒶ",
        "ABⓐ",
        "A1",
        "A1B",
        "MP3",
        "Mc-Donald",
        "Al-assad",
        "X's",
        "XY's",
        "Dr.",
        "St.",
        "Σίσυφος",
        "ΣΙΣΥΦΟΣ",
        "Ⅻ",
        "AⅫ",
        "A\u00aaB",
        "K\u02b0",
    ],
)
def test_classify_word_matches_the_earlier_definition(word: str) -> None:
    assert classify_word(word, lexicon()) == earlier_classify_word(word)
