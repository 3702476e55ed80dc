"""Which greeting the agent says (R2.2): time of day, and the holiday or weekend wish.

Pure functions from an aware moment and the :class:`HolidayCalendar` to phrase ids; the
texts are per-locale data in ``resources/phrases/<locale>/greetings.json``.

Time of day, in the calendar's zone (Asia/Shanghai by default), each period starting at
its boundary minute inclusive:

=========  ===========  ======
05:00      早上好        MORNING
11:00      中午好        NOON
13:00      下午好        AFTERNOON
18:00      晚上好        EVENING (until 05:00 the next day: the hotline is 24 h)
=========  ===========  ======

The wish (SPEC R2.2 lists exactly 元旦快乐, 春节好, 端午节好, 节日好, 国庆好, 周末愉快;
the water-delivery norms allow 节日好 for any of them and 劳动节好 for Labour Day):

* every day off of a holiday block, its weekend days included: 元旦 → 元旦快乐,
  春节 → 春节好, 端午 → 端午节好, 国庆 → 国庆好, 劳动节, 中秋 and one-off holidays → 节日好;
* 清明 gets no wish and the standard closing: it is a day for remembering the dead
  (扫墓祭祖), where "节日好" or "周末愉快" would sound out of place;
* a Saturday or Sunday off that is not in a holiday block → 周末愉快;
* an ordinary working day and a make-up working Saturday or Sunday (调休上班) → none.

Closing (结束语): GS 15.2.12's "感谢您的来电,如果有问题,请您与我们联系,再见!" on days without
a wish; on weekends and holidays the variant of the gas telephone norms (TN 结束语):
"感谢您的来电,祝您周末愉快(节日快乐),再见!".
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time
from enum import StrEnum
from functools import cache

import resources
from console.content.holiday_calendar import DayKind, Holiday, HolidayCalendar

LOCALES = ("zh_CN", "en")


class TimeOfDay(StrEnum):
    MORNING = "morning"  # 早上好
    NOON = "noon"  # 中午好
    AFTERNOON = "afternoon"  # 下午好
    EVENING = "evening"  # 晚上好

    @property
    def phrase_id(self) -> str:
        return f"time_of_day.{self.value}"


class Occasion(StrEnum):
    NEW_YEAR = "new_year"  # 元旦快乐
    SPRING_FESTIVAL = "spring_festival"  # 春节好
    DRAGON_BOAT = "dragon_boat"  # 端午节好
    NATIONAL_DAY = "national_day"  # 国庆好
    HOLIDAY = "holiday"  # 节日好
    WEEKEND = "weekend"  # 周末愉快

    @property
    def phrase_id(self) -> str:
        return f"occasion.{self.value}"


class Closing(StrEnum):
    STANDARD = "standard"  # 感谢您的来电,如果有问题,请您与我们联系,再见!
    HOLIDAY = "holiday"  # 感谢您的来电,祝您节日快乐,再见!
    WEEKEND = "weekend"  # 感谢您的来电,祝您周末愉快,再见!

    @property
    def phrase_id(self) -> str:
        return f"closing.{self.value}"


# Where each period starts; the list is circular, so the last one runs past midnight.
DEFAULT_PERIODS: tuple[tuple[time, TimeOfDay], ...] = (
    (time(5, 0), TimeOfDay.MORNING),
    (time(11, 0), TimeOfDay.NOON),
    (time(13, 0), TimeOfDay.AFTERNOON),
    (time(18, 0), TimeOfDay.EVENING),
)

# The wish for a day off in each holiday's block; a holiday missing here gets none.
HOLIDAY_OCCASIONS: dict[Holiday, Occasion] = {
    Holiday.NEW_YEAR: Occasion.NEW_YEAR,
    Holiday.SPRING_FESTIVAL: Occasion.SPRING_FESTIVAL,
    Holiday.LABOUR_DAY: Occasion.HOLIDAY,
    Holiday.DRAGON_BOAT: Occasion.DRAGON_BOAT,
    Holiday.MID_AUTUMN: Occasion.HOLIDAY,
    Holiday.NATIONAL_DAY: Occasion.NATIONAL_DAY,
    Holiday.OTHER: Occasion.HOLIDAY,
    # Holiday.QINGMING: none on purpose, see the module docstring.
}


@dataclass(frozen=True)
class Greeting:
    """What to say at the opening and the closing of a call at one moment."""

    time_of_day: TimeOfDay
    occasion: Occasion | None
    closing: Closing

    def opening_phrase_ids(self) -> list[str]:
        """The greeting's phrase ids in speaking order: time of day, then the wish."""
        ids = [self.time_of_day.phrase_id]
        if self.occasion is not None:
            ids.append(self.occasion.phrase_id)
        return ids


def time_of_day(
    local: time, periods: Sequence[tuple[time, TimeOfDay]] = DEFAULT_PERIODS
) -> TimeOfDay:
    """The period a local wall-clock time falls in (``periods`` sorted by start)."""
    current = periods[-1][1]  # before the first start: still the last period of the day
    for start, period in periods:
        if local >= start:
            current = period
    return current


def occasion(moment: datetime, calendar: HolidayCalendar) -> Occasion | None:
    """The holiday or weekend wish for the local day of ``moment``, if any."""
    day = calendar.day(calendar.local_date(moment))
    if day.kind is DayKind.HOLIDAY:
        return HOLIDAY_OCCASIONS.get(day.holiday) if day.holiday is not None else None
    if day.kind is DayKind.WEEKEND:
        return Occasion.WEEKEND
    return None


def greeting(
    moment: datetime,
    calendar: HolidayCalendar,
    periods: Sequence[tuple[time, TimeOfDay]] = DEFAULT_PERIODS,
) -> Greeting:
    """The greeting for an aware moment, in the calendar's zone."""
    local = moment.astimezone(calendar.zone)
    wish = occasion(moment, calendar)
    if wish is None:
        closing = Closing.STANDARD
    elif wish is Occasion.WEEKEND:
        closing = Closing.WEEKEND
    else:
        closing = Closing.HOLIDAY
    return Greeting(time_of_day(local.time(), periods), wish, closing)


@cache
def phrases(locale: str) -> dict[str, str]:
    """The greeting phrase texts of a locale (zh_CN when the locale is unknown)."""
    loc = locale if locale in LOCALES else "zh_CN"
    with resources.path("phrases", loc, "greetings.json").open(encoding="utf-8") as f:
        data: dict[str, str] = json.load(f)
    return data


def phrase(item: TimeOfDay | Occasion | Closing | str, locale: str = "zh_CN") -> str:
    """The text of a greeting phrase, by enum value or phrase id."""
    key = item.phrase_id if isinstance(item, TimeOfDay | Occasion | Closing) else item
    return phrases(locale)[key]
