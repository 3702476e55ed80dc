"""Outage notification (停气通知, R5.2, R5.3): the open campaigns with their live progress;
an agent takes the next customer of one, reads the notification script (reason,
expected restoration, "不便之处请您见谅") and records the result; a supervisor creates a
campaign on the address tree and closes it when the gas is back.

Thin over ``console.campaigns.campaigns``: the claim is atomic in the database, the progress
counts come from it, the area tree is its address tree.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.calls.outbound import Purpose
from console.calls.verification import surname_of
from console.campaigns import campaigns
from console.campaigns.campaigns import AreaNode, CampaignRecord, Progress, Target
from console.content import content, dialogue
from console.content.content import Library
from console.content.greeting import greeting
from console.content.holiday_calendar import HolidayCalendar
from console.content.intent_forms import parse_local_datetime
from console.core.clock import Clock
from console.core.identity import AgentContext, Role
from console.core.runner import Runner
from console.core.settings import Settings
from console.core.vocabulary import CampaignKind, Intent, TargetStatus
from console.telephony.telephony import Telephony
from ui.core.changes import Topic, changes
from ui.core.text import campaign_kind_label, error_text
from ui.core.widgets import MessageLabel
from ui.core.worker import Busy, service_op
from ui.telephony.dial_bar import (
    LINE_BY_SURNAME,
    LINE_ID,
    DialBar,
    add_line,
    call_policy,
    mark_said,
)

REFRESH_MS = 10_000
# What the notice says for an outage already under way and an unknown restoration: the
# script's "自{outage_from}起停止供气,预计{restore_at}恢复供气" then reads 自即日起, 预计尽快.
OUTAGE_BEGUN = "即日"
RESTORE_UNKNOWN = "尽快"


class CampaignDialog(QDialog):
    """A new campaign: what, why, when, and the area on the address tree."""

    created = Signal(object)  # CampaignRecord

    def __init__(
        self, run: Runner, settings: Settings, clock: Clock, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("campaignDialog")
        self.setWindowTitle(self.tr("New outage notification"))
        self.run = run
        self.settings = settings
        self.clock = clock
        self.zone = ZoneInfo(settings.timezone)
        self.campaign_id = str(uuid.uuid4())  # a retry creates nothing twice
        self.message = MessageLabel(self)
        self.kind = QComboBox(self)
        for kind in (CampaignKind.EMERGENCY, CampaignKind.PLANNED):  # the first is the default
            self.kind.addItem(campaign_kind_label(kind), kind.value)
        self.title_edit = QLineEdit(self)
        self.title_edit.setAccessibleName(self.tr("Title"))
        self.reason = QLineEdit(self)
        self.reason.setAccessibleName(self.tr("Reason"))
        self.reason.setPlaceholderText(self.tr("As the customer hears it, e.g. 燃气管道抢修"))
        self.outage_from = QLineEdit(self)
        self.outage_from.setPlaceholderText(self.tr("YYYY-MM-DD HH:MM (planned: required)"))
        self.restore = QLineEdit(self)
        self.restore.setPlaceholderText(self.tr("YYYY-MM-DD HH:MM, or HH:MM for today"))
        self.attempts = QSpinBox(self)
        self.attempts.setRange(1, 10)
        self.attempts.setValue(3)
        self.retry = QSpinBox(self)
        self.retry.setRange(5, 1440)
        self.retry.setValue(30)
        self.retry.setSuffix(self.tr(" min"))
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("areaTree")
        self.tree.setHeaderLabels([self.tr("Area"), self.tr("Customers")])
        self.tree.setAccessibleName(self.tr("Affected area"))
        form = QFormLayout()
        form.addRow(self.tr("&Kind"), self.kind)
        form.addRow(self.tr("&Title"), self.title_edit)
        form.addRow(self.tr("&Reason"), self.reason)
        form.addRow(self.tr("Outage &from"), self.outage_from)
        form.addRow(self.tr("Gas &back at"), self.restore)
        form.addRow(self.tr("&Attempts per customer"), self.attempts)
        form.addRow(self.tr("Retr&y after"), self.retry)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Affected area (tick communities, buildings or units)")))
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.buttons)
        self.busy = Busy(self, self.buttons)
        self.resize(620, 680)
        (
            service_op(self, run, campaigns.address_tree)
            .on_success(self._fill)
            .on_failure(self._fail)
            .start()
        )

    def _fill(self, rows: list[tuple[str, str, str, int]]) -> None:
        flags = Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled
        tri = flags | Qt.ItemFlag.ItemIsAutoTristate
        nodes: dict[tuple[str, ...], QTreeWidgetItem] = {}
        for community, building, unit, n in rows:
            c = nodes.get((community,))
            if c is None:
                c = nodes[(community,)] = QTreeWidgetItem(self.tree, [community, ""])
                c.setFlags(tri)
                c.setCheckState(0, Qt.CheckState.Unchecked)
            b = nodes.get((community, building))
            if b is None:
                b = nodes[(community, building)] = QTreeWidgetItem(c, [building + "号楼", ""])
                b.setFlags(tri)
                b.setCheckState(0, Qt.CheckState.Unchecked)
            u = QTreeWidgetItem(b, [unit + "单元", str(n)])
            u.setFlags(flags)
            u.setCheckState(0, Qt.CheckState.Unchecked)
            u.setData(0, Qt.ItemDataRole.UserRole, (community, building, unit))
            b.setData(0, Qt.ItemDataRole.UserRole, (community, building))
            c.setData(0, Qt.ItemDataRole.UserRole, (community,))

    def area(self) -> list[AreaNode]:
        """The ticked nodes, each at the highest level ticked whole."""
        out: list[AreaNode] = []

        def walk(item: QTreeWidgetItem | None) -> None:
            if item is None:
                return
            state = item.checkState(0)
            if state == Qt.CheckState.Checked:
                out.append(AreaNode(*item.data(0, Qt.ItemDataRole.UserRole)))
            elif state == Qt.CheckState.PartiallyChecked:
                for i in range(item.childCount()):
                    walk(item.child(i))

        for i in range(self.tree.topLevelItemCount()):
            walk(self.tree.topLevelItem(i))
        return out

    def _when(self, edit: QLineEdit) -> datetime | None:
        """The time typed (None when empty); ValueError when it cannot be read."""
        text = edit.text().strip()
        if not text:
            return None
        parsed = parse_local_datetime(text, self.zone, self.clock.now())
        if parsed is None:
            raise ValueError(text)
        return parsed

    def submit(self) -> None:
        if self.busy:
            return
        try:
            outage_from, restore = self._when(self.outage_from), self._when(self.restore)
        except ValueError:
            self.message.show_error(self.tr("Enter times as YYYY-MM-DD HH:MM or HH:MM."))
            return
        (
            service_op(
                self,
                self.run,
                campaigns.create,
                self.campaign_id,
                self.kind.currentData(),
                self.title_edit.text(),
                self.reason.text(),
                self.area(),
                outage_from=outage_from,
                restore_expected_at=restore,
                max_attempts=self.attempts.value(),
                retry_minutes=self.retry.value(),
            )
            .busy(self.busy)
            .changes(Topic.CAMPAIGNS)
            .on_success(self._done)
            .on_failure(self._fail)
            .start()
        )

    def _done(self, record: CampaignRecord) -> None:
        self.created.emit(record)
        self.accept()

    def _fail(self, error: BaseException) -> None:
        self.message.show_error(error_text(error, self.settings))  # what was typed stays


class CampaignDesk(QWidget):
    recorded = Signal(str)  # result recorded

    def __init__(
        self,
        run: Runner,
        ctx: Callable[[], AgentContext],
        settings: Settings,
        clock: Clock,
        calendar: HolidayCalendar,
        parent: QWidget | None = None,
        telephony: Telephony | None = None,
        library: Library | None = None,
    ) -> None:
        super().__init__(parent)
        self.library = library or content.shipped()  # the scripts in force
        self.setObjectName("campaignDesk")
        self.run = run
        self.ctx = ctx
        self.settings = settings
        self.clock = clock
        self.calendar = calendar
        self.zone = ZoneInfo(settings.timezone)
        self.busy = Busy(self)
        self.busy.changed.connect(lambda _busy: self._enable())
        self.campaigns: list[tuple[CampaignRecord, Progress]] = []
        self.target: Target | None = None
        self.message = MessageLabel(self)
        top = self._build_list(ctx().is_at_least(Role.SUPERVISOR))
        results = self._build_target(telephony)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(QLabel(self.tr("Open outage notifications"), self))
        layout.addWidget(self.list)
        layout.addLayout(top)
        layout.addWidget(self.details)
        layout.addWidget(self.dialler)
        layout.addWidget(self.script, 1)
        layout.addLayout(results)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        changes().campaigns.connect(self.refresh)  # created, closed or called on this console
        self._show(None)
        self.refresh()

    def _build_list(self, supervisor: bool) -> QHBoxLayout:
        """The open campaigns, and what is done with the one chosen."""
        self.list = QListWidget(self)
        self.list.setObjectName("campaigns")
        self.list.setAccessibleName(self.tr("Open campaigns"))
        self.list.setWordWrap(True)
        self.list.setMaximumHeight(160)
        self.list.currentRowChanged.connect(lambda _r: self._enable())
        self.new_button = QPushButton(self.tr("New campa&ign…"), self)
        self.new_button.clicked.connect(self.new_campaign)
        self.close_button = QPushButton(self.tr("Cl&ose campaign (gas back)"), self)
        self.close_button.clicked.connect(self.close_campaign)
        self.print_button = QPushButton(self.tr("&Print the results…"), self)
        self.print_button.clicked.connect(self.print_results)
        for b in (self.new_button, self.close_button, self.print_button):
            b.setVisible(supervisor)
        self.claim_button = QPushButton(self.tr("Take the ne&xt customer"), self)
        self.claim_button.setObjectName("claimTarget")
        self.claim_button.clicked.connect(self.claim)
        top = QHBoxLayout()
        top.addWidget(self.claim_button, 1)
        top.addWidget(self.new_button)
        top.addWidget(self.close_button)
        top.addWidget(self.print_button)
        return top

    def _build_target(self, telephony: Telephony | None) -> QHBoxLayout:
        """The customer taken, the dial bar, the script and the results."""
        self.details = QLabel(self)
        self.details.setObjectName("cardName")
        self.details.setWordWrap(True)
        self.script = QListWidget(self)
        self.script.setObjectName("notificationScript")
        self.script.setAccessibleName(self.tr("Notification script"))
        self.script.setToolTip(self.tr("Enter on a line: it was said on the call"))
        self.script.setWordWrap(True)
        self.script.itemActivated.connect(self._line_said)
        # Dials the customer through the seat's line; the call is a call record (R10.2).
        self.dialler = DialBar(
            telephony, self.settings, self, run=self.run, clock=self.clock, policy=call_policy()
        )
        self.dialler.said.connect(lambda phrase_id: mark_said(self.script, phrase_id))
        self.result_buttons: dict[TargetStatus, QPushButton] = {}
        row = QHBoxLayout()
        for result, text in (
            (TargetStatus.NOTIFIED, self.tr("&Notified")),
            (TargetStatus.NOT_REACHED, self.tr("Not &reached (try again)")),
            (TargetStatus.WRONG_NUMBER, self.tr("&Wrong number")),
        ):
            button = QPushButton(text, self)
            button.setObjectName(f"campaign_{result}")
            button.clicked.connect(lambda _c=False, r=result: self.record(r))
            row.addWidget(button)
            self.result_buttons[result] = button
        return row

    # --- the list ----------------------------------------------------------------------

    def refresh(self) -> None:
        (
            service_op(self, self.run, campaigns.active)
            .on_success(self._fill)
            .on_failure(self._fail)
            .start()
        )

    def _fill(self, rows: list[tuple[CampaignRecord, Progress]]) -> None:
        chosen = self._chosen()
        self.campaigns = rows
        self.list.clear()
        for c, p in rows:
            kind = campaign_kind_label(c.kind)
            due = (
                " · " + self.tr("notice due %1").replace("%1", self._at(c.notice_due_at))
                if c.notice_due_at
                else ""
            )
            late = " · " + self.tr("ESCALATED") if c.escalated_at else ""
            self.list.addItem(
                self.tr("%1 (%2) · notified %3/%4 · to call %5 · not reached %6 · door to door %7")
                .replace("%1", c.title)
                .replace("%2", kind)
                .replace("%3", str(p.notified))
                .replace("%4", str(p.total))
                .replace("%5", str(p.remaining))
                .replace("%6", str(p.not_reached))
                .replace("%7", str(p.no_contact))
                + due
                + late
            )
        ids = [c.id for c, _p in rows]
        if chosen is not None and chosen.id in ids:
            self.list.setCurrentRow(ids.index(chosen.id))
        elif rows:
            self.list.setCurrentRow(0)
        self._enable()

    def _chosen(self) -> CampaignRecord | None:
        row = self.list.currentRow()
        return self.campaigns[row][0] if 0 <= row < len(self.campaigns) else None

    def _at(self, moment: datetime | None) -> str:
        return "" if moment is None else moment.astimezone(self.zone).strftime("%m-%d %H:%M")

    def _enable(self) -> None:
        idle = not self.busy
        chosen = self._chosen() is not None
        self.claim_button.setEnabled(idle and chosen and self.target is None)
        self.close_button.setEnabled(idle and chosen)
        self.print_button.setEnabled(idle and chosen)
        for b in self.result_buttons.values():
            b.setEnabled(idle and self.target is not None)

    def _fail(self, error: BaseException) -> None:
        self.message.show_error(error_text(error, self.settings))
        self._enable()

    # --- supervisors -------------------------------------------------------------------

    def new_campaign(self) -> None:
        dialog = CampaignDialog(self.run, self.settings, self.clock, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()

    def close_campaign(self) -> None:
        c = self._chosen()
        if c is not None:
            (
                service_op(self, self.run, campaigns.close, c.id)
                .busy(self.busy)
                .changes(Topic.CAMPAIGNS)
                .on_failure(self._fail)
                .start()
            )

    def print_results(self) -> None:
        """Notified, not notified and door-to-door lists (R5.2), as a registered report."""
        from console.printing.printing import ReportRequest
        from ui.printing.reports_dialog import ReportsDialog

        c = self._chosen()
        if c is None:
            return
        request = ReportRequest("campaign", campaign_id=c.id)
        dialog = ReportsDialog(self.run, self.ctx(), self.settings, self, request=request)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.reports_dialog = dialog
        dialog.show()

    # --- calling -----------------------------------------------------------------------

    def claim(self) -> None:
        c = self._chosen()
        if c is None:
            return
        (
            service_op(self, self.run, campaigns.claim_next, c.id)
            .busy(self.busy)
            .changes(Topic.CAMPAIGNS)
            .on_success(self._claimed)
            .on_failure(self._fail)
            .start()
        )

    def _claimed(self, target: Target | None) -> None:
        self._show(target)
        if target is None:
            self.message.show_info(self.tr("Nobody is due to be called in this campaign now."))
        else:
            self.message.clear_message()
        self._enable()

    def _show(self, target: Target | None) -> None:
        self.target = target
        self.script.clear()
        if target is None:
            self.dialler.set_number(None)
            self.details.setText(self.tr("No customer taken"))
            return
        self.dialler.set_number(
            target.phone,
            Purpose(
                Intent.NOTIFICATION,
                customer_id=target.customer_id,
                customer_name=target.customer_name,
                customer_title=target.customer_title,
                item={"campaign_id": target.campaign.id},
            ),
        )
        self.details.setText(
            self.tr("Call %1 · %2 · %3 · attempt %4")
            .replace("%1", target.phone or "")
            .replace("%2", target.customer_name)
            .replace("%3", target.address)
            .replace("%4", str(target.attempts + 1))
        )
        for line in self.script_lines(target):
            add_line(self.script, line.id, line.text, line.addresses_by_surname)

    def script_lines(self, t: Target) -> list[dialogue.ScriptLine]:
        """The opening, who calls and whom, the notice (reason, times: PR 五 尽量说明事由
        及恢复时间), its apology (不便之处请您见谅), the closing."""
        c = t.campaign
        now = greeting(self.clock.now(), self.calendar)
        script = self.library.get(content.DIALOGUE)
        return dialogue.outbound_call(
            script,
            self.ctx().job_no,
            now,
            Intent.NOTIFICATION,
            surname=surname_of(t.customer_name) if t.customer_name else None,
            title=t.customer_title,
            address=t.address,
            reason=c.reason,
            # The script's own words for an open start or end (自即日起, 预计尽快恢复).
            outage_from=self._at(c.outage_from) if c.outage_from else OUTAGE_BEGUN,
            restore_at=self._at(c.restore_expected_at)
            if c.restore_expected_at
            else RESTORE_UNKNOWN,
        )

    def _line_said(self, item: QListWidgetItem) -> None:
        line_id = item.data(LINE_ID)
        if line_id and not self.dialler.say(str(line_id), bool(item.data(LINE_BY_SURNAME))):
            self.message.show_info(self.tr("Lines are logged while the customer is on the line."))

    def record(self, result: TargetStatus) -> None:
        t = self.target
        if t is None:
            return
        (
            service_op(
                self, self.run, campaigns.record_result, t.campaign.id, t.customer_id, result
            )
            .busy(self.busy)
            .changes(Topic.CAMPAIGNS)  # the list's counts
            .on_success(lambda _r: self._recorded(result))
            .on_failure(self._fail)
            .start()
        )

    def _recorded(self, result: str) -> None:
        self.dialler.result_recorded()  # never hangs up (GS 15.6.4)
        self._show(None)
        self.message.show_info(self.tr("Result saved."))
        self.recorded.emit(result)
