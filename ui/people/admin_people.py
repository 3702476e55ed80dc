"""People and seats: the administrator's dialog. An Agents tab lists every job
number (role, whether it is active, locked, where it is signed in) and adds, edits,
disables / re-enables, resets a password, unlocks and ends a session; a Seats tab keeps
the register of workstations.

Thin over ``console.people.agents`` and ``console.people.seats``, which check the role,
the rules (no self-disable, one administrator remains…) and audit. Every change goes through one
form under the list: what was typed stays there when the change is refused, next to
the reason; work runs on the worker pool, never on the GUI thread.
"""

from __future__ import annotations

import secrets
import string
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from console.core.checks import check_job_no
from console.core.errors import UserFacingError
from console.core.identity import AgentContext, Role
from console.core.runner import Runner
from console.core.settings import Settings
from console.core.vocabulary import JobNumber, SeatCode
from console.people import agents, seats
from console.people.agents import AgentInfo
from console.people.seats import SeatInfo
from ui.core.changes import Topic, changes
from ui.core.text import error_text, role_label
from ui.core.widgets import MessageLabel
from ui.core.worker import BackgroundOp, Busy, Task, service_op

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex
DISABLED = QColor("#8a8a8a")
LOCKED = QColor("#fff4d6")


def temporary_password(length: int = 12) -> str:
    """A random temporary password the policy accepts, without look-alike characters
    (it is read out to the agent)."""
    alphabet = "".join(c for c in string.ascii_letters + string.digits if c not in "0O1lI")
    while True:
        pw = "".join(secrets.choice(alphabet) for _ in range(length - 1)) + secrets.choice("#@%+")
        if any(c.isdigit() for c in pw) and any(c.isupper() for c in pw):
            return pw


class _Rows(QAbstractTableModel, Generic[R]):
    """A read-only table of ``rows`` with one column per name in ``COLUMNS``; the
    subclass says how each is headed (``headers``) and shown (``data``)."""

    COLUMNS: tuple[str, ...] = ()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[R] = []

    def set_rows(self, rows: list[R]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def headers(self) -> dict[str, str]:
        raise NotImplementedError

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.headers()[self.COLUMNS[section]]


class AgentsModel(_Rows[AgentInfo]):
    """The job numbers, as ``console.people.agents.list_agents`` gives them."""

    COLUMNS = ("job_no", "name", "role", "status", "locked", "online")

    def __init__(self, zone: ZoneInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.zone = zone

    def row_of(self, job_no: str) -> int:
        return next((i for i, a in enumerate(self.rows) if a.job_no == job_no), -1)

    def _time(self, at: datetime | None) -> str:
        return at.astimezone(self.zone).strftime("%m-%d %H:%M") if at else ""

    def headers(self) -> dict[str, str]:
        return {
            "job_no": self.tr("Job number"),
            "name": self.tr("Name"),
            "role": self.tr("Role"),
            "status": self.tr("Status"),
            "locked": self.tr("Locked until"),
            "online": self.tr("Signed in at"),
        }

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        a = self.rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return a
        if role == Qt.ItemDataRole.ForegroundRole and not a.active:
            return QBrush(DISABLED)
        if role == Qt.ItemDataRole.BackgroundRole and column == "locked" and a.locked_until:
            return QBrush(LOCKED)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == "job_no":
            return a.job_no
        if column == "name":
            return a.name
        if column == "role":
            return role_label(a.role.value)
        if column == "status":
            if not a.active:
                return self.tr("Disabled")
            return self.tr("Must change password") if a.must_change_password else self.tr("Active")
        if column == "locked":
            return self._time(a.locked_until)
        if a.online_seat is None:
            return ""
        return (
            self.tr("%1 since %2")
            .replace("%1", a.online_seat)
            .replace("%2", self._time(a.online_since))
        )


class SeatsModel(_Rows[SeatInfo]):
    """The register of seats, as ``console.people.seats.list_seats`` gives it."""

    COLUMNS = ("code", "location", "status", "online")

    def row_of(self, code: str) -> int:
        return next((i for i, seat in enumerate(self.rows) if seat.code == code), -1)

    def headers(self) -> dict[str, str]:
        return {
            "code": self.tr("Seat"),
            "location": self.tr("Location"),
            "status": self.tr("Status"),
            "online": self.tr("Signed in"),
        }

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        seat = self.rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return seat
        if role == Qt.ItemDataRole.ForegroundRole and not seat.active:
            return QBrush(DISABLED)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == "code":
            return seat.code
        if column == "location":
            return seat.location
        if column == "status":
            return self.tr("In service") if seat.active else self.tr("Out of service")
        return seat.online_job_no or ""


def _table(model: QAbstractTableModel, name: str, parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    view.setMinimumHeight(200)
    return view


class AdminPeopleDialog(QDialog):
    """Agents and seats, for an administrator (the services refuse anyone else)."""

    changed = Signal()  # a change was saved
    loaded = Signal()  # the lists were (re)read

    def __init__(
        self,
        run: Runner,
        ctx: AgentContext,
        parent: QWidget | None = None,
        *,
        settings: Settings | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("adminPeopleDialog")
        self.setWindowTitle(self.tr("Agents and seats"))
        self.run = run
        self.ctx = ctx
        self.settings = settings or Settings()
        self.busy = Busy(self)
        self.busy.changed.connect(lambda _busy: self._enable_buttons())
        self.agent_mode = ""
        self.seat_mode = ""
        self.select_after = ""
        self.message = MessageLabel(self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._agents_tab(), self.tr("&Agents"))
        self.tabs.addTab(self._seats_tab(), self.tr("S&eats"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        # Room for the list with the form open: a message that comes or goes resizes
        # the dialog to its content (ui.core.widgets.fit_dialog), never below this.
        self.setMinimumSize(960, 600)
        self._show_agent_form("")
        self._show_seat_form("")
        changes().people.connect(self.refresh)  # saved here, or by another window
        self.refresh()

    # --- building --------------------------------------------------------------------

    def _agents_tab(self) -> QWidget:
        tab = QWidget(self)
        self.agents_model = AgentsModel(ZoneInfo(self.settings.timezone), self)
        self.agents_view = _table(self.agents_model, self.tr("Agents"), tab)
        self.agents_view.selectionModel().currentRowChanged.connect(
            lambda *_a: self._enable_agent_buttons()
        )
        self.agents_view.doubleClicked.connect(lambda _i: self.start_agent("edit"))

        self.add_button = QPushButton(self.tr("&New agent…"), tab)
        self.edit_button = QPushButton(self.tr("Ed&it…"), tab)
        self.active_button = QPushButton(self.tr("Disa&ble…"), tab)
        self.reset_button = QPushButton(self.tr("Reset pass&word…"), tab)
        self.unlock_button = QPushButton(self.tr("&Unlock"), tab)
        self.end_button = QPushButton(self.tr("End sessi&on…"), tab)
        self.refresh_button = QPushButton(self.tr("Re&fresh"), tab)
        self.add_button.clicked.connect(lambda: self.start_agent("add"))
        self.edit_button.clicked.connect(lambda: self.start_agent("edit"))
        self.active_button.clicked.connect(self._on_active_clicked)
        self.reset_button.clicked.connect(lambda: self.start_agent("reset"))
        self.unlock_button.clicked.connect(self.unlock)
        self.end_button.clicked.connect(lambda: self.start_agent("end"))
        self.refresh_button.clicked.connect(self.refresh)
        buttons = QHBoxLayout()
        for b in (
            self.add_button,
            self.edit_button,
            self.active_button,
            self.reset_button,
            self.unlock_button,
            self.end_button,
        ):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)

        self.agent_form = QGroupBox(tab)
        self.agent_form.setObjectName("agentForm")
        self.job_no = QLineEdit(self.agent_form)
        self.job_no.setAccessibleName(self.tr("Job number"))
        self.job_no.setPlaceholderText(self.tr("1 to 16 digits or letters, e.g. 1008"))
        self.job_no.setMaxLength(32)
        self.name = QLineEdit(self.agent_form)
        self.name.setAccessibleName(self.tr("Name"))
        self.role = QComboBox(self.agent_form)
        self.role.setAccessibleName(self.tr("Role"))
        for r in Role:
            self.role.addItem(role_label(r.value), r.value)
        self.password = QLineEdit(self.agent_form)
        self.password.setAccessibleName(self.tr("Temporary password"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("At least 8 characters; changed at first login"))
        self.repeat = QLineEdit(self.agent_form)
        self.repeat.setAccessibleName(self.tr("Temporary password again"))
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.generate_button = QPushButton(self.tr("&Generate"), self.agent_form)
        self.generate_button.setToolTip(self.tr("A random password, shown so you can pass it on"))
        self.generate_button.clicked.connect(self._on_generate)
        self.password_row = QHBoxLayout()
        self.password_row.addWidget(self.password, 1)
        self.password_row.addWidget(self.generate_button)
        self.agent_reason = QLineEdit(self.agent_form)
        self.agent_reason.setAccessibleName(self.tr("Reason"))
        self.agent_save = QPushButton(self.agent_form)
        self.agent_save.clicked.connect(self.save_agent)
        self.agent_cancel = QPushButton(self.tr("Cancel"), self.agent_form)
        self.agent_cancel.clicked.connect(self._on_agent_cancel)
        self.agent_fields = QFormLayout()
        self.agent_fields.addRow(self.tr("&Job number"), self.job_no)
        self.agent_fields.addRow(self.tr("Na&me"), self.name)
        self.agent_fields.addRow(self.tr("&Role"), self.role)
        # A row that holds a layout gets no buddy by itself: without one the label
        # would show its "&" instead of underlining the key.
        password_label = QLabel(self.tr("&Temporary password"), self.agent_form)
        password_label.setBuddy(self.password)
        self.agent_fields.addRow(password_label, self.password_row)
        self.agent_fields.addRow(self.tr("Re&peat"), self.repeat)
        self.agent_fields.addRow(self.tr("Rea&son"), self.agent_reason)
        form_buttons = QHBoxLayout()
        form_buttons.addStretch(1)
        form_buttons.addWidget(self.agent_save)
        form_buttons.addWidget(self.agent_cancel)
        box = QVBoxLayout(self.agent_form)
        box.addLayout(self.agent_fields)
        box.addLayout(form_buttons)

        layout = QVBoxLayout(tab)
        layout.addWidget(self.agents_view, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.agent_form)
        return tab

    def _seats_tab(self) -> QWidget:
        tab = QWidget(self)
        self.seats_model = SeatsModel(self)
        self.seats_view = _table(self.seats_model, self.tr("Seats"), tab)
        self.seats_view.selectionModel().currentRowChanged.connect(
            lambda *_a: self._enable_seat_buttons()
        )
        self.seats_view.doubleClicked.connect(lambda _i: self.start_seat("edit"))
        self.seat_add_button = QPushButton(self.tr("&New seat…"), tab)
        self.seat_edit_button = QPushButton(self.tr("Change locat&ion…"), tab)
        self.seat_active_button = QPushButton(self.tr("&Take out of service…"), tab)
        self.seat_add_button.clicked.connect(lambda: self.start_seat("add"))
        self.seat_edit_button.clicked.connect(lambda: self.start_seat("edit"))
        self.seat_active_button.clicked.connect(self._on_seat_active_clicked)
        buttons = QHBoxLayout()
        for b in (self.seat_add_button, self.seat_edit_button, self.seat_active_button):
            buttons.addWidget(b)
        buttons.addStretch(1)

        self.seat_form = QGroupBox(tab)
        self.seat_form.setObjectName("seatForm")
        self.seat_code = QLineEdit(self.seat_form)
        self.seat_code.setAccessibleName(self.tr("Seat"))
        self.seat_code.setPlaceholderText(self.tr("The seat name its console signs in with"))
        self.seat_code.setMaxLength(64)
        self.seat_location = QLineEdit(self.seat_form)
        self.seat_location.setAccessibleName(self.tr("Location"))
        self.seat_location.setPlaceholderText(self.tr("e.g. 二楼东区 3 号台"))
        self.seat_reason = QLineEdit(self.seat_form)
        self.seat_reason.setAccessibleName(self.tr("Reason"))
        self.seat_save = QPushButton(self.seat_form)
        self.seat_save.clicked.connect(self.save_seat)
        self.seat_cancel = QPushButton(self.tr("Cancel"), self.seat_form)
        self.seat_cancel.clicked.connect(self._on_seat_cancel)
        self.seat_fields = QFormLayout()
        self.seat_fields.addRow(self.tr("Seat &code"), self.seat_code)
        self.seat_fields.addRow(self.tr("&Location"), self.seat_location)
        self.seat_fields.addRow(self.tr("&Reason"), self.seat_reason)
        form_buttons = QHBoxLayout()
        form_buttons.addStretch(1)
        form_buttons.addWidget(self.seat_save)
        form_buttons.addWidget(self.seat_cancel)
        box = QVBoxLayout(self.seat_form)
        box.addLayout(self.seat_fields)
        box.addLayout(form_buttons)

        layout = QVBoxLayout(tab)
        layout.addWidget(self.seats_view, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.seat_form)
        return tab

    # --- lists -----------------------------------------------------------------------

    def refresh(self) -> None:
        run = self.run

        def read(_task: Task) -> tuple[list[AgentInfo], list[SeatInfo]]:
            return run(agents.list_agents, datetime.now(UTC)), run(seats.list_seats)

        BackgroundOp(self, read).on_success(self._on_loaded).on_failure(self._on_failed).start()

    def _on_loaded(self, lists: tuple[list[AgentInfo], list[SeatInfo]]) -> None:
        chosen_agent = self.selected_agent()
        chosen_seat = self.selected_seat()
        self.agents_model.set_rows(lists[0])
        self.seats_model.set_rows(lists[1])
        if self.select_after:  # the agent just added or changed
            self.select_agent(self.select_after)
            self.select_after = ""
        elif chosen_agent is not None:
            self.select_agent(chosen_agent.job_no)
        if chosen_seat is not None:
            self.select_seat(chosen_seat.code)
        self._enable_buttons()
        self.loaded.emit()

    def selected_agent(self) -> AgentInfo | None:
        row = self.agents_view.currentIndex().row()
        return self.agents_model.rows[row] if 0 <= row < len(self.agents_model.rows) else None

    def selected_seat(self) -> SeatInfo | None:
        row = self.seats_view.currentIndex().row()
        return self.seats_model.rows[row] if 0 <= row < len(self.seats_model.rows) else None

    def select_agent(self, job_no: str) -> None:
        row = self.agents_model.row_of(job_no)
        if row >= 0:
            self.agents_view.selectRow(row)

    def select_seat(self, code: str) -> None:
        row = self.seats_model.row_of(code)
        if row >= 0:
            self.seats_view.selectRow(row)

    def _enable_buttons(self) -> None:
        self._enable_agent_buttons()
        self._enable_seat_buttons()

    def _enable_agent_buttons(self) -> None:
        a = self.selected_agent()
        free = not self.busy
        other = a is not None and a.job_no != self.ctx.job_no
        self.add_button.setEnabled(free)
        self.edit_button.setEnabled(free and a is not None)
        self.active_button.setEnabled(free and other)
        self.active_button.setText(
            self.tr("Re-ena&ble…") if a is not None and not a.active else self.tr("Disa&ble…")
        )
        self.reset_button.setEnabled(free and a is not None)
        self.unlock_button.setEnabled(free and a is not None and a.locked_until is not None)
        self.end_button.setEnabled(free and other and a is not None and a.online_seat is not None)
        self.agent_save.setEnabled(free)

    def _enable_seat_buttons(self) -> None:
        seat = self.selected_seat()
        free = not self.busy
        self.seat_add_button.setEnabled(free)
        self.seat_edit_button.setEnabled(free and seat is not None)
        self.seat_active_button.setEnabled(free and seat is not None)
        self.seat_active_button.setText(
            self.tr("&Put back in service…")
            if seat is not None and not seat.active
            else self.tr("&Take out of service…")
        )
        self.seat_save.setEnabled(free)

    # --- the agent form --------------------------------------------------------------

    def _on_active_clicked(self) -> None:
        a = self.selected_agent()
        self.start_agent("enable" if a is not None and not a.active else "disable")

    def start_agent(self, mode: str) -> None:
        """Open the form for ``mode`` (add, edit, disable, enable, reset, end) on the
        chosen agent; a form already open for the same agent and action keeps its text."""
        a = self.selected_agent()
        if mode != "add" and a is None:
            return
        same = mode == self.agent_mode and (
            a is None or mode == "add" or self.job_no.text() == a.job_no
        )
        if not same:
            if self.message.isVisible():
                self.message.clear_message()
            for field in (self.job_no, self.name, self.password, self.repeat, self.agent_reason):
                field.clear()
            if a is not None and mode != "add":
                self.job_no.setText(a.job_no)
                self.name.setText(a.name)
                self.role.setCurrentIndex(self.role.findData(a.role.value))
            else:
                self.role.setCurrentIndex(self.role.findData(Role.AGENT.value))
        self._show_agent_form(mode)
        first = {
            "add": self.job_no,
            "edit": self.name,
            "reset": self.password,
        }.get(mode, self.agent_reason)
        first.setFocus()

    def _show_agent_form(self, mode: str) -> None:
        self.agent_mode = mode
        self.agent_form.setVisible(bool(mode))
        if not mode:
            return
        a = self.selected_agent()
        who = f"{a.job_no} {a.name}" if a is not None and mode != "add" else ""
        titles = {
            "add": (self.tr("New agent"), self.tr("Add the agent")),
            "edit": (self.tr("Edit %1"), self.tr("Save")),
            "disable": (self.tr("Disable %1 (signs them out now)"), self.tr("Disable")),
            "enable": (self.tr("Re-enable %1"), self.tr("Re-enable")),
            "reset": (
                self.tr("New temporary password for %1 (to change at next sign-in)"),
                self.tr("Reset the password"),
            ),
            "end": (self.tr("End the session of %1"), self.tr("End the session")),
        }
        title, action = titles[mode]
        self.agent_form.setTitle(title.replace("%1", who))
        self.agent_save.setText(action)
        self.agent_save.setDefault(True)  # Enter in a field presses it
        self.job_no.setReadOnly(mode != "add")
        fields = self.agent_fields
        fields.setRowVisible(self.name, mode in ("add", "edit"))
        fields.setRowVisible(self.role, mode in ("add", "edit"))
        fields.setRowVisible(self.password_row, mode in ("add", "reset"))
        fields.setRowVisible(self.repeat, mode in ("add", "reset"))
        fields.setRowVisible(self.agent_reason, mode in ("disable", "enable", "end"))
        self.agent_reason.setPlaceholderText(
            self.tr("Optional") if mode == "enable" else self.tr("Required, e.g. 离职 / 坐席故障")
        )

    def _on_agent_cancel(self) -> None:
        self.message.clear_message()  # the refusal was about the form just closed
        self._show_agent_form("")

    def _on_generate(self) -> None:
        pw = temporary_password()
        for field in (self.password, self.repeat):
            field.setEchoMode(QLineEdit.EchoMode.Normal)  # to read it out to the agent
            field.setText(pw)

    def save_agent(self) -> None:
        mode = self.agent_mode
        if not mode or self.busy:
            return
        job_no = JobNumber(self.job_no.text())  # as typed: the service checks it
        name, reason = self.name.text(), self.agent_reason.text()
        role = Role(self.role.currentData())
        password = self.password.text()
        if mode in ("add", "reset") and password != self.repeat.text():
            self.message.show_error(error_text(UserFacingError("password.mismatch"), self.settings))
            return
        run = self.run
        calls: dict[str, tuple[Callable[[], BackgroundOp[Any]], str]] = {
            "add": (
                lambda: service_op(
                    self, run, agents.add_agent, job_no, name, role, password, datetime.now(UTC)
                ),
                self.tr("Agent %1 added: the temporary password is changed at first sign-in."),
            ),
            "edit": (
                lambda: service_op(self, run, agents.edit_agent, job_no, name, role),
                self.tr("Agent %1 saved."),
            ),
            "disable": (
                lambda: service_op(self, run, agents.disable_agent, job_no, reason),
                self.tr("Agent %1 disabled and signed out."),
            ),
            "enable": (
                lambda: service_op(self, run, agents.enable_agent, job_no, reason),
                self.tr("Agent %1 can sign in again."),
            ),
            "reset": (
                lambda: service_op(
                    self, run, agents.reset_password, job_no, password, datetime.now(UTC)
                ),
                self.tr("Password of %1 reset: to be changed at next sign-in."),
            ),
            "end": (
                lambda: service_op(self, run, agents.end_agent_session, job_no, reason),
                self.tr("Session of %1 ended."),
            ),
        }
        op, info = calls[mode]
        self._submit(op(), info.replace("%1", _as_saved(job_no)), self._agent_saved)

    def _agent_saved(self) -> None:
        self.select_after = _as_saved(self.job_no.text())
        for field in (self.job_no, self.name, self.password, self.repeat, self.agent_reason):
            field.clear()
        for field in (self.password, self.repeat):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self._show_agent_form("")

    def unlock(self) -> None:
        a = self.selected_agent()
        if a is None:
            return
        job_no = a.job_no
        self._submit(
            service_op(self, self.run, agents.unlock, job_no),
            self.tr("Agent %1 unlocked.").replace("%1", job_no),
            lambda: None,
        )

    # --- the seat form ---------------------------------------------------------------

    def _on_seat_active_clicked(self) -> None:
        seat = self.selected_seat()
        self.start_seat("enable" if seat is not None and not seat.active else "disable")

    def start_seat(self, mode: str) -> None:
        seat = self.selected_seat()
        if mode != "add" and seat is None:
            return
        same = mode == self.seat_mode and (
            seat is None or mode == "add" or self.seat_code.text() == seat.code
        )
        if not same:
            if self.message.isVisible():
                self.message.clear_message()
            for field in (self.seat_code, self.seat_location, self.seat_reason):
                field.clear()
            if seat is not None and mode != "add":
                self.seat_code.setText(seat.code)
                self.seat_location.setText(seat.location)
        self._show_seat_form(mode)
        {"add": self.seat_code, "edit": self.seat_location}.get(mode, self.seat_reason).setFocus()

    def _show_seat_form(self, mode: str) -> None:
        self.seat_mode = mode
        self.seat_form.setVisible(bool(mode))
        if not mode:
            return
        titles = {
            "add": (self.tr("New seat"), self.tr("Add the seat")),
            "edit": (self.tr("Location of seat %1"), self.tr("Save")),
            "disable": (self.tr("Take seat %1 out of service"), self.tr("Take out of service")),
            "enable": (self.tr("Put seat %1 back in service"), self.tr("Put back in service")),
        }
        title, action = titles[mode]
        self.seat_form.setTitle(title.replace("%1", self.seat_code.text()))
        self.seat_save.setText(action)
        self.seat_save.setDefault(True)
        self.seat_code.setReadOnly(mode != "add")
        self.seat_fields.setRowVisible(self.seat_location, mode in ("add", "edit"))
        self.seat_fields.setRowVisible(self.seat_reason, mode in ("disable", "enable"))
        self.seat_reason.setPlaceholderText(
            self.tr("Optional") if mode == "enable" else self.tr("Required, e.g. 设备维修")
        )

    def _on_seat_cancel(self) -> None:
        self.message.clear_message()
        self._show_seat_form("")

    def save_seat(self) -> None:
        mode = self.seat_mode
        if not mode or self.busy:
            return
        code, location, reason = (
            SeatCode(self.seat_code.text()),  # as typed: the service checks it
            self.seat_location.text(),
            self.seat_reason.text(),
        )
        run = self.run
        calls: dict[str, tuple[Callable[[], BackgroundOp[Any]], str]] = {
            "add": (
                lambda: service_op(self, run, seats.add_seat, code, location),
                self.tr("Seat %1 added."),
            ),
            "edit": (
                lambda: service_op(self, run, seats.edit_seat, code, location),
                self.tr("Seat %1 saved."),
            ),
            "disable": (
                lambda: service_op(self, run, seats.disable_seat, code, reason),
                self.tr("Seat %1 taken out of service."),
            ),
            "enable": (
                lambda: service_op(self, run, seats.enable_seat, code, reason),
                self.tr("Seat %1 back in service."),
            ),
        }
        op, info = calls[mode]

        def saved() -> None:
            for field in (self.seat_code, self.seat_location, self.seat_reason):
                field.clear()
            self._show_seat_form("")

        self._submit(op(), info.replace("%1", code.strip()), saved)

    # --- running ---------------------------------------------------------------------

    def _submit(self, op: BackgroundOp[Any], info: str, on_saved: Callable[[], None]) -> None:
        def done(_result: object) -> None:
            on_saved()
            self.message.show_info(info)
            self.changed.emit()

        op.busy(self.busy).changes(Topic.PEOPLE)
        op.on_success(done).on_failure(self._on_failed).start()

    def _on_failed(self, error: BaseException) -> None:
        """A refusal: the reason above the tabs, the form as typed."""
        self.message.show_error(error_text(error, self.settings))
        self._enable_buttons()


def _as_saved(typed: str) -> str:
    """The job number as the service stores it (a full-width １００８ as 1008), so the
    confirmation shows what was saved; one the service refused is never shown."""
    try:
        return check_job_no(typed)
    except UserFacingError:
        return typed.strip()
