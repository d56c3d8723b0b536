"""Client and service behaviour against a fake LanguageTool: answers, failures, cache."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from newslint.languagetool import CheckSettings, LanguageTool, LanguageToolError
from newslint.languagetool.client import Client
from tests.languagetool.lt_fakes import (
    FakeLanguageTool,
    FakeRequest,
    Responder,
    default_responder,
    lt_answer,
)

StartFake = Callable[[Responder | None], FakeLanguageTool]
SETTINGS = CheckSettings(language="en-US", disabled_rules=("A", "B"))


def flag_word(word: str, rule: str = "HE_VERB_AGR") -> Responder:
    """Return a responder that flags every occurrence of ``word``."""

    def respond(request: FakeRequest) -> tuple[int, str, bytes]:
        if request.path != "/v2/check":
            return default_responder(request)
        text = request.form["text"]
        errors = []
        start = text.find(word)
        while start >= 0:
            errors.append((start, start + len(word), rule))
            start = text.find(word, start + 1)
        return 200, "application/json", lt_answer(text, errors)

    return respond


def test_emoji_before_the_error(fake_lt: StartFake) -> None:
    fake = fake_lt(flag_word("go"))
    text = "Fans 🎉🎉 cheered. He go home."
    matches, _ = Client(fake.url).check_one(text, SETTINGS)
    assert [text[m.start : m.end] for m in matches] == ["go"]


def test_request_carries_settings(fake_lt: StartFake) -> None:
    fake = fake_lt(None)
    Client(fake.url).check_one("Some text.", SETTINGS)
    (request,) = fake.checks
    assert request.form == {"text": "Some text.", "language": "en-US", "disabledRules": "A,B"}


def test_url_with_v2_suffix_is_accepted(fake_lt: StartFake) -> None:
    fake = fake_lt(None)
    Client(fake.url + "/v2/").check_one("Text.", SETTINGS)
    assert fake.checks


def test_invalid_url() -> None:
    with pytest.raises(LanguageToolError, match="invalid LanguageTool URL"):
        Client("localhost:8081")


def test_http_error_is_one_line(fake_lt: StartFake) -> None:
    fake = fake_lt(lambda r: (500, "text/plain", b"Error: internal\n\tat java.Foo(Foo.java:1)\n"))
    with pytest.raises(LanguageToolError) as info:
        Client(fake.url).check_one("Text.", SETTINGS)
    message = str(info.value)
    assert "HTTP 500" in message and "Error: internal" in message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        (b"<html>proxy error</html>", "not JSON"),
        (b'{"matches": [{"offset": 0}]}', "malformed answer"),
        (b"\xff\xfe", "not JSON"),
    ],
)
def test_garbage_answers(fake_lt: StartFake, payload: bytes, expected: str) -> None:
    fake = fake_lt(lambda r: (200, "application/json", payload))
    with pytest.raises(LanguageToolError, match=expected):
        Client(fake.url).check_one("Text.", SETTINGS)


def test_timeout_is_bounded(fake_lt: StartFake) -> None:
    release = threading.Event()

    def slow(request: FakeRequest) -> tuple[int, str, bytes]:
        release.wait(5)
        return default_responder(request)

    fake = fake_lt(slow)
    began = time.monotonic()
    try:
        with pytest.raises(LanguageToolError, match=r"did not answer within 0\.3 s"):
            Client(fake.url, timeout=0.3).check_one("Text.", SETTINGS)
    finally:
        release.set()
    assert time.monotonic() - began < 3


def test_connection_dropped(fake_lt: StartFake) -> None:
    fake = fake_lt(lambda r: (0, "", b""))
    with pytest.raises(LanguageToolError, match="LanguageTool at"):
        Client(fake.url).check_one("Text.", SETTINGS)


def test_nothing_listening() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(LanguageToolError, match="not reachable"):
        Client(f"http://127.0.0.1:{port}", timeout=2).check_one("Text.", SETTINGS)


def test_loopback_ignores_http_proxy(fake_lt: StartFake, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("http_proxy", "http://127.0.0.1:9")  # nothing listens there
    monkeypatch.delenv("no_proxy", raising=False)
    fake = fake_lt(None)
    Client(fake.url).check_one("Text.", SETTINGS)


def test_check_many_keeps_order(fake_lt: StartFake) -> None:
    fake = fake_lt(flag_word("go"))
    texts = [f"Paragraph {i}: he go." if i % 2 else f"Paragraph {i}." for i in range(12)]
    results = Client(fake.url).check_many(texts, SETTINGS, workers=3)
    assert [-1 if r is None else len(r) for r in results] == [i % 2 for i in range(12)]


def test_check_many_raises_first_failure(fake_lt: StartFake) -> None:
    def sometimes(request: FakeRequest) -> tuple[int, str, bytes]:
        if "bad" in request.form.get("text", ""):
            return 503, "text/plain", b"overloaded"
        return default_responder(request)

    fake = fake_lt(sometimes)
    texts = ["one", "two", "bad", "four"]
    with pytest.raises(LanguageToolError, match="HTTP 503"):
        Client(fake.url).check_many(texts, SETTINGS, workers=2)


# ---------------------------------------------------------------- service


def test_service_caches_per_paragraph(fake_lt: StartFake, tmp_path: Path) -> None:
    fake = fake_lt(flag_word("go"))
    texts = ["He go home.", "All fine here.", "He go home."]
    with LanguageTool(url=fake.url, cache_dir=tmp_path) as lt:
        first = lt.check(texts, SETTINGS)
    sent = len(fake.checks)
    assert sent == 1 + 2  # warm-up + two unique paragraphs
    with LanguageTool(url=fake.url, cache_dir=tmp_path) as lt:
        second = lt.check(texts, SETTINGS)
        assert lt.stats.cache_hits == 2 and lt.stats.requests == 0
    assert second == first
    assert len(fake.checks) == sent + 1  # only the new run's warm-up


def test_cache_key_includes_settings(fake_lt: StartFake, tmp_path: Path) -> None:
    fake = fake_lt(None)
    with LanguageTool(url=fake.url, cache_dir=tmp_path) as lt:
        lt.check(["Same text."], SETTINGS)
        lt.check(["Same text."], CheckSettings(language="en-GB"))
        assert lt.stats.requests == 2


def test_no_cache_always_asks(fake_lt: StartFake, tmp_path: Path) -> None:
    fake = fake_lt(None)
    for _ in range(2):
        with LanguageTool(url=fake.url, cache_dir=tmp_path, use_cache=False) as lt:
            lt.check(["Same text."], SETTINGS)
            assert lt.stats.requests == 1


def test_blank_paragraphs_are_not_sent(fake_lt: StartFake) -> None:
    fake = fake_lt(None)
    with LanguageTool(url=fake.url, use_cache=False) as lt:
        assert lt.check(["", "   \n"], SETTINGS) == [[], []]
    assert fake.checks == []


def test_failure_is_remembered(fake_lt: StartFake) -> None:
    state = {"fail": False}

    def responder(request: FakeRequest) -> tuple[int, str, bytes]:
        if state["fail"] and request.path == "/v2/check":
            return 500, "text/plain", b"boom"
        return default_responder(request)

    fake = fake_lt(responder)
    with LanguageTool(url=fake.url, use_cache=False) as lt:
        lt.check(["Fine."], SETTINGS)
        state["fail"] = True
        with pytest.raises(LanguageToolError, match="HTTP 500"):
            lt.check(["Now it breaks."], SETTINGS)
        before = len(fake.requests)
        with pytest.raises(LanguageToolError, match="HTTP 500"):
            lt.check(["Another paragraph."], SETTINGS)
        assert len(fake.requests) == before  # no second timeout per file


def test_unreachable_url_fails_on_first_check() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with (
        LanguageTool(url=f"http://127.0.0.1:{port}", use_cache=False) as lt,
        pytest.raises(LanguageToolError, match="not reachable"),
    ):
        lt.check(["Text."], SETTINGS)


def test_version_comes_from_the_server(fake_lt: StartFake) -> None:
    fake = fake_lt(None)
    with LanguageTool(url=fake.url) as lt:
        lt.check(["Text."], SETTINGS)
        assert lt.version == "6.8"


def test_url_from_environment(fake_lt: StartFake, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = fake_lt(None)
    monkeypatch.setenv("NEWSLINT_LANGUAGETOOL_URL", fake.url)
    with LanguageTool() as lt:
        assert lt.configured and lt.url == fake.url


def test_not_installed_is_a_clear_error() -> None:
    with LanguageTool(use_cache=False) as lt:
        assert not lt.configured
        with pytest.raises(LanguageToolError, match=r"not installed.*languagetool install"):
            lt.check(["Text."], SETTINGS)


def time_limited(request: FakeRequest) -> tuple[int, str, bytes]:
    if "slow" in request.form.get("text", ""):
        body = b"Error: Checking took longer than 60.0 seconds, which is this server's limit."
        return 500, "text/plain", body
    return flag_word("go")(request)


@pytest.mark.parametrize("workers", [1, 3])
def test_server_time_limit_skips_only_that_text(fake_lt: StartFake, workers: int) -> None:
    fake = fake_lt(time_limited)
    texts = ["He go home.", "A slow paragraph.", "She go home."]
    results = Client(fake.url).check_many(texts, SETTINGS, workers=workers)
    assert results[1] is None
    assert [len(r or []) for r in results] == [1, 0, 1]


def test_time_limited_text_is_not_cached(fake_lt: StartFake, tmp_path: Path) -> None:
    fake = fake_lt(time_limited)
    for _ in range(2):
        with LanguageTool(url=fake.url, cache_dir=tmp_path) as lt:
            lt.check(["He go home.", "A slow paragraph."], SETTINGS)
            assert lt.stats.unchecked == 1
    assert sum(r.form["text"] == "A slow paragraph." for r in fake.checks) == 2
