"""Shared fixtures for the newslint test suite.

Tests that exercise the engine, CLI and renderers must not depend on the rules
other engineers are writing, so they select either the bundled demo rule
NL420 or the rules of a small test pack written into a temporary folder (the
``XT`` codes below) and loaded through the ``rule-paths`` config key.
"""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from newslint.diagnostics import (
    Applicability,
    Category,
    Diagnostic,
    Edit,
    Fix,
    Location,
    Severity,
    Span,
)

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
DATA = REPO / "tests" / "data"

settings.register_profile(
    "newslint",
    deadline=None,
    max_examples=150,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
# scripts/test.sh (the CI's command) runs "ci": the same examples on every run
# of a commit, so a red run means the change broke something, not that this
# run's dice found an old bug. New examples come from "newslint" (the default
# for a bare pytest) and "stress", run by hand before a change lands.
settings.register_profile(
    "ci", parent=settings.get_profile("newslint"), derandomize=True, database=None
)
settings.register_profile("stress", parent=settings.get_profile("newslint"), max_examples=3000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "newslint"))


def fixable_finding(
    start: int,
    end: int,
    replacement: str,
    applicability: Applicability = Applicability.SAFE,
    *,
    context: tuple[int, int] | None = None,
) -> Diagnostic:
    """Return a one-line finding at ``[start, end)`` whose fix writes ``replacement``.

    ``context`` is the span the fix's rule read (``Fix.context``), if any.
    """
    loc = Location(start, 1, start + 1, start + 1)
    fix = Fix(
        (Edit(Span(start, end), replacement),),
        applicability,
        "t",
        None if context is None else Span(*context),
    )
    return Diagnostic(
        code="XT900",
        name="t",
        category=Category.STYLE,
        severity=Severity.WARNING,
        message="m",
        path="p",
        span=Span(start, end),
        start=loc,
        end=loc,
        text="",
        fix=fix,
    )


# A small declarative pack: one rule of each kind, each severity, each fix mode.
XT_RULES: dict[str, str] = {
    "pack.toml": """
        name = "xt"
        version = "1"
        description = "Test pack written by the newslint test suite."
    """,
    "banned-word.toml": """
        code = "XT001"
        kind = "existence"
        category = "style"
        severity = "error"
        summary = "Banned test word."
        description = "Flags the made-up words the test suite bans."
        why = "Tests need a rule that fires on demand."
        advice = "Remove the word."
        message = "'{match}' is banned."
        tokens = ["frobnicate", "blorf"]
        [[examples.invalid]]
        text = "They frobnicate daily."
        expect = ["frobnicate"]
        [[examples.valid]]
        text = "They work daily."
    """,
    "plain-words.toml": """
        code = "XT002"
        kind = "substitution"
        category = "style"
        severity = "warning"
        summary = "Long word with a plain equivalent."
        description = "Flags words with a plainer swap."
        why = "Plain words read faster."
        advice = "Use the plain word."
        message = "Use '{replacement}' instead of '{match}'."
        fix = "safe"
        [swap]
        "utilise" = "use"
        "in excess of" = "more than"
        [[examples.invalid]]
        text = "They utilise the hall."
        expect = ["utilise"]
        fixed = "They use the hall."
        [[examples.valid]]
        text = "They use the hall."
    """,
    "adviser-spelling.toml": """
        code = "XT003"
        kind = "consistency"
        category = "style"
        severity = "info"
        summary = "Two spellings of adviser in one story."
        description = "Flags the minority spelling."
        why = "One story, one spelling."
        message = "'{match}' here but '{majority}' elsewhere."
        fix = "safe"
        either = [["adviser", "advisor"]]
        [[examples.invalid]]
        text = "The adviser spoke. Another adviser agreed. The advisor left."
        expect = ["advisor"]
        fixed = "The adviser spoke. Another adviser agreed. The adviser left."
        [[examples.valid]]
        text = "The adviser spoke. Another adviser agreed."
    """,
    "per-cent.toml": """
        code = "XT004"
        kind = "pattern"
        category = "style"
        severity = "warning"
        summary = "Per cent spelled out."
        description = "Flags 'N per cent'."
        why = "House style uses the symbol."
        message = "Write '{replacement}'."
        fix = "unsafe"
        regex = '(\\d+) per cent'
        replacement = '\\1%'
        [[examples.invalid]]
        text = "Turnout rose 5 per cent."
        expect = ["5 per cent"]
        [[examples.valid]]
        text = "Turnout rose 5%."
    """,
}

XT_CODES = ("XT001", "XT002", "XT003", "XT004")


def article_samples(texts: list[str]) -> list[tuple[str, str]]:
    """Return ``(text, path)`` cases: each text as plain text and as Markdown, then every
    fixture article (``tests/fixtures/articles``) under its own name.
    """
    cases = [(text, "story.txt") for text in texts] + [(text, "story.md") for text in texts]
    folder = Path(__file__).parent / "fixtures" / "articles"
    for path in sorted(folder.iterdir()):
        if path.suffix != ".expected":
            cases.append((path.read_text(encoding="utf-8"), path.name))
    return cases


def write_files(root: Path, files: dict[str, str]) -> Path:
    """Write dedented ``files`` (relative name -> text) under ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


def write_xt_pack(folder: Path) -> Path:
    """Write the XT test pack into ``folder`` and return it."""
    return write_files(folder, XT_RULES)


def every_rule() -> list[Any]:
    """Return every built-in rule and every rule of every bundled pack (profiles too)."""
    from newslint.packs import bundled_pack_dirs, load_pack
    from newslint.registry import builtin_rules

    rules: list[Any] = list(builtin_rules())
    for folder in bundled_pack_dirs():
        rules.extend(load_pack(folder).rules)
    return rules


def rule_id(rule: Any) -> str:
    """Return a readable pytest id for a rule class."""
    return f"{rule.code}-{rule.name}"


@dataclass
class Project:
    """A temporary project: the XT pack plus a ``newslint.toml`` using it."""

    root: Path
    pack: Path

    def write(self, name: str, text: str, *, encoding: str = "utf-8") -> Path:
        """Write an article (no dedent, exact bytes of ``text``)."""
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode(encoding))
        return path


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    """Return a project folder (the cwd) whose config selects only the XT rules."""
    root = tmp_path / "proj"
    pack = write_xt_pack(root / "xtpack")
    (root / "newslint.toml").write_text(
        'rule-paths = ["xtpack"]\nselect = ["XT"]\nstyle = "none"\n', encoding="utf-8"
    )
    monkeypatch.chdir(root)
    return Project(root, pack)


@pytest.fixture
def xt_pack(tmp_path: Path) -> Path:
    """Return the folder of a freshly written XT pack."""
    return write_xt_pack(tmp_path / "xtpack")


@pytest.fixture
def lint_xt(xt_pack: Path) -> Callable[..., list[Any]]:
    """Return ``lint(text, path="story.txt", **overrides)`` with the XT rules."""
    from newslint.api import lint_text

    def lint(text: str, path: str = "story.txt", **overrides: Any) -> list[Any]:
        overrides.setdefault("select", ("XT",))
        overrides.setdefault("style", "none")
        overrides.setdefault("rule_paths", (str(xt_pack),))
        return lint_text(text, path, **overrides)

    return lint


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Point the result cache at a temporary folder for the whole run.

    The LanguageTool installation (hundreds of MB) is linked in from the real
    cache, so tests that need the real server find it while every result and
    data cache stays private to the run.
    """
    from newslint.config import default_cache_dir

    real_languagetool = default_cache_dir() / "languagetool"
    old = os.environ.get("NEWSLINT_CACHE_DIR")
    private = tmp_path_factory.mktemp("newslint-cache")
    if real_languagetool.is_dir():
        (private / "languagetool").symlink_to(real_languagetool, target_is_directory=True)
    os.environ["NEWSLINT_CACHE_DIR"] = str(private)
    yield
    if old is None:
        os.environ.pop("NEWSLINT_CACHE_DIR", None)
    else:
        os.environ["NEWSLINT_CACHE_DIR"] = old


def build_wheel(outdir: Path) -> Path:
    """Build newslint's wheel from the checkout (no network: the build backend is local)."""
    import subprocess
    import sys

    built = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(outdir), "."],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert built.returncode == 0, f"wheel build failed:\n{built.stdout}\n{built.stderr}"
    (wheel,) = outdir.glob("newslint-*.whl")
    return wheel


def make_venv(folder: Path) -> Path:
    """Create a bare virtual environment whose imports fall back on this one's packages.

    The new environment has no pip and no newslint; a ``.pth`` file appends
    the running environment's site-packages so that newslint's dependencies
    resolve without any download. Returns the new environment's python.
    """
    import subprocess
    import sys
    import sysconfig

    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True, timeout=120
    )
    python = folder / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    (Path(site) / "_outer_env.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return python


def pip_install(python: Path, *args: str) -> None:
    """Install into the environment of ``python`` with this environment's pip, offline."""
    import subprocess
    import sys

    subprocess.run(
        [
            sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
            "--no-deps", "--no-index", "--no-build-isolation", "--disable-pip-version-check",
            *args,
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )  # fmt: skip


@pytest.fixture(scope="session")
def built_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return newslint's wheel, built once per test run."""
    return build_wheel(tmp_path_factory.mktemp("wheel"))


def run_newslint(
    *args: str, cwd: Path, cache_dir: Path | None, timeout: float, text: bool = True
) -> Any:
    """Run ``python -m newslint`` and fail the test if it does not finish in ``timeout`` s.

    ``cache_dir`` replaces the session's private cache folder (set above);
    LanguageTool URLs and colour switches of the caller's environment are
    dropped. ``text=False`` returns bytes, for byte-for-byte comparisons.
    """
    import subprocess
    import sys

    env = dict(os.environ)
    if cache_dir is not None:
        env["NEWSLINT_CACHE_DIR"] = str(cache_dir)
    assert env.get("NEWSLINT_CACHE_DIR"), "the test cache must point into a temporary folder"
    for var in ("NEWSLINT_LANGUAGETOOL_URL", "NO_COLOR", "FORCE_COLOR"):
        env.pop(var, None)
    try:
        return subprocess.run(
            [sys.executable, "-m", "newslint", *args],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=text,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"newslint {' '.join(args)} did not finish in {timeout:.0f} s (hang)")
