"""Waybill numbers as EMS allocates them: 13-digit domestic, UPU S10 international."""

from __future__ import annotations

import random
import string
import threading
from dataclasses import dataclass

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


class WaybillNumbers:
    """Allocate unique, seeded waybill numbers until the configured range runs out."""

    def __init__(self, seed: int = 0, capacity: int | None = None) -> None:
        self._random = random.Random(seed)
        self._capacity = capacity
        self._issued: set[str] = set()
        self._lock = threading.Lock()

    def _candidate(self, product: Product) -> str:
        if product.international:
            serial = "".join(self._random.choices(string.digits, k=8))
            letter = self._random.choice("ABCDEFGHJKLMNPQRSTUVWXY")
            return f"{product.prefix}{letter}{serial}{s10_check_digit(serial)}CN"
        rest = "".join(self._random.choices(string.digits, k=13 - len(product.prefix)))
        return product.prefix + rest

    def allocate(self, product: Product) -> str:
        with self._lock:
            if self._capacity is not None and len(self._issued) >= self._capacity:
                raise SoapFault(FaultCode.RANGE_EXHAUSTED, "waybill number range exhausted")
            number = self._candidate(product)
            while number in self._issued:
                number = self._candidate(product)
            self._issued.add(number)
            return number
