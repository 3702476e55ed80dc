"""The command line's grammar: every command, its flags and its help, in one place.

    agent-console                       start the console
    agent-console demo [--customers N] [--calls N]  create/upgrade the database, load demo data
    agent-console db upgrade            apply schema migrations
    agent-console db set-password URL   store the shared database's password in the OS keyring
    agent-console agent add|passwd|unlock|edit|disable|enable|list
    agent-console seat add|edit|disable|enable|list
    agent-console audit verify          check the audit chain
    agent-console sla sweep             warn and escalate due cases (cron)
    agent-console server init|backup    set up / back up the shared PostgreSQL (cli/server.py)
    agent-console calendar status       the holiday years known; exit 1 if one is due (cron)
    agent-console report KIND --as JOB_NO -o FILE.pdf
    agent-console knowledge|content import|export FILE.yaml
    agent-console board [--window]      the shift board for the wall display
    agent-console ring --seat S --from N    call simulator: ring seat S
    agent-console hang-up --seat S          call simulator: the caller hangs up

Every command accepts ``--db URL`` (default: the embedded SQLite file).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from console.core.vocabulary import ReportKind, Role


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="agent-console", description="Agent Console 坐席控制台")
    p.add_argument("--db", metavar="URL", help="database URL (default: embedded SQLite file)")
    p.add_argument("--seat", help="this workstation's seat name (default: from settings)")
    sub = p.add_subparsers(dest="command")

    demo = sub.add_parser("demo", help="create or upgrade the database and load demo data")
    demo.add_argument("--customers", type=int, default=2000, metavar="N")
    demo.add_argument(
        "--calls",
        type=int,
        default=2000,
        metavar="N",
        help="history calls over the last 90 days for the call log (topped up to N)",
    )
    demo.add_argument("--seed", type=int, default=8619612)

    db = sub.add_parser("db", help="database administration")
    dbsub = db.add_subparsers(dest="db_command", required=True)
    dbsub.add_parser("upgrade", help="apply schema migrations")
    sp = dbsub.add_parser("set-password", help="store the database password in the OS keyring")
    sp.add_argument("url", help="postgresql://USER@HOST:PORT/DB (no password in it)")

    agent = sub.add_parser("agent", help="agents and their job numbers (工号)")
    asub = agent.add_subparsers(dest="agent_command", required=True)
    add = asub.add_parser("add", help="add an agent with a temporary password")
    add.add_argument("job_no")
    add.add_argument("name")
    add.add_argument("--role", choices=[r.value for r in Role], default=Role.AGENT.value)
    for name in ("passwd", "unlock"):
        a = asub.add_parser(name, help=f"{name} an agent's job number")
        a.add_argument("job_no")
    asub.add_parser("list", help="list agents")
    for a in (add, asub.choices["passwd"]):
        a.add_argument(
            "--password-stdin", action="store_true", help="read the temporary password from stdin"
        )
    edit = asub.add_parser("edit", help="change an agent's name or role")
    edit.add_argument("job_no")
    edit.add_argument("--name")
    edit.add_argument("--role", choices=[r.value for r in Role])
    disable = asub.add_parser("disable", help="disable a job number (ends its open session)")
    disable.add_argument("job_no")
    disable.add_argument("--reason", required=True)
    enable = asub.add_parser("enable", help="re-enable a disabled job number")
    enable.add_argument("job_no")
    enable.add_argument("--reason", default="")

    seat = sub.add_parser("seat", help="the register of seats (坐席)")
    ssub = seat.add_subparsers(dest="seat_command", required=True)
    ssub.add_parser("list", help="list seats")
    for name, text in (
        ("add", "add a seat (sign-in happens only at a registered seat)"),
        ("edit", "change a seat's location or database role"),
    ):
        a = ssub.add_parser(name, help=text)
        a.add_argument("code")
        a.add_argument("--location", default="" if name == "add" else None)
        a.add_argument(
            "--db-role",
            metavar="ROLE",
            help="PostgreSQL: the database role that may sign in at this seat (its own "
            "login role, or one role for the whole center; default: any seat login)",
        )
    sdis = ssub.add_parser("disable", help="take a seat out of service")
    sdis.add_argument("code")
    sdis.add_argument("--reason", required=True)
    sen = ssub.add_parser("enable", help="put a seat back in service")
    sen.add_argument("code")
    sen.add_argument("--reason", default="")

    audit = sub.add_parser("audit", help="the audit trail")
    ausub = audit.add_subparsers(dest="audit_command", required=True)
    verify = ausub.add_parser(
        "verify",
        help="check the hash chain and the heads printed reports carry; exit 1 naming "
        "the first bad entry",
        description="Walks the audit chain and checks it still holds the head (entry and "
        "hash) of every report in the print registry; --head adds one read off a "
        "printed page (its footer: 审计链头:第 N 条 HASH).",
    )
    verify.add_argument(
        "--head",
        action="append",
        default=[],
        metavar="ENTRY:HASH",
        help="a head from a printed page's footer (repeatable)",
    )
    sla = sub.add_parser("sla", help="SLA clocks of cases (R3.3)")
    slasub = sla.add_subparsers(dest="sla_command", required=True)
    sweep = slasub.add_parser(
        "sweep",
        help="warn and escalate due cases now (runs without any console; for cron)",
        description="Warn clocks near due and escalate overdue cases to the duty manager, "
        "by the database clock. Idempotent; safe while consoles sweep too. Prints counts.",
    )
    sweep.add_argument("--db", metavar="URL", default=argparse.SUPPRESS, help="database URL")
    _add_server_commands(sub)
    cal = sub.add_parser("calendar", help="the working-day calendar (holidays, make-up workdays)")
    calsub = cal.add_subparsers(dest="calendar_command", required=True)
    status = calsub.add_parser(
        "status",
        help="the years whose holiday schedule is known; exit 1 if the next 60 days reach "
        "a year whose schedule is not (for cron monitoring)",
        description="Prints the years whose official holiday schedule the console knows "
        "(the chinese-calendar package and the administrators' overrides) and the years "
        "starting within 60 days that it does not: their working-day deadlines are "
        "provisional until an administrator enters the schedule. Exit status 0 when none, "
        "1 when there is such a year.",
    )
    status.add_argument("--on", metavar="YYYY-MM-DD", help="check as of this day (default today)")
    status.add_argument("--db", metavar="URL", default=argparse.SUPPRESS, help="database URL")
    _add_simulator_commands(sub)
    return p


def _add_server_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    server = sub.add_parser("server", help="set up and back up the shared PostgreSQL")
    ssub = server.add_subparsers(dest="server_command", required=True)
    init = ssub.add_parser(
        "init",
        help="database, schema, first administrator and one login role per seat; idempotent",
        description="Run with the schema owner's URL (--db postgresql://OWNER@HOST/DB). "
        "Creates what is missing and leaves what exists, then prints what each seat needs.",
    )
    init.add_argument(
        "--seats", type=Path, metavar="FILE", help="one seat per line: ROLE [SEAT [LOCATION]]"
    )
    init.add_argument("--admin", metavar="JOB_NO", help="the first administrator's job number")
    init.add_argument("--admin-name", metavar="NAME", default="管理员")
    init.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the administrator's temporary password from stdin",
    )
    init.add_argument(
        "--seat-host",
        metavar="HOST[:PORT]",
        help="the database's address as the seats reach it (default: the --db host, or "
        "this machine's name when --db is local)",
    )
    init.add_argument(
        "--new-passwords",
        action="store_true",
        help="give the listed seat roles that exist a new password too",
    )
    backup = ssub.add_parser(
        "backup",
        help="pg_dump the shared database into DIR and keep the newest N dumps",
    )
    backup.add_argument("--dir", type=Path, required=True, metavar="DIR")
    backup.add_argument("--keep", type=int, default=14, metavar="N")
    backup.add_argument("--pg-dump", default="pg_dump", metavar="PATH", help="pg_dump to run")
    for cmd in (init, backup):
        cmd.add_argument("--db", metavar="URL", default=argparse.SUPPRESS, help="owner's URL")


def _add_simulator_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The call simulator (console/telephony/telephony.py): ring a seat, or hang up as the
    caller."""
    rung_only = (
        " Only a seat that takes calls is rung: someone signed in and ready (not 未就绪,"
        " 小休 or locked); otherwise the command says why (exit 1). A ring not picked up"
        " is dropped as stale after 2 minutes."
    )
    report = sub.add_parser(
        "report",
        help="produce a report as PDF, registered in the print registry (R6.5)",
        description="Signs in as --as at this workstation's seat (--seat, or the seat "
        "setting; a registered seat) with the password asked (or --password-stdin), "
        "builds the report, registers it and signs out. Dates are local; --until is "
        "inclusive.",
    )
    report.add_argument("kind", choices=[k.value for k in ReportKind])
    report.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    report.add_argument("--as", dest="job_no", required=True, metavar="JOB_NO")
    report.add_argument("--password-stdin", action="store_true")
    report.add_argument("--since", metavar="YYYY-MM-DD", help="first day (default: today)")
    report.add_argument("--until", metavar="YYYY-MM-DD", help="last day (default: --since)")
    report.add_argument("--agent", metavar="JOB_NO", help="call log of one agent")
    report.add_argument("--case", metavar="CASE_NO", help="the case number, e.g. G2026-00123")
    report.add_argument("--handover", metavar="HANDOVER_ID")
    report.add_argument("--campaign", metavar="CAMPAIGN_ID")
    report.add_argument(
        "--reprint",
        metavar="SERIAL",
        help="a copy of a registered report of this KIND (another kind is refused)",
    )
    report.add_argument("--db", metavar="URL", default=argparse.SUPPRESS, help="database URL")
    quality = sub.add_parser("quality", help="quality inspection (质检)")
    qsub = quality.add_subparsers(dest="quality_command", required=True)
    draw = qsub.add_parser(
        "draw",
        help="draw a day's calls for review (for cron; the supervisor's tab does it too)",
        description="Signs in as --as, a supervisor (password asked, or --password-stdin), "
        "draws the calls of --day (default: yesterday) by the sampling policy and signs "
        "out. Reproducible: drawing a day again adds nothing. Prints what was drawn.",
    )
    draw.add_argument("--as", dest="job_no", required=True, metavar="JOB_NO")
    draw.add_argument("--password-stdin", action="store_true")
    draw.add_argument(
        "--day", metavar="YYYY-MM-DD", help="the day whose calls (default: yesterday)"
    )
    draw.add_argument("--db", metavar="URL", default=argparse.SUPPRESS, help="database URL")
    kb = sub.add_parser("knowledge", help="the knowledge panel's answers (R2.17)")
    kbsub = kb.add_subparsers(dest="knowledge_command", required=True)
    for name, what in (
        ("import", "validate a YAML file and upsert its answers by slug"),
        ("export", "write every answer to a YAML file"),
    ):
        k = kbsub.add_parser(name, help=what)
        k.add_argument("file", metavar="FILE.yaml")
    co = sub.add_parser("content", help="scripts, lists, policies and departments")
    cosub = co.add_subparsers(dest="content_command", required=True)
    for name, what in (
        ("export", "write the content in force and the departments to a YAML file"),
        ("import", "validate a file from export and save what differs as new versions"),
    ):
        c = cosub.add_parser(name, help=what)
        c.add_argument("file", metavar="FILE.yaml")
    board = sub.add_parser(
        "board", help="the shift board for the wall display (full screen, no login)"
    )
    board.add_argument("--window", action="store_true", help="in a window, not full screen")
    board.add_argument("--db", metavar="URL", default=argparse.SUPPRESS, help="database URL")
    ring = sub.add_parser(
        "ring",
        help="simulate an incoming call to a seat's running console; prints the call ref",
        description="Ring SEAT's console through the shared database (works across "
        "processes and machines). Prints the call ref on stdout." + rung_only,
    )
    hang = sub.add_parser(
        "hang-up",
        help="simulate the caller hanging up",
        description="The caller of REF (default: the seat's latest call) hangs up.",
    )
    for cmd in (ring, hang):
        # Also accepted after the command name; SUPPRESS keeps a value given before it.
        cmd.add_argument("--db", metavar="URL", default=argparse.SUPPRESS, help="database URL")
        cmd.add_argument(
            "--seat", default=argparse.SUPPRESS, help="the seat (default: this workstation's)"
        )
    ring.add_argument(
        "--from", dest="number", metavar="NUMBER", help="caller number (omit: withheld)"
    )
    ring.add_argument(
        "--hang-up-after",
        type=float,
        metavar="SECONDS",
        default=None,
        help="then hang up as the caller after SECONDS",
    )
    hang.add_argument("--ref", default=None, help="the call ref printed by ring")


def read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("临时密码 / Temporary password: ")
    if getpass.getpass("再次输入 / Again: ") != first:
        raise SystemExit("两次输入不一致 / The two entries differ.")
    return first
