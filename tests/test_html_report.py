"""The HTML report, rendered in real headless Chromium (Debian's chromium + chromedriver).

Checks that the highlights are in place and clickable (clicking one selects
its entry in the side list), that filters hide findings, that article text
is escaped, and saves a screenshot to ``test-artifacts/``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.corpus import check_command

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"

pytestmark = pytest.mark.slow


def _render(tmp_path: Path, text: str, name: str = "story.md") -> Path:
    story = tmp_path / name
    story.write_text(text, encoding="utf-8")
    out = tmp_path / "report.html"
    result = subprocess.run(
        check_command("--no-cache", "-o", "html", "--output-file", str(out), str(story)),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr
    return out


def test_report_is_self_contained_and_escaped(tmp_path: Path) -> None:
    out = _render(
        tmp_path, "# Title\n\nThe mayor said <script>alert(1)</script> in order to win.\n"
    )
    page = out.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)</script>" not in page
    for external in ("http://", "https://", 'src="'):
        assert external not in page.split("<body", 1)[1].replace("https://pypi", "")


@pytest.fixture
def browser():  # type: ignore[no-untyped-def]
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        if os.environ.get("CI") or os.environ.get("NEWSLINT_REQUIRE_CORPUS"):
            pytest.fail("chromium and chromium-driver are required (apt-get install them)")
        pytest.skip("chromium not installed")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1400,1000",
        "--disable-dev-shm-usage",
    ):
        opts.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    try:
        yield driver
    finally:
        driver.quit()


def test_highlights_are_clickable(tmp_path: Path, browser) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    out = _render(tmp_path, (ROOT / "examples" / "story.md").read_text(encoding="utf-8"))
    browser.get(out.as_uri())
    highlights = browser.find_elements(By.CSS_SELECTOR, ".hl")
    findings = browser.find_elements(By.CSS_SELECTOR, ".finding")
    assert findings, "the example story should produce findings"
    assert len(highlights) >= len(findings) // 2
    target = highlights[0]
    fid = target.get_attribute("data-ids").split()[0]
    target.click()
    entry = browser.find_element(By.ID, fid)
    assert "active" in entry.get_attribute("class")
    assert entry.text.split()[0] in (target.get_attribute("title") or "")
    # Filtering a category hides its findings.
    category = entry.get_attribute("data-cat")
    box = browser.find_element(By.CSS_SELECTOR, f'input[name=cat][value="{category}"]')
    box.click()
    assert "hidden" in entry.get_attribute("class")
    ARTIFACTS.mkdir(exist_ok=True)
    assert browser.save_screenshot(str(ARTIFACTS / "html-report.png"))
