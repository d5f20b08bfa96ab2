"""The simulator's thread-safe, in-memory order book."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable

from integrations.carrier.simulator.parcels import Parcel
from integrations.carrier.simulator.scenarios import SCENARIOS
from integrations.carrier.simulator.settings import DuplicateOrders
from integrations.carrier.soapserver import FaultCode, SoapFault

SCENARIO_MARKER = re.compile(r"\[sim:([a-z_]+)\]")

ParcelFactory = Callable[[str], Parcel]  # scenario → a new parcel with a fresh waybill


def scenario_from_remark(remark: str) -> str | None:
    """Return the scenario asked for by a `[sim:name]` marker in the order's remark."""
    marker = SCENARIO_MARKER.search(remark)
    return marker.group(1) if marker and marker.group(1) in SCENARIOS else None


class OrderBook:
    """Orders by logisticsOrderNo, parcels by waybillNo, and scenario choices."""

    def __init__(self, duplicates: DuplicateOrders, default_scenario: str) -> None:
        self._duplicates = duplicates
        self._default_scenario = default_scenario
        self._orders: dict[str, list[Parcel]] = {}
        self._parcels: dict[str, Parcel] = {}
        self._order_scenarios: dict[str, str] = {}
        self._lock = threading.RLock()

    def set_scenario(self, scenario: str, logistics_order_no: str | None = None) -> None:
        """Choose the scenario of one coming order, or of all coming orders."""
        if scenario not in SCENARIOS:
            raise ValueError(f"unknown scenario {scenario!r}")
        with self._lock:
            if logistics_order_no:
                self._order_scenarios[logistics_order_no] = scenario
            else:
                self._default_scenario = scenario

    def scenario_for(self, logistics_order_no: str, remark: str) -> str:
        with self._lock:
            chosen = self._order_scenarios.get(logistics_order_no, self._default_scenario)
        return scenario_from_remark(remark) or chosen

    def book(self, logistics_order_no: str, scenario: str, new_parcel: ParcelFactory) -> Parcel:
        """Create a parcel, or apply the duplicate policy to a repeated order number."""
        with self._lock:
            existing = [p for p in self._orders.get(logistics_order_no, []) if not p.cancelled]
            if existing and self._duplicates is DuplicateOrders.DEDUPLICATE:
                return existing[-1]
            if existing and self._duplicates is DuplicateOrders.REJECT:
                raise SoapFault(FaultCode.DUPLICATE_ORDER, f"duplicate order {logistics_order_no}")
            parcel = new_parcel(scenario)
            self._orders.setdefault(logistics_order_no, []).append(parcel)
            self._parcels[parcel.waybill_no] = parcel
            return parcel

    def cancel(
        self, logistics_order_no: str, waybill_no: str, accepted: Callable[[Parcel], bool]
    ) -> Parcel:
        """Mark a waybill cancelled unless the carrier has already accepted the parcel."""
        with self._lock:
            parcel = self._parcels.get(waybill_no)
            if parcel is None or parcel.logistics_order_no != logistics_order_no:
                raise SoapFault(FaultCode.NOT_FOUND, f"no waybill {waybill_no} for this order")
            if not parcel.cancelled and accepted(parcel):
                raise SoapFault(FaultCode.NOT_CANCELLABLE, "parcel already accepted (203)")
            parcel.cancelled = True
            return parcel

    def for_order(self, logistics_order_no: str) -> list[Parcel]:
        with self._lock:
            return list(self._orders.get(logistics_order_no, []))

    def parcel(self, waybill_no: str) -> Parcel | None:
        with self._lock:
            return self._parcels.get(waybill_no)

    def parcels(self) -> list[Parcel]:
        with self._lock:
            return list(self._parcels.values())
