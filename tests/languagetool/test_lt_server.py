"""Server start-up failures, with a real JVM but no LanguageTool on the classpath."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from newslint.languagetool import Installation, LanguageToolError
from newslint.languagetool.java import java_major, probe_java
from newslint.languagetool.server import LocalServer, last_error_line
from tests.languagetool.lt_fakes import missing


def test_java_major() -> None:
    assert java_major("17.0.15") == 17
    assert java_major("1.8.0_392") == 8
    assert java_major("21") == 21
    assert java_major("garbage") == 0


def test_last_error_line_prefers_root_cause() -> None:
    log = (
        "INFO starting\n"
        'Exception in thread "main" java.lang.ExceptionInInitializerError\n'
        "\tat org.Foo.bar(Foo.java:1)\n"
        "Caused by: java.lang.IllegalArgumentException: 'es' is not a language code\n"
        "\tat org.Baz(Baz.java:2)\n"
    )
    assert last_error_line(log).startswith("Caused by: java.lang.IllegalArgumentException")
    assert last_error_line("") == "(no output)"
    assert last_error_line("only line\n") == "only line"


def test_server_that_cannot_start_is_one_clear_error(tmp_path: Path) -> None:
    if probe_java() is None:
        missing("no Java on this machine")
    empty = tmp_path / "lib"
    empty.mkdir()
    (empty / "nothing.jar").write_bytes(b"")
    fake = Installation(version="6.8", root=tmp_path, classpath=("lib/*",), method="maven")
    server = LocalServer(fake, start_timeout=30)
    began = time.monotonic()
    with pytest.raises(LanguageToolError) as info:
        server.start()
    message = str(info.value)
    assert "exited with code 1 while starting" in message
    assert "HTTPServer" in message  # "Could not find or load main class ..."
    assert "\n" not in message
    assert time.monotonic() - began < 30
    assert not server.alive() and server.url is None
