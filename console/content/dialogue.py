"""The call script (SPEC R2.2–R2.6, R2.9): what the agent says, stage by stage.

The script is data, ``resources/phrases/<locale>/dialogue.yaml``, each line with the
clause its wording comes from; the company's name, hotline and promised hours are data
too, ``resources/company.yaml``. Both are validated on load (R2.11): a bad YAML, a
missing field or an unknown placeholder is a :class:`~console.core.datafiles.ResourceError`
naming file, line and field.

A call walks the stages in order::

    OPENING → SURNAME → VERIFICATION → INTENT → HANDLING → CLOSING

:meth:`DialogueScript.lines` gives that walk for one call, rendered: the lines for the
call's direction (an outbound 回访 call opens with ``opening.outbound`` and identifies
the customer instead of asking the surname), the handling lines of the chosen intent
only, and the one closing that fits the moment (``closing.standard|holiday|weekend``,
as :func:`console.content.greeting.greeting` chose it).

Placeholders: ``{company} {hotline} {job_no} {greeting} {surname}{title}
{full_name}{title} {address} {phone} {hours}``. Without a surname the caller is
addressed as 先生/女士 (:data:`console.content.special_scripts.UNKNOWN_TITLE`); an unknown
address or number is said "……", the gap the agent fills in. ``{hours}`` is the call's
own promise when it sets one, else the company promise the line names (``hours_from``).
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

import resources
from console.content import greeting as greeting_rules
from console.content.greeting import Closing, Greeting
from console.content.special_scripts import UNKNOWN_TITLE
from console.core.datafiles import load_validated
from console.core.vocabulary import INBOUND_INTENTS, CallChannel, CallDirection, Intent

LOCALES = ("zh_CN",)  # unknown locales use zh_CN
PLACEHOLDERS = frozenset(
    {
        "company",
        "company_short",
        "reason",
        "outage_from",
        "restore_at",
        "hotline",
        "job_no",
        "greeting",
        "surname",
        "full_name",
        "title",
        "address",
        "phone",
        "hours",
    }
)
UNKNOWN_VALUE = "……"  # said for an address or number not known yet: the agent fills it
INTENTS = INBOUND_INTENTS  # the handling lines are for what callers ring about
OUTBOUND_INTENTS = (Intent.CALLBACK, Intent.NOTIFICATION)  # and what the seat calls for
# The ids console.calls.compliance scores: the shipped file must keep them.
SCORED_IDS = frozenset(
    {
        "opening.company",
        "opening.outbound",
        "opening.visit",
        "outbound.consent",
        "closing.ask_more",
        "closing.visit",
        "closing.callback",
        "closing.standard",
        "closing.holiday",
        "closing.weekend",
    }
)

_ID = r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$"
_NAMED = ("surname", "full_name")  # the placeholders that address the caller by name


class Stage(StrEnum):
    OPENING = "opening"
    SURNAME = "surname"
    VERIFICATION = "verification"
    INTENT = "intent"
    HANDLING = "handling"
    CLOSING = "closing"


STAGE_ORDER: tuple[Stage, ...] = tuple(Stage)


def placeholders(text: str) -> list[str]:
    """The placeholder names in a template, in order (``ValueError`` if malformed).

    A conversion or format spec (``{surname!r}``, ``{hours:>3}``) is refused: the
    templates are said, not formatted.
    """
    names = []
    for _, name, spec, conversion in string.Formatter().parse(text):
        if name is None:
            continue
        if spec or conversion:
            raise ValueError(f"{{{name}}} has a format spec or conversion")
        names.append(name)
    return names


# --- the company (resources/company.yaml) ----------------------------------------------


class Promise(BaseModel):
    """A time limit the company promises (服务承诺), in hours or working days."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    hours: int | None = Field(default=None, ge=1, le=720)
    working_days: int | None = Field(default=None, ge=1, le=30)
    clause: str = Field(min_length=1)

    @model_validator(mode="after")
    def _one_unit(self) -> Promise:
        if (self.hours is None) == (self.working_days is None):
            raise ValueError("give either hours or working_days")
        return self


class Promises(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    repair_handle: Promise  # GS 2.2.4: 一般故障原则上在6小时内处理
    repair_fix: Promise  # GS 2.2.4: 24小时内修复
    network_fault: Promise  # GS 2.2.3
    network_major_fault: Promise  # GS 2.2.3
    complaint_reply: Promise  # GS 2.2.6: 72小时内给予客户答复
    complaint_progress: Promise  # TN 投诉处理流程: 24小时内通知处理进度
    inquiry_reply: Promise  # GS 15.3.4: 二个工作日内答复


PromiseName = Literal[
    "repair_handle",
    "repair_fix",
    "network_fault",
    "network_major_fault",
    "complaint_reply",
    "complaint_progress",
    "inquiry_reply",
]


class Company(BaseModel):
    """The schema of ``company.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: Literal[1]
    name: str = Field(min_length=1, max_length=64)
    name_clause: str = Field(min_length=1)
    short_name: str = Field(min_length=1, max_length=32)
    short_name_clause: str = Field(min_length=1)
    hotline: str = Field(pattern=r"^[0-9][0-9-]{2,31}$")
    hotline_clause: str = Field(min_length=1)
    service_hours: str = Field(min_length=1, max_length=64)
    service_hours_clause: str = Field(min_length=1)
    # The printed reports' header and the registry (R6.2, R6.3, GS 17.2).
    legal_name: str = Field(min_length=1, max_length=64)
    center: str = Field(min_length=1, max_length=64)
    records_custodian: str = Field(min_length=1, max_length=64)
    # R5.1, TN 四: an emergency report goes at once to this department (生产运营部抢险).
    emergency_department: str = Field(min_length=1, max_length=16)
    # How rings are counted (R2.1): the compliance score and the KPIs use these figures.
    ring_seconds: float = Field(gt=0, le=30)
    ring_seconds_clause: str = Field(min_length=1)
    answer_within_rings: int = Field(ge=1, le=10)
    answer_within_rings_clause: str = Field(min_length=1)
    promises: Promises

    def promise(self, name: PromiseName) -> Promise:
        value: Promise = getattr(self.promises, name)
        return value

    def hours(self, name: PromiseName) -> str:
        """A promise as the number said in ``{hours}`` (working days as 24 h each)."""
        p = self.promise(name)
        return str(p.hours if p.hours is not None else 24 * (p.working_days or 0))


def company_path() -> Path:
    return resources.path("company.yaml")


@cache
def company() -> Company:
    """The shipped company file, validated (raises ``ResourceError`` if it is broken)."""
    return load_validated(company_path(), Company)


# --- the script (resources/phrases/<locale>/dialogue.yaml) -----------------------------


class LineDef(BaseModel):
    """One line of the script as written in the file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=_ID)
    stage: Stage
    text: str = Field(min_length=1)
    clause: str = Field(min_length=1)
    direction: CallDirection | Literal["any"] = "any"
    channel: CallChannel | Literal["any"] = "any"
    intent: Intent | None = None
    closing: Closing | None = None
    hours_from: PromiseName | None = None
    provisional: bool = False
    after: Literal["dispatched"] | None = None
    note: str | None = None

    @field_validator("text")
    @classmethod
    def _known_placeholders(cls, text: str) -> str:
        try:
            names = placeholders(text)
        except ValueError as e:  # an unbalanced brace
            raise ValueError(f"malformed placeholder: {e}") from None
        unknown = [n for n in names if n not in PLACEHOLDERS]
        if unknown:
            known = " ".join(f"{{{n}}}" for n in sorted(PLACEHOLDERS))
            raise ValueError(f"unknown placeholder {{{unknown[0]}}}; known: {known}")
        for named in _NAMED:
            if f"{{{named}}}" in text and f"{{{named}}}{{title}}" not in text:
                raise ValueError(f"{{{named}}} must be followed by {{title}}")
        return text

    @model_validator(mode="after")
    def _consistent(self) -> LineDef:
        outbound_only = self.intent is not None and not self.intent.inbound
        if outbound_only and self.direction != CallDirection.OUTBOUND:
            known = ", ".join(INTENTS)
            raise ValueError(
                f"{self.intent} is what the seat calls for: its lines are outbound; "
                f"inbound handling lines are for {known}"
            )
        if (self.stage is Stage.HANDLING) != (self.intent is not None):
            raise ValueError("handling lines, and only they, name an intent")
        if self.closing is not None and self.stage is not Stage.CLOSING:
            raise ValueError("only closing lines name a closing")
        if "hours" in placeholders(self.text) and self.hours_from is None:
            raise ValueError("a line with {hours} names the promise that fills it (hours_from)")
        return self


class DialogueScript(BaseModel):
    """The schema of ``dialogue.yaml``, and the walk through it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: Literal[1]
    locale: str = Field(min_length=2)
    greeting_joiner: str = Field(max_length=4)
    lines_: list[LineDef] = Field(alias="lines", min_length=1)

    @field_validator("locale")
    @classmethod
    def _known_locale(cls, value: str) -> str:
        if value not in greeting_rules.LOCALES:
            raise ValueError(
                f"unknown locale {value!r}; known: {', '.join(greeting_rules.LOCALES)}"
            )
        return value

    @model_validator(mode="after")
    def _references(self) -> DialogueScript:
        ids = [line.id for line in self.lines_]
        dup = next((i for i in ids if ids.count(i) > 1), None)
        if dup is not None:
            raise ValueError(f"line id {dup!r} is used twice")
        for kind in Closing:
            if not any(line.closing is kind for line in self.lines_):
                raise ValueError(f"no line for the {kind.value} closing")
        return self

    @property
    def definitions(self) -> tuple[LineDef, ...]:
        return tuple(self.lines_)

    def line(self, line_id: str) -> LineDef:
        for line in self.lines_:
            if line.id == line_id:
                return line
        raise KeyError(line_id)

    def lines(self, ctx: ScriptContext, intent: str | None = None) -> list[ScriptLine]:
        """The walk for one call in speaking order, rendered.

        Lines for the call's direction and channel; handling lines only for ``intent``
        (none when it is ``None``); of the three inbound closings only the one
        ``ctx.greeting`` chose; a line said ``after`` an event only once the call has it.
        """
        out: list[ScriptLine] = []
        for stage in STAGE_ORDER:
            for line in self.lines_:
                if line.stage is not stage or line.direction not in ("any", ctx.direction):
                    continue
                if line.channel not in ("any", ctx.channel):
                    continue
                if line.after is not None and line.after not in ctx.done:
                    continue
                if line.intent is not None and line.intent != intent:
                    continue
                if line.closing is not None and line.closing is not ctx.greeting.closing:
                    continue
                out.append(self.render(line, ctx))
        return out

    def render(self, line: LineDef, ctx: ScriptContext) -> ScriptLine:
        """One line with its placeholders filled from ``ctx``."""
        names = set(placeholders(line.text))
        if ctx.hours is not None:
            hours = ctx.hours
        elif line.hours_from is not None:
            hours = company().hours(line.hours_from)
        else:
            hours = UNKNOWN_VALUE
        surname = ctx.surname.strip() if ctx.surname else ""
        full_name = ctx.full_name.strip() if ctx.full_name else ""
        text = line.text.format(
            company=ctx.company,
            company_short=ctx.company_short,
            reason=ctx.reason or UNKNOWN_VALUE,
            outage_from=ctx.outage_from or UNKNOWN_VALUE,
            restore_at=ctx.restore_at or UNKNOWN_VALUE,
            hotline=ctx.hotline,
            job_no=ctx.job_no,
            greeting=self.greeting_text(ctx.greeting),
            surname=surname,
            full_name=full_name or surname,
            title=ctx.title or UNKNOWN_TITLE,
            address=ctx.address or UNKNOWN_VALUE,
            phone=ctx.phone or UNKNOWN_VALUE,
            hours=hours,
        )
        by_name = bool(surname or full_name) and bool(names & set(_NAMED))
        return ScriptLine(line.id, line.stage, text, by_name, line.intent)

    def greeting_text(self, greeting: Greeting) -> str:
        """The time-of-day greeting and the wish, as ``{greeting}`` says them."""
        words = [greeting_rules.phrase(i, self.locale) for i in greeting.opening_phrase_ids()]
        return self.greeting_joiner.join(words)


@dataclass(frozen=True)
class ScriptContext:
    """What the templates are filled with on one call.

    ``full_name`` (GS 15.2.6's 全称, said in the verification question) falls back to
    the surname; ``hours`` overrides the company promise a line names.
    """

    company: str
    hotline: str
    job_no: str
    greeting: Greeting
    surname: str | None = None
    title: str | None = None
    address: str | None = None
    phone: str | None = None
    hours: str | None = None
    direction: CallDirection = CallDirection.INBOUND
    full_name: str | None = None
    company_short: str = ""
    channel: CallChannel = CallChannel.PHONE
    done: frozenset[str] = frozenset()  # what the call has recorded: "dispatched"
    reason: str | None = None  # an outage notice's reason, start and expected end
    outage_from: str | None = None
    restore_at: str | None = None


@dataclass(frozen=True)
class ScriptLine:
    """A line of the walk, rendered. ``addresses_by_surname``: it names the caller (the
    surname was known and the text says 姓 + 先生/女士) — compliance counts it (R2.15)."""

    id: str
    stage: Stage
    text: str
    addresses_by_surname: bool
    intent: Intent | None


def context(
    job_no: str,
    greeting: Greeting,
    *,
    surname: str | None = None,
    title: str | None = None,
    full_name: str | None = None,
    address: str | None = None,
    phone: str | None = None,
    hours: str | None = None,
    direction: CallDirection = CallDirection.INBOUND,
    company_data: Company | None = None,
    channel: CallChannel = CallChannel.PHONE,
    done: frozenset[str] = frozenset(),
    reason: str | None = None,
    outage_from: str | None = None,
    restore_at: str | None = None,
) -> ScriptContext:
    """A :class:`ScriptContext` with the company's name and hotline from ``company.yaml``
    (or ``company_data``) and the call's own values. Leave ``hours`` ``None`` to let each
    line say the company promise it names (72 h for a complaint, 6 h for a repair)."""
    c = company_data or company()
    return ScriptContext(
        c.name,
        c.hotline,
        job_no,
        greeting,
        surname=surname,
        title=title,
        address=address,
        phone=phone,
        hours=hours,
        direction=direction,
        full_name=full_name,
        company_short=c.short_name,
        channel=channel,
        done=done,
        reason=reason,
        outage_from=outage_from,
        restore_at=restore_at,
    )


def script_path(locale: str = "zh_CN") -> Path:
    loc = locale if locale in LOCALES else "zh_CN"
    return resources.path("phrases", loc, "dialogue.yaml")


def load(path: Path) -> DialogueScript:
    """Read and validate a script file; raises ``ResourceError`` naming file/line/field."""
    return load_validated(path, DialogueScript)


@cache
def shipped(locale: str = "zh_CN") -> DialogueScript:
    """The shipped script, validated (raises ``ResourceError`` if it is broken)."""
    return load(script_path(locale))


def outbound_call(
    script: DialogueScript,
    job_no: str,
    greeting: Greeting,
    purpose: Intent,
    *,
    surname: str | None = None,
    title: str | None = None,
    address: str | None = None,
    reason: str | None = None,
    outage_from: str | None = None,
    restore_at: str | None = None,
) -> list[ScriptLine]:
    """An outbound call's walk (GS 15.6; callbacks, outage notices and home-visit calls
    alike): the opening, who the agent is and whom they call (TN 外拨首问语), consent,
    what this call is for (``purpose``: callback or notification), the closing with the
    hotline."""
    ctx = context(
        job_no,
        greeting,
        surname=surname,
        title=title,
        address=address,
        direction=CallDirection.OUTBOUND,
        reason=reason,
        outage_from=outage_from,
        restore_at=restore_at,
    )
    return script.lines(ctx, purpose)
