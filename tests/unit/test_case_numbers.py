"""Case numbers as typed (工单号) and addresses in walking order: pure functions."""

from __future__ import annotations

import pytest

from console.cases.cases import check_case_no
from console.core.errors import UserFacingError
from console.customers.customers import walking_order


@pytest.mark.parametrize(
    "typed",
    ["G2026-00123", "g2026-123", "G202600123", "2026-00123", " Ｇ２０２６－００１２３ "],
)
def test_a_case_number_is_read_however_it_is_typed(typed: str) -> None:
    assert check_case_no(typed) == "G2026-00123"


@pytest.mark.parametrize("typed", ["", "G26-1", "工单123", "00000000-0000-4000-8000-000000000001"])
def test_what_is_not_a_case_number_is_refused(typed: str) -> None:
    with pytest.raises(UserFacingError, match="case.bad_number"):
        check_case_no(typed)


def test_addresses_sort_in_walking_order_not_text_order() -> None:
    addresses = [
        ("泰山花园", "10", "1", "304"),
        ("泰山花园", "2", "1", "1904"),
        ("泰山花园", "1", "2", "104"),
        ("泰山花园", "2", "1", "304"),
        ("泰山花园", "1", "10", "101"),
        ("岱宗小区", "3", "1", "101"),
    ]
    assert sorted(addresses, key=lambda a: walking_order(*a)) == [
        ("岱宗小区", "3", "1", "101"),
        ("泰山花园", "1", "2", "104"),
        ("泰山花园", "1", "10", "101"),
        ("泰山花园", "2", "1", "304"),
        ("泰山花园", "2", "1", "1904"),
        ("泰山花园", "10", "1", "304"),
    ]
