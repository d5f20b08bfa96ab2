"""Booking, duplicates, cancelling and querying orders over real HTTP, on both protocols.

Tests taking `carrier_front` run once over SOAP and once over the EMS open platform, through
the real client of each. Those taking `sim` stay SOAP-only: they post raw SOAP or use zeep to
check the SOAP front's own envelope (namespace, fault code, CarrierFault detail).
"""

from __future__ import annotations

import pytest
import zeep

from courier.ports.carrier import CarrierBusinessError, InsuranceFlag
from integrations.carrier.contract import CARRIER_NS
from integrations.carrier.simulator import DuplicateOrders
from integrations.carrier.simulator.numbers import s10_check_digit
from tests.carrier_protocols import CarrierFront, running_front, sample_order
from tests.integration.carrier_sim.conftest import Sim, fault_detail, order, reply_body

NUMBER = "CASE-2024-0001-O"


def test_an_order_gets_a_domestic_waybill_with_label_routing(carrier_front: CarrierFront):
    booking = carrier_front.client().create_order(sample_order())

    assert booking.logistics_order_no == NUMBER
    assert len(booking.waybill_no) == 13 and booking.waybill_no.isdigit()
    assert booking.waybill_no.startswith("1")
    assert booking.mark_destination_name == "京-东城"
    assert booking.package_code_name == "北京处理中心"
    assert booking.route_code == "110-101"


def test_a_parcel_product_gets_a_number_of_its_own_range(carrier_front: CarrierFront):
    booking = carrier_front.client().create_order(sample_order(biz_product_no="2"))

    assert booking.waybill_no.startswith("9")


def test_international_product_gets_a_upu_s10_number_with_a_correct_check_digit(
    carrier_front: CarrierFront,
):
    waybill_no = carrier_front.client().create_order(sample_order(biz_product_no="10")).waybill_no

    assert waybill_no[0] == "E" and waybill_no.endswith("CN") and len(waybill_no) == 13
    assert waybill_no[10] == s10_check_digit(waybill_no[2:10])


def test_repeated_order_number_is_answered_with_the_same_waybill_when_deduplicating(
    carrier_front: CarrierFront,
):
    carrier = carrier_front.client()

    first = carrier.create_order(sample_order()).waybill_no
    second = carrier.create_order(sample_order()).waybill_no

    assert first == second
    assert len(carrier.query_order(NUMBER)) == 1


def test_repeated_order_number_creates_a_second_waybill_visible_through_query_order(
    carrier_front: CarrierFront,
):
    with running_front(carrier_front.protocol, duplicate_orders=DuplicateOrders.NEW_WAYBILL) as f:
        carrier = f.client()
        first = carrier.create_order(sample_order()).waybill_no
        second = carrier.create_order(sample_order()).waybill_no
        listed = carrier.query_order(NUMBER)

    assert first != second
    assert [b.waybill_no for b in listed] == [first, second]
    assert [b.cancelled for b in listed] == [False, False]


def test_repeated_order_number_is_a_business_error_when_the_gateway_rejects_repeats(
    carrier_front: CarrierFront,
):
    with running_front(carrier_front.protocol, duplicate_orders=DuplicateOrders.REJECT) as f:
        carrier = f.client()
        carrier.create_order(sample_order())
        with pytest.raises(CarrierBusinessError) as refused:
            carrier.create_order(sample_order())

    assert refused.value.code == "B0101"
    assert f"duplicate order {NUMBER}" in refused.value.message


def test_cancel_before_acceptance_marks_the_waybill_cancelled(carrier_front: CarrierFront):
    carrier = carrier_front.client()
    waybill_no = carrier.create_order(sample_order()).waybill_no

    carrier.cancel_order(NUMBER, waybill_no, "申请人撤回")

    assert carrier.query_order(NUMBER)[0].cancelled is True
    assert carrier.query_trace([waybill_no])[waybill_no] == []


def test_cancel_after_acceptance_is_a_business_error(carrier_front: CarrierFront):
    carrier = carrier_front.client()
    waybill_no = carrier.create_order(sample_order()).waybill_no
    carrier_front.advance_stages(1)  # 203 accepted

    with pytest.raises(CarrierBusinessError) as refused:
        carrier.cancel_order(NUMBER, waybill_no, "x")

    assert refused.value.code == "B0103"


def test_cancelling_an_order_never_received_is_a_business_error(carrier_front: CarrierFront):
    with pytest.raises(CarrierBusinessError) as refused:
        carrier_front.client().cancel_order("NO-SUCH", "1151238971060", "撤回")

    assert refused.value.code == "B0102"


def test_query_order_for_an_order_never_received_lists_no_waybill(carrier_front: CarrierFront):
    assert carrier_front.client().query_order("NEVER-SENT") == []


def test_raw_soap_request_gets_a_reply_in_the_contract_namespace(sim: Sim):
    response = sim.post("CreateOrder", order(bizProductNo="2"))

    body = reply_body(response)
    assert response.status_code == 200
    assert body.tag == f"{{{CARRIER_NS}}}CreateOrderResponse"
    assert body.findtext(f"{{{CARRIER_NS}}}waybillNo").startswith("9")


def test_a_rejected_repeat_is_a_soap_client_fault_with_the_contract_detail(make_sim):
    sim = make_sim(duplicate_orders=DuplicateOrders.REJECT)
    sim.post("CreateOrder", order())

    detail = fault_detail(sim.post("CreateOrder", order()))

    assert detail == {
        "faultcode": "soap:Client",
        "code": "B0101",
        "class": "business",
        "message": "duplicate order CASE-2024-0001-O",
    }


def test_zeep_sees_a_business_fault_with_the_contract_detail(sim: Sim):
    service = sim.zeep().service

    with pytest.raises(zeep.exceptions.Fault) as raised:
        service.CancelOrder(
            logisticsOrderNo="NO-SUCH", waybillNo="1151238971060", cancelReason="撤回"
        )

    detail = raised.value.detail.find(f"{{{CARRIER_NS}}}CarrierFault")
    assert raised.value.code.endswith("Client")
    assert detail.findtext(f"{{{CARRIER_NS}}}code") == "B0102"
    assert detail.findtext(f"{{{CARRIER_NS}}}class") == "business"


def test_declared_value_without_an_amount_is_a_business_error(carrier_front: CarrierFront):
    order_ = sample_order(insurance_flag=InsuranceFlag.DECLARED_VALUE)
    with pytest.raises(CarrierBusinessError) as refused:
        carrier_front.client().create_order(order_)

    assert refused.value.code == "B0107"


def test_unknown_product_is_a_business_error(carrier_front: CarrierFront):
    with pytest.raises(CarrierBusinessError) as refused:
        carrier_front.client().create_order(sample_order(biz_product_no="99"))

    assert refused.value.code == "B0106"
