"""``--output-format sarif`` validates against the official SARIF 2.1.0 schema.

The schema is vendored in ``tests/data`` (source and licence in its README),
so the test runs offline.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import regex
from typer.testing import CliRunner

from newslint.cli import app
from tests.conftest import DATA, Project

SCHEMA_PATH = DATA / "sarif-schema-2.1.0.json"
# RFC 3986 URI-reference characters: unreserved, sub-delims, ":@/?#", %-escapes.
URI_REFERENCE = regex.compile(r"^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#]|%[0-9A-Fa-f]{2})*$")


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["id"].endswith("/sarif-schema-2.1.0.json")
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def sarif(*args: str) -> dict[str, Any]:
    result = CliRunner().invoke(app, ["check", "--output-format", "sarif", *args])
    assert result.exit_code in (0, 1, 2), result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def validate(validator: jsonschema.protocols.Validator, data: dict[str, Any]) -> None:
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    assert errors == [], "\n".join(
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:10]
    )
    for run in data["runs"]:
        for artifact in run.get("artifacts", []):
            assert URI_REFERENCE.match(artifact["location"]["uri"]), artifact
        for result in run["results"]:
            for loc in result["locations"]:
                uri = loc["physicalLocation"]["artifactLocation"]["uri"]
                assert URI_REFERENCE.match(uri), uri


def test_vendored_schema_is_the_official_file() -> None:
    import hashlib

    digest = hashlib.sha256(SCHEMA_PATH.read_bytes()).hexdigest()
    assert digest == "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"
    assert digest in (DATA / "README.md").read_text(encoding="utf-8")


def test_sarif_with_findings_fixes_and_related(
    project: Project, validator: jsonschema.protocols.Validator
) -> None:
    project.write("a.txt", "Title\n\nWe utilise it in excess of 5 per cent. Do not frobnicate.\n")
    project.write("b.md", "The adviser and the adviser met the *advisor* \U0001f600 utilise.\n")
    data = sarif("a.txt", "b.md")
    validate(validator, data)
    (run,) = data["runs"]
    assert run["tool"]["driver"]["name"] == "newslint"
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["XT001", "XT002", "XT003", "XT004"]
    results = run["results"]
    for r in results:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
    levels = {r["ruleId"]: r["level"] for r in results}
    assert levels == {"XT001": "error", "XT002": "warning", "XT003": "note", "XT004": "warning"}
    related = next(r for r in results if r["ruleId"] == "XT003")
    assert related["relatedLocations"][0]["message"]["text"] == "'adviser' used here"
    fixable = next(r for r in results if r["ruleId"] == "XT002")
    assert fixable["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"] == {
        "text": "use"
    }


def test_sarif_columns_are_utf16(
    project: Project, validator: jsonschema.protocols.Validator
) -> None:
    project.write("e.txt", "\U0001f600\U0001f600 utilise\n")
    data = sarif("e.txt")
    validate(validator, data)
    (result,) = data["runs"][0]["results"]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert data["runs"][0]["columnKind"] == "utf16CodeUnits"
    assert region["startColumn"] == 6  # two emoji = four UTF-16 units, a space, then 'u'
    assert region["charOffset"] == 3 and region["charLength"] == 7


def test_sarif_clean_run_and_errors(
    project: Project, validator: jsonschema.protocols.Validator
) -> None:
    project.write("clean.txt", "The council met.\n")
    clean = sarif("clean.txt")
    validate(validator, clean)
    assert clean["runs"][0]["results"] == []
    assert clean["runs"][0]["invocations"][0]["executionSuccessful"] is True
    broken = sarif("clean.txt", "missing.txt")
    validate(validator, broken)
    invocation = broken["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"][0]["message"]["text"] == (
        "missing.txt: no such file"
    )


def test_sarif_uris_are_escaped(
    project: Project, validator: jsonschema.protocols.Validator
) -> None:
    project.write("desk one/story #1 100%.md", "They utilise it.\n")
    data = sarif("desk one")
    validate(validator, data)
    uri = data["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri["uri"] == "desk%20one/story%20%231%20100%25.md"


def test_sarif_from_real_rules_validates(
    tmp_path: Path, validator: jsonschema.protocols.Validator
) -> None:
    """The bundled rules too (whatever they find) produce schema-valid SARIF."""
    story = tmp_path / "story.md"
    story.write_text(
        "---\ntitle: Council backs budget\n---\n# Council backs budget\n\n"
        "The the council met in order to approve the budget on Tuesday, officials said.\n",
        encoding="utf-8",
    )
    data = sarif("--isolated", "--no-languagetool", str(story))
    validate(validator, data)
    assert any(r["ruleId"] == "NL420" for r in data["runs"][0]["results"])
