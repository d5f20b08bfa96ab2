"""The life of a parcel per scenario: a table of tracking stages, not a chain of ifs."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Site(StrEnum):
    """Where an event happens along the route."""

    ORIGIN_OFFICE = "origin_office"
    ORIGIN_CENTRE = "origin_centre"
    DESTINATION_CENTRE = "destination_centre"
    DESTINATION_OFFICE = "destination_office"


@dataclass(frozen=True)
class Stage:
    op_code: str
    op_name: str
    op_desc: str  # formatted with {org} (the office) and {next} (where the parcel goes)
    site: Site
    deliver_code: str = ""
    attempt_delivery_code: str = ""


# short names keep the table below readable
AT_SENDER, OUTWARD_HUB, INWARD_HUB, AT_RECEIVER = Site

ACCEPTED = Stage("203", "收寄", "【{org}】已收寄", AT_SENDER)
ACCEPTANCE_DELETED = Stage("207", "收寄删除", "【{org}】收寄信息已删除", AT_SENDER)
AT_ORIGIN_CENTRE = Stage("954", "到达处理中心", "到达【{org}】", OUTWARD_HUB)
DISPATCHED = Stage("305", "离开处理中心", "离开【{org}】，发往【{next}】", OUTWARD_HUB)
AT_DESTINATION_CENTRE = Stage("954", "到达处理中心", "到达【{org}】", INWARD_HUB)
SEALED = Stage("389", "封车", "【{org}】已封车，发往【{next}】", INWARD_HUB)
AT_OFFICE = Stage("713", "到达投递机构", "到达【{org}】", AT_RECEIVER)
OUT_FOR_DELIVERY = Stage("702", "投递下段", "【{org}】安排投递", AT_RECEIVER)
DELIVERED = Stage("704", "妥投", "已签收，本人签收", AT_RECEIVER, deliver_code="10")
DELIVERED_TO_OTHER = Stage("704", "妥投", "已签收，他人代收", AT_RECEIVER, deliver_code="20")
NOT_HOME = Stage("705", "未妥投", "投递未成功：收件人不在", AT_RECEIVER, attempt_delivery_code="4")
REFUSED = Stage("705", "未妥投", "投递未成功：收件人拒收", AT_RECEIVER, attempt_delivery_code="7")
RETURN_REGISTERED = Stage("708", "退回登记", "【{org}】已登记退回", AT_RECEIVER)
RETURNED = Stage("711", "退回妥投", "退件已妥投，寄件人签收", AT_SENDER, deliver_code="10")
DISPATCH_REVERSED = Stage("742", "投递下段撤销", "【{org}】投递下段已撤销", AT_RECEIVER)
DELIVERY_REVERSED = Stage("743", "妥投撤销", "【{org}】妥投信息已撤销", AT_RECEIVER)
ATTEMPT_REVERSED = Stage("744", "未妥投撤销", "【{org}】未妥投信息已撤销", AT_RECEIVER)
ADDRESS_CHANGED = Stage("756", "改址", "收件人申请改址，已改寄新地址", INWARD_HUB)
IN_LOCKER = Stage("747", "入柜", "已放入【{org}】智能快件箱", AT_RECEIVER, deliver_code="50")
COLLECTED = Stage("748", "取件", "收件人已从快件箱取件", AT_RECEIVER, deliver_code="50")
EXCEPTION = Stage("651", "异常", "邮件运输异常，正在核查", OUTWARD_HUB)
LOST = Stage("987", "丢失", "邮件已确认丢失", OUTWARD_HUB)
COMPENSATED = Stage("988", "赔偿", "丢失邮件已赔偿", OUTWARD_HUB)
# A code outside the published tables, as a carrier's new release may send one.
UNKNOWN_CODE = Stage("999", "其他", "【{org}】邮件处理中", OUTWARD_HUB)

TO_OFFICE = (ACCEPTED, AT_ORIGIN_CENTRE, DISPATCHED, AT_DESTINATION_CENTRE, SEALED, AT_OFFICE)
BACK_TO_SENDER = (RETURN_REGISTERED, AT_DESTINATION_CENTRE, SEALED, RETURNED)

SCENARIOS: dict[str, tuple[Stage, ...]] = {
    "delivered": (*TO_OFFICE, OUT_FOR_DELIVERY, DELIVERED),
    "failed_attempt": (
        *TO_OFFICE, OUT_FOR_DELIVERY, NOT_HOME, OUT_FOR_DELIVERY, DELIVERED_TO_OTHER,
    ),
    "refused": (*TO_OFFICE, OUT_FOR_DELIVERY, REFUSED, *BACK_TO_SENDER),
    "reversals": (
        *TO_OFFICE,
        OUT_FOR_DELIVERY, DISPATCH_REVERSED,
        OUT_FOR_DELIVERY, NOT_HOME, ATTEMPT_REVERSED,
        DELIVERED, DELIVERY_REVERSED,
        OUT_FOR_DELIVERY, DELIVERED,
    ),
    "acceptance_deleted": (ACCEPTED, ACCEPTANCE_DELETED, *TO_OFFICE, OUT_FOR_DELIVERY, DELIVERED),
    "address_changed": (
        *TO_OFFICE[:4], ADDRESS_CHANGED, *TO_OFFICE[4:], OUT_FOR_DELIVERY, DELIVERED,
    ),
    "locker": (*TO_OFFICE, OUT_FOR_DELIVERY, IN_LOCKER, COLLECTED),
    "lost": (ACCEPTED, AT_ORIGIN_CENTRE, DISPATCHED, EXCEPTION, LOST, COMPENSATED),
    "unknown_code": (ACCEPTED, AT_ORIGIN_CENTRE, DISPATCHED, UNKNOWN_CODE),
}  # fmt: skip
