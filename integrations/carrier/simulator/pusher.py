"""Push tracking events to Courier (EMS 040002) and re-send what was not acknowledged."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Any

import requests

from integrations.carrier.contract import PUSH_NS
from integrations.carrier.simulator import ems_push
from integrations.carrier.simulator.book import OrderBook
from integrations.carrier.simulator.numbers import NumberState
from integrations.carrier.simulator.parcels import events_so_far
from integrations.carrier.simulator.settings import SimulatorSettings
from integrations.carrier.soapserver import SoapFault, build_request, parse_untrusted
from integrations.carrier.soapserver.xmlmap import payload

log = logging.getLogger(__name__)
MAX_BATCHES_PER_CALL = 100  # push.wsdl allows up to 100 batches per PushTrace
PUSH_HEADERS = {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": f'"{PUSH_NS}#PushTrace"'}


@dataclass
class Batch:
    serial_no: str
    events: list[dict[str, Any]]
    sent_after_ack: bool = False


def acknowledged_serials(reply: bytes) -> set[str]:
    """Return the serial numbers a PushTraceResponse acknowledges with success true."""
    acks = parse_untrusted(reply).iter(f"{{{PUSH_NS}}}ack")
    fields = ({child.tag.split("}")[1]: child.text for child in ack} for ack in acks)
    return {f.get("serialNo") or "" for f in fields if f.get("success") in ("true", "1")}


class TracePusher:
    """Collect new events into numbered batches and deliver them until acknowledged."""

    def __init__(
        self, settings: SimulatorSettings, book: OrderBook, numbers: NumberState | None = None
    ) -> None:
        self._settings = settings
        # Serial numbers outlive resets and restarts: Courier stores a serial once.
        self._numbers = numbers or NumberState.open(settings.state_dir)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.reset(book)

    def reset(self, book: OrderBook) -> None:
        """Forget every batch and follow a new order book."""
        with self._lock:
            self._book = book
            self._pending: list[Batch] = []
            self._queued: dict[str, int] = {}
            self.delivered: list[str] = []
            self.last_error = ""

    def _collect(self) -> None:
        now = self._settings.clock.now()
        fresh: list[dict[str, Any]] = []
        for parcel in self._book.parcels():
            events = events_so_far(parcel, now, *self._settings.pace)
            queued = self._queued.get(parcel.waybill_no, 0)
            fresh += events[queued:]
            self._queued[parcel.waybill_no] = max(len(events), queued)
        size = self._settings.push_batch_size
        for start in range(0, len(fresh), size):
            serial = f"SIM{self._numbers.next('push'):012d}"
            self._pending.append(Batch(serial, fresh[start : start + size]))

    def _bodies(self, batches: list[Batch]) -> list[dict[str, Any]]:
        backwards = self._settings.push_out_of_order
        order = (lambda items: list(reversed(items))) if backwards else list
        return [{"serialNo": b.serial_no, "trace": order(b.events)} for b in order(batches)]

    def _deliver(self, batches: list[Batch]) -> set[str]:
        """Push in the protocol the simulator speaks; return the acknowledged serials."""
        if self._settings.protocol == "ems-open":
            return ems_push.deliver(
                self._settings, self._bodies(batches), self._settings.clock.now()
            )
        return self._post(self._envelope(batches))

    def _envelope(self, batches: list[Batch]) -> bytes:
        request = payload(PUSH_NS, "PushTrace", {"batch": self._bodies(batches)})
        return build_request(request, self._settings.push_username, self._settings.push_password)

    def _post(self, body: bytes) -> set[str]:
        headers = {
            "Content-Type": "text/xml; charset=utf-8",
            "SOAPAction": f'"{PUSH_NS}#PushTrace"',
        }
        timeout = self._settings.push_timeout_seconds
        reply = requests.post(
            str(self._settings.push_url), data=body, headers=headers, timeout=timeout
        )
        if reply.status_code != 200:
            raise OSError(f"push answered HTTP {reply.status_code}")
        return acknowledged_serials(reply.content)

    def _settle(self, acknowledged: set[str]) -> None:
        for batch in [b for b in self._pending if b.serial_no in acknowledged]:
            self.delivered.append(batch.serial_no)
            if self._settings.push_duplicates and not batch.sent_after_ack:
                batch.sent_after_ack = True  # deliver once more, as a carrier that lost our ack
            else:
                self._pending.remove(batch)

    def push_once(self) -> int:
        """Collect and send pending batches; return how many were acknowledged."""
        with self._lock:
            self._collect()
            batches = self._pending[:MAX_BATCHES_PER_CALL]
            if not batches or not self._settings.push_url:
                return 0
            try:
                acknowledged = self._deliver(batches)
            except (OSError, SoapFault, requests.RequestException) as error:
                self.last_error = str(error)
                log.warning("tracking push failed, will retry: %s", error)
                return 0
            self._settle(acknowledged)
            return len(acknowledged)

    def status(self) -> dict[str, Any]:
        with self._lock:
            pending = [b.serial_no for b in self._pending]
            return {
                "pending": pending,
                "delivered": list(self.delivered),
                "lastError": self.last_error,
            }

    def _run(self) -> None:
        while not self._stop.wait(self._settings.push_interval_seconds):
            try:
                self.push_once()
            except Exception:  # the thread must survive anything one round throws
                log.exception("tracking push round failed")

    def start(self) -> None:
        if self._settings.push_url and self._thread is None:
            self._thread = threading.Thread(target=self._run, name="carrier-push", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
