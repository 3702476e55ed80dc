"""SLA clocks (R3.3, R3.4): the policy file and the deadline arithmetic. Pure: no database.

The policy (``resources/sla/policy.yaml``) gives each case kind its clocks. A clock runs
in ``minutes``, ``hours`` (wall-clock time) or ``working_days`` (the Chinese public-holiday
calendar of :mod:`console.content.holiday_calendar`, with make-up workdays 调休上班 and the
administrator's overrides).

Rules:

* Hours and minutes: due = start + amount, whatever the day.
* Working days: "within N working days" ends at the end (local midnight, calendar zone)
  of the N-th working day after the day of the contact; the day of the contact never
  counts (:meth:`HolidayCalendar.add_working_days`).
* Warning: ``warn_before`` is either a share of the clock's span (``"20%"``: the warning
  comes when 80 % of the time from start to due has passed) or a duration before due
  (``"4h"``, ``"30m"``, ``"1d"`` = 24 h); never before the start.
* Pausing while waiting on the customer (:func:`due_after_pause`): an hours or minutes
  clock is extended by the wall-clock time paused. A working-day clock is extended by
  the *working time* paused: only the parts of the pause that fall on working days
  count, and the deadline moves forward by that much working time, skipping days off. A
  pause over a weekend or 春节 therefore moves nothing; a pause of one whole working day
  moves the deadline to the end of the next working day; a pause of 3 h on a working
  day moves it to 03:00 of the next working day after the old deadline. The warning keeps
  its distance before the deadline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, field_validator, model_validator

import resources
from console.content.holiday_calendar import HolidayCalendar
from console.core.datafiles import load_validated

Unit = Literal["hours", "minutes", "working_days"]

_PERCENT = re.compile(r"^(\d{1,2})%$")
_DURATION = re.compile(r"^(\d{1,4})(m|h|d)$")
_DURATION_UNITS = {"m": timedelta(minutes=1), "h": timedelta(hours=1), "d": timedelta(days=1)}


class ClockDef(BaseModel):
    """One clock of a case kind, as the policy file gives it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=r"^[a-z][a-z0-9_]{0,31}$")
    title: str = Field(min_length=1)
    unit: Unit
    amount: int = Field(gt=0, le=10_000)
    warn_before: str
    pauses_when_waiting_on_customer: StrictBool
    clause: str = Field(min_length=1)
    # Where the standard lets this clock stop while the customer is awaited: a clock
    # pauses only on a clause that allows it (GS 2.2.6's 72 hours allow none).
    pause_clause: str | None = Field(default=None, min_length=1)

    @model_validator(mode="after")
    def _pause_allowed(self) -> ClockDef:
        if self.pauses_when_waiting_on_customer and self.pause_clause is None:
            raise ValueError(
                f"clock {self.name} pauses while waiting on the customer, but its clause "
                "allows no pause: name the clause that does (pause_clause) or set "
                "pauses_when_waiting_on_customer: false"
            )
        return self

    @field_validator("warn_before")
    @classmethod
    def _warn_before(cls, v: str) -> str:
        v = v.strip()
        m = _PERCENT.match(v)
        if m and 0 < int(m.group(1)) < 100:
            return v
        if _DURATION.match(v):
            return v
        raise ValueError('warn_before must be a share like "20%" or a duration like "2h", "30m"')

    def warn_offset(self, span: timedelta) -> timedelta:
        """How long before due the warning comes, for a clock of ``span`` start → due."""
        m = _PERCENT.match(self.warn_before)
        if m:
            return span * int(m.group(1)) / 100
        d = _DURATION.match(self.warn_before)
        assert d is not None  # the validator saw to it
        return int(d.group(1)) * _DURATION_UNITS[d.group(2)]


class Policy(BaseModel):
    """The SLA policy file: per case kind (or network fault severity) its clocks."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: Literal[1]
    kinds: dict[str, tuple[ClockDef, ...]]

    @field_validator("kinds")
    @classmethod
    def _kinds(cls, v: dict[str, tuple[ClockDef, ...]]) -> dict[str, tuple[ClockDef, ...]]:
        for kind, clocks in v.items():
            if not re.match(r"^[a-z][a-z0-9_]{0,31}$", kind):
                raise ValueError(f"kind {kind!r} must be lower-case letters, digits and _")
            names = [c.name for c in clocks]
            dupes = sorted({n for n in names if names.count(n) > 1})
            if dupes:
                raise ValueError(f"kind {kind}: clock {dupes[0]} listed twice")
        return v

    def clocks(self, kind: str) -> tuple[ClockDef, ...]:
        """The clocks of a kind; none for a kind the policy does not list."""
        return self.kinds.get(kind, ())

    def clock(self, kind: str, name: str) -> ClockDef | None:
        """The clock ``name`` of ``kind``; failing that, the first clock of that name in
        any kind (network faults are cases of another kind with their own clocks)."""
        for c in self.clocks(kind):
            if c.name == name:
                return c
        for clocks in self.kinds.values():
            for c in clocks:
                if c.name == name:
                    return c
        return None


def policy_path() -> Path:
    return resources.path("sla", "policy.yaml")


@cache
def shipped() -> Policy:
    """The policy file shipped in ``resources/sla/`` (raises ``ResourceError`` if broken)."""
    return load_validated(policy_path(), Policy)


# -- arithmetic -----------------------------------------------------------------------


def deadline(start: datetime, clock: ClockDef, calendar: HolidayCalendar) -> datetime:
    """When a clock started at ``start`` (aware) is due, not counting pauses."""
    if start.tzinfo is None:
        raise ValueError("start must be an aware datetime")
    if clock.unit == "hours":
        return start + timedelta(hours=clock.amount)
    if clock.unit == "minutes":
        return start + timedelta(minutes=clock.amount)
    return calendar.add_working_days(start, clock.amount)


def warn_at(start: datetime, due: datetime, clock: ClockDef) -> datetime:
    """When the warning comes for a clock running ``start`` → ``due`` (never before start)."""
    return max(start, due - clock.warn_offset(due - start))


def _day_start(d: date, calendar: HolidayCalendar) -> datetime:
    return datetime.combine(d, time(0), tzinfo=calendar.zone)


def working_time_between(a: datetime, b: datetime, calendar: HolidayCalendar) -> timedelta:
    """The part of ``[a, b)`` that falls on working days (calendar zone)."""
    total = timedelta(0)
    if b <= a:
        return total
    d = calendar.local_date(a)
    last = calendar.local_date(b)
    while d <= last:
        if calendar.is_working_day(d):
            lo = max(a, _day_start(d, calendar))
            hi = min(b, _day_start(d + timedelta(days=1), calendar))
            if hi > lo:
                total += hi - lo
        d += timedelta(days=1)
    return total


def add_working_time(t: datetime, amount: timedelta, calendar: HolidayCalendar) -> datetime:
    """``t`` moved forward by ``amount`` of working-day time, skipping days off.

    Using up a day exactly ends at its end (the next local midnight), as deadlines do.
    """
    if amount <= timedelta(0):
        return t
    t = t.astimezone(calendar.zone)
    while True:
        d = t.date()
        day_end = _day_start(d + timedelta(days=1), calendar)
        if calendar.is_working_day(d):
            room = day_end - t
            if amount <= room:
                return t + amount
            amount -= room
        t = day_end


def due_after_pause(
    due_at: datetime,
    paused_since: datetime,
    resumed_at: datetime,
    clock: ClockDef,
    calendar: HolidayCalendar,
) -> datetime:
    """The new deadline of a clock paused from ``paused_since`` to ``resumed_at``.

    Hours and minutes clocks: later by the wall-clock pause. Working-day clocks: later by
    the working time paused (see the module's rules).
    """
    if resumed_at <= paused_since:
        return due_at
    if clock.unit in ("hours", "minutes"):
        return due_at + (resumed_at - paused_since)
    paused = working_time_between(paused_since, resumed_at, calendar)
    return add_working_time(due_at, paused, calendar).astimezone(due_at.tzinfo)


def is_provisional(
    start: datetime, due: datetime, clock: ClockDef, calendar: HolidayCalendar
) -> bool:
    """A working-day deadline that counted days of a year whose official schedule is not
    known: the State Council's schedule may move it (recomputed once it is entered)."""
    return clock.unit == "working_days" and calendar.counts_unknown_days(start, due)


@dataclass(frozen=True)
class ClockPlan:
    """A clock to start: its name and its due and warning moments (aware UTC);
    ``provisional`` when the deadline depends on an unknown year's holidays."""

    name: str
    due_at: datetime
    warn_at: datetime
    provisional: bool = False


def clocks_for(
    kind: str,
    opened_at: datetime,
    calendar: HolidayCalendar,
    policy: Policy | None = None,
) -> list[ClockPlan]:
    """The clocks a case of ``kind`` opened at ``opened_at`` starts (shipped policy by
    default); none for a kind the policy does not list."""
    pol = policy or shipped()
    plans = []
    for c in pol.clocks(kind):
        due = deadline(opened_at, c, calendar)
        plans.append(
            ClockPlan(
                c.name,
                due,
                warn_at(opened_at, due, c),
                is_provisional(opened_at, due, c, calendar),
            )
        )
    return plans
