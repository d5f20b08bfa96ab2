"""One tracking event as the carrier reports it (QueryTrace reply or push)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class TrackingEvent:
    """An event kept as received: the raw code, never only what we made of it."""

    waybill_no: str
    op_time: datetime
    op_code: str
    op_name: str = ""
    op_desc: str = ""
    op_org_prov_name: str = ""
    op_org_city: str = ""
    op_org_code: str = ""
    op_org_name: str = ""
    operator_name: str = ""
    deliver_code: str = ""
    attempt_delivery_code: str = ""

    @property
    def identity(self) -> tuple[str, datetime, str, str]:
        """Tell one event from another: what happened (code) to which parcel, when and where."""
        return (self.waybill_no, self.op_time, self.op_code, self.op_org_code)
