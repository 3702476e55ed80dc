"""The supervisor board (R4.4): agents and their states with time in state, approvals
waiting, escalations, and the KPIs of today, this shift or a chosen period — the
figures come from ``console.shift.kpi`` and ``console.shift.board``; this widget only draws them.

The KPI percentages are drawn as small bars against a 100 % scale, so a supervisor
sees at a glance which one is short; a KPI with nothing to count shows "—", never 0 %.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import TypeVar
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.cases import cases
from console.cases.cases import TransferRequest
from console.content import content
from console.content.content import Library
from console.core.clock import Clock
from console.core.runner import Runner
from console.core.settings import Settings
from console.people import auth
from console.quality import reviews
from console.quality.reviews import ReviewItem
from console.shift import board as boards
from console.shift import kpi
from console.shift.board import Board, PendingDelegation
from ui.core.changes import Topic, changes
from ui.core.text import (
    calendar_warning_text,
    case_kind_label,
    due_text,
    error_text,
    reason_text,
    state_label,
)
from ui.core.widgets import MessageLabel, scroll_page
from ui.core.worker import BackgroundOp, Busy, Task
from ui.shift.wall_board import since_text

T = TypeVar("T")
REFRESH_MS = 30_000


@dataclass(frozen=True)
class Snapshot:
    board: Board
    kpis: kpi.Kpis
    delegations: list[PendingDelegation]
    transfers: list[TransferRequest]
    unacknowledged: list[ReviewItem] = field(default_factory=list)  # 质检 past its deadline


class KpiBars(QWidget):
    """Horizontal bars, one per percentage KPI, on a 0–100 % scale."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[str, float | None, str]] = []
        self.setMinimumHeight(220)

    def set_rows(self, rows: list[tuple[str, float | None, str]]) -> None:
        self.rows = rows
        self.setMinimumHeight(28 * len(rows) + 8)
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        label_w, value_w = self.width() * 0.42, 110
        bar_w = max(40.0, self.width() - label_w - value_w - 16)
        for i, (label, percent, detail) in enumerate(self.rows):
            y = 4 + i * 28
            p.setPen(QColor("#1f2933"))
            p.drawText(QRectF(0, y, label_w - 8, 24), Qt.AlignmentFlag.AlignVCenter, label)
            track = QRectF(label_w, y + 6, bar_w, 12)
            p.fillRect(track, QColor("#e4e7eb"))
            if percent is not None:
                filled = QRectF(track.x(), track.y(), bar_w * min(percent, 100.0) / 100, 12)
                colour = "#2f855a" if percent >= 95 else "#c27c0e" if percent >= 80 else "#c53030"
                p.fillRect(filled, QColor(colour))
            text = "—" if percent is None else f"{percent:.1f}% {detail}"
            p.drawText(
                QRectF(label_w + bar_w + 8, y, value_w + 8, 24), Qt.AlignmentFlag.AlignVCenter, text
            )
        p.end()


class SupervisorBoard(QWidget):
    refreshed = Signal(object)  # the Snapshot just shown
    approved = Signal(int)  # delegation id

    def __init__(
        self,
        run: Runner,
        load_board: Callable[[], Board],
        settings: Settings,
        clock: Clock,
        parent: QWidget | None = None,
        *,
        library: Library | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("supervisorBoard")
        self.run = run
        self.library = library or content.shipped()  # the shifts in force
        self.load_board = load_board
        self.settings = settings
        self.clock = clock
        self.zone = ZoneInfo(settings.timezone)
        self.busy = Busy(self)
        self.busy.changed.connect(lambda _busy: self._enable())
        self.snapshot: Snapshot | None = None
        self.message = MessageLabel(self)
        # Provisional deadlines: a year within 60 days with no holiday schedule entered.
        self.calendar_note = MessageLabel(self)
        self.calendar_note.setObjectName("calendarWarning")
        top = self._build_period()
        self._build_floor()
        approvals = self._build_approvals()
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Agents"), self))
        left.addWidget(self.agents, 1)
        left.addWidget(approvals)
        right = QVBoxLayout()
        right.addWidget(self.bars)
        right.addWidget(QLabel(self.tr("Overdue and escalated"), self))
        right.addWidget(self.escalations, 1)
        columns = QHBoxLayout()
        columns.addLayout(left, 2)
        columns.addLayout(right, 3)
        layout = QVBoxLayout()
        layout.addWidget(self.message)
        layout.addWidget(self.calendar_note)
        layout.addLayout(top)
        layout.addLayout(columns, 1)
        scroll_page(self, layout)

        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        # What this console changed shows at once; other seats' changes with the timer.
        for topic in (Topic.CASES, Topic.CALLBACKS, Topic.PEOPLE):
            changes().signal(topic).connect(self.refresh)
        self._period_changed()

    def _build_period(self) -> QHBoxLayout:
        """The period of the KPIs, and the figures."""
        self.period = QComboBox(self)
        self.period.setAccessibleName(self.tr("Period"))
        for key, text in (
            ("today", self.tr("Today")),
            ("shift", self.tr("This shift")),
            ("chosen", self.tr("Chosen dates")),
        ):
            self.period.addItem(text, key)
        # "Today" in the center's time zone (the setting), not the PC's.
        local = self.clock.now().astimezone(self.zone).date()
        today = QDate(local.year, local.month, local.day)
        self.date_from = QDateEdit(today, self)
        self.date_to = QDateEdit(today, self)
        for d in (self.date_from, self.date_to):
            d.setCalendarPopup(True)
            d.setDisplayFormat("yyyy-MM-dd")
        self.refresh_button = QPushButton(self.tr("&Refresh"), self)
        self.refresh_button.clicked.connect(self.refresh)
        self.period.currentIndexChanged.connect(lambda _i: self._period_changed())
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("KPIs for"), self))
        top.addWidget(self.period)
        top.addWidget(self.date_from)
        top.addWidget(self.date_to)
        top.addWidget(self.refresh_button)
        top.addStretch(1)
        self.figures = QLabel(self)
        self.figures.setObjectName("kpiFigures")
        self.figures.setWordWrap(True)
        top.addWidget(self.figures, 2)
        return top

    def _build_floor(self) -> None:
        """The KPI bars, the agents and the escalations."""
        self.bars = KpiBars(self)
        self.agents = QListWidget(self)
        self.agents.setObjectName("boardAgents")
        self.agents.setAccessibleName(self.tr("Agents and their states"))
        self.escalations = QListWidget(self)
        self.escalations.setObjectName("boardEscalations")
        self.escalations.setAccessibleName(self.tr("Escalations"))
        self.escalations.setWordWrap(True)

    def _build_approvals(self) -> QGroupBox:
        """Delegation and case transfer requests waiting for this supervisor."""
        approvals = QGroupBox(self.tr("Approvals waiting"), self)
        a = QVBoxLayout(approvals)
        self.delegations = QListWidget(approvals)
        self.delegations.setObjectName("pendingDelegations")
        self.delegations.setAccessibleName(self.tr("Delegation requests"))
        self.delegations.setWordWrap(True)
        self.delegations.currentRowChanged.connect(lambda _r: self._enable())
        self.password = QLineEdit(approvals)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Your password"))
        self.password.setPlaceholderText(self.tr("Your password, to approve"))
        self.approve_button = QPushButton(self.tr("A&pprove"), approvals)
        self.approve_button.setObjectName("approveDelegation")
        self.approve_button.clicked.connect(self.approve)
        row = QHBoxLayout()
        row.addWidget(self.password, 1)
        row.addWidget(self.approve_button)
        a.addWidget(QLabel(self.tr("Delegation requests"), approvals))
        a.addWidget(self.delegations)
        a.addLayout(row)
        self.transfers = QListWidget(approvals)
        self.transfers.setObjectName("pendingTransfers")
        self.transfers.setAccessibleName(self.tr("Case transfer requests"))
        self.transfers.setWordWrap(True)
        self.transfers.currentRowChanged.connect(lambda _r: self._enable())
        self.decline_note = QLineEdit(approvals)
        self.decline_note.setAccessibleName(self.tr("Why declined"))
        self.decline_note.setPlaceholderText(self.tr("Why declined (needed to decline)"))
        self.transfer_button = QPushButton(self.tr("Tra&nsfer"), approvals)
        self.transfer_button.setObjectName("approveTransfer")
        self.transfer_button.clicked.connect(lambda: self.decide_transfer(True))
        self.decline_button = QPushButton(self.tr("Decl&ine"), approvals)
        self.decline_button.setObjectName("declineTransfer")
        self.decline_button.clicked.connect(lambda: self.decide_transfer(False))
        row2 = QHBoxLayout()
        row2.addWidget(self.decline_note, 1)
        row2.addWidget(self.transfer_button)
        row2.addWidget(self.decline_button)
        a.addWidget(QLabel(self.tr("Case transfer requests"), approvals))
        a.addWidget(self.transfers)
        a.addLayout(row2)
        return approvals

    # --- loading ---------------------------------------------------------------------

    def period_bounds(self) -> tuple[datetime, datetime]:
        now = self.clock.now().astimezone(self.zone)
        key = self.period.currentData()
        if key == "shift":
            span = self.library.get(content.SHIFT).shift_at(now, self.zone)
            return span.start, span.end
        if key == "chosen":
            first = self.date_from.date().toPython()
            last = self.date_to.date().toPython()
            start = datetime.combine(first, time(), self.zone)  # type: ignore[arg-type]
            end = datetime.combine(last, time(), self.zone) + timedelta(days=1)  # type: ignore[arg-type]
            return start, end
        start = datetime.combine(now.date(), time(), self.zone)
        return start, start + timedelta(days=1)

    def _period_changed(self) -> None:
        chosen = self.period.currentData() == "chosen"
        self.date_from.setEnabled(chosen)
        self.date_to.setEnabled(chosen)
        self.refresh()

    def refresh(self) -> None:
        since, until = self.period_bounds()
        run, load_board, zone = self.run, self.load_board, self.zone

        def load(_task: Task) -> Snapshot:
            floor = load_board()
            figures = run(kpi.kpis, since, until)  # refused unless a supervisor
            return Snapshot(
                floor,
                figures,
                run(boards.pending_delegations),
                run(cases.pending_transfers),
                run(reviews.overdue, zone),
            )

        self._start(BackgroundOp(self, load), self._show)

    def _start(self, op: BackgroundOp[T], done: Callable[[T], object], *changed: Topic) -> None:
        op.busy(self.busy).changes(*changed).on_success(done).on_failure(self._fail).start()

    def _fail(self, error: BaseException) -> None:
        self.message.show_error(error_text(error, self.settings))
        self._enable()

    def _show(self, snap: Snapshot) -> None:
        self.snapshot = snap
        self.message.clear_message()
        b, k = snap.board, snap.kpis
        if b.unknown_years:
            self.calendar_note.show_error(calendar_warning_text(b.unknown_years))
        else:
            self.calendar_note.clear_message()
        self.agents.clear()
        for agent in b.agents:
            reason = reason_text(
                self.library.get(content.SHIFT), agent.reason, self.settings.language
            )
            self.agents.addItem(
                f"{agent.seat} · {agent.job_no} {agent.name} · {state_label(agent.state)}"
                + (f"({reason})" if reason else "")
                + f" · {since_text(b.now, agent.since)}"
            )
        self.escalations.clear()
        for item in b.overdue:
            due = due_text(item.due_at, self.zone)
            if item.provisional:
                due += self.tr(" (provisional)")
            flag = self.tr("escalated") if item.escalated else self.tr("overdue")
            self.escalations.addItem(
                f"{due} · {flag} · {item.clock} · {item.case_no} {case_kind_label(item.kind)} · "
                f"{item.owner_job_no} · {item.summary}"
            )
        for review in snap.unacknowledged:
            reviewed = review.reviewed_at.astimezone(self.zone) if review.reviewed_at else None
            self.escalations.addItem(
                self.tr("%1 · quality review not acknowledged · %2 · score %3%")
                .replace("%1", reviewed.strftime("%m-%d %H:%M") if reviewed else "")
                .replace("%2", review.agent_job_no)
                .replace("%3", str(review.score if review.score is not None else "—"))
            )
        self.delegations.clear()
        for d in snap.delegations:
            until = d.valid_until.astimezone(self.zone).strftime("%m-%d %H:%M")
            self.delegations.addItem(
                self.tr("%1 works as %2 until %3: %4")
                .replace("%1", d.delegate_job_no)
                .replace("%2", d.owner_job_no)
                .replace("%3", until)
                .replace("%4", d.reason)
            )
        self.transfers.clear()
        for t in snap.transfers:
            self.transfers.addItem(
                self.tr("%1 → %2 · %3 · %4: %5")
                .replace("%1", t.owner_job_no)
                .replace("%2", t.to_job_no)
                .replace("%3", f"{t.case_no} {case_kind_label(t.kind)}")
                .replace("%4", t.summary)
                .replace("%5", t.reason)
            )
        aht = "—" if k.average_handle_seconds is None else f"{k.average_handle_seconds / 60:.1f}"
        self.figures.setText(
            self.tr("Calls %1 · answered %2 · average handle time %3 min · callbacks done %4")
            .replace("%1", str(k.calls_offered))
            .replace("%2", str(k.calls_answered))
            .replace("%3", aht)
            .replace("%4", str(k.callbacks_done))
        )

        def ratio(label: str, r: kpi.Ratio) -> tuple[str, float | None, str]:
            return label, r.percent, f"({r.hits}/{r.total})"

        self.bars.set_rows(
            [
                ratio(self.tr("Answered within 3 rings"), k.answered_in_rings),
                ratio(self.tr("Solved within 3 minutes"), k.solved_in_3_minutes),
                ratio(self.tr("Complaint replies within 72 h"), k.complaint_reply_in_72h),
                ratio(
                    self.tr("Inquiry replies within 2 working days"),
                    k.inquiry_reply_in_2_working_days,
                ),
                ratio(self.tr("Satisfaction"), k.satisfaction),
                ratio(self.tr("Inquiry service rate"), k.inquiry_service_rate),
                ratio(self.tr("Complaint reply rate"), k.complaint_reply_rate),
            ]
        )
        self._enable()
        self.refreshed.emit(snap)

    # --- approvals -------------------------------------------------------------------

    def _chosen(self) -> PendingDelegation | None:
        pending = self.snapshot.delegations if self.snapshot else None
        row = self.delegations.currentRow()
        return pending[row] if pending and 0 <= row < len(pending) else None

    def _chosen_transfer(self) -> TransferRequest | None:
        pending = self.snapshot.transfers if self.snapshot else []
        row = self.transfers.currentRow()
        return pending[row] if 0 <= row < len(pending) else None

    def _enable(self) -> None:
        idle = not self.busy
        self.refresh_button.setEnabled(idle)
        self.approve_button.setEnabled(idle and self._chosen() is not None)
        transfer = idle and self._chosen_transfer() is not None
        self.transfer_button.setEnabled(transfer)
        self.decline_button.setEnabled(transfer)

    def decide_transfer(self, approve: bool) -> None:
        t, note, run = self._chosen_transfer(), self.decline_note.text(), self.run
        if t is None or self.busy:
            return

        def decide(_task: Task) -> None:
            if approve:
                run(cases.transfer_owner, t.case_id, t.to_job_no, t.reason, t.version)
            else:
                run(cases.decline_transfer, t.case_id, t.version, note)

        self._start(BackgroundOp(self, decide), lambda _r: self._decided(), Topic.CASES)

    def _decided(self) -> None:
        self.decline_note.clear()
        self.message.show_info(self.tr("Done."))

    def approve(self) -> None:
        chosen, password, run = self._chosen(), self.password.text(), self.run
        if chosen is None or self.busy:
            return

        def approve(_task: Task) -> int:
            # Committed first, then refused if wrong: a failure counts towards the lockout.
            auth.raise_for_check(run(boards.approve_delegation, chosen.id, password))
            return chosen.id

        self._start(BackgroundOp(self, approve), self._approved, Topic.PEOPLE)

    def _approved(self, delegation_id: int) -> None:
        self.password.clear()
        self.message.show_info(self.tr("Approved."))
        self.approved.emit(delegation_id)
