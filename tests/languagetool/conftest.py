"""Fixtures for the LanguageTool backend tests; the helpers live in ``lt_fakes``."""

from __future__ import annotations

import threading
import urllib.parse
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.languagetool.lt_fakes import FakeLanguageTool, FakeRequest, Responder, default_responder


@pytest.fixture
def fake_lt() -> Iterator[Callable[[Responder | None], FakeLanguageTool]]:
    """Start fake LanguageTool servers on 127.0.0.1; all are shut down after the test."""
    started: list[FakeLanguageTool] = []

    def start(responder: Responder | None = None) -> FakeLanguageTool:
        fake = FakeLanguageTool(responder or default_responder)

        class Handler(BaseHTTPRequestHandler):
            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode() if length else ""
                path = urllib.parse.urlsplit(self.path).path
                form = {k: v[0] for k, v in urllib.parse.parse_qs(body).items()}
                request = FakeRequest(path, form)
                fake.requests.append(request)
                status, kind, payload = fake.responder(request)
                if status == 0:  # drop the connection without an answer
                    self.close_connection = True
                    return
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", kind)
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            do_GET = _serve
            do_POST = _serve

            def log_message(self, format: str, *args: Any) -> None:
                pass

        fake.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        fake.server.daemon_threads = True
        threading.Thread(target=fake.server.serve_forever, args=(0.05,), daemon=True).start()
        started.append(fake)
        return fake

    yield start
    for fake in started:
        assert fake.server is not None
        fake.server.shutdown()
        fake.server.server_close()


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the cache root at a temporary folder, so tests never share results."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(cache))
    monkeypatch.delenv("NEWSLINT_LANGUAGETOOL_URL", raising=False)
    return cache
