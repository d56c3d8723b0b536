"""The people model: who a story names, how, and with which titles.

``build_people(doc)`` finds person mentions (full names with titles before
and appositives after them, surname-only mentions, possessives, particle and
hyphenated surnames, initials, names across a line break) and groups them
into people; "he"/"she" join a person where only one person can be meant.
Rules share one model per document through ``people_of(ctx)``, which also
puts the ``people`` list into the file's JSON output.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newslint.people.detect import Mention
from newslint.people.model import People, Person, build_people

if TYPE_CHECKING:
    from newslint.rule import RuleContext

__all__ = ["Mention", "People", "Person", "build_people", "people_of"]

SHARED_KEY = "people"


def people_of(ctx: RuleContext) -> People:
    """Return the document's people model, building and publishing it once."""
    model = ctx.shared.get(SHARED_KEY)
    if not isinstance(model, People) or model.doc is not ctx.doc:
        model = build_people(ctx.doc)
        ctx.shared[SHARED_KEY] = model
        ctx.file_data[SHARED_KEY] = model.to_json()
    return model
