"""Alt alone leaves the keyboard where it was (the main window's menu bar).

Installed by the main window when it is built, not with the rest of the look
(``ui/core/style.py``): the login dialog has no menu bar, and a style class costs it
~5 ms of PySide6 start-up before it shows."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleHintReturn,
    QStyleOption,
    QWidget,
)


class ConsoleStyle(QProxyStyle):
    """The platform's style, except that Alt pressed and released alone does not move
    the keyboard to the menu bar: the next keys an agent types still go into the field
    (Alt+letter opens a menu as before)."""

    def styleHint(
        self,
        hint: QStyle.StyleHint,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
        returnData: QStyleHintReturn | None = None,
    ) -> int:
        if hint == QStyle.StyleHint.SH_MenuBar_AltKeyNavigation:
            return 0
        return super().styleHint(hint, option, widget, returnData)


def install() -> None:
    app = QApplication.instance()
    if isinstance(app, QApplication) and not isinstance(app.style(), ConsoleStyle):
        app.setStyle(ConsoleStyle(app.style().name()))
