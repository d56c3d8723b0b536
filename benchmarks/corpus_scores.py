#!/usr/bin/env python3
"""Score newslint on the shared development corpus (built-in rules, no LanguageTool).

Runs ``newslint check --output-format json`` over ``dev/seed``, ``dev/injected`` and
``dev/clean`` and prints recall per gold kind (via the corpus's own ``score.py``)
and warning+error findings per 1,000 words on the clean set, per category.

Usage: ``python benchmarks/corpus_scores.py [--corpus ../shared/corpus]``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NEWSLINT = [sys.executable, "-m", "newslint"]


def lint(folder: Path, out: Path) -> None:
    """Write newslint's JSON report for ``folder`` to ``out``."""
    cmd = [
        *NEWSLINT,
        "check",
        "--isolated",
        "--no-languagetool",
        "--no-cache",
        "--output-format",
        "json",
        "--output-file",
        str(out),
        str(folder),
    ]
    result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if result.returncode not in (0, 1):
        raise SystemExit(f"newslint failed on {folder}: {result.stderr}")


def main() -> int:
    """Print the scores."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    args = ap.parse_args()
    dev = args.corpus / "dev"
    score = args.corpus / "score.py"
    if not score.is_file():
        print(f"corpus not found at {args.corpus}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        for part in ("seed", "injected"):
            out = Path(tmp) / f"{part}.json"
            lint(dev / part, out)
            print(f"dev/{part}:")
            result = subprocess.run(
                [
                    sys.executable,
                    str(score),
                    str(dev / part / "gold.jsonl"),
                    str(out),
                    "--by",
                    "kind",
                ],
                capture_output=True,
                text=True,
                check=True,
            )
            print("  " + result.stdout.strip().replace("\n", "\n  "))
        out = Path(tmp) / "clean.json"
        lint(dev / "clean", out)
        data = json.loads(out.read_text(encoding="utf-8"))
        files = sorted((dev / "clean").glob("*.txt"))
        words = sum(len(f.read_text(encoding="utf-8").split()) for f in files)
        per: Counter[str] = Counter()
        for f in data["files"]:
            for d in f["findings"]:
                if d["severity"] in ("warning", "error"):
                    per[d["category"]] += 1
        rates = ", ".join(f"{c} {n * 1000 / words:.3f}" for c, n in sorted(per.items()))
        print(
            f"dev/clean ({len(files)} files, {words:,} words), warning+error findings "
            f"per 1,000 words: {rates or 'none'}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
