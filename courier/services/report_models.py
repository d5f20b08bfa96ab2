"""The body of a status report (回传), as pydantic models, and the list of event types.

A report carries identifiers, statuses, times and reasons; never a name, phone, address or
ID number (the models forbid any other field).
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict

from courier.domain.text import Text

EVENT_TYPES: dict[str, str] = {
    "leg.booked": Text("The carrier allocated a waybill number (下单取号成功)."),
    "leg.booking_uncertain": Text(
        "Booking outcome unknown; Courier is settling it (下单结果待确认)."
    ),
    "leg.handed_over": Text("The parcel was handed to the postman on a handover list (已交邮)."),
    "leg.accepted": Text("The carrier accepted the parcel (收寄)."),
    "leg.out_for_delivery": Text("The parcel is out for delivery (投递中)."),
    "leg.delivered": Text("The parcel was delivered (妥投)."),
    "leg.delivery_failed": Text("A delivery attempt failed; the reason says why (未妥投)."),
    "leg.returning": Text("The parcel is on its way back to the sender (退回中)."),
    "leg.returned": Text("The parcel came back to the sender (已退回)."),
    "leg.lost": Text("The carrier reports the parcel lost (丢失)."),
    "leg.stuck": Text("No tracking news for longer than the stage allows (轨迹停滞)."),
    "leg.receipt_confirmed": Text("The receiving department confirmed arrival (签收确认)."),
    "leg.receipt_discrepancy": Text(
        "Arrival confirmed with missing or damaged items (签收有差异)."
    ),
    "leg.receipt_discrepancy_resolved": Text(
        "The sender settled the discrepancy (材料问题已处理)."
    ),
    "case.result_handed_over": Text("The result was handed to the applicant (结果已交付申请人)."),
    "case.closed": Text("The case is closed: the result reached the applicant (办结送达)."),
}


class ReportData(BaseModel):
    """What the report says; `sequence` numbers the case's reports 1, 2, 3…"""

    model_config = ConfigDict(extra="forbid", frozen=True)

    case_number: str
    sequence: int
    leg_id: int | None
    leg_kind: str
    waybill_no: str
    status: str
    reason: str
    occurred_at: datetime


class StatusReport(BaseModel):
    """One report as sent: its type, when it was recorded, and its data."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    type: str
    timestamp: datetime
    data: ReportData
