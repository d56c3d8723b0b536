"""Built-in typos rules."""

from __future__ import annotations

from newslint.rule import Rule

RULES: tuple[type[Rule], ...] = ()
