"""Waybill numbers as EMS allocates them: 13-digit domestic, UPU S10 international."""

from __future__ import annotations

import json
import os
import random
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from integrations.carrier.soapserver import FaultCode, SoapFault

S10_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)


@dataclass(frozen=True)
class Product:
    name: str
    prefix: str  # first digit(s) of a domestic number, or the S10 service indicator
    international: bool = False


# bizProductNo → product; "10" for international EMS is this simulator's convention
PRODUCTS = {
    "1": Product("特快专递", "1"),
    "2": Product("快递包裹", "9"),
    "11": Product("国内标快", "8"),
    "10": Product("国际特快专递", "E", international=True),
}


def s10_check_digit(serial: str) -> str:
    """Return the UPU S10 check digit of an 8-digit serial number."""
    check = 11 - sum(int(d) * w for d, w in zip(serial, S10_WEIGHTS, strict=True)) % 11
    return {10: "0", 11: "5"}.get(check, str(check))


# Counters start past everything issued before: from the state file when one is kept,
# else from the time since EPOCH (at most one number per unit of each series' scale,
# on average, keeps a restarted simulator above every number it issued before).
EPOCH = datetime(2020, 1, 1, tzinfo=UTC)
TIME_SCALE = {"domestic": 1000, "international": 1, "push": 1000}  # per second
DOMESTIC_SPACE = 10**12  # digits after a one-digit product prefix
INTERNATIONAL_SPACE = 23 * 10**8  # S10 letter x 8-digit serial
S10_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXY"
# The highest number of each series this process handed out: a simulator restarted in
# the same process (within the same millisecond) starts above it too.
_HIGH_WATER: dict[str, int] = {}
_HIGH_WATER_LOCK = threading.Lock()


class NumberState:
    """Counters that only grow, across resets and restarts."""

    def __init__(self, counters: dict[str, int], path: Path | None = None) -> None:
        self._counters = counters
        self._path = path
        self._lock = threading.Lock()

    @classmethod
    def open(cls, state_dir: str | None) -> NumberState:
        """Start above the saved counters, or above the time-based origin."""
        path = Path(state_dir) / "numbers.json" if state_dir else None
        saved: dict[str, int] = {}
        if path is not None and path.exists():
            saved = {k: int(v) for k, v in json.loads(path.read_text()).items()}
        elapsed = (datetime.now(UTC) - EPOCH).total_seconds()
        origin = {name: int(elapsed * scale) for name, scale in TIME_SCALE.items()}
        with _HIGH_WATER_LOCK:
            start = {
                name: max(saved.get(name, 0), origin[name], _HIGH_WATER.get(name, 0))
                for name in TIME_SCALE
            }
        return cls(start, path)

    def peek(self, series: str) -> int:
        """Return the last number of a series handed out (or its origin)."""
        with self._lock:
            return self._counters[series]

    def next(self, series: str) -> int:
        with self._lock:
            self._counters[series] += 1
            self._save()
            number = self._counters[series]
        with _HIGH_WATER_LOCK:
            _HIGH_WATER[series] = max(_HIGH_WATER.get(series, 0), number)
        return number

    def _save(self) -> None:
        if self._path is None:
            return
        self._path.parent.mkdir(parents=True, exist_ok=True)
        partial = self._path.with_suffix(".tmp")
        partial.write_text(json.dumps(self._counters))
        os.replace(partial, self._path)  # a crash leaves the old or the new file, never half


class WaybillNumbers:
    """Allocate unique waybill numbers, scrambled by the seed, until the range runs out."""

    def __init__(
        self, seed: int = 0, capacity: int | None = None, state: NumberState | None = None
    ) -> None:
        seeded = random.Random(seed)
        self._offsets = (seeded.randrange(DOMESTIC_SPACE), seeded.randrange(INTERNATIONAL_SPACE))
        self._capacity = capacity
        self._state = state or NumberState.open(None)
        self._issued = 0
        self._lock = threading.Lock()

    def _number(self, product: Product) -> str:
        # An affine map with a multiplier prime to the space is a bijection: distinct
        # counters give distinct numbers, and counters never repeat.
        if product.international:
            n = (self._state.next("international") * 7_919 + self._offsets[1]) % INTERNATIONAL_SPACE
            letter, serial = S10_LETTERS[n // 10**8], f"{n % 10**8:08d}"
            return f"{product.prefix}{letter}{serial}{s10_check_digit(serial)}CN"
        n = (self._state.next("domestic") * 7_919_993 + self._offsets[0]) % DOMESTIC_SPACE
        return f"{product.prefix}{n:012d}"

    def allocate(self, product: Product) -> str:
        with self._lock:
            if self._capacity is not None and self._issued >= self._capacity:
                raise SoapFault(FaultCode.RANGE_EXHAUSTED, "waybill number range exhausted")
            self._issued += 1
            return self._number(product)
