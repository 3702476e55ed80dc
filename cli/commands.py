"""The command-line front end: administration, demo data, audit verification, and the
call simulator (``ring``, ``hang-up``)."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from functools import partial

from sqlalchemy.engine import URL

from cli import demo
from console.app.logs import start_logging
from console.app.runtime import Runtime
from console.app.startup import open_runtime
from console.core import audit
from console.core.checks import check_job_no
from console.core.errors import UserFacingError
from console.core.identity import Role
from console.core.messages import describe, render
from console.core.settings import Settings, SettingsWarning
from console.core.vocabulary import PrintAction, SeatCode
from console.people import agents

PROGRESS = {
    "schema.upgrading": "正在升级数据库结构 {current} → {head} … / Upgrading the database schema",
    "schema.upgraded": "数据库结构已是最新版本 {head}。/ The schema is at {head}.",
}


def say(message_id: str, params: dict[str, object]) -> None:
    print(PROGRESS[message_id].format(**params), file=sys.stderr)


# The commands that act at this seat: only they care what the seat is called.
SEAT_COMMANDS = ("ring", "hang-up")
# The commands that run as the database's owner (administration, demo data, the sweep).
OWNER_COMMANDS = ("demo", "agent", "seat", "audit", "sla", "knowledge", "content")


def _creates_database(args: argparse.Namespace) -> bool:
    """Only these make an embedded database that is not there: a typo elsewhere must not
    start an empty one."""
    return bool(args.command == "demo" or (args.command == "db" and args.db_command == "upgrade"))


def dispatch(
    args: argparse.Namespace,
    url: str | None,
    settings: Settings,
    read_password: Callable[[bool], str],
    warnings: Sequence[SettingsWarning] = (),
) -> int:
    logs = start_logging("cli", stderr_format="%(message)s")
    try:
        for w in warnings:
            if w.key != "seat" or args.command in SEAT_COMMANDS:
                print(describe(w, settings.language, settings.timezone), file=sys.stderr)
        return _dispatch(args, url, settings, read_password)
    finally:
        logs.stop()


def _dispatch(
    args: argparse.Namespace,
    url: str | None,
    settings: Settings,
    read_password: Callable[[bool], str],
) -> int:
    try:
        if args.command == "db" and args.db_command == "set-password":
            return _set_db_password(args.url)
        if args.command == "server":  # makes the database it then opens
            from cli import server

            return server.run(args, url, read_password, say)
        rt = open_runtime(url, say=say, create=_creates_database(args))
        try:
            if args.command in OWNER_COMMANDS and (role := rt.db.owner_or_role()) is not None:
                raise UserFacingError("cli.owner_needed", role=role)
            return _run(rt, args, settings, read_password)
        finally:
            rt.close()
    except UserFacingError as e:
        print(describe(e, settings.language, settings.timezone), file=sys.stderr)
        return 2


def _run(
    rt: Runtime,
    args: argparse.Namespace,
    settings: Settings,
    read_password: Callable[[bool], str],
) -> int:
    admin = "cli"
    if args.command == "db":  # upgrade: open_runtime already did it
        return 0
    if args.command == "demo":
        summary = demo.load(
            rt,
            customers=args.customers,
            seed=args.seed,
            progress=print,
            calls=getattr(args, "calls", 0),
            here=settings.seat,
        )
        given = {"--db": args.db, "--seat": args.seat}  # repeated in the hints it prints
        options = [part for flag, value in given.items() if value for part in (flag, value)]
        print(demo.login_help(summary, options))
        return 0
    if args.command == "agent":
        return _agent_command(rt, args, read_password)
    if args.command == "seat":
        return _seat_command(rt, args)
    if args.command == "audit":
        return _audit_verify(rt, args.head, admin)
    if args.command == "sla":  # sweep: the only sla command
        from console.campaigns import campaigns
        from console.cases import sla_sweep

        with rt.unit(admin="sla-sweep") as s:
            result = sla_sweep.sweep(s, None)
            notices = campaigns.sweep(s, None)
        print(
            f"时限预警 {len(result.warned)} 项,超时升级 {len(result.escalated)} 项 / "
            f"warned {len(result.warned)}, escalated {len(result.escalated)}"
        )
        print(
            f"停气通知预警 {len(notices.warned)} 项,升级 {len(notices.escalated)} 项 / "
            f"outage notices warned {len(notices.warned)}, escalated {len(notices.escalated)}"
        )
        return 0
    if args.command == "calendar":  # status: the only calendar command
        return _calendar_status(rt, args, settings)
    if args.command in ("ring", "hang-up"):
        return _simulate_call(rt, args, settings.seat)
    if args.command == "report":
        return _report(rt, args, settings)
    if args.command == "quality":  # draw: the only quality command
        return _quality_draw(rt, args, settings)
    if args.command == "knowledge":
        from pathlib import Path

        from console.content import knowledge

        with rt.unit(admin=admin) as s:
            if args.knowledge_command == "import":
                n = knowledge.import_articles(s, None, Path(args.file))
            else:
                n = knowledge.export_articles(s, None, Path(args.file))
        print(f"{n} 条 / articles: {args.file}")
        return 0
    if args.command == "content":
        return _content(rt, args, admin)
    raise AssertionError(args.command)


def _audit_verify(rt: Runtime, heads: list[str], admin: str) -> int:
    """``audit verify [--head ENTRY:HASH …]``: the chain, the heads the print registry
    holds, and heads read off printed pages."""
    printed = []
    for given in heads:
        entry, _, digest = "".join(given.split()).partition(":")
        if not entry.isdigit() or len(digest) != 64:
            raise UserFacingError("input.invalid", field="--head")
        printed.append(audit.PrintedHead(audit.Head(int(entry), digest.lower()), "--head"))
    with rt.unit(admin=admin) as s:
        report = audit.verify(s, printed)
    if report.intact:
        print(f"审计链完整 / audit chain intact: {report.entries} entries")
        print(f"打印件审计链头核对 / printed heads checked: {report.heads_checked}")
        print(f"head {report.head_hash}")
        return 0
    if report.missing_head is not None:
        where = report.missing_head.printed_on
        print(
            f"报表 {where} 所载审计链头第 {report.broken_id} 条与审计链不符或已不在链中"
            f"(审计记录被改动或删除)/ the audit head printed on {where}, entry "
            f"{report.broken_id}, does not match the chain or is no longer in it: "
            f"{report.problem} ({report.entries} entries verified)"
        )
        return 1
    print(
        f"审计链在第 {report.broken_id} 条断开 / audit chain broken at entry "
        f"{report.broken_id}: "
        f"{report.problem} ({report.entries} entries before it verified)"
    )
    return 1


def _calendar_status(rt: Runtime, args: argparse.Namespace, settings: Settings) -> int:
    """``calendar status``: the years whose official holiday schedule is known, and exit
    1 when the next 60 days reach a year whose schedule is not (cron monitoring)."""
    from datetime import date, datetime

    from console.content.holiday_calendar import WARN_DAYS_AHEAD

    calendar = rt.content.calendar(settings.timezone)
    if args.on:
        try:
            today = date.fromisoformat(args.on)
        except ValueError:
            raise UserFacingError("input.invalid", field="--on") from None
    else:
        today = datetime.now(calendar.zone).date()
    known = sorted(calendar.known_years())
    print(f"已知节假日安排的年份 / years known: {_year_ranges(known)}")
    missing = calendar.unknown_years_ahead(today)
    if not missing:
        print(
            f"{today.isoformat()} 起 {WARN_DAYS_AHEAD} 天内无缺失 / none missing in the next days"
        )
        return 0
    years = "、".join(str(y) for y in missing)
    print(
        f"缺少 {years} 年的国务院节假日安排:该年的工作日时限为暂定,请管理员录入 / "
        f"the official holiday schedule of {years} is not entered: working-day deadlines "
        "in it are provisional until an administrator enters it"
    )
    return 1


def _year_ranges(years: list[int]) -> str:
    """2004–2026, 2028: consecutive years joined."""
    parts: list[str] = []
    for y in years:
        if parts and parts[-1].split("–")[-1] == str(y - 1):
            parts[-1] = parts[-1].split("–")[0] + f"–{y}"
        else:
            parts.append(str(y))
    return ", ".join(parts) or "-"


def _content(rt: Runtime, args: argparse.Namespace, admin: str) -> int:
    """``content export|import FILE``: scripts, lists, policies and departments, moved
    from a test installation to production."""
    from pathlib import Path

    from console.content import content_versions

    path = Path(args.file)
    if args.content_command == "export":
        with rt.unit(admin=admin) as s:
            path.write_text(content_versions.export_bundle(s), encoding="utf-8")
        print(f"已导出 / exported: {path}")
        return 0
    text = path.read_text(encoding="utf-8")
    with rt.unit(admin=admin) as s:
        saved = content_versions.import_bundle(s, None, text, path.name)
    print(f"已导入 / imported: {', '.join(saved) or '-'}")
    return 0


def _agent_command(
    rt: Runtime, args: argparse.Namespace, read_password: Callable[[bool], str]
) -> int:
    """``agent add|passwd|unlock|edit|disable|enable|list``, as a command-line
    administrator (audited as ``admin:`` and the database role on PostgreSQL, or
    ``admin:cli`` on the embedded file, with the operating-system user and host)."""
    cmd = args.agent_command
    now = rt.clock.now
    if cmd == "list":
        with rt.unit(admin="cli") as s:
            rows = agents.list_agents(s, None, now())
        for a in rows:
            state = (
                "locked" if a.locked_until else ("online@" + a.online_seat if a.online_seat else "")
            )
            status = "active" if a.active else "disabled"
            print(f"{a.job_no}\t{a.name}\t{a.role.value}\t{status}\t{state}")
        return 0
    # Checked before a password is asked; a new full-width 工号 is saved in ASCII, said so.
    job_no = check_job_no(args.job_no)
    if cmd == "add" and job_no != args.job_no.strip():
        made_ascii = _bilingual("job_no.made_ascii", given=args.job_no.strip(), job_no=job_no)
        print(made_ascii, file=sys.stderr)
    if cmd in ("add", "passwd"):
        password = read_password(args.password_stdin)
        with rt.unit(admin="cli") as s:
            if cmd == "add":
                agents.add_agent(s, None, job_no, args.name, Role(args.role), password, now())
            else:
                agents.reset_password(s, None, job_no, password, now())
        print(
            f"完成:工号 {job_no} 首次登录须修改密码。/ Done: {job_no} must change "
            "the password at first login."
        )
        return 0
    with rt.unit(admin="cli") as s:
        if cmd == "unlock":
            agents.unlock(s, None, job_no)
            changed = True
        elif cmd == "edit":
            role = Role(args.role) if args.role is not None else None
            changed = agents.edit_agent(s, None, job_no, args.name, role)
        elif cmd == "disable":
            changed = agents.disable_agent(s, None, job_no, args.reason)
        else:
            changed = agents.enable_agent(s, None, job_no, args.reason or "")
    verb = {
        "unlock": "已解锁 / unlocked",
        "edit": "已修改 / edited",
        "disable": "已停用 / disabled",
    }
    done = verb.get(cmd, "已启用 / enabled")
    print(f"{done}: {job_no}" if changed else f"未改动 / unchanged: {job_no}")
    return 0


def _seat_command(rt: Runtime, args: argparse.Namespace) -> int:
    """``seat add|edit|disable|enable|list``: the register of workstations."""
    from console.people import seats

    cmd = args.seat_command
    with rt.unit(admin="cli") as s:
        if cmd == "list":
            for seat in seats.list_seats(s, None):
                status = "active" if seat.active else "disabled"
                online = f"online:{seat.online_job_no}" if seat.online_job_no else ""
                role = f"db_role:{seat.db_role}" if seat.db_role else ""
                print("\t".join((seat.code, seat.location, status, online, role)).rstrip())
            return 0
        if cmd == "add":
            seats.add_seat(s, None, args.code, args.location, args.db_role)
            changed = True
        elif cmd == "edit":
            if args.location is None and args.db_role is None:
                raise UserFacingError("seat.edit_nothing")
            changed = False
            code = SeatCode(args.code)
            if args.location is not None:
                changed = seats.edit_seat(s, None, code, args.location)
            if args.db_role is not None:
                changed = seats.set_seat_role(s, None, code, args.db_role) or changed
        elif cmd == "disable":
            changed = seats.disable_seat(s, None, SeatCode(args.code), args.reason)
        else:
            changed = seats.enable_seat(s, None, SeatCode(args.code), args.reason or "")
    print(f"完成 / done: {args.code}" if changed else f"未改动 / unchanged: {args.code}")
    return 0


# The filter a report kind cannot do without (printing.REPORTS), as its flag.
REPORT_FLAGS = {"case_no": "--case", "handover_id": "--handover", "campaign_id": "--campaign"}


def _report(rt: Runtime, args: argparse.Namespace, settings: Settings) -> int:
    """``report KIND … -o FILE``: sign in as ``--as``, produce, register, sign out."""
    import getpass
    from datetime import date, datetime, time, timedelta
    from pathlib import Path
    from zoneinfo import ZoneInfo

    from console.people import auth
    from console.printing import printing

    zone = ZoneInfo(settings.timezone)

    def day(flag: str, text: str | None, default: date) -> date:
        if text is None:
            return default
        try:
            return date.fromisoformat(text)
        except ValueError as e:
            raise UserFacingError("input.invalid", field=flag) from e

    rule = printing.REPORTS[args.kind]
    flag = REPORT_FLAGS.get(rule.requires or "")
    if flag is not None and not args.reprint and not getattr(args, flag[2:]):
        raise UserFacingError("input.required", field=flag)
    first = day("--since", args.since, datetime.now(zone).date())
    last = day("--until", args.until, first)
    req = printing.ReportRequest(
        args.kind,
        since=datetime.combine(first, time(), zone) if rule.period else None,
        until=datetime.combine(last + timedelta(days=1), time(), zone) if rule.period else None,
        job_no=args.agent,
        case_no=args.case,
        handover_id=args.handover,
        campaign_id=args.campaign,
    )
    password = (
        sys.stdin.readline().rstrip("\n")
        if args.password_stdin
        else getpass.getpass("密码 / Password: ")
    )
    # At this workstation's seat, which must be registered like any other.
    ctx = rt.login(args.job_no, password, SeatCode(settings.seat))
    try:
        run = partial(rt.run, ctx)
        out = Path(args.output)
        if args.reprint:
            done = printing.reprint(
                run, args.reprint, out, zone=zone, action=PrintAction.EXPORT, kind=args.kind
            )
        else:
            done = printing.produce(run, req, out, zone=zone, action=PrintAction.EXPORT)
    finally:
        rt.run(ctx, auth.logout)
    copy = f" (副本 / copy of {done.copy_of})" if done.copy_of else ""
    print(f"{done.serial}\t{done.pages}\t{out}{copy}")
    return 0


def _quality_draw(rt: Runtime, args: argparse.Namespace, settings: Settings) -> int:
    """``quality draw --as JOB_NO [--day D]``: sign in, draw the day's calls, sign out."""
    import getpass
    from datetime import date, datetime, timedelta
    from zoneinfo import ZoneInfo

    from console.people import auth
    from console.quality import reviews

    zone = ZoneInfo(settings.timezone)
    try:
        day = (
            date.fromisoformat(args.day)
            if args.day
            else datetime.now(zone).date() - timedelta(days=1)
        )
    except ValueError as e:
        raise UserFacingError("input.invalid", field="day") from e
    password = (
        sys.stdin.readline().rstrip("\n")
        if args.password_stdin
        else getpass.getpass("密码 / Password: ")
    )
    # At this workstation's seat, which must be registered like any other.
    ctx = rt.login(args.job_no, password, SeatCode(settings.seat))
    try:
        drawn = rt.run(ctx, reviews.draw, day, zone)
    finally:
        rt.run(ctx, auth.logout)
    for item in drawn.added:
        print(f"{item.agent_job_no}\t{item.reason.value}\t{item.call_id}")
    print(f"{day.isoformat()}: 抽取 {len(drawn.added)} 通 / drew {len(drawn.added)} calls")
    return 0


def _bilingual(message_id: str, **params: object) -> str:
    return " / ".join(render(message_id, params, lang) for lang in ("zh_CN", "en"))


def _simulate_call(rt: Runtime, args: argparse.Namespace, seat: str) -> int:
    """``ring`` and ``hang-up``: the call ref on stdout (for scripts), the sentence on
    stderr."""
    from console.telephony import telephony

    if args.command == "ring":
        ref = telephony.send_ring(rt.db, seat, args.number)
        number = args.number or _bilingual("switch.withheld")
        print(ref, flush=True)
        print(_bilingual("switch.rang", seat=seat, number=number, ref=ref), file=sys.stderr)
        if args.hang_up_after is None:
            return 0
        time.sleep(max(0.0, args.hang_up_after))
        hung: str | None = telephony.send_caller_hang_up(rt.db, seat, ref)
    else:
        hung = telephony.send_caller_hang_up(rt.db, seat, args.ref)
        if hung is None:
            print(_bilingual("switch.no_call", seat=seat), file=sys.stderr)
            return 1
        print(hung, flush=True)
    print(_bilingual("switch.hung_up", seat=seat, ref=hung), file=sys.stderr)
    return 0


def _set_db_password(url: str) -> int:
    import getpass

    from console.app.startup import check_url
    from db.engine import KeyringUnavailable, keyring_probe, store_db_password

    given = check_url(url)
    if given.password is not None:  # the keyring is for URLs without one
        raise UserFacingError("db.url_has_password")
    password = (
        getpass.getpass("数据库密码 / Database password: ")
        if sys.stdin.isatty()
        else sys.stdin.readline().rstrip("\n")
    )
    if not password:
        raise UserFacingError("db.password_empty")
    try:
        keyring_probe()  # no keyring: say so before asking the server
        _check_db_password(given, password)  # a mistyped password is not stored
        store_db_password(url, password)
    except KeyringUnavailable as e:
        raise UserFacingError("db.keyring_unavailable", detail=str(e)) from e
    print("已存入系统密钥环 / Stored in the OS keyring.")
    return 0


def _check_db_password(given: URL, password: str) -> None:
    """Connect to the server with ``password``; a refusal says why (wrong password,
    server not reachable) as at start-up."""
    from sqlalchemy import exc

    from console.app.startup import connection_refused
    from db.engine import make_engine

    if given.get_backend_name() != "postgresql":
        return  # the keyring serves PostgreSQL only; an embedded file has no password
    with_password = given.set(password=password).render_as_string(hide_password=False)
    engine = make_engine(with_password, use_keyring=False)
    try:
        with engine.connect():
            pass
    except exc.OperationalError as e:
        raise connection_refused(e, given) from e
    finally:
        engine.dispose()
