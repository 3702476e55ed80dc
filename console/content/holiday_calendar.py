"""The Chinese public-holiday calendar: holidays, weekends, make-up workdays (调休上班).

Working days (R3.3) and holiday greetings (R2.2) both follow the State Council's yearly
schedule (国务院办公厅关于部分节假日安排的通知), where a holiday block is made longer by
moving weekend rest days, so some Saturdays or Sundays become working days.

Sources, later ones winning for the dates they name:

1. The ``chinese-calendar`` package: the published schedule per year, holiday blocks
   including their weekend days, and the make-up workdays. It covers 2004 to the last
   schedule published before the installed release (2026 for 1.11.0); a new release
   follows each November's announcement.
2. For a year the package does not know, the statutory holidays by their own rules (全国
   年节及纪念日放假办法 as amended in 2024: 元旦 1 Jan, 春节 除夕 to 初三, 清明, 劳动节 1–2
   May, 端午, 中秋, 国庆 1–3 Oct), the lunar ones computed by the ``holidays`` package's
   China calendar, and Saturdays and Sundays as rest days. What only the State Council's
   announcement says — the blocks made longer with weekends and the make-up workdays —
   is unknown there: :meth:`HolidayCalendar.is_year_known` is False, a deadline that
   counts such days is *provisional* (:meth:`HolidayCalendar.counts_unknown_days`), and
   supervisors are warned from :data:`WARN_DAYS_AHEAD` days before such a year starts
   (:meth:`HolidayCalendar.unknown_years_ahead`) until an administrator enters it.
3. The administrator's override file (``resources/calendar/overrides.json``): single
   dates made a holiday or a workday, and the years whose schedule the file gives in full.

Moments are aware datetimes (UTC in the database); the calendar day of a moment is taken
in the calendar's zone, Asia/Shanghai unless configured otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

import chinese_calendar
import holidays
from pydantic import BaseModel, ConfigDict, StrictInt, field_validator, model_validator

import resources
from console.core.datafiles import load_validated

DEFAULT_ZONE = "Asia/Shanghai"


class Holiday(StrEnum):
    """The statutory public holidays (法定节假日)."""

    NEW_YEAR = "new_year"  # 元旦
    SPRING_FESTIVAL = "spring_festival"  # 春节
    QINGMING = "qingming"  # 清明
    LABOUR_DAY = "labour_day"  # 劳动节
    DRAGON_BOAT = "dragon_boat"  # 端午
    MID_AUTUMN = "mid_autumn"  # 中秋
    NATIONAL_DAY = "national_day"  # 国庆
    OTHER = "other"  # a one-off day off, e.g. 2015-09-03 (抗战胜利70周年纪念日)


class DayKind(StrEnum):
    WORKDAY = "workday"  # an ordinary Monday–Friday working day
    WEEKEND = "weekend"  # an ordinary Saturday or Sunday off
    HOLIDAY = "holiday"  # a day off in a public-holiday block, weekend days included
    MAKEUP_WORKDAY = "makeup_workday"  # 调休上班: a Saturday or Sunday that is worked


_LIBRARY_NAMES: dict[str, Holiday] = {
    chinese_calendar.Holiday.new_years_day.value: Holiday.NEW_YEAR,
    chinese_calendar.Holiday.spring_festival.value: Holiday.SPRING_FESTIVAL,
    chinese_calendar.Holiday.tomb_sweeping_day.value: Holiday.QINGMING,
    chinese_calendar.Holiday.labour_day.value: Holiday.LABOUR_DAY,
    chinese_calendar.Holiday.dragon_boat_festival.value: Holiday.DRAGON_BOAT,
    chinese_calendar.Holiday.mid_autumn_festival.value: Holiday.MID_AUTUMN,
    chinese_calendar.Holiday.national_day.value: Holiday.NATIONAL_DAY,
}

# The ``holidays`` package's (English) names of China's statutory holidays, for the years
# chinese-calendar does not know. 除夕 is a day off since the 2025 rules.
_RULE_NAMES: tuple[tuple[str, Holiday], ...] = (
    ("Chinese New Year", Holiday.SPRING_FESTIVAL),  # also "Chinese New Year's Eve"
    ("New Year's Day", Holiday.NEW_YEAR),
    ("Tomb-Sweeping", Holiday.QINGMING),
    ("Labor Day", Holiday.LABOUR_DAY),
    ("Dragon Boat", Holiday.DRAGON_BOAT),
    ("National Day", Holiday.NATIONAL_DAY),  # before 中秋: "Mid-Autumn Festival; National Day"
    ("Mid-Autumn", Holiday.MID_AUTUMN),
)
# How long before an unknown year starts supervisors are told to enter its schedule (the
# State Council announces it in the autumn before).
WARN_DAYS_AHEAD = 60


@cache
def _statutory_days(year: int) -> dict[date, Holiday]:
    """The statutory days off of ``year`` by rule: no moved weekends, no make-up days."""
    days: dict[date, Holiday] = {}
    rules = holidays.country_holidays("CN", years=year, observed=False, language="en_US")
    for day, name in rules.items():
        holiday = next((h for key, h in _RULE_NAMES if key in name), Holiday.OTHER)
        days[day] = holiday
    return days


@dataclass(frozen=True)
class DayInfo:
    """What one calendar day is.

    Attributes:
        day: The date.
        kind: Workday, weekend, holiday or make-up workday.
        holiday: The holiday the day belongs to: the holiday itself for a day off, the
            holiday it was moved for on a make-up workday (if known), else None.
        known: False when the day's year is not in the library nor declared complete in
            the override file, so lunar holidays and make-up workdays may be missing.
    """

    day: date
    kind: DayKind
    holiday: Holiday | None
    known: bool

    @property
    def is_working_day(self) -> bool:
        return self.kind in (DayKind.WORKDAY, DayKind.MAKEUP_WORKDAY)


@dataclass(frozen=True)
class Override:
    """One administrator entry: the date is a day off (holiday) or a working day."""

    day: date
    working: bool
    holiday: Holiday | None = None


@cache
def _library_years() -> frozenset[int]:
    years = {d.year for d in chinese_calendar.holidays} | {
        d.year for d in chinese_calendar.workdays
    }
    return frozenset(years)


class HolidayCalendar:
    """The working-day calendar: the library, the rules for unknown years, and overrides."""

    def __init__(
        self,
        overrides: Iterable[Override] = (),
        complete_years: Iterable[int] = (),
        zone: str = DEFAULT_ZONE,
    ) -> None:
        self._overrides: dict[date, Override] = {o.day: o for o in overrides}
        self._complete_years = frozenset(complete_years)
        self.zone = ZoneInfo(zone)

    @classmethod
    def load(cls, path: Path | None = None, zone: str = DEFAULT_ZONE) -> HolidayCalendar:
        """The calendar with the override file merged in (the shipped one by default).

        Raises:
            ResourceError: naming the file, the line and the entry when the file cannot
                be read or an entry is malformed.
        """
        return cls.of(load_overrides(path or default_overrides_path()), zone)

    @classmethod
    def of(cls, overrides: OverrideFile, zone: str = DEFAULT_ZONE) -> HolidayCalendar:
        return cls(overrides.overrides(), overrides.complete_years, zone)

    # -- years ------------------------------------------------------------------------

    def known_years(self) -> frozenset[int]:
        """Years whose full schedule is known: the library's plus the complete overrides."""
        return _library_years() | self._complete_years

    def is_year_known(self, year: int) -> bool:
        return year in self.known_years()

    def counts_unknown_days(self, start: datetime, end: datetime) -> bool:
        """Whether the local days from ``start`` to ``end`` touch a year whose schedule is
        not known: a working-day deadline over them is provisional."""
        first, last = self.local_date(start).year, self.local_date(end).year
        return any(not self.is_year_known(y) for y in range(first, last + 1))

    def unknown_years_ahead(self, today: date, days: int = WARN_DAYS_AHEAD) -> list[int]:
        """The years that start within ``days`` of ``today`` (or have started) and whose
        schedule is not known: what supervisors are warned of, and what ``calendar
        status`` fails on."""
        last = today + timedelta(days=days)
        return [y for y in range(today.year, last.year + 1) if not self.is_year_known(y)]

    # -- days -------------------------------------------------------------------------

    def day(self, d: date) -> DayInfo:
        """What the date is, overrides first, then the library, then the rules."""
        known = self.is_year_known(d.year)
        weekend = d.weekday() >= 5
        override = self._overrides.get(d)
        if override is not None:
            if not override.working:
                return DayInfo(d, DayKind.HOLIDAY, override.holiday, known)
            kind = DayKind.MAKEUP_WORKDAY if weekend else DayKind.WORKDAY
            return DayInfo(d, kind, override.holiday, known)
        if d.year in _library_years():
            name = chinese_calendar.holidays.get(d)
            if name is not None:
                return DayInfo(d, DayKind.HOLIDAY, _LIBRARY_NAMES.get(name, Holiday.OTHER), known)
            name = chinese_calendar.workdays.get(d)
            if name is not None and weekend:
                holiday = _LIBRARY_NAMES.get(name, Holiday.OTHER)
                return DayInfo(d, DayKind.MAKEUP_WORKDAY, holiday, known)
        elif not known:
            statutory = _statutory_days(d.year).get(d)
            if statutory is not None:
                return DayInfo(d, DayKind.HOLIDAY, statutory, known)
        return DayInfo(d, DayKind.WEEKEND if weekend else DayKind.WORKDAY, None, known)

    def is_working_day(self, d: date) -> bool:
        return self.day(d).is_working_day

    def local_date(self, moment: datetime) -> date:
        """The calendar day of an aware moment in the calendar's zone."""
        if moment.tzinfo is None:
            raise ValueError("the calendar needs an aware datetime")
        return moment.astimezone(self.zone).date()

    # -- working-day arithmetic -------------------------------------------------------

    def nth_working_day_after(self, d: date, n: int) -> date:
        """The ``n``-th working day strictly after ``d`` (``d`` itself for ``n == 0``)."""
        if n < 0:
            raise ValueError("n must not be negative")
        while n > 0:
            d += timedelta(days=1)
            if self.is_working_day(d):
                n -= 1
        return d

    def add_working_days(self, start: datetime, n: int) -> datetime:
        """The deadline "within ``n`` working days" of a contact at ``start``.

        The day of the contact never counts, whatever the hour and whether or not it is a
        working day: the deadline is the end of the ``n``-th working day after it. A
        contact on Friday 2026-02-13 at 16:00 with ``n=2`` counts Saturday 02-14 (a
        make-up workday) and, after the 春节 block of 02-15…02-23, Tuesday 02-24; the
        deadline is the end of 02-24. ``n == 0`` gives the end of the contact's own day.

        Returns:
            The first instant after the deadline day (local midnight that ends it), as an
            aware UTC datetime: the case is overdue when ``now >= deadline``.
        """
        last = self.nth_working_day_after(self.local_date(start), n)
        end = datetime.combine(last + timedelta(days=1), time(0), tzinfo=self.zone)
        return end.astimezone(UTC)

    def working_days_between(self, start: datetime, end: datetime) -> int:
        """Working days whose date is after ``start``'s and up to ``end``'s, both local.

        The inverse of :meth:`add_working_days`: for any moment on the deadline day,
        the count equals ``n``. Negative when ``end`` is before ``start``.
        """
        first, last = self.local_date(start), self.local_date(end)
        if last < first:
            return -self.working_days_between(end, start)
        count = 0
        d = first
        while d < last:
            d += timedelta(days=1)
            if self.is_working_day(d):
                count += 1
        return count


# -- the override file ------------------------------------------------------------------


def default_overrides_path() -> Path:
    return resources.path("calendar", "overrides.json")


class DayEntry(BaseModel):
    """One entry of the override file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    date: date
    kind: Literal["holiday", "workday"]
    holiday: Holiday | None = None

    @model_validator(mode="after")
    def _named(self) -> DayEntry:
        if self.kind == "holiday" and self.holiday is None:
            raise ValueError("a holiday entry needs a holiday name")
        return self

    def override(self) -> Override:
        return Override(self.date, self.kind == "workday", self.holiday)


class OverrideFile(BaseModel):
    """The schema of ``overrides.json``: single dates made a holiday or a workday, and
    the years whose State Council schedule the file gives in full::

        {"complete_years": [2027],
         "days": [{"date": "2027-02-06", "kind": "holiday", "holiday": "spring_festival"},
                  {"date": "2027-02-20", "kind": "workday", "holiday": "spring_festival"}]}
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    about: str = ""
    complete_years: list[StrictInt] = []
    days: list[DayEntry] = []

    @field_validator("days")
    @classmethod
    def _once_each(cls, days: list[DayEntry]) -> list[DayEntry]:
        seen: set[date] = set()
        for d in days:
            if d.date in seen:
                raise ValueError(f"{d.date.isoformat()} is listed twice")
            seen.add(d.date)
        return days

    def overrides(self) -> list[Override]:
        return [d.override() for d in self.days]


def load_overrides(path: Path) -> OverrideFile:
    """The override file at ``path``; a missing file means no overrides.

    Raises:
        ResourceError: naming the file, the line and the entry that is wrong.
    """
    if not path.exists():
        return OverrideFile()
    return load_validated(path, OverrideFile)
