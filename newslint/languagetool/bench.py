"""Measure LanguageTool throughput on real articles: cold, warm and cached.

cold: a new run — start the server (unless ``--url``), warm it up, check
every paragraph with an empty cache. warm: the same server, every paragraph
again, cache off. cached: a new run over a filled cache (no request, no
Java). Paragraphs come from newslint's document model, as in a real check.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from newslint.languagetool.installation import find_installation
from newslint.languagetool.service import LanguageTool
from newslint.languagetool.settings import CheckSettings

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")


def load_paragraphs(folder: str, limit: int = 0) -> list[str]:
    """Return the prose paragraphs of every article in ``folder``."""
    from newslint.document import Document

    files = sorted(p for p in Path(folder).rglob("*") if p.suffix.lower() in SUFFIXES)
    if limit:
        files = files[:limit]
    texts: list[str] = []
    for path in files:
        doc = Document(path.read_text(encoding="utf-8"), str(path))
        texts.extend(doc.text[p.start : p.end] for p in doc.paragraphs)
    return texts


def run_bench(folder: str, *, limit: int = 0, url: str | None = None) -> str:
    """Return a small table of words per second for the three cases."""
    texts = load_paragraphs(folder, limit)
    words = sum(len(t.split()) for t in texts)
    settings = CheckSettings.for_newslint()
    rows: list[tuple[str, float, str]] = []
    installation = None if url else find_installation()
    with tempfile.TemporaryDirectory() as cache:
        began = time.monotonic()
        with LanguageTool(url=url, installation=installation, cache_dir=cache) as lt:
            lt.check(texts, settings)
            cold = time.monotonic() - began
            start = lt.stats.start_seconds or 0.0
            rows.append(("cold", cold, f"server start + warm-up {start:.1f} s"))
            uncached = LanguageTool(url=lt.server.url if lt.server else url, use_cache=False)
            began = time.monotonic()
            uncached.check(texts, settings)
            rows.append(("warm", time.monotonic() - began, f"{uncached.workers} threads"))
        began = time.monotonic()
        with LanguageTool(url=url, installation=installation, cache_dir=cache) as again:
            again.check(texts, settings)
            note = f"{again.stats.requests} requests"
        rows.append(("cached", time.monotonic() - began, note))
    lines = [f"{len(texts)} paragraphs, {words} words from {folder}"]
    for name, seconds, note in rows:
        lines.append(f"{name:>7}: {seconds:7.1f} s  {words / seconds:9.0f} words/s  ({note})")
    return "\n".join(lines)
