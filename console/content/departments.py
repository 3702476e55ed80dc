"""The departments cases are dispatched to (维修, 抢险, 营业…): administrators add and
rename them; none is ever removed, because cases keep referring to it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.core import audit
from console.core.errors import UserFacingError
from console.core.identity import AgentContext
from console.people.agents import authorize
from db.models import Department

_CODE = re.compile(r"^[A-Z][A-Z0-9_]{0,15}$")


@dataclass(frozen=True)
class DepartmentInfo:
    code: str
    name: str


def list_departments(s: Session) -> list[DepartmentInfo]:
    return [
        DepartmentInfo(d.code, d.name)
        for d in s.scalars(select(Department).order_by(Department.code))
    ]


def _name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > 64:
        raise UserFacingError("department.name_invalid")
    return name


def add(s: Session, actor: AgentContext | None, code: str, name: str) -> None:
    authorize(s, actor)
    code = code.strip().upper()
    if not _CODE.match(code):
        raise UserFacingError("department.code_invalid", code=code)
    name = _name(name)
    if s.get(Department, code) is not None:
        raise UserFacingError("department.exists", code=code)
    s.add(Department(code=code, name=name))
    s.flush()
    audit.record(s, "department.added", code=code, name=name)


def rename(s: Session, actor: AgentContext | None, code: str, name: str) -> None:
    authorize(s, actor)
    department = s.get(Department, code)
    if department is None:
        raise UserFacingError("department.unknown", code=code)
    name = _name(name)
    if name != department.name:
        before, department.name = department.name, name
        s.flush()
        audit.record(s, "department.renamed", code=code, name=name, before=before)
