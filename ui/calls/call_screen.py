"""The call screen: one call from ring to wrap-up, guided by the service standard (R2).

Layout: the call bar across the top (state, number, ring/talk/hold timers, the call
controls), then the customer card, the scripted dialogue panel, and the forms
(verification, intent, notes). At wrap-up the compliance result appears above the forms.

Everything the agent does goes to :class:`console.calls.call_desk.ActiveCall` first (the
state machine refuses what the state does not allow) and is then saved: a local draft
a moment after each change, the database every couple of seconds and at each state
change (R2.12). A call restored after a crash comes in through :meth:`restore`.

The line (console/telephony/telephony.py: the call simulator or the seat's softphone) is told of
each answer, hold, resume and hang-up; what the line reports comes in through the slots
under "telephony in". When the softphone is down a banner says so across the top: the
call on the desk stays, with its record, and the line reconnects by itself.

Keys (R9.2): F2 answer · F3 hold/resume · F4 hang up · F7 transfer · F8 mark the
highlighted line said · F9 quick scripts · Ctrl+S save now · F10 finish wrap-up.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from console.app.drafts import DraftStore
from console.calls import compliance, verification
from console.calls.call_desk import ActiveCall, CallSnapshot, CaseHandOff, company_policy
from console.calls.call_flow import (
    TRANSFER_LINE,
    CallFlowError,
    CallPolicy,
    CallState,
    EventKind,
    TalkMark,
)
from console.calls.calls import MAX_NOTES, CallRecord
from console.calls.screen_pop import ScreenPop
from console.cases import cases
from console.content import dialogue, special_scripts
from console.content.call_scripts import CallScripts
from console.content.greeting import greeting
from console.content.holiday_calendar import HolidayCalendar
from console.content.intent_forms import parse_datetime, promised_hours
from console.content.taboo import Hit
from console.core.clock import Clock
from console.core.errors import UserFacingError
from console.core.identity import AgentContext
from console.core.settings import Settings
from console.core.vocabulary import CallChannel, CaseId, CaseKind, EndedBy, Title
from console.telephony.telephony import (
    CallDropped,
    CallerHungUp,
    CallTransferred,
    CommandFailed,
    IncomingCall,
    Telephony,
    transfer_seats,
)
from ui.calls.call_forms import IntentForm, VerificationForm
from ui.calls.dialogue_panel import DialoguePanel
from ui.calls.taboo_highlighter import CheckedTextEdit
from ui.calls.transfer_dialog import TransferDialog
from ui.cases.special_group_dialog import SpecialGroupDialog
from ui.core import session
from ui.core.changes import Topic
from ui.core.style import repolish
from ui.core.text import (
    call_state_label,
    case_kind_label,
    criterion_label,
    error_text,
    intent_label,
    message_id,
)
from ui.core.widgets import Banner, MessageLabel
from ui.core.worker import BackgroundOp, run_op, service_op
from ui.customers.customer_card import CustomerCardView

if TYPE_CHECKING:
    from console.app.runtime import Runtime

log = logging.getLogger(__name__)

TICK_MS = 200
DRAFT_DELAY_MS = 300  # the local draft: at most this much typing can be lost
SAVE_DELAY_MS = 1_500  # the database copy while typing
ALIVE_EVERY = timedelta(seconds=5)  # the draft of a call, even without typing


def _mmss(delta: timedelta) -> str:
    seconds = max(0, int(delta.total_seconds()))
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


class CallScreen(QWidget):
    call_started = Signal(str)  # call id
    card_painted = Signal(str)  # call id: the screen pop is on screen
    saved = Signal(int)  # the record's version after a save
    wrap_up_started = Signal(str)  # call id: the line closed, wrap-up begins
    call_finished = Signal(str)  # call id, wrap-up done and saved
    busy_changed = Signal(bool)  # a call is on the desk
    line_changed = Signal(bool)  # the line works (False: the softphone is down)

    def __init__(
        self,
        settings: Settings,
        runtime: Runtime,
        context: Callable[[], AgentContext],
        telephony: Telephony,
        clock: Clock,
        calendar: HolidayCalendar,
        drafts: DraftStore,
        policy: CallPolicy | None = None,
        scripts: CallScripts | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("callScreen")
        self.settings = settings
        self.runtime = runtime
        self.context = context
        self.telephony = telephony
        self.clock = clock
        self.calendar = calendar
        self.drafts = drafts
        self.policy = policy or company_policy()  # the ring cadence and limit of the data
        self.active: ActiveCall | None = None
        self.pop: ScreenPop | None = None
        self._saving = False
        self._consult_ref = ""  # the consultation call of an attended transfer, if any
        # (call id, target) of a transfer sent to the line and not yet confirmed by it:
        # the caller is still on this seat's line until ``call_transferred``.
        self._transferring: tuple[str, str] | None = None
        self._finishing = False  # F10 pressed, the finishing save not yet acknowledged
        self._alive_at: datetime | None = None  # the call's draft last written
        self._logged_hits: set[str] = set()
        self._run: special_scripts.ScriptRun | None = None
        self._wrap_up_announced = False
        self.scripts = scripts or CallScripts()
        self._shown_hours: str | None = None  # the promise the script says now
        self._build()
        self._build_actions()

        self.tick = QTimer(self)
        self.tick.setInterval(TICK_MS)
        self.tick.timeout.connect(self._on_tick)
        self.draft_timer = QTimer(self)
        self.draft_timer.setSingleShot(True)
        self.draft_timer.setInterval(DRAFT_DELAY_MS)
        self.draft_timer.timeout.connect(self.save_draft)
        self.save_timer = QTimer(self)
        self.save_timer.setSingleShot(True)
        self.save_timer.setInterval(SAVE_DELAY_MS)
        self.save_timer.timeout.connect(self.save_now)
        self._show_idle()

    # --- building ----------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(10, 8, 10, 8)
        outer.setSpacing(8)

        self.line_banner = Banner(self)
        self.line_banner.setObjectName("lineBanner")
        outer.addWidget(self.line_banner)
        self.bar = self._build_call_bar()
        outer.addWidget(self.bar)
        self.message = MessageLabel(self)
        outer.addWidget(self.message)

        split = QSplitter(Qt.Orientation.Horizontal, self)
        self.card = CustomerCardView(self.calendar.zone, split, library=self.scripts.library)
        self.card.customer_chosen.connect(self.choose_customer)
        self.card.search_requested.connect(self.find_customer)
        self.card.painted.connect(self.card_painted)
        self.card.register_requested.connect(self.register_special_group)
        self.dialogue = DialoguePanel(split)
        self.dialogue.said.connect(self.say)
        self.dialogue.sequence_requested.connect(self.start_sequence)
        right = self._build_forms(split)
        split.addWidget(self.card)
        split.addWidget(self.dialogue)
        split.addWidget(right)
        # Small minimums: the window must fit a 1366×768 screen with room to spare;
        # each pane scrolls its own lists when space is short.
        for pane in (self.card, self.dialogue, right):
            pane.setMinimumSize(160, 160)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 4)
        split.setStretchFactor(2, 4)
        outer.addWidget(split, 1)
        self._chain_focus()

    def _build_call_bar(self) -> QFrame:
        """State, number and timers of the call, and the buttons F2, F3, F4, F10 press.
        The main window shows it above its tabs while a call is on the desk, so the
        call stays in view (and its keys work) whatever tab the agent looks at."""
        bar = QFrame(self)
        bar.setObjectName("callBar")
        bar.setAccessibleName(self.tr("Call bar"))
        b = QHBoxLayout(bar)
        b.setContentsMargins(12, 8, 12, 8)
        self.state_label = QLabel(bar)
        self.state_label.setObjectName("callState")
        self.state_label.setAccessibleName(self.tr("Call state"))
        self.number_label = QLabel(bar)
        self.number_label.setObjectName("callNumber")
        self.number_label.setAccessibleName(self.tr("Caller number"))
        self.number_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.timer_label = QLabel(bar)
        self.timer_label.setObjectName("callTimers")
        self.timer_label.setAccessibleName(self.tr("Call timers"))
        # Room for the talk time from the start: the bar does not shift as it ticks.
        # (Its font and padding are the style sheet's: polished first.)
        self.timer_label.ensurePolished()
        talk = self.tr("Talk %1").replace("%1", "00:00")
        width = self.timer_label.fontMetrics().horizontalAdvance(talk)
        self.timer_label.setMinimumWidth(width + 2 * 8 + 4)
        self.mark_label = QLabel(bar)
        self.mark_label.setObjectName("callMark")
        self.mark_label.setWordWrap(True)
        self.back_button = QPushButton(self.tr("Back to the call (F12)"), bar)
        self.back_button.setObjectName("backToCallButton")
        self.back_button.hide()  # shown by the main window on its other tabs
        self.answer_button = QPushButton(self.tr("Answer (F2)"), bar)
        self.answer_button.setObjectName("answerButton")
        self.hold_button = QPushButton(self.tr("Hold (F3)"), bar)
        self.hold_button.setObjectName("holdButton")
        self.hang_up_button = QPushButton(self.tr("Hang up (F4)"), bar)
        self.hang_up_button.setObjectName("hangUpButton")
        self.transfer_button = QPushButton(self.tr("Transfer (F&7)"), bar)
        self.transfer_button.setObjectName("transferCallButton")
        self.finish_button = QPushButton(self.tr("Finish wrap-up (F10)"), bar)
        self.finish_button.setObjectName("finishButton")
        # clicked(bool) carries the checked flag: the slots take no part of it.
        self.answer_button.clicked.connect(lambda _checked=False: self.answer())
        self.hold_button.clicked.connect(lambda _checked=False: self.toggle_hold())
        self.hang_up_button.clicked.connect(lambda _checked=False: self.hang_up())
        self.transfer_button.clicked.connect(lambda _checked=False: self.transfer())
        self.finish_button.clicked.connect(lambda _checked=False: self.finish_wrap_up())
        for w in (self.state_label, self.number_label, self.timer_label):
            b.addWidget(w)
        b.addWidget(self.mark_label, 1)
        for button in (
            self.back_button,
            self.answer_button,
            self.hold_button,
            self.hang_up_button,
            self.transfer_button,
            self.finish_button,
        ):
            # Whole words on the buttons: the mark beside them wraps instead.
            button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            b.addWidget(button)
        return bar

    def _build_forms(self, split: QSplitter) -> QWidget:
        """The right-hand pane: the compliance score; verification and intent in one
        column that scrolls (read and typed top to bottom); the notes."""
        right = QWidget(split)
        r = QVBoxLayout(right)
        r.setContentsMargins(0, 0, 0, 0)
        self.compliance_box = QLabel(right)
        self.compliance_box.setObjectName("complianceBox")
        self.compliance_box.setWordWrap(True)
        self.compliance_box.setAccessibleName(self.tr("Compliance"))
        self.compliance_box.hide()
        self.forms = QScrollArea(right)
        self.forms.setObjectName("callForms")
        self.forms.setAccessibleName(self.tr("Call forms"))
        self.forms.setWidgetResizable(True)
        self.forms.setFrameShape(QFrame.Shape.NoFrame)
        self.forms.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its fields take the focus
        self.forms.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        column = QWidget(self.forms)
        c = QVBoxLayout(column)
        c.setContentsMargins(0, 0, 8, 0)
        self.verification = VerificationForm(self.settings, column)
        self.verification.changed.connect(self._changed)
        self.verification.changed.connect(self._intent_defaults)
        self.verification.surname_given.connect(self.set_surname)
        self.verification.checked.connect(self.verified)
        self.intent = IntentForm(self.settings, self.scripts.intents, column)
        self.intent.changed.connect(self._changed)
        self.intent.changed.connect(self._refresh_promise)
        self.intent.intent_changed.connect(lambda _i: self._refresh_script())
        self.intent.action_requested.connect(self._on_form_action)
        self.intent.rebuilt.connect(self._chain_focus)
        verification_title = QLabel(self.tr("Ver&ification"), column)
        verification_title.setObjectName("sectionTitle")
        verification_title.setBuddy(self.verification.edits["surname"])
        intent_title = QLabel(self.tr("I&ntent"), column)
        intent_title.setObjectName("sectionTitle")
        intent_title.setBuddy(self.intent.intent)
        c.addWidget(verification_title)
        c.addWidget(self.verification)
        c.addSpacing(6)
        c.addWidget(intent_title)
        c.addWidget(self.intent)
        c.addStretch(1)
        self.forms.setWidget(column)

        notes_label = QLabel(self.tr("N&otes"), right)
        notes_label.setObjectName("sectionTitle")
        self.notes = CheckedTextEdit(right)
        self.notes.setObjectName("callNotes")
        self.notes.editor.setAccessibleName(self.tr("Call notes"))
        self.notes.set_limit(self.tr("Notes"), MAX_NOTES)
        self.notes.editor.refused.connect(self.message.show_error)
        self.notes.editor.textChanged.connect(self._changed)
        notes_label.setBuddy(self.notes.editor)
        r.addWidget(self.compliance_box)
        r.addWidget(self.forms, 3)
        r.addWidget(notes_label)
        r.addWidget(self.notes, 2)
        return right

    def _chain_focus(self) -> None:
        """Tab in reading order (R9.2): verification, the intent and its form, the notes,
        the call's buttons, then the card and the script, and round again. The intent's
        fields are new widgets each time it changes: chained again then."""
        chain: list[QWidget] = [
            *self.verification.fields_in_order(),
            *self.intent.fields_in_order(),
            self.notes.editor,
            self.back_button,
            self.answer_button,
            self.hold_button,
            self.hang_up_button,
            self.transfer_button,
            self.finish_button,
            *self.card.fields_in_order(),
            *self.dialogue.fields_in_order(),
        ]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _build_actions(self) -> None:
        def action(
            name: str, key: str, slot: Callable[[], Any], on: QWidget | None = None
        ) -> QAction:
            a = QAction(QCoreApplication.translate("CallScreen", str(what[name])), self)
            a.setObjectName(name)
            a.setShortcut(QKeySequence(key))
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            a.triggered.connect(lambda _checked=False: slot())
            (on or self).addAction(a)
            return a

        what = {  # what each key does, for the key sheet (F1)
            "actAnswer": QT_TRANSLATE_NOOP("CallScreen", "Answer the ringing call"),
            "actHold": QT_TRANSLATE_NOOP("CallScreen", "Hold the call, or resume it"),
            "actHangUp": QT_TRANSLATE_NOOP("CallScreen", "Hang up"),
            "actTransfer": QT_TRANSLATE_NOOP(
                "CallScreen", "Transfer the caller to a ready seat or a number (请稍等 first)"
            ),
            "actSave": QT_TRANSLATE_NOOP("CallScreen", "Save the call now"),
            "actFinish": QT_TRANSLATE_NOOP(
                "CallScreen", "Finish the wrap-up (checks the intent form)"
            ),
            "actSaid": QT_TRANSLATE_NOOP("CallScreen", "Mark the highlighted script line as said"),
            "actQuick": QT_TRANSLATE_NOOP(
                "CallScreen", "Quick scripts: type to filter, Enter says it"
            ),
        }
        # On the call bar: they work wherever the bar is shown (every tab, during a call).
        self.act_answer = action("actAnswer", "F2", self.answer, self.bar)
        self.act_hold = action("actHold", "F3", self.toggle_hold, self.bar)
        self.act_hang_up = action("actHangUp", "F4", self.hang_up, self.bar)
        self.act_transfer = action("actTransfer", "F7", self.transfer, self.bar)
        self.act_save = action("actSave", "Ctrl+S", self.save_now, self.bar)
        self.act_finish = action("actFinish", "F10", self.finish_wrap_up, self.bar)
        # The script's keys work where the script is.
        self.act_said = action("actSaid", "F8", self.dialogue.mark_current_said)
        self.act_quick = action("actQuick", "F9", self.dialogue.quick_filter.setFocus)

    # --- telephony in ------------------------------------------------------------------

    def offer(self, incoming: IncomingCall) -> None:
        """A call rings at this seat."""
        if self.active is not None and not self.active.finished:
            self._missed_while_busy(incoming)
            return
        try:
            active = ActiveCall.ring(
                incoming.ref,
                incoming.number,
                incoming.at,
                clock=self.clock,
                policy=self.policy,
                # The closing that fits the day, logged for the score (TN 结束语).
                closing=greeting(incoming.at, self.calendar).closing.value,
                transferred_from=incoming.transferred_from,
            )
        except UserFacingError as e:
            self.message.show_error(error_text(e, self.settings))
            return
        self._take(active)
        if incoming.transferred_from:
            self.message.show_info(self.tr("This call was transferred from another seat."))
        self.call_started.emit(active.call_id)
        snap = active.snapshot()
        self._saving = True
        rt, ctx = self.runtime, self.context()
        (
            BackgroundOp(self, lambda _task: session.ring(rt, ctx, snap))
            .changes(Topic.CALLS)
            .on_success(lambda result: self._rang(snap, result))
            .on_failure(self._save_failed)
            .start()
        )

    def start_visit(self) -> None:
        """A visitor at the service hall (来访登记, PR 一, GN 接待来访): a contact of channel
        visit, at once in conversation — no ring, no line — with the same script stages,
        forms, case hand-off and wrap-up as a call. F4 ends the visit (the visitor
        leaves)."""
        if self.active is not None and not self.active.finished:
            self.message.show_info(self.tr("Finish the contact on the desk first."))
            return
        now = self.clock.now()
        active = ActiveCall.ring(
            str(uuid.uuid4()),
            None,
            now,
            clock=self.clock,
            policy=self.policy,
            closing=greeting(now, self.calendar).closing.value,
            channel=CallChannel.VISIT,
        )
        active.flow.answer(now)
        self._take(active)
        self.number_label.setText(self.tr("Walk-in visitor"))
        self.call_started.emit(active.call_id)
        snap = active.snapshot()
        self._saving = True
        run_op(
            self,
            lambda: session.ring(self.runtime, self.context(), snap),
            lambda result: self._rang(snap, result),
            self._save_failed,
        )
        self.card.search.setFocus()

    def _rang(self, snap: CallSnapshot, result: tuple[CallRecord, ScreenPop]) -> None:
        record, pop = result
        self._saving = False
        if self.active is None or self.active.call_id != snap.call_id:
            return
        self.active.synced(snap, record)
        self.saved.emit(record.version)
        self.show_pop(pop)
        self._save_if_dirty()

    def show_pop(self, pop: ScreenPop) -> None:
        self.pop = pop
        self.verification.card = pop.card
        self.card.show_pop(pop)
        self._intent_defaults()
        if pop.card is not None and self.active is not None:
            self._edit(customer_id=pop.card.id)
        self._refresh_script()

    def caller_hung_up(self, event: CallerHungUp) -> None:
        a = self.active
        if a is not None and a.flow.consulting is not None and event.ref == self._consult_ref:
            self._consultation_ended(a.flow.consulting, event.reason)
            return
        if self.active is None or self.active.call_id != event.ref:
            return
        self._drop_consultation(self.active)
        self._command(lambda a: a.hang_up(EndedBy.CALLER, event.at))

    def call_dropped(self, event: CallDropped) -> None:
        """The line lost the call (the softphone crashed or restarted): nobody hung up.
        The call ends as ``system`` and goes to wrap-up; its record stays."""
        a = self.active
        if a is None or a.call_id != event.ref or a.state.ended:
            return
        if self._command(lambda c: c.hang_up(EndedBy.SYSTEM, event.at)):
            self.message.show_error(
                self.tr(
                    "The softphone lost this call; the record is kept. Finish the wrap-up "
                    "and call the customer back if needed."
                )
            )

    def command_failed(self, event: CommandFailed, text: str) -> None:
        """The line did not carry out what the agent did on screen: say so. A transfer
        that failed leaves the caller with the agent: the call goes on."""
        if self.active is None or self.active.call_id != event.ref:
            return
        if event.action == "transfer" and self._pending_transfer() is not None:
            self._transfer_failed(text)
            return
        self.message.show_error(text)

    def call_transferred(self, event: CallTransferred) -> None:
        """The line has handed the caller over: now the transfer is recorded and the
        call goes to wrap-up."""
        a, target = self.active, self._pending_transfer()
        if a is None or target is None or a.call_id != event.ref:
            return
        self._transferring = None
        if self._command(lambda c: c.flow.transfer(target, event.at)):
            self.message.show_info(
                self.tr("The caller was transferred to %1. Finish the wrap-up (F10).").replace(
                    "%1", target
                )
            )

    def line_down(self, text: str) -> None:
        """The line cannot carry calls: a banner until it is back."""
        self.line_banner.show_notice(
            "line",
            "error",
            text
            + " "
            + self.tr(
                "The call on the desk and its record are kept; the console reconnects by itself."
            ),
        )
        self.line_changed.emit(False)

    def line_up(self) -> None:
        if self.line_banner.topic == "line":
            self.line_banner.clear_notice("line")
            self.message.show_info(self.tr("The softphone is connected again."))
        self.line_changed.emit(True)

    def _missed_while_busy(self, incoming: IncomingCall) -> None:
        """A second call at a busy seat: recorded as missed, never lost. The line lets
        it go (busy), so the switch can offer it to another seat."""
        self._log_missed(incoming)
        self.message.show_info(
            self.tr(
                "Another call from %1 rang while you were busy; it is logged as missed."
            ).replace("%1", incoming.number or self.tr("a withheld number"))
        )

    def let_go(self, incoming: IncomingCall) -> str:
        """A call rang while the agent is not ready (未就绪, 小休, a locked screen): not
        offered, released busy (486: the switch routes it to another seat), and logged
        as missed so that nothing is lost. Returns what to tell."""
        self._log_missed(incoming)
        text = self.tr(
            "A call from %1 rang while you were not ready; it was not put through and "
            "is logged as missed."
        ).replace("%1", incoming.number or self.tr("a withheld number"))
        self.message.show_info(text)
        return text

    def _log_missed(self, incoming: IncomingCall) -> None:
        self.telephony.hang_up(incoming.ref)
        missed = ActiveCall.ring(
            incoming.ref, incoming.number, incoming.at, clock=self.clock, policy=self.policy
        )
        missed.hang_up(EndedBy.SYSTEM, incoming.at)
        snap = missed.snapshot()
        rt, ctx = self.runtime, self.context()
        missed_call = BackgroundOp(self, lambda _task: session.log_missed(rt, ctx, snap))
        missed_call.changes(Topic.CALLS).start()

    # --- the agent's commands ----------------------------------------------------------

    def answer(self) -> None:
        if self._command(lambda a: a.flow.answer()) and self.active is not None:
            self.telephony.answer(self.active.call_id)
            # The first thing typed is the caller's surname; F8 marks the script's
            # lines from anywhere on the screen.
            self.verification.edits["surname"].setFocus()

    def toggle_hold(self) -> None:
        a = self.active
        if a is None or self._pending_transfer() is not None:
            return  # the line is handing the caller over: wait for it
        if a.flow.consulting is not None:
            self._return_to_caller(a.call_id)
        elif a.state is CallState.ON_HOLD:
            if self._command(lambda c: c.flow.resume()):
                self.telephony.resume(a.call_id)
        elif self._command(lambda c: c.flow.hold()):
            self.telephony.hold(a.call_id)

    def hang_up(self) -> None:
        a = self.active
        if a is None:
            return
        if a.channel is CallChannel.VISIT:
            self._command(lambda c: c.hang_up(EndedBy.CALLER))  # the visitor leaves
            return
        self._drop_consultation(a)
        if self._command(lambda c: c.hang_up(EndedBy.AGENT)):
            self._transferring = None  # the caller is gone: no transfer to wait for
            self.telephony.hang_up(a.call_id)

    def transfer(self) -> None:
        """F7: hand the caller to a ready seat or a number (GS 15.4.2), "请稍等" first
        (PR 一): the dialog shows the line; choosing the target marks it said, then the
        line transfers and the call goes to wrap-up, the record naming the target.
        "Consult first" puts the caller on hold and rings the seat; F7 again then
        completes the transfer, F3 returns to the caller."""
        a = self.active
        if a is None or a.channel is CallChannel.VISIT or self._pending_transfer() is not None:
            return  # a transfer on its way is not started again
        if a.flow.consulting is not None:
            self._complete_transfer(a.call_id, a.flow.consulting)
            return
        if a.state is not CallState.TALKING:
            refused = CallFlowError("call.transfer_not_talking", state=a.state.value)
            self.message.show_error(error_text(refused, self.settings))
            return
        rt, seat, call_id = self.runtime, self.settings.seat, a.call_id
        dialog = TransferDialog(
            self.settings,
            self._transfer_line(),
            (lambda: transfer_seats(rt.db, seat)) if self.telephony.reaches_seats else None,
            self,
        )
        dialog.chosen.connect(lambda target: self._transfer_to(call_id, target))
        dialog.consult.connect(lambda target: self._consult(call_id, target))
        self.transfer_dialog = dialog  # for tests and screenshots
        dialog.open()

    def _transfer_line(self) -> str:
        specials = self.scripts.specials
        if specials is not None and TRANSFER_LINE in {p.id for p in specials.phrases}:
            return specials.phrase(TRANSFER_LINE).text
        return self.tr("Please wait")

    def _said_before_transfer(self, call_id: str) -> bool:
        """请稍等 said and marked on the call still on screen: the transfer may go."""
        a = self.active
        if a is None or a.call_id != call_id:
            return False
        if not self._command(lambda c: c.flow.say(TRANSFER_LINE)):
            return False
        self.dialogue.mark_said(TRANSFER_LINE)
        return True

    def _transfer_to(self, call_id: str, target: str) -> None:
        if not self._said_before_transfer(call_id):
            return
        line = self.telephony
        self._await_transfer(call_id, target)  # before the line can confirm it
        run_op(
            self,
            lambda: line.transfer(call_id, target),
            on_failure=lambda e: self._transfer_refused(call_id, e),
        )

    def _consult(self, call_id: str, target: str) -> None:
        if not self._said_before_transfer(call_id):
            return
        line = self.telephony
        run_op(
            self,
            lambda: line.consult(call_id, target),
            lambda consult_ref: self._consulting(call_id, target, consult_ref),
            lambda e: self.message.show_error(error_text(e, self.settings)),
        )

    def _consulting(self, call_id: str, target: str, consult_ref: str) -> None:
        a = self.active
        if a is None or a.call_id != call_id:
            self.telephony.end_consult(call_id, consult_ref)
            return
        self._consult_ref = consult_ref
        if self._command(lambda c: c.flow.consult(target)):
            self.message.show_info(
                self.tr(
                    "The caller is on hold while you speak to %1: F7 hands the caller over, "
                    "F3 returns to the caller."
                ).replace("%1", target)
            )

    def _complete_transfer(self, call_id: str, target: str) -> None:
        line, consult_ref = self.telephony, self._consult_ref
        self._await_transfer(call_id, target)
        run_op(
            self,
            lambda: line.complete_transfer(call_id, consult_ref),
            on_failure=lambda e: self._transfer_refused(call_id, e),
        )

    def _return_to_caller(self, call_id: str) -> None:
        line, consult_ref = self.telephony, self._consult_ref
        run_op(
            self,
            lambda: line.end_consult(call_id, consult_ref),
            lambda _none: self._returned(call_id),
            lambda e: self.message.show_error(error_text(e, self.settings)),
        )

    def _drop_consultation(self, a: ActiveCall) -> None:
        """The call ends while the agent consults: the seat consulted stops ringing."""
        if a.flow.consulting is None or not self._consult_ref:
            return
        line, call_id, consult_ref = self.telephony, a.call_id, self._consult_ref
        run_op(
            self,
            lambda: line.end_consult(call_id, consult_ref),
            on_failure=lambda e: self.message.show_error(error_text(e, self.settings)),
        )

    def _consultation_ended(self, target: str, reason: str) -> None:
        """The target consulted hung up, was busy or did not answer (a softphone says
        so; the simulator's seats do not). The softphone takes the caller off hold by
        itself then (baresip 1.0), so the console goes back to the caller too."""
        a = self.active
        if a is None:
            return
        self._returned(a.call_id)
        self.message.show_info(
            self.tr("The call to %1 has ended (%2). You are back with the caller.")
            .replace("%1", target)
            .replace("%2", reason or self.tr("hung up"))
        )

    def _returned(self, call_id: str) -> None:
        a = self.active
        if a is None or a.call_id != call_id or a.flow.consulting is None:
            return
        if self._command(lambda c: c.flow.resume()):
            self.telephony.resume(call_id)

    def _await_transfer(self, call_id: str, target: str) -> None:
        """The transfer goes to the line: the call stays on screen, marked, until the
        line confirms it (``call_transferred``) or says it failed."""
        self._transferring = (call_id, target)
        self.message.show_info(
            self.tr(
                "Transferring the caller to %1… The caller is on the line until it is done."
            ).replace("%1", target)
        )
        self._refresh_bar()

    def _pending_transfer(self) -> str | None:
        """The target of the transfer the line is carrying out for the call on screen."""
        a, pending = self.active, self._transferring
        if a is None or pending is None or pending[0] != a.call_id or a.state.ended:
            return None
        return pending[1]

    def _transfer_refused(self, call_id: str, error: BaseException) -> None:
        """The line refused at once (a seat not ready, a bad number): nothing moved."""
        a = self.active
        if a is None or a.call_id != call_id or self._pending_transfer() is None:
            return
        self._transferring = None
        self._refresh_bar()
        self.message.show_error(error_text(error, self.settings))

    def _transfer_failed(self, reason: str) -> None:
        """The line tried and failed: the caller is still with this seat. Nothing is
        recorded as transferred; a held caller is taken off hold, and the call goes on."""
        a, target = self.active, self._pending_transfer()
        if a is None or target is None:
            return
        self._transferring = None
        if a.state is CallState.ON_HOLD:
            self._drop_consultation(a)
            if self._command(lambda c: c.flow.resume()):
                self.telephony.resume(a.call_id)
        self._refresh_bar()
        failed = UserFacingError("call.transfer_failed", target=target, reason=reason)
        self.message.show_error(error_text(failed, self.settings))

    def say(self, phrase_id: str, by_surname: bool) -> None:
        a = self.active
        if a is None:
            return
        if self._command(lambda c: c.flow.say(phrase_id, by_surname=by_surname)):
            self.dialogue.mark_said(phrase_id)

    def use_answer(self, slug: str, title: str) -> None:
        """R2.17: a knowledge answer was given on this call — said (``kb.<slug>`` in the
        call's events) and named in the notes, so the record shows what the caller was
        told."""
        if self.active is None or self.active.state not in (
            CallState.TALKING,
            CallState.ON_HOLD,
            CallState.WRAP_UP,
        ):
            return
        if not self._command(lambda c: c.flow.say(f"kb.{slug}")):
            return
        line = self.tr("[Knowledge] %1").replace("%1", title)
        notes = self.notes.editor.toPlainText()
        if line not in notes:
            self.notes.editor.appendPlainText(line)

    def set_surname(self, surname: str, title: str) -> None:
        if self.active is None or self.active.state not in (
            CallState.TALKING,
            CallState.ON_HOLD,
            CallState.WRAP_UP,
        ):
            return
        earlier = self.active.flow.surname
        if self._command(lambda c: c.flow.set_surname(surname, Title(title))):
            self._edit(surname=surname, title=title)
            self._refresh_script()
            if earlier is not None and earlier[0] != surname:
                # GS 15.2.5: 叫错客户姓氏一定要向客户致歉 — the apology, ready to say (F8).
                specials = self.scripts.specials
                if specials is not None and "surname.apology" in {p.id for p in specials.phrases}:
                    text = special_scripts.render(
                        specials.phrase("surname.apology").text,
                        surname,
                        title,
                        self.context().job_no,
                    )
                    self.dialogue.show_prompt(
                        self.tr("The surname was wrong: apologise (F8): %1").replace("%1", text)
                    )
                    self.dialogue.say_prompted("surname.apology")

    def verified(self, result: verification.VerificationResult) -> None:
        if self._command(lambda c: c.flow.record_verification(result.outcome)):
            self._edit(verification=result.outcome)

    def choose_customer(self, customer_id: int) -> None:
        a = self.active
        if a is None:
            return
        rt, ctx, call_id = self.runtime, self.context(), a.call_id
        run_op(
            self,
            lambda: session.choose_customer(rt, ctx, call_id, customer_id),
            self.show_pop,
            self._report,
        )

    def register_special_group(self, customer_id: int) -> None:
        """R3.9: the agent heard the caller is elderly, ill or disabled — register them."""
        card = self.pop.card if self.pop is not None else None
        if card is None or card.id != customer_id:
            return
        dialog = SpecialGroupDialog(
            self.runtime.runner(self.context),
            customer_id,
            f"{card.name}{card.title}",
            card.special_group,
            self.settings,
            self,
        )
        dialog.registered.connect(lambda _card: self.choose_customer(customer_id))
        self.special_group_dialog = dialog
        dialog.open()

    def find_customer(self, query: str) -> None:
        """Search for the caller (unknown or shared number): masked until chosen."""
        a = self.active
        if a is None:
            return
        rt, ctx, call_id = self.runtime, self.context(), a.call_id
        run_op(
            self,
            lambda: session.find_customer(rt, ctx, call_id, query),
            self.card.show_candidates,
            self._report,
        )

    def start_sequence(self, sequence_id: str) -> None:
        a = self.active
        if a is None or a.state is not CallState.TALKING:
            self.message.show_info(self.tr("A timed script runs while you are talking."))
            return
        specials = self.scripts.specials
        if specials is None:
            return
        self._run = special_scripts.start(specials, sequence_id, self.clock.now())
        self._on_tick()

    def finish_wrap_up(self) -> None:
        """F10. The call is finished when the database has it finished: until then it
        stays in wrap-up (the bar says it is being saved), and a refusal puts it back
        in wrap-up with the field to correct named and the cursor in it."""
        a = self.active
        if a is None or a.state is not CallState.WRAP_UP:
            return
        if self._needs_intent() and self.intent.validate():
            self.forms.ensureWidgetVisible(self.intent)
            return
        try:
            a.check()  # what the database would refuse, before anything is written
        except UserFacingError as e:
            self._show_refusal(e, finishing=True)
            return
        a.case = self._hand_off(a)
        if self._command(lambda c: c.flow.finish_wrap_up()):
            self._finishing = True
            self._refresh_bar()
            self.save_now()

    def _show_refusal(self, error: UserFacingError, *, finishing: bool) -> None:
        """Say what the database would not store, and put the cursor in that field."""
        said = self._refusal(error)
        if finishing:
            said = self.tr("The call is not finished: %1").replace("%1", said)
        self.message.show_error(said)
        field = self._field_widget(error.params.get("field"))
        if field is not None:
            self.forms.ensureWidgetVisible(field)
            field.setFocus()

    def _field_name(self, field: object) -> str | None:
        """The label the screen shows for a field the domain names by its id."""
        if field == "notes":
            return self.tr("Notes")
        if field in self.verification.labels:
            return self.verification.labels[str(field)]
        current = self.scripts.intents.get(self.intent.current() or "")
        for definition in ([current] if current else []) + list(self.scripts.intents.values()):
            for f in definition.fields:
                if f.id == field:
                    return f.name(self.settings.language)
        return None

    def _field_widget(self, field: object) -> QWidget | None:
        if field == "notes":
            return self.notes.editor
        if field in self.verification.edits:
            return self.verification.edits[str(field)]
        widget = self.intent.widgets.get(str(field))
        if isinstance(widget, CheckedTextEdit):
            return widget.editor
        return widget

    def _refusal(self, error: BaseException) -> str:
        """What a refusal says, naming the field by the label on this screen."""
        if isinstance(error, UserFacingError):
            name = self._field_name(error.params.get("field"))
            if name is not None:
                error = UserFacingError(error.message_id, **{**error.params, "field": name})
        return error_text(error, self.settings)

    def _hand_off(self, a: ActiveCall) -> CaseHandOff | None:
        """What the call leaves for follow-up (R3.1): the open case it was about, or a
        new case this agent owns when the intent needs one (complaint, repair,
        emergency). Made once per call: a retried save opens nothing twice."""
        linked = self.card.linked_case_id()
        if linked is not None:
            return CaseHandOff("link", linked)
        intent = self.intent.current()
        definition = self.scripts.intents.get(intent or "")
        values = self.intent.current_values()
        if intent is None or definition is None or not definition.opens_case(values):
            return None  # an inquiry answered on the spot needs no case (GS 15.3.4)
        if a.case is not None and a.case.action == "open":
            case_id = a.case.case_id  # dispatched during the call: the same case
        else:
            case_id = CaseId(str(uuid.uuid4()))
        text = next(
            (str(values[k]) for k in ("content", "question") if str(values.get(k) or "").strip()),
            a.form.notes,
        )
        summary = " ".join(text.split())[:200] or intent_label(intent)
        # The intents that open a case are callers' intents: each is a kind of case too,
        # unless the form says otherwise (a network fault on a repair call, GS 2.2.3).
        kind, severity = definition.case_kind(values)
        reply_at = None
        if intent == "inquiry":  # GS 15.3.4: the reply promised, on the callback list
            reply_at = parse_datetime(values.get("reply_by"))
        return CaseHandOff(
            "open",
            case_id,
            CaseKind(kind),
            summary,
            {"intent": values},
            severity=severity,
            reply_at=reply_at,
        )

    def _on_form_action(self, action: str, field_id: str) -> None:
        """A bool field that acts when ticked: 已立即派单 dispatches the emergency now,
        while the caller is on the line (GS 15.5.1; TN 四)."""
        if action == "dispatch":
            self.dispatch_now(field_id)

    def dispatch_now(self, field_id: str = "dispatched") -> None:
        a = self.active
        if a is None or a.flow.dispatched_case is not None:
            return
        if a.state not in (CallState.TALKING, CallState.ON_HOLD, CallState.WRAP_UP):
            self.intent.set_value(field_id, False)
            return
        if self._saving:  # one write of the call at a time: right after the save under way
            QTimer.singleShot(50, lambda: self.dispatch_now(field_id))
            return
        handoff = self._hand_off(a) if self.card.linked_case_id() is None else None
        if handoff is None or handoff.kind is not CaseKind.EMERGENCY:
            self.intent.set_value(field_id, False)
            return
        a.case = handoff
        snap = a.snapshot()
        self._saving = True
        run_op(
            self,
            lambda: session.dispatch_now(self.runtime, self.context(), snap, handoff),
            lambda case: self._dispatched(a, snap, handoff),
            lambda e: self._dispatch_failed(e, field_id),
        )

    def _dispatched(self, a: ActiveCall, snap: CallSnapshot, h: CaseHandOff) -> None:
        self._saving = False
        if a is not self.active:
            return
        a.flow.dispatched(h.case_id)
        self.intent.set_value("dispatched_at", self.clock.now())
        self.message.show_info(
            self.tr("Dispatched to the emergency department now; tell the caller.")
        )
        self._refresh_script()
        self._changed(immediately=True)

    def _dispatch_failed(self, error: BaseException, field_id: str) -> None:
        self._saving = False
        if self.active is not None:
            self.active.case = None
        self.intent.set_value(field_id, False)
        self.message.show_error(error_text(error, self.settings))

    def _needs_intent(self) -> bool:
        """A call with a conversation needs its intent recorded (R2.5)."""
        a = self.active
        if a is None or a.flow.answered_at is None:
            return False
        said = {e.data.get("phrase_id") for e in a.flow.events if e.kind is EventKind.PHRASE}
        return not (said & compliance.NO_CONVERSATION_PHRASES)

    def _command(self, fn: Callable[[ActiveCall], object]) -> bool:
        """Run one command on the active call; a refusal is shown, the call unchanged."""
        a = self.active
        if a is None:
            return False
        try:
            fn(a)
        except CallFlowError as e:
            self.message.show_error(error_text(e, self.settings))
            return False
        self.message.clear_message()
        self._after_command()
        return True

    def _after_command(self) -> None:
        a = self.active
        if a is None:
            return
        if a.state.ended and self._run is not None:
            self._run.cancel(self.clock.now())
            self.dialogue.show_prompt("")
        if a.state is CallState.WRAP_UP and not self._wrap_up_announced:
            self._wrap_up_announced = True
            self.wrap_up_started.emit(a.call_id)
        self._refresh_bar()
        self._changed(immediately=True)

    # --- the form ------------------------------------------------------------------------

    def _edit(self, **changes: Any) -> None:
        if self.active is not None:
            self.active.edit(**changes)
            self._schedule()

    def _changed(self, immediately: bool = False) -> None:
        """Something on the screen changed: fold the forms into the call and save."""
        a = self.active
        if a is None:
            return
        a.edit(
            intent=self.intent.current(),
            notes=self.notes.toPlainText(),
            details={
                "verification": verification.to_json(self.verification.value()),
                "intents": self.intent.all_values(),
            },
        )
        self._log_taboo_hits()
        self._schedule(immediately)

    def _log_taboo_hits(self) -> None:
        """Each taboo phrase typed is logged once per call (R2.10, R2.15)."""
        a = self.active
        if a is None or a.state not in (CallState.TALKING, CallState.ON_HOLD, CallState.WRAP_UP):
            return
        hits: list[Hit] = [h for _, h in self.notes.highlighter.hits()]
        for edit in self.intent.text_widgets():
            hits += [h for _, h in edit.highlighter.hits()]
        for h in hits:
            if h.entry_id not in self._logged_hits:
                self._logged_hits.add(h.entry_id)
                a.flow.taboo_hit(h.entry_id, kind=h.kind)

    # --- saving ----------------------------------------------------------------------------

    def _schedule(self, immediately: bool = False) -> None:
        self.draft_timer.start()
        if immediately:
            self.save_now()
        elif not self.save_timer.isActive():
            self.save_timer.start()

    @property
    def settled(self) -> bool:
        """Everything on the desk is in the database (or there is no call)."""
        a = self.active
        return a is None or (not a.dirty and not self._saving)

    def save_draft(self) -> bool:
        """Keep the call on the desk on this PC now; False if the disk refused."""
        a = self.active
        if a is None:
            return True
        try:
            self.drafts.save(
                a.draft_key, a.to_draft(self.context().stamped_job_no, self.clock.now())
            )
        except OSError as e:  # a full disk must not stop the call
            log.warning("call draft not saved: %s", e)
            return False
        return True

    def save_now(self) -> None:
        a = self.active
        if a is None or self._saving or not a.dirty:
            return
        snap = a.snapshot()
        self._saving = True
        rt, ctx = self.runtime, self.context()
        # The call log shows a call once it is finished; its case, once the wrap-up is.
        changed: list[Topic] = []
        if snap.ended_at is not None:
            changed.append(Topic.CALLS)
        if snap.case is not None:
            changed.append(Topic.CASES)
        (
            BackgroundOp(self, lambda _task: session.sync_call(rt, ctx, snap))
            .changes(*changed)
            .on_success(lambda record: self._synced(a, snap, record))
            .on_failure(self._save_failed)
            .start()
        )

    def _synced(self, a: ActiveCall, snap: CallSnapshot, record: CallRecord) -> None:
        self._saving = False
        a.synced(snap, record)
        self.saved.emit(record.version)
        if a.finished and not a.dirty:
            # In the database for good: the draft goes, even if the next call already
            # rang (it would otherwise be offered back at the next start).
            self.drafts.save(a.draft_key, "")
            if a is self.active:
                self._close_call(a)
            return
        if a is self.active:
            self._save_if_dirty()

    def _save_if_dirty(self) -> None:
        a = self.active
        if a is not None and a.dirty and not self.save_timer.isActive():
            self.save_timer.start()

    def _save_failed(self, error: BaseException) -> None:
        """Kept on screen and in the local draft. A lost database is tried again
        shortly; a refusal of what was typed waits for the agent to correct it. A call
        that was being finished is back in wrap-up: it is finished only once saved."""
        self._saving = False
        a = self.active
        finishing = a is not None and a.state is CallState.DONE
        if a is not None and finishing:
            a.reopen_wrap_up()
            self._finishing = False
            self._refresh_bar()
        self.save_draft()
        if message_id(error) == "db.unavailable":
            self.message.show_error(
                error_text(error, self.settings)
                + " "
                + self.tr("Nothing is lost: the call is kept on this PC and saved again shortly.")
            )
            self.save_timer.start(5_000)
        elif isinstance(error, UserFacingError) and error.message_id.startswith("input."):
            self._show_refusal(error, finishing=finishing)
        else:
            self.message.show_error(
                self._refusal(error)
                + " "
                + self.tr("The call is kept on this screen and on this PC.")
            )

    def _report(self, error: BaseException) -> None:
        self.message.show_error(error_text(error, self.settings))

    def _close_call(self, a: ActiveCall) -> None:
        """In the database for good: say so, with the case it left, and keep its score
        in view until the next call."""
        call_id = a.call_id
        said = self._finished_text(a)
        self._show_idle()
        if a.state is CallState.DONE:
            self._show_compliance(a.compliance(), last=True)
        self.message.show_info(said)
        case = a.case
        if a.state is CallState.DONE and case is not None and case.action == "open":
            # The case number (工单号) is the database's: read back, then said.
            (
                service_op(self, self.runtime.runner(self.context), cases.get_case, case.case_id)
                .on_success(
                    lambda record: (
                        self.message.show_info(self._finished_text(a, record.case_no))
                        if self.active is None
                        else None
                    )
                )
                .start()
            )
        self.call_finished.emit(call_id)

    def _finished_text(self, a: ActiveCall, case_no: str | None = None) -> str:
        number = a.caller_number or self.tr("a withheld number")
        if a.state is CallState.ABANDONED:
            return self.tr(
                "The caller (%1) hung up before the call was answered: logged as abandoned."
            ).replace("%1", number)
        if a.state is CallState.MISSED:
            return self.tr("The call from %1 was not answered: logged as missed.").replace(
                "%1", number
            )
        said = self.tr("The call with %1 is finished and saved.").replace("%1", number)
        case = a.case
        if case is not None and case.action == "open" and case.kind is not None:
            opened = (
                self.tr("A %1 case was opened; you own it until it is closed (My cases).")
                if case_no is None
                else self.tr(
                    "A %1 case was opened, number %2; you own it until it is closed (My cases)."
                ).replace("%2", case_no)
            )
            said += " " + opened.replace("%1", case_kind_label(case.kind))
        elif case is not None:
            said += " " + self.tr("It was added to the open case ticked on the card.")
        return said

    # --- restore ------------------------------------------------------------------------------

    def restore(self, a: ActiveCall) -> None:
        """Put a call back on the desk after a crash (it comes back in wrap-up)."""
        self._take(a)
        said = {str(e.data.get("phrase_id")) for e in a.flow.events if e.kind is EventKind.PHRASE}
        self.dialogue.reset(said)
        details = dict(a.form.details)
        self.verification.set_value(verification.from_json(details.get("verification") or {}))
        self.intent.restore(a.form.intent, details.get("intents") or {})
        self.notes.reset(a.form.notes)
        self._refresh_script()
        self._refresh_bar()
        self.message.show_info(
            self.tr(
                "This call was restored after the console closed unexpectedly. Finish its wrap-up."
            )
        )
        if a.form.customer_id is not None:
            self.choose_customer(a.form.customer_id)
        self._schedule(immediately=True)

    def file_unanswered(self, a: ActiveCall) -> str:
        """A call the console lost while it still rang (restored as missed): it was
        never answered, so there is nothing to wrap up. It is saved with what was typed
        while it rang, without taking the desk. Returns what to tell the agent."""
        snap = a.snapshot()
        rt, ctx = self.runtime, self.context()

        def saved(_record: CallRecord) -> None:
            self.drafts.save(a.draft_key, "")  # in the database for good

        (
            BackgroundOp(self, lambda _task: session.sync_call(rt, ctx, snap))
            .changes(Topic.CALLS)
            .on_success(saved)
            .on_failure(self._report)
            .start()
        )
        return self.tr(
            "A call from %1 was still ringing when the console closed: it is logged as "
            "missed, with the notes typed while it rang."
        ).replace("%1", a.caller_number or self.tr("a withheld number"))

    # --- display ------------------------------------------------------------------------

    def _take(self, a: ActiveCall) -> None:
        self.active = a
        self.forms.verticalScrollBar().setValue(0)  # each call's forms read from the top
        self._wrap_up_announced = a.state is CallState.WRAP_UP
        self.pop = None
        self._run = None
        self._logged_hits = {
            str(e.data.get("entry_id")) for e in a.flow.events if e.kind.value == "taboo_hit"
        }
        self.card.show_ringing(a.caller_number)
        self.verification.clear()
        self.intent.start_over(self.scripts.intents)
        self.intent.set_call(a.flow.rang_at, self.calendar)  # promised times from the ring
        self.notes.reset()
        self.dialogue.reset()
        self.compliance_box.hide()
        self.message.clear_message()
        self._finishing = False
        self._transferring = None
        self._alive_at = None
        self.number_label.setText(a.caller_number or self.tr("Withheld number"))
        self._refresh_script()
        self._refresh_bar()
        self.tick.start()
        self.busy_changed.emit(True)

    def _show_idle(self) -> None:
        self.active = None
        self.forms.verticalScrollBar().setValue(0)
        self.pop = None
        self._run = None
        self.tick.stop()
        self._finishing = False
        self.card.clear()
        self.verification.clear()
        self.intent.start_over(self.scripts.intents)
        self.notes.reset()
        self.dialogue.reset()
        self.dialogue.set_script([])
        self.dialogue.set_quick([])
        self.compliance_box.hide()
        self.message.clear_message()  # the last call's trouble is not the next one's
        self.number_label.clear()
        self.mark_label.clear()
        self.timer_label.clear()
        self.state_label.setText(self.tr("Waiting for a call"))
        self.state_label.setProperty("state", "idle")
        repolish(self.state_label)
        self._enable()
        self.busy_changed.emit(False)

    def _enable(self) -> None:
        state = self.active.state if self.active else None
        self.answer_button.setEnabled(state is CallState.RINGING)
        transferring = self._pending_transfer() is not None
        self.hold_button.setEnabled(
            state in (CallState.TALKING, CallState.ON_HOLD) and not transferring
        )
        self.hold_button.setText(
            self.tr("Resume (F3)") if state is CallState.ON_HOLD else self.tr("Hold (F3)")
        )
        self.hang_up_button.setEnabled(
            state in (CallState.RINGING, CallState.TALKING, CallState.ON_HOLD)
        )
        visit = self.active is not None and self.active.channel is CallChannel.VISIT
        consulting = self.active is not None and self.active.flow.consulting is not None
        self.transfer_button.setEnabled(
            (state is CallState.TALKING or consulting) and not visit and not transferring
        )
        self.finish_button.setEnabled(state is CallState.WRAP_UP and not self._finishing)

    def _refresh_bar(self) -> None:
        a = self.active
        if a is None:
            return
        finishing = self._finishing and a.state is CallState.DONE
        target = self._pending_transfer()
        if finishing:
            text = self.tr("Saving…")
        elif target is not None:
            text = self.tr("Transferring to %1…").replace("%1", target)
        else:
            text = call_state_label(a.state.value)
        self.state_label.setText(text)
        self.state_label.setProperty("state", "wrap_up" if finishing else a.state.value)
        repolish(self.state_label)
        self._enable()
        self._refresh_timers()
        if a.state.ended:
            self._show_compliance(a.compliance())

    def _refresh_timers(self) -> None:
        a = self.active
        if a is None:
            return
        now = self.clock.now()
        f = a.flow
        parts: list[str] = []
        if a.state is CallState.RINGING:
            rings = f.ring_count(now)
            parts.append(self.tr("Ring %1").replace("%1", str(rings)))
            late = rings > self.policy.answer_within_rings
            self.timer_label.setProperty("alert", late)
        elif f.answered_at is None:  # over without an answer: there was no talk
            parts.append(self.tr("Rang %1 times").replace("%1", str(f.ring_count(now))))
            self.timer_label.setProperty("alert", False)
        else:
            parts.append(self.tr("Talk %1").replace("%1", _mmss(f.talk_duration(now))))
            if f.hold_count:
                parts.append(self.tr("Hold %1").replace("%1", _mmss(f.total_hold(now))))
            self.timer_label.setProperty("alert", False)
        self.timer_label.setText(" · ".join(parts))
        repolish(self.timer_label)

    def _on_tick(self) -> None:
        a = self.active
        if a is None:
            return
        now = self.clock.now()
        self._refresh_timers()
        if not a.finished and (self._alive_at is None or now - self._alive_at >= ALIVE_EVERY):
            # The draft says when the console was last alive: a call restored after a
            # crash ends there.
            self._alive_at = now
            self.save_draft()
        for mark in a.flow.due_marks(now) if a.state.connected else []:
            if mark is TalkMark.CALL_BACK_OFFER:
                self.mark_label.setText(
                    self.tr("1 minute: if it cannot be solved now, offer to call back.")
                )
            else:
                self.mark_label.setText(self.tr("3 minutes: the target time for a call."))
        specials = self.scripts.specials
        if self._run is not None and specials is not None:
            for step in self._run.due_steps(now):
                if step.phrase_id is not None:
                    text = special_scripts.render(
                        specials.phrase(step.phrase_id).text,
                        a.form.surname,
                        a.form.title,
                        self.context().job_no,
                    )
                    self.dialogue.show_prompt(self.tr("Say now: %1").replace("%1", text))
                    self.dialogue.say_prompted(step.phrase_id)
                else:
                    self.dialogue.show_prompt(self.tr("You may hang up now (F4)."))

    def _show_compliance(self, result: compliance.ComplianceResult, last: bool = False) -> None:
        marks = {"pass": "✓", "fail": "✗", "not_applicable": "–"}
        # Which verdicts the console saw and which rest on the agent's marks (F8, forms).
        marked = self.tr("marked")
        lines = [
            f"{marks[c.verdict.value]} {criterion_label(c.criterion)}"
            + (f"({marked})" if c.source == "marked" else "")
            for c in result.criteria
        ]
        score = result.score_percent
        head = (
            self.tr("Compliance %1% (%2 of %3)")
            .replace("%1", str(score))
            .replace("%2", str(result.passed))
            .replace("%3", str(result.applicable))
            if score is not None
            else self.tr("Compliance: not applicable")
        )
        if last:
            head = self.tr("Last call: %1").replace("%1", head)
        seen = self._observed_text(result.observed)
        self.compliance_box.setText(
            head + (" · " + seen if seen else "") + "\n" + "   ".join(lines)
        )
        self.compliance_box.show()

    def _observed_text(self, seen: Any) -> str:
        """What the line and the console saw: ring, who hung up, talk and hold time."""
        parts: list[str] = []
        if seen.get("answered_on_ring") is not None:
            parts.append(
                self.tr("answered on ring %1 (%2 s a ring)")
                .replace("%1", str(seen["answered_on_ring"]))
                .replace("%2", f"{seen['ring_seconds']:g}")
            )
        ended = {
            "caller": self.tr("the caller hung up"),
            "agent": self.tr("you hung up"),
            "system": self.tr("the line dropped"),
        }.get(str(seen.get("ended_by")))
        if ended:
            parts.append(ended)
        if seen.get("talk_seconds") is not None:
            parts.append(
                self.tr("talk %1").replace("%1", _mmss(timedelta(seconds=seen["talk_seconds"])))
            )
        if seen.get("hold_seconds"):
            parts.append(
                self.tr("hold %1").replace("%1", _mmss(timedelta(seconds=seen["hold_seconds"])))
            )
        return self.tr("Seen:") + " · ".join(parts) if parts else ""

    def _refresh_script(self) -> None:
        a = self.active
        if a is None:
            return
        script, specials = self.scripts.dialogue, self.scripts.specials
        errors = self.scripts.errors
        if errors:
            error, kept = errors[0]
            said = (
                self.tr(
                    "A script file has an error and was not loaded; the last good "
                    "version stays in use: %1"
                )
                if kept
                else self.tr("A script file has an error and no version of it could be loaded: %1")
            )
            self.message.show_error(said.replace("%1", error_text(error, self.settings)))
        lines = script.lines(self._script_context(a), self.intent.current()) if script else []
        headings = {
            dialogue.Stage.OPENING: self.tr("Opening"),
            dialogue.Stage.SURNAME: self.tr("Surname"),
            dialogue.Stage.VERIFICATION: self.tr("Verification"),
            dialogue.Stage.INTENT: self.tr("Intent"),
            dialogue.Stage.HANDLING: self.tr("Handling"),
            dialogue.Stage.CLOSING: self.tr("Closing"),
        }
        stages = [
            (headings[stage], [ln for ln in lines if ln.stage is stage]) for stage in dialogue.Stage
        ]
        self.dialogue.set_script(stages)
        self.dialogue.set_quick(
            (
                p.id,
                special_scripts.render(p.text, a.form.surname, a.form.title, self.context().job_no),
                p.addresses_by_surname and a.form.surname is not None,
            )
            for p in (specials.phrases if specials is not None else [])
        )

    def _intent_defaults(self) -> None:
        """What a new intent form starts with: what the call already knows."""
        a = self.active
        card = self.pop.card if self.pop is not None else None
        v = self.verification.value()
        name = (card.name if card is not None else "") or v.full_name
        self.intent.defaults = {
            k: value
            for k, value in (
                ("name", name),
                ("phone", (a.caller_number if a else None) or (card.phone if card else "")),
                ("address", card.address if card is not None else ""),
            )
            if value
        }

    def _refresh_promise(self) -> None:
        """A promised time changed on the form: the script says the new hours."""
        a = self.active
        if a is not None and self._promised_hours(a) != self._shown_hours:
            self._refresh_script()

    def _promised_hours(self, a: ActiveCall) -> str | None:
        intent = self.intent.current()
        definition = self.scripts.intents.get(intent or "")
        if definition is None:
            return None
        return promised_hours(definition, self.intent.current_values(), a.flow.rang_at)

    def _script_context(self, a: ActiveCall) -> dialogue.ScriptContext:
        card = self.pop.card if self.pop is not None else None
        # The hours said are the promise stored (R10.1): "并在{hours}小时内给您回复".
        self._shown_hours = self._promised_hours(a)
        return dialogue.context(
            self.context().job_no,
            greeting(a.flow.rang_at, self.calendar),
            surname=a.form.surname,
            title=a.form.title,
            full_name=self.verification.value().full_name or None,
            address=card.address if card is not None else None,
            phone=card.phone if card is not None else a.caller_number,
            direction=a.flow.direction,
            hours=self._shown_hours,
            channel=a.channel,
            done=frozenset({"dispatched"}) if a.flow.dispatched_case else frozenset(),
        )
