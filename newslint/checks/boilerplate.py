"""NL6xx: web and CMS residue left in the copy.

Scrapers, CMS exports and copy-paste from a web page leave furniture in the
text: error widgets, ad markers, newsletter prompts, share buttons, photo
credits, related-story links, timestamps, bylines, placeholders, markup,
garbled encodings and invisible characters. The detection lives in
:mod:`newslint.boilerplate`; its phrase data in ``rules/data/boilerplate.toml``.
"""

from __future__ import annotations

from typing import Any

from newslint.diagnostics import Category, Severity
from newslint.document import Document, Format
from newslint.rule import Example, Rule, RuleContext, Scope

_HEAD = "Council approves new budget\n\n"
_BODY1 = "The city council approved a $4 million budget on Tuesday.\n\n"
_BODY2 = "The vote was 7-2, with two members absent.\n"


def _analysis(doc: Document, ctx: RuleContext) -> Any:
    from newslint.boilerplate import analyse

    found = ctx.shared.get("boilerplate")
    if found is None:
        found = analyse(doc)
        ctx.shared["boilerplate"] = found
    return found


class _BoilerplateRule(Rule):
    category = Category.BOILERPLATE
    scope = Scope.DOCUMENT


class WebResidueLine(_BoilerplateRule):
    """Flag a paragraph that is web-page furniture, not copy.

    ## What it flags
    A paragraph that is entirely residue of the web page the story was taken
    from: error and browser notices ("Sorry, something went wrong"), cookie
    banners, ad markers ("Advertisement", "Story continues below"), newsletter
    and app prompts, share, follow and comment widgets, image-caption labels
    and photo credits ("Getty Images", "© Agency"), related-story links
    ("Read more: ...", "On Example.com: ..."), timestamps ("Published 9:30 AM
    ET Nov 5, 2019"), reading times, bare bylines and wire-service notes to
    editors ("EDS: Updates with vote count", "CORRECTS spelling of name in
    paragraph 2", "(Corrects date)"). Phrases come from
    `rules/data/boilerplate.toml`; structure is used too: a line with no
    sentence punctuation that carries `|` separators, a copyright sign, a
    trailing credit in brackets, a price with deal wording, a dangling last
    word ("Follow us on") or a "Label: Headline" shape. The story headline is
    never flagged.

    ## Why
    Residue reads as a production error and often reveals where copy was
    lifted from. It is easy to miss in a long file and embarrassing in print.

    ## Example
    A line reading `Advertisement` between two paragraphs of a story.

    ## Use instead
    Delete the paragraph. The safe fix removes it with its blank line.
    """

    code = "NL601"
    name = "web-residue-line"
    summary = "Paragraph that is web-page residue (widget, ad marker, credit, link ...)."
    severity = Severity.WARNING
    fixable = True
    in_quotes = True
    examples = (
        Example(
            _HEAD + _BODY1 + "Advertisement\n\n" + _BODY2,
            expect=("Advertisement",),
            fixed=_HEAD + _BODY1 + _BODY2,
        ),
        Example(
            _HEAD
            + "  • Sorry, something went wrong.\n    Please refresh the page.\n\n"
            + _BODY1
            + _BODY2,
            expect=("• Sorry, something went wrong.\n    Please refresh the page.",),
            fixed=_HEAD + _BODY1 + _BODY2,
        ),
        Example(_HEAD + _BODY1 + "Read more about the budget at the council's website.\n"),
    )

    def check(self, unit: Document, ctx: RuleContext) -> None:
        """Report each residue paragraph with a fix that deletes it."""
        from newslint.boilerplate import deletion_span

        analysis = _analysis(unit, ctx)
        for found in analysis.paragraphs:
            if not found.verdict.strong:
                continue
            p = found.paragraph
            start, end = deletion_span(unit, p, analysis.flagged, analysis.trailing)
            ctx.report(
                p.start,
                p.end,
                f"Web-page residue ({found.verdict.label}): delete this line.",
                fix=ctx.delete(start, end, safe=True, title="Delete the residue line"),
                data={"kind": found.verdict.kind, "evidence": found.verdict.reason},
            )


class PossibleResidueLine(_BoilerplateRule):
    """Flag a stray headline-like line that may be web-page residue.

    ## What it flags
    A short body paragraph with no sentence punctuation that sits alone among
    paragraphs of copy and reads as a title-case headline, a section label, a
    bare name or a photo credit: typically a related-story headline, a byline
    or a credit left by a scraper. In plain text a subhead looks the same, so
    this is a suggestion to look, not an error. Runs of such lines (lists,
    fixtures, tables) are not flagged.

    ## Why
    Related-story headlines and bylines pasted into the body are a common
    residue that no phrase list can enumerate.

    ## Example
    A line reading `Jane Q. Reporter` or `Ten Ways To Save On Groceries`
    between two paragraphs of a story.

    ## Use instead
    Delete the line if it is residue; if it is a subhead, mark it up as one
    (a Markdown `##` heading) so that it is recognised.
    """

    code = "NL602"
    name = "possible-residue-line"
    summary = "Stray headline-like line that may be web-page residue."
    severity = Severity.INFO
    fixable = True
    in_quotes = True
    examples = (
        Example(
            _HEAD + _BODY1 + "Five Ways to Cut Your Heating Bill\n\n" + _BODY2,
            expect=("Five Ways to Cut Your Heating Bill",),
        ),
        Example(_HEAD + _BODY1 + "Members said the plan was fair.\n\n" + _BODY2),
    )

    def check(self, unit: Document, ctx: RuleContext) -> None:
        """Report each possible residue paragraph with an unsafe deletion."""
        from newslint.boilerplate import deletion_span

        analysis = _analysis(unit, ctx)
        for found in analysis.paragraphs:
            if found.verdict.strong:
                continue
            p = found.paragraph
            start, end = deletion_span(unit, p, analysis.flagged, analysis.trailing)
            ctx.report(
                p.start,
                p.end,
                f"Possible web-page residue ({found.verdict.label}: {found.verdict.reason}); "
                "delete it unless it belongs to the story.",
                fix=ctx.delete(start, end, safe=False, title="Delete the line"),
                data={"kind": found.verdict.kind, "evidence": found.verdict.reason},
            )


class EmbeddedResidue(_BoilerplateRule):
    """Flag web-page residue inside a paragraph of copy.

    ## What it flags
    A sentence of a paragraph that is entirely a web prompt or marker ("Click
    here to subscribe.", "Advertisement", "Read more"), and unmistakable
    residue phrases anywhere in copy ("Story continues below advertisement",
    "Image caption", "Click here", "ADVERTISEMENT"). Direct quotations are
    left alone.

    ## Why
    Scrapers and copy-paste glue widget text to the sentences around it,
    where a paragraph-level check cannot see it.

    ## Example
    `The plan passed. Click here to subscribe. It takes effect in May.`

    ## Use instead
    Delete the residue. The fix is unsafe because the sentence boundary may
    need a look.
    """

    code = "NL603"
    name = "embedded-residue"
    summary = "Web-page residue sentence or phrase inside a paragraph of copy."
    severity = Severity.WARNING
    fixable = True
    examples = (
        Example(
            "The plan passed on Monday. Click here to subscribe. It takes effect in May.",
            expect=("Click here to subscribe.",),
        ),
        Example("The plan passed on Monday. Members will read more of it in May."),
    )

    def check(self, unit: Document, ctx: RuleContext) -> None:
        """Report residue sentences and phrases found inside copy."""
        for span in _analysis(unit, ctx).spans:
            what = "sentence" if span.sentence else "phrase"
            ctx.report(
                span.start,
                span.end,
                f"Web-page residue {what} inside the copy ({span.verdict.label}); delete it.",
                fix=ctx.delete(*span.delete, safe=False, title=f"Delete the residue {what}"),
                data={"kind": span.verdict.kind},
            )


class PlaceholderText(_BoilerplateRule):
    """Flag placeholder text left for a later edit.

    ## What it flags
    Desk placeholders: `TK`/`TKTK` ("to come"), `XX`/`XXX` and `$XX`/`XX%`
    figures, `FIXME`, `lorem ipsum`, `INSERT ... HERE`, and bracketed notes
    such as `[photo]`, `[TK]`, `[link]`, `[insert quote]`. Words that look the
    same but are names or numerals (`TK Maxx`, `Super Bowl XX`, `XX
    chromosome`) are skipped.

    ## Why
    A placeholder in published copy is an unmistakable production error.

    ## Example
    `The company made TK in profit last year.`

    ## Use instead
    Fill in the missing fact, or cut the sentence.
    """

    code = "NL604"
    name = "placeholder-text"
    summary = "Placeholder (TK, XX, lorem ipsum, a bracketed note) left in the copy."
    severity = Severity.ERROR
    in_quotes = True
    examples = (
        Example("The company made TK in profit last year.", expect=("TK",)),
        Example("Shoppers queued outside TK Maxx before dawn.\n"),
        Example("[photo]\n\nThe mayor cut the ribbon.\n", expect=("[photo]",)),
    )

    def check(self, unit: Document, ctx: RuleContext) -> None:
        """Report each placeholder."""
        from newslint.boilerplate.chars import find_placeholders

        for hit in find_placeholders(unit.text):
            ctx.report(hit.start, hit.end, hit.message)


class MarkupResidue(_BoilerplateRule):
    """Flag HTML tags, entities and template tags left in the text.

    ## What it flags
    Literal markup in the prose: HTML tags such as `<p>` or `<br/>` in a
    plain-text file, entities such as `&nbsp;` or `&amp;` (in Markdown and
    HTML, only double-escaped ones that show literally), template tags
    (`{{ name }}`, `{% if %}`, `<% %>`, `${var}`), CMS shortcodes
    (`[caption ...]`) and Markdown link syntax in a plain-text file.

    ## Why
    The reader sees the code instead of the character or formatting it
    stands for; an unfilled template tag means a value never arrived.

    ## Example
    `Profits rose&nbsp;5% at AT&amp;T.`

    ## Use instead
    The character the entity stands for (a safe fix), and no tags. Fill in or
    remove template tags.
    """

    code = "NL605"
    name = "markup-residue"
    summary = "HTML tag, entity or template tag left in the text."
    severity = Severity.WARNING
    fixable = True
    in_quotes = True
    examples = (
        Example(
            "Profits rose&nbsp;5% at AT&amp;T.",
            expect=("&nbsp;", "&amp;"),
            fixed="Profits rose 5% at AT&T.",
        ),
        Example("<p>The council met.</p>", expect=("<p>", "</p>")),
        Example("Dear {{ first_name }}, the council met.", expect=("{{ first_name }}",)),
        Example("Profits rose 5% at AT&T <and> its rivals."),
    )

    def check(self, unit: Document, ctx: RuleContext) -> None:
        """Report markup with a safe fix for entities."""
        from newslint.boilerplate.chars import find_markup

        for hit in find_markup(unit.text, plain=unit.format is Format.TEXT):
            fix = None
            if hit.replacement is not None:
                fix = ctx.replace(hit.start, hit.end, hit.replacement, safe=True)
            ctx.report(hit.start, hit.end, hit.message, fix=fix)


class Mojibake(_BoilerplateRule):
    """Flag garbled characters from a wrong text encoding.

    ## What it flags
    UTF-8 text that was decoded as Windows-1252 or Latin-1 somewhere on its
    way: `â€™` for `’`, `â€œ` for `“`, `Ã©` for `é`, `Â£` for `£`, and the
    replacement character `\ufffd` where a character was lost.

    ## Why
    Mojibake is unreadable and marks copy as mishandled.

    ## Example
    `The minister said itâ€™s time.`

    ## Use instead
    The intended character. The safe fix re-decodes the sequence when the
    round trip is exact; a lost character (`\ufffd`) must be retyped.
    """

    code = "NL606"
    name = "mojibake"
    summary = "Garbled characters from a wrong encoding (â€™, Ã©)."
    severity = Severity.WARNING
    fixable = True
    in_quotes = True
    examples = (
        Example(
            "The minister said it\u00e2\u20ac\u2122s time for the caf\u00c3\u00a9 to close.",
            expect=("\u00e2\u20ac\u2122", "\u00c3\u00a9"),
            fixed="The minister said it\u2019s time for the caf\u00e9 to close.",
        ),
        Example("The caf\u00e9 in S\u00c3O PAULO closed."),
    )

    def check(self, unit: Document, ctx: RuleContext) -> None:
        """Report garbled sequences with a safe repair."""
        from newslint.boilerplate.chars import find_mojibake

        for hit in find_mojibake(unit.text):
            fix = None
            if hit.replacement is not None:
                fix = ctx.replace(hit.start, hit.end, hit.replacement, safe=True)
            ctx.report(
                hit.start,
                hit.end,
                hit.message,
                fix=fix,
                suggestions=[hit.replacement] if hit.replacement else [],
            )


class InvisibleCharacter(_BoilerplateRule):
    """Flag zero-width, bidi-control and control characters in the text.

    ## What it flags
    Characters that print as nothing but change how text behaves: zero-width
    spaces, word joiners, soft hyphens, stray byte-order marks, bidi controls
    in left-to-right text, object replacement characters and C0/C1 control
    characters. Zero-width joiners inside emoji sequences and scripts that
    need them, bidi marks in right-to-left text, and characters written in
    HTML or Markdown as an entity (`news&shy;paper`, a deliberate hint), are
    left alone.

    ## Why
    They break search, word counts and spell-checking, split words
    invisibly, and come from pasting out of web pages and PDFs.

    ## Example
    `The council\u200b approved the plan.` (a zero-width space).

    ## Use instead
    Delete them (a safe fix); a control character between two words becomes
    a space.
    """

    code = "NL607"
    name = "invisible-character"
    summary = "Zero-width or control character in the text."
    severity = Severity.WARNING
    fixable = True
    in_quotes = True
    examples = (
        Example(
            "The council\u200b approved the plan.",
            expect=("\u200b",),
            fixed="The council approved the plan.",
        ),
        Example("The family \U0001f468\u200d\U0001f469\u200d\U0001f467 emoji is fine."),
    )

    def check(self, unit: Document, ctx: RuleContext) -> None:
        """Report invisible characters with a safe deletion."""
        from newslint.boilerplate.chars import find_invisible

        doc = ctx.doc
        for hit in find_invisible(unit.text):
            src_start, _ = doc.to_source(hit.start, hit.end)
            if doc.source.startswith("&", src_start):
                continue  # written as an entity ("news&shy;paper"): put there on purpose
            if hit.replacement:
                fix = ctx.replace(hit.start, hit.end, hit.replacement, safe=True)
            else:
                fix = ctx.delete(
                    hit.start, hit.end, safe=True, title="Delete the invisible character"
                )
            ctx.report(hit.start, hit.end, hit.message, fix=fix)


RULES: tuple[type[Rule], ...] = (
    WebResidueLine,
    PossibleResidueLine,
    EmbeddedResidue,
    PlaceholderText,
    MarkupResidue,
    Mojibake,
    InvisibleCharacter,
)
