"""Errors a user can act on. The UI shows them through one triage function."""

from __future__ import annotations

from typing import Any


class UserFacingError(Exception):
    """Something the user can fix or must know, as a message id plus parameters.

    The domain never builds sentences: ``ui`` translates ``message_id`` (see
    ``ui/messages.py``) and fills in ``params``.
    """

    def __init__(self, message_id: str, **params: Any) -> None:
        super().__init__(message_id, params)
        self.message_id = message_id
        self.params = params

    def __str__(self) -> str:
        details = ", ".join(f"{k}={v}" for k, v in self.params.items())
        return f"{self.message_id}({details})" if details else self.message_id


class DatabaseUnavailable(UserFacingError):
    """The connection to the database failed during the action (R7.4).

    Usually nothing was written. If the connection dropped while the action's COMMIT was
    on its way, the database may have committed it and only the reply was lost: whether
    it happened is unknown until the action is repeated, which every action is safe to
    be (the same ids and versions find what the first attempt wrote). What the agent
    typed stays on this PC meanwhile.

    ``detail`` is the driver's text, for the log: the message shown never carries it.

    ``db.pool_exhausted``: every connection of this seat was busy (calls the database
    did not answer in time) and none came free within the bound; nothing was sent.
    """

    def __init__(self, detail: str, message_id: str = "db.unavailable") -> None:
        super().__init__(message_id)
        self.detail = detail

    def __str__(self) -> str:  # what the log says; the user's sentence has no detail
        return f"{self.message_id}: {self.detail}" if self.detail else self.message_id
