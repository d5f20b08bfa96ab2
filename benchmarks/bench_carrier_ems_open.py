"""CreateOrder through our EMS open platform client against hand-written requests + SM4.

Run: .venv/bin/python -m benchmarks.bench_carrier_ems_open [--calls N] [--rounds R]

The simulator (--protocol ems-open) runs in a child process on a free loopback port. Both
clients send the same order over one keep-alive connection: compact JSON, SM4-ECB with the
`cryptography` package, the form envelope, and the JSON reply read back into a booking.
"""

from __future__ import annotations

import argparse
import base64
import json
import logging
import multiprocessing
import statistics
import time
from collections.abc import Callable
from datetime import datetime
from itertools import count
from typing import Any
from urllib.parse import urlencode

import requests
from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from courier.ports.carrier import CarrierBooking, OrderRequest
from integrations.carrier.breaker import InMemoryCircuitBreaker
from integrations.carrier.ems_open import PLATFORM_PATH, EmsOpenCarrier, EmsOpenSettings
from integrations.carrier.recording import InMemoryCallRecorder
from tests.unit.carrier_client.samples import order

TARGET = 1.2
SENDER_NO = "1100012345678"
AUTHORIZATION = "bench-authorization-0123"
SIGN_KEY = "TvaBgrhE46sft3nZlfe7xw=="


def _serve(port_queue: Any) -> None:
    from werkzeug.serving import make_server

    from integrations.carrier.simulator import ManualClock, SimulatorSettings, create_simulator_app

    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    settings = SimulatorSettings(
        clock=ManualClock(),
        protocol="ems-open",
        ems_sender_no=SENDER_NO,
        ems_authorization=AUTHORIZATION,
        ems_sign_key=SIGN_KEY,
    )
    server = make_server("127.0.0.1", 0, create_simulator_app(settings), threaded=True)
    port_queue.put(server.server_port)
    server.serve_forever()


class HandWrittenCarrier:
    """The baseline: a dict, json.dumps, SM4 from `cryptography`, requests; no checks."""

    def __init__(self, endpoint: str) -> None:
        self.endpoint = endpoint
        self.session = requests.Session()
        self.session.trust_env = False
        self.key = base64.b64decode(SIGN_KEY)

    def _encrypt(self, body: str) -> str:
        padder = padding.PKCS7(128).padder()
        plain = padder.update((body + SIGN_KEY).encode()) + padder.finalize()
        encryptor = Cipher(algorithms.SM4(self.key), modes.ECB()).encryptor()
        return "|$4|" + base64.b64encode(encryptor.update(plain) + encryptor.finalize()).decode()

    def create_order(self, request: OrderRequest) -> CarrierBooking:
        assert request.pickup_start and request.pickup_end

        def party(p: Any) -> dict[str, Any]:
            return {
                "name": p.name, "mobile": p.mobile, "postCode": p.post_code, "prov": p.prov,
                "city": p.city, "county": p.county, "address": p.address, "company": p.company,
            }  # fmt: skip

        body = [
            {
                "logisticsOrderNo": request.logistics_order_no,
                "customerNo": request.customer_no,
                "bizProductNo": request.biz_product_no,
                "contentsAttribute": int(request.contents_attribute),
                "weight": request.weight_grams,
                "insuranceFlag": int(request.insurance_flag),
                "insuranceAmount": str(request.insurance_amount),
                "paymentMode": int(request.payment_mode),
                "pickupType": int(request.pickup_type),
                "pickupStartTime": request.pickup_start.strftime("%Y-%m-%d %H:%M:%S"),
                "pickupEndTime": request.pickup_end.strftime("%Y-%m-%d %H:%M:%S"),
                "receiptFlag": int(request.receipt_flag),
                "projectId": request.project_id,
                "remark": request.remark,
                "sender": party(request.sender),
                "receiver": {k: v for k, v in party(request.receiver).items() if v},
                "cargos": [
                    {"cargoName": c.name, "cargoQuantity": c.quantity} for c in request.cargo
                ],
            }
        ]
        text = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
        form = {
            "apiCode": "020003",
            "senderNo": SENDER_NO,
            "authorization": AUTHORIZATION,
            "msgType": "0",
            "timeStamp": datetime.now().strftime("%Y-%m-%d %H:%M:%S"),
            "logitcsInterface": self._encrypt(text),
        }
        reply = self.session.post(
            self.endpoint,
            data=urlencode(form),
            headers={"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8"},
            timeout=(3, 10),
        )
        envelope = reply.json()
        assert envelope["retCode"] == "00000", envelope
        got = json.loads(envelope["retBody"])
        return CarrierBooking(
            logistics_order_no=got["logisticsOrderNo"],
            waybill_no=got["waybillNo"],
            route_code=got["routeCode"],
            package_code=got["packageCode"],
            package_code_name=got["packageCodeName"],
            mark_destination_code=got["markDestinationCode"],
            mark_destination_name=got["markDestinationName"],
        )


def _rate(call: Callable[[], Any], calls: int) -> float:
    started = time.perf_counter()
    for _ in range(calls):
        call()
    return calls / (time.perf_counter() - started)


def run(base: str, calls: int, rounds: int) -> float:
    """Time both clients alternately; print and return the median slowdown of ours."""
    endpoint = base + PLATFORM_PATH
    settings = EmsOpenSettings(endpoint, SENDER_NO, AUTHORIZATION, SIGN_KEY)
    ours = EmsOpenCarrier(settings, InMemoryCircuitBreaker(), InMemoryCallRecorder())
    baseline = HandWrittenCarrier(endpoint)
    numbers, sample = count(), order()

    def booking(carrier: Any) -> Callable[[], Any]:
        return lambda: carrier.create_order(
            OrderRequest(**{**sample.__dict__, "logistics_order_no": f"BENCH-{next(numbers)}"})
        )

    ours_call, their_call = booking(ours), booking(baseline)
    assert ours_call().route_code == their_call().route_code  # the same order, the same answer
    ours_rates, theirs_rates, ratios = [], [], []
    for _ in range(rounds):
        ours_rates.append(_rate(ours_call, calls))
        theirs_rates.append(_rate(their_call, calls))
        ratios.append(theirs_rates[-1] / ours_rates[-1])
    ratio = statistics.median(ratios)
    verdict = "OK" if ratio <= TARGET else "OVER TARGET"
    print(f"{rounds} batches of {calls} calls per client, alternating; medians shown")
    print(
        f"CreateOrder (EMS open)   ours {statistics.median(ours_rates):7.0f}/s  "
        f"hand-written {statistics.median(theirs_rates):7.0f}/s  "
        f"slowdown {ratio:.2f}x (target <= {TARGET}x) {verdict}"
    )
    return ratio


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=25, help="calls per batch")
    parser.add_argument("--rounds", type=int, default=40, help="batches per client")
    args = parser.parse_args()
    context = multiprocessing.get_context("fork")
    ports: Any = context.Queue()
    server = context.Process(target=_serve, args=(ports,), daemon=True)
    server.start()
    try:
        run(f"http://127.0.0.1:{ports.get(timeout=10)}", args.calls, args.rounds)
    finally:
        server.terminate()
        server.join(5)


if __name__ == "__main__":
    main()
