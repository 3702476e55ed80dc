"""SLA arithmetic (R3.3): deadlines, warnings and pauses over weekends, 春节, 国庆 and the
2026 make-up workdays (调休: 01-04, 02-14, 02-28, 05-09, 09-20, 10-10)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from console.content.holiday_calendar import HolidayCalendar
from console.content.sla import (
    ClockDef,
    ClockPlan,
    Policy,
    clocks_for,
    deadline,
    due_after_pause,
    shipped,
    warn_at,
)
from console.core.datafiles import ResourceError, parse_validated

SH = ZoneInfo("Asia/Shanghai")
CAL = HolidayCalendar()


def sh(y: int, mo: int, d: int, h: int = 0, mi: int = 0, s: int = 0) -> datetime:
    """A moment written in Beijing time."""
    return datetime(y, mo, d, h, mi, s, tzinfo=SH)


def clock(unit: str, amount: int, warn: str = "20%", pauses: bool = True) -> ClockDef:
    return ClockDef(
        name="c",
        title="t",
        unit=unit,  # type: ignore[arg-type]
        amount=amount,
        warn_before=warn,
        pauses_when_waiting_on_customer=pauses,
        clause="test",
        pause_clause="test" if pauses else None,
    )


TWO_WORKING_DAYS = clock("working_days", 2)


@pytest.mark.parametrize(
    ("start", "due", "why"),
    [
        (sh(2026, 3, 6, 9), sh(2026, 3, 11), "Fri: Mon 03-09, Tue 03-10"),
        (sh(2026, 3, 7, 10), sh(2026, 3, 11), "a Saturday contact: Mon, Tue"),
        (sh(2026, 3, 4, 23, 59, 59), sh(2026, 3, 7), "Wed night: Thu, Fri"),
        (sh(2026, 3, 5), sh(2026, 3, 10), "Thu 00:00 exactly: Fri, (weekend) Mon"),
        (sh(2026, 2, 12, 10), sh(2026, 2, 15), "Thu: Fri 02-13, Sat 02-14 调休"),
        (sh(2026, 2, 13, 16), sh(2026, 2, 25), "Fri: Sat 02-14 调休, 春节 02-15…23, Tue 02-24"),
        (sh(2026, 2, 13), sh(2026, 2, 25), "the first instant of Fri 02-13: the same"),
        (sh(2026, 2, 17, 21), sh(2026, 2, 26), "春节 evening: Tue 02-24, Wed 02-25"),
        (sh(2026, 2, 23, 23, 30), sh(2026, 2, 26), "last 春节 night: 02-24, 02-25"),
        (sh(2026, 2, 26, 15), sh(2026, 3, 1), "Thu: Fri 02-27, Sat 02-28 调休"),
        (sh(2025, 12, 31, 23, 30), sh(2026, 1, 6), "元旦 01-01…03, Sun 01-04 调休, Mon 01-05"),
        (sh(2026, 9, 18, 12), sh(2026, 9, 22), "Fri: Sun 09-20 调休, Mon 09-21"),
        (sh(2026, 9, 24, 18), sh(2026, 9, 30), "中秋 09-25…27: Mon 09-28, Tue 09-29"),
        (sh(2026, 9, 30, 15), sh(2026, 10, 10), "国庆 10-01…07: Thu 10-08, Fri 10-09"),
        (sh(2026, 10, 3, 20), sh(2026, 10, 10), "国庆 holiday evening: 10-08, 10-09"),
        (sh(2026, 10, 9, 11), sh(2026, 10, 13), "Fri: Sat 10-10 调休, Mon 10-12"),
        # 16:30 UTC is 00:30 on Sat 02-14 in Beijing: the day of the contact is the 14th.
        (datetime(2026, 2, 13, 16, 30, tzinfo=UTC), sh(2026, 2, 26), "the zone decides"),
    ],
)
def test_two_working_days(start: datetime, due: datetime, why: str) -> None:
    assert deadline(start, TWO_WORKING_DAYS, CAL) == due, why


@pytest.mark.parametrize(
    ("unit", "amount", "start", "due"),
    [
        ("hours", 24, sh(2026, 2, 16, 22), sh(2026, 2, 17, 22)),  # holidays don't matter
        ("hours", 72, sh(2026, 9, 30, 15), sh(2026, 10, 3, 15)),
        ("hours", 6, sh(2026, 3, 7, 23), sh(2026, 3, 8, 5)),  # over midnight, weekend
        ("minutes", 30, sh(2026, 10, 1, 23, 45), sh(2026, 10, 2, 0, 15)),
    ],
)
def test_hours_and_minutes_are_wall_clock(
    unit: str, amount: int, start: datetime, due: datetime
) -> None:
    assert deadline(start, clock(unit, amount), CAL) == due


@pytest.mark.parametrize(
    ("warn", "start", "due", "expected"),
    [
        ("20%", sh(2026, 3, 2, 10), sh(2026, 3, 5, 10), sh(2026, 3, 4, 19, 36)),  # 72 h
        ("4h", sh(2026, 3, 2, 10), sh(2026, 3, 3, 10), sh(2026, 3, 3, 6)),
        ("1d", sh(2026, 2, 13, 16), sh(2026, 2, 25), sh(2026, 2, 24)),  # last day's start
        ("60m", sh(2026, 3, 2, 10), sh(2026, 3, 2, 10, 30), sh(2026, 3, 2, 10)),  # not before start
    ],
)
def test_warning_before_due(warn: str, start: datetime, due: datetime, expected: datetime) -> None:
    assert warn_at(start, due, clock("hours", 1, warn)) == expected


@pytest.mark.parametrize(
    ("unit", "due", "paused", "resumed", "new_due", "why"),
    [
        ("hours", sh(2026, 3, 5, 10), sh(2026, 3, 3, 10), sh(2026, 3, 3, 13, 30),
         sh(2026, 3, 5, 13, 30), "3.5 h paused: 3.5 h later"),
        ("hours", sh(2026, 2, 18, 10), sh(2026, 2, 16, 20), sh(2026, 2, 17, 20),
         sh(2026, 2, 19, 10), "hours clocks run through 春节: a day paused is a day"),
        ("working_days", sh(2026, 2, 25), sh(2026, 2, 14, 10), sh(2026, 2, 14, 13),
         sh(2026, 2, 25, 3), "3 h on the 调休 Saturday count"),
        ("working_days", sh(2026, 2, 25), sh(2026, 2, 15, 9), sh(2026, 2, 23, 18),
         sh(2026, 2, 25), "a pause inside 春节 moves nothing"),
        ("working_days", sh(2026, 2, 25), sh(2026, 2, 14, 20), sh(2026, 2, 24, 2),
         sh(2026, 2, 25, 6), "4 h of 02-14 + 2 h of 02-24"),
        ("working_days", sh(2026, 3, 11), sh(2026, 3, 9), sh(2026, 3, 10),
         sh(2026, 3, 12), "a whole working day: one more working day"),
        ("working_days", sh(2026, 3, 14), sh(2026, 3, 13, 8), sh(2026, 3, 13, 10),
         sh(2026, 3, 16, 2), "due at Friday's end: the weekend is skipped"),
        ("working_days", sh(2026, 10, 1), sh(2026, 9, 30, 8), sh(2026, 9, 30, 9),
         sh(2026, 10, 8, 1), "due on the eve of 国庆: the week off is skipped"),
        ("working_days", sh(2026, 10, 10), sh(2026, 10, 8, 12), sh(2026, 10, 8, 13),
         sh(2026, 10, 10, 1), "due at Friday's end, then the 调休 Saturday 10-10"),
        ("working_days", sh(2026, 3, 11), sh(2026, 3, 7, 9), sh(2026, 3, 8, 18),
         sh(2026, 3, 11), "a paused weekend moves nothing"),
        ("hours", sh(2026, 3, 5, 10), sh(2026, 3, 3, 13), sh(2026, 3, 3, 12),
         sh(2026, 3, 5, 10), "resumed before paused: nothing"),
    ],
)  # fmt: skip
def test_pause_extends(
    unit: str, due: datetime, paused: datetime, resumed: datetime, new_due: datetime, why: str
) -> None:
    assert due_after_pause(due, paused, resumed, clock(unit, 2), CAL) == new_due, why


def utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def test_the_shipped_policy_has_the_spec_figures() -> None:
    figures = {
        (kind, c.name): (c.unit, c.amount, c.pauses_when_waiting_on_customer)
        for kind, clocks in shipped().kinds.items()
        for c in clocks
    }
    assert figures == {
        ("complaint", "progress_notice"): ("hours", 24, False),
        ("complaint", "reply"): ("hours", 72, False),  # GS 2.2.6 allows no pause
        ("inquiry", "reply"): ("working_days", 2, False),  # nor does GS 15.3.4
        ("repair", "handle"): ("hours", 6, True),
        ("repair", "fix"): ("hours", 24, True),
        ("emergency", "arrive"): ("minutes", 30, False),
        ("network_fault", "fix_general"): ("hours", 4, False),
        ("network_fault_major", "fix_major"): ("hours", 24, False),
        ("lookup", "status_call"): ("minutes", 30, False),
    }
    assert all(c.clause for clocks in shipped().kinds.values() for c in clocks)


def test_clocks_for_a_complaint_and_an_inquiry_at_the_spring_festival() -> None:
    opened = sh(2026, 2, 13, 16)
    assert clocks_for("complaint", opened, CAL) == [
        ClockPlan("progress_notice", utc(sh(2026, 2, 14, 16)), utc(sh(2026, 2, 14, 12))),
        ClockPlan("reply", utc(sh(2026, 2, 16, 16)), utc(sh(2026, 2, 16, 1, 36))),
    ]
    assert clocks_for("inquiry", opened, CAL) == [
        ClockPlan("reply", utc(sh(2026, 2, 25)), utc(sh(2026, 2, 24))),
    ]
    assert clocks_for("suggestion", opened, CAL) == []


def test_an_override_year_counts_its_make_up_workday() -> None:
    from console.content.holiday_calendar import Override

    # 2030 is not in the library: an administrator declares a Saturday worked.
    cal = HolidayCalendar([Override(sh(2030, 1, 5).date(), working=True)])
    assert deadline(sh(2030, 1, 4, 10), TWO_WORKING_DAYS, cal) == sh(2030, 1, 8)
    assert deadline(sh(2030, 1, 4, 10), TWO_WORKING_DAYS, CAL) == sh(2030, 1, 9)


GOOD = """\
version: 1
kinds:
  complaint:
    - name: reply
      title: 答复
      unit: hours
      amount: 72
      warn_before: 20%
      pauses_when_waiting_on_customer: false
      clause: GS 2.2.6
"""


@pytest.mark.parametrize(
    ("bad", "good", "line", "field"),
    [
        ("unit: hours", "unit: days", 6, "kinds.complaint[0].unit"),
        ("warn_before: 20%", "warn_before: soon", 8, "kinds.complaint[0].warn_before"),
        ("warn_before: 20%", "warn_before: 100%", 8, "kinds.complaint[0].warn_before"),
        ("amount: 72", "amount: 0", 7, "kinds.complaint[0].amount"),
        ("false", "maybe", 9, "kinds.complaint[0].pauses_when_waiting_on_customer"),
        # GS 2.2.6's 72 hours name no exception: a pause is refused without the clause.
        ("false", "true", 4, "kinds.complaint[0]"),
        ("      clause: GS 2.2.6\n", "", 4, "kinds.complaint[0].clause"),
    ],
)
def test_a_broken_policy_names_line_and_field(bad: str, good: str, line: int, field: str) -> None:
    assert isinstance(parse_validated(GOOD, Policy, "sla/policy.yaml"), Policy)
    with pytest.raises(ResourceError) as e:
        parse_validated(GOOD.replace(bad, good), Policy, "sla/policy.yaml")
    assert (e.value.file, e.value.line, e.value.field) == ("sla/policy.yaml", line, field)


def test_a_clock_listed_twice_is_refused() -> None:
    twice = GOOD + GOOD.split("complaint:\n")[1]
    with pytest.raises(ResourceError) as e:
        parse_validated(twice, Policy, "sla/policy.yaml")
    assert e.value.field == "kinds"
    assert "listed twice" in str(e.value.problem.params)


def test_deadline_needs_an_aware_start() -> None:
    with pytest.raises(ValueError):
        deadline(datetime(2026, 3, 2), TWO_WORKING_DAYS, CAL)
    assert timedelta(0) == deadline(sh(2026, 3, 2), clock("hours", 1), CAL) - sh(2026, 3, 2, 1)
