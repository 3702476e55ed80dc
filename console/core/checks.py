"""Checks every service makes on what a user typed, before either database sees it.

PostgreSQL refuses NUL characters that SQLite would store, and SQLite would store any
length: a value that passes here is stored exactly, on both. A refusal is a
``UserFacingError`` naming the field.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Mapping
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TypeVar

from console.core.errors import UserFacingError
from console.core.vocabulary import CallId, JobNumber, SeatCode

E = TypeVar("E", bound=StrEnum)

MAX_CALLER_NUMBER = 32
_NUMBER = re.compile(r"^[0-9+*#]*$")

MAX_SEAT_CODE = 64  # seats.code


def check_seat_code(code: str) -> SeatCode:
    """A seat's code as typed (spaces around it dropped), or ``seat.code_invalid``."""
    if not isinstance(code, str):
        raise UserFacingError("seat.code_invalid")
    code = code.strip()
    control = any(unicodedata.category(c) == "Cc" for c in code)
    if not 1 <= len(code) <= MAX_SEAT_CODE or control:
        raise UserFacingError("seat.code_invalid")
    return SeatCode(code)


# The longest period a register, a KPI summary or a report covers.
MAX_PERIOD = timedelta(days=400)


def check_period(since: datetime, until: datetime) -> None:
    """[since, until): both aware, in that order, at most ``MAX_PERIOD`` apart."""
    for name, value in (("since", since), ("until", until)):
        if not isinstance(value, datetime) or value.tzinfo is None:
            raise UserFacingError("input.invalid", field=name)
    if not since < until <= since + MAX_PERIOD:
        raise UserFacingError("input.bad_period", days=MAX_PERIOD.days)


def check_text(field_name: str, value: str, max_len: int, *, required: bool = False) -> str:
    """``value`` if both databases will store it exactly, else a clear refusal."""
    if not isinstance(value, str):
        raise UserFacingError("input.invalid", field=field_name)
    if "\x00" in value:
        raise UserFacingError("input.nul_character", field=field_name)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as e:  # lone surrogates: no database can store them
        raise UserFacingError("input.invalid", field=field_name) from e
    if len(value) > max_len:
        raise UserFacingError("input.too_long", field=field_name, max=max_len, length=len(value))
    if required and not value.strip():
        raise UserFacingError("input.required", field=field_name)
    return value


def check_strings(field_name: str, value: object, max_len: int) -> None:
    """Every text inside ``value`` (a form as JSON: mappings, lists, text) as
    :func:`check_text` takes it, each named by its own key. Serialised JSON escapes a
    NUL, so the form as a whole would pass; its 室号 must not."""
    if isinstance(value, str):
        check_text(field_name, value, max_len)
    elif isinstance(value, Mapping):
        for key, inner in value.items():
            check_strings(str(key), inner, max_len)
    elif isinstance(value, list | tuple):
        for inner in value:
            check_strings(field_name, inner, max_len)


def optional_text(field_name: str, value: str | None, max_len: int) -> str | None:
    if value is None:
        return None
    value = check_text(field_name, value, max_len).strip()
    return value or None


def one_of(field_name: str, value: object, vocabulary: type[E]) -> E:
    """``value`` as a member of ``vocabulary`` (console/core/vocabulary.py), else a
    refusal naming the field."""
    if isinstance(value, str) and value in frozenset(vocabulary):
        return vocabulary(value)
    raise UserFacingError("input.invalid_choice", field=field_name, value=str(value)[:32])


def choice(field_name: str, value: object, vocabulary: type[E]) -> E | None:
    """None, or ``value`` as a member of ``vocabulary`` (see :func:`one_of`)."""
    return None if value is None else one_of(field_name, value, vocabulary)


def count(field_name: str, value: int | None, low: int, high: int) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise UserFacingError("input.out_of_range", field=field_name, low=low, high=high)
    return value


# Full-width digits and phone keys (an input method's ０-９, ＋, ＊, ＃) as ASCII.
_HALF_WIDTH = str.maketrans(
    {chr(0xFF10 + i): str(i) for i in range(10)} | {"＋": "+", "＊": "*", "＃": "#"}
)


# A job number (工号): 1 to 16 ASCII digits or letters, e.g. 1008 or A12 — the one rule
# every check (and the database's ac_check_agent_fields) keeps, with one message
# (job_no.invalid) that says so. What a Chinese input method types full-width (１００８,
# Ａ１２) is the same job number, made ASCII first.
_JOB_NO = re.compile(r"^[0-9A-Za-z]{1,16}$")
_HALF_WIDTH_ALNUM = str.maketrans(
    {chr(0xFF10 + i): str(i) for i in range(10)}
    | {chr(0xFF21 + i): chr(ord("A") + i) for i in range(26)}
    | {chr(0xFF41 + i): chr(ord("a") + i) for i in range(26)}
)


def check_job_no(job_no: str) -> JobNumber:
    """``job_no`` as stored: full-width digits and letters made ASCII, spaces around it
    dropped; anything else but 1–16 ASCII digits or letters is refused."""
    if not isinstance(job_no, str):
        raise UserFacingError("job_no.invalid")
    text = job_no.translate(_HALF_WIDTH_ALNUM).strip()
    if not _JOB_NO.match(text):
        raise UserFacingError("job_no.invalid")
    return JobNumber(text)


def ascii_digits(text: str) -> str:
    """``text`` with full-width digits and phone keys made ASCII (a number typed with a
    Chinese input method is the same number)."""
    return text.translate(_HALF_WIDTH)


def normalize_number(raw: str) -> str:
    """A caller ID as stored with customers: digits only, without the country code."""
    digits = "".join(ch for ch in ascii_digits(raw) if "0" <= ch <= "9")
    if digits.startswith("0086"):
        return digits[4:]
    if digits.startswith("86") and len(digits) == 13:
        return digits[2:]
    return digits


def check_call_id(call_id: str) -> CallId:
    try:
        return CallId(str(uuid.UUID(str(call_id))))
    except ValueError as e:
        raise UserFacingError("call.bad_id") from e


def new_call_id() -> CallId:
    """A fresh call id, made by the seat before the first write."""
    return CallId(str(uuid.uuid4()))


def check_number(value: str | None) -> str | None:
    """A caller number as the switch sends it (digits, maybe ``+``); None if withheld."""
    value = optional_text("caller_number", value, MAX_CALLER_NUMBER)
    value = ascii_digits(value) if value is not None else None
    if value is not None and not _NUMBER.match(value):
        raise UserFacingError("input.invalid", field="caller_number")
    return value
