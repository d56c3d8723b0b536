"""The rule interface: metadata as class attributes, one ``check`` method.

Rules never build a :class:`~newslint.diagnostics.Diagnostic`. They call
``ctx.report(start, end, message, ...)`` with *prose-view* offsets and the
engine fills in code, severity, path and positions (the textlint/ruff model).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

import regex

from newslint.diagnostics import Category, Severity
from newslint.document import BlockKind, Document, Paragraph, Sentence

if TYPE_CHECKING:
    from newslint.vocab import Vocabulary


class Scope(enum.Enum):
    """What a rule's ``check`` receives."""

    DOCUMENT = "document"
    PARAGRAPH = "paragraph"
    SENTENCE = "sentence"


ALL_BLOCKS: frozenset[BlockKind] = frozenset(BlockKind)
PROSE_BLOCKS: frozenset[BlockKind] = frozenset(
    {BlockKind.BODY, BlockKind.BLOCKQUOTE, BlockKind.LIST_ITEM, BlockKind.CAPTION}
)

CODE_RE = regex.compile(r"^[A-Z]{1,4}[0-9]{3}$")
NAME_RE = regex.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


@dataclass(frozen=True, slots=True)
class Example:
    """An embedded example that runs as a test and shows in ``explain``.

    ``expect`` lists the exact source texts the rule must flag (empty for a
    valid example); ``fixed`` is the text after safe fixes, when the rule
    fixes it.
    """

    text: str
    expect: tuple[str, ...] = ()
    fixed: str | None = None
    format: str = "txt"
    metadata: Mapping[str, Any] = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        """Return True when the example must produce no finding."""
        return not self.expect


@dataclass(frozen=True, slots=True)
class RuleDocs:
    """The four parts every rule documents."""

    what: str
    why: str
    example: str
    fix: str


@dataclass(frozen=True, slots=True)
class TextEdit:
    """An edit in prose-view coordinates, as rules produce it."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True, slots=True)
class TextFix:
    """A fix in prose-view coordinates; the engine maps and vets it."""

    edits: tuple[TextEdit, ...]
    safe: bool
    title: str
    # Prose-view [start, end) the rule read to choose the edits, when wider
    # than them (see ``diagnostics.Fix.context``).
    context: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class TextRelated:
    """A related span in prose-view coordinates."""

    start: int
    end: int
    label: str


class Rule:
    """Base class of every rule, built-in, declarative or third-party."""

    code: ClassVar[str]
    name: ClassVar[str]
    category: ClassVar[Category]
    summary: ClassVar[str]
    severity: ClassVar[Severity] = Severity.WARNING
    scope: ClassVar[Scope] = Scope.SENTENCE
    fixable: ClassVar[bool] = False
    # Report findings that fall inside direct quotations?
    in_quotes: ClassVar[bool] = False
    blocks: ClassVar[frozenset[BlockKind]] = ALL_BLOCKS
    default_enabled: ClassVar[bool] = True
    pack: ClassVar[str] = "builtin"
    examples: ClassVar[tuple[Example, ...]] = ()
    # Option names this rule accepts from [tool.newslint.rules.<code>] and defaults.
    option_defaults: ClassVar[Mapping[str, Any]] = {}

    def __init__(self, options: Mapping[str, Any] | None = None) -> None:
        options = dict(options or {})
        unknown = sorted(set(options) - set(self.option_defaults))
        if unknown:
            raise ValueError(
                f"rule {self.code} ({self.name}) has no option(s) {', '.join(unknown)}"
            )
        self.options: dict[str, Any] = {**self.option_defaults, **options}

    def check(self, unit: Any, ctx: RuleContext) -> None:
        """Inspect ``unit`` (a Document, Paragraph or Sentence) and report."""
        raise NotImplementedError

    @classmethod
    def docs(cls) -> RuleDocs:
        """Return the rule's documentation, parsed from its docstring."""
        return parse_docstring(cls.__doc__ or "")

    @classmethod
    def origin(cls) -> str:
        """Return where the rule comes from (a pack name or a module)."""
        return cls.pack


_SECTION_RE = regex.compile(r"^##\s+(.+?)\s*$", regex.M)
_SECTION_KEYS = {
    "what it flags": "what",
    "why": "why",
    "example": "example",
    "examples": "example",
    "use instead": "fix",
    "fix": "fix",
    "how to fix": "fix",
}


def parse_docstring(doc: str) -> RuleDocs:
    """Split a rule docstring into its Markdown sections."""
    import inspect

    text = inspect.cleandoc(doc)
    parts: dict[str, str] = {}
    matches = list(_SECTION_RE.finditer(text))
    for i, m in enumerate(matches):
        key = _SECTION_KEYS.get(m.group(1).lower())
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        if key:
            parts[key] = text[m.end() : end].strip()
    return RuleDocs(
        what=parts.get("what", ""),
        why=parts.get("why", ""),
        example=parts.get("example", ""),
        fix=parts.get("fix", ""),
    )


@dataclass(slots=True)
class RawFinding:
    """What ``ctx.report`` records before the engine resolves it."""

    rule: Rule
    start: int
    end: int
    message: str
    suggestions: tuple[str, ...]
    fix: TextFix | None
    related: tuple[TextRelated, ...]
    severity: Severity | None
    data: dict[str, Any]


class RuleContext:
    """What a rule sees besides its unit: the document, vocabulary, settings."""

    def __init__(
        self,
        doc: Document,
        rule: Rule,
        sink: list[RawFinding],
        *,
        vocab: Vocabulary | None = None,
        settings: Any = None,
        shared: dict[str, Any] | None = None,
        file_data: dict[str, Any] | None = None,
    ) -> None:
        self.doc = doc
        self.rule = rule
        self._sink = sink
        self._vocab = vocab
        self.settings = settings
        # Per-document cache shared by all rules (the people model, dates ...).
        self.shared: dict[str, Any] = shared if shared is not None else {}
        # Extra per-file output (e.g. the ``people`` list in JSON).
        self.file_data: dict[str, Any] = file_data if file_data is not None else {}

    @property
    def vocab(self) -> Vocabulary:
        """Return the accept/reject vocabulary in force."""
        if self._vocab is None:
            from newslint.vocab import Vocabulary

            self._vocab = Vocabulary()
        return self._vocab

    def report(
        self,
        start: int,
        end: int,
        message: str,
        *,
        suggestions: Sequence[str] = (),
        fix: TextFix | None = None,
        related: Sequence[TextRelated] = (),
        severity: Severity | None = None,
        data: Mapping[str, Any] | None = None,
    ) -> None:
        """Record a finding at prose-view span ``[start, end)``."""
        if not 0 <= start <= end <= len(self.doc.text):
            raise ValueError(
                f"rule {self.rule.code} reported span {start}..{end} outside the document"
            )
        self._sink.append(
            RawFinding(
                self.rule,
                start,
                end,
                message,
                tuple(suggestions),
                fix,
                tuple(related),
                severity,
                dict(data or {}),
            )
        )

    def replace(
        self,
        start: int,
        end: int,
        text: str,
        *,
        safe: bool = True,
        title: str = "",
        context: tuple[int, int] | None = None,
    ) -> TextFix:
        """Return a fix that replaces ``[start, end)`` with ``text``.

        ``context`` is the wider span the choice of ``text`` depends on, if
        any: no other fix editing inside it is applied in the same pass.
        """
        original = self.doc.text[start:end]
        return TextFix(
            (TextEdit(start, end, text),),
            safe,
            title or f"Replace '{original}' with '{text}'",
            context,
        )

    def delete(self, start: int, end: int, *, safe: bool = True, title: str = "") -> TextFix:
        """Return a fix that deletes ``[start, end)``."""
        original = self.doc.text[start:end]
        return TextFix((TextEdit(start, end, ""),), safe, title or f"Delete '{original}'")

    @staticmethod
    def related(start: int, end: int, label: str) -> TextRelated:
        """Return a related span for ``report(related=...)``."""
        return TextRelated(start, end, label)


def units_of(rule: Rule, doc: Document) -> list[Document] | list[Paragraph] | list[Sentence]:
    """Return what ``rule.check`` is called with, honouring ``rule.blocks``."""
    if rule.scope is Scope.DOCUMENT:
        return [doc]
    paragraphs = [p for p in doc.paragraphs if p.kind in rule.blocks]
    if rule.scope is Scope.PARAGRAPH:
        return paragraphs
    return [s for p in paragraphs for s in p.sentences]
