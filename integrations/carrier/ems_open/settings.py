"""Configuration of the EMS open platform client."""

from __future__ import annotations

from dataclasses import dataclass, field

PLATFORM_PATH = "/amp-prod-api/f/amp/api/open"


@dataclass(frozen=True)
class EmsOpenSettings:
    """Where the platform is, who we are to it, and how long and how much we wait for it."""

    endpoint: str  # the full URL, path included
    sender_no: str
    authorization: str = field(default="", repr=False)
    sign_key: str = field(default="", repr=False)
    connect_timeout: float = 3.0  # Courier derives the timeouts from its own settings
    read_timeout: float = 10.0
    max_response_bytes: int = 2 * 1024 * 1024
    pool_maxsize: int = 10
