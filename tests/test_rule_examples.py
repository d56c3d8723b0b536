"""Every rule's embedded examples run as tests (``newslint.testing.run_examples``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint.packs import load_pack
from newslint.rule import Rule
from newslint.testing import FixtureError, run_examples
from tests.conftest import every_rule, rule_id

RULES_WITH_EXAMPLES = [r for r in every_rule() if r.examples]


@pytest.mark.parametrize("rule", RULES_WITH_EXAMPLES, ids=rule_id)
def test_embedded_examples(rule: type[Rule]) -> None:
    run_examples(rule)


def test_examples_of_a_local_pack_run_with_its_rule_path(xt_pack: Path) -> None:
    rules = load_pack(xt_pack).rules
    for rule in rules:
        run_examples(rule, {"rule_paths": [str(xt_pack)], "style": "none"})


def test_a_wrong_example_fails(xt_pack: Path) -> None:
    (rule,) = [r for r in load_pack(xt_pack).rules if r.code == "XT002"]
    broken = type(
        "Broken",
        (rule,),
        {"examples": (rule.examples[0].__class__("They utilise the hall.", expect=("hall",)),)},
    )
    with pytest.raises(FixtureError, match="findings differ"):
        run_examples(broken, {"rule_paths": [str(xt_pack)], "style": "none"})
