"""Bad input: every unreadable file gets a one-line error naming it, the other files
are still linted, nothing crashes, and the exit code is 2 when any file could not be read.
"""

from __future__ import annotations

import errno
import json
import os
import time

import pytest
from typer.testing import CliRunner, Result

import newslint.runner
from newslint.cli import app
from newslint.config import Settings, format_size, parse_size
from newslint.runner import MAX_FILE_BYTES, InputError, decode
from tests.conftest import Project

GOOD = "Council backs budget\n\nThey utilise the hall.\n"


def run(*args: str) -> Result:
    return CliRunner().invoke(app, ["check", "-o", "json", *args])


def check_bad(project: Project, name: str, fragment: str) -> Result:
    """Lint a bad file next to a good one; assert the documented behaviour."""
    project.write("good.txt", GOOD)
    result = run(name, "good.txt")
    assert result.exit_code == 2, result.output
    errors = result.stderr.splitlines()
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"newslint: error: {name}: ")
    assert fragment in errors[0]
    files = {f["path"]: f for f in json.loads(result.stdout)["files"]}
    assert [x["rule"] for x in files["good.txt"]["findings"]] == ["XT002"]
    assert files[name]["findings"] == []
    assert fragment in files[name]["error"]
    return result


def test_binary_file(project: Project) -> None:
    (project.root / "photo.txt").write_bytes(
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    )
    check_bad(project, "photo.txt", "binary file")


def test_binary_file_with_late_nul(project: Project) -> None:
    (project.root / "late.txt").write_bytes(b"a" * 10000 + b"\x00tail")
    check_bad(project, "late.txt", "binary file")


def test_invalid_utf8(project: Project) -> None:
    (project.root / "latin1.txt").write_bytes("Line one.\nCaf\u00e9 society.\n".encode("latin-1"))
    check_bad(project, "latin1.txt", "not valid UTF-8 (byte 0xe9 at line 2)")


def test_utf16_is_named(project: Project) -> None:
    (project.root / "wide.txt").write_bytes("They utilise it.\n".encode("utf-16"))
    check_bad(project, "wide.txt", "UTF-16 text; convert the file to UTF-8")


def test_missing_path(project: Project) -> None:
    check_bad(project, "nowhere.txt", "no such file")


def test_dangling_symlink(project: Project) -> None:
    os.symlink(project.root / "gone.txt", project.root / "link.txt")
    check_bad(project, "link.txt", "no such file")


def test_fifo_does_not_hang(project: Project) -> None:
    os.mkfifo(project.root / "pipe.txt")
    check_bad(project, "pipe.txt", "not a regular file")


def test_permission_denied(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    # The suite may run as root, which reads any file: simulate the OS refusing.
    real_open = open

    def fake_open(path: str, *args: object, **kwargs: object) -> object:
        if str(path).endswith("secret.txt"):
            raise PermissionError(errno.EACCES, "Permission denied", path)
        return real_open(path, *args, **kwargs)  # type: ignore[call-overload]

    project.write("secret.txt", GOOD)
    monkeypatch.setattr(newslint.runner, "open", fake_open, raising=False)
    check_bad(project, "secret.txt", "permission denied")


def test_other_os_error(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    real_open = open

    def fake_open(path: str, *args: object, **kwargs: object) -> object:
        if str(path).endswith("flaky.txt"):
            raise OSError(errno.EIO, "Input/output error", path)
        return real_open(path, *args, **kwargs)  # type: ignore[call-overload]

    project.write("flaky.txt", GOOD)
    monkeypatch.setattr(newslint.runner, "open", fake_open, raising=False)
    check_bad(project, "flaky.txt", "cannot read: Input/output error")


TOO_LARGE_HINT = "(raise the limit with --max-file-size or max-file-size in the config)"


def test_fifty_megabyte_file_fails_fast(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    big = project.root / "archive.txt"
    line = b"The council met on Tuesday to approve the budget, officials said.\n\n"
    with big.open("wb") as fh:
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            fh.write(line)
    assert big.stat().st_size > 50 * 1024 * 1024
    started = time.perf_counter()
    result = check_bad(
        project, "archive.txt", f"file is 52 MB, over the 10 MiB limit; not linted {TOO_LARGE_HINT}"
    )
    elapsed = time.perf_counter() - started
    with capsys.disabled():
        print(f"\n[bad-input] 50 MB file refused in {elapsed:.2f} s")
    assert elapsed < 5
    assert result.stderr.count("\n") == 1  # one line, however long


def test_size_limit_boundary(project: Project) -> None:
    project.write("exact.txt", GOOD)
    project.write("over.txt", GOOD + "x")
    size = len(GOOD.encode())
    result = run("--max-file-size", str(size), "exact.txt", "over.txt")
    assert result.exit_code == 2
    files = {f["path"]: f for f in json.loads(result.stdout)["files"]}
    assert len(files["exact.txt"]["findings"]) == 1
    assert files["over.txt"]["error"] == (
        f"over.txt: file is {size + 1} bytes, over the {size} bytes limit; not linted "
        + TOO_LARGE_HINT
    )


def test_max_file_size_config_key(project: Project) -> None:
    config = project.root / "newslint.toml"
    config.write_text(config.read_text(encoding="utf-8") + 'max-file-size = "1kB"\n')
    text = (GOOD * 30)[:1010]
    assert 1000 < len(text.encode()) < 1024
    project.write("story.txt", text)
    result = run("story.txt")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"newslint: error: story.txt: file is {len(text)} bytes, over the 1 kB limit; "
        f"not linted {TOO_LARGE_HINT}"
    ]
    # The command line overrides the config file; binary units are powers of 1024.
    result = run("--max-file-size", "1KiB", "story.txt")
    assert result.exit_code == 1, result.output
    (entry,) = json.loads(result.stdout)["files"]
    assert "error" not in entry and entry["findings"]
    config.write_text(config.read_text(encoding="utf-8").replace('"1kB"', "1024"))
    assert run("story.txt").exit_code == 1


def test_max_file_size_raised_above_the_default(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file over the 10 MiB default is linted once the limit is raised (in chunks)."""
    from newslint import chunking

    monkeypatch.setattr(chunking, "CHUNK_SIZE", 2 * 1024 * 1024)
    paragraph = "They utilise the hall. " + "The council met on Tuesday. " * 30 + "\n\n"
    text = paragraph * (MAX_FILE_BYTES // len(paragraph) + 1)
    assert MAX_FILE_BYTES < len(text) < 11 * 1024 * 1024
    project.write("archive.txt", text)
    refused = run("archive.txt")
    assert refused.exit_code == 2 and "over the 10 MiB limit" in refused.stderr
    result = run("--max-file-size", "11MiB", "--select", "XT002", "--jobs", "2", "archive.txt")
    assert result.exit_code == 1, result.output
    (entry,) = json.loads(result.stdout)["files"]
    assert "error" not in entry
    found = entry["findings"]
    assert len(found) == text.count("\n\n")
    assert found[-1]["start"] == text.rindex("utilise")


@pytest.mark.parametrize(
    ("args", "config", "fragment"),
    [
        (["--max-file-size", "ten"], "", "'--max-file-size' must be a number of bytes or a size"),
        (["--max-file-size", "0"], "", "'--max-file-size' must be at least 1 byte"),
        ([], 'max-file-size = "64 parsecs"\n', "newslint.toml:4: 'max-file-size' must be"),
        ([], "max-file-size = true\n", "newslint.toml:4: 'max-file-size' must be"),
    ],
)
def test_bad_max_file_size_is_a_usage_error(
    project: Project, args: list[str], config: str, fragment: str
) -> None:
    cfg = project.root / "newslint.toml"
    cfg.write_text(cfg.read_text(encoding="utf-8") + config)
    project.write("good.txt", GOOD)
    result = run(*args, "good.txt")
    assert result.exit_code == 2
    assert fragment in result.stderr


def test_empty_file_is_linted_with_a_warning(project: Project) -> None:
    project.write("empty.txt", "")
    project.write("blank.md", "\n  \n\t\n")
    result = run("empty.txt", "blank.md")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "newslint: warning: empty.txt: file is empty; nothing to lint",
        "newslint: warning: blank.md: file is empty; nothing to lint",
    ]
    assert all(f["findings"] == [] and "error" not in f for f in json.loads(result.stdout)["files"])


def test_crlf_file_positions(project: Project) -> None:
    project.root.joinpath("crlf.txt").write_bytes(b"Title\r\n\r\nWe met.\r\nThey utilise it.\r\n")
    result = run("crlf.txt")
    (f,) = json.loads(result.stdout)["files"][0]["findings"]
    assert (f["line"], f["column"], f["end_line"], f["end_column"]) == (4, 6, 4, 13)
    assert (f["start"], f["end"], f["text"]) == (23, 30, "utilise")


def test_bom_is_removed_before_offsets(project: Project) -> None:
    project.root.joinpath("bom.txt").write_bytes(b"\xef\xbb\xbfThey utilise it.\n")
    result = run("bom.txt")
    (f,) = json.loads(result.stdout)["files"][0]["findings"]
    assert (f["start"], f["line"], f["column"], f["text"]) == (5, 1, 6, "utilise")


def test_bom_and_crlf_markdown(project: Project) -> None:
    project.root.joinpath("bom.md").write_bytes(
        b"\xef\xbb\xbf# Title\r\n\r\nThey **utilise** it.\r\n"
    )
    result = run("bom.md")
    (f,) = json.loads(result.stdout)["files"][0]["findings"]
    assert (f["line"], f["column"], f["text"]) == (3, 8, "utilise")


def test_lone_carriage_returns_and_odd_whitespace(project: Project) -> None:
    project.write("odd.txt", "Title\r\rThey\u00a0utilise\u2028it.\x0c\n")
    result = run("odd.txt")
    assert result.exit_code == 1
    (f,) = json.loads(result.stdout)["files"][0]["findings"]
    assert f["text"] == "utilise"


def test_markup_only_files(project: Project) -> None:
    project.write("tags.html", "<html><head><script>x()</script></head><body></body></html>")
    project.write("code.md", "```\nThey utilise it.\n```\n")
    result = run("tags.html", "code.md")
    assert result.exit_code == 0, result.output
    assert all(f["findings"] == [] for f in json.loads(result.stdout)["files"])


def test_one_megabyte_paragraph_is_linear(project: Project) -> None:
    sentence = "The council met on Tuesday to approve the budget, officials said. "
    project.write("long.txt", sentence * (1_000_000 // len(sentence)) + "They utilise it.")
    started = time.perf_counter()
    result = run("long.txt")
    elapsed = time.perf_counter() - started
    assert result.exit_code == 1
    assert elapsed < 20, f"1 MB paragraph took {elapsed:.1f} s"


def test_decode_unit() -> None:
    assert decode(b"\xef\xbb\xbfabc", "x").text == "abc"
    assert decode(b"\xef\xbb\xbfabc", "x").bom
    assert not decode(b"abc\r\n", "x").bom
    assert decode(b"abc\r\n", "x").text == "abc\r\n"
    with pytest.raises(InputError, match=r"^x: not valid UTF-8 \(byte 0xff at line 3\)"):
        decode(b"a\nb\n\xff", "x")
    assert MAX_FILE_BYTES == 10 * 1024 * 1024 == Settings().max_file_size
    assert decode(b"abc", "x", limit=3).text == "abc"
    with pytest.raises(InputError, match=r"^x: file is 4 bytes, over the 3 bytes limit"):
        decode(b"abcd", "x", limit=3)
    assert [parse_size(v) for v in (5, "64MB", "10MiB", "1.5 kB", "2 KiB", "3gib")] == [
        5, 64_000_000, 10 * 2**20, 1500, 2048, 3 * 2**30,
    ]  # fmt: skip
    assert [format_size(n) for n in (10 * 2**20, 64_000_000, 2048, 3000, 1500, 44)] == [
        "10 MiB", "64 MB", "2 KiB", "3 kB", "1500 bytes", "44 bytes",
    ]  # fmt: skip
