"""Intent forms (SPEC R2.5, R2.6): what the agent records for each kind of call.

The forms are data, ``resources/forms/<locale>/intents.yaml``: for inquiry (咨询),
complaint (投诉), repair (报修), emergency (报警), suggestion (建议) and other (其他),
the fields with their kind, whether they are required (GS 15.3.4, 15.4.1, 15.5.1) and
their limits. The emergency form names the safety-instruction lines of the call script
(``dialogue.yaml``) the agent reads, and requires the immediate dispatch (立即派单) and
its time. ``creates_case`` marks the intents that hand the call to the case feature
(R3, the next issue): the hand-off point is a complete form of such an intent.

:func:`problems` checks a filled-in form and returns every problem at once — the UI
marks them all, the agent fixes them in one pass — and never raises for any value.

Labels are Chinese; ``label_en`` (and ``choices_en`` for the words of a choice, which
is stored as its Chinese value) give the English UI its words, and the Chinese is used
where they are missing.

Value kinds: ``text``, ``phone`` and ``multiline`` are strings (a ``phone`` field turns
an input method's full-width digits into ASCII as they are typed); ``choice`` a string among the
choices; ``bool`` a bool (a *required* bool is a confirmation and must be ticked);
``datetime`` an aware :class:`~datetime.datetime` or its ISO 8601 text with an offset
(as it comes back from the call's JSON details). An empty string, ``None`` or a missing
key is "not filled in". Keys that are not fields of the form are ignored.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, model_validator

import resources
from console.content import dialogue
from console.content.dialogue import Company, PromiseName, company
from console.content.holiday_calendar import HolidayCalendar
from console.core.datafiles import ResourceError, load_validated
from console.core.vocabulary import Intent

LOCALES = ("zh_CN",)  # unknown locales use zh_CN
INTENTS = dialogue.INTENTS  # the six inbound intents every file must define
FieldKind = Literal["text", "phone", "multiline", "choice", "bool", "datetime"]
TEXT_KINDS = ("text", "phone", "multiline")  # the kinds whose value is typed text
MAX_FIELD_LEN = 16000  # calls.MAX_DETAILS: a field never holds more than the details can

_ID = r"^[a-z][a-z0-9_]*$"


class CaseKindChoice(BaseModel):
    """What a choice makes the case: a network fault and its severity (GS 2.2.3)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Literal["network_fault"]
    severity: Literal["general", "major"]


class FieldModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=_ID)
    label: str = Field(min_length=1, max_length=64)
    label_en: str | None = Field(default=None, min_length=1, max_length=64)
    kind: FieldKind
    required: bool
    required_unless: str | None = None
    choices: list[str] = Field(default_factory=list)
    choices_en: list[str] = Field(default_factory=list)
    max_len: int = Field(default=0, ge=0, le=MAX_FIELD_LEN)
    clause: str | None = None
    promise: PromiseName | None = None
    on_tick: Literal["dispatch"] | None = None
    case_kinds: dict[str, CaseKindChoice] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _consistent(self) -> FieldModel:
        if self.promise is not None and self.kind != "datetime":
            raise ValueError("only datetime fields name a promise")
        if self.on_tick is not None and self.kind != "bool":
            raise ValueError("only bool fields act when ticked (on_tick)")
        unknown = [c for c in self.case_kinds if c not in self.choices]
        if unknown:
            raise ValueError(f"case_kinds names {unknown[0]!r}, which is not a choice")
        if (self.kind == "choice") != bool(self.choices):
            raise ValueError("choice fields, and only they, list choices")
        if len(set(self.choices)) != len(self.choices):
            raise ValueError("a choice is listed twice")
        if self.choices_en and len(self.choices_en) != len(self.choices):
            raise ValueError("choices_en gives one English word for each choice, in order")
        if (self.kind in TEXT_KINDS) != (self.max_len > 0):
            raise ValueError("text, phone and multiline fields, and only they, give max_len")
        if self.required and self.required_unless is not None:
            raise ValueError("a required field cannot also be required_unless")
        return self


class IntentModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str  # an Intent: checked below, so that the error names the intent
    label: str = Field(min_length=1, max_length=32)
    label_en: str | None = Field(default=None, min_length=1, max_length=32)
    clause: str = Field(min_length=1)
    creates_case: bool
    case_unless: str | None = None
    safety_phrases: list[str] = Field(default_factory=list)
    fields: list[FieldModel] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> IntentModel:
        if self.id not in frozenset(Intent):
            raise ValueError(f"unknown intent {self.id!r}; known: {', '.join(Intent)}")
        ids = [f.id for f in self.fields]
        dup = next((i for i in ids if ids.count(i) > 1), None)
        if dup is not None:
            raise ValueError(f"field id {dup!r} is used twice")
        bools = {f.id for f in self.fields if f.kind == "bool"}
        if self.case_unless is not None and (
            not self.creates_case or self.case_unless not in bools
        ):
            raise ValueError(
                f"case_unless names {self.case_unless!r}: it must be a bool field of an "
                "intent that creates a case"
            )
        for f in self.fields:
            if f.required_unless is not None and f.required_unless not in bools:
                raise ValueError(
                    f"field {f.id!r}: required_unless names {f.required_unless!r}, "
                    "which is not a bool field of this intent"
                )
        if self.safety_phrases:
            _check_safety_phrases(self.safety_phrases, (info.context or {}).get("dialogue"))
        return self


def _check_safety_phrases(ids: list[str], script: dialogue.DialogueScript | None) -> None:
    """Each id must be a line of the call script in force (the validation context's
    ``dialogue``, else the shipped one). When the script itself is broken its own error
    is reported where it is loaded; the forms do not fail for it."""
    if script is None:
        try:
            script = dialogue.shipped()
        except ResourceError:
            return
    known = {line.id for line in script.definitions}
    missing = [i for i in ids if i not in known]
    if missing:
        raise ValueError(f"safety phrase {missing[0]!r} is not a line of dialogue.yaml")


class IntentForms(BaseModel):
    """The schema of ``intents.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: Literal[1]
    intents: list[IntentModel] = Field(min_length=1)

    @model_validator(mode="after")
    def _all_intents(self) -> IntentForms:
        ids = [i.id for i in self.intents]
        dup = next((i for i in ids if ids.count(i) > 1), None)
        if dup is not None:
            raise ValueError(f"intent {dup!r} is defined twice")
        missing = [i.value for i in INTENTS if i not in ids]
        if missing:
            raise ValueError(f"intent {missing[0]!r} has no form")
        return self


@dataclass(frozen=True)
class FieldDef:
    """One field of an intent form. ``required_unless``: the id of a bool field whose
    ticking lifts the requirement (an inquiry answered on the spot needs no call-back
    number, GS 15.3.4); ``clause``: where the field comes from."""

    id: str
    label: str
    kind: str
    required: bool
    choices: tuple[str, ...]
    max_len: int
    required_unless: str | None = None
    clause: str | None = None
    promise: PromiseName | None = None
    on_tick: str | None = None
    case_kinds: Mapping[str, tuple[str, str]] = dataclass_field(
        default_factory=lambda: MappingProxyType({})
    )
    label_en: str | None = None
    choices_en: tuple[str, ...] = ()

    def name(self, language: str) -> str:
        """The field's label in ``language`` (the Chinese one when it has none)."""
        return self.label_en if language == "en" and self.label_en else self.label

    def choice_names(self, language: str) -> tuple[str, ...]:
        """The words shown for the choices (the values stored stay the Chinese ones)."""
        return self.choices_en if language == "en" and self.choices_en else self.choices


@dataclass(frozen=True)
class IntentDef:
    id: str
    label: str
    fields: tuple[FieldDef, ...]
    creates_case: bool
    safety_phrases: tuple[str, ...]
    case_unless: str | None = None
    label_en: str | None = None

    def field(self, field_id: str) -> FieldDef:
        return next(f for f in self.fields if f.id == field_id)

    def opens_case(self, values: Mapping[str, Any]) -> bool:
        """Whether finishing this form opens a case: an inquiry answered on the spot
        does not (GS 15.3.4)."""
        if not self.creates_case:
            return False
        return self.case_unless is None or values.get(self.case_unless) is not True

    def case_kind(self, values: Mapping[str, Any]) -> tuple[str, str | None]:
        """The kind of case the form opens and its severity: the intent's own, unless a
        choice says otherwise (a network fault reported on a repair call, GS 2.2.3)."""
        for f in self.fields:
            chosen = f.case_kinds.get(str(values.get(f.id) or ""))
            if chosen is not None:
                return chosen
        return self.id, None

    def promised_fields(self) -> tuple[FieldDef, ...]:
        return tuple(f for f in self.fields if f.promise is not None)

    def name(self, language: str) -> str:
        return self.label_en if language == "en" and self.label_en else self.label


@dataclass(frozen=True)
class FieldProblem:
    """What is wrong with one field: a message id and its parameters (``field`` is the
    field's label, as the messages name it)."""

    field: str
    message_id: str
    params: Mapping[str, Any] = dataclass_field(default_factory=lambda: MappingProxyType({}))


def forms_path(locale: str = "zh_CN") -> Path:
    loc = locale if locale in LOCALES else "zh_CN"
    return resources.path("forms", loc, "intents.yaml")


def definitions(data: IntentForms) -> dict[str, IntentDef]:
    """The validated file as :class:`IntentDef` values, in the file's order."""
    return {
        i.id: IntentDef(
            i.id,
            i.label,
            tuple(
                FieldDef(
                    f.id,
                    f.label,
                    f.kind,
                    f.required,
                    tuple(f.choices),
                    f.max_len,
                    f.required_unless,
                    f.clause,
                    f.promise,
                    f.on_tick,
                    MappingProxyType({k: (v.kind, v.severity) for k, v in f.case_kinds.items()}),
                    f.label_en,
                    tuple(f.choices_en),
                )
                for f in i.fields
            ),
            i.creates_case,
            tuple(i.safety_phrases),
            i.case_unless,
            i.label_en,
        )
        for i in data.intents
    }


def load(path: Path) -> dict[str, IntentDef]:
    """Read and validate a forms file; raises ``ResourceError`` naming file/line/field."""
    return definitions(load_validated(path, IntentForms))


@cache
def shipped(locale: str = "zh_CN") -> dict[str, IntentDef]:
    """The shipped forms, in order (raises ``ResourceError`` if the file is broken)."""
    return load(forms_path(locale))


# --- checking a filled-in form -------------------------------------------------------------


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text_problem(f: FieldDef, value: Any) -> FieldProblem | None:
    if not isinstance(value, str):
        return FieldProblem(f.id, "input.invalid", {"field": f.label})
    if "\x00" in value:
        return FieldProblem(f.id, "input.nul_character", {"field": f.label})
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: no database can store them
        return FieldProblem(f.id, "input.invalid", {"field": f.label})
    if len(value) > f.max_len:
        return FieldProblem(
            f.id, "input.too_long", {"field": f.label, "max": f.max_len, "length": len(value)}
        )
    return None


def parse_datetime(value: Any) -> datetime | None:
    """An aware datetime from a datetime or its ISO 8601 text, else ``None``."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            return None
    if isinstance(value, datetime) and value.utcoffset() is not None:
        return value
    return None


def _value_problem(f: FieldDef, value: Any) -> FieldProblem | None:
    label = {"field": f.label}
    if f.kind in TEXT_KINDS:
        return _text_problem(f, value)
    if f.kind == "choice":
        if not isinstance(value, str) or value not in f.choices:
            shown = value[:32] if isinstance(value, str) else type(value).__name__
            return FieldProblem(f.id, "input.invalid_choice", {**label, "value": shown})
        return None
    if f.kind == "bool":
        if not isinstance(value, bool):
            return FieldProblem(f.id, "input.invalid", label)
        return None
    if parse_datetime(value) is None:  # datetime
        return FieldProblem(f.id, "intent.datetime_invalid", label)
    return None


def problems(
    intent: IntentDef,
    values: Mapping[str, Any],
    limits: Mapping[str, datetime] | None = None,
) -> list[FieldProblem]:
    """Every problem of the form, in field order; empty when the form is complete.

    ``limits``: for fields that name a promise, the latest time the standard allows
    (:func:`promise_limits`); a promise beyond it is refused."""
    out: list[FieldProblem] = []
    for f in intent.fields:
        value = values.get(f.id)
        required = f.required
        if f.required_unless is not None:
            required = values.get(f.required_unless) is not True
        label = {"field": f.label}
        if f.kind == "bool" and (value is None or value is False):
            if required:  # a required bool is a confirmation: it must be ticked
                out.append(FieldProblem(f.id, "intent.confirm_required", label))
            continue
        if _empty(value):
            if required:
                out.append(FieldProblem(f.id, "input.required", label))
            elif isinstance(value, str) and f.kind in TEXT_KINDS:
                problem = _text_problem(f, value)  # blank, but maybe too long
                if problem is not None:
                    out.append(problem)
            continue
        problem = _value_problem(f, value)
        if problem is None and limits and f.id in limits:
            problem = _beyond_limit(f, value, limits[f.id])
        if problem is not None:
            out.append(problem)
    return out


def _beyond_limit(f: FieldDef, value: Any, limit: datetime) -> FieldProblem | None:
    moment = parse_datetime(value)
    if moment is not None and moment > limit:
        return FieldProblem(f.id, "intent.promise_too_late", {"field": f.label, "limit": limit})
    return None


def promise_limit(
    name: PromiseName, start: datetime, calendar: HolidayCalendar, data: Company | None = None
) -> datetime:
    """The latest time a promise made on a call at ``start`` may name: the company's
    promise (GS 2.2.6 72 h, GS 2.2.4 6 h, GS 15.3.4 two working days) counted from it."""
    p = (data or company()).promise(name)
    if p.hours is not None:
        return start + timedelta(hours=p.hours)
    return calendar.add_working_days(start, p.working_days or 0)


def promise_limits(
    intent: IntentDef, start: datetime, calendar: HolidayCalendar
) -> dict[str, datetime]:
    """For each promised-time field of the form, its limit (also its pre-filled value)."""
    return {
        f.id: promise_limit(f.promise, start, calendar)
        for f in intent.promised_fields()
        if f.promise is not None
    }


def promised_hours(intent: IntentDef, values: Mapping[str, Any], start: datetime) -> str | None:
    """The hours the script says for the promise the form holds ("并在{hours}小时内给您
    回复"), counted from the call and rounded up: the phrase said and the stored promise
    name the same time. None when the form holds no promised time."""
    for f in intent.promised_fields():
        moment = parse_datetime(values.get(f.id))
        if moment is not None and moment > start:
            return str(math.ceil((moment - start) / timedelta(hours=1)))
    return None


def to_json(intent: IntentDef, values: Mapping[str, Any]) -> dict[str, Any]:
    """The form as stored in the call's details (``details["intent"]``): the intent id
    and the values of its fields, datetimes as ISO 8601 text."""
    stored: dict[str, Any] = {}
    for f in intent.fields:
        value = values.get(f.id)
        if isinstance(value, datetime):
            value = value.isoformat()
        if value is not None:
            stored[f.id] = value
    return {"id": intent.id, "values": stored}


def parse_local_datetime(text: str, zone: ZoneInfo, now: datetime) -> datetime | None:
    """What an agent types for a time, in the centre's zone: ``2026-11-24 18:00``,
    ``11-24 18:00`` (this year), ``18:00`` (today) or a full ISO 8601 text."""
    raw = " ".join(text.strip().replace("/", "-").replace("T", " ").split())
    if not raw:
        return None
    aware = parse_datetime(raw)
    if aware is not None:
        return aware
    local_now = now.astimezone(zone)
    for fmt, fill in (
        ("%Y-%m-%d %H:%M", ""),
        ("%Y-%m-%d %H:%M", f"{local_now.year}-"),
        ("%Y-%m-%d %H:%M", local_now.strftime("%Y-%m-%d ")),
    ):
        try:
            naive = datetime.strptime(fill + raw, fmt)
        except ValueError:
            continue
        return naive.replace(tzinfo=zone)
    return None
