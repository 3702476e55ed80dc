"""Callbacks (回访, R3.7, R3.8): take the next item of the shared list, call the customer
with the standard's script, record the result.

Claiming is atomic in the database (``console.cases.callbacks``): two agents never get the
same item; an agent who already holds one gets it back. The result goes through
``console.cases.follow_up``, which moves the case on (satisfied closes it; unsatisfied sends a
complaint to the manager's review and anything else back to the department).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TypeVar
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.calls.outbound import Purpose
from console.calls.verification import surname_of
from console.cases import callbacks, follow_up, special_groups
from console.cases.callbacks import CallbackItem
from console.content import content, dialogue
from console.content.content import Library
from console.content.greeting import greeting
from console.content.holiday_calendar import HolidayCalendar
from console.content.intent_forms import parse_local_datetime
from console.core.clock import Clock
from console.core.identity import AgentContext, Role
from console.core.runner import Runner
from console.core.settings import Settings
from console.core.vocabulary import CallbackResult, Intent
from console.telephony.telephony import Telephony
from ui.core.changes import Topic
from ui.core.text import callback_reason_label, case_kind_label, due_text, error_text
from ui.core.widgets import MessageLabel
from ui.core.worker import BackgroundOp, Busy, Task, service_op
from ui.telephony.dial_bar import (
    LINE_BY_SURNAME,
    LINE_ID,
    DialBar,
    add_line,
    call_policy,
    mark_said,
)

T = TypeVar("T")
# GS 2.2.7 names no interval for home visits; a week gives the field staff room to plan.
VISIT_WITHIN = timedelta(days=7)


class CallbackDesk(QWidget):
    recorded = Signal(str)  # callback id, result saved

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
        self.setObjectName("callbackDesk")
        self.setAccessibleName(self.tr("Callbacks"))
        self.run = run
        self.ctx = ctx
        self.settings = settings
        self.clock = clock
        self.calendar = calendar
        self.zone = ZoneInfo(settings.timezone)
        self.item: CallbackItem | None = None
        self.message = MessageLabel(self)
        top = self._build_claim_row(ctx().is_at_least(Role.SUPERVISOR))
        self._build_callback(telephony)
        form, results = self._build_results()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.details)
        layout.addWidget(self.about)
        layout.addWidget(self.dialler)
        layout.addWidget(self.script, 1)
        layout.addLayout(form)
        layout.addLayout(results)
        # One thing at a time: claiming, planning visits and recording disable each other.
        self.busy = Busy(self, self.claim_button, self.visits_button, *self.result_buttons.values())
        self._show(None)

    def _build_claim_row(self, supervisor: bool) -> QHBoxLayout:
        self.claim_button = QPushButton(self.tr("Take the ne&xt callback (Ctrl+N)"), self)
        self.claim_button.setObjectName("claimNext")
        self.claim_button.clicked.connect(self.claim)
        self.claim_key = QShortcut(QKeySequence("Ctrl+N"), self)
        self.claim_key.activated.connect(self.claim)
        self.visits_button = QPushButton(self.tr("&Plan home visits for special groups"), self)
        self.visits_button.setObjectName("scheduleVisits")
        self.visits_button.setToolTip(
            self.tr(
                "A visit task, due within %1 days, for each registered customer without one"
            ).replace("%1", str(VISIT_WITHIN.days))
        )
        self.visits_button.clicked.connect(self.schedule_visits)
        self.visits_button.setVisible(supervisor)
        top = QHBoxLayout()
        top.addWidget(self.claim_button, 1)
        top.addWidget(self.visits_button)
        return top

    def _build_callback(self, telephony: Telephony | None) -> None:
        """Who to call and why, the dial bar and the script."""
        self.details = QLabel(self)
        self.details.setObjectName("cardName")
        self.details.setAccessibleName(self.tr("Callback to make"))
        self.details.setWordWrap(True)
        self.about = QLabel(self)
        self.about.setObjectName("callbackAbout")
        self.about.setAccessibleName(self.tr("What the callback is about"))
        self.about.setWordWrap(True)
        self.about.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.script = QListWidget(self)
        self.script.setObjectName("callbackScript")
        self.script.setAccessibleName(self.tr("Callback script"))
        self.script.setToolTip(self.tr("Enter on a line: it was said on the call"))
        self.script.setWordWrap(True)
        self.script.itemActivated.connect(self._line_said)
        # Dials the customer through the seat's line; the call is a call record (R10.2).
        self.dialler = DialBar(
            telephony, self.settings, self, run=self.run, clock=self.clock, policy=call_policy()
        )
        self.dialler.said.connect(lambda phrase_id: mark_said(self.script, phrase_id))

    def _build_results(self) -> tuple[QFormLayout, QHBoxLayout]:
        form = QFormLayout()
        self.reschedule = QLineEdit(self)
        self.reschedule.setObjectName("reschedule")
        self.reschedule.setAccessibleName(self.tr("Call again at"))
        self.reschedule.setPlaceholderText(self.tr("YYYY-MM-DD HH:MM, or HH:MM for today"))
        form.addRow(self.tr("Call agai&n at"), self.reschedule)
        self.result_buttons: dict[CallbackResult, QPushButton] = {}
        row = QHBoxLayout()
        for result, text in (
            (CallbackResult.SATISFIED, self.tr("Sat&isfied")),
            (CallbackResult.UNSATISFIED, self.tr("&Unsatisfied")),
            (CallbackResult.INCONVENIENT, self.tr("Inconvenient no&w")),
            (CallbackResult.UNREACHABLE, self.tr("Un&reachable")),
        ):
            button = QPushButton(text, self)
            button.setObjectName(f"result_{result}")
            button.clicked.connect(lambda _c=False, r=result: self.record(r))
            row.addWidget(button)
            self.result_buttons[result] = button
        return form, row

    # --- claiming ----------------------------------------------------------------------

    def claim(self) -> None:
        run = self.run

        def claim_and_brief(_task: Task) -> follow_up.CallbackBrief | None:
            run(callbacks.claim_next)
            return run(follow_up.brief)

        self._start(BackgroundOp(self, claim_and_brief), self._claimed)

    def _start(self, op: BackgroundOp[T], done: Callable[[T], object], *changed: Topic) -> None:
        op.busy(self.busy).changes(Topic.CALLBACKS, *changed)
        op.on_success(done).on_failure(self._fail).start()

    def _claimed(self, brief: follow_up.CallbackBrief | None) -> None:
        self._show(brief)
        if brief is None:
            self.message.show_info(self.tr("No callback is due now."))
        else:
            self.message.clear_message()

    def _show(self, brief: follow_up.CallbackBrief | None) -> None:
        item = brief.item if brief is not None else None
        self.item = item
        self.script.clear()
        for button in self.result_buttons.values():
            button.setEnabled(item is not None)
        self.reschedule.setEnabled(item is not None)
        self.about.setText(self._about(brief) if brief is not None else "")
        self.about.setVisible(brief is not None)
        if brief is None or item is None:
            self.dialler.set_number(None)
            self.details.setText(self.tr("No callback taken"))
            return
        self.dialler.set_number(
            item.phone,
            Purpose(
                Intent.CALLBACK,
                customer_id=item.customer_id,
                customer_name=brief.customer_name,
                customer_title=brief.customer_title,
                item={"callback_id": item.id, "reason": item.reason},
            ),
        )
        due = due_text(item.due_at, self.zone)
        self.details.setText(
            self.tr("Call %1 · due %2 · attempt %3")
            .replace("%1", item.phone or self.tr("(no number)"))
            .replace("%2", due)
            .replace("%3", str(item.attempts + 1))
        )
        for line_id, text, by_surname in self._script_lines(brief):
            add_line(self.script, line_id, text, by_surname)

    def _about(self, b: follow_up.CallbackBrief) -> str:
        lines = [callback_reason_label(b.item.reason)]
        if b.customer_name:
            lines.append(f"{b.customer_name} · {b.address or ''}")
        if b.special_group:
            lines.append(self.tr("Special group: %1").replace("%1", b.special_group))
        if b.case_kind:
            lines.append(
                self.tr("Case: %1 · owner %2 · %3")
                .replace("%1", f"{b.case_no or ''} {case_kind_label(b.case_kind)}".strip())
                .replace("%2", b.case_owner_job_no or "")
                .replace("%3", b.case_summary or "")
            )
        return "\n".join(lines)

    def schedule_visits(self) -> None:
        """R3.9: plan the next home visit of every registered customer (supervisors)."""
        due = self.clock.now() + VISIT_WITHIN
        op = service_op(self, self.run, special_groups.schedule_visits, due)
        self._start(op, self._visits_planned)

    def _visits_planned(self, added: list[CallbackItem]) -> None:
        self.message.show_info(self.tr("%n home visit(s) added to the list.", "", len(added)))

    def _script_lines(self, b: follow_up.CallbackBrief) -> list[tuple[str, str, bool]]:
        """GS 15.6: the opening, who calls and whom (TN 外拨首问语), consent, the
        prescribed item, and the two endings (15.6.3 inconvenient, 15.6.4 done)."""
        name = b.customer_name
        surname = surname_of(name) if name else None
        now = greeting(self.clock.now(), self.calendar)
        script = self.library.get(content.DIALOGUE)
        lines = dialogue.outbound_call(
            script,
            self.ctx().job_no,
            now,
            Intent.CALLBACK,
            surname=surname,
            title=b.customer_title,
        )
        out = [(ln.id, ln.text, ln.addresses_by_surname) for ln in lines]
        inconvenient = self.library.get(content.SPECIAL).phrase("callback.inconvenient")
        closing = next(
            i for i, (line_id, _t, _s) in enumerate(out) if line_id == "closing.callback"
        )
        out.insert(
            closing,
            (
                inconvenient.id,
                self.tr("If inconvenient: %1").replace("%1", inconvenient.text),
                False,
            ),
        )
        return out

    def _line_said(self, item: QListWidgetItem) -> None:
        line_id = item.data(LINE_ID)
        if line_id and not self.dialler.say(str(line_id), bool(item.data(LINE_BY_SURNAME))):
            self.message.show_info(self.tr("Lines are logged while the customer is on the line."))

    # --- results ----------------------------------------------------------------------

    def record(self, result: CallbackResult) -> None:
        item = self.item
        if item is None or self.busy:
            return
        again: datetime | None = None
        typed = self.reschedule.text().strip()
        if typed:
            again = parse_local_datetime(typed, self.zone, self.clock.now())
            if again is None:
                self.message.show_error(self.tr("Enter the time as YYYY-MM-DD HH:MM or HH:MM."))
                return
        elif result is CallbackResult.UNREACHABLE:
            again = self.clock.now() + timedelta(hours=2)  # try again later the same day
        op = service_op(
            self, self.run, follow_up.callback_result, item.id, result, reschedule_at=again
        )
        # The result moves the case on: closed, back to the department, or to review.
        self._start(op, lambda _r: self._recorded(item.id), Topic.CASES)

    def _recorded(self, callback_id: str) -> None:
        self.dialler.result_recorded()  # never hangs up (GS 15.6.4)
        self.reschedule.clear()
        self._show(None)
        self.message.show_info(self.tr("Result saved."))
        self.recorded.emit(callback_id)

    def _fail(self, error: BaseException) -> None:
        self.message.show_error(error_text(error, self.settings))
