"""Greeting rules (R2.2) for a fixed table of moments, given in UTC, said in Shanghai."""

from __future__ import annotations

import json
from datetime import UTC, datetime, time
from pathlib import Path

import pytest

import resources
from console.content.greeting import (
    LOCALES,
    Closing,
    Greeting,
    Occasion,
    TimeOfDay,
    greeting,
    phrase,
    time_of_day,
)
from console.content.holiday_calendar import HolidayCalendar

CAL = HolidayCalendar()
M, N, A, E = TimeOfDay.MORNING, TimeOfDay.NOON, TimeOfDay.AFTERNOON, TimeOfDay.EVENING


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


# UTC moment → (time of day, wish, closing); the comment gives the Shanghai time (UTC+8).
@pytest.mark.parametrize(
    ("moment", "tod", "wish", "closing"),
    [
        (utc(2026, 1, 1, 0, 30), M, Occasion.NEW_YEAR, Closing.HOLIDAY),  # 元旦 Thu 08:30
        (utc(2026, 1, 3, 6, 0), A, Occasion.NEW_YEAR, Closing.HOLIDAY),  # 元旦 block Sat 14:00
        (utc(2026, 1, 4, 1, 0), M, None, Closing.STANDARD),  # 调休上班 Sun 09:00
        (utc(2026, 2, 17, 2, 0), M, Occasion.SPRING_FESTIVAL, Closing.HOLIDAY),  # 初一 10:00
        (utc(2026, 2, 16, 16, 30), E, Occasion.SPRING_FESTIVAL, Closing.HOLIDAY),  # 02-17 00:30
        (utc(2026, 2, 21, 4, 0), N, Occasion.SPRING_FESTIVAL, Closing.HOLIDAY),  # Sat 12:00
        (utc(2026, 2, 23, 10, 0), E, Occasion.SPRING_FESTIVAL, Closing.HOLIDAY),  # Mon 18:00
        (utc(2026, 2, 13, 15, 59), E, None, Closing.STANDARD),  # Fri 23:59, a workday
        (utc(2026, 2, 13, 16, 0), E, None, Closing.STANDARD),  # Sat 00:00 调休上班
        (utc(2026, 2, 28, 1, 0), M, None, Closing.STANDARD),  # Sat 09:00 调休上班
        (utc(2026, 4, 5, 2, 0), M, None, Closing.STANDARD),  # 清明 Sun 10:00: no wish
        (utc(2026, 4, 6, 2, 0), M, None, Closing.STANDARD),  # 清明 Mon off
        (utc(2026, 5, 1, 4, 0), N, Occasion.HOLIDAY, Closing.HOLIDAY),  # 劳动节 12:00
        (utc(2026, 5, 9, 6, 0), A, None, Closing.STANDARD),  # 调休上班 Sat 14:00
        (utc(2026, 6, 19, 1, 0), M, Occasion.DRAGON_BOAT, Closing.HOLIDAY),  # 端午 09:00
        (utc(2026, 9, 20, 6, 0), A, None, Closing.STANDARD),  # 调休上班 Sun 14:00
        (utc(2026, 9, 25, 12, 0), E, Occasion.HOLIDAY, Closing.HOLIDAY),  # 中秋 20:00
        (utc(2026, 9, 30, 15, 59), E, None, Closing.STANDARD),  # Wed 23:59
        (utc(2026, 9, 30, 16, 0), E, Occasion.NATIONAL_DAY, Closing.HOLIDAY),  # 10-01 00:00
        (utc(2026, 10, 4, 3, 0), N, Occasion.NATIONAL_DAY, Closing.HOLIDAY),  # block Sun 11:00
        (utc(2026, 10, 10, 1, 0), M, None, Closing.STANDARD),  # 调休上班 Sat 09:00
        (utc(2026, 11, 21, 2, 0), M, Occasion.WEEKEND, Closing.WEEKEND),  # Sat 10:00
        (utc(2026, 11, 22, 9, 59), A, Occasion.WEEKEND, Closing.WEEKEND),  # Sun 17:59
        (utc(2026, 11, 20, 15, 59), E, None, Closing.STANDARD),  # Fri 23:59
        (utc(2026, 11, 20, 16, 0), E, Occasion.WEEKEND, Closing.WEEKEND),  # Sat 00:00
        (utc(2026, 11, 23, 1, 0), M, None, Closing.STANDARD),  # Mon 09:00
        (utc(2026, 11, 25, 6, 0), A, None, Closing.STANDARD),  # Wed 14:00
    ],
)
def test_greeting_table(
    moment: datetime, tod: TimeOfDay, wish: Occasion | None, closing: Closing
) -> None:
    assert greeting(moment, CAL) == Greeting(tod, wish, closing)


# Boundary minutes on Tuesday 2026-11-24 in Shanghai, given in UTC.
@pytest.mark.parametrize(
    ("moment", "tod"),
    [
        (utc(2026, 11, 23, 16, 0), E),  # 00:00
        (utc(2026, 11, 23, 20, 59), E),  # 04:59
        (utc(2026, 11, 23, 21, 0), M),  # 05:00
        (utc(2026, 11, 24, 2, 59), M),  # 10:59
        (utc(2026, 11, 24, 3, 0), N),  # 11:00
        (utc(2026, 11, 24, 4, 59), N),  # 12:59
        (utc(2026, 11, 24, 5, 0), A),  # 13:00
        (utc(2026, 11, 24, 9, 59), A),  # 17:59
        (utc(2026, 11, 24, 10, 0), E),  # 18:00
        (utc(2026, 11, 24, 15, 59), E),  # 23:59
    ],
)
def test_time_of_day_boundaries(moment: datetime, tod: TimeOfDay) -> None:
    assert greeting(moment, CAL).time_of_day is tod


def test_the_zone_comes_from_the_calendar() -> None:
    # 2026-01-01 00:30 UTC: 元旦 morning in Shanghai, still New Year's Eve evening in UTC.
    moment = utc(2026, 1, 1, 0, 30)
    assert greeting(moment, CAL) == Greeting(M, Occasion.NEW_YEAR, Closing.HOLIDAY)
    utc_cal = HolidayCalendar(zone="UTC")
    assert greeting(moment, utc_cal) == Greeting(E, Occasion.NEW_YEAR, Closing.HOLIDAY)
    assert greeting(utc(2025, 12, 31, 23, 0), utc_cal).occasion is None


def test_periods_are_configurable() -> None:
    periods = ((time(6, 0), M), (time(12, 0), A), (time(19, 0), E))
    assert time_of_day(time(5, 59), periods) is E
    assert time_of_day(time(6, 0), periods) is M
    assert time_of_day(time(12, 0), periods) is A


def test_opening_phrases_in_order() -> None:
    g = greeting(utc(2026, 1, 1, 0, 30), CAL)
    assert [phrase(i) for i in g.opening_phrase_ids()] == ["早上好", "元旦快乐"]
    assert phrase(g.closing) == "感谢您的来电,祝您节日快乐,再见!"
    plain = greeting(utc(2026, 11, 23, 6, 0), CAL)
    assert [phrase(i, "en") for i in plain.opening_phrase_ids()] == ["Good afternoon"]


def test_the_standard_wording() -> None:
    """The words the SPEC and the standards give, character for character."""
    assert [phrase(o) for o in Occasion] == [
        "元旦快乐",
        "春节好",
        "端午节好",
        "国庆好",
        "节日好",
        "周末愉快",
    ]
    assert [phrase(t) for t in TimeOfDay] == ["早上好", "中午好", "下午好", "晚上好"]
    assert phrase("opening.company") == "您好,安泰燃气公司"  # GS 15.2.4
    assert phrase(Closing.STANDARD) == "感谢您的来电,如果有问题,请您与我们联系,再见!"  # GS 15.2.12
    assert phrase(Closing.WEEKEND) == "感谢您的来电,祝您周末愉快,再见!"  # TN 结束语


def test_both_locales_have_the_same_phrases() -> None:
    ids = {e.phrase_id for e in (*TimeOfDay, *Occasion, *Closing)}
    keys = []
    for locale in LOCALES:
        path: Path = resources.path("phrases", locale, "greetings.json")
        data = json.loads(path.read_text(encoding="utf-8"))
        assert ids <= set(data)
        assert all(isinstance(v, str) and v for v in data.values())
        keys.append(set(data))
    assert keys[0] == keys[1]
