"""An agent's shift, end to end, driven only by keys and clicks on the whole console
(issue 16): sign in, the pre-shift check, ready, a complaint call from the keyboard, a
callback, an outage notice, the call log printed to a PDF file and to a printer, the
handover, sign out. After each step the database is asked what it holds, and a
screenshot is saved (under the test's tmp dir; ``SHIFT_SHOTS=dir`` keeps them).

``scripts/test`` runs this file a second time in a real X server (Xvfb).
"""

from __future__ import annotations

import os
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QCheckBox, QLineEdit, QListWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from console.app.runtime import Runtime
from console.campaigns import campaigns
from console.cases import callbacks
from console.core.identity import Role
from console.people import auth
from console.telephony import telephony
from db.models import (
    AgentSession,
    Call,
    Callback,
    CampaignTarget,
    Case,
    Handover,
    PrintRecord,
    ShiftCheck,
)
from tests.conftest import PASSWORD, AgentFactory
from tests.helpers import customer
from tests.ui.conftest import NEW_PASSWORD, save_file_as, when_modal
from tests.ui.driver import Driver
from ui.app.app import Console
from ui.people.login import LoginDialog
from ui.people.password import ChangePasswordDialog

NUMBER = "13912341234"


def _one(admin_rt: Runtime, query: object) -> list[object]:
    with admin_rt.unit(admin="test") as s:
        return list(s.execute(query).scalars())  # type: ignore[call-overload]


def _prepare(admin_rt: Runtime, rt: Runtime, make_agent: AgentFactory) -> tuple[str, str]:
    """The day's work waiting for the agent: a callback due and an outage campaign."""
    with admin_rt.unit(admin="test") as s:
        s.add(customer(1, "13912340001", id=1, building="12", unit="1"))
        s.add(customer(2, "13912340002", id=2, building="15", unit="2"))
    make_agent("1001", name="张敏")
    make_agent("2001", Role.SUPERVISOR, name="李强")
    boss = rt.login("2001", PASSWORD, "坐席09")
    callback_id = str(uuid.uuid4())
    rt.run(
        boss,
        callbacks.add,
        callback_id,
        "reschedule",
        datetime.now(UTC) - timedelta(minutes=5),
        customer_id=2,
        phone="13912340002",
    )
    campaign_id = str(uuid.uuid4())
    rt.run(
        boss,
        campaigns.create,
        campaign_id,
        "emergency",
        "12号楼抢修停气",
        "燃气管道抢修",
        [campaigns.AreaNode("泰山花园", "12")],
        restore_expected_at=datetime.now(UTC) + timedelta(hours=4),
    )
    rt.run(boss, auth.logout)
    return callback_id, campaign_id


def test_an_agents_shift_by_keys_and_clicks(
    qtbot: QtBot,
    console: Console,
    rt: Runtime,
    admin_rt: Runtime,
    make_agent: AgentFactory,
    tmp_path: Path,
) -> None:
    callback_id, campaign_id = _prepare(admin_rt, rt, make_agent)
    shots = Path(os.environ.get("SHIFT_SHOTS") or tmp_path / "shots")
    login = console.login
    assert login is not None
    agent = Driver(qtbot, login, shots)

    # 1. Sign in: job number, Tab, password, Enter.
    agent.activate(login)
    agent.type("1001", agent.find("工号", QLineEdit))
    agent.press("Tab")
    agent.type(PASSWORD)
    agent.shot("login")
    agent.press("Return")
    # The first sign-in asks for a password of the agent's own.
    agent.wait_for(lambda: isinstance(agent.active(), ChangePasswordDialog))
    agent.shot("new-password")
    agent.type(PASSWORD)
    agent.press("Tab")
    agent.type(NEW_PASSWORD)
    agent.press("Tab")
    agent.type(NEW_PASSWORD)
    agent.press("Return")
    agent.wait_for(lambda: console.window is not None and console.window.isVisible())
    w = console.window
    assert w is not None
    agent.window = w
    agent.activate()
    (session,) = _one(admin_rt, select(AgentSession).where(AgentSession.ended_at.is_(None)))
    assert session.job_no == "1001"  # type: ignore[attr-defined]
    agent.shot("signed-in", w)

    # 2. The pre-shift check (the tab the shift starts on): every item ticked, signed in
    # to the seat, which makes the agent ready.
    for box in [b for b in w.findChildren(QCheckBox) if b.objectName().startswith("check_")]:
        agent.click(box)
    agent.shot("pre-shift-check", w)
    agent.click("签入坐席(I)")
    agent.wait_for(lambda: agent.status("坐席状态") == "状态:就绪")
    (check,) = _one(admin_rt, select(ShiftCheck))
    assert check.failed == 0  # type: ignore[attr-defined]
    agent.shot("ready", w)

    # 3. A complaint call, keyboard only.
    ref = telephony.send_ring(rt.db, console.settings.seat, NUMBER)
    agent.wait_for(lambda: agent.has("接听 (F2)") and agent.find("接听 (F2)").isEnabled())
    agent.shot("ringing", w)
    agent.press("F2")
    agent.wait_for(lambda: agent.focus().accessibleName() == "姓氏")
    agent.type("王")
    agent.press("Tab")
    agent.press("Down", times=2)  # 称谓: 先生
    agent.press("Alt+N")  # 诉求
    agent.press("Down", times=2)  # 投诉
    agent.wait_for(lambda: agent.has("投诉内容"))
    agent.press("Tab")
    agent.type("王先生")
    agent.tab_to("投诉内容")
    agent.type("抄表员态度生硬,要求道歉")
    agent.tab_to("承诺回复时间")
    tomorrow = (datetime.now() + timedelta(days=1)).strftime("%Y-%m-%d 10:00")
    agent.type(tomorrow)
    agent.tab_to("通话备注")
    agent.type("客户情绪激动,已安抚")
    agent.shot("call-filled", w)
    agent.press("F4")
    agent.press("F10")
    agent.wait_for(lambda: _one(admin_rt, select(Call.state).where(Call.id == ref)) == ["done"])
    (case,) = _one(admin_rt, select(Case))
    assert case.kind == "complaint" and case.owner_job_no == "1001"  # type: ignore[attr-defined]
    number = case.case_no  # type: ignore[attr-defined]
    agent.wait_for(lambda: any(number in said for said in _messages(agent)))  # 工单号 said
    agent.wait_for(lambda: agent.status("坐席状态") == "状态:就绪")  # ready for the next
    agent.shot("call-finished", w)

    # 4. A callback: the tab, the next item, the result.
    agent.press("Alt+B")
    agent.press("Ctrl+N")
    agent.wait_for(lambda: agent.has("满意(I)") and agent.find("满意(I)").isEnabled())
    agent.shot("callback-taken", w)
    agent.click("满意(I)")
    agent.wait_for(
        lambda: (
            _one(admin_rt, select(Callback.result).where(Callback.id == callback_id))
            == ["satisfied"]
        )
    )
    agent.shot("callback-done", w)

    # 5. An outage notice: the campaign, the next customer, notified.
    agent.press("Alt+G")
    agent.wait_for(lambda: agent.find("campaigns", QListWidget).count() == 1)
    campaign_list = agent.find("campaigns", QListWidget)
    agent.click_at(
        campaign_list.viewport(), campaign_list.visualItemRect(campaign_list.item(0)).center()
    )
    agent.click("领取下一户(X)")
    agent.wait_for(lambda: agent.has("已通知(N)") and agent.find("已通知(N)").isEnabled())
    agent.shot("notice-taken", w)
    agent.click("已通知(N)")
    agent.wait_for(
        lambda: (
            _one(
                admin_rt,
                select(CampaignTarget.status).where(
                    CampaignTarget.campaign_id == campaign_id, CampaignTarget.customer_id == 1
                ),
            )
            == ["notified"]
        )
    )
    agent.shot("notice-done", w)

    # 6. The call log printed: Ctrl+P, saved as a PDF file, then to a (PDF) printer.
    agent.press("Ctrl+P")
    _print_call_log(agent, admin_rt, tmp_path)

    # 7. The handover.
    agent.activate()
    agent.press("Alt+T")
    agent.wait_for(lambda: agent.find("生成交接班记录(U)").isEnabled())
    agent.click("生成交接班记录(U)")
    agent.wait_for(lambda: "投诉" in agent.text_of("系统汇总的内容"))
    agent.type("泰山花园12号楼停气已通知一户", agent.find("交班备注"))
    agent.shot("handover", w)
    agent.click("提交交班(N)")
    agent.wait_for(lambda: len(_one(admin_rt, select(Handover))) == 1)
    agent.shot("handed-over", w)

    # 8. Sign out: the login dialog again, the session closed.
    agent.press("Ctrl+Shift+Q")
    again = agent.wait_for_window(LoginDialog)
    agent.wait_for(
        lambda: _one(admin_rt, select(AgentSession).where(AgentSession.ended_at.is_(None))) == []
    )
    agent.shot("signed-out", again)


def _messages(agent: Driver) -> list[str]:
    from PySide6.QtWidgets import QLabel

    from tests.ui.driver import visible_widgets

    return [x.text() for x in visible_widgets(agent.window, QLabel) if x.objectName() == "message"]


def _print_call_log(agent: Driver, admin_rt: Runtime, tmp_path: Path) -> None:
    """The file and print dialogs run their own event loop inside the click that opens
    them: what the agent types into them is set up to happen once they show."""
    from ui.printing.reports_dialog import ReportsDialog

    dialog = agent.wait_for_window(ReportsDialog)
    agent.shot("reports-dialog", dialog)
    out = tmp_path / "call-log.pdf"  # (QTest presses only the keys a keyboard has)
    save_file_as(agent.qtbot, out)  # types the name into the file dialog, clicks Save
    agent.click("另存为 PDF(S)…", dialog)
    agent.wait_for(lambda: out.exists() and len(_one(admin_rt, select(PrintRecord))) == 1, 60_000)
    agent.activate(dialog)
    printed = tmp_path / "printer.pdf"

    def print_to_file(printing: QPrintDialog) -> None:
        name = printing.findChild(QLineEdit, "filename")
        assert name is not None and name.isVisible()  # no printer here: a PDF file
        name.selectAll()
        agent.qtbot.keyClicks(name, str(printed))
        agent.click("打印(P)", printing)

    when_modal(QPrintDialog, print_to_file)
    agent.click("打印(P)…", dialog)
    agent.wait_for(
        lambda: printed.exists() and len(_one(admin_rt, select(PrintRecord))) == 2, 60_000
    )
    actions = sorted(r.action for r in _one(admin_rt, select(PrintRecord)))  # type: ignore[attr-defined]
    assert actions == ["export", "print"]
    agent.activate(dialog)
    agent.shot("printed", dialog)
    agent.press("Escape")
    agent.wait_for(lambda: not dialog.isVisible())
