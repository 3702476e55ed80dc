"""Turns a ``UserFacingError`` into a sentence in the user's language.

The catalogs are data (``resources/messages/<lang>.json``); a test checks that both
languages have every id the code raises. A refusal of what was typed (``input.*``)
names the field by its id in the code (``room``); the sentence names it as the user
knows it (室号), from ``resources/messages/fields.json`` — a test finds every id the
code checks and wants its name there in each language.
"""

from __future__ import annotations

import json
from datetime import datetime
from functools import cache
from typing import Any

import resources
from console.core.errors import UserFacingError

LANGUAGES = ("zh_CN", "en")


@cache
def catalog(language: str) -> dict[str, str]:
    lang = language if language in LANGUAGES else "zh_CN"
    with resources.path("messages", f"{lang}.json").open(encoding="utf-8") as f:
        data: dict[str, str] = json.load(f)
    return data


@cache
def _field_names() -> dict[str, dict[str, str]]:
    with resources.path("messages", "fields.json").open(encoding="utf-8") as f:
        data: dict[str, dict[str, str]] = json.load(f)
    return data


def field_name(field: str, language: str = "zh_CN") -> str:
    """The name a user knows the field ``field`` (an id in the code) by; the id itself
    when it has none (an intent form's field is named by the form's own label)."""
    names = _field_names().get(field)
    if names is None:
        return field
    return names.get(language) or names["zh_CN"]


def _fmt(value: Any, timezone: str, language: str) -> Any:
    if isinstance(value, UserFacingError):  # a part of the sentence that is a message itself
        return render(value.message_id, value.params, language, timezone)
    if isinstance(value, datetime):
        # Imported here: the messages shown before the login dialog carry no moment, and
        # the time-zone database costs that dialog ~4 ms.
        from zoneinfo import ZoneInfo

        return value.astimezone(ZoneInfo(timezone)).strftime("%Y-%m-%d %H:%M:%S")
    return "—" if value is None else value


def render(
    message_id: str,
    params: dict[str, Any],
    language: str = "zh_CN",
    timezone: str = "Asia/Shanghai",
) -> str:
    cat = catalog(language)
    # A variant that names remaining attempts, when the count is known.
    if params.get("attempts_left") is not None and f"{message_id}_left" in cat:
        message_id = f"{message_id}_left"
    template = cat.get(message_id) or cat["unexpected"].format(detail=message_id)
    if message_id.startswith("input.") and isinstance(params.get("field"), str):
        params = {**params, "field": field_name(params["field"], language)}
    try:
        return template.format(**{k: _fmt(v, timezone, language) for k, v in params.items()})
    except KeyError:  # a refusal from the database itself carries no details: the bare words
        return cat.get(f"{message_id}_bare", template)


def describe(
    error: UserFacingError, language: str = "zh_CN", timezone: str = "Asia/Shanghai"
) -> str:
    return render(error.message_id, error.params, language, timezone)
