"""Demo data: job numbers of every role, departments, seats and realistic customers.

``python main.py demo [--customers N] [--seed S]`` runs ``load``. The caller has already
created or upgraded the schema (``open_runtime``). Running it again is safe:

* agents, departments and seats that exist are left as they are (an existing demo
  agent keeps whatever password it has now);
* customers are *topped up*: with C customers already there, ``--customers N`` adds
  customers number C+1 … N and nothing when C ≥ N. Customer number i is a function of
  the seed and i alone (inspection dates count back from the day of the load), so
  ``demo --customers 2000`` followed by ``demo --customers 1000000`` gives the same
  customers as one ``demo --customers 1000000``. If another data set already uses
  those account numbers, no customers are added (and the output says so).

* history calls (``--calls N``, for the call log) are topped up the same way: N calls
  of the demo agents spread over the last 90 days, stamped with one closed "history"
  session per job number, a mix of intents, verification outcomes and compliance
  scores, bulk-inserted like the customers. Each callback call among them is the done
  callback of an earlier complaint or repair case of that customer (closed, with its
  timeline and clocks) or of an inquiry (``cli/demo_cases.py``), so the callback log,
  the KPIs and the complaint register show what the call log shows.

Demo agents may sign in with ``DEMO_PASSWORD`` straight away: unlike agents created
with ``agent add``, they are not made to change it at the first login.

Addresses are stored as bare numbers (building "12", unit "3", room "301"); shown as
``泰山花园12号楼3单元301室``. Phone numbers are stored as the caller ID arrives: 11 digit
mobiles and Tai'an landlines with the area code (``05388123456``); about 3 % of the
customers have none.
"""

from __future__ import annotations

import hashlib
import random
import shlex
import time
import uuid
from bisect import bisect
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache
from itertools import accumulate, islice
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from cli import demo_cases
from console.app.runtime import Runtime
from console.content import knowledge
from console.core import audit
from console.core.errors import UserFacingError
from console.core.identity import Role
from console.core.vocabulary import (
    AccountType,
    CallChannel,
    CallDirection,
    CallState,
    EndedBy,
    Gender,
    Intent,
    SeatCode,
    Title,
    Verification,
)
from console.customers.customers import INSPECTION_INTERVAL_DAYS
from console.people import agents, seats
from db.bulk import insert_customers
from db.models import Agent, AgentSession, Call, Customer, Department, Seat

DEMO_PASSWORD = "Demo@2026"
DEFAULT_SEED = 8619612
LOCAL_ZONE = ZoneInfo("Asia/Shanghai")


@dataclass(frozen=True)
class DemoAgent:
    job_no: str
    name: str
    role: Role
    title: str  # 岗位, for the login help


DEMO_AGENTS = (
    DemoAgent("1001", "张敏", Role.AGENT, "坐席 / agent"),
    DemoAgent("1002", "李强", Role.AGENT, "坐席 / agent"),
    DemoAgent("1003", "王芳", Role.AGENT, "坐席 / agent"),
    DemoAgent("2001", "赵刚", Role.SUPERVISOR, "值班经理 / supervisor"),
    DemoAgent("9001", "陈静", Role.ADMIN, "系统管理员 / administrator"),
)

DEPARTMENTS = (
    ("REPAIR", "维修部"),
    ("EMERGENCY", "抢险中心(生产运营部)"),
    ("BUSINESS", "营业厅"),
    ("INSPECTION", "安检部"),
    ("SERVICE", "客服中心"),
    ("ENGINEERING", "工程部"),
)

SEATS = tuple(
    (f"坐席{n:02d}", f"客服中心三楼 {'A' if n <= 4 else 'B'} 区 {n} 号工位") for n in range(1, 9)
)

SPECIAL_GROUPS = ("老年独居", "残疾", "重病", "低保")  # 老弱病残 (GS 2.2.7)


# Loads at least this large (and at least the size of the table) rebuild its indexes.
REBUILD_INDEXES_FROM = 100_000


@dataclass(frozen=True)
class DemoSummary:
    dialect: str
    seed: int
    agents_created: tuple[str, ...]
    agents_existing: tuple[str, ...]
    departments_created: int
    seats_created: int
    customers_added: int
    customers_total: int
    elapsed_seconds: float
    calls_added: int = 0
    calls_total: int = 0
    sample_number: str | None = None  # a demo customer's phone, to ring the console with


def _sample_number(rt: Runtime) -> str | None:
    """A special-group customer's number: the richest card to show in a demo."""
    with rt.unit(admin="demo") as s:
        return s.scalar(
            select(Customer.phone)
            .where(Customer.special_group.is_not(None), Customer.phone.is_not(None))
            .order_by(Customer.id)
            .limit(1)
        )


def load(
    rt: Runtime,
    customers: int = 2000,
    seed: int = DEFAULT_SEED,
    progress: Callable[[str], None] = lambda _msg: None,
    calls: int = 0,
    here: str | None = None,
) -> DemoSummary:
    """Load the demo data as a command-line administrator (the schema owner). ``here``:
    this workstation's seat, registered too so that the demo console can sign in."""
    if customers < 0 or calls < 0:
        raise ValueError("customers and calls must be >= 0")
    started = time.perf_counter()
    with rt.unit(admin="demo") as s:
        if rt.dialect == "postgresql" and not s.scalar(
            text("SELECT has_table_privilege('customers', 'INSERT')")
        ):
            # A seat's login role: only the schema owner may load customers.
            raise UserFacingError("role.denied", needed="数据库所有者 / database owner (--db)")
        created, existing = _agents(s, rt.clock.now())
        departments = _missing(s, Department, DEPARTMENTS)
        here_seat = ((here, "本机 / this workstation"),) if here else ()
        seats_created = _seats(s, SEATS + here_seat)
        # The knowledge panel's answers (R2.17); a re-run replaces them by slug.
        knowledge.import_articles(s, None, knowledge.shipped_path(), by="demo")
    for job_no in existing:
        progress(f"工号 {job_no} 已存在,未改动。/ Job number {job_no} exists; left as it is.")
    added, total = _customers(rt, customers, seed, progress)
    calls_added, calls_total = _history_calls(rt, calls, seed, progress) if calls else (0, 0)
    return DemoSummary(
        dialect=rt.dialect,
        seed=seed,
        agents_created=created,
        agents_existing=existing,
        departments_created=departments,
        seats_created=seats_created,
        customers_added=added,
        customers_total=total,
        elapsed_seconds=time.perf_counter() - started,
        calls_added=calls_added,
        calls_total=calls_total,
        sample_number=_sample_number(rt),
    )


def login_help(summary: DemoSummary, options: Sequence[str] = ()) -> str:
    """What the demo prints; ``options`` are the global flags it was run with (``--db``,
    ``--seat``), repeated in the commands it suggests so that they reach the same
    database and seat."""
    lines = [
        f"演示数据已就绪:客户 {summary.customers_total} 户"
        f"(本次新增 {summary.customers_added}),用时 {summary.elapsed_seconds:.1f} 秒。",
        f"Demo data ready: {summary.customers_total} customers "
        f"({summary.customers_added} added) in {summary.elapsed_seconds:.1f} s.",
        f"历史通话 / History calls: {summary.calls_total}(本次新增 / added {summary.calls_added})",
        "",
        "演示工号 / Demo job numbers:",
    ]
    for a in DEMO_AGENTS:
        note = ""
        if a.job_no in summary.agents_existing:
            note = "  (已存在,密码未重置 / existed, password not reset)"
        lines.append(f"  {a.job_no}  {a.name}  {a.title}{note}")
    lines += [
        "",
        f"密码 / Password: {DEMO_PASSWORD}(演示工号首次登录无需改密 / no change required)",
        "仅供演示与培训,切勿用于生产环境。/ For demos and training only, never production.",
    ]
    if summary.sample_number:
        command = shlex.join([".venv/bin/python", "main.py", *options])
        lines += [
            "",
            "模拟来电(在另一个终端执行)/ Ring the console (from another terminal):",
            f"  {command} ring --from {summary.sample_number}",
            f"  {command} hang-up     # 客户挂机 / the caller hangs up",
        ]
    return "\n".join(lines)


# --- agents, departments, seats -------------------------------------------------------


def _agents(s: Session, now: datetime) -> tuple[tuple[str, ...], tuple[str, ...]]:
    have = set(s.scalars(select(Agent.job_no)))
    created: list[str] = []
    existing: list[str] = []
    for a in DEMO_AGENTS:
        if a.job_no in have:
            existing.append(a.job_no)
            continue
        agents.add_agent(s, None, a.job_no, a.name, a.role, DEMO_PASSWORD, now)
        row = s.scalars(select(Agent).where(Agent.job_no == a.job_no)).one()
        row.must_change_password = False  # demo convenience; `agent add` does require it
        created.append(a.job_no)
    if created:
        audit.record(s, "demo.agents_ready", job_nos=created, must_change_password=False)
    return tuple(created), tuple(existing)


def _missing(s: Session, model: type[Department], rows: tuple[tuple[str, str], ...]) -> int:
    have = set(s.scalars(select(model.code)))
    added = 0
    for code, label in rows:
        if code in have:
            continue
        s.add(Department(code=code, name=label))
        added += 1
    return added


def _seats(s: Session, rows: tuple[tuple[str, str], ...]) -> int:
    """Register the seats not registered yet (open to any seat login on PostgreSQL)."""
    have = set(s.scalars(select(Seat.code)))
    added = 0
    for code, location in rows:
        if code not in have:
            seats.add_seat(s, None, SeatCode(code), location)
            have.add(SeatCode(code))
            added += 1
    return added


# --- customers -------------------------------------------------------------------------


def _customers(
    rt: Runtime, wanted: int, seed: int, progress: Callable[[str], None]
) -> tuple[int, int]:
    with rt.unit(admin="demo") as s:
        if rt.dialect == "postgresql":  # two loads at once would pick the same numbers
            s.execute(text("LOCK TABLE customers IN SHARE ROW EXCLUSIVE MODE"))
        have = s.scalar(select(func.count()).select_from(Customer)) or 0
        if have >= wanted:
            progress(f"已有客户 {have} 户,不再新增。/ {have} customers already there; none added.")
            return 0, have
        first, last = account_no(have), account_no(wanted - 1)
        clash = s.scalar(
            select(func.count())
            .select_from(Customer)
            .where(Customer.account_no.between(first, last))
        )
        if clash:
            progress(
                f"户号 {first}…{last} 已被占用,未新增客户。/ Account numbers {first}…{last} "
                "are taken; no customers added."
            )
            return 0, have
        n = wanted - have
        progress(f"正在生成客户 {have + 1}…{wanted} / Generating customers {have + 1}…{wanted}")

        def report(stage: str, count: int) -> None:
            if stage == "rows":
                progress(f"  客户 / customers {have + count}/{wanted}")
            elif stage == "indexes":
                progress(f"  正在重建索引({count} 个)/ Rebuilding {count} indexes")
            else:
                progress("  正在更新统计信息 / Updating statistics")

        today = rt.clock.now().astimezone(LOCAL_ZONE).date()
        added = insert_customers(
            s.connection(),
            generate_customers(seed, have, wanted, today),
            batch=max(1_000, min(100_000, n // 10)),
            on_progress=report,
            # Indexes built once at the end beat a million random insertions.
            rebuild_indexes=n >= REBUILD_INDEXES_FROM and n >= have,
        )
        audit.record(s, "demo.customers_loaded", added=added, seed=seed, total=have + added)
    return added, have + added


def account_no(index: int) -> str:
    """The account number (户号) of demo customer ``index`` (0-based)."""
    return f"TA{1_000_000_001 + index}"  # as generate_customers writes it


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_SURNAMES = (
    "王71 李70 张67 刘54 陈45 杨31 赵23 黄22 吴20 周19 徐15 孙15 马13 朱13 胡13 郭12 何12 "
    "高11 林11 罗9 郑9 梁9 谢8 宋8 唐8 许7 韩7 冯7 邓7 曹7 彭7 曾6 肖6 田6 董6 袁5 潘5 "
    "于5 蒋5 蔡5 余5 杜5 叶5 程5 苏4 魏4 吕4 丁4 任4 沈4 姚4 卢4 姜4 崔4 钟3 谭3 陆3 "
    "汪3 范3 金3 石3 廖3 贾3 夏3 付3 方3 白3 邹3 孟3 熊3 秦3 邱3 江3 尹3 薛2 闫2 段2 "
    "雷2 侯2 龙2 史2 陶2 贺2 顾2 毛2 郝2 龚2 邵2 万2 钱2 武2 戴2 孔2 汤2 庞1 牛1 岳1 "
    "聂1 齐1 焦1 欧阳1 司马1"
)
_MALE_CHARS = (
    "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宁浩凯健俊帆帅旭宇晨博文亮建国庆东海峰林龙志永"
    "春成兵新良德彬立振家泽子轩然豪铭岩坤鹤松柏山川福贵胜利广才"
)
_FEMALE_CHARS = (
    "芳娜敏静丽艳娟霞秀玲桂英红梅兰燕萍莉婷雪琳慧颖洁倩晶欣怡佳琪雯悦瑶萱涵璐月凤玉珍"
    "琴云彩丹荣爱翠娥华淑惠妍蕾菲露"
)
_COMMUNITY_PLACES = _words(
    "泰山 岱宗 东岳 龙潭 红门 天外 岱庙 奈河 普照 灵山 明堂 虎山 望岳 财源 泰前 上高 徐家楼 "
    "旧镇 省庄 邱家店 北集坡 山口 满庄 大汶口 天平 粥店 岱岳 泮河 迎春 青年 温泉 银山 金山 蒿里山 "
    "傲徕 桃花源 环山 御碑 五马 擂鼓石 南关 北关 东湖 西湖 文化 长城 仙鹤 御景 盛世 华新 光明 "
    "和平 龙泽 翠苑 学府 福泰 安泰 泰和 岱阳 汶河"
)
_COMMUNITY_KINDS = _words("花园 苑 小区 新村 家园 雅居 名郡 华府 嘉园 公寓 社区 新城")
_INDUSTRIAL_PARKS = _words(
    "泰安高新区工业园 岱岳经济开发区 满庄工业园 山口工业园 大汶口工业园 天平工业园 "
    "泰山科技产业园 北集坡工业园"
)
_MOBILE_PREFIXES = _words(
    "130 131 132 133 134 135 136 137 138 139 150 151 152 153 155 156 157 158 159 "
    "166 170 176 177 178 180 181 182 183 185 186 187 188 189 191 198 199"
)
_LANDLINE_FIRST = "25678"
_ID_PREFIXES = ("370902", "370911", "370921", "370923", "370982", "370983")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
COMMUNITIES = 360  # residential 小区; industrial parks come on top
_BLOCK = 10_000  # customers generated from one random stream
_DRAWS = 17  # random values each customer takes from it


def id_check_digit(first17: str) -> str:
    """The GB 11643 check character of an 18-character resident ID number."""
    return _ID_CHECK[sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def _weight(digits: str, weights: tuple[int, ...]) -> int:
    return sum(int(c) * w for c, w in zip(digits, weights, strict=True))


@dataclass(frozen=True)
class _Community:
    name: str
    buildings: tuple[str, ...]
    units: tuple[str, ...]
    rooms: tuple[str, ...]
    shops: tuple[str, ...]  # ground-floor rooms, for commercial accounts


class _Pools:
    """Everything that does not change from customer to customer, built once."""

    def __init__(self) -> None:
        r = random.Random(DEFAULT_SEED)  # the city is the same whatever the seed
        names, weights = [], []
        for item in _SURNAMES.split():
            names.append(item.rstrip("0123456789"))
            weights.append(int(item[len(names[-1]) :]))
        self.surnames = tuple(names)
        self.surname_cum = tuple(accumulate(weights))
        self.given = {
            g: self._given_names(r, chars)
            for g, chars in (("M", _MALE_CHARS), ("F", _FEMALE_CHARS))
        }

        pairs = [(p, k) for p in _COMMUNITY_PLACES for k in _COMMUNITY_KINDS if k not in p]
        r.shuffle(pairs)
        self.communities = tuple(self._community(r, p + k) for p, k in pairs[:COMMUNITIES])
        self.community_cum = tuple(
            accumulate(len(c.rooms) * len(c.buildings) * len(c.units) for c in self.communities)
        )
        self.parks = tuple(
            _Community(
                name,
                tuple(str(b) for b in range(1, r.randint(6, 20))),
                ("1",),
                ("101",),
                tuple(f"1{d:02d}" for d in range(1, 9)),
            )
            for name in _INDUSTRIAL_PARKS
        )

        self.mobile = tuple(_MOBILE_PREFIXES)
        # ID numbers: area + birth date + sequence, with the weighted sums precomputed.
        self.id_areas = tuple((a, _weight(a, _ID_WEIGHTS[:6])) for a in _ID_PREFIXES)
        start = datetime(1935, 1, 1)
        births = []
        for d in range(0, (datetime(2006, 12, 31) - start).days + 1):
            ymd = (start + timedelta(days=d)).strftime("%Y%m%d")
            births.append((ymd, _weight(ymd, _ID_WEIGHTS[6:14])))
        self.births = tuple(births)
        # The elderly living alone were born before 1956.
        self.elderly_births = len([b for b in births if b[0] < "19560101"])
        self.sequences = tuple(
            (f"{n:03d}", _weight(f"{n:03d}", _ID_WEIGHTS[14:])) for n in range(1000)
        )

    @staticmethod
    def _given_names(r: random.Random, chars: str) -> tuple[str, ...]:
        """About 15 % one-character given names, the rest two characters."""
        pairs = [a + b for a in chars for b in chars if a != b]
        two = r.sample(pairs, min(len(pairs), 1500))
        return tuple([*chars] * (len(two) * 15 // 85 // len(chars)) + two)

    @staticmethod
    def _community(r: random.Random, name: str) -> _Community:
        high_rise = r.random() < 0.4
        floors = r.randint(11, 33) if high_rise else r.randint(5, 7)
        doors = r.randint(2, 4) if high_rise else 2
        units = r.randint(1, 3) if high_rise else r.randint(2, 6)
        buildings = r.randint(8, 30) if high_rise else r.randint(20, 70)
        rooms = tuple(f"{f}{d:02d}" for f in range(1, floors + 1) for d in range(1, doors + 1))
        return _Community(
            name,
            tuple(str(b) for b in range(1, buildings + 1)),
            tuple(str(u) for u in range(1, units + 1)),
            rooms,
            rooms[:doors],
        )


@cache
def _get_pools() -> _Pools:
    return _Pools()


Row = tuple[
    str,
    str,
    str,
    str | None,
    str | None,
    str | None,
    str,
    str,
    str,
    str,
    str,
    str | None,
    datetime | None,
]


def generate_customers(seed: int, start: int, stop: int, today: date) -> Iterator[Row]:
    """Demo customers ``start`` … ``stop - 1`` as rows for ``db.bulk.insert_customers``.

    Row i depends only on ``seed``, ``i`` and ``today`` (the local date inspections are
    dated back from): each block of 10,000 customers has its own random stream, and
    every customer draws exactly ``_DRAWS`` values from it, whatever the branches.
    """
    p = _get_pools()
    day0 = datetime(today.year, today.month, today.day, 8, tzinfo=LOCAL_ZONE).astimezone(UTC)
    # Inspections happen in working hours, 08:00-18:00 local, in 5-minute steps.
    inspection_days = tuple(day0 - timedelta(days=d) for d in range(0, 1001))
    inspection_times = tuple(timedelta(minutes=5 * k) for k in range(120))
    surnames, surname_cum, surname_total = p.surnames, p.surname_cum, p.surname_cum[-1]
    given_m, given_f = p.given["M"], p.given["F"]
    n_given_m, n_given_f = len(given_m), len(given_f)
    communities = tuple((c.name, c.buildings, c.units, c.rooms, c.shops) for c in p.communities)
    parks = tuple((c.name, c.buildings, c.units, c.rooms, c.shops) for c in p.parks)
    community_cum, community_total = p.community_cum, p.community_cum[-1]
    mobile, n_mobile, births, sequences = p.mobile, len(p.mobile), p.births, p.sequences
    id_areas, n_areas = p.id_areas, len(p.id_areas)
    n_births, n_elderly = len(births), p.elderly_births
    groups, n_groups = SPECIAL_GROUPS, len(SPECIAL_GROUPS)
    landline_first = _LANDLINE_FIRST
    check = _ID_CHECK
    account_base = 1_000_000_001
    intervals = INSPECTION_INTERVAL_DAYS
    # Plain strings in the hot loop, as the bulk insert writes them.
    residential, commercial = AccountType.RESIDENTIAL.value, AccountType.COMMERCIAL.value
    heating, industrial = AccountType.HEATING.value, AccountType.INDUSTRIAL.value

    block = start // _BLOCK
    i = block * _BLOCK
    while i < stop:
        r = random.Random(seed * 1_000_003 + block).random
        last_phone: str | None = None
        end = min(stop, i + _BLOCK)
        while i < start:  # a top-up: skip the customers already there
            for _ in range(_DRAWS):
                r()
            i += 1
        while i < end:
            male = r() < 0.5
            given = given_m[int(r() * n_given_m)] if male else given_f[int(r() * n_given_f)]
            name = surnames[bisect(surname_cum, r() * surname_total)] + given

            x = r()
            if x < 0.90:
                account_type = residential
            elif x < 0.96:
                account_type = commercial
            elif x < 0.99:
                account_type = heating
            else:
                account_type = industrial

            x = r()
            if account_type == industrial:
                community, buildings, units, rooms, shops = parks[int(x * len(parks))]
            else:
                community, buildings, units, rooms, shops = communities[
                    bisect(community_cum, x * community_total)
                ]
            building = buildings[int(r() * len(buildings))]
            unit = units[int(r() * len(units))]
            if account_type == commercial:
                rooms = shops
            room = rooms[int(r() * len(rooms))]

            x, digits = r(), r()
            if x < 0.03:
                phone = phone_rev = None
            else:
                if x < 0.05 and last_phone:  # one owner, several accounts
                    phone = last_phone
                elif x < 0.15:
                    phone = f"0538{landline_first[int(digits * 5)]}{int(digits * 5e6 % 1e6):06d}"
                else:
                    phone = f"{mobile[int(digits * n_mobile)]}{int(digits * 1e10 % 1e8):08d}"
                last_phone = phone
                phone_rev = phone[::-1]

            x = r()
            group = None
            if x < 0.02 and account_type == residential:
                group = groups[int(x * 50 * n_groups)]

            x, x_birth, x_seq = r(), r(), r()
            id_number = None
            if x >= 0.04:
                area, aw = id_areas[int(x * n_areas) % n_areas]
                ymd, bw = births[int(x_birth * (n_elderly if group == "老年独居" else n_births))]
                seq, sw = sequences[int(x_seq * 500) * 2 + male]
                id_number = area + ymd + seq + check[(aw + bw + sw) % 11]

            x, x_day, x_time = r(), r(), r()
            inspected = None
            if x >= 0.05:
                interval = intervals[account_type]
                span = interval if x < 0.80 else int(interval * 2.5)  # 1 in 5 overdue
                inspected = (
                    inspection_days[1 + int(x_day * span)] + inspection_times[int(x_time * 120)]
                )

            yield (
                f"TA{account_base + i}",
                name,
                "M" if male else "F",
                phone,
                phone_rev,
                id_number,
                community,
                building,
                unit,
                room,
                account_type,
                group,
                inspected,
            )
            i += 1
        block += 1


# --- history calls (the call log is not empty in the demo) -----------------------------

HISTORY_DAYS = 90
HISTORY_SEAT = "demo-history"
# (intent, weight, direction): outbound for callbacks (回访) and notifications (通知).
_INTENT_MIX = (
    (Intent.INQUIRY, 38, CallDirection.INBOUND),
    (Intent.REPAIR, 20, CallDirection.INBOUND),
    (Intent.COMPLAINT, 9, CallDirection.INBOUND),
    (Intent.EMERGENCY, 3, CallDirection.INBOUND),
    (Intent.SUGGESTION, 4, CallDirection.INBOUND),
    (Intent.OTHER, 8, CallDirection.INBOUND),
    (Intent.CALLBACK, 12, CallDirection.OUTBOUND),
    (Intent.NOTIFICATION, 6, CallDirection.OUTBOUND),
)
_VERIFICATION_MIX = (
    (Verification.VERIFIED, 70),
    (Verification.PARTIAL, 14),
    (Verification.NOT_VERIFIED, 8),
    (Verification.NEW_CUSTOMER, 8),
)
_NOTES = {
    Intent.INQUIRY: (
        "咨询燃气表电池更换方法",
        "咨询IC卡充值网点",
        "咨询报装流程及所需材料",
        "咨询阶梯气价",
    ),
    Intent.REPAIR: (
        "灶具打不着火,已派维修",
        "燃气表不走字,已派维修",
        "热水器点火困难,预约明天上门",
    ),
    Intent.COMPLAINT: ("投诉维修人员未按约定时间上门", "投诉营业厅排队时间长,已安抚并记录"),
    Intent.EMERGENCY: ("厨房有燃气味,已告知开窗通风、勿开关电器,抢险已出发",),
    Intent.SUGGESTION: ("建议增加线上缴费渠道", "建议安检前短信通知"),
    Intent.OTHER: ("询问营业厅营业时间", "打错电话"),
    Intent.CALLBACK: ("维修回访:用户满意", "投诉回访:用户表示满意", "回访未接通,已改约"),
    Intent.NOTIFICATION: ("停气通知:明日9时至15时管道维修", "安检通知:下周入户安检"),
}
CALL_HISTORY_COLUMNS = (
    "id",
    "direction",
    "channel",
    "caller_number",
    "customer_id",
    "started_at",
    "answered_at",
    "ended_at",
    "ended_by",
    "ring_count",
    "state",
    "intent",
    "verification",
    "surname",
    "title",
    "notes",
    "details",
    "compliance_score",
    "updated_at",
    "updated_by_job_no",
    "version",
    "job_no",
    "session_id",
)


def _history_sessions(s: Session, now: datetime) -> dict[str, int]:
    """One closed session per demo job number that the history calls are stamped with
    (every business record names the session that made it, R1.3)."""
    have: dict[str, int] = {
        job_no: sid
        for job_no, sid in s.execute(
            select(AgentSession.job_no, AgentSession.id).where(AgentSession.seat == HISTORY_SEAT)
        )
    }
    started = now - timedelta(days=HISTORY_DAYS + 1)
    for a in DEMO_AGENTS:
        if a.job_no in have:
            continue
        agent_id = s.scalar(select(Agent.id).where(Agent.job_no == a.job_no))
        if agent_id is None:
            continue
        row = AgentSession(
            agent_id=agent_id,
            job_no=a.job_no,
            seat=HISTORY_SEAT,
            token_hash=hashlib.sha256(f"demo-history:{a.job_no}".encode()).digest(),
            started_at=started,
            lease_until=started,
            ended_at=started,
            end_reason="demo_history",
        )
        s.add(row)
        s.flush()
        have[a.job_no] = row.id
    return have


def _pick(r: random.Random, mix: tuple[tuple[Any, ...], ...]) -> tuple[Any, ...]:
    x = r.random() * sum(m[1] for m in mix)
    for m in mix:
        x -= m[1]
        if x < 0:
            return m
    return mix[-1]


def generate_calls(
    seed: int,
    start: int,
    n: int,
    now: datetime,
    customers: list[tuple[int, str, str, str | None]],
    sessions: dict[str, int],
) -> Iterator[tuple[Any, ...]]:
    """``n`` ended calls over the last ``HISTORY_DAYS`` days, as rows in
    ``CALL_HISTORY_COLUMNS`` order; ``customers`` are (id, name, gender, phone)."""
    r = random.Random(seed * 7_919 + start)
    agents = [a.job_no for a in DEMO_AGENTS if a.role == Role.AGENT and a.job_no in sessions]
    agents = agents or list(sessions)
    today = now.astimezone(LOCAL_ZONE).replace(hour=0, minute=0, second=0, microsecond=0)
    mobiles = _MOBILE_PREFIXES
    for _ in range(n):
        intent, _w, direction = _pick(r, _INTENT_MIX)
        # Working hours, 08:00-20:00 local; today only up to now.
        day = r.randrange(HISTORY_DAYS + 1)
        at = today - timedelta(days=day) + timedelta(seconds=8 * 3600 + r.randrange(12 * 3600))
        if at >= now:
            at = now - timedelta(seconds=r.randrange(1, 12 * 3600))
        at = at.astimezone(UTC).replace(microsecond=r.randrange(1_000_000))
        known = customers and r.random() < 0.88
        if known:
            cid, name, gender, phone = customers[r.randrange(len(customers))]
            number = phone or f"{mobiles[r.randrange(len(mobiles))]}{r.randrange(10**8):08d}"
            surname: str | None = name[:2] if name[:2] in ("欧阳", "司马") else name[:1]
            title: str | None = Title.MR if gender == Gender.MALE else Title.MS
            verification = _pick(r, _VERIFICATION_MIX)[0]
            if verification == Verification.NEW_CUSTOMER:
                verification = Verification.VERIFIED
        else:
            cid, surname, title = None, None, None
            number = f"{mobiles[r.randrange(len(mobiles))]}{r.randrange(10**8):08d}"
            inbound = direction == CallDirection.INBOUND
            verification = Verification.NEW_CUSTOMER if inbound else Verification.NOT_VERIFIED
        visit = direction == CallDirection.INBOUND and r.random() < 0.05
        channel = CallChannel.VISIT if visit else CallChannel.PHONE
        rings = 0 if channel == CallChannel.VISIT else 1 + min(5, int(r.expovariate(0.9)))
        answered = at + timedelta(seconds=3 * rings)
        talk = timedelta(seconds=int(20 + r.expovariate(1 / 150)))
        if intent == Intent.EMERGENCY:
            talk = timedelta(seconds=int(60 + r.expovariate(1 / 120)))
        ended = answered + talk
        score = max(40, min(100, int(r.gauss(88, 10))))
        job_no = agents[r.randrange(len(agents))]
        yield (
            str(uuid.UUID(int=r.getrandbits(128), version=4)),
            direction,
            channel,
            number if channel == CallChannel.PHONE else None,
            cid,
            at,
            answered,
            ended,
            EndedBy.CALLER if r.random() < 0.92 else EndedBy.AGENT,
            rings,
            CallState.DONE,
            intent,
            verification,
            surname,
            title,
            r.choice(_NOTES[intent]),
            "{}",
            score,
            ended,
            job_no,
            1,
            job_no,
            sessions[job_no],
        )


def _history_calls(
    rt: Runtime, wanted: int, seed: int, progress: Callable[[str], None]
) -> tuple[int, int]:
    """Top the demo's history calls up to ``wanted`` (calls of the history sessions)."""
    with rt.unit(admin="demo") as s:
        now = rt.clock.now()
        sessions = _history_sessions(s, now)
        if not sessions:
            return 0, 0
        have = (
            s.scalar(
                select(func.count())
                .select_from(Call)
                .where(Call.session_id.in_(list(sessions.values())))
            )
            or 0
        )
        if have >= wanted:
            progress(f"已有历史通话 {have} 通。/ {have} history calls already there.")
            return 0, have
        n = wanted - have
        progress(f"正在生成历史通话 {n} 通 / Generating {n} history calls")
        # The customers calls are drawn from: the first 100,000 (enough variety).
        customers = [
            (cid, name, gender, phone)
            for cid, name, gender, phone in s.execute(
                select(Customer.id, Customer.name, Customer.gender, Customer.phone)
                .order_by(Customer.id)
                .limit(100_000)
            )
        ]
        rows = generate_calls(seed, have, n, now, customers, sessions)
        rebuild = n >= REBUILD_INDEXES_FROM and n >= have
        conn = s.connection()
        serials = _CaseSerials(conn)
        chunks = iter(range(have, have + n, _BATCH))

        def follow(chunk: list[tuple[Any, ...]]) -> demo_cases.FollowUps:
            return demo_cases.follow_ups(
                chunk, CALL_HISTORY_COLUMNS, sessions, serials.next, seed + next(chunks), LOCAL_ZONE
            )

        added = _insert_calls(conn, rows, rt.dialect, progress, rebuild, follow)
        serials.save()
        audit.record(s, "demo.calls_loaded", added=added, seed=seed, total=have + added)
    return added, have + added


class _CaseSerials:
    """The case-number counters, taken once and written back once (one transaction)."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn
        rows = conn.execute(text("SELECT year, last FROM case_serials"))
        self.known: dict[int, int] = {int(y): int(n) for y, n in rows}
        self.last = dict(self.known)

    def next(self, year: int) -> int:
        self.last[year] = self.last.get(year, 0) + 1
        return self.last[year]

    def save(self) -> None:
        for year, last in sorted(self.last.items()):
            if year not in self.known:
                sql = "INSERT INTO case_serials (year, last) VALUES (:y, :n)"
            elif last > self.known[year]:
                sql = "UPDATE case_serials SET last = :n WHERE year = :y"
            else:
                continue
            self.conn.execute(text(sql), {"y": year, "n": last})


_BATCH = 50_000


def _insert_calls(
    conn: Any,
    rows: Iterator[tuple[Any, ...]],
    dialect: str,
    progress: Callable[[str], None],
    rebuild_indexes: bool = False,
    follow: Callable[[list[tuple[Any, ...]]], demo_cases.FollowUps] | None = None,
) -> int:
    """Through the raw driver, as db/bulk.py loads customers: ``executemany`` on SQLite,
    ``COPY`` on PostgreSQL (the schema owner's connection: the fence passes it). A large
    load drops the secondary indexes and builds them again at the end, in the same
    transaction (random insertions into seven indexes are what makes it slow). Each
    chunk of calls is followed by its cases and callbacks (``follow``)."""
    from db import bounds

    raw = conn.connection.driver_connection
    total = 0
    # As long as it takes, like its statement_timeout = 0 below (db/bounds.py).
    with bounds.unbounded(raw), closing(raw.cursor()) as cur:
        indexes: list[tuple[str, str]] = []
        if dialect == "sqlite":
            (cache_size,) = cur.execute("PRAGMA cache_size").fetchone()
            cur.execute("PRAGMA cache_size = -262144")
            if rebuild_indexes:
                indexes = cur.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                    "AND tbl_name = 'calls' AND sql IS NOT NULL"
                ).fetchall()
        else:
            cur.execute("SET LOCAL statement_timeout = 0")
            if rebuild_indexes:
                cur.execute("SET LOCAL maintenance_work_mem = '256MB'")
                indexes = cur.execute(
                    "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x "
                    "JOIN pg_class i ON i.oid = x.indexrelid "
                    "WHERE x.indrelid = 'calls'::regclass AND NOT EXISTS "
                    "(SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)"
                ).fetchall()
        for name, _sql in indexes:
            cur.execute(f'DROP INDEX "{name}"')
        while chunk := list(islice(rows, _BATCH)):
            extra = follow(chunk) if follow is not None else demo_cases.FollowUps()
            _insert_rows(cur, dialect, "calls", CALL_HISTORY_COLUMNS, chunk)
            for table, columns, table_rows in extra.tables():
                _insert_rows(cur, dialect, table, columns, table_rows)
            total += len(chunk)
            progress(f"  通话 / calls {total}")
        if indexes:
            progress(f"  正在重建索引({len(indexes)} 个)/ Rebuilding {len(indexes)} indexes")
            for _name, index_sql in indexes:
                cur.execute(index_sql)
        if dialect == "sqlite":
            cur.execute(f"PRAGMA cache_size = {int(cache_size)}")
        else:
            cur.execute("ANALYZE calls")
    return total


def _moments(columns: tuple[str, ...]) -> list[int]:
    """Which columns hold moments: ``at`` and ``…_at``, as every table here names them."""
    return [i for i, c in enumerate(columns) if c == "at" or c.endswith("_at")]


def _db_values(row: tuple[Any, ...], moments: list[int], dialect: str) -> tuple[Any, ...]:
    """Moments as each database's text: naive UTC on SQLite, ISO with zone on PostgreSQL."""
    values = list(row)
    for i in moments:
        if values[i] is not None:
            at = values[i].astimezone(UTC)
            values[i] = (
                at.replace(tzinfo=None).isoformat(" ", "microseconds")
                if dialect == "sqlite"
                else at.isoformat(" ")
            )
    return tuple(values)


def _insert_rows(
    cur: Any, dialect: str, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]
) -> None:
    if not rows:
        return
    cols = ", ".join(columns)
    moments = _moments(columns)
    if dialect == "sqlite":
        marks = ", ".join("?" * len(columns))
        cur.executemany(
            f"INSERT INTO {table} ({cols}) VALUES ({marks})",
            [_db_values(row, moments, dialect) for row in rows],
        )
        return
    with cur.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(_db_values(row, moments, dialect))
