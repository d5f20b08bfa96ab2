"""The production carrier: builders → envelope → breaker-guarded transport → parsers."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TypeVar

from lxml import etree

from courier.ports.carrier import (
    CarrierBooking,
    CarrierError,
    CarrierParty,
    CarrierUnavailable,
    OrderRequest,
    ParsedAddress,
    TraceEvent,
)
from integrations.carrier.breaker import CircuitBreaker
from integrations.carrier.recording import CallRecorder
from integrations.carrier.soap import builders, parsers
from integrations.carrier.soap.builders import Arguments
from integrations.carrier.soap.contract import LoadedContract, load_contract
from integrations.carrier.soap.envelope import render_request, username_token
from integrations.carrier.soap.errors import protocol_error
from integrations.carrier.soap.journal import Exchange, record_exchange
from integrations.carrier.soap.reply import read_payload
from integrations.carrier.soap.settings import CarrierClientSettings
from integrations.carrier.soap.transport import SoapTransport

Result = TypeVar("Result")


class SoapCarrier:
    """The `Carrier` port over the SOAP contract."""

    def __init__(
        self, settings: CarrierClientSettings, breaker: CircuitBreaker, recorder: CallRecorder
    ) -> None:
        self._settings = settings
        self._breaker = breaker
        self._recorder = recorder
        self._transport = SoapTransport(settings)
        self._security = username_token(settings.username, settings.password)
        self._loaded: tuple[int, LoadedContract] | None = None

    def create_order(self, order: OrderRequest) -> CarrierBooking:
        exchange = Exchange("CreateOrder", order.logistics_order_no)
        return self._call(exchange, builders.create_order(order), parsers.booking)

    def cancel_order(self, logistics_order_no: str, waybill_no: str, reason: str) -> None:
        exchange = Exchange("CancelOrder", logistics_order_no, waybill_no)
        arguments = builders.cancel_order(logistics_order_no, waybill_no, reason)
        self._call(exchange, arguments, parsers.cancelled)

    def query_order(self, logistics_order_no: str) -> list[CarrierBooking]:
        exchange = Exchange("QueryOrder", logistics_order_no)
        return self._call(exchange, builders.query_order(logistics_order_no), parsers.bookings)

    def query_trace(self, waybill_nos: list[str]) -> dict[str, list[TraceEvent]]:
        exchange = Exchange("QueryTrace", waybill_no=",".join(waybill_nos))
        return self._call(exchange, builders.query_trace(waybill_nos), parsers.traces)

    def parse_address(self, text: str) -> ParsedAddress:
        exchange = Exchange("ParseAddress")
        return self._call(exchange, builders.parse_address(text), parsers.parsed_address)

    def check_reachability(self, sender: CarrierParty, receiver: CarrierParty) -> bool:
        exchange = Exchange("CheckReachability")
        arguments = builders.check_reachability(sender, receiver)
        return self._call(exchange, arguments, parsers.reachable)

    def close(self) -> None:
        self._transport.close()

    def _call(
        self,
        exchange: Exchange,
        arguments: Arguments,
        parse: Callable[[etree._Element], Result],
    ) -> Result:
        try:
            result = self._guarded(exchange, arguments, parse)
        except CarrierError as error:
            record_exchange(self._recorder, exchange, error)
            raise
        if isinstance(result, CarrierBooking):
            exchange.waybill_no = result.waybill_no
        record_exchange(self._recorder, exchange, None)
        return result

    def _guarded(
        self,
        exchange: Exchange,
        arguments: Arguments,
        parse: Callable[[etree._Element], Result],
    ) -> Result:
        contract = self._contract()
        check = contract.schema.problem if self._settings.strict else None
        plan = contract.plans[exchange.operation]
        envelope = render_request(plan, arguments, self._security, check)
        self._breaker.before_call()
        exchange.request = envelope
        try:
            payload = self._send(exchange, contract)
        except CarrierUnavailable:
            self._breaker.record_failure()
            raise
        except CarrierError:
            self._breaker.record_success()  # the carrier answered: it is up
            raise
        self._breaker.record_success()
        try:
            return parse(payload)
        except ValueError as exc:
            raise protocol_error(str(exc)) from exc

    def _send(self, exchange: Exchange, contract: LoadedContract) -> etree._Element:
        soap_action = contract.soap_actions[exchange.operation]
        reply = self._transport.post(exchange.request, soap_action)
        exchange.response = reply.body
        schema = contract.schema if self._settings.strict else None
        return read_payload(reply.body, reply.status, exchange.operation, schema)

    def _contract(self) -> LoadedContract:
        """Load the contract in this process on first use (after any fork)."""
        if self._loaded is None or self._loaded[0] != os.getpid():
            settings = self._settings
            contract = load_contract(
                settings.wsdl_path, settings.xsd_path, settings.binding, settings.strict
            )
            self._loaded = (os.getpid(), contract)
        return self._loaded[1]
