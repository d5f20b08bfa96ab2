"""A parcel's tracking life on the manual clock, per scenario, through the tracking query.

Tests taking `carrier_front` run over SOAP (QueryTrace) and the EMS open platform (040001),
through the real client of each; the admin endpoint's refusal is protocol-free and runs once.
"""

from __future__ import annotations

import itertools

import pytest

from courier.ports.carrier import TraceEvent
from integrations.carrier.simulator.scenarios import SCENARIOS
from tests.carrier_protocols import CarrierFront, sample_order
from tests.integration.carrier_sim.conftest import Sim


def booked(front: CarrierFront, number: str = "CASE-2024-0001-O", remark: str = "") -> str:
    return front.client().create_order(sample_order(number, remark=remark)).waybill_no


def events(front: CarrierFront, waybill_no: str) -> list[TraceEvent]:
    return front.client().query_trace([waybill_no])[waybill_no]


def op_codes(front: CarrierFront, waybill_no: str) -> list[str]:
    return [event.op_code for event in events(front, waybill_no)]


def test_a_new_order_has_no_events_until_the_carrier_accepts_it(carrier_front: CarrierFront):
    waybill_no = booked(carrier_front)

    assert op_codes(carrier_front, waybill_no) == []
    carrier_front.advance_stages(1)
    assert op_codes(carrier_front, waybill_no) == ["203"]


def test_a_parcel_is_accepted_carried_and_delivered_one_stage_at_a_time(
    carrier_front: CarrierFront,
):
    waybill_no = booked(carrier_front)

    carrier_front.advance_stages(8)

    trace = events(carrier_front, waybill_no)
    assert [e.op_code for e in trace] == ["203", "954", "305", "954", "389", "713", "702", "704"]
    assert trace[-1].deliver_code == "10"
    assert trace[0].op_org_name == "广州市天河区揽投部"
    assert trace[3].op_org_name == "北京处理中心"
    assert trace[-1].op_org_prov_name == "北京市"
    times = [e.op_time for e in trace]
    assert [(b - a).total_seconds() for a, b in itertools.pairwise(times)] == [60.0] * 7


def test_one_query_answers_several_waybills_and_unknown_ones_empty(carrier_front: CarrierFront):
    first, second = booked(carrier_front, "A-1"), booked(carrier_front, "A-2")
    carrier_front.advance_stages(2)

    traces = carrier_front.client().query_trace([first, second, "1000000000000"])

    assert {number: len(trace) for number, trace in traces.items()} == {
        first: 2,
        second: 2,
        "1000000000000": 0,
    }


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
def test_a_remark_marker_selects_the_parcel_scenario(
    carrier_front: CarrierFront, scenario: str, expected: list[str]
):
    waybill_no = booked(carrier_front, remark=f"[sim:{scenario}]")

    carrier_front.advance_stages(len(SCENARIOS[scenario]))

    codes = op_codes(carrier_front, waybill_no)
    assert len(codes) == len(SCENARIOS[scenario])
    assert " ".join(expected) in " ".join(codes)


def test_failed_attempt_reports_why_delivery_failed(carrier_front: CarrierFront):
    waybill_no = booked(carrier_front, remark="[sim:failed_attempt]")
    carrier_front.advance_stages(10)

    trace = events(carrier_front, waybill_no)

    failed = next(e for e in trace if e.op_code == "705")
    assert (failed.attempt_delivery_code, failed.deliver_code) == ("4", "")
    assert trace[-1].deliver_code == "20"


def test_the_admin_endpoint_chooses_the_scenario_for_one_order(carrier_front: CarrierFront):
    carrier_front.admin("scenario", {"logisticsOrderNo": "LOST-1", "scenario": "lost"})
    lost, other = booked(carrier_front, "LOST-1"), booked(carrier_front, "FINE-1")

    carrier_front.advance_stages(8)

    assert op_codes(carrier_front, lost)[-1] == "988"
    assert op_codes(carrier_front, other)[-1] == "704"


def test_the_admin_endpoint_refuses_an_unknown_scenario(sim: Sim):
    reply = sim.http.post(f"{sim.url}/carrier/admin/scenario", json={"scenario": "teleport"})

    assert reply.status_code == 400


def test_reset_forgets_every_order(carrier_front: CarrierFront):
    booked(carrier_front)

    carrier_front.admin("reset")

    assert carrier_front.client().query_order("CASE-2024-0001-O") == []
