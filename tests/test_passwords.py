"""R1.1, R1.5: password handling and lockout."""

from __future__ import annotations

import pytest

from console.app.runtime import Runtime
from console.core import unit
from console.core.errors import UserFacingError
from console.core.vocabulary import JobNumber
from console.people import auth, passwords
from tests.conftest import PASSWORD, AgentFactory
from tests.helpers import admin_sql, audit_kinds


def _login_error(rt: Runtime, job_no: str, password: str) -> UserFacingError:
    with pytest.raises(UserFacingError) as e:
        rt.login(job_no, password, "坐席01")
    return e.value


def test_lockout_after_exactly_five_failures_names_the_unlock_time(
    rt: Runtime, admin_rt: Runtime, make_agent: AgentFactory
) -> None:
    make_agent("1001")
    left = [_login_error(rt, "1001", "wrong").params["attempts_left"] for _ in range(4)]
    assert left == [4, 3, 2, 1]
    fifth = _login_error(rt, "1001", "wrong")
    assert fifth.message_id == "login.locked"
    until = fifth.params["until"]
    # Even the right password is refused while locked, with the same unlock time.
    still = _login_error(rt, "1001", PASSWORD)
    assert still.message_id == "login.locked" and still.params["until"] == until
    minutes = admin_sql(admin_rt, "SELECT lockout_minutes FROM security_policy")[0][0]
    assert minutes == 15
    assert audit_kinds(admin_rt).count("login.locked") == 1


def test_unlock_by_administrator_restores_login(
    rt: Runtime, admin_rt: Runtime, make_agent: AgentFactory
) -> None:
    from console.people import agents

    make_agent("1001")
    for _ in range(5):
        _login_error(rt, "1001", "wrong")
    with admin_rt.unit(admin="test") as s:
        agents.unlock(s, None, JobNumber("1001"))
    assert rt.login("1001", PASSWORD, "坐席01").job_no == "1001"


def test_lock_expires_by_itself(rt: Runtime, admin_rt: Runtime, make_agent: AgentFactory) -> None:
    make_agent("1001")
    for _ in range(5):
        _login_error(rt, "1001", "wrong")
    # Fifteen minutes pass (moved on the database's own clock).
    past = "now() - interval '1 second'" if rt.dialect == "postgresql" else "'2000-01-01 00:00:00'"
    admin_sql(admin_rt, f"UPDATE agent_credentials SET locked_until = {past}")
    assert rt.login("1001", PASSWORD, "坐席01").job_no == "1001"


def test_success_resets_the_failure_counter(rt: Runtime, make_agent: AgentFactory) -> None:
    make_agent("1001")
    for _ in range(4):
        _login_error(rt, "1001", "wrong")
    ctx = rt.login("1001", PASSWORD, "坐席01")
    rt.run(ctx, auth.logout)
    assert _login_error(rt, "1001", "wrong").params["attempts_left"] == 4


@pytest.mark.parametrize(
    "password",
    [
        "燃气客服中心密码",  # Chinese
        "🔥🔑安全用气🔥🔑",  # emoji
        "x" * 64 + "长密码结尾",  # 64+ characters
        "安泰燃气客服中心密码" * 3,  # 90 bytes of UTF-8 (bcrypt would cut it at 72)
    ],
)
def test_unusual_passwords_work_exactly(
    rt: Runtime, make_agent: AgentFactory, password: str
) -> None:
    make_agent("1001", password=password)
    assert rt.login("1001", password, "坐席01").job_no == "1001"


def test_long_passwords_are_not_truncated(rt: Runtime, make_agent: AgentFactory) -> None:
    base = "安泰燃气客服中心密码" * 3  # 90 bytes: past bcrypt's 72-byte limit
    make_agent("1001", password=base + "甲")
    assert _login_error(rt, "1001", base + "乙").message_id == "login.bad"
    assert rt.login("1001", base + "甲", "坐席01")


def test_full_width_and_half_width_digits_are_the_same_password(
    rt: Runtime, make_agent: AgentFactory
) -> None:
    make_agent("1001", password="燃气２０２６ＡＢ")  # typed with a full-width IME
    assert rt.login("1001", "燃气2026AB", "坐席01")


@pytest.mark.parametrize(
    ("password", "message_id"),
    [
        ("short", "password.too_short"),
        ("x" * 257, "password.too_long"),
        ("aaaaaaaaaa", "password.too_simple"),
        ("pass\x00word123", "password.control_chars"),
    ],
)
def test_bad_new_passwords_are_refused_clearly(password: str, message_id: str) -> None:
    with pytest.raises(UserFacingError) as e:
        passwords.new_credential(password)
    assert e.value.message_id == message_id


def test_hash_parameters_meet_owasp_minimums() -> None:
    p = passwords.ARGON2
    assert p.memory_kib >= 19 * 1024 and p.time_cost >= 2


def test_decoy_challenge_looks_like_a_real_one(rt: Runtime, make_agent: AgentFactory) -> None:
    """An unknown job number gets the same hashing cost as a real one, and a stable salt."""
    make_agent("1001")
    with rt.unit() as s:
        g = unit.guard(s)
        real, decoy, decoy_again = (
            g.challenge(s, JobNumber("1001")),
            g.challenge(s, JobNumber("4242")),
            g.challenge(s, JobNumber("4242")),
        )
    assert (real.time_cost, real.memory_kib, real.parallelism) == (
        decoy.time_cost,
        decoy.memory_kib,
        decoy.parallelism,
    )
    assert decoy.salt == decoy_again.salt and len(decoy.salt) == len(real.salt)


def test_temporary_password_must_be_changed(rt: Runtime, make_agent: AgentFactory) -> None:
    make_agent("1001")
    ctx = rt.login("1001", PASSWORD, "坐席01")
    assert ctx.must_change_password
    with pytest.raises(UserFacingError, match="password.same_as_old"):
        rt.run(ctx, auth.change_password, PASSWORD, PASSWORD)
    check = rt.run(ctx, auth.change_password, "wrong-old", "新密码Secure9")
    assert check.status == "bad"
    auth.raise_for_check(rt.run(ctx, auth.change_password, PASSWORD, "新密码Secure9"))
    rt.run(ctx, auth.logout)
    again = rt.login("1001", "新密码Secure9", "坐席01")
    assert not again.must_change_password


def test_unlock_with_password_counts_failures(rt: Runtime, make_agent: AgentFactory) -> None:
    make_agent("1001")
    ctx = rt.login("1001", PASSWORD, "坐席01")
    assert rt.run(ctx, auth.verify_password, PASSWORD).status == "ok"
    checks = [rt.run(ctx, auth.verify_password, "wrong").status for _ in range(5)]
    assert checks == ["bad"] * 4 + ["locked"]
