"""Scripts, lists and policies, edited by an administrator: the text in force,
checked exactly as the seats check it (the place of an error is shown and the cursor put
there), previewed with sample values, saved as a new version with a note, and rolled
back to any earlier one; and the departments cases are dispatched to.

Thin over ``console.content.content_versions`` and ``console.content.departments``
(which check the role and audit). Nothing typed is lost: a refused save keeps the text,
and switching to another kind keeps an unsaved draft until the administrator comes back
to it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFontDatabase, QKeySequence, QShortcut, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from console.content import content, content_versions, departments
from console.content.content_versions import Draft
from console.content.departments import DepartmentInfo
from console.core.datafiles import ResourceError
from console.core.errors import UserFacingError
from console.core.runner import Runner
from console.core.settings import Settings
from ui.core.changes import Topic
from ui.core.text import content_kind_label, error_text, message_id
from ui.core.widgets import MessageLabel
from ui.core.worker import BackgroundOp, Busy, service_op

T = TypeVar("T")
DEPARTMENTS = "departments"
ERROR_LINE = QColor("#fde2e1")


class ContentEditor(QDialog):
    opened = Signal(str)  # a kind's text and history are shown
    checked = Signal(bool)  # the text validated (preview shown) or not
    saved = Signal(str)  # a kind got a new version
    departments_shown = Signal()

    def __init__(self, run: Runner, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contentEditor")
        self.setWindowTitle(self.tr("Scripts, lists and policies"))
        self.run = run
        self.settings = settings
        self.zone = ZoneInfo(settings.timezone)
        self.busy = Busy(self)
        self.busy.changed.connect(lambda _busy: self._enable())
        self.draft: Draft | None = None
        self.unsaved: dict[str, str] = {}  # kind -> text typed and not saved
        self.message = MessageLabel(self)

        self.kinds = QListWidget(self)
        self.kinds.setObjectName("contentKinds")
        self.kinds.setAccessibleName(self.tr("Kinds of content"))
        for name, label in [*content_kind_label.choices(), (DEPARTMENTS, self.tr("Departments"))]:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, str(name))
            self.kinds.addItem(item)
        self.kinds.setMaximumWidth(280)
        self.kinds.currentItemChanged.connect(self._kind_chosen)

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._text_page())
        self.pages.addWidget(self._departments_page())

        body = QHBoxLayout()
        body.addWidget(self.kinds)
        body.addWidget(self.pages, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(body, 1)
        self.resize(1100, 720)
        self.kinds.setCurrentRow(0)

    # -- layout -------------------------------------------------------------------------

    def _text_page(self) -> QWidget:
        page = QWidget(self)
        self.version_label = QLabel(page)
        self.version_label.setObjectName("contentVersion")
        self.editor = QPlainTextEdit(page)
        self.editor.setObjectName("contentText")
        self.editor.setAccessibleName(self.tr("Text of the content"))
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.preview = QPlainTextEdit(page)
        self.preview.setObjectName("contentPreview")
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName(self.tr("Preview with sample values"))
        self.preview.setPlaceholderText(
            self.tr("Check the text (F5) to see it as the seats will, with sample values.")
        )
        split = QSplitter(Qt.Orientation.Vertical, page)
        split.addWidget(self.editor)
        split.addWidget(self.preview)
        split.setSizes([460, 180])

        self.check_button = QPushButton(self.tr("&Check and preview (F5)"), page)
        self.check_button.clicked.connect(self.check)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.check)
        self.note = QLineEdit(page)
        self.note.setObjectName("contentNote")
        self.note.setAccessibleName(self.tr("What changed and why"))
        self.note.setPlaceholderText(self.tr("What changed and why (kept in the history)"))
        self.save_button = QPushButton(self.tr("&Save as a new version"), page)
        self.save_button.setObjectName("contentSave")
        self.save_button.clicked.connect(self.save)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        save_row = QHBoxLayout()
        save_row.addWidget(self.check_button)
        save_row.addWidget(self.note, 1)
        save_row.addWidget(self.save_button)

        self.history = QTableWidget(0, 4, page)
        self.history.setObjectName("contentHistory")
        self.history.setAccessibleName(self.tr("Versions"))
        self.history.setHorizontalHeaderLabels(
            [self.tr("Version"), self.tr("Saved"), self.tr("By"), self.tr("Note")]
        )
        self.history.horizontalHeader().setStretchLastSection(True)
        self.history.verticalHeader().setVisible(False)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.setMaximumHeight(150)
        self.history.itemSelectionChanged.connect(self._enable)
        self.rollback_button = QPushButton(self.tr("&Roll back to the chosen version"), page)
        self.rollback_button.setObjectName("contentRollBack")
        self.rollback_button.clicked.connect(self.roll_back)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.version_label)
        layout.addWidget(split, 1)
        layout.addLayout(save_row)
        layout.addWidget(self.history)
        layout.addWidget(self.rollback_button, 0, Qt.AlignmentFlag.AlignRight)
        return page

    def _departments_page(self) -> QWidget:
        page = QWidget(self)
        self.departments = QTableWidget(0, 2, page)
        self.departments.setObjectName("departments")
        self.departments.setAccessibleName(self.tr("Departments"))
        self.departments.setHorizontalHeaderLabels([self.tr("Code"), self.tr("Name")])
        self.departments.horizontalHeader().setStretchLastSection(True)
        self.departments.verticalHeader().setVisible(False)
        self.departments.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.departments.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.departments.itemSelectionChanged.connect(self._department_chosen)
        self.department_code = QLineEdit(page)
        self.department_code.setObjectName("departmentCode")
        self.department_code.setPlaceholderText(self.tr("e.g. METER (capitals)"))
        self.department_name = QLineEdit(page)
        self.department_name.setObjectName("departmentName")
        form = QFormLayout()
        form.addRow(self.tr("C&ode"), self.department_code)
        form.addRow(self.tr("&Name"), self.department_name)
        self.add_department_button = QPushButton(self.tr("&Add department"), page)
        self.add_department_button.clicked.connect(self.add_department)
        self.rename_button = QPushButton(self.tr("Re&name the chosen department"), page)
        self.rename_button.clicked.connect(self.rename_department)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_department_button)
        buttons.addWidget(self.rename_button)
        buttons.addStretch(1)
        note = QLabel(self.tr("Departments are never removed: cases keep referring to them."), page)
        note.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.departments, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(note)
        return page

    # -- state ---------------------------------------------------------------------------

    @property
    def kind_name(self) -> str:
        item = self.kinds.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else ""

    def _enable(self) -> None:
        idle = not self.busy
        loaded = self.draft is not None
        for w in (self.check_button, self.save_button, self.editor):
            w.setEnabled(idle and loaded)
        row = self.history.currentRow()
        current = self.draft is not None and row == 0
        self.rollback_button.setEnabled(idle and loaded and row >= 0 and not current)
        self.add_department_button.setEnabled(idle)
        self.rename_button.setEnabled(idle and self.departments.currentRow() >= 0)
        self.kinds.setEnabled(idle)

    def _op(self, op: BackgroundOp[T], done: Callable[[T], None]) -> None:
        def finished(result: T) -> None:
            done(result)
            self._enable()  # what it showed (a draft, a selection) decides

        op.busy(self.busy).on_success(finished).on_failure(self._fail).start()

    def _fail(self, error: BaseException) -> None:
        if isinstance(error, ResourceError):
            self._show_invalid(error)
        else:
            self.message.show_error(error_text(error, self.settings))  # the text stays typed
        self._enable()

    # -- one kind of content ---------------------------------------------------------------

    def _kind_chosen(
        self, current: QListWidgetItem | None, previous: QListWidgetItem | None
    ) -> None:
        modified = self.editor.document().isModified()
        if previous is not None and self.draft is not None and modified:
            self.unsaved[self.draft.kind] = self.editor.toPlainText()
        if current is None:
            return
        self.message.clear_message()
        if self.kind_name == DEPARTMENTS:
            self.pages.setCurrentIndex(1)
            self.refresh_departments()
            return
        self.pages.setCurrentIndex(0)
        self.open_kind(self.kind_name)

    def open_kind(self, name: str) -> None:
        self.draft = None
        kind = content.kind_named(name)
        self._op(service_op(self, self.run, content_versions.open_kind, kind), self._opened)

    def _opened(self, draft: Draft) -> None:
        self.draft = draft
        text = self.unsaved.pop(draft.kind, None)
        self.editor.setPlainText(text if text is not None else draft.text)
        self.editor.document().setModified(text is not None)
        self.editor.setExtraSelections([])
        self.preview.clear()
        latest = draft.history[0]
        when = self._when(latest.saved_at)
        self.version_label.setText(
            self.tr("%1 · version %2 in force %3")
            .replace("%1", content_kind_label(draft.kind))
            .replace("%2", str(draft.version) if draft.version else self.tr("0 (as shipped)"))
            .replace("%3", f"· {latest.author} · {when}" if latest.saved_at else "")
            + (self.tr(" · unsaved changes kept") if text is not None else "")
        )
        self.history.setRowCount(len(draft.history))
        for row, v in enumerate(draft.history):
            saved = self._when(v.saved_at)
            note = v.note
            if v.restored_from is not None:
                note = self.tr("(back to version %1) ").replace("%1", str(v.restored_from)) + note
            if v.version == 0:
                note = self.tr("As shipped with the console")
            for col, value in enumerate((str(v.version), saved, v.author, note)):
                self.history.setItem(row, col, QTableWidgetItem(value))
        self.history.resizeColumnsToContents()
        self.history.clearSelection()
        self.opened.emit(draft.kind)

    def _when(self, moment: datetime | None) -> str:
        return moment.astimezone(self.zone).strftime("%Y-%m-%d %H:%M") if moment else ""

    def check(self) -> None:
        if self.draft is None:
            return
        kind, text = content.kind_named(self.draft.kind), self.editor.toPlainText()
        self._op(
            service_op(self, self.run, content_versions.preview_text, kind, text), self._previewed
        )

    def _previewed(self, lines: list[str]) -> None:
        self.editor.setExtraSelections([])
        self.preview.setPlainText("\n".join(lines))
        self.message.show_info(
            self.tr("The text is valid. The preview shows it with sample values.")
        )
        self.checked.emit(True)

    def _show_invalid(self, error: ResourceError) -> None:
        shown = UserFacingError(
            "content.invalid",
            file=error.file,
            line=error.line,
            field=error.field,
            problem=error.problem,
        )
        self.message.show_error(error_text(shown, self.settings))
        if error.line is not None:
            block = self.editor.document().findBlockByLineNumber(error.line - 1)
            cursor = QTextCursor(block)
            self.editor.setTextCursor(cursor)
            mark = QTextEdit.ExtraSelection()
            mark.format.setBackground(ERROR_LINE)
            mark.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
            mark.cursor = cursor
            self.editor.setExtraSelections([mark])
            self.editor.centerCursor()
        self.checked.emit(False)

    def save(self) -> None:
        if self.draft is None:
            return
        draft, text, note = self.draft, self.editor.toPlainText(), self.note.text()
        kind = content.kind_named(draft.kind)

        def saved(version: int) -> None:
            self.note.clear()
            self.message.show_info(
                self.tr("Saved as version %1; the seats take it in within %2 s.")
                .replace("%1", str(version))
                .replace("%2", str(content_versions.SEATS_TAKE_IN_SECONDS))
            )
            self.editor.document().setModified(False)
            self.saved.emit(draft.kind)
            self.open_kind(draft.kind)

        def refused(error: BaseException) -> None:
            self._fail(error)
            if message_id(error) == "content.changed_elsewhere":
                # Show the version the other administrator saved in the history; the
                # text typed here stays in the editor, to compare and save again.
                self.unsaved[draft.kind] = text
                self.open_kind(draft.kind)

        op = service_op(self, self.run, content_versions.save, kind, text, note, draft.version)
        # This seat takes it in at once (Topic.CONTENT).
        op.changes(Topic.CONTENT).busy(self.busy).on_success(saved).on_failure(refused).start()

    def roll_back(self) -> None:
        """Ask first (what goes back, why, and that unsaved text is lost), then roll back."""
        if self.draft is None or self.history.currentRow() < 0:
            return
        chosen = self.draft.history[self.history.currentRow()].version
        kind = content.kind_named(self.draft.kind)
        ask = RollBackDialog(
            content_kind_label(kind.name), chosen, self.editor.document().isModified(), self
        )
        ask.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        ask.confirmed.connect(lambda note: self._roll_back(kind, chosen, note))
        self.roll_back_dialog = ask
        ask.open()

    def _roll_back(self, kind: content.Kind[Any], chosen: int, note: str) -> None:
        def done(version: int) -> None:
            self.message.show_info(
                self.tr("Version %1 is in force again (saved as version %2).")
                .replace("%1", str(chosen))
                .replace("%2", str(version))
            )
            self.editor.document().setModified(False)  # the administrator agreed to drop it
            self.saved.emit(kind.name)
            self.open_kind(kind.name)

        op = service_op(self, self.run, content_versions.roll_back, kind, chosen, note)
        self._op(op.changes(Topic.CONTENT), done)

    # -- leaving ---------------------------------------------------------------------------

    def has_unsaved(self) -> bool:
        modified = self.draft is not None and self.editor.document().isModified()
        return modified or bool(self.unsaved)

    def reject(self) -> None:
        """Esc or the close button: unsaved text is only dropped when the administrator
        says so."""
        if not self.has_unsaved():
            super().reject()
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.windowTitle(),
            self.tr("Close and throw away the changes you have not saved?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("discardChangesBox")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(
            lambda result: (
                super(ContentEditor, self).reject()
                if result == QMessageBox.StandardButton.Discard
                else None
            )
        )
        self.discard_box = box
        box.open()

    # -- departments ---------------------------------------------------------------------

    def refresh_departments(self) -> None:
        self._op(
            service_op(self, self.run, lambda s, _ctx: departments.list_departments(s)),
            self._show_departments,
        )

    def _show_departments(self, rows: list[DepartmentInfo]) -> None:
        self.departments.setRowCount(len(rows))
        for row, d in enumerate(rows):
            self.departments.setItem(row, 0, QTableWidgetItem(d.code))
            self.departments.setItem(row, 1, QTableWidgetItem(d.name))
        self.departments.resizeColumnsToContents()
        self.departments_shown.emit()

    def _cell(self, row: int, col: int) -> str:
        item = self.departments.item(row, col)
        return item.text() if item is not None else ""

    def _department_chosen(self) -> None:
        row = self.departments.currentRow()
        if row >= 0:
            self.department_code.setText(self._cell(row, 0))
            self.department_name.setText(self._cell(row, 1))
        self._enable()

    def add_department(self) -> None:
        code, name = self.department_code.text(), self.department_name.text()
        self._department_op(
            service_op(self, self.run, departments.add, code, name), self.tr("Added.")
        )

    def rename_department(self) -> None:
        row = self.departments.currentRow()
        if row < 0:
            return
        code, name = self._cell(row, 0), self.department_name.text()
        self._department_op(
            service_op(self, self.run, departments.rename, code, name), self.tr("Renamed.")
        )

    def _department_op(self, op: BackgroundOp[Any], info: str) -> None:
        def done(_r: object) -> None:
            self.message.show_info(info)
            self.department_code.clear()
            self.department_name.clear()
            self.refresh_departments()

        self._op(op, done)


class RollBackDialog(QDialog):
    """Asks before a roll-back: which version comes back, why (kept in the history), and
    — when the editor holds unsaved text — that the text will be replaced."""

    confirmed = Signal(str)  # the note

    def __init__(self, kind: str, version: int, unsaved: bool, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("rollBackDialog")
        self.setWindowTitle(self.tr("Roll back"))
        text = self.tr("Put version %2 of %1 in force again? Every seat takes it in.")
        text = text.replace("%1", kind).replace("%2", str(version))
        if unsaved:
            text += "\n" + self.tr("The changes you have not saved in the editor will be lost.")
        self.question = QLabel(text, self)
        self.question.setWordWrap(True)
        self.note = QLineEdit(self)
        self.note.setObjectName("rollBackNote")
        self.note.setAccessibleName(self.tr("Why roll back"))
        self.note.setPlaceholderText(self.tr("Why (kept in the history)"))
        self.note.setMaxLength(content_versions.MAX_NOTE)
        label = QLabel(self.tr("&Why"), self)
        label.setBuddy(self.note)
        self.message = MessageLabel(self)
        self.ok_button = QPushButton(self.tr("&Roll back"), self)
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self._on_ok)
        cancel = QPushButton(self.tr("Cancel"), self)
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        form = QFormLayout()
        form.addRow(label, self.note)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.ok_button)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.setMinimumWidth(460)
        self.note.setFocus()

    def _on_ok(self) -> None:
        if not self.note.text().strip():
            self.message.show_error(self.tr("Please say why (it is kept in the history)."))
            self.note.setFocus()
            return
        self.confirmed.emit(self.note.text())
        self.accept()
