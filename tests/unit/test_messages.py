"""A refusal names the field as the user knows it: never “room”,
“details” or “caller_number”, in either language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from console.calls import verification
from console.content import knowledge
from console.core.errors import UserFacingError
from console.core.messages import LANGUAGES, _field_names, describe

ROOT = Path(__file__).resolve().parents[2]
# The ways the code names a field it checks: check_text("room", …), field="room", …
_CHECKED = re.compile(
    r"\b(?:check_text|optional_text|one_of|choice|count|_json|_note)\(\s*\"([A-Za-z_./]+)\""
    r"|field=\"([A-Za-z_./]+)\""
)


def _checked_ids() -> set[str]:
    found: set[str] = set()
    for folder in ("console", "cli"):
        for path in (ROOT / folder).rglob("*.py"):
            if path.name == "settings.py":  # its one_of("zh_CN", "en") lists allowed values
                continue
            for m in _CHECKED.finditer(path.read_text(encoding="utf-8")):
                found.add(m.group(1) or m.group(2))
    found |= set(verification.MAX_LENGTHS)
    found |= {f"article.{name}" for name in knowledge.LIMITS}
    return found


def test_every_field_the_code_checks_has_a_name_in_every_language() -> None:
    ids = _checked_ids()
    assert {"room", "surname", "details", "caller_number", "notes"} <= ids  # the scan works
    names = _field_names()
    missing = sorted(i for i in ids if i not in names)
    assert missing == [], f"add to resources/messages/fields.json: {missing}"
    for field, by_language in names.items():
        assert set(by_language) == set(LANGUAGES), field
        assert all(by_language.values()), field


@pytest.mark.parametrize(
    ("error", "zh", "en"),
    [
        (UserFacingError("input.nul_character", field="room"), "“室号”", '"room"'),
        (UserFacingError("input.too_long", field="surname", max=16), "“姓氏”", '"surname"'),
        (UserFacingError("input.too_long", field="details", max=16000), "核实与诉求表单", "forms"),
        (UserFacingError("input.invalid", field="caller_number"), "“来电号码”", "caller number"),
    ],
)
def test_refusals_name_the_field_in_the_users_words(
    error: UserFacingError, zh: str, en: str
) -> None:
    assert zh in describe(error, "zh_CN")
    assert en in describe(error, "en")
    assert error.params["field"] not in describe(error, "zh_CN")


def test_a_field_without_a_name_here_is_shown_as_given() -> None:
    """An intent form's field: the form passes its own label."""
    said = describe(UserFacingError("input.required", field="投诉内容"), "zh_CN")
    assert "“投诉内容”" in said
