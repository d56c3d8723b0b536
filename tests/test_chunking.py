"""Huge files are linted in chunks: the same findings as linting the whole file.

``newslint.chunking.CHUNK_SIZE`` is lowered in-process so that stories of a
few kilobytes are cut into several chunks. Every comparison lints the same
file twice through the CLI, once whole (a chunk size larger than the file)
and once in chunks, and compares the JSON findings field for field (rule,
span, line, column, text, suggestions, fix) for rules that look no further
than a paragraph and its neighbours: doubled words (NL201) and web residue
(NL6xx), plus the suppression meta rules NL002/NL003.

The sentences are made up for these tests.
"""

from __future__ import annotations

import itertools
import json
import random
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest
from typer.testing import CliRunner

from newslint import chunking
from newslint.chunking import Chunk, split
from newslint.cli import app
from newslint.diagnostics import Category
from newslint.document import Document, Format
from newslint.engine import Linter
from newslint.rule import Rule, RuleContext, Scope
from newslint.runner import ChunkPool

SELECT = "NL002,NL003,NL201,NL6"
WHOLE = 10**9  # a chunk size no test file reaches

# ------------------------------------------------------------------ made-up copy

_SUBJECTS = (
    "The harbour board", "A spokeswoman for the ferry company", "Local traders",
    "The county planning committee", "Two residents of Millbrook", "The school governors",
    "A retired engineer", "The regional bus operator", "Volunteers at the food bank",
)  # fmt: skip
_VERBS = ("said on Monday that", "argued that", "warned that", "confirmed that",
          "told a public meeting that")  # fmt: skip
_CLAUSES = (
    "the new timetable would start in the spring", "repairs to the sea wall were overdue",
    "the car park fees had doubled since last year", "funding for the library was secure",
    "the footbridge would reopen after an inspection", "more than 40 households had applied",
    "the consultation had been too short", "the pilot scheme had cut waiting times",
)  # fmt: skip


class Copy:
    """Deterministic paragraphs of local news, some with a planted slip."""

    PLANTS = ("doubled", "advert", "click", "tk", "mojibake", "zwsp", "tag")

    def __init__(self, seed: int = 3) -> None:
        self.r = random.Random(seed)

    def sentence(self) -> str:
        r = self.r
        return f"{r.choice(_SUBJECTS)} {r.choice(_VERBS)} {r.choice(_CLAUSES)}."

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.r.randint(1, 3)))

    def planted(self, kind: str) -> str:
        if kind == "doubled":
            return f"{self.sentence()} The the council will decide in June."
        if kind == "advert":
            return "Advertisement"
        if kind == "click":
            return f"{self.sentence()} Click here to subscribe. {self.sentence()}"
        if kind == "tk":
            return f"{self.sentence()} The fee will rise to TK pounds."
        if kind == "mojibake":
            return f"{self.sentence()} The mayor said it wasn\u00e2\u20ac\u2122t enough."
        if kind == "zwsp":
            return self.sentence().replace(" ", " \u200b", 1)
        assert kind == "tag"
        return f"{self.sentence()}<br> {self.sentence()}"

    def body(self, n: int) -> list[str]:
        """Return ``n`` paragraphs; every third one carries a planted slip."""
        return [
            self.planted(self.PLANTS[i % len(self.PLANTS)]) if i % 3 == 1 else self.paragraph()
            for i in range(n)
        ]


def plain_story(n: int, seed: int = 3) -> str:
    return "\n\n".join(["Harbour plan approved after long debate", *Copy(seed).body(n)]) + "\n"


# ------------------------------------------------------------------ running the CLI


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def splits(monkeypatch: pytest.MonkeyPatch) -> list[list[Chunk]]:
    """Record the chunks of every chunked lint."""
    seen: list[list[Chunk]] = []
    real = chunking.split

    def spy(text: str, fmt: Format, size: int | None = None) -> list[Chunk]:
        chunks = real(text, fmt, size)
        seen.append(chunks)
        return chunks

    monkeypatch.setattr(chunking, "split", spy)
    return seen


def check(*args: str, select: str = SELECT) -> Any:
    result = CliRunner().invoke(
        app,
        ["check", "--isolated", "--no-cache", "--no-languagetool", "--select", select,
         "-o", "json", *args],
    )  # fmt: skip
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    return result


def findings(path: str, *args: str, select: str = SELECT) -> list[dict[str, Any]]:
    (entry,) = json.loads(check(path, *args, select=select).stdout)["files"]
    assert entry.get("error") is None, entry["error"]
    return list(entry["findings"])


def whole_and_chunked(
    monkeypatch: pytest.MonkeyPatch,
    splits: list[list[Chunk]],
    path: str,
    size: int,
    *args: str,
    select: str = SELECT,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[Chunk]]:
    """Lint ``path`` whole, then in chunks of ``size``; return both and the chunks."""
    monkeypatch.setattr(chunking, "CHUNK_SIZE", WHOLE)
    whole = findings(path, *args, select=select)
    assert splits == [], "the whole-file lint must not be chunked"
    monkeypatch.setattr(chunking, "CHUNK_SIZE", size)
    chunked = findings(path, *args, select=select)
    assert splits, "the file was not chunked"
    return whole, chunked, splits[-1]


def codes(found: list[dict[str, Any]]) -> set[str]:
    return {f["rule"] for f in found}


def assert_spans(found: list[dict[str, Any]], source: str) -> None:
    """Every finding's offsets select its text; its line and column agree."""
    starts = [0] + [i + 1 for i, ch in enumerate(source) if ch == "\n"]
    for f in found:
        assert source[f["start"] : f["end"]] == f["text"], f
        assert starts[f["line"] - 1] + f["column"] - 1 == f["start"], f


# ------------------------------------------------------------------ plain text


def test_plain_text_gives_the_same_findings(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, splits: list[list[Chunk]]
) -> None:
    text = plain_story(90)
    (workdir / "story.txt").write_text(text, encoding="utf-8")
    whole, chunked, chunks = whole_and_chunked(monkeypatch, splits, "story.txt", 1500)
    assert len(chunks) >= 6
    assert {"NL201", "NL601", "NL603", "NL604", "NL605", "NL606", "NL607"} <= codes(whole)
    assert chunked == whole
    # Findings come from every part of the file, not only the first chunk.
    assert whole[-1]["line"] > text.count("\n") - 20
    assert_spans(chunked, text)


def test_crlf_and_bom_give_the_same_findings(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, splits: list[list[Chunk]]
) -> None:
    text = plain_story(60, seed=5).replace("\n", "\r\n")
    (workdir / "story.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    whole, chunked, chunks = whole_and_chunked(monkeypatch, splits, "story.txt", 1200)
    assert len(chunks) >= 5
    assert all(text[c.start - 4 : c.start] == "\r\n\r\n" for c in chunks[1:])
    assert {"NL201", "NL601"} <= codes(whole)
    assert chunked == whole
    assert_spans(chunked, text)  # offsets count from after the BOM; CR is a column


def test_neighbour_context_crosses_chunk_boundaries(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, splits: list[list[Chunk]]
) -> None:
    """Residue paragraphs right at the start and end of chunks: same verdicts and fixes."""
    copy = Copy(11)
    parts = ["Ferry timetable changes"]
    for i in range(40):
        parts.append(copy.paragraph())
        parts.append("Advertisement" if i % 2 else "Share this story")
    text = "\n\n".join(parts) + "\n"
    (workdir / "story.txt").write_text(text, encoding="utf-8")
    whole, chunked, chunks = whole_and_chunked(monkeypatch, splits, "story.txt", 700)
    assert len(chunks) >= 6
    # Some chunk starts or ends with a residue line: its neighbours are context.
    edges = {text[c.start : text.index("\n", c.start)] for c in chunks[1:]}
    edges |= {text[: c.end].rstrip("\n").rsplit("\n", 1)[-1] for c in chunks[:-1]}
    assert edges & {"Advertisement", "Share this story"}
    assert "NL601" in codes(whole)
    assert chunked == whole


# ------------------------------------------------------------------ Markdown


def _markdown(copy: Copy, fence_at: int) -> tuple[str, tuple[int, int]]:
    """Front matter (with a blank line), then copy with a fenced block near ``fence_at``."""
    head = (
        "---\n"
        "title: Harbour plan approved\n"
        "\n"
        "date: 2021-12-21\n"
        "---\n\n"
        "# Harbour plan approved after long debate\n\n"
    )
    parts = [head]
    size = len(head)
    fence: tuple[int, int] | None = None
    for i in range(70):
        if fence is None and size >= fence_at - 300:
            block = (
                "```\n"
                "the the config value\n"
                "\n"
                "Advertisement\n"
                "\n" + "the the code sample\n" * 20 + "```\n\n"
            )
            fence = (size, size + len(block) - 1)
            parts.append(block)
            size += len(block)
        kind = copy.PLANTS[i % len(copy.PLANTS)]
        para = copy.planted(kind) if i % 3 == 1 else copy.paragraph()
        if i % 5 == 2:
            para += " The minister resigned last Tuesday."
        block = (f"## Section {i}\n\n" if i % 9 == 4 else "") + para + "\n\n"
        parts.append(block)
        size += len(block)
    assert fence is not None
    return "".join(parts), fence


def test_markdown_front_matter_and_fence(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, splits: list[list[Chunk]]
) -> None:
    size = 1500
    text, (fence_start, fence_end) = _markdown(Copy(7), fence_at=size)
    # The first cut is sought inside the fence, at a blank line in it.
    assert fence_start < size < fence_end
    (workdir / "story.md").write_text(text, encoding="utf-8")
    # NL505 needs the story date, which only the front matter gives.
    select = SELECT + ",NL505"
    whole, chunked, chunks = whole_and_chunked(monkeypatch, splits, "story.md", size, select=select)
    assert len(chunks) >= 5
    assert not any(fence_start < c.start < fence_end for c in chunks)
    assert {"NL201", "NL505", "NL601"} <= codes(whole)
    # Every chunk knew the date: "last Tuesday" is flagged throughout the file.
    dated = [f for f in chunked if f["rule"] == "NL505"]
    assert len({next(i for i, c in enumerate(chunks) if c.start <= f["start"] < c.end)
                for f in dated}) >= 3  # fmt: skip
    assert all("(from the front matter)" in f["message"] for f in dated)
    # Nothing inside the fence is copy.
    assert not [f for f in chunked if fence_start <= f["start"] < fence_end]
    assert chunked == whole
    assert_spans(chunked, text)


def test_markdown_never_starts_a_chunk_in_front_matter_or_raw_blocks() -> None:
    front = "---\ntitle: A\n\n\nbyline: B\n---\n\n"
    comment = "<!--\nnote one\n\nnote two\n-->\n\n"
    pre = "<pre>\nline\n\nline\n</pre>\n\n"
    tilde = "~~~~\ncode\n\n~~~\nstill code\n\n~~~~\n\n"
    indented = "- item one\n\n  more of item one\n\n"
    rule_line = "Body text here.\n\n---\n\nAfter the rule.\n\n"
    text = front + comment + pre + tilde + indented + rule_line + "End.\n"
    chunks = split(text, Format.MARKDOWN, 1)
    starts = [c.start for c in chunks]
    forbidden = [
        (0, len(front)),
        (text.index("<!--"), text.index("-->")),
        (text.index("<pre>"), text.index("</pre>")),
        (text.index("~~~~"), text.rindex("~~~~")),
    ]
    assert not any(s < b < e for b in starts for s, e in forbidden)
    assert text.index("  more of item one") not in starts
    assert text.index("---\n\nAfter") not in starts
    # Allowed places are used: each of these starts a chunk.
    for block in (comment, pre, tilde, indented, "After the rule."):
        assert text.index(block) in starts
    assert starts[0] == 0 and [c.end for c in chunks[:-1]] == starts[1:]


def test_split_cuts_only_after_blank_lines() -> None:
    text = plain_story(200)
    chunks = split(text, Format.TEXT, 2000)
    assert len(chunks) > 10
    assert chunks[0].start == 0 and chunks[-1].end == len(text)
    for before, after in itertools.pairwise(chunks):
        assert before.end == after.start
        assert text[after.start - 2 : after.start] == "\n\n" and not text[after.start].isspace()
    for c in chunks:
        assert c.window_start <= c.start < c.end <= c.window_end
        assert c.window_line == text.count("\n", 0, c.window_start)
        assert c.window_start == 0 or text[c.window_start - 2 : c.window_start] == "\n\n"
    # A paragraph longer than the chunk size is never cut.
    long = "Word " * 1000 + "\n\n" + "Tail.\n"
    assert [(c.start, c.end) for c in split(long, Format.TEXT, 100)] == [
        (0, long.index("Tail")),
        (long.index("Tail"), len(long)),
    ]


# ------------------------------------------------------------------ paragraph roles


class RoleProbe(Rule):
    """Record the role of every paragraph of every document linted (a test rule)."""

    code = "XC001"
    name = "role-probe"
    category = Category.STYLE
    summary = "Test."
    scope = Scope.DOCUMENT
    seen: ClassVar[list[dict[str, str]]] = []

    def check(self, unit: Document, ctx: RuleContext) -> None:
        self.seen.append({p.text: p.kind.value for p in unit.paragraphs})


def _roles_story(markdown: bool, headline_late: bool) -> str:
    """Headings and "By ..." lines all through; the headline first or only after two chunks."""
    copy = Copy(17)
    names = ("Ana Ruiz", "Tom Bell", "Lena Ortiz", "Sam Okafor")
    blocks = [f"{copy.sentence()} (lead {i})" for i in range(12)] if headline_late else []
    blocks += ["# Harbour plan approved" if markdown else "Harbour plan"]
    blocks += ["By Ana Ruiz and Tom Bell", "HARBOUR NOTE: the vote was close."]
    for i in range(60):
        blocks.append(f"# Update number {i}" if markdown else f"Update number {i}")
        blocks.append(f"By {names[i % len(names)]}")
        blocks.append(f"{copy.sentence()} (part {i})")
    return "\n\n".join(blocks) + "\n"


@pytest.mark.parametrize(
    ("markdown", "headline_late", "pooled"),
    [(False, False, False), (True, False, False), (True, True, False), (True, True, True),
     (True, False, True)],
)  # fmt: skip
def test_paragraph_roles_are_those_of_the_whole_file(
    markdown: bool, headline_late: bool, pooled: bool
) -> None:
    """Headline and byline roles are the file's, whichever chunk a paragraph is in."""
    text = _roles_story(markdown, headline_late)
    fmt = Format.MARKDOWN if markdown else Format.TEXT
    path = "story.md" if markdown else "story.txt"
    linter = Linter([RoleProbe()])
    RoleProbe.seen.clear()
    linter.lint(Document(text, path, fmt))
    (whole,) = RoleProbe.seen
    RoleProbe.seen.clear()

    def in_process(jobs: Iterable[chunking.ChunkJob]) -> Iterator[chunking.ChunkResult]:
        return (chunking.lint_chunk(linter, job) for job in jobs)

    result = chunking.lint_chunked(
        text, path, fmt, linter, size=400, run_chunks=in_process if pooled else None
    )
    assert result.chunks >= 8 and len(RoleProbe.seen) == result.chunks
    windows = RoleProbe.seen
    # Some window starts with a line that would pass for a headline, a byline after it.
    assert any(next(iter(w)).startswith("Update number") for w in windows[1:])
    for window in windows:
        for para, kind in window.items():
            assert kind == whole[para], (para, kind, whole[para])
    kinds = set(whole.values())
    assert "headline" in kinds and ("byline" in kinds) is not headline_late
    if headline_late:
        assert not any(kind == "headline" for kind in windows[0].values())


# ------------------------------------------------------------------ suppression


def test_suppressions_across_chunk_boundaries(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, splits: list[list[Chunk]]
) -> None:
    copy = Copy(21)
    doubled = "The the council will decide in June."
    blocks = ["# Council budget", "<!-- newslint-disable NL201 -->"]
    blocks += [copy.paragraph() + (f" {doubled}" if i % 4 == 0 else "") for i in range(12)]
    blocks += ["<!-- newslint-disable-next-line NL601 -->"]
    blocks += ["Advertisement"]
    blocks += [copy.paragraph() + (f" {doubled}" if i % 4 == 0 else "") for i in range(12)]
    blocks += ["<!-- newslint-enable NL201 -->"]
    blocks += [copy.paragraph() + (f" {doubled}" if i % 3 == 0 else "") for i in range(9)]
    blocks += ["<!-- newslint-disable-next-line NL201 -->", copy.paragraph()]  # unused: NL002
    blocks += [copy.paragraph() for _ in range(8)]
    text = "\n\n".join(blocks) + "\n"
    (workdir / "story.md").write_text(text, encoding="utf-8")
    directive = text.index("<!-- newslint-disable-next-line NL601 -->")
    advert = text.index("\n\nAdvertisement\n") + 2
    # A chunk size that puts the cut between the directive and its target line.
    size = directive + 10
    whole, chunked, chunks = whole_and_chunked(monkeypatch, splits, "story.md", size)
    assert advert in [c.start for c in chunks]
    assert len(chunks) >= 3
    enable = text.index("<!-- newslint-enable NL201 -->")
    assert any(c.start < enable for c in chunks[1:])  # the disable and enable are chunks apart
    assert chunked == whole
    assert not [f for f in chunked if f["rule"] == "NL601"]
    doubles = [f for f in chunked if f["rule"] == "NL201"]
    assert doubles and all(f["start"] > enable for f in doubles)
    (unused,) = [f for f in chunked if f["rule"] == "NL002"]
    assert unused["start"] == text.index("<!-- newslint-disable-next-line NL201 -->")
    assert unused["line"] == text.count("\n", 0, unused["start"]) + 1


def test_disable_file_and_malformed_directive_in_a_late_chunk(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, splits: list[list[Chunk]]
) -> None:
    copy = Copy(4)
    blocks = ["# Ferry fares"] + [copy.planted("doubled") for _ in range(30)]
    blocks += ["<!-- newslint-disable-file NL201 -->", "<!-- newslint-disable -->"]
    blocks += [copy.planted("advert"), copy.paragraph()]
    text = "\n\n".join(blocks) + "\n"
    (workdir / "story.md").write_text(text, encoding="utf-8")
    whole, chunked, chunks = whole_and_chunked(monkeypatch, splits, "story.md", 600)
    assert len(chunks) >= 4
    assert chunked == whole
    # disable-file in the last chunk silences the first chunk too.
    assert codes(chunked) == {"NL003", "NL601"}


# ------------------------------------------------------------------ fixing


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_fix_output_equals_whole_file_fix(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, splits: list[list[Chunk]], suffix: str
) -> None:
    text = plain_story(80, seed=9).replace("\n", "\r\n")
    raw = b"\xef\xbb\xbf" + text.encode("utf-8")
    for name in ("whole", "chunked"):
        (workdir / f"{name}{suffix}").write_bytes(raw)
    monkeypatch.setattr(chunking, "CHUNK_SIZE", WHOLE)
    check("--fix", f"whole{suffix}")
    assert splits == []
    monkeypatch.setattr(chunking, "CHUNK_SIZE", 1000)
    check("--fix", f"chunked{suffix}")
    assert splits and len(splits[0]) >= 6
    fixed = (workdir / f"chunked{suffix}").read_bytes()
    assert fixed == (workdir / f"whole{suffix}").read_bytes()
    assert fixed != raw and fixed.startswith(b"\xef\xbb\xbf")
    assert b"The the" not in fixed and b"\r\n" in fixed
    assert b"Advertisement" not in fixed


# ------------------------------------------------------------------ processes, HTML


@pytest.fixture
def pooled_chunks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the chunks that went to worker processes."""
    counted: list[int] = []
    real = ChunkPool.map_chunks

    def spy(self: ChunkPool, jobs: Any) -> Iterator[Any]:
        for result in real(self, jobs):
            counted.append(result.index)
            yield result

    monkeypatch.setattr(ChunkPool, "map_chunks", spy)
    return counted


@pytest.mark.parametrize("small_files", [0, 4])
def test_parallel_chunks_match_one_process(
    workdir: Path,
    monkeypatch: pytest.MonkeyPatch,
    pooled_chunks: list[int],
    small_files: int,
) -> None:
    big = plain_story(160, seed=13)
    (workdir / "big.txt").write_text(big, encoding="utf-8")
    names = ["big.txt"]
    for i in range(small_files):
        name = f"small{i}.txt"
        (workdir / name).write_text(plain_story(5, seed=i), encoding="utf-8")
        names.insert(i % 2, name)  # alone, the big file is first; with others, last
    monkeypatch.setattr(chunking, "CHUNK_SIZE", 3000)
    one = check("--jobs", "1", *names).stdout
    assert pooled_chunks == []
    two = check("--jobs", "2", *names).stdout
    assert len(pooled_chunks) >= 5 and pooled_chunks == sorted(pooled_chunks)
    assert two == one
    assert len(json.loads(one)["files"]) == len(names)


def test_html_is_not_chunked(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, splits: list[list[Chunk]]
) -> None:
    paras = "".join(f"<p>{p}</p>\n" for p in Copy(2).body(40))
    (workdir / "story.html").write_text(f"<html><body>{paras}</body></html>\n", encoding="utf-8")
    monkeypatch.setattr(chunking, "CHUNK_SIZE", 500)
    assert findings("story.html")
    assert splits == []


def test_lint_chunked_keeps_one_document_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each window's document is gone before the next is built."""
    import weakref

    from newslint.config import Settings
    from newslint.runner import LinterFactory

    alive: list[weakref.ref[Document]] = []
    most: list[int] = []
    real_init = Document.__init__

    def tracking_init(self: Document, *args: Any, **kwargs: Any) -> None:
        most.append(sum(1 for r in alive if r() is not None))
        real_init(self, *args, **kwargs)
        alive.append(weakref.ref(self))

    monkeypatch.setattr(Document, "__init__", tracking_init)
    factory = LinterFactory(Settings(select=("NL201", "NL6"), languagetool="off", cache=False))
    text = plain_story(100)
    result = chunking.lint_chunked(
        text, "story.txt", Format.TEXT, factory.linter_for("story.txt"), size=1500
    )
    assert result.chunks >= 8 and len(most) == result.chunks
    assert max(most) == 0
    assert result.result.diagnostics
