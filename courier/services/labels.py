"""Use cases of printing: waybill labels (and reprints) and handover lists."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from courier.domain.accounts import Account
from courier.domain.audit import AuditAction
from courier.domain.errors import InvalidValue, NotFound, RuleViolation
from courier.domain.handover import hand_over
from courier.domain.leg import Leg
from courier.domain.local_time import local
from courier.domain.masking import mask_address, mask_name, mask_phone
from courier.domain.places import Party
from courier.domain.text import Text
from courier.ports.clock import Clock
from courier.ports.labels import (
    LABEL_SIZES,
    HandoverListData,
    HandoverParcel,
    LabelData,
    LabelParty,
    LabelRenderer,
)
from courier.services import audit, events
from courier.services.cases import actor
from courier.services.legs import load_leg
from courier.services.unit_of_work import UnitOfWork

PRODUCT_NAMES = {"1": "EMS 特快专递", "2": "快递包裹", "11": "国内标快"}  # said as is: on the label
MAX_BATCH = 1000
MAX_ID = 2**31 - 1  # the database's integer ids


def label_size(value: Any) -> str:
    """Return the label stock named '100x150', '100x180' or '76x130' (default 100x150)."""
    size = LABEL_SIZES[0] if value is None or value == "" else value
    if not isinstance(size, str) or size.lower() not in LABEL_SIZES:
        raise InvalidValue(Text("面单尺寸应为 100x150、100x180 或 76x130。"), "size")
    return size.lower()


def leg_ids(value: Any) -> list[int]:
    """Validate a list of leg ids from untrusted input."""
    if not isinstance(value, list) or not value or len(value) > MAX_BATCH:
        raise InvalidValue(Text("请提供 1 至 {n} 个运单编号（leg_ids）。", n=MAX_BATCH), "leg_ids")
    if not all(isinstance(v, int) and not isinstance(v, bool) and 0 < v <= MAX_ID for v in value):
        raise InvalidValue(Text("运单编号应为正整数。"), "leg_ids")
    return list(value)


def print_labels(
    uow: UnitOfWork,
    renderer: LabelRenderer,
    account_id: int,
    ids: Sequence[int],
    size: Any,
    clock: Clock,
    tracking_base: str,
    on_page: Callable[[int], None] | None = None,
) -> bytes:
    """Print the labels of legs in one PDF, in destination order, recording each print."""
    stock = label_size(size)
    with uow:
        account = actor(uow, account_id)
        legs = sorted((_printable(uow, account, i) for i in dict.fromkeys(ids)), key=_destination)
        now, labels = clock.now(), []
        for leg in legs:
            assert leg.id is not None
            reprint = uow.prints.printed_before(leg.id)
            # the print history has always named the stock MM_100X150 and so on
            uow.prints.record(leg.id, account.id, now, reprint, f"MM_{stock.upper()}")
            labels.append(label_data(leg, _case_number(uow, leg), now, tracking_base, reprint))
            audit.record_leg(uow, AuditAction.LABEL_PRINTED, account, leg, f"MM_{stock.upper()}")
        uow.commit()
    return renderer.render_labels(labels, stock, on_page)


def _printable(uow: UnitOfWork, account: Account, leg_id: int) -> Leg:
    leg = load_leg(uow, account, leg_id)
    order = leg.order_no
    if not account.can_print(leg):
        raise RuleViolation(Text("您的岗位不能打印运单 {order} 的面单。", order=order), "leg_ids")
    if not leg.is_live:
        # its waybill was voided with the carrier: a printed label would send a dead number
        said = Text("运单 {order} 已取消，面单已作废，不能打印。", order=order)
        raise RuleViolation(said, "leg_ids")
    if leg.waybill_no is None:
        said = Text("运单 {order} 尚未取得运单号，不能打印面单。", order=order)
        raise RuleViolation(said, "leg_ids")
    return leg


def _destination(leg: Leg) -> tuple[str, ...]:
    address = leg.receiver.address
    routing = leg.routing
    return (
        routing.mark_destination_code,
        address.province,
        address.city,
        address.county,
        leg.waybill_no or "",
    )


def _case_number(uow: UnitOfWork, leg: Leg) -> str:
    case = uow.cases.get_by_id(leg.case_id or 0)
    return case.case_number if case else ""


def _label_party(party: Party) -> LabelParty:
    """Return the party as a label may show it: name, phone and unit/room masked."""
    a = party.address
    return LabelParty(
        mask_name(party.name),
        mask_phone(party.phone),
        a.province,
        a.city,
        a.county,
        mask_address(a.street),
        party.organization,
    )


def label_data(
    leg: Leg, case_number: str, at: datetime, tracking_base: str, reprint: bool
) -> LabelData:
    """Map a booked leg onto its label, with the parties masked."""
    assert leg.waybill_no is not None
    return LabelData(
        waybill_no=leg.waybill_no,
        product_name=PRODUCT_NAMES.get(leg.biz_product_no, "EMS"),
        printed_at=local(at),
        sender=_label_party(leg.sender),
        receiver=_label_party(leg.receiver),
        mark_destination_name=leg.routing.mark_destination_name,
        mark_destination_code=leg.routing.mark_destination_code,
        route_code=leg.routing.route_code,
        package_code=leg.routing.package_code,
        package_code_name=leg.routing.package_code_name,
        case_number=case_number,
        materials_count=leg.materials_count,
        tracking_url=f"{tracking_base.rstrip('/')}/t/{leg.waybill_no}",
        reprint=reprint,
    )


def record_handover(uow: UnitOfWork, account_id: int, ids: Sequence[int], clock: Clock) -> int:
    """Hand booked legs to the postman in one pickup; a leg is handed over only once."""
    with uow:
        account = actor(uow, account_id)
        legs = [load_leg(uow, account, i) for i in ids]
        if any(not account.sends_from_desk(leg.kind) for leg in legs):
            raise RuleViolation(Text("您的岗位不能交寄其中的运单。"), "leg_ids")
        handover = hand_over(legs, clock.now(), account.id)
        uow.handovers.add(handover)
        events.record(uow, events.handed_over(legs, handover.handed_over_at))
        uow.commit()
        assert handover.id is not None
        return handover.id


def handover_list(
    uow: UnitOfWork, renderer: LabelRenderer, account_id: int, handover_id: int
) -> bytes:
    """Render the handover list (交接清单) of one pickup."""
    with uow:
        account = actor(uow, account_id)
        handover = uow.handovers.get(handover_id)
        if handover is None or not all(_visible(uow, account, leg) for leg in handover.legs):
            raise NotFound(Text("未找到该交接清单。"), "handover_id")
        parcels = [
            HandoverParcel(leg.waybill_no or "", _destination_text(leg), leg.materials_count)
            for leg in handover.legs
        ]
        data = HandoverListData(handover.sender_name, local(handover.handed_over_at), parcels)
        for leg in handover.legs:
            detail = f"handover:{handover_id}"
            audit.record_leg(uow, AuditAction.HANDOVER_LIST_PRINTED, account, leg, detail)
        uow.commit()
    return renderer.render_handover_list(data)


def _visible(uow: UnitOfWork, account: Account, leg: Leg) -> bool:
    case = uow.cases.get_by_id(leg.case_id or 0)
    return case is not None and account.can_see(case)


def _destination_text(leg: Leg) -> str:
    a = leg.receiver.address
    return leg.routing.mark_destination_name or f"{a.province}{a.city}{a.county}"
