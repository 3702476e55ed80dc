"""Fields that refuse, as it is typed, what the database could not store.

Every text field of the console has a limit (the domain's: ``console.core.checks`` and
the services' ``MAX_*``) and none may hold a control character (PostgreSQL refuses a
NUL; the others are never meant). Refusing at the moment of typing, with a sentence that
names the field by its label, is kinder than a refusal at save time — and nothing is
ever cut silently: a paste that does not fit is refused whole, and what was in the field
stays as it was.

- :func:`guard_line` puts a :class:`FieldGuard` on a ``QLineEdit``: the limit in
  characters as Python and the databases count them (an emoji is one), shown in the
  tooltip; in a number field full-width digits (an input method's １３８) become 138.
- :class:`GuardedTextEdit` is a ``QPlainTextEdit`` with the same rules for a paste, a
  drop, an input method's text and each key; Tab moves on to the next field (a tab
  character in a note is never what the agent meant).

Both say what they refused through ``refused(str)``; the form shows it.
"""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import QCoreApplication, QMimeData, QObject, Signal
from PySide6.QtGui import QInputMethodEvent, QKeyEvent, QValidator
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QWidget

from console.core.checks import ascii_digits

# A QLineEdit's own maximum (32,767 by default) would cut a long paste before the guard
# sees it: the guard is the limit.
_NO_CUT = 2**31 - 1
# Characters a multi-line text may hold although they are "control" characters.
_LINE_BREAKS = frozenset("\n\u2029")


def control_character(text: str, allowed: frozenset[str] = frozenset()) -> str | None:
    """The first control character in ``text`` (NUL, BEL, ESC…), if any."""
    return next(
        (c for c in text if unicodedata.category(c) == "Cc" and c not in allowed),
        None,
    )


def refusal(label: str, max_len: int, text: str, allowed: frozenset[str] = frozenset()) -> str:
    """Why ``text`` cannot be the field's text ("" if it can)."""
    bad = control_character(text, allowed)
    if bad is not None:
        return (
            QCoreApplication.translate(
                "Fields", "“%1” cannot hold control characters such as NUL (U+%2): not typed in."
            )
            .replace("%1", label)
            .replace("%2", f"{ord(bad):04X}")
        )
    if max_len and len(text) > max_len:
        return (
            QCoreApplication.translate(
                "Fields",
                "“%1” holds at most %2 characters; with this it would hold %3. Not typed "
                "in: what was there is kept.",
            )
            .replace("%1", label)
            .replace("%2", f"{max_len:,}")
            .replace("%3", f"{len(text):,}")
        )
    return ""


def limit_tip(max_len: int) -> str:
    return QCoreApplication.translate("Fields", "At most %1 characters").replace(
        "%1", f"{max_len:,}"
    )


class FieldGuard(QValidator):
    """A line edit's guard: control characters and text past the limit are refused
    (``refused`` says so); a number field's full-width digits become ASCII."""

    refused = Signal(str)

    def __init__(self, label: str, max_len: int, *, digits: bool, parent: QObject) -> None:
        super().__init__(parent)
        self.label = label
        self.max_len = max_len
        self.digits = digits

    def validate(self, text: str, pos: int) -> object:
        if self.digits:
            text = ascii_digits(text)
        why = refusal(self.label, self.max_len, text)
        if why:
            QApplication.beep()
            self.refused.emit(why)
            return (QValidator.State.Invalid, text, pos)
        return (QValidator.State.Acceptable, text, pos)


def guard_line(edit: QLineEdit, label: str, max_len: int, *, digits: bool = False) -> FieldGuard:
    """Give ``edit`` (a field called ``label``) its limit and its guard."""
    guard = FieldGuard(label, max_len, digits=digits, parent=edit)
    edit.setMaxLength(_NO_CUT)
    edit.setValidator(guard)
    edit.setToolTip(limit_tip(max_len))
    return guard


class GuardedTextEdit(QPlainTextEdit):
    """Multi-line text with a limit: a paste, a drop, an input method's text or a key
    that would break it is refused whole (``refused`` says why). Tab leaves the field."""

    refused = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = ""
        self.max_len = 0  # 0: no limit set
        self.setTabChangesFocus(True)

    def set_limit(self, label: str, max_len: int) -> None:
        self.label = label
        self.max_len = max_len
        self.setToolTip(limit_tip(max_len))

    def _fits(self, inserted: str) -> bool:
        selected = len(self.textCursor().selectedText())
        after = len(self.toPlainText()) - selected + len(inserted)
        why = refusal(self.label, self.max_len, inserted, _LINE_BREAKS)
        if not why and self.max_len and after > self.max_len:
            why = refusal(self.label, self.max_len, "x" * after)
        if why:
            QApplication.beep()
            self.refused.emit(why)
            return False
        return True

    def insertFromMimeData(self, source: QMimeData) -> None:
        text = source.text().replace("\r\n", "\n").replace("\r", "\n")
        if self._fits(text):
            super().insertFromMimeData(source)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        commit = event.commitString()
        if commit and not self._fits(commit):
            event.accept()
            return
        super().inputMethodEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        typed = event.text()
        # Only what a key inserts counts: a printable character, or Enter's line break.
        inserted = "\n" if typed in ("\r", "\n") else typed if typed.isprintable() else ""
        if inserted and not self._fits(inserted):
            event.accept()
            return
        super().keyPressEvent(event)
