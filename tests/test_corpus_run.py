"""Archive scale: the whole shared corpus and a 50 MB file lint without error, in bounded memory.

Each run is a ``newslint`` subprocess reaped with :func:`os.wait4`, whose
resource usage gives the peak resident set size of the run (the largest of
the process and the workers it reaped). The numbers are printed (``-s``
shows them) so they can be recorded.

The 50 MB file is synthetic: news-like sentences made from templates below
(invented names, places and figures), never corpus text. It is over the
default 10 MiB size limit, so the run raises the limit with the real
``--max-file-size`` option, and it is linted with every built-in rule
(LanguageTool off) in chunks of about 1 MiB (``newslint.chunking``) spread
over two worker processes.

The corpus is read from ``../shared/corpus``; it is never copied here.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"
MEMORY_LIMIT_BYTES = 2 * 1024**3
BIG_FILE_BYTES = 50_000_000
# The size limit the 50 MB run asks for with --max-file-size (the default
# 10 MiB refuses the file: tests/test_bad_input.py covers that).
BIG_FILE_LIMIT = "64MB"
# Chunked linting holds one chunk's document model per process at a time:
# the peak is the file's text, its findings and the output, not the model.
BIG_FILE_MEMORY_LIMIT_BYTES = 1536 * 1024**2


# ------------------------------------------------------------------ synthetic copy

_FIRST = (
    "Amara", "Tomas", "Helena", "Marcus", "Priya", "Jonah", "Ingrid", "Kwame", "Lucia",
    "Declan", "Yusuf", "Maren", "Oskar", "Farah", "Callum", "Noor", "Ruben", "Sabine",
)  # fmt: skip
_LAST = (
    "Okonkwo", "Lindqvist", "Barrowman", "Castellanos", "Devereux", "Haldane", "Ibarra",
    "Kowalczyk", "Mbeki-Rhodes", "Nakashima", "Pemberton", "Quarshie", "Rasmussen",
    "Szabo", "Thorne", "Valdivia", "Whitcombe", "Yilmaz",
)  # fmt: skip
_TITLES = ("Mayor", "Councillor", "Dr.", "Inspector", "Professor", "Judge")
_BODIES = (
    "the transport authority", "the city council", "the regional health board",
    "the teachers' union", "the port operator", "the water company", "the county court",
    "the chamber of commerce", "the housing trust", "the fire service", "the university",
)  # fmt: skip
_PLACES = (
    "Riverton", "Eastgate", "Lowmoor", "Kingsbridge", "Ashford Vale", "Port Ellery",
    "Stonehill", "Marram Bay", "Northfield", "Westbury Cross",
)  # fmt: skip
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
_MONTHS = ("January", "March", "April", "June", "July", "October", "November")
_VERBS = ("said", "announced", "confirmed", "told reporters", "estimated", "wrote")
_THINGS = (
    "the budget", "the new timetable", "the flood defenses", "the hospital wing",
    "the bus lanes", "the school merger", "the rent freeze", "the wind farm",
    "the bridge repairs", "the pension fund", "the recycling program", "the festival",
)  # fmt: skip
_OUTCOMES = (
    "would cost about ${n} million", "had been delayed until {month}",
    "was backed by {n} of the {m} members", "would create {n} jobs",
    "had fallen {p}% since {month}", "was expected to open in {month} {year}",
    "drew {n} objections from residents", "would be reviewed by an independent panel",
    "had been approved after a {h}-hour debate", "was {p}% over budget",
)  # fmt: skip
_QUOTES = (
    "We owe the people of {place} a clear answer",
    "Nobody expected it to take {h} years",
    "The figures are better than we feared in {month}",
    "This is a decision for the whole of {place}",
    "We will keep pressing until the work is finished",
    "Our members have been patient for {h} months",
)
_TAILS = ("", " after a meeting in {place}", ", according to {body}", " in a statement")


class Synth:
    """Deterministic news-like copy: headline, then paragraphs of 1-4 sentences."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def _fill(self, template: str) -> str:
        r = self.rng
        return template.format(
            n=r.randrange(2, 9000),
            m=r.randrange(10, 99),
            p=r.randrange(1, 60),
            h=r.randrange(2, 40),
            month=r.choice(_MONTHS),
            year=r.randrange(2019, 2031),
            place=r.choice(_PLACES),
            body=r.choice(_BODIES),
        )

    def person(self) -> str:
        """Return a made-up name, sometimes with a title."""
        r = self.rng
        name = f"{r.choice(_FIRST)} {r.choice(_LAST)}"
        return f"{r.choice(_TITLES)} {name}" if r.random() < 0.3 else name

    def sentence(self) -> str:
        """Return one sentence: a report, or a quotation with its speaker."""
        r = self.rng
        roll = r.random()
        if roll < 0.12:
            quote = self._fill(r.choice(_QUOTES))
            return f"\u201c{quote},\u201d {self.person()} said."
        if roll < 0.18:
            quote = self._fill(r.choice(_QUOTES))
            return f'"{quote}," said {self.person()} of {r.choice(_BODIES)}.'
        subject = r.choice([self.person(), r.choice(_BODIES).capitalize()])
        when = r.choice(["", f" {r.choice(_DAYS)}", " last week"])
        outcome = self._fill(r.choice(_OUTCOMES))
        tail = self._fill(r.choice(_TAILS))
        return f"{subject} {r.choice(_VERBS)}{when} that {r.choice(_THINGS)} {outcome}{tail}."

    def paragraph(self) -> str:
        """Return a paragraph of one to four sentences."""
        return " ".join(self.sentence() for _ in range(self.rng.randrange(1, 5)))

    def article(self) -> str:
        """Return a headline and 6-19 paragraphs."""
        r = self.rng
        verb = r.choice(["backs", "delays"])
        head = f"{r.choice(_PLACES)} council {verb} {r.choice(_THINGS)[4:]}"
        body = "\n\n".join(self.paragraph() for _ in range(r.randrange(6, 20)))
        return f"{head}\n\n{body}\n"


def synthetic_text(nbytes: int, seed: int = 7) -> str:
    """Return at least ``nbytes`` (UTF-8) of synthetic articles, one after another."""
    synth = Synth(seed)
    parts: list[str] = []
    size = 0
    while size < nbytes:
        article = synth.article() + "\n"
        parts.append(article)
        size += len(article.encode("utf-8"))
    return "".join(parts)


def synthetic_paragraph(nchars: int, seed: int = 11) -> str:
    """Return one paragraph (no line break) of at least ``nchars`` characters."""
    synth = Synth(seed)
    parts: list[str] = []
    size = 0
    while size < nchars:
        sentence = synth.sentence()
        parts.append(sentence)
        size += len(sentence) + 1
    return " ".join(parts)


# ------------------------------------------------------------------ measured runs


@dataclass
class Measured:
    """A finished newslint subprocess: exit code, output, time and peak memory."""

    returncode: int
    stderr: str
    seconds: float
    peak_rss_bytes: int


def run_measured(args: list[str], *, cwd: Path, env: dict[str, str], timeout: float) -> Measured:
    """Run ``python -m newslint`` and reap it with wait4."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "newslint", *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    killed: list[bool] = []

    def kill() -> None:
        killed.append(True)
        os.killpg(proc.pid, signal.SIGKILL)

    timer = threading.Timer(timeout, kill)
    timer.start()
    try:
        assert proc.stderr is not None
        stderr = proc.stderr.read().decode("utf-8", "replace")
        _, status, usage = os.wait4(proc.pid, 0)
    finally:
        timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)  # already reaped by wait4
    seconds = time.perf_counter() - started
    if killed:
        pytest.fail(f"newslint {' '.join(args[:4])} ... did not finish in {timeout:.0f} s")
    # ru_maxrss is in kilobytes on Linux.
    return Measured(proc.returncode, stderr, seconds, usage.ru_maxrss * 1024)


def _corpus() -> Path:
    if not (CORPUS / "dev").is_dir():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"shared corpus missing at {CORPUS}")
        pytest.skip(f"shared corpus missing at {CORPUS}")
    return CORPUS.resolve()


def _env() -> dict[str, str]:
    # The session's private cache folder (conftest): the built-in rules'
    # compiled data is made once per session, and every run here passes
    # --no-cache, so no result is read from or written to it.
    env = dict(os.environ)
    assert env.get("NEWSLINT_CACHE_DIR"), "the test cache must point into a temporary folder"
    env.pop("NEWSLINT_LANGUAGETOOL_URL", None)
    return env


def _assert_spans_map(report: dict[str, Any], source: str) -> None:
    """Every finding's offsets select exactly its text, and its line/column agree."""
    line_starts = [0] + [i + 1 for i, ch in enumerate(source) if ch == "\n"]
    for f in report["findings"]:
        assert source[f["start"] : f["end"]] == f["text"], f
        assert line_starts[f["line"] - 1] + f["column"] - 1 == f["start"], f


def _report(name: str, measured: Measured, megabytes: float) -> None:
    print(
        f"\n[corpus-run] {name}: {megabytes:.1f} MB in {measured.seconds:.1f} s, "
        f"peak RSS {measured.peak_rss_bytes / 2**20:.0f} MiB, exit {measured.returncode}"
    )


@pytest.mark.slow
@pytest.mark.corpus
def test_whole_corpus_lints_without_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = _corpus()
    out = tmp_path / "corpus.json"
    args = [
        "check",
        "--isolated",
        "--no-languagetool",
        "--no-cache",
        "--jobs",
        "1",
        "--output-format",
        "json",
        "--output-file",
        str(out),
        str(corpus / "dev"),
    ]
    measured = run_measured(args, cwd=tmp_path, env=_env(), timeout=600)
    assert measured.returncode in (0, 1), measured.stderr
    assert "Traceback" not in measured.stderr
    assert "newslint: error" not in measured.stderr, measured.stderr
    files = json.loads(out.read_text(encoding="utf-8"))["files"]
    expected = sorted((corpus / "dev").rglob("*.txt"))
    assert len(files) == len(expected) > 300
    for entry in files:
        assert entry.get("error") is None, entry["error"]
        _assert_spans_map(entry, Path(entry["path"]).read_text(encoding="utf-8"))
    assert sum(len(f["findings"]) for f in files) > 0
    megabytes = sum(p.stat().st_size for p in expected) / 1e6
    with capsys.disabled():
        _report(f"{corpus.name}/dev ({len(files)} files)", measured, megabytes)
    assert measured.peak_rss_bytes < MEMORY_LIMIT_BYTES


@pytest.mark.slow
def test_fifty_megabyte_file_lints_in_bounded_memory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = synthetic_text(BIG_FILE_BYTES)
    # Doubled words at the very start and the very end: both must be found,
    # at the right place, or the file was not read and linted to the end.
    first = "The the"
    last = "Officials approved the the plan."
    text = f"{first} council met.\n\n{text}\n{last}\n"
    big = tmp_path / "archive.txt"
    big.write_text(text, encoding="utf-8")
    size = big.stat().st_size
    assert BIG_FILE_BYTES <= size <= 64_000_000
    out = tmp_path / "archive.json"
    args = [
        "check",
        "--isolated",
        "--no-languagetool",
        "--no-cache",
        "--max-file-size",
        BIG_FILE_LIMIT,
        "--jobs",
        "2",
        "--output-format",
        "json",
        "--output-file",
        str(out),
        str(big),
    ]
    measured = run_measured(args, cwd=tmp_path, env=_env(), timeout=900)
    with capsys.disabled():
        _report("synthetic archive file, every built-in rule, --jobs 2", measured, size / 1e6)
    assert measured.returncode in (0, 1), measured.stderr
    assert "Traceback" not in measured.stderr
    assert "newslint: error" not in measured.stderr, measured.stderr
    (entry,) = json.loads(out.read_text(encoding="utf-8"))["files"]
    assert entry.get("error") is None, entry["error"]
    findings = entry["findings"]
    doubled = [f for f in findings if f["rule"] == "NL201"]  # flags the second copy
    assert doubled and doubled[0]["start"] == len("The ") and doubled[0]["line"] == 1
    tail = text.rindex("the the") + len("the ")
    assert doubled[-1]["start"] == tail
    assert doubled[-1]["line"] == text.count("\n", 0, tail) + 1
    # Every part of the file was linted by rules of every family.
    assert {f["rule"][:3] for f in findings} >= {"NL2", "NL3", "NL4"}
    assert [f["start"] for f in findings] == sorted(f["start"] for f in findings)
    _assert_spans_map(entry, text)  # offsets, lines and columns of every finding
    assert measured.peak_rss_bytes < BIG_FILE_MEMORY_LIMIT_BYTES
