"""The scripted dialogue panel (R2.2–R2.9): what to say next, stage by stage, and the
special-situation quick scripts at any moment.

The script lines come from ``console.content.dialogue`` already rendered (greeting of the day,
the caller's surname and title, the agent's job number…). The agent reads the
highlighted line and presses F8 ("said"): the panel emits ``said`` and moves on. Lines
already said are ticked; the agent may pick any other line with the arrow keys. The
quick scripts list works the same way, and the two timed sequences (silent call, caller
who does not hang up) prompt their next phrase when it comes due.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

ID_ROLE = Qt.ItemDataRole.UserRole
SURNAME_ROLE = Qt.ItemDataRole.UserRole + 1
SAID_MARK = "✓ "
HEADER_COLOR = QColor("#52606d")
SAID_COLOR = QColor("#7b8794")


class Line(Protocol):
    """A script line as ``console.content.dialogue.ScriptLine`` gives it."""

    @property
    def id(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def addresses_by_surname(self) -> bool: ...


class _PhraseList(QListWidget):
    """A list of phrases with ticks for the ones said; headers are not selectable."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAlternatingRowColors(False)
        self.setUniformItemSizes(False)

    def add_header(self, text: str) -> None:
        item = QListWidgetItem(text)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        font = QFont(self.font())
        font.setBold(True)
        item.setFont(font)
        item.setForeground(QBrush(HEADER_COLOR))
        self.addItem(item)

    def add_phrase(self, phrase_id: str, text: str, by_surname: bool, said: bool) -> None:
        item = QListWidgetItem((SAID_MARK if said else "") + text)
        item.setData(ID_ROLE, phrase_id)
        item.setData(SURNAME_ROLE, by_surname)
        item.setToolTip(text)
        if said:
            item.setForeground(QBrush(SAID_COLOR))
        self.addItem(item)

    def phrase_rows(self) -> list[int]:
        return [i for i in range(self.count()) if self.item(i).data(ID_ROLE) is not None]

    def row_of(self, phrase_id: str) -> int | None:
        for i in self.phrase_rows():
            if self.item(i).data(ID_ROLE) == phrase_id:
                return i
        return None


class DialoguePanel(QWidget):
    said = Signal(str, bool)  # phrase id, addressed the caller by surname
    sequence_requested = Signal(str)  # "silent_call" / "caller_lingers"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dialoguePanel")
        self._said: set[str] = set()
        self._prompted: str | None = None  # the phrase a timed sequence asks for
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("Script — F8 marks the highlighted line as said"), self)
        title.setObjectName("sectionTitle")
        title.setWordWrap(True)  # a narrow pane (a large scale factor) wraps it
        self.script = _PhraseList(self)
        self.script.setObjectName("scriptLines")
        self.script.setAccessibleName(self.tr("Script lines"))
        self.script.itemActivated.connect(lambda item: self._say_item(self.script, item))
        self.prompt = QLabel(self)
        self.prompt.setObjectName("scriptPrompt")
        self.prompt.setWordWrap(True)
        self.prompt.setAccessibleName(self.tr("Prompt"))
        self.prompt.hide()

        quick_title = QLabel(self.tr("Quick scripts (F9)"), self)
        quick_title.setObjectName("sectionTitle")
        self.quick_filter = QLineEdit(self)
        self.quick_filter.setObjectName("quickFilter")
        self.quick_filter.setAccessibleName(self.tr("Filter quick scripts"))
        self.quick_filter.setPlaceholderText(self.tr("Type to filter, Enter to say"))
        self.quick_filter.textChanged.connect(self._filter_quick)
        self.quick_filter.returnPressed.connect(self._say_first_quick)
        quick_title.setBuddy(self.quick_filter)
        self.quick = _PhraseList(self)
        self.quick.setObjectName("quickScripts")
        self.quick.setAccessibleName(self.tr("Quick scripts"))
        self.quick.itemActivated.connect(lambda item: self._say_item(self.quick, item))
        buttons = QVBoxLayout()  # one above the other: whole words in a narrow pane
        self.silent_button = QPushButton(self.tr("Silent call sequence"), self)
        self.silent_button.setObjectName("silentCall")
        self.silent_button.clicked.connect(lambda: self.sequence_requested.emit("silent_call"))
        self.linger_button = QPushButton(self.tr("Caller does not hang up"), self)
        self.linger_button.setObjectName("callerLingers")
        self.linger_button.clicked.connect(lambda: self.sequence_requested.emit("caller_lingers"))
        buttons.addWidget(self.silent_button)
        buttons.addWidget(self.linger_button)
        layout.addWidget(title)
        layout.addWidget(self.script, 3)
        layout.addWidget(self.prompt)
        layout.addWidget(quick_title)
        layout.addWidget(self.quick_filter)
        layout.addWidget(self.quick, 2)
        layout.addLayout(buttons)
        self.setTabOrder(self.script, self.quick_filter)
        self.setTabOrder(self.quick_filter, self.quick)

    def fields_in_order(self) -> list[QWidget]:
        """What Tab visits in the panel, top to bottom."""
        return [self.script, self.quick_filter, self.quick, self.silent_button, self.linger_button]

    # --- content -------------------------------------------------------------------

    def set_script(self, stages: Sequence[tuple[str, Sequence[Line]]]) -> None:
        """The script, as (stage heading, lines) in speaking order. The highlight goes
        to the next line not said after the furthest one said (lines the agent skipped
        stay skipped; lines that appear later in the walk, like an intent's steps,
        come next)."""
        self.script.clear()
        for heading, lines in stages:
            if not lines:
                continue
            self.script.add_header(heading)
            for line in lines:
                said = line.id in self._said
                self.script.add_phrase(line.id, line.text, line.addresses_by_surname, said)
        self.script.setCurrentRow(self._next_unsaid())

    def set_quick(self, phrases: Iterable[tuple[str, str, bool]]) -> None:
        """Quick scripts as (phrase id, text, by surname)."""
        self.quick.clear()
        for phrase_id, text, by_surname in phrases:
            self.quick.add_phrase(phrase_id, text, by_surname, phrase_id in self._said)
        self._filter_quick(self.quick_filter.text())

    def reset(self, said: Iterable[str] = ()) -> None:
        self._said = set(said)
        self._prompted = None
        self.prompt.hide()
        self.quick_filter.clear()

    # --- marking said ----------------------------------------------------------------

    def current_phrase_id(self) -> str | None:
        item = self.script.currentItem()
        return None if item is None else str(item.data(ID_ROLE))

    def mark_current_said(self) -> None:
        """F8: the phrase a timed sequence is prompting, else the highlighted line (in
        the quick list if it has focus) was said."""
        if self._prompted is not None and self._prompted not in self._said:
            row = self.quick.row_of(self._prompted)
            if row is not None:
                self._say_item(self.quick, self.quick.item(row))
                return
        lst = self.quick if self.quick.hasFocus() else self.script
        item = lst.currentItem()
        if item is not None and item.data(ID_ROLE) is not None:
            self._say_item(lst, item)

    def say_prompted(self, phrase_id: str) -> None:
        """Highlight a quick-script phrase a timed sequence asks for now; F8 says it."""
        self._prompted = phrase_id
        row = self.quick.row_of(phrase_id)
        if row is not None:
            self.quick.setCurrentRow(row)
            self.quick.setFocus()

    def show_prompt(self, text: str) -> None:
        if not text:
            self._prompted = None
        self.prompt.setText(text)
        self.prompt.setVisible(bool(text))

    def _say_item(self, lst: _PhraseList, item: QListWidgetItem) -> None:
        phrase_id = item.data(ID_ROLE)
        if phrase_id is None:
            return
        self.said.emit(str(phrase_id), bool(item.data(SURNAME_ROLE)))

    def mark_said(self, phrase_id: str) -> None:
        """The call logged ``phrase_id``: tick it and move the highlight on."""
        self._said.add(phrase_id)
        for lst in (self.script, self.quick):
            row = lst.row_of(phrase_id)
            if row is not None:
                item = lst.item(row)
                if not item.text().startswith(SAID_MARK):
                    item.setText(SAID_MARK + item.text())
                item.setForeground(QBrush(SAID_COLOR))
        row = self.script.row_of(phrase_id)
        if row is not None and self.script.currentRow() == row:
            following = [r for r in self.script.phrase_rows() if r > row]
            if following:
                self.script.setCurrentRow(following[0])

    def _next_unsaid(self) -> int:
        rows = self.script.phrase_rows()
        said = [r for r in rows if self.script.item(r).data(ID_ROLE) in self._said]
        after = said[-1] if said else -1
        unsaid = [r for r in rows if r not in said]
        following = [r for r in unsaid if r > after]
        if following:
            return following[0]
        return unsaid[0] if unsaid else (rows[-1] if rows else -1)

    # --- quick list filter --------------------------------------------------------------

    def _filter_quick(self, text: str) -> None:
        needle = text.strip()
        for i in range(self.quick.count()):
            item = self.quick.item(i)
            item.setHidden(bool(needle) and needle not in item.text())

    def _say_first_quick(self) -> None:
        for i in range(self.quick.count()):
            item = self.quick.item(i)
            if not item.isHidden():
                self.quick.setCurrentRow(i)
                self._say_item(self.quick, item)
                return
