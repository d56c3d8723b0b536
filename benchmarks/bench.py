#!/usr/bin/env python3
"""newslint benchmark: words per second and peak memory, median of several runs.

Scenarios (each run as a separate process, timed wall-clock, the first run of
each scenario discarded as warm-up unless --no-warmup):

- ``one-article-cold``: one ~800-word article, built-in rules, no cache
  (start-up cost included; the pre-commit case);
- ``clean-j1`` / ``clean-jN``: ../shared/corpus/dev/clean, built-in rules,
  ``--jobs 1`` and all cores, no cache;
- ``clean-j1-typo-rules``: the same with only the typo rules (NL1xx), one core;
- ``clean-cached``: the same again with the result cache warm;
- ``clean-languagetool``: with the LanguageTool tier (cold server start, then
  warm cache-less, when LanguageTool is installed; --languagetool to require);
- peers: proselint and codespell over the same files, same timing method;
- rule costs: CPU seconds per rule in one process and the AP pack's share of
  the built-in run (``benchmarks/rule_costs.py``; --skip-rule-costs).

The scenarios compared in a ratio (``clean-j1``, ``clean-j1-typo-rules``,
``clean-jN`` and the peers) run interleaved, one of each per round, and each
ratio is the median of its per-round ratios: this machine's speed drifts by
tens of percent from one minute to the next, and a ratio of runs taken
minutes apart measures the drift as much as the software.

Usage: ``python benchmarks/bench.py [--runs 3] [--corpus PATH] [--json OUT]``.
Peak memory is the maximum resident set size of each run's process (from
``os.wait4``; with ``--jobs`` it is the largest single process, not the sum).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "dev" / "clean"
BIN = Path(sys.executable).parent


@dataclass
class Result:
    """Timings of one scenario."""

    name: str
    words: int
    seconds: list[float] = field(default_factory=list)
    peak_kb: int = 0
    note: str = ""

    @property
    def median(self) -> float:
        """Return the median wall time."""
        return statistics.median(self.seconds) if self.seconds else float("nan")

    @property
    def wps(self) -> float:
        """Return words per second at the median."""
        return self.words / self.median if self.seconds else float("nan")


def count_words(files: list[Path]) -> int:
    """Count whitespace-separated words, the corpus's own measure."""
    return sum(len(f.read_text(encoding="utf-8").split()) for f in files)


def timed(
    cmd: list[str], env: dict[str, str], ok_codes: tuple[int, ...] = (0, 1)
) -> tuple[float, int]:
    """Run ``cmd`` once; return its wall time and peak RSS in kB (via wait4)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in ok_codes:
        raise RuntimeError(
            f"{' '.join(cmd[:4])} ... exited {proc.returncode}: "
            f"{err.decode(errors='replace')[:400]}"
        )
    return elapsed, usage.ru_maxrss


def run_scenario(
    name: str,
    cmd: list[str],
    words: int,
    runs: int,
    env: dict[str, str],
    warmup: bool,
    setup: list[str] | None = None,
    ok_codes: tuple[int, ...] = (0, 1),
) -> Result:
    """Time ``cmd`` ``runs`` times (plus a warm-up run) and record the peak memory."""
    result = Result(name, words)
    if warmup:
        if setup:
            subprocess.run(
                setup, env=env, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
        timed(cmd, env, ok_codes)
    peak = 0
    for _ in range(runs):
        if setup:
            subprocess.run(
                setup, env=env, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
        seconds, rss = timed(cmd, env, ok_codes)
        result.seconds.append(seconds)
        peak = max(peak, rss)
    result.peak_kb = peak
    return result


def run_interleaved(
    scenarios: list[tuple[str, list[str], tuple[int, ...]]],
    words: int,
    runs: int,
    env: dict[str, str],
    warmup: bool,
) -> list[Result]:
    """Time several commands in rounds (one run of each per round), after a warm-up round."""
    results = [Result(name, words) for name, _, _ in scenarios]
    for round_ in range(runs + (1 if warmup else 0)):
        for result, (_, cmd, ok_codes) in zip(results, scenarios, strict=True):
            seconds, rss = timed(cmd, env, ok_codes)
            if warmup and round_ == 0:
                continue
            result.seconds.append(seconds)
            result.peak_kb = max(result.peak_kb, rss)
    return results


def paired_ratio(numerator: Result, denominator: Result) -> float:
    """Return the median of the per-round ratios of two interleaved scenarios' times."""
    pairs = zip(numerator.seconds, denominator.seconds, strict=True)
    return statistics.median(n / d for n, d in pairs)


def main() -> int:
    """Run the benchmark and print a table."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--json", type=Path, help="also write the results here")
    ap.add_argument("--no-warmup", action="store_true")
    ap.add_argument(
        "--languagetool",
        action="store_true",
        help="require the LanguageTool scenarios (fail if not installed)",
    )
    ap.add_argument("--skip-peers", action="store_true")
    ap.add_argument("--skip-languagetool", action="store_true")
    ap.add_argument("--skip-rule-costs", action="store_true")
    args = ap.parse_args()
    if not args.corpus.is_dir():
        print(f"bench: corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    files = sorted(args.corpus.glob("*.txt"))
    words = count_words(files)
    newslint = str(BIN / "newslint")
    cache = tempfile.mkdtemp(prefix="newslint-bench-")
    env = {**os.environ, "NEWSLINT_CACHE_DIR": cache, "NO_COLOR": "1"}
    # Measure what an installed newslint does: Python writes and reuses its
    # bytecode (the warm-up run writes it), as it does for every user.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    warm = not args.no_warmup
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    base = [newslint, "check", "--no-languagetool", "-o", "json", "--isolated"]
    results: list[Result] = []

    # One article of about 800 words: join paragraphs of corpus files to that length.
    article = Path(cache) / "article.txt"
    text, n = [], 0
    for f in files:
        body = f.read_text(encoding="utf-8")
        text.append(body)
        n += len(body.split())
        if n >= 800:
            break
    article.write_text("\n\n".join(text), encoding="utf-8")
    results.append(
        run_scenario(
            "one-article-cold", [*base, "--no-cache", str(article)], n, args.runs, env, warm
        )
    )
    paths = [str(f) for f in files]
    any_exit = tuple(range(0, 256))
    typo_rules = ["--select", "NL1"]
    ours: list[tuple[str, list[str], tuple[int, ...]]] = [
        ("clean-j1", [*base, "--no-cache", "-j", "1", *paths], (0, 1)),
        ("clean-j1-typo-rules", [*base, "--no-cache", "-j", "1", *typo_rules, *paths], (0, 1)),
        (f"clean-j{cores}", [*base, "--no-cache", "-j", str(cores), *paths], (0, 1)),
    ]
    peer_commands: list[tuple[str, list[str], tuple[int, ...]]] = []
    if not args.skip_peers:
        for name, cmd in (
            ("proselint", [str(BIN / "proselint"), "check", *paths]),
            ("codespell", [str(BIN / "codespell"), *paths]),
        ):
            if Path(cmd[0]).exists():
                peer_commands.append((name, cmd, any_exit))
            else:
                print(f"bench: {name} not installed (pip install '.[bench]')", file=sys.stderr)
    interleaved = run_interleaved(ours + peer_commands, words, args.runs, env, warm)
    results.extend(interleaved[: len(ours)])
    peers = interleaved[len(ours) :]
    first = Result("clean-first-run-with-cache", words)
    shutil.rmtree(Path(cache) / "results", ignore_errors=True)
    seconds, first.peak_kb = timed([*base, "-j", "1", *paths], env)
    first.seconds.append(seconds)
    results.append(first)
    results.append(
        run_scenario("clean-cached", [*base, "-j", "1", *paths], words, args.runs, env, warm)
    )

    lt_status = subprocess.run(
        [newslint, "languagetool", "status"], env=env, capture_output=True, text=True, check=False
    )
    lt_ready = lt_status.returncode == 0 and not args.skip_languagetool
    if lt_ready:
        lt = [newslint, "check", "--languagetool", "-o", "json", "--isolated"]
        results.append(
            run_scenario(
                "clean-languagetool-cold", [*lt, "--no-cache", *paths], words, 1, env, False
            )
        )
        results.append(
            run_scenario("clean-languagetool-cached", [*lt, *paths], words, args.runs, env, True)
        )
    elif args.languagetool:
        print(
            f"bench: LanguageTool not available: {lt_status.stdout}{lt_status.stderr}",
            file=sys.stderr,
        )
        return 2

    results.extend(peers)

    by_name = {r.name: r for r in results}
    print(
        f"machine: {platform.machine()}, {cores} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )
    print(
        f"corpus: {args.corpus} ({len(files)} files, {words:,} words); "
        f"median of {args.runs} runs{' after a warm-up run' if warm else ''}"
    )
    print(f"{'scenario':34s} {'median s':>9s} {'words/s':>11s} {'peak RSS MB':>12s}")
    for r in results:
        print(f"{r.name:34s} {r.median:9.3f} {r.wps:11,.0f} {r.peak_kb / 1024:12.0f}")
    j1 = by_name["clean-j1"]
    jn = by_name[f"clean-j{cores}"]
    print(f"ratio all cores / j1: {paired_ratio(j1, jn):.2f}x (median of per-round ratios)")
    print(
        f"ratio cached / first run: "
        f"{by_name['clean-first-run-with-cache'].median / by_name['clean-cached'].median:.1f}x "
        "faster"
    )
    for peer in ("proselint", "codespell"):
        if peer in by_name:
            # Same words: the words-per-second ratio is the inverse time ratio.
            ratio = paired_ratio(by_name[peer], j1)
            print(f"ratio newslint -j1 / {peer} words/s: {ratio:.2f}x (median of per-round ratios)")
    if not args.skip_rule_costs:
        costs = subprocess.run(
            [
                sys.executable,
                str(Path(__file__).with_name("rule_costs.py")),
                "--runs",
                str(args.runs),
                "--corpus",
                str(args.corpus),
                "--top",
                "8",
            ],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        print(costs.stdout, end="")
    if args.json:
        args.json.write_text(
            json.dumps(
                [
                    {
                        "name": r.name,
                        "words": r.words,
                        "seconds": r.seconds,
                        "median": r.median,
                        "words_per_second": r.wps,
                        "peak_rss_kb": r.peak_kb,
                    }
                    for r in results
                ],
                indent=2,
            ),
            encoding="utf-8",
        )
    shutil.rmtree(cache, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
