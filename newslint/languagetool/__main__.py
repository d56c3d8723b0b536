"""``python -m newslint.languagetool install|status|check``.

A stand-alone entry point for CI and for debugging the backend without the
rest of newslint; ``newslint languagetool ...`` calls the same functions.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from newslint.languagetool.errors import LanguageToolError


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0 ok, 1 not usable, 2 error)."""
    parser = argparse.ArgumentParser(prog="python -m newslint.languagetool")
    sub = parser.add_subparsers(dest="command", required=True)
    p_install = sub.add_parser("install", help="install the pinned LanguageTool into the cache")
    p_install.add_argument("--force", action="store_true", help="reinstall even if present")
    p_install.add_argument("--method", choices=("auto", "maven", "download"), default="auto")
    p_install.add_argument("--no-verify", action="store_true", help="skip the start-up check")
    p_status = sub.add_parser("status", help="what is installed; Java; is a server reachable")
    p_status.add_argument("--url", help="LanguageTool server URL to probe")
    p_check = sub.add_parser("check", help="check text from stdin; print matches as JSON")
    p_check.add_argument("--url", help="use a running server instead of starting one")
    p_check.add_argument("--language", default="en-US")
    p_check.add_argument("--no-cache", action="store_true")
    p_bench = sub.add_parser("bench", help="words/s on a folder of articles: cold, warm, cached")
    p_bench.add_argument("folder", help="folder of .txt/.md/.html articles")
    p_bench.add_argument("--limit", type=int, default=0, help="only the first N files")
    p_bench.add_argument("--url", help="use a running server (cold then excludes start-up)")
    args = parser.parse_args(argv)

    try:
        if args.command == "install":
            from newslint.languagetool.installer import install

            install(force=args.force, method=args.method, check=not args.no_verify)
            return 0
        if args.command == "bench":
            from newslint.languagetool.bench import run_bench

            print(run_bench(args.folder, limit=args.limit, url=args.url))
            return 0
        if args.command == "status":
            from newslint.languagetool.status import status

            report = status(url=args.url)
            print("\n".join(report.lines()))
            return 0 if report.usable else 1
        from newslint.languagetool.service import LanguageTool
        from newslint.languagetool.settings import CheckSettings

        paragraphs = [p for p in sys.stdin.read().split("\n\n") if p.strip()]
        with LanguageTool(url=args.url, use_cache=not args.no_cache) as lt:
            settings = CheckSettings.for_newslint(args.language)
            results = lt.check(paragraphs, settings)
        out = [
            {"paragraph": i, "text": paragraphs[i][m.start : m.end], **m.to_json()}
            for i, matches in enumerate(results)
            for m in matches
        ]
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    except LanguageToolError as exc:
        print(f"newslint: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
