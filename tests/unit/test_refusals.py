"""A refusal the database raises by itself carries no details (no job number, no role):
it is still said in words, never with a ``{placeholder}`` left in the sentence."""

from __future__ import annotations

import pytest

from console.core.errors import UserFacingError
from console.core.messages import describe
from db.errors import PG_CODES, SQLITE_MESSAGES


@pytest.mark.parametrize("language", ["zh_CN", "en"])
@pytest.mark.parametrize("message_id", sorted({*PG_CODES.values(), *SQLITE_MESSAGES.values()}))
def test_every_database_refusal_reads_without_details(message_id: str, language: str) -> None:
    text = describe(UserFacingError(message_id), language)
    assert "{" not in text and "}" not in text, text
    assert message_id not in text  # a sentence, not the id


def test_the_detailed_sentence_is_kept_when_the_details_are_known() -> None:
    text = describe(UserFacingError("handover.not_author", job_no="1001"))
    assert text == "只有交班人(工号 1001)可以修改交接班备注。"
