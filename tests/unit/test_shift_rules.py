"""The center's shifts, reasons and checklist as data (R1.6, R4.1): validation names the
place of a mistake; every moment falls in exactly one shift, across midnight too."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from console.content.shift_rules import ShiftRules, rules_path, shipped
from console.core.datafiles import ResourceError, parse_validated

ZONE = ZoneInfo("Asia/Shanghai")
SHIPPED = rules_path().read_text(encoding="utf-8")


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=ZONE)


@pytest.mark.parametrize(
    ("moment", "name", "start", "end", "following"),
    [
        (at(1, 8), "早班", at(1, 8), at(1, 16), "中班"),  # a shift starts at its first minute
        (at(1, 15, 59), "早班", at(1, 8), at(1, 16), "中班"),
        (at(1, 16), "中班", at(1, 16), at(2, 0), "夜班"),
        (at(1, 23, 59), "中班", at(1, 16), at(2, 0), "夜班"),  # runs to midnight
        (at(2, 0), "夜班", at(2, 0), at(2, 8), "早班"),
        (at(2, 7, 59), "夜班", at(2, 0), at(2, 8), "早班"),
    ],
)
def test_every_moment_is_in_one_shift(
    moment: datetime, name: str, start: datetime, end: datetime, following: str
) -> None:
    span = shipped().shift_at(moment, ZONE)
    assert (span.name, span.start, span.end) == (name, start, end)
    assert shipped().next_shift(moment, ZONE).name == following


def test_a_shift_through_midnight_is_found_from_either_day() -> None:
    rules = parse_validated(
        SHIPPED.replace('"16:00"\n    end: "00:00"', '"16:00"\n    end: "01:00"').replace(
            'start: "00:00"', 'start: "01:00"'
        ),
        ShiftRules,
        "shift/shift.yaml",
    )
    span = rules.shift_at(at(2, 0, 30), ZONE)
    assert (span.name, span.start, span.end) == ("中班", at(1, 16), at(2, 1))


@pytest.mark.parametrize(
    ("bad", "good", "field", "problem"),
    [
        ('end: "16:00"', 'end: "15:00"', None, "ends at 15:00"),  # a gap in the day
        ('end: "16:00"', 'end: "25:00"', "shifts[0].end", "HH:MM"),
        ("code: meeting", "code: headset\n    label: x\n  - code: headset", None, "twice"),
        ("code: desk", "code: Desk!", "checklist[5].code", ""),
        ("version: 1", "version: 2", "version", ""),
    ],
)
def test_a_broken_file_names_the_place(
    bad: str, good: str, field: str | None, problem: str
) -> None:
    assert SHIPPED.count(bad) >= 1
    with pytest.raises(ResourceError) as e:
        parse_validated(SHIPPED.replace(bad, good, 1), ShiftRules, "shift/shift.yaml")
    assert e.value.file == "shift/shift.yaml"
    if field is not None:
        assert e.value.field == field and e.value.line is not None
    assert problem in str(e.value.problem.params)
