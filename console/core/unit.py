"""What every service needs from the unit of work it runs in: the database clock, the
guard that enforces the session rules, and the translation of the database's refusals
and lost connections into errors a user can act on."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from sqlalchemy import exc
from sqlalchemy.orm import Session

from console.core.errors import DatabaseUnavailable, UserFacingError
from db.engine import ConnectionLost
from db.errors import RuleViolation
from db.guard import Guard
from db.unit import unit_info


def guard(s: Session) -> Guard:
    return unit_info(s).guard


def db_now(s: Session) -> datetime:
    """The database clock, for anything stored or compared across seats."""
    return unit_info(s).now()


def admin_name(s: Session) -> str | None:
    """Who administers from the command line in this unit of work (None: a seat's)."""
    return unit_info(s).admin_name


def admin_actor(s: Session) -> str:
    """How the command line's administrator is named where a job number goes."""
    return unit_info(s).admin_actor


@contextmanager
def translated() -> Iterator[None]:
    try:
        yield
    except RuleViolation as e:
        raise UserFacingError(e.code, **e.params) from e
    except ConnectionLost as e:
        raise DatabaseUnavailable(str(e)) from e
    except exc.OperationalError as e:
        if "database is locked" in str(e.orig):
            raise UserFacingError("db.busy") from e
        raise DatabaseUnavailable(str(e.orig)) from e
    except exc.InterfaceError as e:
        raise DatabaseUnavailable(str(e.orig)) from e
