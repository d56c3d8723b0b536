"""The ``--show-people`` listing: whom the story names, and how."""

from __future__ import annotations

from newslint.runner import Run


def render_people(run: Run) -> str:
    """Return a plain listing of each file's people (from the attribution model)."""
    lines: list[str] = []
    for report in sorted(run.files, key=lambda r: r.path):
        people = report.file_data.get("people")
        if not people:
            continue
        lines.append(f"People in {report.path}:")
        for person in people:
            titles = ", ".join(person.get("titles", []))
            mentions = len(person.get("mentions", []))
            suffix = f" ({titles})" if titles else ""
            lines.append(
                f"  {person.get('name')}{suffix}: {mentions} mention{'s' if mentions != 1 else ''}"
            )
    return "\n".join(lines) + ("\n" if lines else "")
