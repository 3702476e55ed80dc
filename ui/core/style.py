"""The console's look: one style sheet and a font that has Chinese glyphs everywhere."""

from __future__ import annotations

from PySide6.QtGui import QFont
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


def apply(app: QApplication) -> None:
    font = QFont(app.font())
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(11)
    app.setFont(font)
    with resources.path("style", "console.qss").open(encoding="utf-8") as f:
        app.setStyleSheet(f.read())


def repolish(widget: object) -> None:
    """Re-apply the style sheet after a dynamic property (``kind``, ``ok``) changed."""
    from PySide6.QtWidgets import QWidget

    if isinstance(widget, QWidget):
        style = widget.style()
        style.unpolish(widget)
        style.polish(widget)
        widget.update()
