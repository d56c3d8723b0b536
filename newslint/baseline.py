"""Baselines: adopt newslint on an archive without fixing it first.

``newslint baseline create`` records a fingerprint of every current finding;
``newslint check --baseline FILE`` then reports only findings that are new.
Fingerprints are built from content, not positions: the rule, the file, the
flagged text and a few words either side, all with whitespace collapsed, so
editing elsewhere in a story or reflowing a paragraph keeps old findings
silent. Matching is by count, so a second copy of an old error is new.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from newslint import __version__
from newslint.diagnostics import Diagnostic
from newslint.runner import FileReport

BASELINE_VERSION = 1
CONTEXT_CHARS = 30


def _collapse(text: str) -> str:
    return " ".join(text.split())


def fingerprint(d: Diagnostic, source: str) -> str:
    """Return the content fingerprint of one finding."""
    before = _collapse(source[max(0, d.span.start - CONTEXT_CHARS) : d.span.start])
    after = _collapse(source[d.span.end : d.span.end + CONTEXT_CHARS])
    # Drop the partial words at the ends of the context windows.
    before = before.split(" ", 1)[-1] if " " in before else before
    after = after.rsplit(" ", 1)[0] if " " in after else after
    key = "\x1f".join((os.path.normpath(d.path), d.code, _collapse(d.text), before, after))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]


def create(reports: Iterable[FileReport]) -> dict[str, object]:
    """Return baseline data for the given reports."""
    counts: Counter[str] = Counter()
    for r in reports:
        for d in r.diagnostics:
            counts[fingerprint(d, r.source or "")] += 1
    return {
        "newslint": __version__,
        "baseline_version": BASELINE_VERSION,
        "fingerprints": dict(sorted(counts.items())),
    }


def load(path: Path) -> Counter[str]:
    """Load a baseline file; raise ValueError when it is not one."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ValueError(f"{path}: cannot read baseline: {exc.strerror or exc}") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: not a newslint baseline (invalid JSON: {exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("fingerprints"), dict):
        raise ValueError(f"{path}: not a newslint baseline (no 'fingerprints')")
    return Counter({str(k): int(v) for k, v in data["fingerprints"].items()})


def filter_new(reports: Iterable[FileReport], baseline: Counter[str]) -> int:
    """Drop findings present in the baseline from the reports; return how many."""
    remaining = Counter(baseline)
    dropped = 0
    for r in reports:
        kept = []
        for d in r.diagnostics:
            fp = fingerprint(d, r.source or "")
            if remaining[fp] > 0:
                remaining[fp] -= 1
                dropped += 1
            else:
                kept.append(d)
        r.diagnostics = kept
    return dropped
