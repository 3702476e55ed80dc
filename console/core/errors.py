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
    """The database could not be reached; nothing was written (R7.4)."""

    def __init__(self, detail: str) -> None:
        super().__init__("db.unavailable", detail=detail)
