"""Installer behaviour with a stand-in ``mvn``: atomic, idempotent, clean on failure."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from newslint.languagetool import LT_VERSION, LanguageToolError, find_installation, install
from newslint.languagetool import installer as install_module
from newslint.languagetool.java import Java
from newslint.languagetool.paths import languagetool_dir

FAKE_MVN = """#!/bin/sh
# Stand-in for mvn: records its arguments and fakes copy-dependencies.
echo "$@" >> "$FAKE_MVN_LOG"
if [ -n "$FAKE_MVN_FAIL" ]; then
  echo "[INFO] Scanning for projects..."
  echo "[ERROR] Failed to execute goal: Could not resolve dependencies"
  exit 1
fi
for arg in "$@"; do
  case "$arg" in
    -DoutputDirectory=*) out="${arg#-DoutputDirectory=}" ;;
    -Dlanguagetool.version=*) version="${arg#-Dlanguagetool.version=}" ;;
  esac
done
mkdir -p "$out"
touch "$out/languagetool-server-$version.jar" "$out/language-en-$version.jar"
"""


@pytest.fixture
def fake_mvn(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Put a fake ``mvn`` first on PATH; return the file its calls are logged to."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    mvn = bin_dir / "mvn"
    mvn.write_text(FAKE_MVN)
    mvn.chmod(mvn.stat().st_mode | stat.S_IXUSR)
    log = tmp_path / "mvn.log"
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("FAKE_MVN_LOG", str(log))
    monkeypatch.setattr(install_module, "require_java", lambda: Java("java", "17.0.1"))
    return log


def leftovers(cache: Path) -> list[str]:
    base = languagetool_dir(cache)
    return sorted(p.name for p in base.iterdir() if p.name.startswith((".install-", ".old-")))


def test_install_from_maven(fake_mvn: Path, _private_cache: Path) -> None:
    messages: list[str] = []
    found = install(check=False, report=messages.append)
    assert found.version == LT_VERSION and found.method == "maven"
    assert found.root == languagetool_dir(_private_cache) / LT_VERSION
    assert found.classpath_arg().endswith(os.path.join("lib", "*"))
    assert (found.root / "pom.xml").is_file()
    args = fake_mvn.read_text()
    assert "dependency:copy-dependencies" in args and "-B" in args
    assert f"-Dlanguagetool.version={LT_VERSION}" in args
    assert find_installation() == found
    assert leftovers(_private_cache) == []
    assert any("Maven Central" in m for m in messages)


def test_second_install_is_a_no_op(fake_mvn: Path) -> None:
    install(check=False, report=lambda m: None)
    calls = fake_mvn.read_text().count("\n")
    messages: list[str] = []
    install(check=False, report=messages.append)
    assert fake_mvn.read_text().count("\n") == calls
    assert "already installed" in messages[0]


def test_force_reinstalls_in_place(fake_mvn: Path, _private_cache: Path) -> None:
    first = install(check=False, report=lambda m: None)
    marker = first.root / "marker"
    marker.write_text("old")
    again = install(check=False, force=True, report=lambda m: None)
    assert again.root == first.root and not marker.exists()
    assert leftovers(_private_cache) == []


def test_maven_failure_leaves_nothing(
    fake_mvn: Path, _private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_MVN_FAIL", "1")
    with pytest.raises(LanguageToolError, match=r"mvn failed.*Could not resolve dependencies"):
        install(check=False, report=lambda m: None)
    assert find_installation() is None
    assert leftovers(_private_cache) == []


def test_failed_verification_leaves_nothing(
    fake_mvn: Path, _private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(installation: object, timeout: float = 0) -> float:
        raise LanguageToolError("LanguageTool server exited with code 1 while starting")

    monkeypatch.setattr(install_module, "verify", broken)
    with pytest.raises(LanguageToolError, match="exited with code 1"):
        install(report=lambda m: None)
    assert find_installation() is None
    assert leftovers(_private_cache) == []


def test_download_fallback_without_mvn(
    monkeypatch: pytest.MonkeyPatch, _private_cache: Path
) -> None:
    # Stand in for language-tool-python's download: lay out the release zip's folder.
    script = (
        "import os, pathlib, sys\n"
        "d = pathlib.Path(os.environ['LTP_PATH']) / f'LanguageTool-{sys.argv[1]}'\n"
        "d.mkdir(parents=True)\n"
        "(d / 'languagetool-server.jar').write_bytes(b'')\n"
    )
    monkeypatch.setattr(install_module, "_DOWNLOAD_SCRIPT", script)
    monkeypatch.setattr("shutil.which", lambda name: None)
    monkeypatch.setattr(install_module, "require_java", lambda: Java("java", "17.0.1"))
    found = install(check=False, report=lambda m: None)
    assert found.method == "download"
    assert found.classpath == (f"LanguageTool-{LT_VERSION}/languagetool-server.jar",)


def test_download_failure_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        install_module, "_DOWNLOAD_SCRIPT", "raise SystemExit('ConnectionError: no route')"
    )
    monkeypatch.setattr("shutil.which", lambda name: None)
    monkeypatch.setattr(install_module, "require_java", lambda: Java("java", "17.0.1"))
    with pytest.raises(LanguageToolError, match=r"mvn is not installed.*no route"):
        install(check=False, report=lambda m: None)


def test_partial_folder_is_not_an_install(_private_cache: Path) -> None:
    folder = languagetool_dir(_private_cache) / LT_VERSION / "lib"
    folder.mkdir(parents=True)
    (folder / "languagetool-server.jar").write_bytes(b"")
    assert find_installation() is None  # no manifest: an interrupted install


def test_java_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.delenv("JAVA_HOME", raising=False)
    with pytest.raises(LanguageToolError, match=r"Java not found.*17"):
        install(check=False, report=lambda m: None)
