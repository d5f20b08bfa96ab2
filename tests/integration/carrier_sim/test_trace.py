"""A parcel's tracking life on the manual clock, per scenario, through QueryTrace."""

from __future__ import annotations

import itertools

import pytest

from integrations.carrier.simulator.scenarios import SCENARIOS
from tests.integration.carrier_sim.conftest import Sim, order


def op_codes(sim: Sim, waybill_no: str) -> list[str]:
    traces = sim.zeep().service.QueryTrace(waybillNo=[waybill_no])
    return [event.opCode for event in traces[0].trace]


def test_a_new_order_has_no_events_until_the_carrier_accepts_it(sim: Sim):
    waybill_no = sim.zeep().service.CreateOrder(**order()).waybillNo

    assert op_codes(sim, waybill_no) == []
    sim.advance_stages(1)
    assert op_codes(sim, waybill_no) == ["203"]


def test_a_parcel_is_accepted_carried_and_delivered_one_stage_at_a_time(sim: Sim):
    service = sim.zeep().service
    waybill_no = service.CreateOrder(**order()).waybillNo

    sim.advance_stages(8)

    events = service.QueryTrace(waybillNo=[waybill_no])[0].trace
    assert [e.opCode for e in events] == ["203", "954", "305", "954", "389", "713", "702", "704"]
    assert events[-1].deliverCode == "10"
    assert events[0].opOrgName == "广州市天河区揽投部"
    assert events[3].opOrgName == "北京处理中心"
    assert events[-1].opOrgProvName == "北京市"
    times = [e.opTime for e in events]
    assert [(b - a).total_seconds() for a, b in itertools.pairwise(times)] == [60.0] * 7


def test_query_trace_answers_several_waybills_in_one_call_and_unknown_ones_empty(sim: Sim):
    service = sim.zeep().service
    first = service.CreateOrder(**order("A-1")).waybillNo
    second = service.CreateOrder(**order("A-2")).waybillNo
    sim.advance_stages(2)

    traces = service.QueryTrace(waybillNo=[first, second, "1000000000000"])

    assert [t.waybillNo for t in traces] == [first, second, "1000000000000"]
    assert [len(t.trace) for t in traces] == [2, 2, 0]


@pytest.mark.parametrize(
    ("scenario", "expected"),
    [
        ("failed_attempt", ["702", "705", "702", "704"]),
        ("refused", ["705", "708", "954", "389", "711"]),
        ("reversals", ["742", "702", "705", "744", "704", "743", "702", "704"]),
        ("address_changed", ["954", "756", "389"]),
        ("lost", ["651", "987", "988"]),
        ("locker", ["747", "748"]),
        ("acceptance_deleted", ["203", "207", "203"]),
    ],
)
def test_a_remark_marker_selects_the_parcel_scenario(sim: Sim, scenario: str, expected: list):
    waybill_no = sim.zeep().service.CreateOrder(**order(remark=f"[sim:{scenario}]")).waybillNo

    sim.advance_stages(len(SCENARIOS[scenario]))

    codes = op_codes(sim, waybill_no)
    assert len(codes) == len(SCENARIOS[scenario])
    assert " ".join(expected) in " ".join(codes)


def test_failed_attempt_reports_why_delivery_failed(sim: Sim):
    remark = "[sim:failed_attempt]"
    waybill_no = sim.zeep().service.CreateOrder(**order(remark=remark)).waybillNo
    sim.advance_stages(10)

    events = sim.zeep().service.QueryTrace(waybillNo=[waybill_no])[0].trace

    failed = next(e for e in events if e.opCode == "705")
    assert (failed.attemptDeliveryCode, failed.deliverCode) == ("4", None)
    assert events[-1].deliverCode == "20"


def test_the_admin_endpoint_chooses_the_scenario_for_one_order(sim: Sim):
    sim.admin("scenario", {"logisticsOrderNo": "LOST-1", "scenario": "lost"})
    lost = sim.zeep().service.CreateOrder(**order("LOST-1")).waybillNo
    other = sim.zeep().service.CreateOrder(**order("FINE-1")).waybillNo

    sim.advance_stages(8)

    assert op_codes(sim, lost)[-1] == "988"
    assert op_codes(sim, other)[-1] == "704"


def test_the_admin_endpoint_refuses_an_unknown_scenario(sim: Sim):
    reply = sim.http.post(f"{sim.url}/carrier/admin/scenario", json={"scenario": "teleport"})

    assert reply.status_code == 400


def test_reset_forgets_every_order(sim: Sim):
    sim.zeep().service.CreateOrder(**order())

    sim.admin("reset")

    assert sim.zeep().service.QueryOrder(logisticsOrderNo="CASE-2024-0001-O").waybill == []
