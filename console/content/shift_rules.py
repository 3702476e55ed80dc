"""The center's working day as data (R1.6, R4.1, R4.2): shifts, not-ready reasons and the
pre-shift checklist, from ``resources/shift/shift.yaml``. Pure: no database.

Shifts are local wall-clock spans (the calendar's zone); one whose end is not after its
start runs past midnight. Together they cover the day exactly once, so every moment
belongs to one shift: the handover of the shift that holds "now" looks ahead to the
shift that follows it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

import resources
from console.core.datafiles import load_validated

_HHMM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
_CODE = r"^[a-z][a-z0-9_]{0,31}$"
DAY = timedelta(days=1)


class ShiftDef(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1, max_length=16)
    name_en: str | None = Field(default=None, min_length=1, max_length=32)
    start: str
    end: str

    def title(self, language: str) -> str:
        """The shift's name in ``language`` (the Chinese one when it has none)."""
        return self.name_en if language == "en" and self.name_en else self.name

    @field_validator("start", "end")
    @classmethod
    def _hhmm(cls, v: str) -> str:
        if not _HHMM.match(v):
            raise ValueError(f"{v!r} is not a time of day as HH:MM")
        return v

    @property
    def start_time(self) -> time:
        return time.fromisoformat(self.start)

    @property
    def length(self) -> timedelta:
        start, end = (_minutes(self.start), _minutes(self.end))
        return timedelta(minutes=(end - start) % (24 * 60) or 24 * 60)


class Reason(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(pattern=_CODE)
    label: str = Field(min_length=1, max_length=32)
    label_en: str | None = Field(default=None, min_length=1, max_length=64)

    def title(self, language: str) -> str:
        return self.label_en if language == "en" and self.label_en else self.label


class CheckItem(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(pattern=_CODE)
    text: str = Field(min_length=1, max_length=80)
    text_en: str | None = Field(default=None, min_length=1, max_length=160)

    def title(self, language: str) -> str:
        return self.text_en if language == "en" and self.text_en else self.text


def _minutes(hhmm: str) -> int:
    h, m = hhmm.split(":")
    return int(h) * 60 + int(m)


def _unique(codes: list[str], what: str) -> None:
    dupes = sorted({c for c in codes if codes.count(c) > 1})
    if dupes:
        raise ValueError(f"{what} {dupes[0]} listed twice")


class ShiftRules(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    version: Literal[1]
    shifts: tuple[ShiftDef, ...] = Field(min_length=1)
    not_ready_reasons: tuple[Reason, ...] = Field(min_length=1)
    checklist: tuple[CheckItem, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> ShiftRules:
        _unique([s.name for s in self.shifts], "shift")
        _unique([r.code for r in self.not_ready_reasons], "reason")
        _unique([c.code for c in self.checklist], "checklist item")
        # The shifts must tile the day: sorted by start, each ends where the next starts.
        ordered = sorted(self.shifts, key=lambda s: _minutes(s.start))
        for a, b in zip(ordered, ordered[1:] + ordered[:1], strict=True):
            if a.end != b.start:
                raise ValueError(f"shift {a.name} ends at {a.end} but the next starts at {b.start}")
        if sum((s.length for s in self.shifts), timedelta()) != DAY:
            raise ValueError("the shifts must cover the day exactly once")
        return self

    def reason_label(self, code: str | None, language: str = "zh_CN") -> str | None:
        return next((r.title(language) for r in self.not_ready_reasons if r.code == code), code)

    def shift_at(self, moment: datetime, zone: ZoneInfo) -> ShiftSpan:
        """The shift holding ``moment`` (aware), as aware moments in ``zone``."""
        local = moment.astimezone(zone)
        for day in (local.date() - DAY, local.date()):
            for s in self.shifts:
                span = _span(s, day, zone)
                if span.start <= local < span.end:
                    return span
        raise AssertionError("the validator guarantees the shifts cover the day")

    def next_shift(self, moment: datetime, zone: ZoneInfo) -> ShiftSpan:
        return self.shift_at(self.shift_at(moment, zone).end, zone)


@dataclass(frozen=True)
class ShiftSpan:
    name: str
    start: datetime
    end: datetime


def _span(s: ShiftDef, day: date, zone: ZoneInfo) -> ShiftSpan:
    start = datetime.combine(day, s.start_time, zone)
    # Wall-clock arithmetic in the zone (China has no DST; other zones stay correct
    # because the end is built from its own local time, not start + length).
    end_day = day + (DAY if _minutes(s.end) <= _minutes(s.start) else timedelta())
    end = datetime.combine(end_day, time.fromisoformat(s.end), zone)
    return ShiftSpan(s.name, start, end)


def rules_path() -> Path:
    return resources.path("shift", "shift.yaml")


@cache
def shipped() -> ShiftRules:
    """The rules shipped in ``resources/shift/`` (raises ``ResourceError`` if broken)."""
    return load_validated(rules_path(), ShiftRules)
