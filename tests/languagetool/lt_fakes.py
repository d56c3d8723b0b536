"""Helpers for the LanguageTool backend tests (imported by conftest and tests).

Unit tests use :class:`FakeLanguageTool`, a stdlib HTTP server on 127.0.0.1
that answers ``/v2/check`` however a test tells it to (right, wrong, slowly,
not at all). Integration tests (``@pytest.mark.languagetool``) use the real
LanguageTool installed by ``newslint languagetool install``; when it is
missing they skip, except under ``NEWSLINT_REQUIRE_LANGUAGETOOL=1`` (CI),
where they fail.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer

import pytest

from newslint.languagetool import Installation, find_installation
from newslint.languagetool.java import probe_java
from newslint.languagetool.offsets import codepoint_to_utf16
from newslint.languagetool.paths import cache_root

REQUIRE_ENV = "NEWSLINT_REQUIRE_LANGUAGETOOL"

Responder = Callable[["FakeRequest"], tuple[int, str, bytes]]


@dataclass
class FakeRequest:
    """One request the fake server received."""

    path: str
    form: dict[str, str]


def lt_answer(text: str, errors: list[tuple[int, int, str]], version: str = "6.8") -> bytes:
    """Return a LanguageTool-shaped JSON answer for code-point ``(start, end, rule)`` errors.

    Offsets are converted to UTF-16 as the real server sends them.
    """
    matches = []
    for start, end, rule in errors:
        offset = codepoint_to_utf16(text, start)
        matches.append(
            {
                "message": f"{rule} message",
                "shortMessage": "",
                "replacements": [{"value": "fixed"}],
                "offset": offset,
                "length": codepoint_to_utf16(text, end) - offset,
                "rule": {
                    "id": rule,
                    "description": "test rule",
                    "issueType": "misspelling" if "SPELL" in rule else "grammar",
                    "category": {"id": "TYPOS" if "SPELL" in rule else "GRAMMAR"},
                },
            }
        )
    return json.dumps({"software": {"version": version}, "matches": matches}).encode()


@dataclass
class FakeLanguageTool:
    """A scriptable stand-in for LanguageTool's HTTP API."""

    responder: Responder
    requests: list[FakeRequest] = field(default_factory=list)
    server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        """Return the base URL."""
        assert self.server is not None
        host, port = self.server.server_address[:2]
        assert isinstance(host, str)
        return f"http://{host}:{port}"

    @property
    def checks(self) -> list[FakeRequest]:
        """Return the /v2/check requests received so far."""
        return [r for r in self.requests if r.path == "/v2/check"]


def default_responder(request: FakeRequest) -> tuple[int, str, bytes]:
    """Answer languages and checks correctly, with no matches."""
    if request.path == "/v2/languages":
        return 200, "application/json", b'[{"name": "English (US)", "longCode": "en-US"}]'
    return 200, "application/json", lt_answer(request.form.get("text", ""), [])


def missing(reason: str) -> None:
    """Skip, or fail when CI requires LanguageTool (``NEWSLINT_REQUIRE_LANGUAGETOOL=1``)."""
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(f"{reason} ({REQUIRE_ENV}=1 turns this skip into a failure)")
    pytest.skip(reason)


# The real install lives under the cache root in force when the tests started,
# before the autouse fixture above redirects NEWSLINT_CACHE_DIR per test.
REAL_CACHE_ROOT = cache_root()


def real_installation() -> Installation:
    """Return the LanguageTool installed in the user's cache, or skip/fail."""
    found = find_installation(cache_dir=REAL_CACHE_ROOT)
    if found is None:
        missing("LanguageTool is not installed: run 'newslint languagetool install'")
    assert found is not None
    java = probe_java()
    if java is None or java.major < 17:
        missing("Java 17+ is not available for LanguageTool")
    return found


def wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> bool:
    """Poll ``condition`` until true or ``timeout`` seconds pass."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()
