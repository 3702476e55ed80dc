"""Driving the console as an agent does: keys pressed where the keyboard focus is,
clicks on the widgets a person sees, text typed or pasted — and nothing else.

A test built on this never calls a slot or reads a private attribute: it finds widgets
by what a person (or a screen reader) knows them by — their accessible name, their
text, their object name as a last resort — presses keys and clicks, and then looks at
what the window shows and what the database holds::

    agent = Driver(qtbot, window)
    agent.press("Ctrl+1")
    agent.wait_for(lambda: "就绪" in agent.status("Agent state"))
    agent.type("张")            # into whatever has the focus
    agent.press("Tab")
    agent.click("Finish wrap-up (F10)")

Keys go to the focused widget of the active window, as a real keyboard's do (so a
shortcut works only where a person could use it). Chinese text is committed as an
input method commits it: QTest presses only keys a keyboard has.
"""

from __future__ import annotations

import builtins
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar, overload

from PySide6.QtCore import QKeyCombination, QPoint, Qt
from PySide6.QtGui import QGuiApplication, QInputMethodEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from ui.app.main_window import MainWindow

W = TypeVar("W", bound=QWidget)


def plain(text: str) -> str:
    """A label as read aloud: without its mnemonic marker ("通话(&C)" → "通话(C)")."""
    return re.sub(r"&(.)", r"\1", text.replace("&&", "\0")).replace("\0", "&")


def visible_widgets(root: QWidget, kind: type[W] = QWidget) -> Iterator[W]:  # type: ignore[assignment]
    for w in root.findChildren(kind):
        if w.isVisible():
            yield w


class Driver:
    """One person at the keyboard and mouse, in front of ``window``."""

    def __init__(self, qtbot: QtBot, window: QWidget, shots: Path | None = None) -> None:
        self.qtbot = qtbot
        self.window = window
        self.shots = shots
        self._shot = 0

    # --- where the person looks ---------------------------------------------------------

    def active(self) -> QWidget:
        """The window the keyboard goes to: a modal dialog over the window, or the window."""
        return QApplication.activeModalWidget() or QApplication.activeWindow() or self.window

    def focus(self) -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None, "nothing has the keyboard focus"
        return widget

    @overload
    def find(self, name: str, *, within: QWidget | None = None) -> QWidget: ...
    @overload
    def find(self, name: str, kind: type[W], within: QWidget | None = None) -> W: ...
    def find(
        self, name: str, kind: type[QWidget] = QWidget, within: QWidget | None = None
    ) -> QWidget:
        """The visible widget a person would call ``name``: its accessible name, its text
        (without the mnemonic marker) or its object name."""
        root = within or self.active()
        found = [w for w in visible_widgets(root, kind) if name in _names(w)]
        assert found, f"no visible {kind.__name__} called {name!r} in {root.objectName()!r}"
        return found[0]

    def has(self, name: str, kind: type[QWidget] = QWidget, within: QWidget | None = None) -> bool:
        root = within or self.active()
        return any(name in _names(w) for w in visible_widgets(root, kind))

    def text_of(self, name: str, within: QWidget | None = None) -> str:
        widget = self.find(name, QWidget, within)
        text = getattr(widget, "text", None) or getattr(widget, "toPlainText", None)
        assert callable(text), f"{name!r} shows no text"
        return str(text())

    def status(self, name: str) -> str:
        """A label of the status bar (or anywhere in the window), by its accessible name."""
        return self.find(name, QLabel, self.window).text()

    # --- the keyboard ---------------------------------------------------------------------

    def activate(self, window: QWidget | None = None) -> None:
        """Bring ``window`` to the front with the keyboard, as clicking its title bar does."""
        window = window or self.window
        window.activateWindow()
        window.raise_()
        self.qtbot.waitUntil(window.isActiveWindow, timeout=5_000)

    def press(self, keys: str, times: int = 1) -> None:
        """Press a key or a combination ("F2", "Ctrl+1", "Alt+N", "Shift+Tab") where
        the keyboard focus is."""
        # PySide6's stub leaves out QKeySequence.__getitem__ (Qt's operator[]).
        combo: QKeyCombination = QKeySequence(keys)[0]  # type: ignore[index]
        for _ in range(times):
            target = QApplication.focusWidget() or self.active()
            self.qtbot.keyClick(target, combo.key(), combo.keyboardModifiers())

    def type(self, text: str, widget: QWidget | None = None) -> None:
        """Type ``text`` into ``widget`` (default: the focus): Latin letters, digits and
        signs key by key, everything else committed by the input method."""
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
        target = widget or self.focus()
        for chunk in re.findall(r"[\x20-\x7e]+|[^\x20-\x7e]+", text):
            if chunk.isascii():
                self.qtbot.keyClicks(target, chunk)
            else:
                event = QInputMethodEvent()
                event.setCommitString(chunk)
                QApplication.sendEvent(target, event)

    def paste(self, text: str) -> None:
        """Put ``text`` on the clipboard and press Ctrl+V where the focus is."""
        QGuiApplication.clipboard().setText(text)
        self.press("Ctrl+V")

    def tab_to(self, name: str, limit: int = 60) -> QWidget:
        """Press Tab until the widget called ``name`` has the focus."""
        visited = []
        for _ in range(limit):
            if name in _names(self.focus()):
                return self.focus()
            visited.append(sorted(_names(self.focus())))
            self.press("Tab")
        raise AssertionError(f"Tab never reached {name!r}; it went {visited}")

    # --- the mouse -------------------------------------------------------------------------

    def click(self, target: str | QWidget, within: QWidget | None = None) -> None:
        """Click a button (by its words) or any widget, in its middle."""
        widget = self.find(target, QWidget, within) if isinstance(target, str) else target
        assert widget.isEnabled(), f"{_names(widget)} is disabled"
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())

    def click_tab(self, bar: QTabBar, name: str) -> None:
        index = next(i for i in range(bar.count()) if name in plain(bar.tabText(i)))
        self.qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())

    def click_at(self, widget: QWidget, point: QPoint) -> None:
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=point)

    # --- waiting and keeping a record ---------------------------------------------------------

    def wait_for(self, condition: Callable[[], object], timeout: int = 15_000) -> None:
        """Until ``condition()`` is true (the window shows it, the database holds it)."""
        self.qtbot.waitUntil(lambda: bool(condition()), timeout=timeout)

    def wait_for_window(self, kind: builtins.type[W], timeout: int = 15_000) -> W:
        """The next top-level window of ``kind`` once it is on screen, brought to the
        front (an X server without a window manager does not activate it by itself)."""
        found: list[W] = []

        def shown() -> bool:
            found[:] = [
                w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()
            ]
            return bool(found)

        self.qtbot.waitUntil(shown, timeout=timeout)
        window = next((w for w in found if w.isActiveWindow()), found[-1])
        if not window.isActiveWindow():
            self.activate(window)
        return window

    def shot(self, name: str, widget: QWidget | None = None) -> Path | None:
        """Save what the person sees now, numbered in order (the test's record)."""
        if self.shots is None:
            return None
        self.shots.mkdir(parents=True, exist_ok=True)
        self._shot += 1
        path = self.shots / f"{self._shot:02d}-{name}.png"
        QApplication.processEvents()
        (widget or self.active()).grab().save(str(path))
        return path


def _names(w: QWidget) -> set[str]:
    names = {w.accessibleName(), w.objectName()}
    if isinstance(w, QAbstractButton | QLabel):
        names.add(plain(w.text()))
    return {n for n in names if n}


def be_ready(qtbot: QtBot, w: MainWindow) -> None:
    """Ctrl+1, as an agent ready for calls presses it: only a ready seat is rung."""
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    qtbot.keyClick(w, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: w.state_label.text() == "状态:就绪", timeout=10_000)
