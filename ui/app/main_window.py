"""The main window shell: menus, toolbar, status bar, the tabs of the desk (call screen,
cases, callbacks, outage notices, shift, call log, knowledge, the supervisor's board) and
the idle lock.

The heartbeat (``ui.app.heartbeat``), the content poller (``ui.app.content_poller``) and
the deadline sweep (``ui.app.sweeper``) run beside it; the window shows what they report.
Everything slow runs through ``ui.core.worker``; a lost database or a session ended
elsewhere shows as a banner and never takes the window (or what is typed in it) away.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QCursor, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from console.app.drafts import DraftStore
from console.content import content
from console.content.call_scripts import CallScripts
from console.content.content import Kind
from console.content.holiday_calendar import HolidayCalendar
from console.core.clock import Clock
from console.core.errors import UserFacingError
from console.core.identity import AgentContext, Role
from console.core.settings import Settings
from console.core.vocabulary import SCREEN_LOCKED, AgentState
from console.shift.shift import NOT_READY_EQUIPMENT
from ui.app.content_poller import ContentPoller
from ui.app.heartbeat import Heartbeat
from ui.app.prefs import ui_settings
from ui.app.sweeper import Sweeper
from ui.calls.call_log import CallLogView
from ui.calls.call_screen import CallScreen
from ui.calls.taboo_highlighter import use_lists
from ui.campaigns.campaign_desk import CampaignDesk
from ui.cases.callback_desk import CallbackDesk
from ui.cases.my_cases import MyCasesView
from ui.content.knowledge_panel import KnowledgePanel
from ui.core import menu_style, session
from ui.core.style import repolish
from ui.core.text import (
    calendar_warning_text,
    content_kind_label,
    error_text,
    reason_text,
    role_label,
    state_label,
)
from ui.core.widgets import Banner, scroll_page
from ui.core.worker import Task, run_op, service_op
from ui.people.idle import IdleWatcher
from ui.people.lock import LockOverlay
from ui.people.login import HOTLINE, LoginDialog
from ui.people.password import ChangePasswordDialog
from ui.quality.quality_tab import QualityTab
from ui.shift.shift_desk import ShiftDesk
from ui.shift.supervisor_board import SupervisorBoard
from ui.telephony.switchboard import Switchboard

if TYPE_CHECKING:
    from console.app.runtime import Runtime
    from console.calls.call_desk import ActiveCall
    from console.telephony.telephony import IncomingCall, Telephony

log = logging.getLogger(__name__)

# States an agent picks by hand; "on call" and "wrap-up" come with call handling.
MANUAL_STATES = (AgentState.READY, AgentState.NOT_READY, AgentState.BREAK)


@dataclass(frozen=True)
class Desk:
    """What the call screen works with: the telephone line, the clock (the database's,
    as this seat reads it) and calendar."""

    telephony: Telephony
    clock: Clock
    calendar: HolidayCalendar

    @classmethod
    def simulated(cls, runtime: Runtime, seat: str, settings: Settings) -> Desk:
        """The call simulator's line (``main.py ring``). The clock is the database's as
        this seat reads it: calls and the times typed relative to now are stamped on the
        shared timeline, whatever this PC's own clock says."""
        from console.telephony.telephony import SimulatedSwitch

        clock = runtime.db_clock
        calendar = runtime.content.calendar(settings.timezone)
        return cls(SimulatedSwitch(runtime.db, seat, clock), clock, calendar)

    @classmethod
    def for_seat(cls, runtime: Runtime, seat: str, settings: Settings) -> Desk:
        """The seat's softphone (baresip) when the settings name a SIP account, else the
        call simulator. A softphone setting that cannot work is logged and the simulator
        used: the preferences dialog refuses such values before they are saved."""
        from console.telephony.softphone import line_for_settings

        clock = runtime.db_clock
        try:
            line = line_for_settings(settings, clock)
        except UserFacingError as e:
            log.error("softphone settings not usable (%s); using the call simulator", e)
            line = None
        if line is None:
            return cls.simulated(runtime, seat, settings)
        return cls(line, clock, runtime.content.calendar(settings.timezone))


class MainWindow(QMainWindow):
    signed_out = Signal(str)  # back to the login dialog; the message to show there
    heartbeat_finished = Signal(bool)  # for observers and tests: ok?
    lock_changed = Signal(bool)
    content_changed = Signal(list)  # names of the kinds taken in (may be empty)

    def __init__(
        self,
        settings: Settings,
        runtime: Runtime,
        signed_in: session.SignedIn,
        parent: QWidget | None = None,
        desk: Desk | None = None,
    ) -> None:
        menu_style.install()
        super().__init__(parent)
        self.settings = settings
        self.runtime = runtime
        self.ctx: AgentContext = signed_in.context
        self.state = signed_in.state
        self.reason: str | None = None  # why 未就绪 (a shift data code, or SCREEN_LOCKED)
        self._wanted_state: tuple[str, str | None] = (self.state, None)
        self._state_op: Task | None = None
        # The state to go back to when the screen is unlocked (a lock records 未就绪).
        self._state_before_lock: tuple[str, str | None] | None = None
        self.session_active = True
        self.locked = False
        self._signing_out = False
        self._quitting = False
        self._done = False
        self._focus_before_lock: QWidget | None = None

        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Agent Console"))
        self.drafts = DraftStore()  # text in progress, kept on this PC
        # A service as the agent signed in now (a new context after signing in again):
        # what the tabs and dialogs are given.
        self.run_as_agent = runtime.runner(lambda: self.ctx)
        self._build_heartbeat()
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._build_central()
        self._build_status_bar()
        self._owns_line = desk is None  # a line this window opened, it closes
        self._build_desk(desk or Desk.for_seat(runtime, self.ctx.seat, settings))
        self.overlay = LockOverlay(self, settings)
        self.overlay.unlocked.connect(self._unlocked)
        self.overlay.locked_out.connect(lambda text: self.sign_out(force=True, message=text))
        self.overlay.sign_out_requested.connect(lambda: self.sign_out(force=True))
        self._refresh()

        # The quick note survives sign-out, a crash and a lost database: it is saved on
        # this PC shortly after each change.
        self.note.setText(self.drafts.load(self._note_key))
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(400)
        self._note_timer.timeout.connect(self._save_note)
        self.note.textChanged.connect(lambda _text: self._note_timer.start())

        self.idle = IdleWatcher(max(1, settings.idle_lock_minutes) * 60_000, self)
        self.idle.idle.connect(self.lock_now)
        self._restore_geometry()

    # Building ------------------------------------------------------------------------
    def _build_heartbeat(self) -> None:
        self.heartbeat = Heartbeat(
            self.runtime, lambda: self.ctx, self.settings.heartbeat_seconds * 1000, self
        )
        self.heartbeat.finished.connect(self.heartbeat_finished)
        self.heartbeat.db_lost.connect(self._db_lost)
        self.heartbeat.db_restored.connect(self._db_restored)
        self.heartbeat.session_lost.connect(
            lambda error: self._session_lost(error_text(error, self.settings))
        )

    def _online(self) -> bool:
        """Signed in and the database reachable: worth sweeping and polling."""
        return self.session_active and self.heartbeat.db_ok

    def _action(
        self,
        text: str,
        slot: Callable[[], Any],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        tip: str = "",
        name: str = "",
    ) -> QAction:
        a = QAction(text, self)
        a.setObjectName(name)
        if shortcut is not None:
            a.setShortcut(QKeySequence(shortcut))
        if tip:
            a.setStatusTip(tip)
            a.setToolTip(tip)
        a.triggered.connect(lambda _checked=False: slot())  # never pass "checked" on
        self.addAction(a)  # shortcuts work even with the menu bar hidden
        return a

    def _build_actions(self) -> None:
        self.act_sign_out = self._action(
            self.tr("Sign &out"),
            self.ask_sign_out,
            "Ctrl+Shift+Q",
            self.tr("End this session and return to the login screen"),
            "actSignOut",
        )
        self.act_quit = self._action(
            self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit, name="actQuit"
        )
        self.act_lock = self._action(
            self.tr("&Lock screen"),
            self.lock_now,
            "Ctrl+L",
            self.tr("Hide the window until your password is entered"),
            "actLock",
        )
        self.act_change_password = self._action(
            self.tr("Change &password…"), self.change_password, name="actChangePassword"
        )
        # PR 一, GN 接待来访: a visitor at the service hall, recorded like a call.
        self.act_visit = self._action(
            self.tr("&Walk-in visit"),
            self.start_visit,
            "Ctrl+Shift+V",
            self.tr("Record a visitor at the service hall with the call forms (来访登记)"),
            "actVisit",
        )
        self.state_group = QActionGroup(self)
        self.state_group.setExclusive(True)
        self.state_actions: dict[str, QAction] = {}
        for i, state in enumerate(MANUAL_STATES, start=1):
            a = self._action(
                state_label(state),
                partial(self.request_state, state),
                f"Ctrl+{i}",
                name=f"actState_{state}",
            )
            a.setCheckable(True)
            self.state_group.addAction(a)
            self.state_actions[state] = a
        # 未就绪 always says why (R1.6): its action opens the reasons of the shift data.
        self.reason_menu = QMenu(self.tr("Not ready because…"), self)
        self.reason_menu.setObjectName("notReadyReasons")
        self._fill_reasons()
        self.state_actions[AgentState.NOT_READY].setMenu(self.reason_menu)
        self.act_lookup = self._action(
            self.tr("&Find a customer…"),
            self.open_lookup,
            "Ctrl+Shift+F",
            self.tr("Look up a customer who is not on a call: with a reason, masked, audited"),
            "actLookup",
        )
        self.act_nuisance = self._action(
            self.tr("&Nuisance callers…"),
            self.open_nuisance,
            tip=self.tr("Mark a number after harassment, or lift a mark (R2.18)"),
            name="actNuisance",
        )
        self.act_people = self._action(
            self.tr("&People and seats…"),
            self.open_people,
            tip=self.tr("Add, change or disable job numbers and seats (administrators)"),
            name="actPeople",
        )
        self.act_content = self._action(
            self.tr("&Scripts, lists and policies…"),
            self.open_content,
            tip=self.tr("Edit, check and roll back what the seats say and apply (administrators)"),
            name="actContent",
        )
        self.act_softphone = self._action(
            self.tr("This seat's so&ftphone…"),
            self.open_softphone,
            tip=self.tr("The SIP account and ports of this seat's baresip (administrators)"),
            name="actSoftphone",
        )
        self.act_end_session = self._action(
            self.tr("&End a session…"),
            self.end_session,
            tip=self.tr("End another seat's session (supervisors)"),
            name="actEndSession",
        )
        self.act_sign_in_again = self._action(
            self.tr("Sign &in again…"), self.sign_in_again, name="actSignInAgain"
        )
        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for lang, label in (("zh_CN", "中文(简体)"), ("en", "English")):
            a = QAction(label, self)
            a.setCheckable(True)
            a.setChecked(lang == self.settings.language)
            a.triggered.connect(lambda _checked=False, lang=lang: self.choose_language(lang))
            self.language_group.addAction(a)
            self.language_actions[lang] = a
        self.act_about = self._action(self.tr("&About Agent Console"), self.about, name="actAbout")
        self.act_keys = self._action(
            self.tr("&Keyboard…"),
            self.show_keys,
            "F1",
            self.tr("Every key of the console on one sheet"),
            "actKeys",
        )
        self.act_back_to_call = self._action(
            self.tr("Back to the &call"),
            self.back_to_call,
            "F12",
            self.tr("The call screen, from any tab"),
            "actBackToCall",
        )
        self.act_reports = self._action(
            self.tr("&Reports and printing…"),
            self.open_reports,
            "Ctrl+P",
            self.tr("Print or export a report; every one is registered (R6)"),
            "actReports",
        )

    def _fill_reasons(self) -> None:
        self.reason_menu.clear()
        for reason in self.runtime.content.get(content.SHIFT).not_ready_reasons:
            r = self.reason_menu.addAction(reason.title(self.settings.language))
            r.setObjectName(f"actReason_{reason.code}")
            r.triggered.connect(partial(self.request_state, AgentState.NOT_READY, reason.code))

    def _build_menus(self) -> None:
        mb = self.menuBar()
        file_menu = mb.addMenu(self.tr("&File"))
        file_menu.addAction(self.act_reports)
        file_menu.addSeparator()
        file_menu.addAction(self.act_sign_out)
        file_menu.addSeparator()
        file_menu.addAction(self.act_quit)
        agent_menu = mb.addMenu(self.tr("&Agent"))
        for a in self.state_actions.values():
            agent_menu.addAction(a)
        agent_menu.addSeparator()
        agent_menu.addAction(self.act_visit)
        agent_menu.addAction(self.act_lookup)
        agent_menu.addSeparator()
        agent_menu.addAction(self.act_sign_in_again)
        agent_menu.addAction(self.act_change_password)
        agent_menu.addAction(self.act_lock)
        self.supervisor_menu = mb.addMenu(self.tr("&Supervisor"))
        self.supervisor_menu.addAction(self.act_end_session)
        self.supervisor_menu.addAction(self.act_nuisance)
        self.admin_menu = mb.addMenu(self.tr("Ad&ministration"))
        self.admin_menu.addAction(self.act_people)
        self.admin_menu.addAction(self.act_content)
        self.admin_menu.addAction(self.act_softphone)
        view_menu = mb.addMenu(self.tr("&View"))
        lang_menu = view_menu.addMenu(self.tr("&Language"))
        for a in self.language_actions.values():
            lang_menu.addAction(a)
        view_menu.addAction(self.act_back_to_call)
        help_menu = mb.addMenu(self.tr("&Help"))
        help_menu.addAction(self.act_keys)
        help_menu.addAction(self.act_about)

    def _build_toolbar(self) -> None:
        tb = QToolBar(self.tr("Main toolbar"), self)
        tb.setObjectName("mainToolbar")
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for a in self.state_actions.values():
            tb.addAction(a)
        tb.addSeparator()
        # Toolbar buttons: short words, without the menus' "(&L)" mnemonics.
        self.act_lock.setIconText(self.tr("Lock"))
        self.act_sign_out.setIconText(self.tr("Sign out"))
        tb.addAction(self.act_lock)
        tb.addAction(self.act_sign_out)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, tb)
        self.toolbar = tb

    def _build_central(self) -> None:
        central = QWidget(self)
        central.setObjectName("central")
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.central_layout = outer
        self.banner = Banner(central)
        self.banner.action_clicked.connect(self._banner_action)
        outer.addWidget(self.banner)

        page = QWidget(central)
        page_layout = QVBoxLayout()
        page_layout.setContentsMargins(40, 32, 40, 32)
        card = QFrame(page)
        card.setObjectName("card")
        card.setMaximumWidth(820)
        c = QVBoxLayout(card)
        c.setContentsMargins(36, 30, 36, 30)
        c.setSpacing(10)
        self.greeting = QLabel(card)
        self.greeting.setObjectName("greeting")
        self.session_line = QLabel(card)
        self.session_line.setObjectName("subtitle")
        company = QLabel(self.tr("Tai'an Antai Gas Co., Ltd. · Customer service center"), card)
        company.setObjectName("subtitle")
        hotline = QLabel(self.tr("Service hotline %1").replace("%1", HOTLINE), card)
        hotline.setObjectName("hotline")
        body = QLabel(
            self.tr(
                "Set your state to Ready when you are ready to take calls. Calls, work "
                "orders and customer records will appear here."
            ),
            card,
        )
        body.setWordWrap(True)
        note_label = QLabel(self.tr("Quick &note (kept on this PC)"), card)
        self.note = QLineEdit(card)
        self.note.setObjectName("quickNote")
        self.note.setAccessibleName(self.tr("Quick note"))
        self.note.setPlaceholderText(
            self.tr("Jot down a caller's number or an account number while you talk")
        )
        note_label.setBuddy(self.note)
        keys = QLabel(
            self.tr(
                "Keyboard: Ctrl+1 Ready · Ctrl+2 Not ready · Ctrl+3 Break · Ctrl+L Lock "
                "screen · Ctrl+Shift+Q Sign out"
            ),
            card,
        )
        keys.setObjectName("hint")
        keys.setWordWrap(True)
        for w in (self.greeting, self.session_line, company, hotline):
            c.addWidget(w)
        c.addSpacing(8)
        c.addWidget(body)
        c.addSpacing(8)
        c.addWidget(note_label)
        c.addWidget(self.note)
        c.addSpacing(6)
        c.addWidget(keys)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 4)
        row.addStretch(1)
        page_layout.addLayout(row)
        page_layout.addStretch(1)
        scroll_page(page, page_layout)
        self.tabs = QTabWidget(central)
        self.tabs.setObjectName("mainTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(page, self.tr("Hom&e"))
        self.home = page
        outer.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

    def _build_desk(self, desk: Desk) -> None:
        """The call screen, the lists around it and the line that feeds them (R2)."""
        self.desk = desk
        # First: the call screen marks its text as it is built, and without the library's
        # lists it would read the shipped ones from disk again (0.2 s at the first sign-in).
        use_lists(self.runtime.content.checker)
        self._build_call_tabs(desk)
        self._build_case_tabs(desk)
        self._build_shift_tabs(desk)
        self._build_quality_tab(desk)
        self._build_background()
        self._build_switchboard(desk)
        # The call bar sits above the tabs: a live call stays in view on every tab.
        self.central_layout.insertWidget(1, self.call_screen.bar)
        self.call_screen.back_button.clicked.connect(lambda _checked=False: self.back_to_call())
        self.call_screen.busy_changed.connect(lambda _busy: self._show_call_bar())
        # The log is read when it is looked at, so it includes the call just finished.
        self.tabs.currentChanged.connect(self._tab_shown)
        self.tabs.currentChanged.connect(lambda _i: self._show_call_bar())
        # A shift starts with the pre-shift check (R4.1) and any handover to acknowledge.
        self.tabs.setCurrentWidget(self.shift)
        self.shift.refresh()

    def _build_call_tabs(self, desk: Desk) -> None:
        """The call screen, the call log and the knowledge panel answers are given from."""
        self.call_screen = CallScreen(
            self.settings,
            self.runtime,
            lambda: self.ctx,
            desk.telephony,
            desk.clock,
            desk.calendar,
            self.drafts,
            scripts=CallScripts(self.runtime.content),
            parent=self.tabs,
        )
        self.tabs.insertTab(0, self.call_screen, self.tr("&Call"))
        own = self.ctx.job_no if self.ctx.role is Role.AGENT else None
        self.call_log = CallLogView(
            self.run_as_agent,
            self.settings,
            own_job_no=own,
            parent=self.tabs,
        )
        self.tabs.addTab(self.call_log, self.tr("Call &log"))
        self.knowledge = KnowledgePanel(
            self.run_as_agent,
            self.settings,
            parent=self.tabs,
            can_edit=self.ctx.is_at_least(Role.ADMIN),
        )
        self.tabs.addTab(self.knowledge, self.tr("&Knowledge"))
        self.call_screen.busy_changed.connect(lambda _busy: self._refresh_actions())
        self.call_screen.call_started.connect(self._call_started)
        self.call_screen.call_finished.connect(self._call_finished)
        # R2.17: an answer from the knowledge panel is given on the call on the desk.
        self.call_screen.call_started.connect(lambda _id: self.knowledge.set_on_call(True))
        self.call_screen.call_finished.connect(lambda _id: self.knowledge.set_on_call(False))
        self.knowledge.answer_used.connect(lambda a: self.call_screen.use_answer(a.slug, a.title))
        self.call_screen.wrap_up_started.connect(lambda _id: self._desk_state("wrap_up"))

    def _build_case_tabs(self, desk: Desk) -> None:
        """The agent's cases, the shared callback list and the outage notices."""
        self.my_cases = MyCasesView(
            lambda: session.my_case_rows(self.runtime, self.ctx),
            self.settings,
            desk.clock,
            parent=self.tabs,
        )
        self.tabs.insertTab(1, self.my_cases, self.tr("M&y cases"))
        self.my_cases.open_requested.connect(self.open_case)
        self.callbacks = CallbackDesk(
            self.run_as_agent,
            lambda: self.ctx,
            self.settings,
            desk.clock,
            desk.calendar,
            parent=self.tabs,
            telephony=desk.telephony,
            library=self.runtime.content,
        )
        self.tabs.insertTab(2, self.callbacks, self.tr("Call&backs"))
        self.campaigns = CampaignDesk(
            self.run_as_agent,
            lambda: self.ctx,
            self.settings,
            desk.clock,
            desk.calendar,
            parent=self.tabs,
            telephony=desk.telephony,
            library=self.runtime.content,
        )
        self.tabs.insertTab(3, self.campaigns, self.tr("Outa&ge notices"))
        self.campaigns.timer.start()

    def _build_shift_tabs(self, desk: Desk) -> None:
        """The shift (check, handovers) and, for supervisors, the board."""
        self.shift = ShiftDesk(
            self.run_as_agent,
            self.ctx,
            self.settings,
            parent=self.tabs,
            library=self.runtime.content,
        )
        self.tabs.insertTab(4, self.shift, self.tr("Shif&t"))
        # The pre-shift check records the state: 就绪, or 未就绪 for equipment trouble.
        self.shift.signed_in.connect(
            lambda state: self._state_set(
                state, NOT_READY_EQUIPMENT if state == AgentState.NOT_READY else None
            )
        )
        self.shift.sign_out_requested.connect(self.ask_sign_out)
        self.supervisor_board: SupervisorBoard | None = None
        self._show_board(desk)

    def _show_board(self, desk: Desk) -> None:
        """The board tab for a supervisor, none for an agent (R4.4; the services check
        it again). Run at each sign-in: an administrator may have changed the role."""
        wanted = self.ctx.is_at_least(Role.SUPERVISOR)
        board = self.supervisor_board
        if wanted and board is None:
            board = SupervisorBoard(
                self.run_as_agent,
                lambda: session.board(self.runtime, self.ctx, self.settings.timezone),
                self.settings,
                desk.clock,
                parent=self.tabs,
                library=self.runtime.content,
            )
            self.tabs.insertTab(self.tabs.indexOf(self.shift) + 1, board, self.tr("Boar&d"))
            board.timer.start()
            self.supervisor_board = board
        elif not wanted and board is not None:
            board.timer.stop()
            self.tabs.removeTab(self.tabs.indexOf(board))
            board.deleteLater()
            self.supervisor_board = None

    def _follow_role(self) -> None:
        """What the role of this sign-in gives: the board, one's own call log, writing
        answers (the menus follow in ``_refresh_actions``)."""
        self._show_board(self.desk)
        self.shift.ctx = self.ctx  # what it may print follows the role too
        self.call_log.set_own_job_no(self.ctx.job_no if self.ctx.role is Role.AGENT else None)
        self.knowledge.set_can_edit(self.ctx.is_at_least(Role.ADMIN))

    def _build_quality_tab(self, desk: Desk) -> None:
        """质检: supervisors review calls; an agent reads and acknowledges their results."""
        self.quality = QualityTab(
            self.run_as_agent,
            self.ctx,
            self.settings,
            desk.clock,
            self.tabs,
            library=self.runtime.content,
        )
        if self.ctx.is_at_least(Role.SUPERVISOR):
            self.tabs.addTab(self.quality, self.tr("&Quality inspection"))
            self.call_log.review_requested.connect(self._review_call)
        else:
            self.tabs.addTab(self.quality, self.tr("&Quality results"))

    def _review_call(self, call_id: str) -> None:
        """A call chosen in the call log goes on the review list and opens in the form."""
        from ui.quality.quality_desk import QualityDesk

        if isinstance(self.quality.work, QualityDesk):
            self.tabs.setCurrentWidget(self.quality)
            self.quality.setCurrentWidget(self.quality.work)
            self.quality.work.add_call_id(call_id)

    def _build_background(self) -> None:
        """The deadline sweep and the content poller, started when the window shows."""
        self.sweeper = Sweeper(
            self.runtime,
            lambda: self.ctx,
            self._online,
            self,
            timezone=self.settings.timezone,
        )
        self.content_poller = ContentPoller(self.runtime, self._online, self)
        self.content_poller.taken.connect(self._content_taken)

    def _build_switchboard(self, desk: Desk) -> None:
        """The line's events, to the call screen and the two diallers."""
        self.switchboard = Switchboard(
            desk.telephony, self, language=self.settings.language, timezone=self.settings.timezone
        )
        self.switchboard.incoming.connect(self._on_incoming)
        self.switchboard.caller_hung_up.connect(self.call_screen.caller_hung_up)
        self.switchboard.dropped.connect(self.call_screen.call_dropped)
        self.switchboard.transferred.connect(self.call_screen.call_transferred)
        self.switchboard.command_failed.connect(self.call_screen.command_failed)
        self.switchboard.line_down.connect(self.call_screen.line_down)
        self.switchboard.line_up.connect(self.call_screen.line_up)
        for dialler in (self.callbacks.dialler, self.campaigns.dialler):
            self.switchboard.connected.connect(dialler.on_connected)
            self.switchboard.caller_hung_up.connect(dialler.on_far_end_hung_up)
            self.switchboard.dropped.connect(dialler.on_dropped)
            self.switchboard.command_failed.connect(dialler.on_command_failed)
        self.check_content()
        self.check_calendar()

    def check_content(self) -> None:
        """An administrator is told at sign-in, and when new versions are taken in,
        which data file does not validate (file, line, field): the last good version
        stays in use meanwhile, which only the administrator can change."""
        if not self.ctx.is_at_least(Role.ADMIN):
            return
        library = self.runtime.content
        if not library.errors:
            self.banner.clear_notice("content")
        elif not self.banner.topic or self.banner.topic == "content":
            text = "\n".join(
                error_text(e, self.settings)
                + " "
                + error_text(
                    UserFacingError(
                        "resource.kept" if library.in_force(name) else "resource.none_in_force"
                    ),
                    self.settings,
                )
                for name, e in library.errors.items()
            )
            self.banner.show_notice("content", "warning", text)

    def check_calendar(self) -> None:
        """Supervisors and administrators are told at sign-in when a year starting within
        60 days has no official holiday schedule entered (deadlines in it are
        provisional); the boards say it too."""
        from console.shift import board as boards

        if not self.ctx.is_at_least(Role.SUPERVISOR):
            return
        zone = ZoneInfo(self.settings.timezone)

        def shown(years: list[int]) -> None:
            if years and not self.banner.topic:
                self.banner.show_notice("calendar", "warning", calendar_warning_text(years))
            elif not years:
                self.banner.clear_notice("calendar")

        (
            service_op(self, self.run_as_agent, boards.calendar_warning, zone)
            .on_success(shown)
            .on_failure(lambda e: log.warning("calendar check failed: %s", e))
            .start()
        )

    def start_visit(self) -> None:
        """来访登记: the call screen takes the visitor (when no contact is on the desk)."""
        if not self.session_active or getattr(self, "desk", None) is None:
            return
        self.tabs.setCurrentWidget(self.call_screen)
        self.call_screen.start_visit()

    def open_nuisance(self) -> None:
        """R2.18: mark a caller number after harassment (supervisors)."""
        from ui.customers.nuisance_dialog import NuisanceDialog

        if not self.session_active:
            return
        desk = getattr(self, "desk", None)
        current = self.call_screen.active if desk is not None else None
        dialog = NuisanceDialog(
            self.run_as_agent,
            self.settings,
            desk.clock if desk is not None else self.runtime.db_clock,
            self,
            number=(current.caller_number or "") if current is not None else "",
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.nuisance_dialog = dialog
        dialog.show()

    def open_lookup(self) -> None:
        """R2.14: a customer who is not on the call, with a reason (audited, masked)."""
        from ui.customers.lookup_dialog import CustomerLookupDialog

        if not self.session_active:
            return
        dialog = CustomerLookupDialog(self.run_as_agent, self.settings, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.lookup_dialog = dialog
        dialog.show()

    def open_people(self) -> None:
        """Issue 9: job numbers and seats (administrators; the services check it)."""
        from ui.people.admin_people import AdminPeopleDialog

        if not self.session_active:
            return
        dialog = AdminPeopleDialog(
            self.run_as_agent,
            self.ctx,
            self,
            settings=self.settings,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.people_dialog = dialog
        dialog.show()

    def open_softphone(self) -> None:
        """This seat's softphone settings; they take effect at the next sign-in."""
        from ui.app.prefs import SoftphonePrefs

        dialog = SoftphonePrefs(self.settings, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(
            lambda: self.statusBar().showMessage(
                self.tr("Softphone settings saved: they take effect at the next sign-in."), 8000
            )
        )
        self.softphone_dialog = dialog
        dialog.show()

    def open_content(self) -> None:
        """Issue 9: scripts, lists, policies and departments, versioned."""
        from ui.content.content_editor import ContentEditor

        if not self.session_active:
            return
        dialog = ContentEditor(
            self.run_as_agent,
            self.settings,
            self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.content_editor = dialog  # its saves are taken in at once (Topic.CONTENT)
        dialog.show()

    def _content_taken(self, kinds: list[Kind[Any]]) -> None:
        self.check_content()
        if kinds:
            library = self.runtime.content
            if content.SHIFT in kinds:
                self._fill_reasons()
                self.shift.show_checklist()
            if content.TABOO in kinds or content.JARGON in kinds:
                use_lists(library.checker)
            if content.HOLIDAYS in kinds:  # the greeting's holiday wish, from the next call
                calendar = library.calendar(self.settings.timezone)
                for desk in (self.call_screen, self.callbacks, self.campaigns):
                    desk.calendar = calendar
                # A year's schedule entered: its provisional deadlines are recomputed now.
                self.sweeper.sweep_now()
                self.check_calendar()
            names = "、".join(content_kind_label(k.name) for k in kinds)
            self.statusBar().showMessage(
                self.tr("Updated by an administrator: %1").replace("%1", names), 10_000
            )
        self.content_changed.emit([k.name for k in kinds])

    def open_reports(self) -> None:
        """R6.4: the reports dialog, one per window."""
        from ui.printing.reports_dialog import ReportsDialog

        if not self.session_active:
            return
        dialog = ReportsDialog(
            self.run_as_agent,
            self.ctx,
            self.settings,
            self,
            library=self.runtime.content,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.reports_dialog = dialog
        dialog.show()

    def back_to_call(self) -> None:
        """F12: the call screen, from whatever tab the agent is on."""
        self.tabs.setCurrentWidget(self.call_screen)
        self.call_screen.setFocus()

    def _show_call_bar(self) -> None:
        on_the_call_tab = self.tabs.currentWidget() is self.call_screen
        self.call_screen.bar.setVisible(on_the_call_tab or self.on_call)
        self.call_screen.back_button.setVisible(self.on_call and not on_the_call_tab)

    def _tab_shown(self, _index: int) -> None:
        """Lists are read when they are looked at (the log includes the call just ended)."""
        shown = self.tabs.currentWidget()
        if shown is self.call_log:
            self.call_log.search()
        elif shown is self.shift:
            self.shift.refresh()
        elif shown is self.campaigns:
            self.campaigns.refresh()
        elif shown is not None and shown is self.supervisor_board:
            self.supervisor_board.refresh()

    def open_case(self, case_id: str) -> None:
        """The case view (R3): timeline, deadlines, dispatch and the department's reports."""
        from ui.cases.case_view import CaseView

        view = CaseView(
            self.run_as_agent,
            self.ctx,
            case_id,
            self.settings,
            self,
        )
        view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        view.open()
        self.case_view = view

    def _on_incoming(self, incoming: IncomingCall) -> None:
        """A call rings at this seat. Do not disturb: a seat that is not ready (未就绪,
        小休, a locked screen) lets it go — the line answers busy so the switch routes
        it elsewhere, and the log keeps it as missed. A seat on a call or in wrap-up
        does the same through the call screen (a second call at a busy seat)."""
        takes_calls = self.state in (AgentState.READY, AgentState.ON_CALL, AgentState.WRAP_UP)
        if not self.locked and (self.on_call or takes_calls):
            self.call_screen.offer(incoming)
        else:
            self.statusBar().showMessage(self.call_screen.let_go(incoming), 30_000)

    def _call_started(self, _call_id: str) -> None:
        self.tabs.setCurrentWidget(self.call_screen)
        self.window().raise_()
        QApplication.alert(self)
        self._desk_state(AgentState.ON_CALL)

    def _call_finished(self, _call_id: str) -> None:
        self._desk_state(AgentState.READY)

    def _desk_state(self, state: str, reason: str | None = None) -> None:
        """On call / wrap-up / ready follow the call (R1.6); 未就绪 follows the lock."""
        if self.session_active and (state, reason) != self._wanted_state:
            self._record_state(state, reason)

    def _offer_unfinished_calls(self) -> None:
        """R2.12: calls this agent never finished (the console died) come back."""
        ctx = self.ctx
        run_op(
            self,
            lambda: session.unfinished_calls(self.runtime, ctx),
            self._restore_calls,
            lambda e: log.warning("unfinished calls not checked: %s", e),
        )

    def _restore_calls(self, unfinished: list[session.Unfinished]) -> None:
        """Calls the console lost (it died): one that still rang is filed as missed at
        once, with what was typed; one that was answered is offered back for its
        wrap-up, ending when the console was last alive."""
        from console.calls import call_desk

        records = {u.record.id: u for u in unfinished}
        ids = list(records)
        for key in self.drafts.keys(call_desk.DRAFT_PREFIX):
            call_id = call_desk.draft_call_id(key)
            draft = self.drafts.load(key)
            if (
                call_id
                and call_id not in records
                and call_desk.draft_job_no(draft) == self.ctx.job_no
            ):
                ids.append(call_id)
        if not ids or self.call_screen.active is not None:
            return
        answered: list[call_desk.ActiveCall] = []
        for call_id in ids:
            u = records.get(call_id)
            kept = self.drafts.load(call_desk.DRAFT_PREFIX + call_id) or None
            try:
                active = call_desk.restore(
                    u.record if u else None, u.events if u else [], kept, clock=self.desk.clock
                )
            except (UserFacingError, ValueError, KeyError) as e:
                log.error("call %s could not be restored: %s", call_id, e)
                continue
            if active.flow.answered_at is None:
                self.statusBar().showMessage(self.call_screen.file_unanswered(active), 30_000)
            else:
                answered.append(active)
        if answered:
            self._offer_restore(answered[0])

    def _offer_restore(self, active: ActiveCall) -> None:
        number = active.caller_number or self.tr("a withheld number")
        box = self._message(
            QMessageBox.Icon.Question,
            self.tr(
                "A call from %1 was not finished when the console closed. Restore it now "
                "to complete its wrap-up? Nothing typed is lost."
            ).replace("%1", number),
            self.tr("Restore call"),
        )
        box.setObjectName("restoreCallBox")
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.Yes)

        def answered(result: int) -> None:
            if result != QMessageBox.StandardButton.Yes:
                return  # offered again at the next start
            if self.call_screen.active is not None:  # a call rang meanwhile
                return
            self.tabs.setCurrentWidget(self.call_screen)
            self.call_screen.restore(active)
            self._desk_state(AgentState.WRAP_UP)

        box.finished.connect(answered)
        self.restore_box = box

    def _build_status_bar(self) -> None:
        sb = self.statusBar()
        self.agent_label = QLabel(self)
        self.agent_label.setObjectName("agentStatus")
        self.seat_label = QLabel(self)
        self.seat_label.setObjectName("seatStatus")
        self.state_label = QLabel(self)
        self.state_label.setObjectName("stateStatus")
        self.db_label = QLabel(self)
        self.db_label.setObjectName("dbStatus")
        for w, name in (
            (self.agent_label, self.tr("Signed-in agent")),
            (self.seat_label, self.tr("Seat")),
            (self.state_label, self.tr("Agent state")),
            (self.db_label, self.tr("Database connection")),
        ):
            w.setAccessibleName(name)
            sb.addPermanentWidget(w)

    # Showing the session -------------------------------------------------------------
    def _refresh(self) -> None:
        ctx = self.ctx
        zone = ZoneInfo(self.settings.timezone)
        since = ctx.started_at.astimezone(zone).strftime("%H:%M")
        self.greeting.setText(self.tr("Hello, %1").replace("%1", ctx.name))
        self.session_line.setText(
            self.tr("Job number %1 · Seat %2 · %3 · Signed in at %4")
            .replace("%1", ctx.job_no)
            .replace("%2", ctx.seat)
            .replace("%3", role_label(ctx.role.value))
            .replace("%4", since)
        )
        self.agent_label.setText(
            self.tr("Job number %1 %2").replace("%1", ctx.job_no).replace("%2", ctx.name)
        )
        self.seat_label.setText(self.tr("Seat %1").replace("%1", ctx.seat))
        shown = state_label(self.state) if self.session_active else self.tr("Session ended")
        why = self._reason_label(self.reason) if self.session_active else ""
        self.state_label.setText(
            self.tr("State: %1").replace("%1", f"{shown} · {why}" if why else shown)
        )
        for state, a in self.state_actions.items():
            a.setChecked(state == self.state)
        self._refresh_db()
        self._refresh_actions()

    def _reason_label(self, code: str | None) -> str:
        """Why 未就绪, in the words of the shift data in force (or the lock's own)."""
        return reason_text(self.runtime.content.get(content.SHIFT), code, self.settings.language)

    def _refresh_db(self) -> None:
        ok = self.heartbeat.db_ok
        self.db_label.setProperty("ok", ok)
        self.db_label.setText(
            self.tr("● Database connected") if ok else self.tr("● Database connection lost")
        )
        repolish(self.db_label)

    def _refresh_actions(self) -> None:
        live = self.session_active and not self.locked and not self._signing_out
        on_call = getattr(self, "call_screen", None) is not None and self.on_call
        for a in self.state_actions.values():
            a.setEnabled(live and not on_call)  # during a call the state follows the call
        self.act_change_password.setEnabled(live)
        self.act_lookup.setEnabled(live)
        supervisor = self.ctx.is_at_least(Role.SUPERVISOR)
        self.supervisor_menu.menuAction().setVisible(supervisor)
        self.act_end_session.setVisible(supervisor)
        self.act_end_session.setEnabled(live and supervisor)
        self.act_nuisance.setVisible(supervisor)
        self.act_nuisance.setEnabled(live and supervisor)
        admin = self.ctx.is_at_least(Role.ADMIN)
        self.admin_menu.menuAction().setVisible(admin)
        for a in (self.act_people, self.act_content, self.act_softphone):
            a.setVisible(admin)
            a.setEnabled(live and admin)
        self.act_lock.setEnabled(not self.locked and not self._signing_out)
        self.act_sign_out.setEnabled(not self.locked and not self._signing_out)
        self.act_sign_in_again.setVisible(not self.session_active)
        self.act_sign_in_again.setEnabled(not self.session_active and not self.locked)
        self.act_about.setEnabled(not self.locked)
        self.act_quit.setEnabled(not self.locked)
        for a in self.language_actions.values():
            a.setEnabled(not self.locked)

    # Lifecycle -----------------------------------------------------------------------
    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if not self._done and not self.switchboard.listening:
            self.switchboard.start()
            self.sweeper.start()
            self.content_poller.start()
            self._offer_unfinished_calls()
        if not self._done and not self.heartbeat.timer.isActive():
            if self.session_active:
                self.heartbeat.start()
            if not self.locked:
                self.idle.start()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._done and not self.session_active and not self._signing_out:
            # The session was lost (ended elsewhere, lapsed): there is nothing to sign
            # out, so this first close (or SIGTERM) closes. _finish_sign_out's own
            # close() would be ignored here, inside the close being handled.
            self._quitting = True
            self._finish_sign_out("")
        if self._done:
            self._shutdown()
            event.accept()
            return
        event.ignore()
        if self.locked:
            return  # the lock screen offers "Sign out"; closing would bypass it
        self._quitting = True
        self.sign_out(force=True)

    @property
    def _note_key(self) -> str:
        return f"{self.ctx.job_no}.quick-note"

    def _save_note(self) -> bool:
        try:
            self.drafts.save(self._note_key, self.note.text())
        except OSError as e:  # a full disk must not take the console down
            log.warning("could not keep the quick note: %s", e)
            return False
        return True

    def keep_drafts(self) -> bool:
        """Write what is typed to this PC now, not a moment later (sign-out, a crash);
        False if the disk refused some of it."""
        self._note_timer.stop()
        note_kept = self._save_note()
        return self.call_screen.save_draft() and note_kept

    def _shutdown(self) -> None:
        self.switchboard.stop()
        if self._owns_line:
            self.desk.telephony.close()  # stops the seat's baresip this window started
        self.sweeper.stop()
        self.content_poller.stop()
        self.keep_drafts()
        self.heartbeat.stop()
        self.idle.stop()
        s = ui_settings()
        s.setValue("main/geometry", self.saveGeometry())
        s.setValue("main/state", self.saveState())
        s.sync()

    def _restore_geometry(self) -> None:
        s = ui_settings()
        geometry = s.value("main/geometry")
        state = s.value("main/state")
        if isinstance(geometry, QByteArray) and self.restoreGeometry(geometry):
            if isinstance(state, QByteArray):
                self.restoreState(state)
        else:
            self.resize(1180, 760)

    # Signing out ---------------------------------------------------------------------
    def _unsaved_work(self) -> list[str]:
        """What signing out now would leave unfinished, in the agent's words."""
        work: list[str] = []
        if self.on_call:
            work.append(self.tr("the call on the desk (its wrap-up is not finished)"))
        if self.callbacks.item is not None:
            work.append(self.tr("the callback taken (its result is not recorded)"))
        if self.campaigns.target is not None:
            work.append(self.tr("the outage notice taken (its result is not recorded)"))
        return work

    def ask_sign_out(self) -> None:
        """Ctrl+Shift+Q and the toolbar: sign out, but ask first when something is
        unfinished (a call on the desk, a callback or notice taken)."""
        work = self._unsaved_work()
        if not work or self._signing_out or self._done:
            self.sign_out()
            return
        box = self._message(
            QMessageBox.Icon.Question,
            self.tr("Sign out although this is not finished?\n\n%1").replace(
                "%1", "\n".join(f"• {w}" for w in work)
            ),
            self.tr("Sign out"),
        )
        box.setObjectName("signOutBox")
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)  # Enter keeps the agent here
        box.finished.connect(
            lambda result: self.sign_out() if result == QMessageBox.StandardButton.Yes else None
        )
        self.sign_out_box = box

    def sign_out(self, force: bool = False, message: str = "") -> None:
        """End the session and go back to the login dialog (or quit). ``force``: go
        even if the database cannot be told (the lease then runs out by itself)."""
        if self._signing_out or self._done:
            return
        if not self.session_active:
            self._finish_sign_out(message)
            return
        self._signing_out = True
        self._refresh_actions()
        self.statusBar().showMessage(self.tr("Signing out…"))
        run_op(
            self,
            partial(session.sign_out, self.runtime, self.ctx),
            lambda _r: self._finish_sign_out(message),
            partial(self._sign_out_failed, force, message),
        )

    def _sign_out_failed(self, force: bool, message: str, error: BaseException) -> None:
        self._signing_out = False
        self.statusBar().clearMessage()
        if force:
            log.warning("signing out failed; leaving anyway: %s", error)
            self._finish_sign_out(message)
            return
        self._refresh_actions()
        self._report(error)

    def _finish_sign_out(self, message: str) -> None:
        self._done = True
        self._signing_out = False
        self.heartbeat.stop()
        self.idle.stop()
        if not self._quitting:
            self.signed_out.emit(message)
        self.close()

    # Agent state ---------------------------------------------------------------------
    @property
    def on_call(self) -> bool:
        """A call is on the desk (ringing to wrap-up): its state follows the call."""
        return self.call_screen.active is not None

    def request_state(self, state: str, reason: str | None = None) -> None:
        """The agent picks a state (Ctrl+1/2/3, the menu, the toolbar). Not while a
        call is on the desk: 就绪 in the middle of a call would be a false record."""
        if not self.session_active or self.locked or self.on_call:
            self._refresh()
            return
        if state == AgentState.NOT_READY and reason is None:
            self._refresh()  # not yet: ask why first
            self.reason_menu.popup(QCursor.pos())
            return
        if state == self.state and state != AgentState.NOT_READY:
            self.state_actions[state].setChecked(True)
            return
        self._record_state(state, reason)

    def _record_state(self, state: str, reason: str | None = None) -> None:
        """Record a state change. One at a time and in order: a change asked for while
        another is being written follows it (the last one asked for wins)."""
        self._wanted_state = (state, reason)
        if self._state_op is not None or not self.session_active:
            return
        rt, ctx = self.runtime, self.ctx
        self._state_op = run_op(
            self,
            partial(session.set_state, rt, ctx, state, reason),
            lambda done: self._state_written(done, reason),
            self._state_failed,
        )

    def _state_written(self, state: str, reason: str | None) -> None:
        self._state_op = None
        wanted = self._wanted_state
        self._state_set(state, reason)
        if wanted != (state, reason):
            self._record_state(*wanted)

    def _state_set(self, state: str, reason: str | None = None) -> None:
        self.state = state
        self.reason = reason if state == AgentState.NOT_READY else None
        self._wanted_state = (state, self.reason)
        self._refresh()
        self.statusBar().showMessage(
            self.tr("State changed to %1").replace("%1", state_label(state)), 4000
        )

    def _state_failed(self, error: BaseException) -> None:
        self._state_op = None
        self._refresh()
        self._report(error)

    # Heartbeat -----------------------------------------------------------------------
    def _db_lost(self, error: BaseException) -> None:
        self._refresh_db()
        self.db_label.setToolTip(error_text(error, self.settings))
        if self.banner.topic != "session":
            self.banner.show_notice(
                "db",
                "warning",
                self.tr("Database connection lost, retrying… What you type is kept."),
                self.tr("Retry now"),
            )

    def _db_restored(self) -> None:
        self.db_label.setToolTip("")
        self._refresh_db()
        self.banner.clear_notice("db")
        self.statusBar().showMessage(self.tr("Database connection restored."), 5000)

    def _session_lost(self, text: str) -> None:
        self.session_active = False
        self.banner.show_notice("session", "error", text, self.tr("Sign in again…"))
        self._refresh()
        if self.locked:
            self.overlay.set_note(text)

    def _banner_action(self) -> None:
        if self.banner.topic == "session":
            self.sign_in_again()
        elif self.banner.topic == "db":
            self.heartbeat.retry_now()

    def sign_in_again(self) -> None:
        if self.session_active or self.locked:
            return
        dialog = LoginDialog(self.settings, self.runtime, self, again_for=self.ctx)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.signed_in.connect(self._resume)
        self.login_again_dialog = dialog
        dialog.open()

    def _resume(self, signed_in: session.SignedIn) -> None:
        self.ctx = signed_in.context
        self.state = signed_in.state
        self.reason = None
        self._wanted_state = (self.state, None)
        self._state_op = None  # the old session's write, if any, no longer counts
        self._state_before_lock = None  # a new session: the agent chooses again
        self.session_active = True
        self.banner.clear_notice("session")
        self._follow_role()
        self._refresh()
        self.heartbeat.resume()
        self.statusBar().showMessage(self.tr("Signed in again."), 5000)

    def _report(self, error: BaseException) -> None:
        """Show a failed action's reason; connection and session trouble become banners."""
        if not self.heartbeat.take(error):
            self._message(QMessageBox.Icon.Warning, error_text(error, self.settings))

    # Locking (R1.5) ------------------------------------------------------------------
    def lock_now(self) -> None:
        """Cover the window until the agent's password is typed (Ctrl+L, or idle). A
        locked seat is away: 未就绪 is recorded (no call is offered to it) unless a
        call is on the desk, and the state before comes back at unlock."""
        if self.locked or self._done or self._signing_out:
            return
        self.locked = True
        if not self.on_call and self.session_active:
            self._state_before_lock = self._wanted_state
            self._desk_state(AgentState.NOT_READY, SCREEN_LOCKED)
        self.idle.stop()
        self._focus_before_lock = QApplication.focusWidget()
        for w in self._covered():
            w.setEnabled(False)
        self._refresh_actions()
        who = self.tr("Job number %1 %2 · Seat %3").replace("%1", self.ctx.job_no)
        who = who.replace("%2", self.ctx.name).replace("%3", self.ctx.seat)
        note = "" if self.session_active else self.banner.label.text()
        self.overlay.lock(who, self._unlock_call, note)
        self.lock_changed.emit(True)

    def _covered(self) -> list[QWidget]:
        widgets = [self.menuBar(), self.toolbar, self.centralWidget(), self.statusBar()]
        return [w for w in widgets if w is not None]

    def _unlock_call(self, password: str) -> Callable[[], object]:
        """What checking ``password`` means now: the session's own check, or signing
        in again when the session was ended meanwhile."""
        rt, ctx = self.runtime, self.ctx
        if self.session_active:
            return partial(session.unlock, rt, ctx, password)
        return partial(session.sign_in_again, rt, ctx, password)

    def _unlocked(self, result: object) -> None:
        self.locked = False
        for w in self._covered():
            w.setEnabled(True)
        if isinstance(result, session.SignedIn):
            self._resume(result)
        before, self._state_before_lock = self._state_before_lock, None
        if before is not None and not self.on_call:
            self._desk_state(*before)
        self._refresh_actions()
        focus = self._focus_before_lock
        if focus is not None:
            focus.setFocus()
        self.idle.start()
        self.lock_changed.emit(False)

    # Dialogs -------------------------------------------------------------------------
    def change_password(self) -> None:
        if not self.session_active:
            return
        dialog = ChangePasswordDialog(self.settings, self.runtime, self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.changed.connect(
            lambda: self.statusBar().showMessage(self.tr("Password changed."), 5000)
        )
        dialog.locked_out.connect(lambda text: self.sign_out(force=True, message=text))
        dialog.open()

    def end_session(self) -> None:
        from ui.shift.supervisor import EndSessionDialog

        dialog = EndSessionDialog(self.settings, self.runtime, self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.ended.connect(
            lambda sid: self.statusBar().showMessage(
                self.tr("Session %1 ended.").replace("%1", str(sid)), 5000
            )
        )
        dialog.open()

    def choose_language(self, language: str) -> None:
        if language == self.settings.language:
            return
        try:
            session.save_language(self.settings, language)
        except OSError as e:
            self._message(QMessageBox.Icon.Warning, str(e))
            return
        self._message(
            QMessageBox.Icon.Information,
            self.tr("The new language takes effect the next time the console starts."),
        )

    def show_keys(self) -> None:
        """F1: the key sheet."""
        from ui.app.key_sheet import KeySheet

        sheet = KeySheet(self)
        sheet.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.key_sheet = sheet
        sheet.show()

    def about(self) -> None:
        self._message(
            QMessageBox.Icon.Information,
            self.tr(
                "Agent Console\nCustomer service center of Tai'an Antai Gas Co., Ltd.\n"
                "Service hotline %1"
            ).replace("%1", HOTLINE),
            title=self.tr("About Agent Console"),
        )

    def _message(self, icon: QMessageBox.Icon, text: str, title: str = "") -> QMessageBox:
        box = QMessageBox(icon, title or self.tr("Agent Console"), text, parent=self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box
