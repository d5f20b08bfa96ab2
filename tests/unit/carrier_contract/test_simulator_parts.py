"""The simulator's pure parts: numbers, routing, scenarios, fault picking."""

from __future__ import annotations

from datetime import timedelta

import pytest

from integrations.carrier.simulator import FaultKind, FaultRule, ManualClock
from integrations.carrier.simulator.book import scenario_from_remark
from integrations.carrier.simulator.faults import FaultInjector
from integrations.carrier.simulator.numbers import (
    PRODUCTS,
    NumberState,
    WaybillNumbers,
    s10_check_digit,
)
from integrations.carrier.simulator.parcels import Parcel, events_so_far
from integrations.carrier.simulator.routing import locate, routing_for
from integrations.carrier.soapserver import SoapFault


def test_the_s10_check_digit_matches_the_upu_example():
    assert s10_check_digit("12345678") == "5"  # EA123456785CN


@pytest.mark.parametrize(("product", "first"), [("1", "1"), ("2", "9"), ("11", "8")])
def test_domestic_numbers_have_13_digits_and_the_product_prefix(product: str, first: str):
    number = WaybillNumbers(seed=1).allocate(PRODUCTS[product])

    assert len(number) == 13 and number.isdigit() and number[0] == first


def test_numbers_are_unique_and_repeat_for_the_same_seed_and_counters():
    def issue(state: NumberState | None = None) -> list[str]:
        numbers = WaybillNumbers(seed=7, state=state)
        return [numbers.allocate(PRODUCTS["1"]) for _ in range(200)]

    def from_zero() -> NumberState:
        return NumberState({"domestic": 0, "international": 0, "push": 0})

    assert issue(from_zero()) == issue(from_zero())
    assert len(set(issue())) == 200


def test_a_fresh_allocator_with_the_same_seed_never_repeats_a_number():
    first = WaybillNumbers(seed=7)
    issued = {first.allocate(PRODUCTS["1"]) for _ in range(200)}
    second = WaybillNumbers(seed=7)  # restarted within the same millisecond
    assert issued.isdisjoint({second.allocate(PRODUCTS["1"]) for _ in range(200)})


def test_an_exhausted_range_is_a_business_fault():
    numbers = WaybillNumbers(capacity=1)
    numbers.allocate(PRODUCTS["1"])

    with pytest.raises(SoapFault) as raised:
        numbers.allocate(PRODUCTS["1"])

    assert (raised.value.code, raised.value.faultcode) == ("B0104", "Client")


def test_routing_marks_a_municipal_district_and_a_provincial_city():
    beijing = routing_for(locate("北京市", "北京市", "东城区"))
    guangzhou = routing_for(locate("广东省", "广州市", "天河区"))

    assert (beijing.mark_destination_name, beijing.package_code_name) == ("京-东城", "北京处理中心")
    assert (guangzhou.mark_destination_name, guangzhou.package_code_name) == (
        "粤-广州",
        "广州处理中心",
    )


def test_events_fall_due_one_stage_at_a_time():
    clock = ManualClock()
    here = locate("北京市", "北京市", "东城区")
    parcel = Parcel("O-1", "1151238971060", routing_for(here), here, here, "delivered", clock.now())

    clock.advance(150)

    events = events_so_far(parcel, clock.now(), stage_seconds=60)
    assert [e["opCode"] for e in events] == ["203", "954"]
    assert events[1]["opTime"] == parcel.created_at + timedelta(seconds=120)


def test_a_remark_marker_names_a_known_scenario_only():
    assert scenario_from_remark("请轻放 [sim:refused]") == "refused"
    assert scenario_from_remark("[sim:teleport]") is None


def test_a_counted_fault_fires_for_its_operation_only_and_runs_out():
    injector = FaultInjector([FaultRule(FaultKind.SYSTEM_FAULT, "CreateOrder", count=1)])

    picks = [injector.pick(op) for op in ("QueryTrace", "CreateOrder", "CreateOrder")]

    assert [p and p.kind for p in picks] == [None, FaultKind.SYSTEM_FAULT, None]


def test_a_probable_fault_is_deterministic_for_a_seed():
    def picks() -> list[bool]:
        injector = FaultInjector([FaultRule(FaultKind.LATENCY, probability=0.3)], seed=3)
        return [injector.pick("QueryOrder") is not None for _ in range(50)]

    assert picks() == picks()
    assert 0 < sum(picks()) < 50


def test_a_parcels_life_starts_when_the_postman_collects_it_after_the_pickup_delay():
    clock = ManualClock()
    here = locate("北京市", "北京市", "东城区")
    parcel = Parcel("O-1", "1151238971060", routing_for(here), here, here, "delivered", clock.now())

    assert events_so_far(parcel, clock.now() + timedelta(seconds=3599), 60, 3600) == []
    events = events_so_far(parcel, clock.now() + timedelta(seconds=3660), 60, 3600)

    assert [e["opCode"] for e in events] == ["203", "954"]
    assert events[0]["opTime"] == parcel.created_at + timedelta(hours=1)
    assert parcel.accepted_at(60, 3600) == parcel.created_at + timedelta(hours=1)
