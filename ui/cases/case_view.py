"""One case (R3.1–R3.6): its summary, SLA clocks and full timeline, and what the owner
(or a supervisor) records on it — dispatch, the department's acknowledgment, progress
and result, the 24 h progress notice, the manager's review.

Every action names the version it was based on; if someone saved the case meanwhile
the action is refused with "changed by 工号 X" and what the agent typed stays.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.cases import case_board, cases, follow_up
from console.cases.case_board import CaseDetail
from console.core.identity import AgentContext, Role
from console.core.runner import Runner
from console.core.settings import Settings
from console.core.vocabulary import CaseEventKind, CaseId, CaseStatus, JobNumber
from ui.core.changes import Topic, changes
from ui.core.text import (
    case_kind_label,
    case_status_label,
    due_text,
    error_text,
    timeline_label,
)
from ui.core.widgets import MessageLabel
from ui.core.worker import BackgroundOp, Busy, service_op


class CaseView(QDialog):
    changed = Signal(str)  # case id, after any action was saved

    def __init__(
        self,
        run: Runner,
        ctx: AgentContext,
        case_id: str,
        settings: Settings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("caseView")
        self.setWindowTitle(self.tr("Case"))
        self.run = run
        self.ctx = ctx
        self.case_id = CaseId(case_id)
        self.settings = settings
        self.zone = ZoneInfo(settings.timezone)
        self.detail: CaseDetail | None = None
        self.busy = Busy(self)
        self.busy.changed.connect(lambda _busy: self._enable())

        self.heading = QLabel(self)
        self.heading.setObjectName("cardName")
        self.message = MessageLabel(self)
        form = self._build_form()
        actions = self._build_actions()
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.message)
        layout.addLayout(form)
        layout.addLayout(actions)
        self._build_lists(layout)
        self.resize(980, 640)
        # A supervisor transfers; the owner asks a supervisor to (R3.1, R4.4).
        if not ctx.is_at_least(Role.SUPERVISOR):
            self.buttons["transfer"].setText(self.tr("Ask to trans&fer"))
            self.buttons["review"].setVisible(False)
        changes().cases.connect(self.refresh)  # saved here, or in another window
        self.refresh()

    def _build_form(self) -> QFormLayout:
        """The summary, the note for the timeline, the department and a new owner."""
        form = QFormLayout()
        self.summary = QPlainTextEdit(self)
        self.summary.setObjectName("caseSummary")
        self.summary.setAccessibleName(self.tr("Summary"))
        self.summary.setMaximumHeight(80)
        self.save_button = QPushButton(self.tr("&Save summary"), self)
        self.save_button.clicked.connect(self.save_summary)
        form.addRow(self.tr("Summary"), self.summary)
        self.note = QLineEdit(self)
        self.note.setObjectName("caseNote")
        self.note.setAccessibleName(self.tr("Note for the timeline"))
        self.note.setPlaceholderText(self.tr("What the department said, what you told the caller"))
        form.addRow(self.tr("&Note"), self.note)
        self.department = QComboBox(self)
        self.department.setAccessibleName(self.tr("Department"))
        form.addRow(self.tr("&Department"), self.department)
        self.new_owner = QLineEdit(self)
        self.new_owner.setObjectName("caseNewOwner")
        self.new_owner.setAccessibleName(self.tr("New owner's job number"))
        self.new_owner.setPlaceholderText(
            self.tr("Job number of the new owner; the note is the reason")
        )
        self.owner_row = QLabel(self.tr("New owner &job no."), self)
        self.owner_row.setBuddy(self.new_owner)
        form.addRow(self.owner_row, self.new_owner)
        return form

    def _build_actions(self) -> QVBoxLayout:
        """Two rows: what the department reports, then what the owner or manager does."""
        department_row, case_row = QHBoxLayout(), QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for row, key, text in (
            (department_row, "dispatch", self.tr("Dis&patch")),
            (department_row, "acknowledged", self.tr("&Acknowledged")),
            (department_row, "progress", self.tr("P&rogress")),
            (department_row, "done", self.tr("D&one (queue callback)")),
            (case_row, "notice", self.tr("Progress no&tice given")),
            (case_row, "wait", self.tr("&Waiting on customer")),
            (case_row, "back", self.tr("Customer &back")),
            (case_row, "review", self.tr("Manager re&view")),
            (case_row, "transfer", self.tr("Trans&fer owner")),
        ):
            button = QPushButton(text, self)
            button.setObjectName(f"case_{key}")
            button.clicked.connect(lambda _c=False, k=key: self.act(k))
            row.addWidget(button)
            self.buttons[key] = button
        department_row.addStretch(1)
        case_row.addStretch(1)
        self.print_button = QPushButton(self.tr("Pr&int…"), self)
        self.print_button.clicked.connect(self.print_case)
        case_row.addWidget(self.print_button)
        case_row.addWidget(self.save_button)
        actions = QVBoxLayout()
        actions.addLayout(department_row)
        actions.addLayout(case_row)
        return actions

    def _build_lists(self, layout: QVBoxLayout) -> None:
        """The SLA clocks and the timeline."""
        self.clocks = QListWidget(self)
        self.clocks.setObjectName("caseClocks")
        self.clocks.setAccessibleName(self.tr("Deadlines"))
        self.clocks.setMaximumHeight(90)
        self.timeline = QListWidget(self)
        self.timeline.setObjectName("caseTimeline")
        self.timeline.setAccessibleName(self.tr("Timeline"))
        layout.addWidget(QLabel(self.tr("Deadlines"), self))
        layout.addWidget(self.clocks)
        layout.addWidget(QLabel(self.tr("Timeline"), self))
        layout.addWidget(self.timeline, 1)

    # --- loading ---------------------------------------------------------------------

    def refresh(self) -> None:
        (
            service_op(self, self.run, case_board.case_detail, self.case_id)
            .busy(self.busy)
            .on_success(self._show)
            .on_failure(self._fail)
            .start()
        )

    def _show(self, detail: CaseDetail) -> None:
        first = self.detail is None
        self.detail = detail
        c = detail.case
        self.setWindowTitle(self.tr("Case %1").replace("%1", c.case_no))
        self.heading.setText(
            f"{c.case_no} · {case_kind_label(c.kind)} · {case_status_label(c.status)} · "
            + self.tr("owner %1").replace("%1", c.owner_job_no)
            + (
                f" · {dict(detail.departments).get(c.department, c.department)}"
                if c.department
                else ""
            )
        )
        if first:
            self.summary.setPlainText(c.summary)
            for code, name in detail.departments:
                self.department.addItem(name, code)
            if c.department:
                self.department.setCurrentIndex(max(self.department.findData(c.department), 0))
        self.clocks.clear()
        for k in detail.clocks:
            due = due_text(k.due_at, self.zone, "%Y-%m-%d %H:%M")
            if k.provisional:
                due += " " + self.tr("(provisional: the year's holidays are not entered yet)")
            state = (
                self.tr("stopped")
                if k.stopped_at
                else self.tr("ESCALATED")
                if k.escalated_at
                else self.tr("paused")
                if k.paused_since
                else ""
            )
            title = detail.clock_titles.get(k.name, k.name)
            self.clocks.addItem(f"{title} · {due} {state}".strip())
        self.timeline.clear()
        for e in detail.timeline:
            at = e.at.astimezone(self.zone).strftime("%m-%d %H:%M")
            note = " ".join(
                str(e.data[key])
                for key in ("to_job_no", "reason", "decision", "note")
                if e.data.get(key)
            )
            line = f"{at} · {e.job_no} · {timeline_label(e.kind)}"
            self.timeline.addItem(line + (f" · {note}" if note else ""))
        self._enable()

    def _enable(self) -> None:
        c = self.detail.case if self.detail else None
        status = c.status if c else ""
        supervisor = self.ctx.is_at_least(Role.SUPERVISOR)
        waiting = self.detail is not None and any(
            k.paused_since and not k.stopped_at for k in self.detail.clocks
        )
        still_open = status not in (CaseStatus.CLOSED, "")
        with_department = status in (CaseStatus.DISPATCHED, CaseStatus.IN_PROGRESS)
        on = {
            "dispatch": status == CaseStatus.OPEN or with_department,
            "acknowledged": with_department,
            "progress": with_department,
            "done": with_department,
            "notice": still_open,
            "review": supervisor and status == CaseStatus.MANAGER_REVIEW,
            "wait": still_open and not waiting,
            "back": still_open and waiting,
            "transfer": still_open,
        }
        for key, button in self.buttons.items():
            button.setEnabled(on[key] and not self.busy)
        self.save_button.setEnabled(still_open and not self.busy)

    def _fail(self, error: BaseException) -> None:
        self.message.show_error(error_text(error, self.settings))  # the text stays typed
        self._enable()

    # --- actions -----------------------------------------------------------------------

    def act(self, key: str) -> None:
        if self.detail is None or self.busy:
            return
        # Everything the service needs is read here, on the GUI thread.
        run, c, note = self.run, self.detail.case, self.note.text()
        department = self.department.currentData()
        new_owner = JobNumber(self.new_owner.text().strip())
        transfer = (
            cases.transfer_owner
            if self.ctx.is_at_least(Role.SUPERVISOR)
            else cases.request_transfer
        )
        ops: dict[str, Callable[[], BackgroundOp[Any]]] = {
            "dispatch": lambda: service_op(
                self, run, cases.dispatch, c.id, department, c.version, note
            ),
            "acknowledged": lambda: service_op(
                self,
                run,
                cases.record_department,
                c.id,
                CaseEventKind.ACKNOWLEDGED,
                c.version,
                note,
            ),
            "progress": lambda: service_op(
                self, run, cases.record_department, c.id, CaseEventKind.PROGRESS, c.version, note
            ),
            "done": lambda: service_op(self, run, follow_up.department_done, c.id, c.version, note),
            "notice": lambda: service_op(self, run, cases.record_notice, c.id, note),
            "review": lambda: service_op(
                self, run, cases.manager_review, c.id, c.version, note, department
            ),
            "wait": lambda: service_op(self, run, cases.wait_on_customer, c.id, c.version, note),
            "back": lambda: service_op(self, run, cases.customer_back, c.id, c.version, note),
            "transfer": lambda: service_op(self, run, transfer, c.id, new_owner, note, c.version),
        }
        # "Done" queues the callback (回访) on the shared list.
        self._submit(ops[key](), *((Topic.CALLBACKS,) if key == "done" else ()))

    def print_case(self) -> None:
        """The case report with its full timeline (R6.1), through the reports dialog."""
        from console.printing.printing import ReportRequest
        from ui.printing.reports_dialog import ReportsDialog

        if self.detail is None:
            return
        dialog = ReportsDialog(
            self.run,
            self.ctx,
            self.settings,
            self,
            request=ReportRequest("case", case_no=self.detail.case.case_no),
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    def save_summary(self) -> None:
        if self.detail is None or self.busy:
            return
        c, text = self.detail.case, self.summary.toPlainText()
        self._submit(service_op(self, self.run, cases.save_case, c.id, text, c.details, c.version))

    def _submit(self, op: BackgroundOp[Any], *also: Topic) -> None:
        op.busy(self.busy).changes(Topic.CASES, *also)
        op.on_success(self._done).on_failure(self._fail).start()

    def _done(self, _result: object) -> None:
        self.message.clear_message()
        self.note.clear()
        self.new_owner.clear()
        self.changed.emit(self.case_id)
        self.refresh()
