"""The taboo-phrase and jargon checker against the shipped lists (R2.10)."""

from __future__ import annotations

import itertools
import time
from collections.abc import Sequence

import pytest
from _pytest.mark import ParameterSet

from console.content import content
from console.content.taboo import (
    Checker,
    JargonEntry,
    JargonList,
    TabooEntry,
    TabooList,
    check,
    example_text,
    list_path,
)
from console.core.datafiles import load_validated

TABOO = load_validated(list_path("taboo"), TabooList)
JARGON = load_validated(list_path("jargon"), JargonList)


def _examples(entries: Sequence[TabooEntry | JargonEntry], kind: str) -> list[ParameterSet]:
    return [
        pytest.param(kind, e.id, ex, id=f"{e.id}-{i}")
        for e in entries
        for i, ex in enumerate(e.examples)
    ]


def test_the_shipped_lists_are_valid() -> None:
    assert not {"taboo", "jargon"} & content.shipped().errors.keys()
    assert len(TABOO.entries) >= 25
    assert len(JARGON.entries) >= 14


def test_every_clause_of_gs_4_5_is_covered() -> None:
    clauses = {e.clause for e in TABOO.entries}
    assert {f"GS 4.5.{n}" for n in range(1, 16)} <= clauses
    assert {f"TN 三.2({n})" for n in range(1, 6)} <= clauses


def test_suggestions_use_the_courteous_forms_of_gs_4_2() -> None:
    forms = ("我会", "我理解", "您能", "我能做到的是", "我再", "请您稍等", "我马上")
    for e in TABOO.entries:
        assert any(f in e.suggestion for f in forms), e.id


@pytest.mark.parametrize(
    ("kind", "entry_id", "example"),
    _examples(TABOO.entries, "taboo") + _examples(JARGON.entries, "jargon"),
)
def test_every_entry_catches_its_examples_at_the_right_place(
    kind: str, entry_id: str, example: str
) -> None:
    text, start, end = example_text(example)
    hits = [h for h in check(text) if h.entry_id == entry_id]
    assert [(h.start, h.end, h.kind) for h in hits] == [(start, end, kind)]
    assert hits[0].matched == text[start:end]


ORDINARY = [
    "您好,泰安安泰燃气,工号1024为您服务,请问有什么可以帮您?",
    "请您先关闭燃气总阀,打开门窗通风,不要开关电器。",
    "我们的维修师傅明天上午九点到十一点之间上门,请您家里留人。",
    "您反映的情况我已经记录下来了,会在24小时内给您回复。",
    "不管是白天还是晚上,发现漏气都可以拨打8619612。",
    "不管什么时候,您都可以打电话过来。",
    "不管道路怎么施工,我们都会保证正常供气。",
    "好的,我知道了,马上为您登记。",
    "知道了,谢谢您的提醒。",
    "如果您不知道户号,可以看一下燃气卡背面。",
    "我会把您的意见反映给我们领导,并在三天内给您答复。",
    "领导已经安排专人跟进您的工单。",
    "请问您家的燃气表显示的余量是多少?",
    "您的缴费已经成功,请插卡一次把气量写入表中。",
    "非常抱歉让您久等了,感谢您的耐心。",
    "请您核对一下地址:泰山区东岳大街88号3单元502室,对吗?",
    "您这边需要带上房产证和身份证原件办理过户。",
    "我理解您的心情,我们会尽快安排抢修。",
    "为了您的安全,请不要私自改动燃气设施。",
    "您能告诉我具体是哪个小区吗?",
    "感谢您的来电,祝您生活愉快,再见。",
    "今天下午停气是因为道路施工,预计晚上六点恢复。",
    "我们已经建立管道巡查制度,每月检查一次。",
    "小区的独立管理处电话是8888123。",
    "请您放心,我们会准时到达。",
]


@pytest.mark.parametrize("sentence", ORDINARY)
def test_ordinary_service_sentences_have_no_taboo_hit(sentence: str) -> None:
    assert [h.matched for h in check(sentence) if h.kind == "taboo"] == []


def test_ordinary_sentences_without_jargon_have_no_hit_at_all() -> None:
    for sentence in ORDINARY:
        assert [h.matched for h in check(sentence) if h.kind == "jargon"] == [], sentence


def test_not_knowing_is_flagged_as_the_standard_says() -> None:
    # GS 4.5.1 lists 不知道 without exceptions: said by the agent about themself it is
    # flagged, even in an otherwise polite sentence; about the caller it is not.
    text = "我不知道您说的是哪个小区,能再说一遍吗"
    assert [(h.entry_id, h.start, h.end) for h in check(text)] == [("bu-zhi-dao", 1, 4)]
    assert check("如果您不知道表号,可以看燃气卡") == []


def test_jargon_hits_carry_the_plain_explanation() -> None:
    (hit,) = check("可能是调压器有问题")
    assert hit.kind == "jargon"
    assert hit.phrase == "调压器"
    assert "降到" in hit.suggestion and hit.clause.startswith("GS")


def test_taboo_hits_carry_the_clause_and_the_suggestion() -> None:
    (hit,) = check("这事你找领导去。")
    assert (hit.kind, hit.clause, hit.phrase) == ("taboo", "GS 4.5.2", "找领导去")
    assert hit.suggestion.startswith("我理解")


@pytest.mark.parametrize(
    ("text", "matched"),
    [
        ("你问我,我问谁", "你问我,我问谁"),
        ("您问我 我问谁?", "您问我 我问谁"),  # 您 for 你, a space for the comma
        ("你问我,我问谁", "你问我,我问谁"),  # full-width comma
        ("我 不 知 道", "不 知 道"),  # spaces inside: offsets still into the text
        ("有意见你就告去", "有意见你就告去"),  # "…" in the pattern
        ("那你自己看著办吧", "你自己看著办"),  # 著 for 着
        ("这是ＩＣ卡表", "ＩＣ卡表"),  # full-width letters
    ],
)
def test_variants_are_caught_and_offsets_point_into_the_typed_text(text: str, matched: str) -> None:
    hits = check(text)
    assert len(hits) == 1
    assert text[hits[0].start : hits[0].end] == matched == hits[0].matched


def test_hits_are_in_order_and_do_not_overlap() -> None:
    text = "我不知道,你找领导去,反正我们不管。调压器坏了。"
    hits = check(text)
    assert [h.entry_id for h in hits] == ["bu-zhi-dao", "zhao-ling-dao-qu", "bu-guan", "tiao-ya-qi"]
    assert all(a.end <= b.start for a, b in itertools.pairwise(hits))


def test_a_vetoed_place_does_not_hide_a_later_hit() -> None:
    assert [h.matched for h in check("不管道不管")] == ["不管"]
    assert check("不管道不管")[0].start == 3


def test_an_empty_checker_finds_nothing() -> None:
    assert Checker().check("不知道") == []
    assert check("") == []


def test_a_500_character_note_is_checked_in_well_under_a_millisecond() -> None:
    note = ("客户反映燃气表不走字,已告知先关闭表前阀,我会安排维修师傅明天上门。" * 20)[:500]
    check(note)
    runs = 200
    t = time.perf_counter()
    for _ in range(runs):
        check(note)
    per_check = (time.perf_counter() - t) / runs
    assert per_check < 0.002  # generous for a loaded CI machine; typically ~0.15 ms
