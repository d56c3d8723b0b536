"""Built-in Python rules: logic that data alone cannot express.

The explicit tuple below is the whole registry of built-ins (no import-time
magic). Each area module exports ``RULES``; heavy data is loaded lazily inside
the rules, so importing this package stays cheap.
"""

from __future__ import annotations

from newslint.checks.acronyms import RULES as ACRONYM_RULES
from newslint.checks.attribution import RULES as ATTRIBUTION_RULES
from newslint.checks.boilerplate import RULES as BOILERPLATE_RULES
from newslint.checks.facts import RULES as FACT_RULES
from newslint.checks.grammar import RULES as GRAMMAR_RULES
from newslint.checks.meta import RULES as META_RULES
from newslint.checks.repetition import RULES as REPETITION_RULES
from newslint.checks.style import RULES as STYLE_RULES
from newslint.checks.typos import RULES as TYPO_RULES
from newslint.languagetool.rules import RULES as LANGUAGETOOL_RULES
from newslint.rule import Rule

BUILTIN_RULES: tuple[type[Rule], ...] = (
    *META_RULES,
    *TYPO_RULES,
    *REPETITION_RULES,
    *ATTRIBUTION_RULES,
    *STYLE_RULES,
    *ACRONYM_RULES,
    *FACT_RULES,
    *GRAMMAR_RULES,
    *BOILERPLATE_RULES,
    *LANGUAGETOOL_RULES,
)
