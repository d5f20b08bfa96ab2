"""Booking, duplicates, cancelling and querying orders over real HTTP."""

from __future__ import annotations

import pytest
import zeep

from integrations.carrier.contract import CARRIER_NS
from integrations.carrier.simulator import DuplicateOrders
from integrations.carrier.simulator.numbers import s10_check_digit
from tests.integration.carrier_sim.conftest import Sim, SimFactory, fault_detail, order, reply_body


def test_zeep_client_books_an_order_and_gets_a_domestic_waybill_with_label_routing(sim: Sim):
    reply = sim.zeep().service.CreateOrder(**order())

    assert reply.logisticsOrderNo == "CASE-2024-0001-O"
    assert len(reply.waybillNo) == 13 and reply.waybillNo.isdigit()
    assert reply.waybillNo.startswith("1")
    assert reply.markDestinationName == "京-东城"
    assert reply.packageCodeName == "北京处理中心"
    assert reply.routeCode == "110-101"


def test_raw_soap_request_gets_a_reply_in_the_contract_namespace(sim: Sim):
    response = sim.post("CreateOrder", order(bizProductNo="2"))

    body = reply_body(response)
    assert response.status_code == 200
    assert body.tag == f"{{{CARRIER_NS}}}CreateOrderResponse"
    assert body.findtext(f"{{{CARRIER_NS}}}waybillNo").startswith("9")


def test_international_product_gets_a_upu_s10_number_with_a_correct_check_digit(sim: Sim):
    waybill_no = sim.zeep().service.CreateOrder(**order(bizProductNo="10")).waybillNo

    assert waybill_no[0] == "E" and waybill_no.endswith("CN") and len(waybill_no) == 13
    assert waybill_no[10] == s10_check_digit(waybill_no[2:10])


def test_repeated_order_number_is_answered_with_the_same_waybill_when_deduplicating(sim: Sim):
    service = sim.zeep().service

    first = service.CreateOrder(**order()).waybillNo
    second = service.CreateOrder(**order()).waybillNo

    assert first == second
    assert len(service.QueryOrder(logisticsOrderNo="CASE-2024-0001-O").waybill) == 1


def test_repeated_order_number_creates_a_second_waybill_visible_through_query_order(
    make_sim: SimFactory,
):
    service = make_sim(duplicate_orders=DuplicateOrders.NEW_WAYBILL).zeep().service

    first = service.CreateOrder(**order()).waybillNo
    second = service.CreateOrder(**order()).waybillNo

    listed = service.QueryOrder(logisticsOrderNo="CASE-2024-0001-O").waybill
    assert first != second
    assert [w.waybillNo for w in listed] == [first, second]
    assert [w.cancelled for w in listed] == [False, False]


def test_repeated_order_number_is_a_business_fault_when_the_gateway_rejects_repeats(
    make_sim: SimFactory,
):
    sim = make_sim(duplicate_orders=DuplicateOrders.REJECT)
    sim.post("CreateOrder", order())

    detail = fault_detail(sim.post("CreateOrder", order()))

    assert detail == {
        "faultcode": "soap:Client",
        "code": "B0101",
        "class": "business",
        "message": "duplicate order CASE-2024-0001-O",
    }


def test_cancel_before_acceptance_marks_the_waybill_cancelled(sim: Sim):
    service = sim.zeep().service
    waybill_no = service.CreateOrder(**order()).waybillNo

    reply = service.CancelOrder(
        logisticsOrderNo="CASE-2024-0001-O", waybillNo=waybill_no, cancelReason="申请人撤回"
    )

    assert reply.cancelled is True
    assert service.QueryOrder(logisticsOrderNo="CASE-2024-0001-O").waybill[0].cancelled is True
    assert service.QueryTrace(waybillNo=[waybill_no])[0].trace == []


def test_cancel_after_acceptance_is_a_business_fault(sim: Sim):
    waybill_no = sim.zeep().service.CreateOrder(**order()).waybillNo
    sim.advance_stages(1)  # 203 accepted

    cancel = {"logisticsOrderNo": "CASE-2024-0001-O", "waybillNo": waybill_no, "cancelReason": "x"}
    detail = fault_detail(sim.post("CancelOrder", cancel))

    assert (detail["code"], detail["class"]) == ("B0103", "business")


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


def test_query_order_for_an_order_never_received_lists_no_waybill(sim: Sim):
    assert sim.zeep().service.QueryOrder(logisticsOrderNo="NEVER-SENT").waybill == []


def test_declared_value_without_an_amount_is_a_business_fault(sim: Sim):
    detail = fault_detail(sim.post("CreateOrder", order(insuranceFlag=2)))

    assert detail["code"] == "B0107"


def test_unknown_product_is_a_business_fault(sim: Sim):
    assert fault_detail(sim.post("CreateOrder", order(bizProductNo="99")))["code"] == "B0106"
