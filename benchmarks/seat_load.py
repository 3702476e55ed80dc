"""Many seats on one PostgreSQL server (issue 19 item 7): P processes × T threads, each
thread one seat signed in through the console's own services, doing what a seat does.

    .venv/bin/python benchmarks/seat_load.py [--processes P] [--threads T] [--minutes M]
        [--speed K] [--customers N] [--callbacks N] [--supervisors-per-process N]

Each seat thread has its own engine (one backend per seat, as each console has) and

* signs in at a registered seat (the proof is computed before the start, as each seat's
  own PC would: 2 cores hashing 200 argon2 proofs would measure the client, not the
  server), all seats at the same moment (a shift starting), and goes 就绪;
* renews its lease every 5 s (``auth.heartbeat``) and polls the line every 300 ms (the
  simulator's ``SimulatedSwitch.poll``, as the switchboard does);
* takes a call every 30–60 s: the simulator rings (``telephony.send_ring``), the poll
  picks it up, the pop unit (``calls.start_call`` + ``screen_pop.pop``) runs, the agent
  answers, the form is autosaved every 5 s (``call_desk.sync``), the caller hangs up and
  wrap-up is finished (``call_desk.sync`` closing the record);
* after each call claims an item of the shared callback list and records its result;
* the supervisors (one per process by default) refresh the board every 30 s;
* at the end all seats sign out at once (a shift change).

``--speed K`` divides every interval except the line's 300 ms poll by K: a run of minutes
covers K times as much of a shift, at K times the call rate. Figures: p50 / p95 / p99 ms
per operation, operations per second, errors, the server's CPU seconds per call (the
postmaster's and its backends' user+system time from /proc; pg_stat_statements for the
statements' own time) and double claims of callback items (must be 0).

The server is started for the run (``tests/pgserver.py``'s binaries) with durable
settings (fsync and synchronous_commit on, as a centre runs it), pg_stat_statements, and
SCRAM passwords for the seats' login role.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import random
import sys
import threading
import time
import traceback
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, insert, make_url, text  # noqa: E402

ZONE = ZoneInfo("Asia/Shanghai")
PASSWORD = "Load@2026-seat"
SEAT_ROLE = "seat_load"
SEAT_ROLE_PASSWORD = "seat-load-password"
POLL_SECONDS = 0.3  # the switchboard's poll of the line (ui/switchboard.py)


def say(msg: str) -> None:
    print(msg, flush=True)


# --- the server ------------------------------------------------------------------------------


def start_server(max_connections: int) -> Any:
    """A durable PostgreSQL for the run, with pg_stat_statements and SCRAM for seats."""
    from tests.pgserver import PgServer, _bin

    class LoadServer(PgServer):
        def start(self) -> LoadServer:
            import shutil

            if self._as_root:
                shutil.chown(self.dir, "postgres")
            data = self.dir / "data"
            self._run(
                _bin("initdb"), "-D", str(data), "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"
            )
            (data / "pg_hba.conf").write_text(
                "local all all trust\n"
                "host all postgres 127.0.0.1/32 trust\n"
                "host all all 127.0.0.1/32 scram-sha-256\n",
                encoding="utf-8",
            )
            opts = (
                f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 "
                f"-c max_connections={max_connections} -c shared_buffers=256MB "
                "-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all"
            )
            self._run(
                _bin("pg_ctl"),
                "-D",
                str(data),
                "-w",
                "-l",
                str(self.dir / "log"),
                "-o",
                opts,
                "start",
            )
            return self

    return LoadServer().start()


def server_cpu_seconds(data_dir: Path) -> float:
    """User+system CPU of the postmaster, its live children and the children it reaped."""
    tick = os.sysconf("SC_CLK_TCK")
    postmaster = int((data_dir / "postmaster.pid").read_text().split()[0])
    total = 0.0
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        ppid = int(fields[1])
        if int(pid) == postmaster:
            total += sum(int(x) for x in fields[11:15]) / tick  # utime stime cutime cstime
        elif ppid == postmaster:
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


# --- the data --------------------------------------------------------------------------------


def job_no(i: int) -> str:
    return f"5{i:04d}"


def seat_code(i: int) -> str:
    return f"L-{i:04d}"


def prepare(admin_url: str, args: argparse.Namespace, n_seats: int, n_supervisors: int) -> str:
    """Schema, demo data, the seats' agents and registered seats, the callback list."""
    from cli import demo
    from console.app.runtime import Runtime
    from console.core.clock import SystemClock
    from console.core.identity import Role
    from console.people import agents, seats
    from db import migrate
    from db.engine import Database, make_engine
    from db.models import Callback

    engine = make_engine(admin_url, use_keyring=False)
    migrate.upgrade(engine)
    with engine.begin() as c:
        c.execute(text("CREATE EXTENSION IF NOT EXISTS pg_stat_statements"))
        c.execute(
            text(
                f"CREATE ROLE {SEAT_ROLE} LOGIN PASSWORD '{SEAT_ROLE_PASSWORD}' "
                "IN ROLE agent_console_seat"
            )
        )
    rt = Runtime(Database(engine), SystemClock())
    demo.load(rt, customers=args.customers)
    owner = rt.login("1001", demo.DEMO_PASSWORD, demo.SEATS[0][0])
    with rt.unit(admin="seat-load") as s:
        for i in range(n_seats):
            role = Role.SUPERVISOR if i < n_supervisors else Role.AGENT
            agents.add_agent(s, None, job_no(i), f"负载{i}", role, PASSWORD, rt.clock.now())
            seats.add_seat(s, None, seat_code(i), f"负载测试 {i} 号工位")
        # Signing in with a temporary password is allowed; no change asked here.
        s.execute(text("UPDATE agents SET must_change_password = false WHERE job_no LIKE '5%'"))
    # The shared callback list: due items, many of them (the claim must not sort them all).
    with engine.begin() as c:
        now = c.execute(text("SELECT now()")).scalar_one()
        rows = [
            {
                "id": str(uuid.uuid4()),
                "reason": "inquiry_sample",
                "phone": f"138{i:08d}",
                "due_at": now - timedelta(minutes=i % 600),
                "created_at": now - timedelta(days=1),
                "attempts": 0,
                "job_no": "1001",
                "session_id": owner.session_id,
            }
            for i in range(args.callbacks)
        ]
        for start in range(0, len(rows), 5000):
            c.execute(insert(Callback), rows[start : start + 5000])
        c.execute(text("ANALYZE"))
    phones = demo_phones(engine)
    rt.close()
    url = make_url(admin_url).set(username=SEAT_ROLE, password=SEAT_ROLE_PASSWORD)
    with open(Path(os.environ["SEAT_LOAD_DIR"]) / "phones.txt", "w", encoding="utf-8") as f:
        f.write("\n".join(phones))
    return url.render_as_string(hide_password=False)


def demo_phones(engine: Any) -> list[str]:
    with engine.connect() as c:
        return [
            r[0]
            for r in c.execute(
                text("SELECT phone FROM customers WHERE phone IS NOT NULL ORDER BY id LIMIT 2000")
            )
        ]


# --- one seat ----------------------------------------------------------------------------


@dataclass
class Figures:
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    first_error: dict[str, str] = field(default_factory=dict)
    claimed: list[str] = field(default_factory=list)
    completed: list[str] = field(default_factory=list)
    calls: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def timed(self, op: str, fn: Any, *a: Any, **kw: Any) -> Any:
        t = time.perf_counter()
        try:
            out = fn(*a, **kw)
        except Exception as e:  # counted and named, the seat goes on as a console would
            with self.lock:
                self.errors[op] += 1
                self.first_error.setdefault(op, f"{type(e).__name__}: {str(e)[:300]}")
            return None
        ms = (time.perf_counter() - t) * 1000
        with self.lock:
            self.times[op].append(ms)
        return out


class Seat:
    def __init__(self, i: int, url: str, speed: float, figures: Figures, phones: list[str]):
        from console.app.runtime import Runtime
        from console.core.clock import SystemClock
        from db.engine import Database, make_engine

        self.i = i
        self.job_no = job_no(i)
        self.seat = seat_code(i)
        self.speed = speed
        self.f = figures
        self.phones = phones
        self.random = random.Random(i)
        self.rt = Runtime(Database(make_engine(url, use_keyring=False)), SystemClock())
        self.ctx: Any = None
        self.proof = b""
        self.switch: Any = None
        self.next_beat = 0.0

    def prepare_proof(self) -> None:
        from console.people import auth, passwords

        with self.rt.unit() as s:
            challenge = auth.challenge(s, self.job_no)
        self.proof = passwords.proof(PASSWORD, challenge)
        self.rt.close()  # the seat connects afresh at the start, with the others

    def sign_in(self) -> bool:
        from console.people import auth

        def login() -> Any:
            with self.rt.unit() as s:
                auth.challenge(s, self.job_no)
            with self.rt.unit() as s:
                attempt = auth.login(s, self.job_no, self.proof, self.seat, auth.new_token())
            return attempt.context_or_raise(self.seat)

        self.ctx = self.f.timed("sign-in", login)
        return self.ctx is not None

    def wait(self, seconds: float, until: float) -> bool:
        """The idle seat: heartbeats and the line's poll until ``seconds`` have passed.
        Returns the first ring seen, if any was; False when the run is over."""
        end = min(time.monotonic() + seconds, until)
        while time.monotonic() < end:
            self.beat()
            t = time.monotonic()
            self.f.timed("line poll", self.switch.poll)
            time.sleep(max(0.0, POLL_SECONDS - (time.monotonic() - t)))
        return time.monotonic() < until

    def beat(self) -> None:
        from console.people import auth

        if time.monotonic() >= self.next_beat:
            self.f.timed("heartbeat", self.rt.run, self.ctx, auth.heartbeat)
            self.next_beat = time.monotonic() + 5 / self.speed

    def ring_until_popped(self, until: float) -> Any:
        """The simulator rings this seat; the seat's poll finds it; the pop unit runs."""
        from console.calls import calls, screen_pop
        from console.telephony import telephony

        number = self.random.choice(self.phones)
        t0 = time.perf_counter()
        ref = self.f.timed(
            "ring (simulator)", telephony.send_ring, self.rt.db.engine, self.seat, number
        )
        if ref is None:
            return None
        while time.monotonic() < until:
            self.beat()
            events = self.f.timed("line poll", self.switch.poll) or []
            rung = [e for e in events if getattr(e, "ref", None) == ref]
            if rung:
                break
            time.sleep(POLL_SECONDS)
        else:
            return None

        def pop() -> Any:
            with self.rt.unit(self.ctx) as s:
                calls.start_call(
                    s, self.ctx, ref, number, "inbound", "phone", self.rt.db_clock.now()
                )
                return screen_pop.pop(s, self.ctx, number, ref)

        popped = self.f.timed("pop unit", pop)
        if popped is None:
            return None
        with self.f.lock:
            self.f.times["ring → pop"].append((time.perf_counter() - t0) * 1000)
        return ref, number

    def call(self, until: float) -> None:
        from console.calls import call_desk
        from console.core.vocabulary import EndedBy

        cycle = self.random.uniform(30, 60) / self.speed
        started = time.monotonic()
        rung = self.ring_until_popped(until)
        if rung is None:
            return
        ref, number = rung
        active = call_desk.ActiveCall.ring(ref, number, clock=self.rt.db_clock)
        snap = active.snapshot()
        rec = self.f.timed("autosave", self.rt.run, self.ctx, call_desk.sync, snap)
        if rec is not None:
            active.synced(snap, rec)
        active.flow.answer()
        talk_end = started + 0.6 * cycle
        n = 0
        while time.monotonic() < min(talk_end, until):
            self.wait(min(5 / self.speed, talk_end - time.monotonic()), until)
            n += 1
            active.edit(notes=f"客户来电咨询,第 {n} 段记录。" * 3, intent="inquiry")
            snap = active.snapshot()
            rec = self.f.timed("autosave", self.rt.run, self.ctx, call_desk.sync, snap)
            if rec is not None:
                active.synced(snap, rec)
        active.hang_up(EndedBy.CALLER)
        active.flow.finish_wrap_up()
        snap = active.snapshot()
        rec = self.f.timed("wrap-up", self.rt.run, self.ctx, call_desk.sync, snap)
        if rec is not None:
            with self.f.lock:
                self.f.calls += 1
        self.callback()
        self.wait(max(0.0, started + cycle - time.monotonic()), until)

    def callback(self) -> None:
        from console.cases import callbacks

        item = self.f.timed("callback claim", self.rt.run, self.ctx, callbacks.claim_next)
        if item is None:
            return
        with self.f.lock:
            self.f.claimed.append(item.id)
        done = self.f.timed(
            "callback result", self.rt.run, self.ctx, callbacks.record_result, item.id, "satisfied"
        )
        if done is not None:
            with self.f.lock:
                self.f.completed.append(item.id)

    def supervise(self, until: float) -> None:
        from console.shift import board

        def refresh() -> Any:
            with self.rt.snapshot(self.ctx) as s:
                return board.board(s, self.ctx, zone=ZONE)

        first = True
        while time.monotonic() < until:
            self.f.timed("board (first)" if first else "board", refresh)
            first = False
            self.wait(30 / self.speed, until)

    def run(self, start_at: float, until: float, supervisor: bool) -> None:
        from console.core.vocabulary import AgentState
        from console.shift import states
        from console.telephony.telephony import SimulatedSwitch

        time.sleep(max(0.0, start_at - time.time()))
        if not self.sign_in():
            return
        self.switch = SimulatedSwitch(self.rt.db.engine, self.seat, self.rt.db_clock)
        self.f.timed("state", self.rt.run, self.ctx, states.set_state, AgentState.READY)
        # Seats do not all ring in the same second.
        self.wait(self.random.uniform(0, 30 / self.speed), until)
        try:
            if supervisor:
                self.supervise(until)
            else:
                while time.monotonic() < until:
                    self.call(until)
        except Exception:
            with self.f.lock:
                self.f.errors["seat died"] += 1
                self.f.first_error.setdefault("seat died", traceback.format_exc()[-600:])

    def sign_out(self, at: float) -> None:
        from console.people import auth

        time.sleep(max(0.0, at - time.time()))
        if self.ctx is not None:
            self.f.timed("sign-out", self.rt.run, self.ctx, auth.logout)
        self.rt.close()


def worker(
    p: int, threads: int, url: str, args: dict[str, Any], n_supervisors: int, q: Any, go: Any
) -> None:
    sys.path.insert(0, str(ROOT))
    if args["connect_attempts"]:
        from db import engine

        engine.CONNECT_ATTEMPTS = args["connect_attempts"]
    phones = Path(os.environ["SEAT_LOAD_DIR"], "phones.txt").read_text().split()
    f = Figures()
    seats = [Seat(p * threads + t, url, args["speed"], f, phones) for t in range(threads)]
    for s in seats:
        s.prepare_proof()
    q.put(("ready", p))
    start_at, until_wall, sign_out_at = go.get()
    until = time.monotonic() + (until_wall - time.time())
    pool = [
        threading.Thread(target=s.run, args=(start_at, until, s.i < n_supervisors), daemon=True)
        for s in seats
    ]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    outs = [threading.Thread(target=s.sign_out, args=(sign_out_at,)) for s in seats]
    for t in outs:
        t.start()
    for t in outs:
        t.join()
    q.put(
        (
            "figures",
            {
                "times": dict(f.times),
                "errors": dict(f.errors),
                "first_error": f.first_error,
                "claimed": f.claimed,
                "completed": f.completed,
                "calls": f.calls,
            },
        )
    )


# --- the run ---------------------------------------------------------------------------------


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))]


def statements(admin_url: str, top: int = 8) -> list[tuple[str, int, float, float]]:
    engine = create_engine(admin_url)
    with engine.connect() as c:
        rows = c.execute(
            text(
                "SELECT query, calls, total_exec_time, mean_exec_time FROM pg_stat_statements "
                "WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                "ORDER BY total_exec_time DESC LIMIT :n"
            ),
            {"n": top},
        ).all()
        total = c.execute(
            text(
                "SELECT coalesce(sum(total_exec_time), 0) FROM pg_stat_statements WHERE toplevel "
                "AND dbid = (SELECT oid FROM pg_database WHERE datname = current_database())"
            )
        ).scalar_one()
    engine.dispose()
    out = [(" ".join(q.split())[:110], n, t, m) for q, n, t, m in rows]
    out.insert(0, ("(all statements)", 0, float(total), 0.0))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--threads", type=int, default=50)
    ap.add_argument("--minutes", type=float, default=2.0)
    ap.add_argument("--speed", type=float, default=1.0)
    ap.add_argument("--customers", type=int, default=20_000)
    ap.add_argument("--callbacks", type=int, default=50_000)
    ap.add_argument("--supervisors-per-process", type=int, default=1)
    ap.add_argument("--max-connections", type=int, default=400)
    ap.add_argument(
        "--connect-attempts",
        type=int,
        help="db.engine.CONNECT_ATTEMPTS for the seats (1: no retry, as before revision 0025)",
    )
    args = ap.parse_args()
    n_seats = args.processes * args.threads
    n_supervisors = args.supervisors_per_process * args.processes
    import tempfile

    os.environ["SEAT_LOAD_DIR"] = tempfile.mkdtemp(prefix="ac-seat-load-")
    server = start_server(args.max_connections)
    try:
        admin = server.url()
        admin_engine = create_engine(admin, isolation_level="AUTOCOMMIT")
        with admin_engine.connect() as c:
            c.execute(text("CREATE DATABASE seat_load"))
        admin_engine.dispose()
        admin = server.url("seat_load")
        t = time.perf_counter()
        url = prepare(admin, args, n_seats, n_supervisors)
        say(
            f"data: {args.customers:,} customers, {args.callbacks:,} due callback items, "
            f"{n_seats} seats ({n_supervisors} supervisors) = {args.processes} processes × "
            f"{args.threads} threads; prepared in {time.perf_counter() - t:.0f} s"
        )
        ctx = mp.get_context("spawn")
        q = ctx.Queue()
        gos = [ctx.Queue() for _ in range(args.processes)]
        procs = [
            ctx.Process(
                target=worker,
                args=(p, args.threads, url, vars(args), n_supervisors, q, gos[p]),
            )
            for p in range(args.processes)
        ]
        for pr in procs:
            pr.start()
        for _ in procs:
            q.get()
        say(f"proofs computed; load before the run: {os.getloadavg()}")
        with create_engine(admin).begin() as c:
            c.execute(text("SELECT pg_stat_statements_reset()"))
        cpu0 = server_cpu_seconds(server.dir / "data")
        start_at = time.time() + 2
        until = start_at + args.minutes * 60
        sign_out_at = until + 5
        for g in gos:
            g.put((start_at, until, sign_out_at))
        results = [q.get()[1] for _ in procs]
        for pr in procs:
            pr.join()
        wall = time.time() - start_at
        cpu = server_cpu_seconds(server.dir / "data") - cpu0
        load = os.getloadavg()
        report(args, results, wall, cpu, load, statements(admin))
    finally:
        server.stop()
    return 0


def report(
    args: argparse.Namespace,
    results: list[dict[str, Any]],
    wall: float,
    cpu: float,
    load: tuple[float, float, float],
    stmts: list[tuple[str, int, float, float]],
) -> None:
    times: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    first: dict[str, str] = {}
    claimed: list[str] = []
    completed: list[str] = []
    calls = 0
    for r in results:
        for op, xs in r["times"].items():
            times[op].extend(xs)
        for op, n in r["errors"].items():
            errors[op] += n
        for op, e in r["first_error"].items():
            first.setdefault(op, e)
        claimed.extend(r["claimed"])
        completed.extend(r["completed"])
        calls += r["calls"]
    say(
        f"\n{args.processes}×{args.threads} seats, speed ×{args.speed:g}, {wall:.0f} s "
        f"(with sign-out); load average at the end {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
    )
    say(
        f"{'operation':<18}{'n':>7}{'ops/s':>8}{'p50':>9}{'p95':>9}{'p99':>9}{'max':>9}{'errors':>8}"
    )
    for op in sorted(set(times) | set(errors)):
        xs = times.get(op, [])
        if xs:
            say(
                f"{op:<18}{len(xs):>7}{len(xs) / wall:>8.1f}{pct(xs, 0.5):>9.1f}"
                f"{pct(xs, 0.95):>9.1f}{pct(xs, 0.99):>9.1f}{max(xs):>9.1f}{errors.get(op, 0):>8}"
            )
        else:
            say(f"{op:<18}{0:>7}{'':>8}{'':>9}{'':>9}{'':>9}{'':>9}{errors.get(op, 0):>8}")
    # An item claimed again is a dead seat's claim taken over (its lease lapsed: R3.8),
    # and that seat's result is then refused. Two results for one item would be two
    # seats holding it at once: that must never happen.
    again = len(claimed) - len(set(claimed))
    doubles = len(completed) - len(set(completed))
    say(
        f"calls finished {calls}; callback items claimed {len(claimed)}, completed "
        f"{len(completed)}; claimed again after a lapsed lease {again}; "
        f"double claims (one item completed twice) {doubles}"
    )
    say(
        f"server CPU {cpu:.1f} s = {100 * cpu / wall:.0f} % of one core; "
        f"{cpu / max(calls, 1):.3f} s per call"
    )
    total = stmts[0][2] / 1000
    say(
        f"statement time (pg_stat_statements, top-level) {total:.1f} s,"
        f" {total / max(calls, 1):.3f} s per call; the heaviest, nested ones too:"
    )
    for q, n, t, m in stmts[1:]:
        say(
            f"  {t / 1000:7.2f} s {100 * t / 1000 / max(total, 1e-9):4.0f} %"
            f" {n:>7} × {m:6.2f} ms  {q}"
        )
    for op, e in first.items():
        say(f"first error in {op}: {e}")


if __name__ == "__main__":
    raise SystemExit(main())
