"""Caller verification (SPEC R2.4, GS 15.2.6; TN phone read-back).

The agent asks "您是XX小区XX号楼X单元X号XXX(全称)先生/女士吗?" and "您的电话号码是XXXXXX
对吗?", types what the caller confirms into a :class:`VerificationForm`, and
:func:`match` compares it with the customer on the call. The form and the outcome are
stored with the call (``CallFields.details["verification"]``, :func:`to_json`).

Comparison is tolerant the way a person is (each field normalised first):

* NFKC (full-width ``１２`` is ``12``), whitespace removed, letters case-folded;
* building: a trailing 号楼, 栋, 幢, 楼 or 号 is dropped (``12号楼`` = ``12栋`` = ``12``);
  unit: a trailing 单元; room: a trailing 室 or 号; community: a trailing 小区; leading
  zeros of a number are dropped (``0301`` = ``301``);
* surname: the first character of the customer's name, or its first two when they are
  a compound surname (复姓: 欧阳, 司马, 诸葛, …): ``欧阳`` and ``王`` match 欧阳修 and
  王建国, ``王建`` does not. A single character matches a name that starts with a
  compound surname too, since 东方明 may as well be a 东 (a person would not call it a
  contradiction);
* phone read-back: digits only, the country code (86 / 0086) dropped; it matches when it
  equals the customer's number, or is its last 7+ digits (a landline read without the
  area code). The card's phone is unmasked on the active call (R2.14); a masked or
  missing number cannot be compared and counts as ``not_given``.

Each field is ``match``, ``mismatch`` or ``not_given`` (left empty on the form, or
nothing on the record to compare it with). The title (先生/女士) is stored but never
decides the outcome: the agent takes it from the voice, and the record may be in the
spouse's name.

Outcome (checked in this order):

================  ==========================================================
``new_customer``  no customer record on the call (whatever the form says)
``not_verified``  a field contradicts the record, or no field matches at all
``verified``      the caller's name matches (full name or surname) and every
                  part of the address the record has matches, nothing contradicts
``partial``       some fields match, none contradicts, but not enough to verify
================  ==========================================================
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, replace
from typing import Any, Literal

from console.calls.calls import MAX_SURNAME
from console.core.checks import check_text, choice
from console.core.errors import UserFacingError
from console.core.vocabulary import Title, Verification
from console.customers.customers import CustomerCard

MAX_LENGTHS: Mapping[str, int] = {
    "surname": MAX_SURNAME,
    "full_name": 64,
    "community": 128,
    "building": 32,
    "unit": 32,
    "room": 32,
    "phone_readback": 32,
}
ADDRESS_FIELDS = ("community", "building", "unit", "room")
# 复姓 in use today (《百家姓》's compound surnames that still occur).
_COMPOUND = (
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 钟离 "
    "端木 南宫 西门 独孤 万俟 闻人 呼延 赫连 澹台 公冶 宗政 濮阳 太叔 申屠 东郭 拓跋 "
    "百里 淳于 单于 公羊 司空 亓官 仲孙 左丘 第五 梁丘 东门 羊舌 微生 呼衍"
)
COMPOUND_SURNAMES = frozenset(_COMPOUND.split())

Result = Literal["match", "mismatch", "not_given"]


@dataclass(frozen=True)
class VerificationForm:
    """What the caller confirmed, as the agent typed it."""

    surname: str = ""
    title: str | None = None  # a Title: check_form makes sure
    full_name: str = ""
    community: str = ""
    building: str = ""
    unit: str = ""
    room: str = ""
    phone_readback: str = ""


@dataclass(frozen=True)
class FieldMatch:
    field: str
    result: Result


@dataclass(frozen=True)
class VerificationResult:
    outcome: Verification
    fields: tuple[FieldMatch, ...]

    def __getitem__(self, field_id: str) -> Result:
        return next(f.result for f in self.fields if f.field == field_id)


def check_form(form: VerificationForm) -> VerificationForm:
    """The form if every field can be stored, else a ``UserFacingError`` for the first
    bad one (NUL, unstorable text, too long, a title other than 先生/女士)."""
    for name, max_len in MAX_LENGTHS.items():
        check_text(name, getattr(form, name), max_len)
    choice("title", form.title, Title)
    return form


# --- normalisation -----------------------------------------------------------------------

_SPACE = re.compile(r"\s+")
_SUFFIXES: Mapping[str, tuple[str, ...]] = {
    "community": ("小区",),
    "building": ("号楼", "栋", "幢", "楼", "号"),
    "unit": ("单元",),
    "room": ("室", "号"),
}


def _plain(value: str | None) -> str:
    return _SPACE.sub("", unicodedata.normalize("NFKC", value or "")).casefold()


def _part(field_id: str, value: str | None) -> str:
    text = _plain(value)
    for suffix in _SUFFIXES.get(field_id, ()):
        if text.endswith(suffix) and len(text) > len(suffix):
            text = text[: -len(suffix)]
            break
    if text.isdigit():
        text = text.lstrip("0") or "0"
    return text


def surname_of(name: str) -> str:
    """The surname of a full name: a compound surname (复姓) or the first character."""
    plain = _plain(name)
    if plain[:2] in COMPOUND_SURNAMES and len(plain) > 2:
        return plain[:2]
    return plain[:1]


def _digits(value: str | None) -> str:
    digits = "".join(ch for ch in unicodedata.normalize("NFKC", value or "") if ch.isdigit())
    for prefix in ("0086", "86"):
        if digits.startswith(prefix) and len(digits) - len(prefix) >= 11:
            return digits[len(prefix) :]
    return digits


def _compare(given: str, expected: str) -> Result:
    if not given:
        return "not_given"
    if not expected:
        return "mismatch"  # the caller names a part the record does not have
    return "match" if given == expected else "mismatch"


def _surname(given: str, name: str) -> Result:
    said, plain = _plain(given), _plain(name)
    if not said:
        return "not_given"
    accepted = {plain[:1], surname_of(name)}
    return "match" if plain and said in accepted else "mismatch"


def _phone(given: str, card: CustomerCard) -> Result:
    said = _digits(given)
    if not said or not card.phone or card.masked or "*" in card.phone:
        return "not_given"
    on_record = _digits(card.phone)
    if said == on_record or (len(said) >= 7 and on_record.endswith(said)):
        return "match"
    return "mismatch"


def match(form: VerificationForm, card: CustomerCard | None) -> VerificationResult:
    """Compare the form with the customer on the call (see the module docstring)."""
    if card is None:
        none = tuple(FieldMatch(f, "not_given") for f in _COMPARED)
        return VerificationResult(Verification.NEW_CUSTOMER, none)
    results: dict[str, Result] = {
        "surname": _surname(form.surname, card.name),
        "full_name": _compare(_plain(form.full_name), _plain(card.name)),
    }
    for part in ADDRESS_FIELDS:
        given = _part(part, getattr(form, part))
        expected = _part(part, getattr(card, part))
        results[part] = _compare(given, expected)
    results["phone_readback"] = _phone(form.phone_readback, card)
    found = tuple(FieldMatch(f, results[f]) for f in _COMPARED)

    values = results.values()
    if "mismatch" in values or "match" not in values:
        return VerificationResult(Verification.NOT_VERIFIED, found)
    named = results["full_name"] == "match" or results["surname"] == "match"
    address = all(
        results[p] == "match" for p in ADDRESS_FIELDS if _part(p, getattr(card, p))
    ) and any(results[p] == "match" for p in ADDRESS_FIELDS)
    outcome = Verification.VERIFIED if named and address else Verification.PARTIAL
    return VerificationResult(outcome, found)


_COMPARED = ("surname", "full_name", *ADDRESS_FIELDS, "phone_readback")


# --- storage (CallFields.details["verification"]) ------------------------------------------


def to_json(form: VerificationForm, result: VerificationResult | None = None) -> dict[str, Any]:
    """The form (and the outcome, when given) as stored in the call's details."""
    out: dict[str, Any] = asdict(form)
    if result is not None:
        out["outcome"] = result.outcome
        out["fields"] = {f.field: f.result for f in result.fields}
    return out


def from_json(data: Mapping[str, Any]) -> VerificationForm:
    """The form back from the call's details; missing keys are empty, extra keys (the
    stored outcome) ignored, a value of the wrong type is a ``UserFacingError``."""
    if not isinstance(data, Mapping):
        raise UserFacingError("input.invalid", field="verification")
    form = VerificationForm()
    for f in fields(VerificationForm):
        if f.name not in data:
            continue
        value = data[f.name]
        if f.name == "title" and value is None:
            continue
        if not isinstance(value, str):
            raise UserFacingError("input.invalid", field=f.name)
        form = replace(form, **{f.name: value})
    return check_form(form)
