"""Administrators change content: save a version, see who changed what, roll back, and
move content between installations.

A version is checked exactly as a console checks it when it takes it in
(:func:`console.content.content.check`), so a version that was saved is one every seat can use.
Saving names the version the editor started from: if another administrator saved in
between, the save is refused (nothing is overwritten unseen) and the editor keeps the
text. Versions are never changed or removed; a roll-back saves an old text again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from io import StringIO
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import LiteralScalarString
from sqlalchemy import exc, func, select
from sqlalchemy.orm import Session

from console.content import content
from console.content.content import Kind
from console.content.content_preview import preview
from console.core import audit
from console.core.datafiles import parse_validated
from console.core.errors import UserFacingError
from console.core.identity import AgentContext
from console.core.unit import admin_name, db_now
from console.people.agents import authorize
from db.models import ContentVersion, Department

SHIPPED = 0  # the version number of the file shipped under resources/
# How soon a saved version is in force at every seat: each console looks for new
# versions this often (ui.app.content_poller) and takes them in without a restart.
SEATS_TAKE_IN_SECONDS = 15
MAX_NOTE = 500
BUNDLE_FORMAT = "agent-console-content"


@dataclass(frozen=True)
class VersionInfo:
    """One line of a kind's history. ``author`` is the job number (or the command-line
    administrator's name); the shipped file is version 0 with no author."""

    version: int
    saved_at: datetime | None
    author: str
    note: str
    restored_from: int | None


def current_version(s: Session, kind: Kind[Any]) -> int:
    latest = s.scalar(
        select(func.max(ContentVersion.version)).where(ContentVersion.kind == kind.name)
    )
    return latest or SHIPPED


def text_of(s: Session, kind: Kind[Any], version: int) -> str:
    """The text of a version (0: the shipped file)."""
    if version == SHIPPED:
        return kind.shipped_text()
    body = s.scalar(
        select(ContentVersion.body).where(
            ContentVersion.kind == kind.name, ContentVersion.version == version
        )
    )
    if body is None:
        raise UserFacingError("content.unknown_version", version=version)
    return body


def history(s: Session, kind: Kind[Any]) -> list[VersionInfo]:
    """Newest first, ending with the shipped file."""
    rows = s.scalars(
        select(ContentVersion)
        .where(ContentVersion.kind == kind.name)
        .order_by(ContentVersion.version.desc())
    ).all()
    return [
        VersionInfo(r.version, r.saved_at, r.job_no or r.admin_name or "", r.note, r.restored_from)
        for r in rows
    ] + [VersionInfo(SHIPPED, None, "", "", None)]


@dataclass(frozen=True)
class Draft:
    """What the editor opens: the version in force, its text and the history."""

    kind: str
    version: int
    text: str
    history: tuple[VersionInfo, ...]


def open_kind(s: Session, actor: AgentContext | None, kind: Kind[Any]) -> Draft:
    authorize(s, actor)
    version = current_version(s, kind)
    return Draft(kind.name, version, text_of(s, kind, version), tuple(history(s, kind)))


def preview_text(s: Session, actor: AgentContext | None, kind: Kind[Any], text: str) -> list[str]:
    """Validate ``text`` as the save would, and preview it with sample values.

    Raises:
        ResourceError: the text does not validate (file, line, field).
    """
    authorize(s, actor)
    library = content.of(s)
    value = content.check(kind, text, library)
    job_no = actor.stamped_job_no if actor else "1001"
    return preview(value, job_no, db_now(s), library.calendar())


def save(
    s: Session,
    actor: AgentContext | None,
    kind: Kind[Any],
    text: str,
    note: str,
    base_version: int,
) -> int:
    """Save ``text`` as the next version of ``kind``; the new version number.

    Raises:
        ResourceError: the text does not validate (file, line, field).
        UserFacingError: not an administrator; no note; another version was saved since
            ``base_version``; nothing changed.
    """
    authorize(s, actor)
    note = _note(note)
    current = current_version(s, kind)
    if current != base_version:
        raise UserFacingError("content.changed_elsewhere", version=current)
    content.check(kind, text, content.of(s))
    if text == text_of(s, kind, current):
        raise UserFacingError("content.unchanged")
    return _insert(s, actor, kind, text, note, current + 1, None)


def roll_back(
    s: Session,
    actor: AgentContext | None,
    kind: Kind[Any],
    version: int,
    note: str,
) -> int:
    """Put ``version``'s text in force again, as a new version that says so."""
    authorize(s, actor)
    note = _note(note)
    body = text_of(s, kind, version)
    current = current_version(s, kind)
    if version == current:
        raise UserFacingError("content.unchanged")
    content.check(kind, body, content.of(s))  # what it relied on may be gone since
    return _insert(s, actor, kind, body, note, current + 1, version)


def _note(note: str) -> str:
    note = note.strip()
    if not note:
        raise UserFacingError("content.note_required")
    if len(note) > MAX_NOTE:
        raise UserFacingError("content.note_too_long", limit=MAX_NOTE)
    return note


def _insert(
    s: Session,
    actor: AgentContext | None,
    kind: Kind[Any],
    body: str,
    note: str,
    version: int,
    restored_from: int | None,
) -> int:
    row = ContentVersion(
        kind=kind.name,
        version=version,
        body=body,
        note=note,
        restored_from=restored_from,
        saved_at=db_now(s),
        # Stamped again by the database on PostgreSQL; this is SQLite's record.
        job_no=actor.stamped_job_no if actor else None,
        delegate_job_no=actor.job_no if actor and actor.acting_job_no else None,
        session_id=actor.session_id if actor else None,
        admin_name=None if actor else admin_name(s) or "admin",
    )
    try:
        with s.begin_nested():  # two administrators saving at the same moment: one wins
            s.add(row)
            s.flush()
    except exc.IntegrityError:
        raise UserFacingError("content.changed_elsewhere", version=version) from None
    event = "content.rolled_back" if restored_from is not None else "content.saved"
    audit.record(
        s, event, content=kind.name, version=version, restored_from=restored_from, note=note
    )
    return version


# -- moving content between installations -----------------------------------------------


class _Department(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    code: str = Field(min_length=1, max_length=16)
    name: str = Field(min_length=1, max_length=64)


class Bundle(BaseModel):
    """An export file: the text in force of every kind, and the departments."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format: str = Field(pattern=f"^{BUNDLE_FORMAT}$")
    version: int = Field(ge=1, le=1)
    kinds: dict[str, str]
    departments: list[_Department] = Field(default_factory=list)


def export_bundle(s: Session) -> str:
    """The content in force and the departments, as one YAML file.

    Raises:
        ResourceError: the newest version of a kind (or the shipped file) does not
            validate — exported, it could not be imported anywhere.
    """
    library = content.of(s)
    kinds = {}
    for k in content.KINDS.values():
        version = current_version(s, k)
        text = text_of(s, k, version)
        content.check(k, text, library, version)
        kinds[k.name.value] = LiteralScalarString(text)
    departments = [
        {"code": d.code, "name": d.name}
        for d in s.scalars(select(Department).order_by(Department.code))
    ]
    out = StringIO()
    yaml = YAML()
    yaml.width = 4096
    yaml.dump(
        {"format": BUNDLE_FORMAT, "version": 1, "kinds": kinds, "departments": departments},
        out,
    )
    return out.getvalue()


def import_bundle(s: Session, actor: AgentContext | None, text: str, name: str) -> list[str]:
    """Save every kind of the bundle whose text differs from what is in force (checked
    all together first: one bad kind saves nothing) and add or rename departments.
    Returns the kinds saved."""
    authorize(s, actor)
    bundle = parse_validated(text, Bundle, name)
    for kind_name in bundle.kinds:
        content.kind_named(kind_name)
    staged = content.of(s).staged({content.KINDS[n]: t for n, t in bundle.kinds.items()})
    saved: list[str] = []
    for k in content.KINDS.values():  # dependency order: the script before the forms
        body = bundle.kinds.get(k.name)
        if body is None:
            continue
        current = current_version(s, k)
        if body == text_of(s, k, current):
            continue
        content.check(k, body, staged)
        _insert(s, actor, k, body, f"imported from {name}", current + 1, None)
        saved.append(k.name)
    for d in bundle.departments:
        existing = s.get(Department, d.code)
        if existing is None:
            s.add(Department(code=d.code, name=d.name))
        elif existing.name != d.name:
            existing.name = d.name
    s.flush()
    audit.record(s, "content.imported", file=name, kinds=saved, departments=len(bundle.departments))
    return saved
