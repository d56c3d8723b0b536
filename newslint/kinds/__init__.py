"""Declarative rule kinds: Python code for the mechanism, TOML for each instance.

This is Vale's split: ``existence``, ``substitution``, ``consistency`` and
``pattern`` are implemented once here; every rule in ``rules/`` is one TOML
file naming its kind and holding its data.
"""

from __future__ import annotations

from newslint.kinds.base import DeclarativeRule, RuleSpec
from newslint.kinds.consistency import ConsistencyRule
from newslint.kinds.existence import ExistenceRule
from newslint.kinds.pattern import PatternRule
from newslint.kinds.substitution import SubstitutionRule

KINDS: dict[str, type[DeclarativeRule]] = {
    "existence": ExistenceRule,
    "substitution": SubstitutionRule,
    "consistency": ConsistencyRule,
    "pattern": PatternRule,
}

__all__ = ["KINDS", "DeclarativeRule", "RuleSpec"]
