"""Calls per second of our SOAP carrier client against a minimal hand-written lxml client.

Run: .venv/bin/python -m benchmarks.bench_carrier [--calls N] [--rounds R] [--profile]

The simulator runs in a child process on a free loopback port. Both clients make the same
calls over one keep-alive connection: CreateOrder, and QueryTrace returning 50 events.
"""

from __future__ import annotations

import argparse
import cProfile
import logging
import multiprocessing
import pstats
import statistics
import time
from collections.abc import Callable
from itertools import count
from typing import Any

import requests
from lxml import etree

from courier.ports.carrier import CarrierBooking, OrderRequest, TraceEvent
from integrations.carrier.breaker import InMemoryCircuitBreaker
from integrations.carrier.recording import InMemoryCallRecorder
from integrations.carrier.soap import CarrierClientSettings, build_carrier
from integrations.carrier.soap.contract import wsdl_parse_count
from integrations.carrier.traces import parse_op_time
from tests.unit.carrier_client.samples import PASSWORD, USERNAME, order

TARGETS = {"CreateOrder": 1.2, "QueryTrace (50 events)": 1.3}
TRACE_WAYBILLS = 5  # the failed_attempt scenario has 10 events per waybill
SOAP = "http://schemas.xmlsoap.org/soap/envelope/"
WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"
NS = "urn:courier:carrier:v1"
ADMIN_TOKEN = "bench-admin-token-0123456789"


def _serve(port_queue: Any) -> None:
    from werkzeug.serving import make_server

    from integrations.carrier.simulator import ManualClock, SimulatorSettings, create_simulator_app

    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    settings = SimulatorSettings(
        username=USERNAME, password=PASSWORD, clock=ManualClock(), admin_token=ADMIN_TOKEN
    )
    server = make_server("127.0.0.1", 0, create_simulator_app(settings), threaded=True)
    port_queue.put(server.server_port)
    server.serve_forever()


class HandWrittenCarrier:
    """The baseline: lxml to build and read, requests to send; no contract, no checks."""

    def __init__(self, endpoint: str) -> None:
        self.endpoint = endpoint
        self.session = requests.Session()

    def _envelope(self, operation: str) -> tuple[etree._Element, etree._Element]:
        envelope = etree.Element(f"{{{SOAP}}}Envelope", nsmap={"soap": SOAP})
        header = etree.SubElement(envelope, f"{{{SOAP}}}Header")
        token = etree.SubElement(
            etree.SubElement(header, f"{{{WSSE}}}Security", nsmap={"wsse": WSSE}),
            f"{{{WSSE}}}UsernameToken",
        )
        etree.SubElement(token, f"{{{WSSE}}}Username").text = USERNAME
        etree.SubElement(token, f"{{{WSSE}}}Password").text = PASSWORD
        body = etree.SubElement(envelope, f"{{{SOAP}}}Body")
        return envelope, etree.SubElement(body, f"{{{NS}}}{operation}", nsmap={None: NS})

    def _post(self, operation: str, envelope: etree._Element) -> etree._Element:
        reply = self.session.post(
            self.endpoint,
            data=etree.tostring(envelope, encoding="utf-8", xml_declaration=True),
            headers={"Content-Type": "text/xml; charset=utf-8", "SOAPAction": operation},
            timeout=(3, 10),
        )
        root = etree.fromstring(reply.content)
        return root.find(f"{{{SOAP}}}Body")[0]

    def create_order(self, request: OrderRequest) -> CarrierBooking:
        assert request.pickup_start and request.pickup_end
        envelope, payload = self._envelope("CreateOrder")
        fields = [
            ("logisticsOrderNo", request.logistics_order_no),
            ("customerNo", request.customer_no),
            ("bizProductNo", request.biz_product_no),
            ("contentsAttribute", str(int(request.contents_attribute))),
            ("weight", str(request.weight_grams)),
            ("insuranceFlag", str(int(request.insurance_flag))),
            ("insuranceAmount", str(request.insurance_amount)),
            ("paymentMode", str(int(request.payment_mode))),
            ("pickupType", str(int(request.pickup_type))),
            ("pickupStartTime", request.pickup_start.isoformat()),
            ("pickupEndTime", request.pickup_end.isoformat()),
            ("receiptFlag", "true" if request.receipt_flag else "false"),
            ("projectId", request.project_id),
            ("remark", request.remark),
        ]
        for name, value in fields:
            etree.SubElement(payload, f"{{{NS}}}{name}").text = value
        for role, party in (("sender", request.sender), ("receiver", request.receiver)):
            element = etree.SubElement(payload, f"{{{NS}}}{role}")
            for name, value in (
                ("name", party.name),
                ("mobile", party.mobile),
                ("postCode", party.post_code),
                ("prov", party.prov),
                ("city", party.city),
                ("county", party.county),
                ("address", party.address),
            ):
                etree.SubElement(element, f"{{{NS}}}{name}").text = value
        cargos = etree.SubElement(payload, f"{{{NS}}}cargos")
        for line in request.cargo:
            cargo = etree.SubElement(cargos, f"{{{NS}}}cargo")
            etree.SubElement(cargo, f"{{{NS}}}cargoName").text = line.name
            etree.SubElement(cargo, f"{{{NS}}}cargoQuantity").text = str(line.quantity)
        reply = self._post("CreateOrder", envelope)
        get = lambda tag: reply.findtext(f"{{{NS}}}{tag}") or ""  # noqa: E731
        return CarrierBooking(
            logistics_order_no=get("logisticsOrderNo"),
            waybill_no=get("waybillNo"),
            route_code=get("routeCode"),
            package_code=get("packageCode"),
            package_code_name=get("packageCodeName"),
            mark_destination_code=get("markDestinationCode"),
            mark_destination_name=get("markDestinationName"),
        )

    def query_trace(self, waybill_nos: list[str]) -> dict[str, list[TraceEvent]]:
        envelope, payload = self._envelope("QueryTrace")
        for number in waybill_nos:
            etree.SubElement(payload, f"{{{NS}}}waybillNo").text = number
        reply = self._post("QueryTrace", envelope)
        result: dict[str, list[TraceEvent]] = {}
        for waybill in reply.iterfind(f"{{{NS}}}waybillTrace"):
            number = waybill.findtext(f"{{{NS}}}waybillNo") or ""
            result[number] = [_event(number, trace) for trace in waybill.iterfind(f"{{{NS}}}trace")]
        return result


def _event(number: str, trace: etree._Element) -> TraceEvent:
    get = {child.tag[len(NS) + 2 :]: child.text or "" for child in trace}.get  # one pass
    return TraceEvent(
        waybill_no=number,
        op_time=parse_op_time(get("opTime", "")),
        op_code=get("opCode", ""),
        op_name=get("opName", ""),
        op_desc=get("opDesc", ""),
        op_org_prov_name=get("opOrgProvName", ""),
        op_org_city=get("opOrgCity", ""),
        op_org_code=get("opOrgCode", ""),
        op_org_name=get("opOrgName", ""),
        operator_name=get("operatorName", ""),
        deliver_code=get("deliverCode", ""),
        attempt_delivery_code=get("attemptDeliveryCode", ""),
    )


def _rate(call: Callable[[], Any], calls: int) -> float:
    started = time.perf_counter()
    for _ in range(calls):
        call()
    return calls / (time.perf_counter() - started)


def _prepare_traces(base: str, carrier: Any) -> list[str]:
    """Book parcels whose scenario has 10 events each and let the simulator's clock run."""
    remark_order = order()
    waybills = [
        carrier.create_order(
            OrderRequest(
                **{
                    **remark_order.__dict__,
                    "logistics_order_no": f"TRACE-{n}",
                    "remark": "[sim:failed_attempt]",
                }
            )
        ).waybill_no
        for n in range(TRACE_WAYBILLS)
    ]
    admin = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    advance = {"seconds": 30 * 86400}
    requests.post(f"{base}/carrier/admin/advance", json=advance, headers=admin, timeout=5)
    events = sum(len(v) for v in carrier.query_trace(waybills).values())
    assert events == 50, f"expected 50 events, got {events}"
    return waybills


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=25, help="calls per batch")
    parser.add_argument("--rounds", type=int, default=40, help="batches per client")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()

    ports: Any = multiprocessing.get_context("fork").Queue()
    server = multiprocessing.get_context("fork").Process(target=_serve, args=(ports,), daemon=True)
    server.start()
    try:
        base = f"http://127.0.0.1:{ports.get(timeout=10)}"
        run(base, args.calls, args.rounds, args.profile)
    finally:
        server.terminate()
        server.join(5)


def run(base: str, calls: int, rounds: int, profile: bool) -> None:
    endpoint = f"{base}/carrier"
    settings = CarrierClientSettings(endpoint=endpoint, username=USERNAME, password=PASSWORD)
    ours = build_carrier(settings, InMemoryCircuitBreaker(), InMemoryCallRecorder())
    baseline = HandWrittenCarrier(endpoint)
    waybills = _prepare_traces(base, ours)
    assert sum(len(v) for v in baseline.query_trace(waybills).values()) == 50
    numbers = count()
    sample = order()

    def booking(carrier: Any) -> Callable[[], Any]:
        return lambda: carrier.create_order(
            OrderRequest(**{**sample.__dict__, "logistics_order_no": f"BENCH-{next(numbers)}"})
        )

    workloads = {
        "CreateOrder": (booking(ours), booking(baseline)),
        "QueryTrace (50 events)": (
            lambda: ours.query_trace(waybills),
            lambda: baseline.query_trace(waybills),
        ),
    }
    parses_before = wsdl_parse_count()
    total_calls = 0
    print(f"{rounds} batches of {calls} calls per client, alternating; medians shown")
    for name, (our_call, their_call) in workloads.items():
        ours_rates, theirs_rates, ratios = [], [], []
        for _ in range(rounds):
            ours_rates.append(_rate(our_call, calls))
            theirs_rates.append(_rate(their_call, calls))
            ratios.append(theirs_rates[-1] / ours_rates[-1])
            total_calls += calls
        mine, theirs = statistics.median(ours_rates), statistics.median(theirs_rates)
        ratio = statistics.median(ratios)
        verdict = "OK" if ratio <= TARGETS[name] else "OVER TARGET"
        print(
            f"{name:24s} ours {mine:7.0f}/s  hand-written {theirs:7.0f}/s  "
            f"slowdown {ratio:.2f}x (target <= {TARGETS[name]}x) {verdict}"
        )
    parses = wsdl_parse_count() - parses_before
    print(
        f"WSDL parses during {total_calls} timed calls: {parses} ({parses / total_calls:.0f}/call)"
    )
    assert parses == 0, "the WSDL must be parsed once per process, never per call"
    if profile:
        _profile(workloads)


def _profile(workloads: dict[str, tuple[Callable[[], Any], Callable[[], Any]]]) -> None:
    for name, (our_call, _) in workloads.items():
        profiler = cProfile.Profile()
        profiler.runcall(_rate, our_call, 200)
        print(f"--- profile of our client, {name}")
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
