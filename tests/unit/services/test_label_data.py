"""The printing service hands the renderer parties already masked."""

from __future__ import annotations

import pytest

from courier.domain.case import CaseStatus
from courier.domain.errors import InvalidValue
from courier.domain.leg import Leg, LegStatus, Routing
from courier.services.labels import label_data, label_size
from labels import PdfLabelRenderer
from tests import factories
from tests.unit.labels.support import page_texts


def booked_result_leg() -> Leg:
    case = factories.originals_received(factories.case())
    case.advance(CaseStatus.IN_REVIEW)
    case.advance(CaseStatus.DECIDED)
    leg = case.plan_result_leg(factories.department(), factories.hall(), factories.shipping())
    leg.move_to(LegStatus.BOOKING)
    leg.record_waybill("1151238971060", Routing(mark_destination_name="北京东城"), factories.NOW)
    return leg


def test_label_data_carries_masked_names_phones_and_streets() -> None:
    data = label_data(booked_result_leg(), "BJ2026112600001", factories.NOW, "https://c.gov", False)

    assert (data.receiver.name, data.receiver.phone) == ("张*明", "131******07")
    assert data.receiver.street == "人民路100号阳光小区****"
    assert (data.sender.name, data.sender.phone) == ("王*件", "0571******21")
    assert data.tracking_url == "https://c.gov/t/1151238971060"


def test_the_printed_label_of_a_leg_shows_only_masked_forms() -> None:
    data = label_data(booked_result_leg(), "BJ2026112600001", factories.NOW, "https://c.gov", False)

    text = page_texts(PdfLabelRenderer().render_labels([data], "100x150"))[0].replace("\n", "")

    assert "张*明" in text and "131******07" in text and "0571******21" in text
    for secret in ("张小明", "13112341907", "王收件", "87654321", "3栋", "2单元", "501室"):
        assert secret not in text


def test_label_size_defaults_to_100x150_and_ignores_case() -> None:
    assert (label_size(None), label_size(""), label_size("76X130")) == ("100x150",) * 2 + (
        "76x130",
    )


@pytest.mark.parametrize("value", [100, ["100x150"], "A4", True])
def test_a_size_that_is_not_a_known_stock_name_is_refused_on_the_size_field(value: object) -> None:
    with pytest.raises(InvalidValue) as refused:
        label_size(value)
    assert refused.value.field == "size"


def test_leg_ids_beyond_the_database_integer_range_are_refused_on_the_field() -> None:
    from courier.domain.errors import InvalidValue
    from courier.services.labels import leg_ids

    assert leg_ids([1, 2**31 - 1]) == [1, 2**31 - 1]
    with pytest.raises(InvalidValue) as refused:
        leg_ids([1, 2**31])
    assert refused.value.field == "leg_ids"
