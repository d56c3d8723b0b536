"""The NL8xx rules through newslint's engine, with a fake LanguageTool behind them."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newslint.diagnostics import Category, Diagnostic, Location, Severity, Span
from newslint.document import Document
from newslint.engine import Linter
from newslint.languagetool import LanguageTool, LanguageToolError
from newslint.languagetool.backend import NOT_INSTALLED, Backend, activate
from newslint.languagetool.rules import (
    LanguageToolGrammar,
    LanguageToolSpelling,
    drop_already_flagged,
)
from newslint.languagetool.service import WARM_UP_TEXT
from newslint.vocab import Vocabulary
from tests.languagetool.lt_fakes import (
    FakeLanguageTool,
    FakeRequest,
    Responder,
    default_responder,
    lt_answer,
)

StartFake = Callable[[Responder | None], FakeLanguageTool]


def flag(words: dict[str, str]) -> Responder:
    """Flag every occurrence of each word with the given rule id."""

    def respond(request: FakeRequest) -> tuple[int, str, bytes]:
        if request.path != "/v2/check":
            return default_responder(request)
        text = request.form["text"]
        errors = []
        for word, rule in words.items():
            start = text.find(word)
            while start >= 0:
                errors.append((start, start + len(word), rule))
                start = text.find(word, start + 1)
        return 200, "application/json", lt_answer(text, errors)

    return respond


def lint(
    source: str, path: str, backend: Backend, vocab: Vocabulary | None = None
) -> list[Diagnostic]:
    linter = Linter([LanguageToolGrammar(), LanguageToolSpelling()], vocab=vocab)
    with activate(backend):
        return linter.lint(Document(source, path)).diagnostics


def backend_for(fake: FakeLanguageTool, mode: str = "auto") -> Backend:
    return Backend(mode, service=LanguageTool(url=fake.url, use_cache=False))


def test_markdown_positions_map_to_the_source(fake_lt: StartFake) -> None:
    fake = fake_lt(flag({"go": "HE_VERB_AGR"}))
    source = (
        "# Council 🎉 votes\r\n\r\n"
        "The **mayor** [said](https://example.com/a) that he go to *every* meeting.\r\n"
    )
    (d,) = lint(source, "story.md", backend_for(fake))
    assert source[d.span.start : d.span.end] == "go"
    assert d.text == "go" and d.code == "NL801" and d.category is Category.GRAMMAR
    assert d.start.line == 3
    assert d.external_id == "HE_VERB_AGR" and d.source == "languagetool"
    assert d.fix is not None and d.fix.applicability.value == "unsafe"
    # LanguageTool saw the prose view, not the markup.
    texts = [r.form["text"] for r in fake.checks]
    assert any("The mayor said that he go" in t for t in texts)
    assert not any("**" in t or "https://" in t for t in texts)


def test_spelling_is_nl802_typo(fake_lt: StartFake) -> None:
    fake = fake_lt(flag({"recieve": "MORFOLOGIK_SPELL"}))
    (d,) = lint("The mayor will recieve it.\n", "s.txt", backend_for(fake))
    assert (d.code, d.category, d.text) == ("NL802", Category.TYPO, "recieve")


def test_accepted_words_are_not_spelling_errors(fake_lt: StartFake) -> None:
    fake = fake_lt(flag({"Kowalczyk": "MORFOLOGIK_SPELL", "recieve": "MORFOLOGIK_SPELL"}))
    vocab = Vocabulary()
    vocab.add(accept=["kowalczyk"])
    found = lint("Kowalczyk will recieve it.\n", "s.txt", backend_for(fake), vocab)
    assert [d.text for d in found] == ["recieve"]


def test_grammar_inside_quotations_is_dropped_spelling_is_not(fake_lt: StartFake) -> None:
    fake = fake_lt(flag({"go": "HE_VERB_AGR", "recieve": "MORFOLOGIK_SPELL"}))
    source = '"He go there and recieve it," the mayor said.\n'
    found = lint(source, "s.txt", backend_for(fake))
    assert [(d.code, d.text) for d in found] == [("NL802", "recieve")]


def test_one_request_per_paragraph_shared_by_both_rules(fake_lt: StartFake) -> None:
    fake = fake_lt(None)
    lint("First paragraph.\n\nSecond paragraph.\n", "s.txt", backend_for(fake))
    assert len(fake.checks) == 1 + 2  # warm-up + two paragraphs


def test_auto_without_languagetool_warns_once(fake_lt: StartFake) -> None:
    backend = Backend("auto", service=LanguageTool(use_cache=False))  # nothing installed
    assert lint("He go home.\n", "s.txt", backend) == []
    assert backend.warnings == [NOT_INSTALLED]


def test_on_without_languagetool_is_an_error() -> None:
    backend = Backend("on", service=LanguageTool(use_cache=False))
    with pytest.raises(LanguageToolError, match="not installed"), activate(backend):
        pass


def test_off_never_asks(fake_lt: StartFake) -> None:
    fake = fake_lt(flag({"go": "HE_VERB_AGR"}))
    backend = Backend("off", service=LanguageTool(url=fake.url))
    assert lint("He go home.\n", "s.txt", backend) == []
    assert fake.requests == []


def test_auto_failure_mid_run_warns_and_goes_on(fake_lt: StartFake) -> None:
    state = {"broken": False}

    def responder(request: FakeRequest) -> tuple[int, str, bytes]:
        if state["broken"] and request.path == "/v2/check":
            return 200, "application/json", b"{not json"
        return flag({"go": "HE_VERB_AGR"})(request)

    fake = fake_lt(responder)
    backend = backend_for(fake)
    linter = Linter([LanguageToolGrammar(), LanguageToolSpelling()])
    with activate(backend):
        assert len(linter.lint(Document("He go home.\n", "a.txt")).diagnostics) == 1
        state["broken"] = True
        result = linter.lint(Document("She go home.\n", "b.txt"))
        assert result.diagnostics == [] and result.errors == []
        linter.lint(Document("They go home.\n", "c.txt"))
    assert len(backend.warnings) == 1 and "not JSON" in backend.warnings[0]


def test_on_failure_mid_run_is_a_rule_error(fake_lt: StartFake) -> None:
    state = {"broken": False}

    def responder(request: FakeRequest) -> tuple[int, str, bytes]:
        if state["broken"] and request.path == "/v2/check":
            return 500, "text/plain", b"boom"
        return default_responder(request)

    fake = fake_lt(responder)
    linter = Linter([LanguageToolGrammar()])
    with activate(backend_for(fake, "on")):
        state["broken"] = True
        result = linter.lint(Document("Text.\n", "a.txt"))
    assert result.errors and "HTTP 500" in result.errors[0]


def _diag(code: str, start: int, end: int) -> Diagnostic:
    loc = Location(start, 1, start + 1, start + 1)
    return Diagnostic(
        code, "x", Category.TYPO, Severity.WARNING, "m", "p", Span(start, end), loc, loc, "t"
    )


def test_drop_already_flagged() -> None:
    own = _diag("NL201", 10, 17)
    overlapping = _diag("NL801", 14, 17)
    elsewhere = _diag("NL802", 30, 35)
    empty_inside = _diag("NL801", 12, 12)
    kept = drop_already_flagged([own, overlapping, elsewhere, empty_inside])
    assert kept == [own, elsewhere]


def test_warnings_drain_once_and_failed_flag() -> None:
    backend = Backend("auto", service=LanguageTool(use_cache=False))
    backend.prepare()
    assert backend.failed
    assert backend.drain_warnings() == [NOT_INSTALLED]
    assert backend.drain_warnings() == []


def test_shared_service_is_not_closed_per_group(fake_lt: StartFake) -> None:
    fake = fake_lt(flag({"go": "HE_VERB_AGR"}))
    service = LanguageTool(url=fake.url, use_cache=False)
    for language in ("en-US", "en-GB"):
        settings = type(
            "S", (), {"languagetool": "on", "languagetool_language": language, "cache": False}
        )()
        backend = Backend.from_settings(settings, service=service)
        with activate(backend, close=False):
            found = Linter([LanguageToolGrammar()]).lint(Document("He go.\n", "a.txt"))
            assert [d.text for d in found.diagnostics] == ["go"]
    assert {r.form["language"] for r in fake.checks} >= {"en-US", "en-GB"}
    service.close()


@pytest.mark.parametrize(
    ("style", "configured", "sent"),
    [
        ("british", None, "en-GB"),  # the profile's pack.toml says so
        ("british", "en-US", "en-US"),  # the config wins over the profile
        ("ap", None, "en-US"),
        ("reuters", None, "en-US"),
    ],
)
def test_the_style_profile_chooses_the_language_unless_the_config_does(
    fake_lt: StartFake, style: str, configured: str | None, sent: str
) -> None:
    fake = fake_lt(flag({"go": "HE_VERB_AGR"}))
    settings = type(
        "S",
        (),
        {
            "languagetool": "on",
            "languagetool_url": fake.url,
            "languagetool_language": configured,
            "style": style,
            "cache": False,
        },
    )()
    backend = Backend.from_settings(settings)
    with activate(backend):
        Linter([LanguageToolGrammar()]).lint(Document("He go.\n", "a.txt"))
    # The server's warm-up probe is sent in its own (default) language.
    story = [r for r in fake.checks if r.form["text"] != WARM_UP_TEXT]
    assert story and {r.form["language"] for r in story} == {sent}


def test_time_limit_is_a_warning_in_auto_mode(fake_lt: StartFake) -> None:
    def responder(request: FakeRequest) -> tuple[int, str, bytes]:
        if "slow" in request.form.get("text", ""):
            return 500, "text/plain", b"Error: Checking took longer than 60.0 seconds"
        return flag({"go": "HE_VERB_AGR"})(request)

    fake = fake_lt(responder)
    backend = backend_for(fake)
    found = lint("He go home.\n\nA slow paragraph.\n", "s.txt", backend)
    assert [d.text for d in found] == ["go"]
    assert backend.enabled and len(backend.warnings) == 1
    assert "gave up on 1 paragraph(s) of s.txt" in backend.warnings[0]
