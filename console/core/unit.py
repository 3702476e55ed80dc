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


def guard(s: Session) -> Guard:
    g: Guard = s.info["guard"]
    return g


def db_now(s: Session) -> datetime:
    """The database clock, for anything stored or compared across seats."""
    now: datetime = s.info["now"]()
    return now


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
