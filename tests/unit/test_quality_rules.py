"""The quality checklist and sampling policy (resources/quality/quality.yaml): validated on
load, every item tied to a clause, every named criterion one the automatic score has."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from console.content import content, content_preview
from console.content.holiday_calendar import HolidayCalendar
from console.content.quality_rules import score_percent
from console.core.datafiles import ResourceError
from console.core.vocabulary import Criterion
from console.quality.reviews import weekly_share

SHIPPED = content.QUALITY.shipped_text()


def test_the_shipped_checklist_names_clauses_and_known_criteria() -> None:
    rules = content.QUALITY.parse(SHIPPED)
    assert all(i.clause.startswith(("GS ", "TN ")) for i in rules.checklist)
    named = {i.criterion for i in rules.checklist if i.criterion is not None}
    assert named <= {c.value for c in Criterion}
    assert named == {c.value for c in Criterion}, "every automatic criterion is on the list"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (("code: wording", "code: greeting"), "checklist"),  # listed twice
        (("clause: GS 4.4.3", "clause: ''"), "clause"),
        (("low_score_below: 80", "low_score_below: -1"), "low_score_below"),
        (
            ("acknowledge_within_working_days: 3", "acknowledge_within_working_days: 0"),
            "acknowledge",
        ),
        (("    criterion: no_taboo", "    criterion: No Taboo"), "criterion"),
    ],
)
def test_a_broken_file_is_refused_naming_the_field(change: tuple[str, str], field: str) -> None:
    assert change[0] in SHIPPED
    with pytest.raises(ResourceError) as e:
        content.QUALITY.parse(SHIPPED.replace(change[0], change[1], 1))
    assert "quality.yaml" in str(e.value)


def test_the_weekly_quota_spreads_over_the_week() -> None:
    monday = date(2026, 11, 16)
    shares = [weekly_share(5, date(2026, 11, 16 + i)) for i in range(7)]
    assert monday.isoweekday() == 1
    assert shares == [1, 2, 3, 3, 4, 5, 5]  # ceil(5·d/7)


def test_the_review_score_counts_the_applicable_items_rounding_half_up() -> None:
    assert score_percent({"a": "pass", "b": "fail", "c": "not_applicable"}) == 50
    assert score_percent({"a": "pass", "b": "pass", "c": "fail"}) == 67
    assert score_percent({"a": "not_applicable"}) is None


def test_the_editor_previews_the_policy_and_each_clause() -> None:
    rules = content.QUALITY.parse(SHIPPED)
    lines = content_preview.preview(rules, "1001", datetime.now(UTC), HolidayCalendar.load())
    assert lines[0].startswith("抽检 · 每人每周随机 5 通;自动评分低于 80 分")
    assert "GS 4.5 不使用禁忌用语(自动:no_taboo)" in lines
    assert "GS 15.2.7 信息确认后,按客户来电意图将业务分类处理" in lines  # the reviewer's own
