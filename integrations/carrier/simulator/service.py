"""One simulated carrier: SOAP requests in, HTTP answers out (faults included)."""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import IO

from integrations.carrier.contract import CARRIER_NS, CARRIER_XSD
from integrations.carrier.simulator.book import OrderBook
from integrations.carrier.simulator.faults import FaultInjector, LateCommits
from integrations.carrier.simulator.numbers import NumberState, WaybillNumbers
from integrations.carrier.simulator.operations import SimulatedCarrier
from integrations.carrier.simulator.pusher import TracePusher
from integrations.carrier.simulator.settings import FaultKind, FaultRule, SimulatorSettings
from integrations.carrier.soapserver import (
    ContractSchema,
    FaultCode,
    IncomingRequest,
    SoapFault,
    SoapRequest,
    build_fault,
    build_reply,
)

log = logging.getLogger(__name__)
XML = "text/xml; charset=utf-8"
GATEWAY_PAGE = b"<html><body><h1>Service Unavailable</h1></body></html>"


@functools.cache
def carrier_schema() -> ContractSchema:
    return ContractSchema.from_xsd(CARRIER_XSD)


@dataclass(frozen=True)
class HttpAnswer:
    status: int
    body: bytes
    content_type: str = XML


class CarrierSimulator:
    """The simulator's state and behaviour, independent of the web framework."""

    def __init__(self, settings: SimulatorSettings) -> None:
        self.settings = settings
        self.faults = FaultInjector(settings.faults, settings.fault_seed)
        self.late_commits = LateCommits()
        # Shared by every reset: a number once issued is never issued again.
        self.numbers = NumberState.open(settings.state_dir)
        self._release = threading.Event()
        self.book, self.carrier = self._fresh_carrier()
        self.pusher = TracePusher(settings, self.book, self.numbers)

    def _fresh_carrier(self) -> tuple[OrderBook, SimulatedCarrier]:
        book = OrderBook(self.settings.duplicate_orders, self.settings.default_scenario)
        numbers = WaybillNumbers(
            self.settings.waybill_seed, self.settings.waybill_capacity, self.numbers
        )
        return book, SimulatedCarrier(self.settings, book, numbers)

    def reset(self) -> None:
        """Forget every order and push, restore the configured faults, free hung calls."""
        self._release.set()
        self._release = threading.Event()
        self.late_commits.clear()
        self.book, self.carrier = self._fresh_carrier()
        self.faults.configure(self.settings.faults, self.settings.fault_seed)
        self.pusher.reset(self.book)

    def commit_late_orders(self) -> int:
        """Commit the late-commit requests whose time has come; return how many."""
        due = self.late_commits.take_due(self.settings.clock.now())
        for request in due:
            try:
                self.carrier.answer(request.operation, request.payload)
            except SoapFault as fault:  # as the real back end: nobody hears of it
                log.info("late commit refused: %s", fault.code)
        return len(due)

    def close(self) -> None:
        self._release.set()
        self.pusher.stop()

    def handle(self, stream: IO[bytes], length: int | None = None) -> HttpAnswer:
        """Answer one SOAP request as the carrier would, faults included.

        The header is read and the caller authenticated before the Body is parsed.
        """
        try:
            self.commit_late_orders()
            incoming = IncomingRequest(stream, length, self.settings.max_body_bytes)
            self._authenticate(incoming)
            request = incoming.read(CARRIER_NS)
            self._check(request)
            return self._answer(request, self.faults.pick(request.operation))
        except SoapFault as fault:
            return HttpAnswer(500, build_fault(fault, CARRIER_NS))

    def answer_checked(self, request: SoapRequest) -> HttpAnswer:
        """Answer a request another front has authenticated and read, faults included.

        Raise SoapFault where the carrier refuses; the front says it in its own protocol.
        """
        self.commit_late_orders()
        self._check(request)
        return self._answer(request, self.faults.pick(request.operation))

    def _authenticate(self, incoming: IncomingRequest) -> None:
        credentials = (self.settings.username, self.settings.password)
        if (incoming.username, incoming.password) != credentials:
            raise SoapFault(FaultCode.AUTHENTICATION, "authentication failed")

    def _check(self, request: SoapRequest) -> None:
        if request.operation not in self.carrier.operations:
            raise SoapFault(FaultCode.UNKNOWN_OPERATION, f"unknown operation {request.operation}")
        carrier_schema().validate(request.payload)

    def _reply(self, request: SoapRequest) -> HttpAnswer:
        return HttpAnswer(200, build_reply(self.carrier.answer(request.operation, request.payload)))

    def _hang(self, rule: FaultRule) -> None:
        self._release.wait(rule.seconds or self.settings.hang_seconds)

    def _answer(self, request: SoapRequest, rule: FaultRule | None) -> HttpAnswer:
        if rule is None:
            return self._reply(request)
        return FAULT_ACTIONS[rule.kind](self, request, rule)

    def _latency(self, request: SoapRequest, rule: FaultRule) -> HttpAnswer:
        self._release.wait(rule.seconds)
        return self._reply(request)

    def _no_answer(self, request: SoapRequest, rule: FaultRule) -> HttpAnswer:
        self._hang(rule)
        return HttpAnswer(504, b"", "text/plain")

    def _timeout_after_commit(self, request: SoapRequest, rule: FaultRule) -> HttpAnswer:
        answer = self._reply(request)  # the order exists now; the client never hears of it
        self._hang(rule)
        return answer

    def _late_commit(self, request: SoapRequest, rule: FaultRule) -> HttpAnswer:
        # Taken but not yet committed: an immediate QueryOrder finds nothing.
        due = self.settings.clock.now() + timedelta(seconds=rule.seconds)
        self.late_commits.add(due, request)
        self._release.wait(self.settings.hang_seconds)
        return HttpAnswer(504, b"", "text/plain")

    def _system_fault(self, request: SoapRequest, rule: FaultRule) -> HttpAnswer:
        raise SoapFault(rule.code or FaultCode.SYSTEM_BUSY, rule.message or "system busy")

    def _business_fault(self, request: SoapRequest, rule: FaultRule) -> HttpAnswer:
        message = rule.message or "waybill number range exhausted"
        raise SoapFault(rule.code or FaultCode.RANGE_EXHAUSTED, message)

    def _http_error(self, request: SoapRequest, rule: FaultRule) -> HttpAnswer:
        return HttpAnswer(rule.http_status, GATEWAY_PAGE, "text/html")

    def _malformed(self, request: SoapRequest, rule: FaultRule) -> HttpAnswer:
        reply = self._reply(request).body
        return HttpAnswer(200, reply[: len(reply) // 2])


FAULT_ACTIONS: dict[FaultKind, Callable[[CarrierSimulator, SoapRequest, FaultRule], HttpAnswer]] = {
    FaultKind.LATENCY: CarrierSimulator._latency,
    FaultKind.NO_ANSWER: CarrierSimulator._no_answer,
    FaultKind.TIMEOUT_AFTER_COMMIT: CarrierSimulator._timeout_after_commit,
    FaultKind.SYSTEM_FAULT: CarrierSimulator._system_fault,
    FaultKind.BUSINESS_FAULT: CarrierSimulator._business_fault,
    FaultKind.HTTP_ERROR: CarrierSimulator._http_error,
    FaultKind.MALFORMED: CarrierSimulator._malformed,
    FaultKind.LATE_COMMIT: CarrierSimulator._late_commit,
}
