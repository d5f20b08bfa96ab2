"""A late commit creates the order only later (both protocols); a restart re-issues no number."""

from __future__ import annotations

from pathlib import Path

import pytest

from courier.ports.carrier import CarrierOutcomeUnknown
from integrations.carrier.simulator import CarrierSimulator, FaultKind, SimulatorSettings
from integrations.carrier.simulator.numbers import PRODUCTS
from tests.carrier_protocols import CarrierFront, sample_order

DOMESTIC, INTERNATIONAL = PRODUCTS["1"], PRODUCTS["10"]


def waybills(front: CarrierFront) -> list[str]:
    return [b.waybill_no for b in front.client().query_order("CASE-2024-0001-O")]


def test_a_late_commit_answers_nothing_and_creates_the_order_after_its_delay(
    carrier_front: CarrierFront,
):
    carrier_front.inject(FaultKind.LATE_COMMIT, operation="CreateOrder", count=1, seconds=300)

    with pytest.raises(CarrierOutcomeUnknown):
        carrier_front.client(read_timeout=0.3).create_order(sample_order())

    assert waybills(carrier_front) == []  # an immediate order query sees nothing
    carrier_front.admin("advance", {"seconds": 299})
    assert waybills(carrier_front) == []
    carrier_front.admin("advance", {"seconds": 1})
    assert len(waybills(carrier_front)) == 1


def issue(simulator: CarrierSimulator, count: int) -> set[str]:
    numbers = simulator.carrier._numbers
    return {numbers.allocate(p) for p in (DOMESTIC, INTERNATIONAL) for _ in range(count)}


@pytest.mark.parametrize("kept", [True, False], ids=["state-dir", "time-origin"])
def test_a_restarted_simulator_issues_no_waybill_number_it_issued_before(
    tmp_path: Path, kept: bool
) -> None:
    settings = SimulatorSettings(state_dir=str(tmp_path) if kept else None, waybill_seed=7)
    first = CarrierSimulator(settings)
    before = issue(first, 200)
    first.close()
    second = CarrierSimulator(settings)  # same seed, same settings: a restart
    after = issue(second, 200)
    second.close()
    assert len(before) == len(after) == 400
    assert before.isdisjoint(after)
    assert all(len(n) == 13 and n.isdigit() for n in before if not n.endswith("CN"))


def test_the_state_file_keeps_counters_ahead_of_the_clock(tmp_path: Path) -> None:
    settings = SimulatorSettings(state_dir=str(tmp_path))
    first = CarrierSimulator(settings)
    issue(first, 1)
    last = first.numbers.peek("domestic")
    first.close()
    (tmp_path / "numbers.json").write_text(
        (tmp_path / "numbers.json").read_text().replace(str(last), str(last + 10**9))
    )
    second = CarrierSimulator(settings)
    assert second.numbers.peek("domestic") == last + 10**9
    second.close()


def test_push_serial_numbers_survive_a_reset_and_a_restart(tmp_path: Path) -> None:
    settings = SimulatorSettings(state_dir=str(tmp_path))
    first = CarrierSimulator(settings)
    used = first.numbers.next("push")
    first.reset()
    assert first.numbers.next("push") > used
    first.close()
    second = CarrierSimulator(settings)
    assert second.numbers.next("push") > used + 1
    second.close()
