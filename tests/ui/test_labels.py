"""Every vocabulary the UI shows has one label mapping (ui/core/text.py) that names every
member, in English and in Chinese; the vocabularies it does not show say why."""

from __future__ import annotations

import re
from enum import StrEnum

import pytest
from PySide6.QtWidgets import QApplication

from console.core import vocabulary
from console.core.vocabulary import (
    AccountType,
    CallbackResult,
    EndedBy,
    Gender,
    PrintAction,
    SessionEnd,
    SwitchSignalKind,
    TargetStatus,
)
from ui.core import i18n, text

LABELS = [v for v in vars(text).values() if isinstance(v, text.Labels)]

# The vocabularies with no label mapping, and why.
NOT_LABELLED: dict[type[StrEnum], str] = {
    AccountType: "stored as the Chinese word the card shows",
    Gender: "shown as the title",
    EndedBy: "not shown: the compliance score says whether the caller hung up first",
    SwitchSignalKind: "between the call simulator and the seat, never shown",
    CallbackResult: "the callback desk's result buttons (with their shortcuts) are its words",
    TargetStatus: "the campaign desk's result buttons and progress counts are its words",
    PrintAction: "not shown: the registry's printout words it (reports/)",
    SessionEnd: "said whole by the ended-session banner (session.ended.* messages)",
}
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _vocabularies() -> set[type[StrEnum]]:
    return {
        v
        for v in vars(vocabulary).values()
        if isinstance(v, type) and issubclass(v, StrEnum) and v is not StrEnum
    }


def test_every_vocabulary_is_labelled_or_says_why_not() -> None:
    labelled = [labels.vocabulary for labels in LABELS]
    assert len(labelled) == len(set(labelled)), "one mapping per vocabulary"
    assert set(labelled).isdisjoint(NOT_LABELLED)
    assert _vocabularies() <= set(labelled) | set(NOT_LABELLED)


@pytest.mark.parametrize("labels", LABELS, ids=lambda labels: labels.vocabulary.__name__)
def test_every_member_has_an_english_and_a_chinese_label(
    qapp: QApplication, labels: text.Labels[StrEnum]
) -> None:
    assert set(labels.words()) == set(labels.vocabulary)
    english = {member: labels(member) for member in labels.vocabulary}
    assert all(word and not _CJK.search(word) for word in english.values()), english
    translators = i18n.install(qapp, "zh_CN")
    try:
        chinese = {member: labels(member) for member in labels.vocabulary}
    finally:
        i18n.remove(qapp, translators)
    untranslated = [m.value for m, word in chinese.items() if not _CJK.search(word)]
    assert untranslated == []


def test_a_value_outside_the_vocabulary_is_shown_as_stored() -> None:
    assert text.intent_label("walk_in") == "walk_in"
    assert text.intent_label(None) == ""
    assert text.intent_label("repair") == "Repair"
