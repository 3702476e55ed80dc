"""The handover screen for the wall display (R4.3): `python main.py board`.

Readable from across the room — large figures, few words, colour only where it means
something (red overdue, amber due soon) — and refreshing by itself. Each refresh is one
snapshot read on the worker pool (``console.shift.board``); a refresh still running when the
next is due is not doubled. A lost database shows as a banner over the last picture,
and the board carries on when it comes back.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from console.core.settings import Settings
from console.shift.board import Board
from ui.core.text import (
    calendar_warning_text,
    case_kind_label,
    due_text,
    error_text,
    state_label,
)
from ui.core.widgets import MessageLabel
from ui.core.worker import run_op

REFRESH_MS = 15_000


def since_text(now: datetime, since: datetime) -> str:
    """Time in state as the boards show it: ``1:05`` (h:mm) from an hour on, else
    ``12 min``."""
    minutes = max(0, int((now - since).total_seconds() // 60))
    if minutes >= 60:
        return f"{minutes // 60}:{minutes % 60:02d}"
    return QCoreApplication.translate("WallBoard", "%1 min").replace("%1", str(minutes))


class Tile(QFrame):
    """A big figure with its caption."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("boardTile")
        layout = QVBoxLayout(self)
        self.figure = QLabel("—", self)
        self.figure.setObjectName("boardFigure")
        self.figure.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption = QLabel(caption, self)
        self.caption.setObjectName("boardCaption")
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.figure)
        layout.addWidget(self.caption)

    def show_value(self, value: str, alert: str = "") -> None:
        self.figure.setText(value)
        self.setProperty("alert", alert)  # "", "soon" or "late": the style sheet colours
        self.style().unpolish(self)
        self.style().polish(self)


class WallBoard(QWidget):
    refreshed = Signal(object)  # the Board just shown

    def __init__(
        self,
        load: Callable[[], Board],
        settings: Settings,
        parent: QWidget | None = None,
        *,
        refresh_ms: int = REFRESH_MS,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("wallBoard")
        self.setWindowTitle(self.tr("Customer service center — shift board"))
        self.load = load
        self.settings = settings
        self.zone = ZoneInfo(settings.timezone)
        self.loading = False
        self.board: Board | None = None

        self.title = QLabel(self.tr("Antai Gas customer service center · 8619612"), self)
        self.title.setObjectName("boardTitle")
        self.clock = QLabel(self)
        self.clock.setObjectName("boardTitle")
        self.banner = MessageLabel(self)
        # A year starting within 60 days has no official holiday schedule entered: its
        # working-day deadlines are provisional. Apart from the error banner.
        self.calendar_note = MessageLabel(self)
        self.calendar_note.setObjectName("calendarWarning")
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.clock)

        self.tiles = {
            "agents": Tile(self.tr("On shift"), self),
            "calls": Tile(self.tr("Calls today"), self),
            "missed": Tile(self.tr("Not answered"), self),
            "soon": Tile(self.tr("Due soon"), self),
            "late": Tile(self.tr("Overdue"), self),
            "incidents": Tile(self.tr("Emergencies open"), self),
            "campaigns": Tile(self.tr("Outage notices"), self),
            "handovers": Tile(self.tr("Handovers to acknowledge"), self),
        }
        tiles = QHBoxLayout()
        for tile in self.tiles.values():
            tiles.addWidget(tile)

        def listing(name: str) -> QListWidget:
            w = QListWidget(self)
            w.setObjectName("boardList")
            w.setAccessibleName(name)
            w.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            w.setWordWrap(True)
            w.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            return w

        self.agents = listing(self.tr("Agents on shift"))
        self.deadlines = listing(self.tr("Due soon and overdue"))
        self.incidents = listing(self.tr("Emergencies and handovers"))
        grid = QGridLayout()
        for column, (caption, widget) in enumerate(
            (
                (self.tr("Agents"), self.agents),
                (self.tr("Deadlines"), self.deadlines),
                (self.tr("Emergencies · handovers · equipment"), self.incidents),
            )
        ):
            label = QLabel(caption, self)
            label.setObjectName("boardCaption")
            grid.addWidget(label, 0, column)
            grid.addWidget(widget, 1, column)
            grid.setColumnStretch(column, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addLayout(head)
        layout.addWidget(self.banner)
        layout.addWidget(self.calendar_note)
        layout.addLayout(tiles)
        layout.addLayout(grid, 1)

        self.timer = QTimer(self)
        self.timer.setInterval(refresh_ms)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.refresh()

    def refresh(self) -> None:
        if self.loading:
            return  # the last read is still running: never pile up reads on a slow link
        self.loading = True
        run_op(self, self.load, self._show, self._fail)

    def _fail(self, error: BaseException) -> None:
        self.loading = False
        self.banner.show_error(error_text(error, self.settings))  # the last picture stays

    def _show(self, b: Board) -> None:
        self.loading = False
        self.board = b
        self.banner.clear_message()
        if b.unknown_years:
            self.calendar_note.show_error(calendar_warning_text(b.unknown_years))
        else:
            self.calendar_note.clear_message()
        local = b.now.astimezone(self.zone)
        self.clock.setText(local.strftime("%m-%d %H:%M"))
        calls = b.calls_today
        self.tiles["agents"].show_value(str(len(b.agents)))
        self.tiles["calls"].show_value(f"{calls.answered}/{calls.total}")
        self.tiles["missed"].show_value(
            str(calls.not_answered), "late" if calls.not_answered else ""
        )
        self.tiles["soon"].show_value(str(b.due_soon_count), "soon" if b.due_soon_count else "")
        self.tiles["late"].show_value(str(b.overdue_count), "late" if b.overdue_count else "")
        self.tiles["incidents"].show_value(
            str(b.incident_count), "late" if b.incident_count else ""
        )
        self.tiles["campaigns"].show_value(
            str(len(b.campaigns)), "late" if any(c.escalated_at for c, _p in b.campaigns) else ""
        )
        self.tiles["handovers"].show_value(
            str(len(b.pending_handovers)), "soon" if b.pending_handovers else ""
        )
        self.agents.clear()
        for a in b.agents:
            self.agents.addItem(
                f"{a.seat}  {a.job_no} {a.name}  {state_label(a.state)}  "
                f"{since_text(b.now, a.since)}"
            )
        self.deadlines.clear()
        for item in b.overdue + b.due_soon:
            left = due_text(item.due_at, self.zone, "%H:%M")
            mark = "▲" if item.due_at <= b.now else "△"
            self.deadlines.addItem(
                f"{mark} {left} {item.clock} · {item.case_no} {case_kind_label(item.kind)} · "
                f"{item.owner_job_no} · {item.summary}"
            )
        self.incidents.clear()
        for i in b.incidents:
            at = i.opened_at.astimezone(self.zone).strftime("%H:%M")
            self.incidents.addItem(f"■ {at} {i.case_no} {i.summary} · {i.owner_job_no}")
        for campaign, done in b.campaigns:
            self.incidents.addItem(
                self.tr("Outage %1: notified %2/%3, %4 door to door")
                .replace("%1", campaign.title)
                .replace("%2", str(done.notified))
                .replace("%3", str(done.total))
                .replace("%4", str(done.no_contact))
            )
        for h in b.pending_handovers:
            at = h.created_at.astimezone(self.zone).strftime("%H:%M")
            self.incidents.addItem(
                self.tr("Handover %1 %2 · %3 waits for acknowledgment")
                .replace("%1", at)
                .replace("%2", h.seat)
                .replace("%3", h.job_no)
            )
        for p in b.problems:
            self.incidents.addItem(f"◆ {p.seat} · {p.text} · {p.note}")
        self.refreshed.emit(b)
