"""Take the screenshots in this folder (offscreen, Chinese, a throwaway SQLite database).

.venv/bin/python docs/screenshots/take.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["AGENT_CONSOLE_HOME"] = tempfile.mkdtemp(prefix="ac-shots-")
os.environ.pop("AGENT_CONSOLE_DB", None)

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from console.app.runtime import Runtime  # noqa: E402
from console.app.startup import open_runtime  # noqa: E402
from console.core import unit  # noqa: E402
from console.core.identity import Role  # noqa: E402
from console.core.settings import Settings  # noqa: E402
from console.people import agents, auth  # noqa: E402
from ui.app.main_window import MainWindow  # noqa: E402
from ui.core import (  # noqa: E402
    i18n,
    session,
    style,
)
from ui.core.worker import busy  # noqa: E402
from ui.people.login import LoginDialog  # noqa: E402
from ui.people.password import ChangePasswordDialog  # noqa: E402

PASSWORD = "Demo@2026"


def settle(until: object = None, ms: int = 20_000) -> None:
    """Run the event loop until ``until()`` is true and no background work is left."""
    loop = QEventLoop()
    deadline = QTimer()
    deadline.setSingleShot(True)
    deadline.timeout.connect(loop.quit)
    deadline.start(ms)
    while deadline.isActive() and (busy() or (callable(until) and not until())):
        loop.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    for _ in range(5):
        QCoreApplication.processEvents()


def save(widget: QWidget, name: str) -> None:
    settle()
    widget.grab().save(str(HERE / f"{name}.png"))
    print("saved", name)


def call_log_shot(rt: Runtime, settings: Settings) -> None:
    """The call log as the duty manager sees it, over the demo's history calls."""
    from cli import demo
    from ui.calls.call_log import CallLogView

    demo.load(rt, customers=2000, calls=2000)
    ctx = rt.login("2001", PASSWORD, "A-08")
    view = CallLogView(lambda fn, *args: rt.run(ctx, fn, *args), settings)
    view.resize(1280, 640)
    view.show()
    view.search()
    settle(lambda: view.model.rowCount() > 0 and view._count is not None)
    save(view, "call_log")
    view.close()
    rt.run(ctx, auth.logout)


def call_screen_shots(rt: Runtime) -> None:
    """A call from a demo special-group customer on 国庆 morning: ringing, talking with
    a taboo phrase in the notes and a failed address check, and wrap-up."""
    from datetime import timedelta
    from zoneinfo import ZoneInfo

    from sqlalchemy import select

    from console.content.holiday_calendar import HolidayCalendar
    from console.core.clock import ManualClock
    from console.telephony import telephony
    from db.models import Customer
    from ui.app.main_window import Desk

    with rt.unit(admin="screenshots") as s:
        c = s.scalars(
            select(Customer).where(Customer.special_group.is_not(None)).order_by(Customer.id)
        ).first()
        assert c is not None
    settings = Settings(seat="A-09", heartbeat_seconds=3600)
    clock = ManualClock(datetime(2026, 10, 1, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai")))
    desk = Desk(telephony.SimulatedSwitch(rt.db, "A-09", clock), clock, HolidayCalendar.load())
    w = MainWindow(settings, rt, session.login(rt, "1002", PASSWORD, "A-09"), desk=desk)
    w.resize(1500, 860)
    w.show()
    settle()
    telephony.send_ring(rt.db, "A-09", c.phone)
    settle(lambda: w.call_screen.pop is not None)
    save(w, "call_ringing")
    screen = w.call_screen
    clock.advance(timedelta(seconds=4))
    screen.answer()
    for _ in range(4):
        screen.dialogue.mark_current_said()
    form = screen.verification
    form.edits["surname"].setText(c.name[0])
    form.title.setCurrentIndex(form.title.findData("先生" if c.gender == "M" else "女士"))
    form._surname_edited()
    for key, value in (
        ("full_name", c.name),
        ("community", c.community),
        ("building", c.building + "号楼"),
        ("room", "9999"),
    ):
        form.edits[key].setText(value)
    form.check()
    screen.notes.setPlainText("客户反映厨房有燃气味。我说这个我不知道,要问维修部")
    clock.advance(timedelta(seconds=65))
    settle()
    save(w, "call_talking")
    screen.intent.set_intent("repair")
    screen.hang_up()
    screen.finish_wrap_up()
    settle()
    save(w, "call_wrap_up")
    w._done = True
    w.close()


def my_cases_shot(rt: Runtime, settings: Settings) -> None:
    """Agent 1003's open cases: one overdue, one due soon, others running."""
    from datetime import timedelta

    from sqlalchemy import update

    from console.cases import cases
    from console.core.clock import SystemClock
    from db.models import CaseClock
    from ui.cases.my_cases import MyCasesView

    ctx = rt.login("1003", PASSWORD, "A-10")
    made = [
        rt.run(ctx, cases.open_case, cases.new_case_id(), kind, summary)
        for kind, summary in (
            ("complaint", "客户对抄表员上门态度不满,要求道歉"),
            ("repair", "燃气表不走字,客户要求今天上门"),
            ("lookup", "查询上月燃气费明细,承诺半小时内回电"),
            ("inquiry", "咨询阶梯气价与采暖季价格"),
        )
    ]
    now = datetime.now(UTC)
    with rt.unit(admin="screenshots") as s:  # one overdue, one due soon
        s.execute(
            update(CaseClock)
            .where(CaseClock.case_id == made[2].id)
            .values(due_at=now - timedelta(minutes=12), warn_at=now - timedelta(minutes=17))
        )
        s.execute(
            update(CaseClock)
            .where(CaseClock.case_id == made[1].id, CaseClock.name == "handle")
            .values(due_at=now + timedelta(minutes=40), warn_at=now - timedelta(minutes=20))
        )
    view = MyCasesView(lambda: session.my_case_rows(rt, ctx), settings, SystemClock())
    view.resize(1100, 300)
    view.show()
    settle(lambda: view.model.rowCount() == len(made))
    save(view, "my_cases")
    view.close()

    from console.cases import follow_up
    from ui.cases.case_view import CaseView

    repair = rt.run(ctx, cases.dispatch, made[1].id, "REPAIR", made[1].version, "")
    repair = rt.run(
        ctx,
        cases.record_department,
        repair.id,
        "acknowledged",
        repair.version,
        "维修部已接单,师傅15:00前到",
    )
    rt.run(ctx, follow_up.department_done, repair.id, repair.version, "更换表头,客户确认走字正常")
    case_view = CaseView(lambda fn, *a: rt.run(ctx, fn, *a), ctx, repair.id, settings)
    case_view.show()
    settle(lambda: case_view.detail is not None and not case_view.busy)
    save(case_view, "case_view")
    case_view.close()

    complaint = made[0]  # GS 2.2.6: a complaint's clocks never wait on the customer
    boss = rt.login("2001", PASSWORD, "A-08")
    review = CaseView(lambda fn, *a: rt.run(boss, fn, *a), boss, complaint.id, settings)
    review.show()
    settle(lambda: review.detail is not None and not review.busy)
    review.new_owner.setText("1002")
    review.note.setText("1003 调岗,转交 1002 跟进")
    save(review, "case_view_supervisor")
    review.close()

    from console.content.holiday_calendar import HolidayCalendar
    from console.core.clock import SystemClock as Now
    from ui.cases.callback_desk import CallbackDesk

    desk = CallbackDesk(
        lambda fn, *a, **k: rt.run(ctx, fn, *a, **k),
        lambda: ctx,
        settings,
        Now(),
        HolidayCalendar.load(),
    )
    desk.resize(900, 420)
    desk.show()
    desk.claim()
    settle(lambda: desk.item is not None)
    save(desk, "callbacks")
    desk.close()


def shift_shots(rt: Runtime, settings: Settings) -> None:
    """The shift tab at the end of a shift, and the wall board over the demo floor."""
    import uuid

    from console.content import shift_rules
    from console.shift import shift
    from ui.shift.shift_desk import ShiftDesk
    from ui.shift.wall_board import WallBoard

    with rt.unit(admin="screenshots") as s:
        agents.add_agent(s, None, "1008", "刘洋", Role.AGENT, PASSWORD, datetime.now(UTC))
    ctx = rt.login("1008", PASSWORD, "A-12")
    answers = [
        shift.CheckAnswer(i.code, i.code != "headset", "右耳有杂音" if i.code == "headset" else "")
        for i in shift_rules.shipped().checklist
    ]
    rt.run(ctx, shift.sign_in, str(uuid.uuid4()), answers)
    desk = ShiftDesk(lambda fn, *a, **k: rt.run(ctx, fn, *a, **k), ctx, settings)
    desk.resize(1280, 720)
    desk.show()
    for code, (ok, note) in desk.items.items():
        ok.setChecked(code != "headset")
        if code == "headset":
            note.setText("右耳有杂音")
    desk.compile()
    settle(lambda: not desk.busy and bool(desk.summary.toPlainText()))
    desk.notes.setPlainText("阳光小区停气通知已发,明早回访未接通的3户")
    save(desk, "shift_desk")
    desk.close()
    rt.run(
        ctx,
        shift.hand_over,
        str(uuid.uuid4()),
        "查询进度已承诺半小时内回电",
        zone=desk.zone,
    )

    from datetime import timedelta

    from console.cases import cases
    from console.core.clock import SystemClock
    from console.people import delegation
    from ui.shift.supervisor_board import SupervisorBoard

    with rt.unit(admin="screenshots") as s:
        agents.add_agent(s, None, "2002", "周静", Role.SUPERVISOR, PASSWORD, datetime.now(UTC))
    boss = rt.login("2002", PASSWORD, "A-01")
    now = rt.run(ctx, lambda s, _c: unit.db_now(s))
    rt.run(ctx, delegation.request, "1003", now + timedelta(hours=4), "王芳外出,代理回访")
    c = rt.run(ctx, cases.open_case, cases.new_case_id(), "repair", "阳光小区3-2-1502 灶具漏气")
    rt.run(ctx, cases.request_transfer, c.id, "1001", "本人下班,转张敏跟进", c.version)
    view = SupervisorBoard(
        lambda fn, *a, **k: rt.run(boss, fn, *a, **k),
        lambda: session.board(rt, boss, settings.timezone),
        settings,
        SystemClock(),
    )
    view.resize(1366, 800)
    view.show()
    settle(lambda: view.snapshot is not None and not view.busy)
    save(view, "supervisor_board")
    view.close()

    from ui.printing.reports_dialog import ReportsDialog

    reports = ReportsDialog(lambda fn, *a, **k: rt.run(boss, fn, *a, **k), boss, settings)
    reports.kind.setCurrentIndex(reports.kind.findData("call_log"))
    reports.resize(1000, 820)
    reports.show()
    reports.preview()
    settle(lambda: not reports.busy and reports.pages_layout.count() > 0)
    save(reports, "reports_dialog")
    reports.close()

    from console.campaigns import campaigns
    from console.content.holiday_calendar import HolidayCalendar
    from ui.campaigns.campaign_desk import CampaignDesk

    campaign = rt.run(
        boss,
        campaigns.create,
        str(uuid.uuid4()),
        "emergency",
        "泰山花园抢修停气",
        "燃气管道抢修",
        [campaigns.AreaNode("泰山花园")],
        restore_expected_at=now + timedelta(hours=5),
    )
    for _ in range(3):
        t = rt.run(ctx, campaigns.claim_next, campaign.id)
        if t is not None:
            rt.run(ctx, campaigns.record_result, campaign.id, t.customer_id, "notified")
    calls = CampaignDesk(
        lambda fn, *a, **k: rt.run(ctx, fn, *a, **k),
        lambda: ctx,
        settings,
        SystemClock(),
        HolidayCalendar.load(),
    )
    calls.resize(1100, 640)
    calls.show()
    settle(lambda: calls.list.count() > 0)
    calls.claim()
    settle(lambda: calls.target is not None)
    save(calls, "campaign_desk")
    calls.timer.stop()
    calls.close()

    from ui.content.knowledge_panel import KnowledgePanel

    kb = KnowledgePanel(lambda fn, *a, **k: rt.run(ctx, fn, *a, **k), settings)
    kb.resize(1000, 520)
    kb.show()
    kb.query.setText("报装")
    kb.search()
    settle(lambda: kb.results.count() > 0)
    save(kb, "knowledge_panel")
    kb.close()

    board = WallBoard(lambda: session.board(rt, None, settings.timezone), settings)
    board.resize(1600, 900)
    board.show()
    settle(lambda: board.board is not None)
    save(board, "wall_board")
    board.timer.stop()
    board.close()


def admin_shots(rt: Runtime, settings: Settings) -> None:
    """The administrator's dialogs: people and seats, and the content editor."""
    from console.content import content
    from console.content.content import DIALOGUE
    from ui.content.content_editor import ContentEditor
    from ui.people.admin_people import AdminPeopleDialog

    with rt.unit(admin="screenshots") as s:
        agents.add_agent(s, None, "9009", "王强", Role.ADMIN, PASSWORD, datetime.now(UTC))
    ctx = rt.login("9009", PASSWORD, "A-02")
    run = lambda fn, *a, **k: rt.run(ctx, fn, *a, **k)  # noqa: E731
    people = AdminPeopleDialog(run, ctx, settings=settings)
    people.show()
    people.resize(1000, 560)
    settle(lambda: people.agents_model.rowCount() > 0)
    save(people, "admin_people")
    people.close()

    editor = ContentEditor(run, settings)
    editor.show()
    editor.resize(1180, 760)
    settle(lambda: editor.draft is not None)
    old = content.shipped().get(DIALOGUE).line("opening.company").text
    editor.editor.setPlainText(DIALOGUE.shipped_text().replace(old, "您好,欢迎致电{company}", 1))
    editor.check()
    settle(lambda: not editor.busy)
    editor.note.setText("开场白加“欢迎致电”")
    editor.resize(1180, 760)
    save(editor, "content_editor")
    broken = DIALOGUE.shipped_text().replace('"{job_no}号', '"{agent_number}号', 1)
    editor.editor.setPlainText(broken)
    editor.check()
    settle(lambda: not editor.busy)
    editor.resize(1180, 760)
    save(editor, "content_editor_error")
    editor.close()


def main() -> None:
    app = QApplication(sys.argv)
    translators = i18n.install(app, "zh_CN")
    style.apply(app)
    settings = Settings(seat="A-07", heartbeat_seconds=3600)
    rt = open_runtime(None)
    with rt.unit(admin="screenshots") as s:
        agents.add_agent(s, None, "1001", "张敏", Role.AGENT, PASSWORD, datetime.now(UTC))

    login = LoginDialog(settings, rt)
    login.show()
    save(login, "login")

    login.job_no.setText("1001")
    login.password.setText("wrong-password")
    login.submit()
    settle(lambda: not login.busy)
    save(login, "login_error")

    result: list[session.SignedIn] = []
    login.signed_in.connect(result.append)
    login.password.setText(PASSWORD)
    login.submit()
    settle(lambda: bool(result))

    change = ChangePasswordDialog(settings, rt, result[0].context, mandatory=True)
    change.show()
    change.old.setText(PASSWORD)
    change.new.setText("Calm#Shift42")
    change.repeat.setText("Calm#Shift4")
    change.submit()
    settle(lambda: not change.busy)
    save(change, "change_password_error")
    change.close()

    window = MainWindow(settings, rt, result[0])
    window.resize(1180, 760)
    window.show()
    window.note.setText("来电 13905381234,户号 3701-0042-1187,反映燃气表不走字")
    save(window, "main_window")

    live = rt.db
    from sqlalchemy import create_engine  # only to point at a port nobody listens on

    from db.engine import Database

    rt.db = Database(create_engine("postgresql+psycopg://nobody@127.0.0.1:1/nowhere"))
    window.heartbeat.retry_delays_ms = (60_000,)
    window.heartbeat.beat_now()
    settle(lambda: not window.heartbeat.db_ok)
    save(window, "main_window_db_lost")
    rt.db = live
    window.heartbeat.retry_now()
    settle(lambda: window.heartbeat.db_ok)

    window.lock_now()
    window.overlay.password.setText("wrong")
    window.overlay.submit()
    settle(lambda: not window.overlay.busy)
    save(window, "lock_screen")

    window._done = True
    window.close()
    call_log_shot(rt, settings)
    call_screen_shots(rt)
    my_cases_shot(rt, settings)
    shift_shots(rt, settings)
    admin_shots(rt, settings)
    i18n.remove(app, translators)
    rt.close()


if __name__ == "__main__":
    main()
