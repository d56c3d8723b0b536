"""The ``--show-people`` listing: whom the story names, and how."""

from __future__ import annotations

from typing import Any

from newslint.runner import Run

_MAX_SHOWN = 12  # mentions listed per person before "..."


def _mention(m: dict[str, Any]) -> str:
    text = " ".join(str(m.get("text", "")).split())
    return f"{m.get('line')}:{m.get('column')} {text}"


def render_people(run: Run) -> str:
    """Return a plain listing of each file's people (from the attribution model).

    One block per file; per person the canonical name, the titles the story
    gives them, and where each mention is (line:column and the text, pronouns
    included), e.g.::

        People in story.txt:
          Karen Donfried (assistant secretary of State): 4 mentions
            10:1 Karen Donfried, 12:1 She, 22:1 Donfried, 26:1 Donfried
    """
    lines: list[str] = []
    for report in sorted(run.files, key=lambda r: r.path):
        people = report.file_data.get("people")
        if not people:
            continue
        lines.append(f"People in {report.path}:")
        for person in people:
            titles = "; ".join(person.get("titles", []))
            mentions = person.get("mentions", [])
            count = len(mentions)
            suffix = f" ({titles})" if titles else ""
            lines.append(
                f"  {person.get('name')}{suffix}: {count} mention{'s' if count != 1 else ''}"
            )
            shown = ", ".join(_mention(m) for m in mentions[:_MAX_SHOWN])
            if count > _MAX_SHOWN:
                shown += ", ..."
            if shown:
                lines.append(f"    {shown}")
    return "\n".join(lines) + ("\n" if lines else "")
