"""Opening the database at start: keyring, migrations with a clear message (R7.3)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import exc

from console.app.runtime import Runtime
from console.core.clock import Clock, SystemClock
from console.core.errors import DatabaseUnavailable, UserFacingError
from console.core.settings import default_db_url
from db import migrate
from db.engine import Database, KeyringUnavailable, keyring_probe, make_engine


def open_runtime(
    url: str | None,
    clock: Clock | None = None,
    say: Callable[[str, dict[str, object]], None] = lambda _id, _params: None,
    *,
    upgrade: bool = True,
) -> Runtime:
    """Connect, bring the schema up to date, and return the runtime.

    ``say`` receives progress as (message id, params): ``schema.upgrading`` before a
    migration runs, ``schema.upgraded`` after.
    """
    clock = clock or SystemClock()
    engine = make_engine(url or default_db_url())
    try:
        st = migrate.state(engine)
        if not st.known:
            raise UserFacingError("db.schema_newer", current=st.current, head=st.head)
        if not st.up_to_date:
            if not upgrade:
                raise UserFacingError("db.schema_outdated", current=st.current, head=st.head)
            say("schema.upgrading", {"current": st.current or "—", "head": st.head})
            try:
                st = migrate.upgrade(engine)
            except exc.ProgrammingError as e:
                # A seat's role may not change the schema: the administrator must.
                raise UserFacingError("db.schema_outdated", current=st.current, head=st.head) from e
            say("schema.upgraded", {"head": st.head})
    except exc.OperationalError as e:
        engine.dispose()
        if "password" in str(e.orig):
            _explain_missing_password()
        raise DatabaseUnavailable(str(e.orig)) from e
    return Runtime(Database(engine, now=clock.now), clock)


def _explain_missing_password() -> None:
    """The server wants a password: if there is no keyring to hold it, say so."""
    try:
        keyring_probe()
    except KeyringUnavailable as e:
        raise UserFacingError("db.keyring_unavailable", detail=str(e)) from e
