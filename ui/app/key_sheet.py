"""The key sheet (F1): every key of the console on one page, read from the actions
themselves — a key added to a window is on the sheet without anyone listing it."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


def _words(action: QAction) -> str:
    """An action's text as a line of the sheet: no mnemonic marker, no ellipsis."""
    text = action.text() or action.toolTip()
    text = re.sub(r"\(&.\)", "", text)  # 签出(&O) → 签出
    return text.replace("&", "").replace("…", "").strip()


def window_keys(window: QWidget) -> list[tuple[str, str]]:
    """(key, what it does) for every action of ``window`` that has a key."""
    seen: dict[str, str] = {}
    for action in window.findChildren(QAction):
        if action.shortcut().isEmpty() or not _words(action):
            continue
        key = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        seen.setdefault(key, _words(action))
    return sorted(seen.items(), key=lambda kv: (len(kv[0]) > 3, kv[0]))


class KeySheet(QDialog):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("keySheet")
        self.setWindowTitle(self.tr("Keyboard"))
        rows = window_keys(window)
        rows += [
            (self.tr("Alt + underlined letter"), self.tr("Go to that tab, field or button")),
            (self.tr("Tab / Shift+Tab"), self.tr("Next / previous field, in reading order")),
            (self.tr("Ctrl+Tab"), self.tr("Next tab of the window")),
            (self.tr("Esc"), self.tr("Close a dialog")),
        ]
        table = QTableWidget(len(rows), 2, self)
        table.setObjectName("keyTable")
        table.setAccessibleName(self.tr("Keys"))
        table.setHorizontalHeaderLabels([self.tr("Key"), self.tr("What it does")])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, (key, what) in enumerate(rows):
            table.setItem(row, 0, QTableWidgetItem(key))
            table.setItem(row, 1, QTableWidgetItem(what))
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        intro = QLabel(
            self.tr("The console works from the keyboard alone. These keys work now:"), self
        )
        intro.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(table, 1)
        layout.addWidget(buttons)
        self.resize(640, 560)
        table.setFocus(Qt.FocusReason.OtherFocusReason)
