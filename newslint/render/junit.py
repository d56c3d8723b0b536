"""JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure).

Each linted file is a test suite; each finding is a failed test case named by
rule and position; a clean file is one passing test case, so dashboards count
clean articles too. An unreadable file is an ``<error>``.
"""

from __future__ import annotations

from typing import Any
from xml.etree import ElementTree as ET

from newslint.runner import Run


def render_junit(run: Run, **_: Any) -> str:
    """Render the run as JUnit XML."""
    suites = ET.Element("testsuites", name="newslint")
    total = failures = errors = 0
    for report in sorted(run.files, key=lambda r: r.path):
        suite = ET.SubElement(suites, "testsuite", name=report.path)
        n_fail = len(report.diagnostics)
        n_err = 1 if report.error else 0
        cases = max(1, n_fail + n_err)
        suite.set("tests", str(cases))
        suite.set("failures", str(n_fail))
        suite.set("errors", str(n_err))
        if report.error:
            case = ET.SubElement(suite, "testcase", name="read", classname=report.path)
            ET.SubElement(case, "error", message=report.error).text = report.error
        for d in report.diagnostics:
            case = ET.SubElement(
                suite,
                "testcase",
                name=f"{d.code} {d.name} at {d.start.line}:{d.start.column}",
                classname=report.path,
            )
            failure = ET.SubElement(
                case, "failure", message=d.message, type=f"{d.severity.label}:{d.category.value}"
            )
            detail = f"{d.path}:{d.start.line}:{d.start.column}: {d.code} {d.message}"
            if d.suggestions:
                detail += f"\nsuggestion: {d.suggestions[0]}"
            detail += f"\ntext: {d.text}"
            failure.text = detail
        if not report.error and not report.diagnostics:
            ET.SubElement(suite, "testcase", name="clean", classname=report.path)
        total += cases
        failures += n_fail
        errors += n_err
    suites.set("tests", str(total))
    suites.set("failures", str(failures))
    suites.set("errors", str(errors))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, "unicode") + "\n"
