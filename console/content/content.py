"""The content a console speaks and applies, and its versions (R2.11).

Every kind of content — the call script, the special-situation scripts, the intent
forms, the taboo and jargon lists, the SLA policy, the shift rules (shifts, not-ready
reasons, pre-shift checklist), the holiday overrides and the quality checklist (质检) —
ships as a validated data file under ``resources/``. An administrator's edit is saved as
a new *version* of that kind in the shared database (``content_versions``, append-only);
the highest version of a kind is in force on every seat, over the shipped file.

A running console holds a :class:`Library`: for every kind, the last version that
validated. ``Library.refresh(session)`` picks up versions saved since (one cheap query);
a version that does not validate — it can only have been written around the
application — is reported and the last good one stays in force.

Services reach the library of the console they run in through the session
(``content.of(s)``; ``Runtime.unit`` attaches it with ``content.attach``), so two
consoles in one process — as in tests — each see their own.
"""

from __future__ import annotations

import logging
import re
import threading
from contextlib import suppress
from dataclasses import dataclass
from functools import cache
from typing import Any, Generic, TypeVar, cast

from pydantic import BaseModel
from sqlalchemy import func, select
from sqlalchemy.orm import Session

import resources
from console.content.dialogue import DialogueScript
from console.content.holiday_calendar import DEFAULT_ZONE, HolidayCalendar, OverrideFile
from console.content.intent_forms import IntentDef, IntentForms, definitions
from console.content.quality_rules import QualityRules
from console.content.shift_rules import ShiftRules
from console.content.sla import Policy
from console.content.special_scripts import SpecialScripts
from console.content.taboo import Checker, JargonList, TabooList
from console.core.datafiles import ResourceError, ResourceProblem, parse_validated
from console.core.errors import UserFacingError
from console.core.vocabulary import ContentKind
from db.models import ContentVersion

log = logging.getLogger(__name__)

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Kind(Generic[M]):
    """One kind of content: its name (in the database and in export files), the file it
    ships as under ``resources/`` and the schema every version must satisfy."""

    name: ContentKind
    file: tuple[str, ...]
    schema: type[M]

    @property
    def file_name(self) -> str:
        return "/".join(self.file)

    def shipped_text(self) -> str:
        return resources.path(*self.file).read_text(encoding="utf-8")

    def parse(self, text: str, version: int = 0, context: dict[str, Any] | None = None) -> M:
        """``text`` validated against the schema; errors name the file (and version)."""
        name = self.file_name if version == 0 else f"{self.file_name} v{version}"
        return parse_validated(text, self.schema, name, context)


DIALOGUE = Kind(ContentKind.DIALOGUE, ("phrases", "zh_CN", "dialogue.yaml"), DialogueScript)
SPECIAL = Kind(ContentKind.SPECIAL, ("phrases", "zh_CN", "special.yaml"), SpecialScripts)
INTENTS = Kind(ContentKind.INTENTS, ("forms", "zh_CN", "intents.yaml"), IntentForms)
TABOO = Kind(ContentKind.TABOO, ("phrases", "zh_CN", "taboo.yaml"), TabooList)
JARGON = Kind(ContentKind.JARGON, ("phrases", "zh_CN", "jargon.yaml"), JargonList)
SLA = Kind(ContentKind.SLA, ("sla", "policy.yaml"), Policy)
SHIFT = Kind(ContentKind.SHIFT, ("shift", "shift.yaml"), ShiftRules)
HOLIDAYS = Kind(ContentKind.HOLIDAYS, ("calendar", "overrides.json"), OverrideFile)
QUALITY = Kind(ContentKind.QUALITY, ("quality", "quality.yaml"), QualityRules)

# Every kind, in the order the content editor lists them (and the script before the forms
# that name its lines).
KINDS: dict[str, Kind[Any]] = {
    k.name: k for k in (DIALOGUE, SPECIAL, INTENTS, TABOO, JARGON, SLA, SHIFT, HOLIDAYS, QUALITY)
}


def kind_named(name: str) -> Kind[Any]:
    try:
        return KINDS[name]
    except KeyError:
        raise UserFacingError("content.unknown_kind", kind=name) from None


def check(kind: Kind[M], text: str, library: Library, version: int = 0) -> M:
    """``text`` as a version of ``kind``: the schema (as at load) and what other kinds in
    force rely on — the intent forms name lines of the call script as safety phrases.

    Raises:
        ResourceError: naming the file, the line and the field.
    """
    value = kind.parse(text, version, {"dialogue": library.value(DIALOGUE)})
    if isinstance(value, DialogueScript):
        known = {line.id for line in value.definitions}
        forms = library.value(INTENTS)
        used = [p for i in (forms.intents if forms else []) for p in i.safety_phrases]
        missing = [p for p in used if p not in known]
        if missing:
            problem = ResourceProblem("resource.problem.line_in_use", line_id=missing[0])
            raise ResourceError(kind.file_name, 1, "lines", problem)
    return value


@cache
def _shipped_values() -> tuple[dict[str, BaseModel | None], dict[str, ResourceError]]:
    """The shipped files, parsed once per process (their models are immutable)."""
    values: dict[str, BaseModel | None] = {}
    errors: dict[str, ResourceError] = {}
    for k in KINDS.values():
        try:
            values[k.name] = k.parse(k.shipped_text())
        except (ResourceError, OSError) as e:
            values[k.name] = None
            if isinstance(e, ResourceError):
                errors[k.name] = e
            log.warning("shipped content %s not loaded: %s", k.file_name, e)
    return values, errors


class Library:
    """For every kind, the last version that validated, and which version that is
    (0: the shipped file). Safe to read from the GUI thread while a worker refreshes:
    each kind's value is replaced in one assignment."""

    def __init__(self) -> None:
        self._values: dict[str, BaseModel | None] = {}
        self._versions: dict[str, int] = {}
        self.errors: dict[str, ResourceError] = {}
        self._lock = threading.Lock()  # one refresh at a time
        self._derived: dict[str, tuple[tuple[BaseModel | None, ...], Any]] = {}
        values, errors = _shipped_values()
        self._values.update(values)
        self.errors.update(errors)
        self._versions.update(dict.fromkeys(KINDS, 0))

    def value(self, kind: Kind[M]) -> M | None:
        """The kind in force, or None if no version of it ever validated."""
        return cast(M | None, self._values[kind.name])

    def in_force(self, name: str) -> bool:
        """Whether some version of the kind named ``name`` validated and is in force (a
        broken file is then only a newer version not taken in)."""
        return self._values[name] is not None

    def get(self, kind: Kind[M]) -> M:
        """The kind in force; raises its ``ResourceError`` if none ever validated."""
        value = self.value(kind)
        if value is None:
            raise self.errors[kind.name]
        return value

    def version(self, kind: Kind[Any]) -> int:
        return self._versions[kind.name]

    def said_text(self, phrase_id: str) -> str | None:
        """The words behind a phrase id of a call's event log, for people reading the log
        (a line of the script, a special-situation phrase, a greeting); None if no
        content in force has it."""
        from console.content import greeting

        script, special = self.value(DIALOGUE), self.value(SPECIAL)
        with suppress(KeyError):
            if script is not None:
                return _as_read(script.line(phrase_id).text)
        with suppress(KeyError):
            if special is not None:
                return _as_read(special.phrase(phrase_id).text)
        with suppress(KeyError):
            return greeting.phrase(phrase_id)
        return None

    def listed_phrase(self, list_kind: str, entry_id: str) -> str | None:
        """The phrase of a taboo or jargon entry, by its id (a call's event log keeps ids)."""
        lists = self.value(TABOO) if list_kind == "taboo" else self.value(JARGON)
        entries = lists.entries if lists is not None else []
        return next((e.phrase for e in entries if e.id == entry_id), None)

    def refresh(self, s: Session) -> list[Kind[Any]]:
        """Take in the versions saved since the last refresh; the kinds that changed."""
        with self._lock:
            latest = s.execute(
                select(ContentVersion.kind, func.max(ContentVersion.version)).group_by(
                    ContentVersion.kind
                )
            ).all()
            changed: list[Kind[Any]] = []
            for name, latest_version in latest:
                k = KINDS.get(name)
                if k is None or latest_version == self._versions[name]:
                    continue
                if self._take(s, k, latest_version):
                    changed.append(k)
            return changed

    def staged(self, texts: dict[Kind[Any], str]) -> Library:
        """A copy with ``texts`` in force, each validated by its schema: to check texts
        that rely on each other (an import) against each other.

        Raises:
            ResourceError: a text does not validate.
        """
        copy = Library()
        copy._values.update(self._values)
        copy._versions.update(self._versions)
        for k in KINDS.values():  # the script before the forms that name its lines
            if k in texts:
                context = {"dialogue": copy.value(DIALOGUE)}
                copy._values[k.name] = k.parse(texts[k], context=context)
        return copy

    def _take(self, s: Session, kind: Kind[Any], latest: int) -> bool:
        """Put in force the newest version above the one in force that validates (a
        console started after a bad version was written starts with the one before it);
        the newest one's error, if it has one, is kept to be shown."""
        newer = s.execute(
            select(ContentVersion.version, ContentVersion.body)
            .where(
                ContentVersion.kind == kind.name, ContentVersion.version > self._versions[kind.name]
            )
            .order_by(ContentVersion.version.desc())
        ).all()
        self._versions[kind.name] = latest  # a bad version is not parsed again
        self.errors.pop(kind.name, None)
        for version, body in newer:
            try:
                value = check(kind, body, self, version)
            except ResourceError as e:
                log.warning("content %s v%d not taken: %s", kind.name, version, e)
                self.errors.setdefault(kind.name, e)
                continue
            self._values[kind.name] = value
            return True
        return False

    # -- what the kinds make ----------------------------------------------------------

    def _made(self, key: str, kinds: tuple[Kind[Any], ...], make: Any) -> Any:
        """``make()``, again only when one of ``kinds`` got a new value since."""
        sources = tuple(self._values[k.name] for k in kinds)
        cached = self._derived.get(key)
        if cached is None or any(a is not b for a, b in zip(cached[0], sources, strict=True)):
            cached = (sources, make())
            self._derived[key] = cached
        return cached[1]

    @property
    def checker(self) -> Checker:
        """The taboo and jargon checker over the lists in force."""

        def make() -> Checker:
            taboo, jargon = self.value(TABOO), self.value(JARGON)
            return Checker(taboo.entries if taboo else [], jargon.entries if jargon else [])

        return cast(Checker, self._made("checker", (TABOO, JARGON), make))

    def calendar(self, zone: str = DEFAULT_ZONE) -> HolidayCalendar:
        """The working-day calendar with the overrides in force."""

        def make() -> HolidayCalendar:
            return HolidayCalendar.of(self.value(HOLIDAYS) or OverrideFile(), zone)

        return cast(HolidayCalendar, self._made(f"calendar:{zone}", (HOLIDAYS,), make))

    @property
    def intents(self) -> dict[str, IntentDef]:
        """The intent forms in force, as the call screen builds them."""

        def make() -> dict[str, IntentDef]:
            forms = self.value(INTENTS)
            return definitions(forms) if forms is not None else {}

        return cast(dict[str, IntentDef], self._made("intents", (INTENTS,), make))


@cache
def _as_read(template: str) -> str:
    """A script line as a reviewer reads it: the company's own words filled in, what was
    particular to the call (the caller, the times) left as …."""
    from console.content.dialogue import company

    c = company()
    known = {"company": c.name, "company_short": c.short_name, "hotline": c.hotline}
    filled = re.sub(r"\{(\w+)\}", lambda m: known.get(m.group(1), "…"), template)
    return re.sub("…+", "…", filled)


def shipped() -> Library:
    """The shipped files only: for code running outside a console (one per process)."""
    return Library()


def check_words(s: Session, field: str, text: str) -> str:
    """``text`` if it holds no taboo phrase (GS 4.5, GS 16.4.4, GN 三(一)6/8, TN 三): a
    free text a customer may hear or read — a case's notes and summary, a callback's or a
    handover's notes, an outage's reason — is refused with the phrase, its clause and the
    courteous way to say it. Jargon is advice (the call notes flag it as typed).

    Raises:
        UserFacingError: ``taboo.refused``.
    """
    hit = next((h for h in of(s).checker.check(text) if h.kind == "taboo"), None)
    if hit is not None:
        raise UserFacingError(
            "taboo.refused",
            field=field,
            phrase=hit.matched,
            clause=hit.clause,
            suggestion=hit.suggestion,
        )
    return text


_SESSION_KEY = "agent_console.content"  # the one key of Session.info the console adds


def attach(s: Session, library: Library) -> None:
    """Make ``library`` the one services running in ``s`` see (``Runtime.unit``)."""
    s.info[_SESSION_KEY] = library


def of(s: Session) -> Library:
    """The library of the console ``s`` belongs to (the shipped one if it has none)."""
    library = s.info.get(_SESSION_KEY)
    return library if isinstance(library, Library) else shipped()
