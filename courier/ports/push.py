"""The tracking push port: read the carrier's pushed batches, answer with acknowledgements."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import IO, Protocol

from courier.ports.carrier import TraceEvent


class Refusal(StrEnum):
    """Why a whole push request is refused (the carrier sends it again later or not at all)."""

    MALFORMED = "malformed"
    INVALID = "invalid"
    UNAUTHENTICATED = "unauthenticated"
    UNKNOWN_OPERATION = "unknown_operation"


class PushRefused(Exception):
    """The request as a whole is refused; nothing of it is stored."""

    def __init__(self, refusal: Refusal, message: str) -> None:
        super().__init__(f"{refusal}: {message}")
        self.refusal = refusal
        self.message = message


@dataclass(frozen=True)
class UnreadableEvent:
    """A pushed event that cannot be stored as a TraceEvent, kept as the carrier sent it."""

    raw: str
    reason: str


@dataclass(frozen=True)
class EventsAdded:
    """How many stored events were new, and those the database refused (to quarantine)."""

    new: int
    refused: tuple[UnreadableEvent, ...] = ()
    stored: tuple[TraceEvent, ...] = ()  # the new events themselves, to follow


@dataclass(frozen=True)
class QuarantinedEvent:
    serial_no: str
    raw: str
    reason: str
    received_at: datetime


@dataclass(frozen=True)
class PushedBatch:
    """One batch of a push: its serial number, its events and those that could not be read."""

    serial_no: str
    events: tuple[TraceEvent, ...]
    unreadable: tuple[UnreadableEvent, ...] = field(default=())


@dataclass(frozen=True)
class PushAck:
    serial_no: str
    success: bool
    message: str = ""


class PushRequest(Protocol):
    """A push whose header has been read; the body is read only when asked for."""

    @property
    def username(self) -> str | None: ...

    @property
    def password(self) -> str | None: ...

    def batches(self) -> list[PushedBatch]:
        """Read and check the rest of the request; raise PushRefused if it is refused whole."""
        ...


class PushReader(Protocol):
    """The push protocol: a bounded, header-first read of requests, and the replies to them."""

    def open(self, stream: IO[bytes], length: int | None) -> PushRequest:
        """Read up to the end of the credentials; raise PushRefused for what must be refused."""
        ...

    def reply(self, acks: list[PushAck]) -> bytes: ...

    def refusal(self, refused: PushRefused) -> bytes: ...

    def wsdl(self, address: str) -> bytes: ...


class FormPushReader(Protocol):
    """A push protocol posted as a form (the EMS open platform's 040002): read whole, then acked."""

    def batches(self, form: Mapping[str, str]) -> list[PushedBatch]:
        """Authenticate and read the push; raise PushRefused if it is refused whole."""
        ...

    def reply(self, acks: list[PushAck]) -> bytes: ...

    def refusal(self, refused: PushRefused) -> bytes: ...
