"""A LanguageTool match in newslint's coordinates, and its strict parser.

The parser trusts nothing in the server's answer: a field of the wrong type,
an offset outside the text or one that splits a surrogate pair makes the whole
answer invalid (:class:`LanguageToolError`), because a backend that describes
some other text must not produce findings at plausible-looking positions.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from newslint.languagetool.errors import LanguageToolError
from newslint.languagetool.offsets import Utf16Offsets

MAX_REPLACEMENTS = 5


@dataclass(frozen=True, slots=True)
class Match:
    """One LanguageTool finding; ``start``/``end`` are code points into the checked text."""

    start: int
    end: int
    rule_id: str
    message: str
    short_message: str = ""
    replacements: tuple[str, ...] = ()
    category_id: str = ""
    issue_type: str = ""
    rule_description: str = ""
    sub_id: str | None = None
    url: str | None = None

    @property
    def is_spelling(self) -> bool:
        """Return True for dictionary and spelling rules (LanguageTool issue type 'misspelling')."""
        return self.issue_type == "misspelling"

    def to_json(self) -> dict[str, Any]:
        """Return a JSON-able dict (the result cache's format)."""
        data = asdict(self)
        data["replacements"] = list(self.replacements)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Match:
        """Rebuild a match from :meth:`to_json` output."""
        values = dict(data)
        values["replacements"] = tuple(values.get("replacements", ()))
        return cls(**values)


def _field(obj: Any, key: str, kind: type, where: str) -> Any:
    value = obj.get(key) if isinstance(obj, dict) else None
    # bool is an int subclass; an offset of True is garbage, not 1.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise LanguageToolError(
            f"malformed answer: {where}.{key} is missing or not {kind.__name__}"
        )
    return value


def _optional_str(obj: dict[str, Any], key: str) -> str:
    value = obj.get(key, "")
    return value if isinstance(value, str) else ""


def parse_matches(text: str, answer: Any) -> tuple[list[Match], str | None]:
    """Return the matches of a ``/v2/check`` answer for ``text``, and LanguageTool's version.

    Raises:
        LanguageToolError: the answer is not the documented shape, or an
            offset does not fit ``text``.
    """
    if not isinstance(answer, dict):
        raise LanguageToolError("malformed answer: expected a JSON object")
    raw_matches = answer.get("matches")
    if not isinstance(raw_matches, list):
        raise LanguageToolError("malformed answer: 'matches' is missing or not a list")
    software = answer.get("software")
    version = software.get("version") if isinstance(software, dict) else None
    offsets = Utf16Offsets(text)
    matches: list[Match] = []
    for index, raw in enumerate(raw_matches):
        where = f"matches[{index}]"
        offset = _field(raw, "offset", int, where)
        length = _field(raw, "length", int, where)
        rule = _field(raw, "rule", dict, where)
        rule_id = _field(rule, "id", str, f"{where}.rule")
        message = _field(raw, "message", str, where)
        try:
            start, end = offsets.to_span(offset, length)
        except ValueError as exc:
            raise LanguageToolError(f"malformed answer: {where} ({rule_id}): {exc}") from None
        replacements: list[str] = []
        raw_replacements = raw.get("replacements", [])
        if isinstance(raw_replacements, list):
            for item in raw_replacements[:MAX_REPLACEMENTS]:
                value = item.get("value") if isinstance(item, dict) else None
                if isinstance(value, str):
                    replacements.append(value)
        category = rule.get("category")
        urls = rule.get("urls")
        url = None
        if isinstance(urls, list) and urls and isinstance(urls[0], dict):
            first = urls[0].get("value")
            url = first if isinstance(first, str) else None
        sub_id = rule.get("subId")
        matches.append(
            Match(
                start=start,
                end=end,
                rule_id=rule_id,
                message=message,
                short_message=_optional_str(raw, "shortMessage"),
                replacements=tuple(replacements),
                category_id=_optional_str(category, "id") if isinstance(category, dict) else "",
                issue_type=_optional_str(rule, "issueType"),
                rule_description=_optional_str(rule, "description"),
                sub_id=sub_id if isinstance(sub_id, str) else None,
                url=url,
            )
        )
    return matches, version if isinstance(version, str) else None
