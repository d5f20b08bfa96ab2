"""Place a real order through the production client."""

from __future__ import annotations

import uuid

from courier.ports.carrier import CarrierParty, OrderRequest
from integrations.carrier.breaker import InMemoryCircuitBreaker
from integrations.carrier.recording import InMemoryCallRecorder
from integrations.carrier.soap.factory import build_carrier
from integrations.carrier.soap.settings import CarrierClientSettings


def book_one(endpoint: str) -> str:
    carrier = build_carrier(
        CarrierClientSettings(endpoint=endpoint, username="courier", password="courier-dev"),
        InMemoryCircuitBreaker(),
        InMemoryCallRecorder(),
    )
    party = CarrierParty(
        "王静", "13905710002", "浙江省", "杭州市", "上城区", "解放东路18号", "310016"
    )
    order = OrderRequest(f"CR{uuid.uuid4().hex[:18].upper()}", party, party)
    return carrier.create_order(order).waybill_no
