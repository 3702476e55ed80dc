"""Small widgets shared by the dialogs and the main window."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui.core.style import repolish


def fit_dialog(widget: QWidget) -> None:
    """Make ``widget``'s dialog tall enough for its content: a message that wraps to
    more lines makes the dialog taller instead of squeezing the fields.

    A dialog with a minimum width does not take its minimum height from the layout, and
    the height of wrapped text depends on the width, so Qt does not grow it by itself.
    A dialog that was given a size (by the user, or by its code before it opened) keeps
    it and only grows: shrinking it to its size hint after each message made dialogs
    jump about, and opened the content editor at half the width it asked for.
    """
    dialog = widget.window()
    layout = dialog.layout()
    if not isinstance(dialog, QDialog) or layout is None:
        return
    layout.activate()
    if not dialog.isVisible() and not dialog.testAttribute(Qt.WidgetAttribute.WA_Resized):
        dialog.adjustSize()
        return
    width = max(dialog.width(), layout.minimumSize().width())
    needed = (
        layout.totalHeightForWidth(width)
        if layout.hasHeightForWidth()
        else layout.totalMinimumSize().height()
    )
    if needed > dialog.height():
        dialog.resize(width, needed)


class MessageLabel(QLabel):
    """An inline message under a form: hidden when empty, an error or a piece of info."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("message")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setAccessibleName(self.tr("Message"))
        self.hide()

    def show_error(self, text: str) -> None:
        self._show("error", text)

    def show_info(self, text: str) -> None:
        self._show("info", text)

    def show_warning(self, text: str) -> None:
        self._show("warning", text)

    def clear_message(self) -> None:
        self.clear()
        self.setAccessibleDescription("")
        self.hide()
        fit_dialog(self)

    def kind(self) -> str:
        return str(self.property("kind") or "")

    def _show(self, kind: str, text: str) -> None:
        self.setProperty("kind", kind)
        self.setText(text)
        self.setAccessibleDescription(text)
        repolish(self)
        self.show()
        fit_dialog(self)


class StatusLabel(QLabel):
    """A quiet line of progress ("Signing in…"); takes no room while empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hint")
        self.setAccessibleName(self.tr("Status"))
        self.hide()

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setVisible(bool(text))

    def clear(self) -> None:
        super().clear()
        self.hide()


class Banner(QFrame):
    """A strip across the top of the main window for a condition that lasts (the
    database is unreachable, the session was ended). It covers nothing."""

    action_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setAccessibleName(self.tr("Notice"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 8, 10, 8)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.button = QPushButton(self)
        self.button.clicked.connect(self.action_clicked)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button, 0)
        self.topic = ""
        self.hide()

    def show_notice(self, topic: str, kind: str, text: str, action: str = "") -> None:
        """``topic`` names the condition ("db", "session") so it can be cleared later."""
        self.topic = topic
        self.setProperty("kind", kind)
        self.label.setText(text)
        self.setAccessibleDescription(text)
        self.button.setText(action)
        self.button.setAccessibleName(action)
        self.button.setVisible(bool(action))
        repolish(self)
        self.show()

    def clear_notice(self, topic: str | None = None) -> None:
        if topic is None or topic == self.topic:
            self.topic = ""
            self.hide()

    def text(self) -> str:
        return "" if self.isHidden() else self.label.text()


def scroll_page(page: QWidget, content: QLayout) -> QScrollArea:
    """Show ``content`` on ``page`` in a scroll area: on a small screen, or at a large
    scale factor, the page scrolls instead of pushing the window past the screen."""
    inner = QWidget(page)
    inner.setLayout(content)
    area = QScrollArea(page)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the fields inside take the focus
    area.setWidget(inner)
    outer = QVBoxLayout(page)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(area)
    return area
