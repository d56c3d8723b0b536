"""Integration tests against the real LanguageTool server (installed from Maven Central).

Marked ``languagetool``: they skip when LanguageTool is not installed, and
fail instead under ``NEWSLINT_REQUIRE_LANGUAGETOOL=1`` (CI). One server is
shared by the module; the kill test starts its own.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from newslint.languagetool import (
    CheckSettings,
    Installation,
    LanguageTool,
    LanguageToolError,
    Match,
    default_disabled_rules,
)
from newslint.languagetool.client import Client
from tests.languagetool.lt_fakes import real_installation

pytestmark = pytest.mark.languagetool

NEWS = CheckSettings.for_newslint("en-US")


@pytest.fixture(scope="module")
def installation() -> Installation:
    return real_installation()


@pytest.fixture(scope="module")
def lt(
    installation: Installation, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LanguageTool]:
    service = LanguageTool(
        installation=installation, cache_dir=tmp_path_factory.mktemp("ltcache"), use_cache=False
    )
    service.start()
    yield service
    service.close()


def flagged(text: str, matches: list[Match]) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.rule_id) for m in matches]


def test_known_grammar_error(lt: LanguageTool) -> None:
    text = "He go to school every day."
    (matches,) = lt.check([text], NEWS)
    assert ("go", "HE_VERB_AGR") in flagged(text, matches)


def test_emoji_before_the_error(lt: LanguageTool) -> None:
    text = "Fans cheered 🎉🎉 at the parade. He go to school every day."
    (matches,) = lt.check([text], NEWS)
    assert ("go", "HE_VERB_AGR") in flagged(text, matches)


def test_crlf_text(lt: LanguageTool) -> None:
    text = "The council met on Tuesday.\r\nThe mayor will recieve the report.\r\nHe go home."
    (matches,) = lt.check([text], NEWS)
    found = flagged(text, matches)
    assert ("recieve", "MORFOLOGIK_RULE_EN_US") in found
    assert ("go", "HE_VERB_AGR") in found


def test_spelling_match_is_marked_and_suggests(lt: LanguageTool) -> None:
    text = "The mayor will recieve the report."
    (matches,) = lt.check([text], NEWS)
    (match,) = [m for m in matches if m.rule_id.startswith("MORFOLOGIK")]
    assert match.is_spelling and "receive" in match.replacements


def test_default_disabled_rules_are_off(lt: LanguageTool) -> None:
    # AP style: a quote running on into the next paragraph has no closing mark.
    text = '"We will rebuild," the mayor said. "It will take years, but we will do it.'
    plain, news = lt.check([text], CheckSettings()), lt.check([text], NEWS)
    assert "EN_UNPAIRED_QUOTES" in {m.rule_id for m in plain[0]}
    assert "EN_UNPAIRED_QUOTES" not in {m.rule_id for m in news[0]}


def test_every_disabled_rule_exists(lt: LanguageTool) -> None:
    assert lt.server is not None and lt.server.url is not None
    client = Client(lt.server.url)
    known = client.rule_ids("en-US") | client.rule_ids("en-GB")
    stale = [rule.id for rule in default_disabled_rules() if rule.id not in known]
    assert stale == [], "rules/languagetool.toml names rules LanguageTool no longer has"


def test_concurrent_check_keeps_order(lt: LanguageTool) -> None:
    texts = [
        f"Item {i}: he go to school." if i % 3 == 0 else f"Item {i} is fine." for i in range(12)
    ]
    results = lt.check(texts, NEWS)
    for i, (text, matches) in enumerate(zip(texts, results, strict=True)):
        assert (("go", "HE_VERB_AGR") in flagged(text, matches)) == (i % 3 == 0)


def test_listens_on_loopback_only(lt: LanguageTool) -> None:
    if not Path("/proc/net/tcp").exists():
        pytest.skip("needs Linux /proc/net to read listening sockets")
    assert lt.server is not None and lt.server.url is not None
    port = int(lt.server.url.rsplit(":", 1)[1])
    addresses = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, port_hex = local.split(":")
            if state == "0A" and int(port_hex, 16) == port:  # 0A = LISTEN
                addresses.append(address)
    assert addresses, "server port not found in LISTEN state"
    loopback = {"0100007F", "0000000000000000FFFF00000100007F", "00000000000000000000000001000000"}
    assert set(addresses) <= loopback, addresses


def test_second_run_sends_no_request(
    lt: LanguageTool, installation: Installation, tmp_path: Path
) -> None:
    assert lt.server is not None and lt.server.url is not None
    texts = ["He go to school every day.", "The mayor will recieve the report.", "All fine."]
    with LanguageTool(url=lt.server.url, cache_dir=tmp_path) as first:
        expected = first.check(texts, NEWS)
        assert first.stats.requests == 3
    with LanguageTool(installation=installation, cache_dir=tmp_path) as second:
        assert second.check(texts, NEWS) == expected
        assert second.stats.requests == 0 and second.stats.cache_hits == 3
        assert second.server is None  # Java never started


def test_module_command_line(lt: LanguageTool) -> None:
    assert lt.server is not None and lt.server.url is not None
    env = dict(os.environ)
    done = subprocess.run(
        [sys.executable, "-m", "newslint.languagetool", "check", "--url", lt.server.url],
        input="He go to school.\n\nAll fine here.",
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    assert '"rule_id": "HE_VERB_AGR"' in done.stdout
    status = subprocess.run(
        [sys.executable, "-m", "newslint.languagetool", "status", "--url", lt.server.url],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert status.returncode == 0, status.stdout + status.stderr
    assert "reachable" in status.stdout and "usable:         yes" in status.stdout


def test_server_killed_mid_run(installation: Installation, tmp_path: Path) -> None:
    with LanguageTool(installation=installation, cache_dir=tmp_path, use_cache=False) as service:
        service.check(["A first paragraph that is fine."], NEWS)
        assert service.server is not None and service.server.process is not None
        pid = service.server.process.pid
        os.kill(pid, signal.SIGKILL)
        began = time.monotonic()
        with pytest.raises(LanguageToolError, match="killed by signal 9"):
            service.check(["He go to school.", "Another paragraph."], NEWS)
        assert time.monotonic() - began < 15
        began = time.monotonic()
        with pytest.raises(LanguageToolError, match="killed by signal 9"):
            service.check(["A third paragraph."], NEWS)
        assert time.monotonic() - began < 1  # remembered, no new timeout


def test_close_stops_the_server(installation: Installation, tmp_path: Path) -> None:
    service = LanguageTool(installation=installation, cache_dir=tmp_path, use_cache=False)
    service.start()
    assert service.server is not None and service.server.process is not None
    process = service.server.process
    service.close()
    assert process.poll() is not None


def test_markdown_through_the_engine(lt: LanguageTool) -> None:
    from newslint.document import Document
    from newslint.engine import Linter
    from newslint.languagetool.backend import Backend, activate
    from newslint.languagetool.rules import RULES

    assert lt.server is not None and lt.server.url is not None
    source = (
        "# Mayor 🎉 wins third term\r\n\r\n"
        "The **mayor** said [on Tuesday](https://example.com/story) that he will run. "
        "He go to *every* meeting. The council will `recieve` the recieve report.\r\n"
    )
    backend = Backend("on", service=LanguageTool(url=lt.server.url, use_cache=False))
    with activate(backend):
        found = Linter([rule() for rule in RULES]).lint(Document(source, "story.md")).diagnostics
    got = {(d.code, d.text, d.external_id) for d in found}
    assert ("NL801", "go", "HE_VERB_AGR") in got
    assert ("NL802", "recieve", "MORFOLOGIK_RULE_EN_US") in got
    for d in found:  # positions are exact in the source, never inside markup or code
        assert source[d.span.start : d.span.end] == d.text
    spelled = [d for d in found if d.code == "NL802"]
    assert len(spelled) == 1  # the one in the code span is blanked
    assert spelled[0].span.start == source.index("recieve report")


@pytest.mark.parametrize(("style", "flags_colour"), [("ap", True), ("british", False)])
def test_the_british_profile_checks_british_spelling(
    lt: LanguageTool, style: str, flags_colour: bool
) -> None:
    from newslint.document import Document
    from newslint.engine import Linter
    from newslint.languagetool.backend import Backend, activate
    from newslint.languagetool.rules import LanguageToolSpelling

    assert lt.server is not None and lt.server.url is not None
    settings = type(
        "S",
        (),
        {
            "languagetool": "on",
            "languagetool_url": lt.server.url,
            "languagetool_language": None,
            "style": style,
            "cache": False,
        },
    )()
    text = "The council will recieve the colour samples on Monday.\n"
    with activate(Backend.from_settings(settings)):
        found = Linter([LanguageToolSpelling()]).lint(Document(text, "a.txt")).diagnostics
    words = {d.text for d in found}
    assert "recieve" in words  # a misspelling in either variant
    assert ("colour" in words) is flags_colour


def test_random_copy_with_the_real_server_maps_exactly_and_fixes_settle(
    lt: LanguageTool,
) -> None:
    """Built-in rules plus the real server on random copy (the built-in property tests' mix).

    For every input: no error, every finding exact in the source, and after
    ``--fix --unsafe-fixes`` (LanguageTool's suggestions applied too) a second
    run changes nothing. Run with the real server because fixes from the two
    tiers can undo one another (AP's lower-case title against LanguageTool's
    capitalised one), which only the real rules show.
    """
    import datetime as dt

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from newslint.config import resolve_settings
    from newslint.languagetool.backend import Backend, activate
    from newslint.runner import LinterFactory, lint_source
    from tests.test_properties import check_lint, check_second_fix
    from tests.test_properties_builtin import documents, paths

    assert lt.server is not None and lt.server.url is not None
    overrides = {"languagetool": "on", "cache": False, "date": dt.date(2025, 6, 3)}
    factory = LinterFactory(resolve_settings(None, overrides=overrides, isolated=True))
    backend = Backend("on", service=LanguageTool(url=lt.server.url, use_cache=False))
    grammar: list[int] = []

    @settings(max_examples=100)
    @given(documents, paths, st.booleans())
    def check(source: str, path: str, unsafe: bool) -> None:
        check_lint(factory, source, path)
        report = lint_source(source, path, factory)
        grammar.append(sum(d.code.startswith("NL8") for d in report.diagnostics))
        check_second_fix(factory, source, path, unsafe)

    with activate(backend):
        check()
    assert sum(grammar) > 0  # the server was really asked, and answered
