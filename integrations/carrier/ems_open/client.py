"""The EMS open platform carrier: builders → envelope → breaker-guarded transport → parsers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar
from urllib.parse import urlencode

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
from integrations.carrier.ems_open import builders, codes, parsers
from integrations.carrier.ems_open.contract import problem_of
from integrations.carrier.ems_open.envelope import (
    FORM_CONTENT_TYPE,
    Credentials,
    compact,
    read_reply,
    request_form,
)
from integrations.carrier.ems_open.errors import (
    error_from_http_status,
    error_from_ret_code,
    protocol_error,
)
from integrations.carrier.ems_open.journal import record_exchange
from integrations.carrier.ems_open.settings import EmsOpenSettings
from integrations.carrier.recording import CallRecorder
from integrations.carrier.soap.errors import request_invalid
from integrations.carrier.soap.journal import Exchange
from integrations.carrier.soap.settings import CarrierClientSettings
from integrations.carrier.soap.transport import SoapTransport

Result = TypeVar("Result")
_HEADERS = {"Content-Type": FORM_CONTENT_TYPE, "Accept": "application/json"}


class EmsOpenCarrier:
    """The `Carrier` port over the EMS open platform (form POST, SM4-encrypted JSON)."""

    def __init__(
        self, settings: EmsOpenSettings, breaker: CircuitBreaker, recorder: CallRecorder
    ) -> None:
        self._breaker = breaker
        self._recorder = recorder
        self._credentials = Credentials(
            settings.sender_no, settings.authorization, settings.sign_key
        )
        # the HTTP part (pool, caps, timeouts, error mapping) is the SOAP client's, unchanged
        self._transport = SoapTransport(
            CarrierClientSettings(
                endpoint=settings.endpoint,
                connect_timeout=settings.connect_timeout,
                read_timeout=settings.read_timeout,
                max_response_bytes=settings.max_response_bytes,
                pool_maxsize=settings.pool_maxsize,
            )
        )

    def create_order(self, order: OrderRequest) -> CarrierBooking:
        exchange = Exchange("CreateOrder", order.logistics_order_no)
        return self._call(exchange, builders.create_order(order), parsers.booking)

    def cancel_order(self, logistics_order_no: str, waybill_no: str, reason: str) -> None:
        exchange = Exchange("CancelOrder", logistics_order_no, waybill_no)
        body = builders.cancel_order(logistics_order_no, waybill_no, reason)
        self._call(exchange, body, parsers.cancelled)

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
        body = builders.check_reachability(sender, receiver)
        return self._call(exchange, body, parsers.reachable)

    def close(self) -> None:
        self._transport.close()

    def _call(self, exchange: Exchange, body: Any, parse: Callable[[Any], Result]) -> Result:
        try:
            self._check(exchange, body)
            result = self._guarded(exchange, compact(body), parse)
        except CarrierError as error:
            record_exchange(self._recorder, exchange, error)
            raise
        if isinstance(result, CarrierBooking):
            exchange.waybill_no = result.waybill_no
        record_exchange(self._recorder, exchange, None)
        return result

    def _check(self, exchange: Exchange, body: Any) -> None:
        """Refuse, unsent and in staff's words, a body that breaks the contract's field rules."""
        problem = problem_of(exchange.operation, body)
        if problem is not None:
            exchange.request = compact(body).encode()
            raise request_invalid(problem)

    def _guarded(self, exchange: Exchange, body: str, parse: Callable[[Any], Result]) -> Result:
        self._breaker.before_call()  # an open breaker refuses before anything is sent or recorded
        api_code = codes.API_CODE_BY_OPERATION[exchange.operation]
        form = request_form(api_code, body, self._credentials, datetime.now(UTC))
        exchange.request = body.encode()  # the plain body is recorded (masked), never the form
        try:
            reply_body = self._send(exchange, urlencode(form).encode())
        except CarrierUnavailable:
            self._breaker.record_failure()
            raise
        except CarrierError:
            self._breaker.record_success()  # the platform answered: it is up
            raise
        self._breaker.record_success()
        try:
            return parse(reply_body)
        except ValueError as exc:
            raise protocol_error(str(exc)) from exc

    def _send(self, exchange: Exchange, form: bytes) -> Any:
        """Post the form; return the reply's body or raise the error the reply stands for."""
        reply = self._transport.send(form, _HEADERS)
        exchange.response = reply.body
        try:
            envelope = read_reply(reply.body)
        except ValueError as exc:
            if reply.status >= 500:
                raise error_from_http_status(reply.status) from None
            raise protocol_error(str(exc)) from None
        if not envelope.ok:
            raise error_from_ret_code(envelope.ret_code, envelope.ret_msg)
        if reply.status != 200:
            raise error_from_http_status(reply.status)
        return envelope.body
