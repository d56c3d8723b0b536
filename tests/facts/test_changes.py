"""The change reader behind NL512: rounding, pairing and the slips it names."""

from __future__ import annotations

from newslint.facts.changes import find_change_clashes


def test_offsets_and_actual_change() -> None:
    text = "Profits rose from £40m to £50m, a 20% rise."
    [clash] = find_change_clashes(text, offset=100)
    assert text[clash.start - 100 : clash.end - 100] == "20%"
    assert text[clash.change_start - 100 : clash.change_end - 100] == "from £40m to £50m"
    assert clash.actual == 25.0 and clash.against_new and not clash.points


def test_one_scale_serves_both_figures() -> None:
    [clash] = find_change_clashes("Sales fell from 1.2 to 0.9 billion, a drop of 40%.")
    assert round(clash.actual) == 25 and not clash.rose


def test_a_percentage_any_rounding_explains_is_accepted() -> None:
    # 3.2 -> 4.1 is 28.1%; 3.15 -> 4.15 is 31.7%: 30% fits the printed figures.
    assert find_change_clashes("Prices rose from 3.2 to 4.1, a 30% rise.") == []
    assert find_change_clashes("Prices rose from 3.20 to 4.10, a 35% rise.") != []


def test_two_changes_pair_in_order() -> None:
    text = "Sales rose from 10 to 12, a 20% rise, and costs fell from 50 to 40, a 25% drop."
    [clash] = find_change_clashes(text)
    assert text[clash.start : clash.end] == "25%" and clash.actual == 20.0
