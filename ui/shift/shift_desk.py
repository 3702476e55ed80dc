"""The shift tab (交接班, R1.6, R4.1, R4.2): the pre-shift check at sign-in, the handovers
waiting for this agent's acknowledgment, and the agent's own handover at the end.

Thin over ``console.shift.shift``: every item of the check is answered (ticked as fine, or
left unticked with what is wrong); the handover is compiled by the console and shown
before it is stored; notes stay editable until the incoming agent acknowledges.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from console.content import content
from console.content.content import Library
from console.core.identity import AgentContext
from console.core.runner import Runner
from console.core.settings import Settings
from console.shift import shift
from ui.core.changes import Topic, changes
from ui.core.text import callback_reason_label, case_kind_label, error_text, intent_label
from ui.core.widgets import MessageLabel
from ui.core.worker import BackgroundOp, Busy, service_op

T = TypeVar("T")


def summary_text(h: shift.HandoverSummary, zone: ZoneInfo) -> str:
    """The compiled handover as the incoming agent reads it."""

    def at(moment: Any) -> str:
        return str(moment.astimezone(zone).strftime("%m-%d %H:%M"))

    lines = [
        QCoreApplication.translate("Handover", "%1 · job no. %2 · seat %3 · %4–%5")
        .replace("%1", h.shift_name)
        .replace("%2", h.job_no)
        .replace("%3", h.seat)
        .replace("%4", at(h.shift_start))
        .replace("%5", at(h.shift_end)),
        QCoreApplication.translate("Handover", "Calls: %1 (answered %2, not answered %3)")
        .replace("%1", str(h.calls))
        .replace("%2", str(h.answered))
        .replace("%3", str(h.abandoned)),
    ]
    if h.by_intent:
        lines.append(" · ".join(f"{intent_label(k)} {v}" for k, v in sorted(h.by_intent.items())))
    lines.append(
        QCoreApplication.translate("Handover", "Cases due before %1 ends: %2")
        .replace("%1", h.next_shift_name)
        .replace("%2", str(len(h.cases_due)))
    )
    lines += [
        f"  {at(c.due_at)} {c.clock} · {c.case_no} {case_kind_label(c.kind)} · {c.summary}"
        for c in h.cases_due
    ]
    lines.append(
        QCoreApplication.translate("Handover", "Promised callbacks: %1").replace(
            "%1", str(len(h.callbacks_due))
        )
    )
    lines += [
        f"  {at(c.due_at)} · {callback_reason_label(c.reason)} {c.case_no}".rstrip()
        for c in h.callbacks_due
    ]
    lines.append(
        QCoreApplication.translate("Handover", "Active incidents: %1").replace(
            "%1", str(len(h.incidents))
        )
    )
    lines += [
        f"  {at(i.opened_at)} · {i.case_no} · {i.owner_job_no} · {i.summary}" for i in h.incidents
    ]
    lines.append(
        QCoreApplication.translate(
            "Handover", "Outage notices (notified/total · to call/door to door): %1"
        ).replace("%1", str(len(h.campaigns)))
    )
    lines += [f"  {c}" for c in h.campaigns]
    lines.append(
        QCoreApplication.translate("Handover", "Equipment problems: %1").replace(
            "%1", str(len(h.problems))
        )
    )
    lines += [f"  {p.seat} · {p.text} · {p.note}" for p in h.problems]
    return "\n".join(lines)


class ShiftDesk(QWidget):
    signed_in = Signal(str)  # the agent's state after the check
    handed_over = Signal(str)  # handover id
    acknowledged = Signal(str)  # handover id
    sign_out_requested = Signal()

    def __init__(
        self,
        run: Runner,
        ctx: AgentContext,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        library: Library | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("shiftDesk")
        self.run = run
        self.library = library or content.shipped()  # the checklist in force
        self.ctx = ctx  # for what it may print (the main window sets it at each sign-in)
        self.job_no = ctx.job_no
        self.settings = settings
        self.zone = ZoneInfo(settings.timezone)
        self.busy = Busy(self)
        self.busy.changed.connect(lambda _busy: self._enable())
        self.check_id = str(uuid.uuid4())  # one check per attempt: a retry records once
        self.handover_id = str(uuid.uuid4())
        self.mine: shift.HandoverRecord | None = None
        self.pending: list[shift.HandoverRecord] = []
        self.message = MessageLabel(self)
        self._build_check()
        self._build_incoming()
        self._build_outgoing()

        body = QWidget(self)
        columns = QHBoxLayout(body)
        left = QVBoxLayout()
        left.addWidget(self.check_box)
        left.addWidget(self.incoming_box, 1)
        columns.addLayout(left, 1)
        columns.addWidget(self.outgoing_box, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(scroll, 1)
        changes().handovers.connect(self.refresh)  # acknowledged or handed over here
        self._enable()

    def _build_check(self) -> None:
        """The pre-shift check (R4.1)."""
        self.check_box = QGroupBox(self.tr("Pre-shift check (sign-in)"), self)
        self.check_grid = QGridLayout(self.check_box)
        self.items: dict[str, tuple[QCheckBox, QLineEdit]] = {}
        self.sign_in_button = QPushButton(self.tr("Sign &in to the seat"), self.check_box)
        self.sign_in_button.setObjectName("signInSeat")
        self.sign_in_button.clicked.connect(self.sign_in)
        self.check_result = QLabel(self.check_box)
        self.check_result.setWordWrap(True)
        self.show_checklist()

    def _build_incoming(self) -> None:
        """Handovers waiting for an incoming agent (R4.2)."""
        self.incoming_box = QGroupBox(self.tr("Handovers to acknowledge"), self)
        inbox = QVBoxLayout(self.incoming_box)
        self.pending_list = QListWidget(self.incoming_box)
        self.pending_list.setObjectName("pendingHandovers")
        self.pending_list.setAccessibleName(self.tr("Handovers to acknowledge"))
        self.pending_list.setMaximumHeight(90)
        self.pending_list.currentRowChanged.connect(self._show_pending)
        self.pending_text = QPlainTextEdit(self.incoming_box)
        self.pending_text.setReadOnly(True)
        self.pending_text.setAccessibleName(self.tr("Handover record"))
        ack_row = QHBoxLayout()
        self.ack_note = QLineEdit(self.incoming_box)
        self.ack_note.setAccessibleName(self.tr("Acknowledgment note"))
        self.ack_note.setPlaceholderText(self.tr("Optional: what you checked"))
        self.ack_button = QPushButton(self.tr("Acknowledge &with my login"), self.incoming_box)
        self.ack_button.setObjectName("acknowledgeHandover")
        self.ack_button.clicked.connect(self.acknowledge)
        self.print_button = QPushButton(self.tr("&Print…"), self.incoming_box)
        self.print_button.clicked.connect(lambda: self.print_handover(self._chosen()))
        ack_row.addWidget(self.ack_note, 1)
        ack_row.addWidget(self.ack_button)
        ack_row.addWidget(self.print_button)
        inbox.addWidget(self.pending_list)
        inbox.addWidget(self.pending_text, 1)
        inbox.addLayout(ack_row)

    def _build_outgoing(self) -> None:
        """This agent's own handover at the end of the shift."""
        self.outgoing_box = QGroupBox(self.tr("My handover (end of shift)"), self)
        outbox = QVBoxLayout(self.outgoing_box)
        self.compile_button = QPushButton(self.tr("Draw &up the handover"), self.outgoing_box)
        self.compile_button.setObjectName("compileHandover")
        self.compile_button.clicked.connect(self.compile)
        self.summary = QPlainTextEdit(self.outgoing_box)
        self.summary.setObjectName("handoverSummary")
        self.summary.setReadOnly(True)
        self.summary.setAccessibleName(self.tr("What the console compiled"))
        self.notes = QPlainTextEdit(self.outgoing_box)
        self.notes.setObjectName("handoverNotes")
        self.notes.setAccessibleName(self.tr("Handover notes"))
        self.notes.setPlaceholderText(
            self.tr("What the next shift must know that the console cannot")
        )
        self.notes.setMaximumHeight(90)
        out_row = QHBoxLayout()
        self.hand_over_button = QPushButton(self.tr("Ha&nd over"), self.outgoing_box)
        self.hand_over_button.setObjectName("handOver")
        self.hand_over_button.clicked.connect(self.hand_over)
        self.sign_out_button = QPushButton(self.tr("Sign &out"), self.outgoing_box)
        self.sign_out_button.clicked.connect(self.sign_out_requested)
        self.handover_state = QLabel(self.outgoing_box)
        self.handover_state.setWordWrap(True)
        self.print_mine_button = QPushButton(self.tr("Print my handove&r…"), self.outgoing_box)
        self.print_mine_button.clicked.connect(lambda: self.print_handover(self.mine))
        # Two rows of buttons, whole words on each: half of a 1180 px window is narrow.
        out_row.addWidget(self.compile_button)
        out_row.addWidget(self.hand_over_button)
        out_row.addStretch(1)
        last_row = QHBoxLayout()
        last_row.addWidget(self.print_mine_button)
        last_row.addWidget(self.sign_out_button)
        last_row.addStretch(1)
        outbox.addWidget(QLabel(self.tr("Compiled by the console"), self.outgoing_box))
        outbox.addWidget(self.summary, 1)
        notes_label = QLabel(self.tr("Notes for the ne&xt shift"), self.outgoing_box)
        notes_label.setBuddy(self.notes)
        outbox.addWidget(notes_label)
        outbox.addWidget(self.notes)
        outbox.addLayout(out_row)
        outbox.addLayout(last_row)
        outbox.addWidget(self.handover_state)

    # --- state -------------------------------------------------------------------------

    def _enable(self) -> None:
        idle = not self.busy
        self.sign_in_button.setEnabled(idle)
        chosen = self._chosen()
        self.ack_button.setEnabled(idle and chosen is not None and chosen.job_no != self.job_no)
        acked = self.mine is not None and self.mine.acknowledged_by is not None
        self.hand_over_button.setEnabled(idle and not acked)
        self.compile_button.setEnabled(idle and self.mine is None)
        self.notes.setReadOnly(acked)
        self.print_button.setEnabled(idle and chosen is not None)
        self.print_mine_button.setEnabled(idle and self.mine is not None)

    def _submit(self, op: BackgroundOp[T], done: Callable[[T], object]) -> None:
        def finished(result: T) -> None:
            self.message.clear_message()
            done(result)
            self._enable()

        op.busy(self.busy).on_success(finished).on_failure(self._fail).start()

    def _fail(self, error: BaseException) -> None:
        self.message.show_error(error_text(error, self.settings))  # what was typed stays
        self._enable()

    def print_handover(self, record: shift.HandoverRecord | None) -> None:
        """The handover report (R4.2, R6.1), through the reports dialog."""
        from console.printing.printing import ReportRequest
        from ui.printing.reports_dialog import ReportsDialog

        if record is None:
            return
        request = ReportRequest("handover", handover_id=record.id)
        dialog = ReportsDialog(
            self.run, self.ctx, self.settings, self, request=request, library=self.library
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.reports_dialog = dialog
        dialog.show()

    # --- the check ---------------------------------------------------------------------

    def show_checklist(self) -> None:
        """Lay out the checklist in force (again after an administrator changed it),
        keeping what was already ticked or written for the items that remain."""
        grid = self.check_grid
        kept = {code: (ok.isChecked(), note.text()) for code, (ok, note) in self.items.items()}
        for ok, note in self.items.values():
            for w in (ok, note):
                grid.removeWidget(w)
                w.deleteLater()
        self.items = {}
        for row, item in enumerate(self.library.get(content.SHIFT).checklist):
            text = item.title(self.settings.language)
            ok = QCheckBox(text, self.check_box)
            ok.setObjectName(f"check_{item.code}")
            note = QLineEdit(self.check_box)
            note.setPlaceholderText(self.tr("If not: what is wrong"))
            note.setAccessibleName(self.tr("Problem with %1").replace("%1", text))
            ok.toggled.connect(lambda on, n=note: n.setEnabled(not on))
            checked, text = kept.get(item.code, (False, ""))
            ok.setChecked(checked)
            note.setText(text)
            grid.addWidget(ok, row, 0)
            grid.addWidget(note, row, 1)
            self.items[item.code] = (ok, note)
        grid.addWidget(self.sign_in_button, len(self.items), 0)
        grid.addWidget(self.check_result, len(self.items), 1)

    def sign_in(self) -> None:
        answers = [
            shift.CheckAnswer(code, ok.isChecked(), "" if ok.isChecked() else note.text())
            for code, (ok, note) in self.items.items()
        ]
        self._submit(
            service_op(self, self.run, shift.sign_in, self.check_id, answers), self._signed_in
        )

    def _signed_in(self, result: shift.SignIn) -> None:
        self.check_id = str(uuid.uuid4())  # a later check is a new one
        if result.problems:
            self.check_result.setText(
                self.tr(
                    "Signed in with %n problem(s): reported to the duty manager.",
                    "",
                    len(result.problems),
                )
            )
        else:
            self.check_result.setText(self.tr("Signed in: everything checked. You are ready."))
        self.signed_in.emit(result.state)

    # --- incoming --------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the handovers waiting for acknowledgment (when the tab is shown)."""
        self._submit(service_op(self, self.run, shift.pending), self._show_pending_list)

    def _show_pending_list(self, records: list[shift.HandoverRecord]) -> None:
        self.pending = records
        self.pending_list.clear()
        for h in records:
            at = h.created_at.astimezone(self.zone).strftime("%m-%d %H:%M")
            QListWidgetItem(
                f"{at} · {h.summary.shift_name} · {h.seat} · {h.job_no}", self.pending_list
            )
        if not records:
            self.pending_text.setPlainText(self.tr("No handover is waiting."))
        else:
            self.pending_list.setCurrentRow(0)

    def _chosen(self) -> shift.HandoverRecord | None:
        row = self.pending_list.currentRow()
        return self.pending[row] if 0 <= row < len(self.pending) else None

    def _show_pending(self, _row: int) -> None:
        h = self._chosen()
        if h is not None:
            text = summary_text(h.summary, self.zone)
            if h.notes:
                text += "\n" + self.tr("Notes: %1").replace("%1", h.notes)
            self.pending_text.setPlainText(text)
        self._enable()

    def acknowledge(self) -> None:
        h = self._chosen()
        if h is None:
            return
        note = self.ack_note.text()
        op = service_op(self, self.run, shift.acknowledge, h.id, note)
        self._submit(op.changes(Topic.HANDOVERS), self._acknowledged)

    def _acknowledged(self, record: shift.HandoverRecord) -> None:
        self.ack_note.clear()
        self.message.show_info(self.tr("Handover of %1 acknowledged.").replace("%1", record.job_no))
        self.acknowledged.emit(record.id)

    # --- outgoing --------------------------------------------------------------------

    def compile(self) -> None:
        self._submit(
            service_op(self, self.run, shift.compile_handover, zone=self.zone),
            lambda h: self.summary.setPlainText(summary_text(h, self.zone)),
        )

    def hand_over(self) -> None:
        notes = self.notes.toPlainText()
        mine = self.mine
        if mine is None:
            op = service_op(
                self, self.run, shift.hand_over, self.handover_id, notes, zone=self.zone
            )
        else:  # a correction of the notes, until the incoming agent acknowledges
            op = service_op(self, self.run, shift.amend_notes, mine.id, notes, mine.version)
        self._submit(op.changes(Topic.HANDOVERS), self._stored)

    def _stored(self, record: shift.HandoverRecord) -> None:
        self.mine = record
        self.summary.setPlainText(summary_text(record.summary, self.zone))
        self.hand_over_button.setText(self.tr("Save t&he notes"))
        self.handover_state.setText(
            self.tr("Handed over at %1; waiting for the incoming agent.").replace(
                "%1", record.created_at.astimezone(self.zone).strftime("%H:%M")
            )
        )
        self.handed_over.emit(record.id)


__all__ = ["ShiftDesk", "summary_text"]
