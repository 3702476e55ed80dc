"""The console's look: one style sheet, the icon, and a font that has Chinese glyphs
everywhere — the system's, or the one shipped in ``resources/fonts`` when the system has
none (a Windows or Linux install without CJK fonts would otherwise show boxes)."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QIcon
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleHintReturn,
    QStyleOption,
    QWidget,
)

import resources

# The first family present wins; all of them cover Simplified Chinese.
FONT_FAMILIES = [
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "Sans Serif",
]


# The desktop entry's name (packaging/debian/agent-console.desktop): lets the desktop
# match the windows to the menu entry and its icon.
DESKTOP_FILE = "agent-console"


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


def apply(app: QApplication) -> None:
    if not isinstance(app.style(), ConsoleStyle):
        app.setStyle(ConsoleStyle(app.style().name()))
    app.setWindowIcon(QIcon(str(resources.path("icons", "agent-console.svg"))))
    QGuiApplication.setDesktopFileName(DESKTOP_FILE)
    ensure_chinese_font()
    font = QFont(app.font())
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(11)
    app.setFont(font)
    with resources.path("style", "console.qss").open(encoding="utf-8") as f:
        app.setStyleSheet(f.read())


def ensure_chinese_font() -> bool:
    """Load the shipped CJK font when no installed font covers Simplified Chinese;
    whether it had to."""
    if QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        return False
    QFontDatabase.addApplicationFont(str(resources.path("fonts", "wqy-microhei.ttc")))
    return True


def repolish(widget: object) -> None:
    """Re-apply the style sheet after a dynamic property (``kind``, ``ok``) changed."""
    from PySide6.QtWidgets import QWidget

    if isinstance(widget, QWidget):
        style = widget.style()
        style.unpolish(widget)
        style.polish(widget)
        widget.update()
