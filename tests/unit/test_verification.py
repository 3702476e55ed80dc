"""Caller verification (R2.4): a table of what callers say against a customer record."""

from __future__ import annotations

import json
from dataclasses import fields, replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from console.calls.verification import (
    VerificationForm,
    VerificationResult,
    check_form,
    from_json,
    match,
    surname_of,
    to_json,
)
from console.core.errors import UserFacingError
from console.core.messages import catalog
from console.core.vocabulary import Title
from console.customers.customers import CustomerCard

CARD = CustomerCard(
    id=7,
    account_no="TA00000007",
    name="王建国",
    title=Title.MR,
    phone="13912341234",
    id_number=None,
    address="泰山花园12号楼3单元301室",
    community="泰山花园",
    building="12",
    unit="3",
    room="301",
    account_type="居民",
    special_group=None,
    last_inspection_at=None,
    inspection_due_at=None,
    inspection_overdue=False,
    masked=False,
)
OUYANG = replace(CARD, name="欧阳修", phone="05388123456")
FULL = VerificationForm(
    surname="王",
    title="先生",
    full_name="王建国",
    community="泰山花园",
    building="12号楼",
    unit="3单元",
    room="301室",
    phone_readback="13912341234",
)
F = VerificationForm


@pytest.mark.parametrize(
    ("form", "card", "outcome"),
    [
        # everything confirmed
        (FULL, CARD, "verified"),
        # the way people say it: full-width digits, spaces, 栋/幢/号, 小区, leading zeros
        (F("王", None, "王 建国", "泰山花园小区", "１２栋", "３", "０301号"), CARD, "verified"),
        (F("王", "先生", "", "泰山花园", "12幢", "3单元", "301"), CARD, "verified"),
        (F("", None, "王建国", " 泰山花园 ", "12号", "3", "301"), CARD, "verified"),
        # the surname alone names the caller; the phone is not needed
        (
            F(surname="王", community="泰山花园", building="12", unit="3", room="301"),
            CARD,
            "verified",
        ),
        # 复姓
        (
            F(surname="欧阳", community="泰山花园", building="12", unit="3", room="301"),
            OUYANG,
            "verified",
        ),
        (
            F(surname="阳", community="泰山花园", building="12", unit="3", room="301"),
            OUYANG,
            "not_verified",
        ),
        # some of it, nothing contradicting
        (F(surname="王"), CARD, "partial"),
        (F(phone_readback="139 1234 1234"), CARD, "partial"),
        (F(full_name="王建国", community="泰山花园"), CARD, "partial"),
        (F(surname="王", community="泰山花园", building="12", unit="3"), CARD, "partial"),
        (F(community="泰山花园", building="12", unit="3", room="301"), CARD, "partial"),
        # a contradiction, whatever else matches
        (replace(FULL, room="302"), CARD, "not_verified"),
        (replace(FULL, surname="李"), CARD, "not_verified"),
        (replace(FULL, full_name="王建军"), CARD, "not_verified"),
        (replace(FULL, phone_readback="13912341235"), CARD, "not_verified"),
        (replace(FULL, community="泰山家园"), CARD, "not_verified"),
        # nothing to go on
        (F(), CARD, "not_verified"),
        (F(title="女士"), CARD, "not_verified"),
        # no record: a new customer, whatever the caller says
        (FULL, None, "new_customer"),
        (F(), None, "new_customer"),
    ],
)
def test_outcomes(form: VerificationForm, card: CustomerCard | None, outcome: str) -> None:
    assert match(form, card).outcome == outcome


def test_each_field_is_reported() -> None:
    result = match(replace(FULL, room="302", phone_readback=""), CARD)
    assert isinstance(result, VerificationResult)
    assert {f.field: f.result for f in result.fields} == {
        "surname": "match",
        "full_name": "match",
        "community": "match",
        "building": "match",
        "unit": "match",
        "room": "mismatch",
        "phone_readback": "not_given",
    }


@pytest.mark.parametrize(
    ("said", "on_record", "result"),
    [
        ("13912341234", "13912341234", "match"),
        ("+86 139-1234-1234", "13912341234", "match"),
        ("８６１３９１２３４１２３４", "13912341234", "match"),
        ("81234567", "053881234567", "match"),  # a landline read without the area code
        ("1234", "13912341234", "mismatch"),  # too few digits to mean anything
        ("13912341234", "139****1234", "not_given"),  # masked: cannot be compared
        ("13912341234", None, "not_given"),
    ],
)
def test_phone_read_back(said: str, on_record: str | None, result: str) -> None:
    card = replace(CARD, phone=on_record)
    assert match(F(phone_readback=said), card)["phone_readback"] == result


def test_a_masked_card_cannot_confirm_the_phone() -> None:
    masked = replace(CARD, masked=True)
    assert match(F(phone_readback="13912341234"), masked)["phone_readback"] == "not_given"


def test_a_part_the_record_does_not_have_contradicts_it() -> None:
    house = replace(CARD, building="", unit="", room="8")
    assert match(F(surname="王", community="泰山花园", room="8"), house).outcome == "verified"
    assert match(F(surname="王", community="泰山花园", unit="2", room="8"), house).outcome == (
        "not_verified"
    )


@pytest.mark.parametrize(
    ("name", "surname"), [("王建国", "王"), ("欧阳修", "欧阳"), ("诸葛亮", "诸葛"), ("欧阳", "欧")]
)
def test_surname_of(name: str, surname: str) -> None:
    assert surname_of(name) == surname


@pytest.mark.parametrize(
    ("form", "message_id", "field"),
    [
        (F(surname="王\x00"), "input.nul_character", "surname"),
        (F(community="花" * 129), "input.too_long", "community"),
        (F(title="小姐"), "input.invalid_choice", "title"),
        (F(room="\ud800"), "input.invalid", "room"),
    ],
)
def test_check_form_refuses_what_cannot_be_stored(
    form: VerificationForm, message_id: str, field: str
) -> None:
    with pytest.raises(UserFacingError) as info:
        check_form(form)
    assert info.value.message_id == message_id
    assert info.value.params["field"] == field


def test_the_form_round_trips_through_the_calls_json() -> None:
    stored = json.loads(json.dumps(to_json(FULL, match(FULL, CARD)), ensure_ascii=False))
    assert stored["outcome"] == "verified"
    assert stored["fields"]["room"] == "match"
    assert from_json(stored) == FULL
    assert from_json({}) == F()
    with pytest.raises(UserFacingError):
        from_json({"room": 301})


TEXT = st.text(st.characters(codec=None), max_size=200) | st.sampled_from(
    ["", " ", "\x00", "１２号楼", "😀" * 40, "王" * 17, "欧阳", "\ud800"]
)
MESSAGES = catalog("zh_CN")


@given(
    st.builds(
        VerificationForm,
        surname=TEXT,
        title=st.none() | st.sampled_from(["先生", "女士", "", "x"]),
        full_name=TEXT,
        community=TEXT,
        building=TEXT,
        unit=TEXT,
        room=TEXT,
        phone_readback=TEXT,
    )
)
def test_any_text_passes_or_gets_a_clear_message(form: VerificationForm) -> None:
    try:
        checked = check_form(form)
    except UserFacingError as e:
        assert e.message_id in MESSAGES
        assert e.params["field"] in {f.name for f in fields(VerificationForm)}
        return
    assert checked == form
    assert from_json(json.loads(json.dumps(to_json(checked)))) == form
    for card in (CARD, OUYANG, None):
        assert match(checked, card).outcome in (
            "verified",
            "partial",
            "not_verified",
            "new_customer",
        )
