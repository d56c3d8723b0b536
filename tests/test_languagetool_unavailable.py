"""LanguageTool becoming unusable mid-run: one warning per run, one failure per run.

Forked worker processes each meet a dead server on their own, usually with a
different low-level error. These tests check the two halves of handling it:
a failure in one process stops the others from trying again (shared memory
made before the fork), and the warnings the workers send back are merged
into one line per kind. The end-to-end case (a server SIGKILLed during a
``--jobs 2`` run) is ``tests/test_hostile.py::test_languagetool_killed_mid_run``.
"""

from __future__ import annotations

import json
import multiprocessing
import pickle
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from newslint.languagetool.backend import (
    NOT_INSTALLED,
    SKIPPED,
    UNAVAILABLE,
    Backend,
    BackendWarning,
    activate,
    run_wide_warnings,
)
from newslint.languagetool.errors import FailedElsewhere, LanguageToolError
from newslint.languagetool.service import LanguageTool
from newslint.languagetool.settings import CheckSettings


class _Fake:
    """A LanguageTool stand-in that answers ``good`` checks, then garbage."""

    def __init__(self, good: int) -> None:
        self.good = good
        self.checks = 0
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                fake.checks += 1
                if fake.checks <= fake.good:
                    payload = json.dumps({"software": {"version": "6.8"}, "matches": []}).encode()
                else:
                    payload = b"{not json"
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = _serve

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def fake() -> Iterator[_Fake]:
    server = _Fake(good=1)  # the warm-up; every check after it gets garbage
    yield server
    server.close()


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("NEWSLINT_LANGUAGETOOL_URL", raising=False)


def _check_in_child(service: LanguageTool, result: Any) -> None:
    try:
        service.check(["He go home."], CheckSettings.for_newslint())
    except FailedElsewhere:
        result.put("elsewhere")
    except LanguageToolError as exc:
        result.put(f"firsthand: {exc}")
    else:
        result.put("ok")


def test_a_failure_in_a_worker_stops_the_other_processes_asking(fake: _Fake) -> None:
    service = LanguageTool(url=fake.url, use_cache=False, workers=1)
    service.start()  # in the parent, before the fork, as a pooled run does
    ctx = multiprocessing.get_context("fork")
    result = ctx.SimpleQueue()
    child = ctx.Process(target=_check_in_child, args=(service, result))
    child.start()
    child.join(30)
    assert child.exitcode == 0
    assert result.get().startswith("firsthand: LanguageTool at")  # the child met the garbage
    assert service.down
    asked = fake.checks
    with pytest.raises(FailedElsewhere, match="stopped working earlier in this run"):
        service.check(["She go home."], CheckSettings.for_newslint())
    with pytest.raises(FailedElsewhere):
        service.start()
    assert fake.checks == asked  # no request: the failure is known
    # A second worker forked now fails without asking either.
    child = ctx.Process(target=_check_in_child, args=(service, result))
    child.start()
    child.join(30)
    assert result.get() == "elsewhere" and fake.checks == asked
    service.close()


def test_backend_records_a_second_hand_failure_as_such(fake: _Fake) -> None:
    service = LanguageTool(url=fake.url, use_cache=False, workers=1)
    backend = Backend("auto", service=service)
    with activate(backend, start=True, close=False):
        service._down[0] = 1  # what a sibling process's failure leaves behind
        from newslint.document import Document

        assert backend.document_matches(Document("He go home.\n", "b.txt")) == []
    (warning,) = backend.drain_warnings()
    assert warning.kind == UNAVAILABLE and not warning.firsthand
    assert backend.failed  # so the file's result is not cached without NL8xx
    service.close()


def test_warnings_survive_the_trip_back_from_a_worker() -> None:
    warning = BackendWarning(SKIPPED + "boom", UNAVAILABLE, "boom", True, 12.5)
    back = pickle.loads(pickle.dumps(warning))
    assert isinstance(back, BackendWarning) and back == warning
    assert (back.kind, back.detail, back.firsthand, back.at) == (UNAVAILABLE, "boom", True, 12.5)
    assert back.key == UNAVAILABLE


def test_one_line_for_unavailable_whatever_the_workers_said() -> None:
    url = "http://127.0.0.1:8081"
    said = [
        BackendWarning(SKIPPED + f"LanguageTool at {url} is not reachable", UNAVAILABLE, at=3.0),
        BackendWarning(
            SKIPPED + f"LanguageTool at {url} stopped working earlier in this run",
            UNAVAILABLE,
            firsthand=False,
            at=1.0,
        ),
        "a.txt: file is empty; nothing to lint",
        BackendWarning(
            SKIPPED + f"LanguageTool at {url} broke off the answer", UNAVAILABLE, at=2.0
        ),
    ]
    lines = run_wide_warnings(said)
    # The earliest first-hand failure, not a second-hand note nor a later symptom.
    assert lines == {UNAVAILABLE: SKIPPED + f"LanguageTool at {url} broke off the answer"}
    assert len({getattr(w, "key", w) for w in said}) == 2  # the session prints two lines


def test_not_installed_is_still_one_warning() -> None:
    backend = Backend("auto", service=LanguageTool(use_cache=False))
    backend.prepare()
    (warning,) = backend.drain_warnings()
    assert warning == NOT_INSTALLED and warning.key != UNAVAILABLE


class _Server:
    """Stands in for a LocalServer: ``process`` None means it never ran (start failed)."""

    def __init__(self, process: object | None) -> None:
        self.process = process

    def death_note(self, wait: float = 0.0) -> str:
        return "LanguageTool server (pid 7) was killed by signal 9 during the run"


def test_parent_names_a_dead_local_server_but_not_a_failed_start() -> None:
    service = LanguageTool(url="http://127.0.0.1:9", use_cache=False)
    said = [BackendWarning(SKIPPED + "connection reset", UNAVAILABLE)]
    service.server = _Server(process=object())  # type: ignore[assignment]
    assert run_wide_warnings(said, service) == {
        UNAVAILABLE: SKIPPED + "LanguageTool server (pid 7) was killed by signal 9 during the run"
    }
    service.server = _Server(process=None)  # type: ignore[assignment]
    assert run_wide_warnings(said, service) == {UNAVAILABLE: SKIPPED + "connection reset"}
