"""Golden bodies and credentials shared by the EMS open platform tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).parent / "fixtures"
# The known vector published with the platform's public integrations.
VECTOR_BODY = '{"language":"zh-CN","orderId":"QIAO-20200618-004"}'
VECTOR_SIGN_KEY = "TvaBgrhE46sft3nZlfe7xw=="
VECTOR_CIPHERTEXT = (
    "|$4|efB6PnjDpgHG4xfrvYlXonyBuMJoGTynkfasopHvbl2u3nmNeP+rznA3DyRwb/2GeZL7I3rL6HKD5+Tv3Uy6x8jI"
    "DISbYG8Bg14caH2flYE="
)


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def golden_request(api_code: str) -> str:
    return fixture(f"{api_code}.request.json").decode().strip()


def golden_reply_body(api_code: str) -> Any:
    return json.loads(json.loads(fixture(f"{api_code}.reply.json"))["retBody"])
