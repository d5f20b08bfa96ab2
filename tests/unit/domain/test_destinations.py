"""A new leg's destination is said in words from the applicant's choice, masked."""

from __future__ import annotations

from courier.domain.case import ResultDelivery
from courier.domain.destinations import destination_words
from courier.domain.leg import LegKind
from tests import factories

HALL, DEPARTMENT = "东城政务服务中心", "杭州市民政局"


def test_a_mailed_result_goes_to_the_applicants_masked_address() -> None:
    words = destination_words(factories.case(), LegKind.RESULT, HALL, DEPARTMENT)
    assert words.startswith("寄往申请人 张*") and "（申请人选择邮寄送达）" in words
    assert "张小明" not in words


def test_a_result_for_window_pickup_goes_to_the_hall() -> None:
    case = factories.case(delivery=ResultDelivery.PICKUP_AT_HALL)
    words = destination_words(case, LegKind.RESULT, HALL, DEPARTMENT)
    assert words == f"寄往受理大厅 {HALL}，申请人到窗口领取（申请人选择大厅窗口自取）"


def test_originals_go_to_the_department_and_back_to_the_applicant() -> None:
    case = factories.case()
    assert (
        destination_words(case, LegKind.ORIGINALS, HALL, DEPARTMENT) == f"由{HALL}寄往{DEPARTMENT}"
    )
    back = destination_words(case, LegKind.ORIGINALS_RETURN, HALL, DEPARTMENT)
    assert back.startswith(f"由{DEPARTMENT}退还申请人 张*")
