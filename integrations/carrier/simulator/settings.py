"""How a simulator instance behaves: credentials, pace, duplicates, push, faults."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from integrations.carrier.simulator.clock import Clock, SystemClock


class DuplicateOrders(StrEnum):
    """What a repeated logisticsOrderNo does."""

    DEDUPLICATE = "dedupe"  # answer the waybill already created
    NEW_WAYBILL = "new_waybill"  # create a second waybill (both visible through QueryOrder)
    REJECT = "reject"  # business fault B0101, as some government gateways do


PROTOCOLS = ("soap", "ems-open")


class FaultKind(StrEnum):
    LATENCY = "latency"  # answer normally after `seconds`
    NO_ANSWER = "no_answer"  # hang until the client gives up (or `hang_seconds`)
    TIMEOUT_AFTER_COMMIT = "timeout_after_commit"  # do the work, then hang
    SYSTEM_FAULT = "system_fault"  # soap:Server fault, class system
    BUSINESS_FAULT = "business_fault"  # soap:Client fault, class business
    HTTP_ERROR = "http_error"  # a bare HTTP 5xx from a gateway, no SOAP
    MALFORMED = "malformed"  # HTTP 200 with truncated XML
    LATE_COMMIT = "late_commit"  # hang, answer nothing; create the order `seconds` later


@dataclass
class FaultRule:
    """One injected fault: which operation ('*' = all), how often, and its details."""

    kind: FaultKind
    operation: str = "*"
    count: int | None = None  # the next N matching calls; None = no limit
    probability: float = 1.0
    seconds: float = 0.0  # latency
    code: str = ""  # fault code; defaults per kind (S0001 / B0104)
    message: str = ""
    http_status: int = 503


@dataclass
class SimulatorSettings:
    """One simulator's behaviour; Courier derives the shared parts from its own settings.

    The credential defaults are Courier's documented development ones, so that a simulator
    and a Courier started with defaults agree (`courier.carrier_wiring` derives them).
    """

    username: str = "courier"
    password: str = field(default="courier-dev", repr=False)
    clock: Clock = field(default_factory=SystemClock)
    stage_seconds: float = 60.0  # accelerated time between two tracking events
    duplicate_orders: DuplicateOrders = DuplicateOrders.DEDUPLICATE
    default_scenario: str = "delivered"
    unreachable_provinces: frozenset[str] = frozenset()
    waybill_seed: int = 0
    waybill_capacity: int | None = None  # numbers left before B0104 range exhausted
    faults: tuple[FaultRule, ...] = ()
    fault_seed: int = 0
    hang_seconds: float = 30.0
    protocol: str = "soap"  # or "ems-open": which front is served and how tracking is pushed
    # The EMS open platform front: agreement customer number, authorization code, signKey.
    ems_sender_no: str = "1100000000000"
    ems_authorization: str = field(default="courier-ems-dev", repr=False)
    ems_sign_key: str = field(default="Y291cmllci1lbXMtZGV2IQ==", repr=False)
    push_url: str | None = None
    push_username: str = "carrier"
    push_password: str = field(default="carrier-dev", repr=False)
    push_interval_seconds: float = 2.0
    push_timeout_seconds: float = 5.0
    push_batch_size: int = 50
    push_duplicates: bool = False  # re-send every acknowledged batch once more
    push_out_of_order: bool = False  # send batches and their events newest first
    max_body_bytes: int = 1_000_000
    admin_token: str = field(default="", repr=False)  # Bearer token of /carrier/admin; "" = off
    state_dir: str | None = None  # keeps number counters across restarts (else time-based)
    # Booking → collection by the postman (203, where a parcel's life starts); None = one stage.
    pickup_delay_seconds: float | None = None

    @property
    def pace(self) -> tuple[float, float | None]:
        """Return (stage seconds, pickup delay) as events_so_far takes them."""
        return self.stage_seconds, self.pickup_delay_seconds
