"""Special-situation quick scripts (SPEC R2.7): phrases and timed sequences.

The phrases (silent call, too quiet, dialect, hold, harassment, …) and the timed
sequences are data, ``resources/phrases/<locale>/special.yaml``, each phrase with the
clause its wording comes from. Texts are templates with two placeholders, ``{surname}``
and ``{title}`` (姓 + 先生/女士, GS 15.2.5); :func:`render` fills them.

A timed sequence (the silent call: prompt → second prompt → goodbye → hang up; the
caller who does not hang up: ask → ask again → hang up) runs as a :class:`ScriptRun`
against an injectable clock. The UI polls it from a timer::

    run = book.start("silent_call", clock.now())
    ...                                  # every ~100 ms:
    for step in run.due_steps(clock.now()):
        show(step)                       # a phrase to say, or the hang-up prompt
    run.cancel(clock.now())              # the caller spoke: stop prompting

Timing. A step's ``pause`` is silence *after the agent has finished the previous phrase*
(TN ④ "间隔3秒左右", "停顿2秒,然后挂机"), so a step is due at the previous step's due
time + the previous phrase's speaking time + the pause. The speaking time is estimated
from the number of characters said (punctuation and spaces excluded) at TN 1)'s speaking
rate, 180 字/分 (3 per second, the slow end of 180–200), on the zh_CN text whatever the
display locale, so a sequence keeps the same timing in every locale. Due times are
computed once at the start from the previous *due* time, never from when the UI happened
to poll, so a late poll does not push later steps back.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

import resources
from console.core.datafiles import load_validated

LOCALES = ("zh_CN",)  # an English file can be added later; unknown locales use zh_CN
PLACEHOLDERS = frozenset({"surname", "title", "job_no"})
UNKNOWN_TITLE = "先生/女士"  # said when the caller's title is not known yet (TN "先生/女士,…")
CHARS_PER_SECOND = 3.0  # TN 1) 语速: 每分钟吐字约180-200个; the slow end
RESERVED_PREFIXES = ("opening.", "closing.", "time_of_day.", "occasion.")

_ID = r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$"
_SILENT_CHARS = re.compile(r"[\s\W_]", re.UNICODE)


def placeholders(text: str) -> list[str]:
    """The placeholder names in a template, in order."""
    return [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]


class SpecialPhrase(BaseModel):
    """One thing the agent says in a special situation."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=_ID)
    text: str = Field(min_length=1)
    clause: str = Field(min_length=1)
    note: str | None = None

    @field_validator("id")
    @classmethod
    def _not_a_greeting_id(cls, value: str) -> str:
        if value.startswith(RESERVED_PREFIXES):
            raise ValueError(f"ids starting with {value.split('.')[0]}. belong to the greetings")
        return value

    @field_validator("text")
    @classmethod
    def _known_placeholders(cls, text: str) -> str:
        try:
            names = placeholders(text)
        except ValueError as e:  # an unbalanced brace
            raise ValueError(f"malformed placeholder: {e}") from None
        unknown = [n for n in names if n not in PLACEHOLDERS]
        if unknown:
            raise ValueError(
                f"unknown placeholder {{{unknown[0]}}}; use {{surname}}{{title}} or {{job_no}}"
            )
        if "{surname}" in text and "{surname}{title}" not in text:
            raise ValueError("{surname} must be followed by {title}")
        return text

    @property
    def addresses_by_surname(self) -> bool:
        """Whether saying it addresses the caller by surname (once the surname is known)."""
        return "surname" in placeholders(self.text)


class Step(BaseModel):
    """One step of a timed sequence: say a phrase, or hang up."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    phrase: str | None = None
    action: Literal["hang_up"] | None = None
    pause: float = Field(ge=0, le=60)

    @model_validator(mode="after")
    def _one_of(self) -> Step:
        if (self.phrase is None) == (self.action is None):
            raise ValueError("a step is either a phrase or an action")
        return self


class SequenceDef(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=_ID)
    clause: str = Field(min_length=1)
    steps: list[Step] = Field(min_length=1)


class SpecialScripts(BaseModel):
    """The schema of ``special.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: Literal[1]
    phrases: list[SpecialPhrase] = Field(min_length=1)
    sequences: list[SequenceDef] = Field(default_factory=list)

    @model_validator(mode="after")
    def _references(self) -> SpecialScripts:
        ids = [p.id for p in self.phrases]
        dup = next((i for i in ids if ids.count(i) > 1), None)
        if dup is not None:
            raise ValueError(f"phrase id {dup!r} is used twice")
        seq_ids = [s.id for s in self.sequences]
        dup = next((i for i in seq_ids if seq_ids.count(i) > 1), None)
        if dup is not None:
            raise ValueError(f"sequence id {dup!r} is used twice")
        for seq in self.sequences:
            for step in seq.steps:
                if step.phrase is not None and step.phrase not in ids:
                    raise ValueError(f"sequence {seq.id!r} names an unknown phrase {step.phrase!r}")
        return self

    def phrase(self, phrase_id: str) -> SpecialPhrase:
        for p in self.phrases:
            if p.id == phrase_id:
                return p
        raise KeyError(phrase_id)

    def sequence(self, sequence_id: str) -> SequenceDef:
        for s in self.sequences:
            if s.id == sequence_id:
                return s
        raise KeyError(sequence_id)


def special_path(locale: str = "zh_CN") -> Path:
    loc = locale if locale in LOCALES else "zh_CN"
    return resources.path("phrases", loc, "special.yaml")


@cache
def shipped(locale: str = "zh_CN") -> SpecialScripts:
    """The shipped file, validated (raises ``ResourceError`` if it is broken)."""
    return load_validated(special_path(locale), SpecialScripts)


def render(
    text: str, surname: str | None = None, title: str | None = None, job_no: str = "××"
) -> str:
    """Fill ``{surname}{title}``; without a surname only the title is said, and without
    a title "先生/女士" (TN: "先生/女士,能告诉我您的具体联系方式吗?"). ``{job_no}`` is the
    agent's job number (WD: "我是××号客服…")."""
    return text.format(surname=surname or "", title=title or UNKNOWN_TITLE, job_no=job_no)


def speaking_time(text: str, chars_per_second: float = CHARS_PER_SECOND) -> timedelta:
    """How long saying ``text`` takes: its characters less punctuation and spaces, with
    ``{surname}{title}`` counted as three (王先生)."""
    said = (
        text.replace("{surname}{title}", "王先生")
        .replace("{title}", "先生")
        .replace("{job_no}", "1001")
    )
    count = len(_SILENT_CHARS.sub("", said))
    return timedelta(seconds=count / chars_per_second)


@dataclass(frozen=True, slots=True)
class DueStep:
    """A step of a running sequence that has come due."""

    index: int
    due_at: datetime
    phrase_id: str | None  # None for the hang-up step
    action: Literal["hang_up"] | None


@dataclass
class ScriptRun:
    """One running timed sequence; the UI polls :meth:`due_steps`.

    Each step is returned exactly once, in order; steps due at the same poll come
    together. After :meth:`cancel` nothing more comes due.
    """

    sequence_id: str
    started_at: datetime
    schedule: tuple[DueStep, ...]
    _next: int = 0
    cancelled_at: datetime | None = field(default=None)

    @property
    def next_step_at(self) -> datetime | None:
        """When the next step is due (``None`` when finished or cancelled)."""
        if self.cancelled_at is not None or self._next >= len(self.schedule):
            return None
        return self.schedule[self._next].due_at

    @property
    def finished(self) -> bool:
        return self._next >= len(self.schedule)

    @property
    def active(self) -> bool:
        return self.cancelled_at is None and not self.finished

    def due_steps(self, now: datetime) -> list[DueStep]:
        """The steps due at ``now`` not returned before (empty after cancel)."""
        if self.cancelled_at is not None:
            return []
        out: list[DueStep] = []
        while self._next < len(self.schedule) and self.schedule[self._next].due_at <= now:
            out.append(self.schedule[self._next])
            self._next += 1
        return out

    def cancel(self, at: datetime) -> None:
        """Stop the sequence (the caller answered, the call ended). Idempotent."""
        if self.cancelled_at is None and not self.finished:
            self.cancelled_at = at


def start(
    scripts: SpecialScripts,
    sequence_id: str,
    at: datetime,
    chars_per_second: float = CHARS_PER_SECOND,
    timing_texts: SpecialScripts | None = None,
) -> ScriptRun:
    """Start the sequence ``sequence_id`` at ``at`` (see the module docstring for timing).

    ``timing_texts`` is the file whose texts set the speaking times (default:
    ``scripts``); a translated file passes the zh_CN one, so timings do not change
    with the display language.
    """
    seq = scripts.sequence(sequence_id)
    timing = timing_texts or scripts
    due = at
    previous_text: str | None = None
    schedule: list[DueStep] = []
    for index, step in enumerate(seq.steps):
        if previous_text is not None:
            due += speaking_time(previous_text, chars_per_second)
        due += timedelta(seconds=step.pause)
        schedule.append(DueStep(index, due, step.phrase, step.action))
        previous_text = timing.phrase(step.phrase).text if step.phrase is not None else None
    return ScriptRun(sequence_id, at, tuple(schedule))
