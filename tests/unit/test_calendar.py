"""The Chinese public-holiday calendar: 2026's schedule, unknown years, working-day sums."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from console.content.holiday_calendar import (
    DayKind,
    Holiday,
    HolidayCalendar,
    load_overrides,
)
from console.core.datafiles import ResourceError
from console.core.messages import render

SHANGHAI = ZoneInfo("Asia/Shanghai")
CAL = HolidayCalendar()


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


# The State Council's 2026 schedule (国办发明电〔2025〕7号), as the library has it.
@pytest.mark.parametrize(
    ("day", "kind", "holiday"),
    [
        (date(2026, 1, 1), DayKind.HOLIDAY, Holiday.NEW_YEAR),
        (date(2026, 1, 3), DayKind.HOLIDAY, Holiday.NEW_YEAR),  # Saturday in the block
        (date(2026, 1, 4), DayKind.MAKEUP_WORKDAY, Holiday.NEW_YEAR),  # Sunday worked
        (date(2026, 2, 14), DayKind.MAKEUP_WORKDAY, Holiday.SPRING_FESTIVAL),  # Saturday
        (date(2026, 2, 15), DayKind.HOLIDAY, Holiday.SPRING_FESTIVAL),
        (date(2026, 2, 17), DayKind.HOLIDAY, Holiday.SPRING_FESTIVAL),  # 正月初一
        (date(2026, 2, 23), DayKind.HOLIDAY, Holiday.SPRING_FESTIVAL),  # a Monday off
        (date(2026, 2, 24), DayKind.WORKDAY, None),
        (date(2026, 2, 28), DayKind.MAKEUP_WORKDAY, Holiday.SPRING_FESTIVAL),
        (date(2026, 4, 5), DayKind.HOLIDAY, Holiday.QINGMING),
        (date(2026, 5, 5), DayKind.HOLIDAY, Holiday.LABOUR_DAY),
        (date(2026, 5, 9), DayKind.MAKEUP_WORKDAY, Holiday.LABOUR_DAY),
        (date(2026, 6, 19), DayKind.HOLIDAY, Holiday.DRAGON_BOAT),
        (date(2026, 9, 20), DayKind.MAKEUP_WORKDAY, Holiday.NATIONAL_DAY),  # Sunday
        (date(2026, 9, 25), DayKind.HOLIDAY, Holiday.MID_AUTUMN),
        (date(2026, 10, 7), DayKind.HOLIDAY, Holiday.NATIONAL_DAY),
        (date(2026, 10, 10), DayKind.MAKEUP_WORKDAY, Holiday.NATIONAL_DAY),
        (date(2026, 11, 21), DayKind.WEEKEND, None),
        (date(2026, 11, 23), DayKind.WORKDAY, None),
        (date(2015, 9, 3), DayKind.HOLIDAY, Holiday.OTHER),  # 抗战胜利70周年纪念日
    ],
)
def test_2026_schedule(day: date, kind: DayKind, holiday: Holiday | None) -> None:
    info = CAL.day(day)
    assert (info.kind, info.holiday, info.known) == (kind, holiday, True)
    assert info.is_working_day == (kind in (DayKind.WORKDAY, DayKind.MAKEUP_WORKDAY))


def test_known_years_cover_the_library_and_flag_the_rest() -> None:
    assert set(range(2004, 2027)) <= CAL.known_years()
    assert not CAL.is_year_known(2035)
    assert not CAL.day(date(2035, 3, 1)).known


@pytest.mark.parametrize(
    ("day", "kind", "holiday"),
    [
        (date(2035, 1, 1), DayKind.HOLIDAY, Holiday.NEW_YEAR),
        (date(2035, 5, 1), DayKind.HOLIDAY, Holiday.LABOUR_DAY),
        (date(2035, 5, 2), DayKind.HOLIDAY, Holiday.LABOUR_DAY),
        (date(2035, 5, 3), DayKind.WORKDAY, None),
        (date(2035, 10, 3), DayKind.HOLIDAY, Holiday.NATIONAL_DAY),
        (date(2035, 10, 4), DayKind.WORKDAY, None),
        (date(2035, 2, 7), DayKind.HOLIDAY, Holiday.SPRING_FESTIVAL),  # 除夕, by the moon
        (date(2035, 2, 8), DayKind.HOLIDAY, Holiday.SPRING_FESTIVAL),  # 正月初一
        (date(2035, 2, 10), DayKind.HOLIDAY, Holiday.SPRING_FESTIVAL),  # 初三, a Saturday
        (date(2035, 2, 12), DayKind.WORKDAY, None),  # no moved weekend: not announced
        (date(2035, 3, 3), DayKind.WEEKEND, None),
    ],
)
def test_an_unknown_year_follows_the_statutory_rules(
    day: date, kind: DayKind, holiday: Holiday | None
) -> None:
    info = CAL.day(day)
    assert (info.kind, info.holiday, info.known) == (kind, holiday, False)


def test_the_day_is_taken_in_shanghai() -> None:
    # 2026-02-13 16:00 UTC is Saturday 02-14 00:00 in Shanghai, a make-up workday.
    assert CAL.local_date(utc(2026, 2, 13, 16, 0)) == date(2026, 2, 14)
    assert CAL.local_date(utc(2026, 2, 13, 15, 59)) == date(2026, 2, 13)
    assert HolidayCalendar(zone="UTC").local_date(utc(2026, 2, 13, 16, 0)) == date(2026, 2, 13)
    with pytest.raises(ValueError):
        CAL.local_date(datetime(2026, 2, 13, 16, 0))


# Contact moment (UTC), n working days, the last day counted (Shanghai).
@pytest.mark.parametrize(
    ("contact", "n", "last_day"),
    [
        (utc(2026, 11, 19, 2, 0), 2, date(2026, 11, 23)),  # Thu → Fri, Mon
        (utc(2026, 11, 20, 8, 0), 2, date(2026, 11, 24)),  # Fri 16:00 → Mon, Tue
        (utc(2026, 11, 19, 16, 30), 1, date(2026, 11, 23)),  # Fri 00:30 local → Mon
        (utc(2026, 11, 21, 3, 0), 1, date(2026, 11, 23)),  # on a weekend → Mon
        (utc(2026, 11, 20, 8, 0), 0, date(2026, 11, 20)),  # end of the same day
        (utc(2026, 2, 13, 8, 0), 1, date(2026, 2, 14)),  # Fri → Sat 调休上班
        (utc(2026, 2, 13, 8, 0), 2, date(2026, 2, 24)),  # … then past 春节
        (utc(2026, 2, 16, 3, 0), 1, date(2026, 2, 24)),  # during 春节
        (utc(2026, 2, 16, 3, 0), 5, date(2026, 2, 28)),  # Tue…Fri, Sat 调休上班
        (utc(2026, 9, 19, 3, 0), 1, date(2026, 9, 20)),  # Sat → Sun 调休上班
        (utc(2026, 9, 30, 3, 0), 1, date(2026, 10, 8)),  # the eve of 国庆
        (utc(2026, 9, 30, 3, 0), 3, date(2026, 10, 10)),  # Thu, Fri, Sat 调休上班
        (utc(2026, 4, 30, 3, 0), 2, date(2026, 5, 7)),  # 劳动节 01–05 off
        (utc(2026, 12, 31, 3, 0), 1, date(2027, 1, 4)),  # 2027 by rule: 1 Jan off
        (utc(2027, 2, 5, 2, 0), 2, date(2027, 2, 10)),  # 除夕 to 初三 off by rule
    ],
)
def test_add_working_days(contact: datetime, n: int, last_day: date) -> None:
    deadline = CAL.add_working_days(contact, n)
    # The deadline is the midnight in Shanghai that ends the last counted day.
    assert deadline.tzinfo is UTC
    local = deadline.astimezone(SHANGHAI)
    assert (local.hour, local.minute) == (0, 0)
    assert local.date().toordinal() - 1 == last_day.toordinal()
    # Any moment on the last day counts n working days since the contact.
    assert CAL.working_days_between(contact, deadline - timedelta(seconds=1)) == n


def test_friday_before_spring_festival_deadline_instant() -> None:
    deadline = CAL.add_working_days(utc(2026, 2, 13, 8, 0), 2)
    assert deadline == datetime(2026, 2, 25, 0, 0, tzinfo=SHANGHAI)
    assert deadline == utc(2026, 2, 24, 16, 0)


def test_negative_working_days_are_refused() -> None:
    with pytest.raises(ValueError):
        CAL.add_working_days(utc(2026, 11, 23), -1)


@pytest.mark.parametrize(
    ("start", "end", "count"),
    [
        (utc(2026, 11, 23, 2), utc(2026, 11, 23, 9), 0),  # same day
        (utc(2026, 11, 20, 2), utc(2026, 11, 23, 2), 1),  # over a weekend
        (utc(2026, 2, 13, 2), utc(2026, 2, 24, 2), 2),  # Sat 调休上班 + Tue after 春节
        (utc(2026, 9, 30, 2), utc(2026, 10, 9, 2), 2),  # over 国庆
        (utc(2026, 11, 23, 2), utc(2026, 11, 20, 2), -1),  # backwards
    ],
)
def test_working_days_between(start: datetime, end: datetime, count: int) -> None:
    assert CAL.working_days_between(start, end) == count


# -- the override file ------------------------------------------------------------------


def _write(tmp_path: Path, data: Any) -> Path:
    path = tmp_path / "overrides.json"
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_override_file_loads() -> None:
    cal = HolidayCalendar.load()
    assert cal.day(date(2026, 2, 17)).holiday is Holiday.SPRING_FESTIVAL


def test_a_missing_override_file_means_no_overrides(tmp_path: Path) -> None:
    assert load_overrides(tmp_path / "none.json").overrides() == []


def test_overrides_win_over_library_and_rules(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        {
            "complete_years": [2035],
            "days": [
                {"date": "2026-11-23", "kind": "holiday", "holiday": "other"},
                {"date": "2026-11-21", "kind": "workday"},
                {"date": "2026-10-07", "kind": "workday", "holiday": "national_day"},
                {"date": "2035-02-08", "kind": "holiday", "holiday": "spring_festival"},
            ],
        },
    )
    cal = HolidayCalendar.load(path)
    assert cal.day(date(2026, 11, 23)).kind is DayKind.HOLIDAY
    assert cal.day(date(2026, 11, 23)).holiday is Holiday.OTHER
    assert cal.day(date(2026, 11, 21)).kind is DayKind.MAKEUP_WORKDAY
    assert cal.day(date(2026, 10, 7)).kind is DayKind.WORKDAY
    assert cal.day(date(2035, 2, 8)).holiday is Holiday.SPRING_FESTIVAL
    assert cal.is_year_known(2035)
    assert cal.day(date(2035, 2, 8)).known
    # Thu 2035-02-08 is now off: from Wed 02-07 one working day is Fri 02-09.
    assert cal.nth_working_day_after(date(2035, 2, 7), 1) == date(2035, 2, 9)
    # Sat 2026-11-21 is now worked: from Fri 11-20, one working day is Sat.
    assert cal.nth_working_day_after(date(2026, 11, 20), 1) == date(2026, 11, 21)


@pytest.mark.parametrize(
    ("content", "field", "shown"),
    [
        ("{not json", None, "overrides.json"),
        ([], None, "overrides.json"),
        ({"complete_years": "2027"}, "complete_years", "complete_years"),
        ({"days": {}}, "days", "days"),
        ({"days": ["2026-01-01"]}, "days[0]", "days[0]"),
        (
            {"days": [{"date": "2026-11-23", "kind": "workday"}, {"date": "2026-13-01"}]},
            "days[1].date",
            "days[1].date",
        ),
        ({"days": [{"date": "2026-11-23", "kind": "off"}]}, "days[0].kind", "holiday"),
        ({"days": [{"date": "2026-11-23", "kind": "holiday"}]}, "days[0]", "holiday name"),
        (
            {"days": [{"date": "2026-11-23", "kind": "holiday", "holiday": "春节"}]},
            "days[0].holiday",
            "spring_festival",
        ),
        ({"days": [{"date": "2026-11-23", "kind": "workday"}] * 2}, "days", "listed twice"),
    ],
)
def test_a_malformed_override_file_names_file_line_and_entry(
    tmp_path: Path, content: Any, field: str | None, shown: str
) -> None:
    """R2.11: the same message as every other data file — file, line, field."""
    path = tmp_path / "overrides.json"
    text = content if isinstance(content, str) else json.dumps(content, indent=2)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ResourceError) as caught:
        HolidayCalendar.load(path)
    error = caught.value
    assert error.field == field
    assert error.line is not None and error.line >= 1
    for language in ("zh_CN", "en"):
        assert shown in render(error.message_id, error.params, language)


# 2027 has no State Council schedule in the library (chinese-calendar 1.11): its statutory
# days off come from the rules (全国年节及纪念日放假办法, 2024), the lunar ones computed.
STATUTORY_2027 = {
    date(2027, 1, 1): Holiday.NEW_YEAR,
    date(2027, 2, 5): Holiday.SPRING_FESTIVAL,  # 除夕
    date(2027, 2, 6): Holiday.SPRING_FESTIVAL,
    date(2027, 2, 7): Holiday.SPRING_FESTIVAL,
    date(2027, 2, 8): Holiday.SPRING_FESTIVAL,  # 初三
    date(2027, 4, 5): Holiday.QINGMING,
    date(2027, 5, 1): Holiday.LABOUR_DAY,
    date(2027, 5, 2): Holiday.LABOUR_DAY,
    date(2027, 6, 9): Holiday.DRAGON_BOAT,
    date(2027, 9, 15): Holiday.MID_AUTUMN,
    date(2027, 10, 1): Holiday.NATIONAL_DAY,
    date(2027, 10, 2): Holiday.NATIONAL_DAY,
    date(2027, 10, 3): Holiday.NATIONAL_DAY,
}


def test_2027_by_rule_has_every_statutory_day_and_nothing_else() -> None:
    days = [date(2027, 1, 1) + timedelta(days=i) for i in range(365)]
    off = {d: CAL.day(d).holiday for d in days if CAL.day(d).kind is DayKind.HOLIDAY}
    assert off == STATUTORY_2027
    assert not any(CAL.day(d).kind is DayKind.MAKEUP_WORKDAY for d in days)
    assert all(not CAL.day(d).known for d in days)


def test_a_deadline_over_an_unknown_year_is_provisional() -> None:
    assert not CAL.counts_unknown_days(utc(2026, 11, 20, 8, 0), utc(2026, 11, 24, 16, 0))
    assert CAL.counts_unknown_days(utc(2026, 12, 30, 8, 0), utc(2027, 1, 4, 16, 0))
    assert CAL.counts_unknown_days(utc(2027, 2, 5, 2, 0), utc(2027, 2, 10, 16, 0))
    entered = HolidayCalendar(complete_years=[2027])
    assert not entered.counts_unknown_days(utc(2027, 2, 5, 2, 0), utc(2027, 2, 10, 16, 0))


@pytest.mark.parametrize(
    ("today", "missing"),
    [
        (date(2026, 11, 1), []),  # 2027 starts in 61 days
        (date(2026, 11, 2), [2027]),  # … in 60: supervisors are warned from today
        (date(2026, 12, 6), [2027]),
        (date(2027, 3, 1), [2027]),  # begun and still not entered
        (date(2026, 6, 1), []),
    ],
)
def test_unknown_years_ahead_warn_sixty_days_before(today: date, missing: list[int]) -> None:
    assert CAL.unknown_years_ahead(today) == missing
    assert HolidayCalendar(complete_years=[2027]).unknown_years_ahead(today) == []
