"""R2.13 the customer card at screen pop, R2.14 masking and audited look-ups."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from console.app.runtime import Runtime
from console.calls import calls, screen_pop
from console.calls.calls import CallFields
from console.core import checks
from console.core.errors import UserFacingError
from console.core.identity import AgentContext
from console.customers import customers
from tests.conftest import PASSWORD, AgentFactory
from tests.helpers import admin_sql, customer

NOW = datetime(2026, 11, 23, 1, 30, tzinfo=UTC)


_customer = customer


@pytest.fixture
def people(admin_rt: Runtime) -> dict[str, int]:
    rows = {
        "zhang": _customer(
            0,
            "13912341234",
            name="张秀英",
            special_group="老年独居",
            last_inspection_at=NOW - timedelta(days=400),
        ),
        "shop": _customer(
            1,
            "05388123456",
            name="李记饭店",
            gender="M",
            account_type="商业",
            last_inspection_at=NOW - timedelta(days=130),
        ),
        "twin_a": _customer(2, "13800001111", name="王强", gender="M"),
        "twin_b": _customer(3, "13800001111", name="王强", gender="M", room="502"),
        "other": _customer(4, "15612345678", name="赵敏", last_inspection_at=None),
    }
    with admin_rt.unit(admin="test") as s:
        s.add_all(rows.values())
        s.flush()
        return {k: v.id for k, v in rows.items()}


@pytest.fixture
def agent(rt: Runtime, make_agent: AgentFactory) -> AgentContext:
    make_agent("1001")
    return rt.login("1001", PASSWORD, "坐席01")


def _call(
    rt: Runtime, ctx: AgentContext, number: str | None, at: datetime, customer_id: int | None = None
) -> calls.CallRecord:
    return rt.run(
        ctx,
        calls.start_call,
        checks.new_call_id(),
        number,
        "inbound",
        "phone",
        at,
        customer_id=customer_id,
    )


def test_screen_pop_shows_the_caller_unmasked_with_recent_contacts(
    rt: Runtime, agent: AgentContext, people: dict[str, int]
) -> None:
    zhang = people["zhang"]
    # Twelve earlier contacts, one from yesterday (same number), all finished.
    past = [
        _call(rt, agent, "13912341234", NOW - timedelta(days=d) + timedelta(hours=1), zhang)
        for d in range(12, 0, -1)
    ]
    for c in past:
        done = CallFields("ended", customer_id=zhang)
        rt.run(agent, calls.finish_call, c.id, done, 1, c.started_at, "caller")
    ring = _call(rt, agent, "13912341234", NOW)
    pop = rt.run(agent, screen_pop.pop, "13912341234", ring.id)
    card = pop.card
    assert card is not None and pop.candidates == (card,)
    assert (card.name, card.title, card.masked) == ("张秀英", "女士", False)
    assert (card.phone, card.id_number) == ("13912341234", "370902198001010000")
    assert card.address == "泰山花园12号楼3单元301室"
    assert (card.account_type, card.special_group) == ("居民", "老年独居")
    assert card.inspection_overdue  # 400 days for a residential account
    assert [r.id for r in pop.recent] == [c.id for c in reversed(past)][:10]
    assert [r.started_at for r in pop.recent] == sorted(
        (r.started_at for r in pop.recent), reverse=True
    )
    assert (pop.calls_last_24h, pop.calls_last_7d) == (1, 7)
    assert pop.repeat_caller and pop.open_cases == ()


def test_several_accounts_on_one_number_are_candidates(
    rt: Runtime, agent: AgentContext, people: dict[str, int]
) -> None:
    ring = _call(rt, agent, "13800001111", NOW)
    pop = rt.run(agent, screen_pop.pop, "13800001111", ring.id)
    assert pop.card is None
    assert [c.id for c in pop.candidates] == [people["twin_a"], people["twin_b"]]
    # The number is the caller's own; ID numbers wait until the agent has verified.
    assert {c.phone for c in pop.candidates} == {"13800001111"}
    assert {c.id_number for c in pop.candidates} == {"370902********0002", "370902********0003"}
    chosen = rt.run(agent, screen_pop.choose, ring.id, people["twin_b"])
    assert chosen.card is not None and chosen.card.id_number == "370902198001010003"
    assert chosen.card.address == "泰山花园12号楼3单元502室"


def test_unknown_number_gets_an_empty_card(
    rt: Runtime, agent: AgentContext, people: dict[str, int]
) -> None:
    earlier = _call(rt, agent, "18600000000", NOW - timedelta(days=3))
    ring = _call(rt, agent, "18600000000", NOW)
    pop = rt.run(agent, screen_pop.pop, "18600000000", ring.id)
    assert (pop.card, pop.candidates) == (None, ())
    assert [r.id for r in pop.recent] == [earlier.id]
    assert (pop.calls_last_24h, pop.calls_last_7d) == (0, 1)
    withheld = _call(rt, agent, None, NOW)
    assert rt.run(agent, screen_pop.pop, None, withheld.id).candidates == ()


def test_no_unmasked_pop_without_an_own_active_call(
    rt: Runtime, agent: AgentContext, people: dict[str, int], make_agent: AgentFactory
) -> None:
    ring = _call(rt, agent, "13912341234", NOW)
    with pytest.raises(UserFacingError, match="call.not_active"):  # not this call's number
        rt.run(agent, screen_pop.pop, "15612345678", ring.id)
    make_agent("1002")
    other = rt.login("1002", PASSWORD, "坐席02")
    with pytest.raises(UserFacingError, match="call.not_active"):  # someone else's call
        rt.run(other, screen_pop.pop, "13912341234", ring.id)
    rt.run(agent, calls.finish_call, ring.id, CallFields("ended"), 1, NOW, "caller")
    with pytest.raises(UserFacingError, match="call.not_active"):  # over
        rt.run(agent, screen_pop.pop, "13912341234", ring.id)


def test_lookup_outside_a_call_needs_a_reason_is_masked_and_audited(
    rt: Runtime, admin_rt: Runtime, agent: AgentContext, people: dict[str, int]
) -> None:
    for reason in ("", "   "):
        with pytest.raises(UserFacingError, match="reason.required"):
            rt.run(agent, customers.lookup_outside_call, "张秀英", reason)
    with pytest.raises(UserFacingError, match="input.nul_character"):
        rt.run(agent, customers.lookup_outside_call, "张秀英", "回访\x00")
    assert admin_sql(admin_rt, "SELECT count(*) FROM audit_log WHERE kind = 'customer.lookup'") == [
        (0,)
    ]
    [card] = rt.run(agent, customers.lookup_outside_call, "张秀英", "回访 工单 123")
    assert (card.phone, card.id_number, card.masked) == ("139****1234", "370902********0000", True)
    [(payload,)] = admin_sql(
        admin_rt, "SELECT payload FROM audit_log WHERE kind = 'customer.lookup'"
    )
    logged = json.loads(payload)
    assert logged["reason"] == "回访 工单 123" and logged["customer_ids"] == [people["zhang"]]


def test_search_for_the_caller_during_a_call_is_masked_audited_and_own_call_only(
    rt: Runtime,
    admin_rt: Runtime,
    agent: AgentContext,
    people: dict[str, int],
    make_agent: AgentFactory,
) -> None:
    ring = _call(rt, agent, None, NOW)  # a withheld number: the agent asks and searches
    [card] = rt.run(agent, screen_pop.find_for_call, ring.id, "泰山花园12号楼3单元502室")
    assert card.id == people["twin_b"] and card.masked and "*" in (card.phone or "")
    [(payload,)] = admin_sql(
        admin_rt, "SELECT payload FROM audit_log WHERE kind = 'customer.lookup'"
    )
    assert json.loads(payload)["reason"] == f"call {ring.id}"
    chosen = rt.run(agent, screen_pop.choose, ring.id, card.id)
    assert chosen.card is not None and not chosen.card.masked
    make_agent("1002")
    other = rt.login("1002", PASSWORD, "坐席02")
    with pytest.raises(UserFacingError, match="call.not_active"):
        rt.run(other, screen_pop.find_for_call, ring.id, "王强")
    rt.run(agent, calls.finish_call, ring.id, CallFields("ended"), 1, NOW, "caller")
    with pytest.raises(UserFacingError, match="call.not_active"):
        rt.run(agent, screen_pop.find_for_call, ring.id, "王强")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("1234", ["zhang"]),  # last four digits
        ("3456", ["shop"]),
        ("8123456", ["shop"]),
        ("05388123456", ["shop"]),  # the whole number
        ("1111", ["twin_a", "twin_b"]),
        ("9999", []),
        ("TA1000000005", ["other"]),  # account number
        ("王强", ["twin_a", "twin_b"]),  # name
        ("泰山花园12号楼3单元502室", ["twin_b"]),  # address
        ("泰山花园12号楼3单元", ["zhang", "shop", "twin_a", "twin_b", "other"]),
        ("泰山花园", ["zhang", "shop", "twin_a", "twin_b", "other"]),
    ],
)
def test_lookup_by_suffix_account_name_and_address(
    rt: Runtime, agent: AgentContext, people: dict[str, int], query: str, expected: list[str]
) -> None:
    found = rt.run(agent, customers.lookup_outside_call, query, "核对地址")
    assert [c.id for c in found] == [people[k] for k in expected]
    assert all(c.masked for c in found)


def test_phone_search_needs_four_digits(rt: Runtime, agent: AgentContext) -> None:
    with pytest.raises(UserFacingError, match="lookup.too_short"):
        rt.run(agent, customers.lookup_outside_call, "234", "核对")


def test_overdue_inspection_rule() -> None:
    overdue = customers.is_inspection_overdue
    assert not overdue("居民", NOW - timedelta(days=364), NOW)
    assert overdue("居民", NOW - timedelta(days=366), NOW)
    for kind in ("商业", "工业", "采暖"):  # at least three times a year
        assert not overdue(kind, NOW - timedelta(days=121), NOW)
        assert overdue(kind, NOW - timedelta(days=123), NOW)
    assert overdue("居民", None, NOW)  # never inspected


def test_card_shows_overdue_for_a_commercial_account(
    rt: Runtime, agent: AgentContext, people: dict[str, int]
) -> None:
    ring = _call(rt, agent, "05388123456", NOW)
    card = rt.run(agent, screen_pop.pop, "05388123456", ring.id).card
    assert card is not None and card.inspection_overdue  # 130 days is fine for 居民, not for 商业
    assert card.inspection_due_at == NOW - timedelta(days=130) + timedelta(days=122)
    assert card.title == "先生" and card.phone == "05388123456"


def test_masks() -> None:
    assert customers.mask_phone("13912341234") == "139****1234"
    assert customers.mask_phone("05388123456") == "0538***3456"
    assert customers.mask_id("370902198001011234") == "370902********1234"
    assert customers.mask_phone(None) is None
    assert checks.normalize_number("+86 139-1234-1234") == "13912341234"
