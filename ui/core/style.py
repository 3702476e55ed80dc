"""The console's look: one style sheet, the icon, and a font that has Chinese glyphs
everywhere — the system's, or the one shipped in ``resources/fonts`` when the system has
none (a Windows or Linux install without CJK fonts would otherwise show boxes)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication

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


def apply(app: QApplication) -> None:
    # The icon on the event loop's next turn: the SVG plugin and QIcon's classes would
    # delay the first window by ~3 ms, and a title bar takes its icon a moment later.
    QTimer.singleShot(0, lambda: set_icon(app))
    QGuiApplication.setDesktopFileName(DESKTOP_FILE)
    ensure_chinese_font()
    font = QFont(app.font())
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(11)
    app.setFont(font)
    with resources.path("style", "console.qss").open(encoding="utf-8") as f:
        app.setStyleSheet(f.read())


def set_icon(app: QApplication) -> None:
    from PySide6.QtGui import QIcon

    app.setWindowIcon(QIcon(str(resources.path("icons", "agent-console.svg"))))


def ensure_chinese_font() -> bool:
    """Load the shipped CJK font when no installed font covers Simplified Chinese;
    whether it had to."""
    if QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        return False
    QFontDatabase.addApplicationFont(str(resources.path("fonts", "wqy-microhei.ttc")))
    return True


def repolish(widget: object) -> None:
    """Re-apply the style sheet after a dynamic property (``kind``, ``ok``) changed. A
    widget not yet polished needs nothing: it reads its properties when first shown (and
    skipping it keeps PySide6 from building QStyle's ~600 enum members before the login
    dialog shows)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QWidget

    if isinstance(widget, QWidget) and widget.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
        style = widget.style()
        style.unpolish(widget)
        style.polish(widget)
        widget.update()
