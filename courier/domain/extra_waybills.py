"""Extra waybills: ones the carrier made for a leg besides the one it keeps."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from courier.domain.text import Text


class ExtraWaybillStatus(Enum):
    PENDING = "pending"
    CANCELLED = "cancelled"
    NEEDS_MANUAL_VOID = "needs_manual_void"


EXTRA_WAYBILL_STATUS_NAMES = {
    ExtraWaybillStatus.PENDING: Text("待作废"),
    ExtraWaybillStatus.CANCELLED: Text("已作废"),
    ExtraWaybillStatus.NEEDS_MANUAL_VOID: Text("需人工作废"),
}
MAX_ATTEMPTS = 6
FIRST_BACKOFF = timedelta(minutes=1)
MAX_BACKOFF = timedelta(hours=1)


@dataclass(eq=False)
class ExtraWaybill:
    """A waybill that must be cancelled with the carrier, or voided by hand."""

    order_no: str
    waybill_no: str
    created_at: datetime
    next_attempt_at: datetime
    status: ExtraWaybillStatus = ExtraWaybillStatus.PENDING
    attempts: int = 0
    last_error: str = ""
    id: int | None = None
    leg_id: int | None = None

    @property
    def needs_manual_void(self) -> bool:
        return self.status is ExtraWaybillStatus.NEEDS_MANUAL_VOID

    @property
    def advice(self) -> str:
        """Tell staff what to do about a waybill that could not be cancelled."""
        if not self.needs_manual_void:
            return ""
        return Text(
            "邮政为该运单多分配了运单号 {waybill_no}，系统无法自动取消（{reason}）。"
            "请联系邮政作废该运单号，切勿使用它寄件。",
            waybill_no=self.waybill_no,
            reason=self.last_error,
        )

    def is_due(self, now: datetime) -> bool:
        return self.status is ExtraWaybillStatus.PENDING and self.next_attempt_at <= now

    def cancelled(self) -> None:
        self.status = ExtraWaybillStatus.CANCELLED
        self.attempts += 1
        self.last_error = ""

    def failed(self, message: str, now: datetime, *, final: bool) -> None:
        """Count a failed cancel: retry later with back-off, or hand it to staff."""
        self.attempts += 1
        self.last_error = message[:500]
        if final or self.attempts >= MAX_ATTEMPTS:
            self.status = ExtraWaybillStatus.NEEDS_MANUAL_VOID
            return
        self.next_attempt_at = now + min(FIRST_BACKOFF * 2 ** (self.attempts - 1), MAX_BACKOFF)
