"""The desk's exceptions queue: which legs need a person, what is wrong, and what to do next."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from courier.domain.case import Case, CaseStatus, ResultDelivery
from courier.domain.leg import LEG_KIND_NAMES, Leg, LegKind, LegStatus
from courier.domain.local_time import local
from courier.domain.receipt import Receipt, discrepancy_reason
from courier.domain.text import Text

S = LegStatus

# What is wrong, and the next action, for each status that needs a person; the carrier's reason
# follows the problem when it gave one. Legs going to the applicant get the applicant's advice.
_BY_STATUS: dict[LegStatus, tuple[Text, Text]] = {
    S.QUEUED: (Text("邮政暂时无法受理，下单已排队"), Text("系统会自动重新下单，无需重复下单")),
    S.BOOKING_UNCERTAIN: (
        Text("下单结果未知：邮政未及时答复"),
        Text("待邮政确认下单结果，无需重复下单"),
    ),
    S.BOOKING_FAILED: (Text("邮政拒绝下单"), Text("请核对地址后重新下单")),
    S.DELIVERY_FAILED: (Text("投递未成功"), Text("请联系邮政核实投递情况，安排再次投递")),
    S.RETURNING: (
        Text("邮件正在退回寄件方"),
        Text("请联系邮政核实退回原因，退回后核对收件信息重新寄递"),
    ),
    S.RETURNED: (Text("邮件已退回寄件方"), Text("请核对收件信息后重新寄递")),
    S.LOST: (Text("邮政报告邮件丢失"), Text("请联系邮政核实轨迹并申请赔偿，必要时告知申请人")),
}
_TO_APPLICANT: dict[LegStatus, Text] = {
    S.DELIVERY_FAILED: Text("请联系申请人或改为窗口自取"),
    S.RETURNING: Text("请联系申请人核实地址电话，或改为窗口自取"),
    S.RETURNED: Text("请联系申请人核实地址后重新寄递，或改为窗口自取"),
}
NEEDS_ATTENTION = frozenset(_BY_STATUS)
STUCK_ACTION = Text("请联系邮政核实轨迹")
# Whom the receiving side asks about what was missing or damaged: the leg's sender.
_DISCREPANCY_ACTION = {
    LegKind.ORIGINALS: Text("请与受理大厅核对缺失材料"),
    LegKind.RESULT: Text("请与办件部门核对缺失材料"),
    LegKind.SUPPLEMENT: Text("请与申请人核对缺失或损坏的补件材料"),
}


@dataclass(frozen=True)
class Attention:
    """One row of the queue: a leg of a case, what is wrong, and the next action, in words."""

    case_number: str
    leg_id: int | None
    leg_kind: str
    waybill_no: str
    problem: str
    next_action: str
    since: datetime | None = None

    @property
    def since_text(self) -> str:
        """Say since when, in China Standard Time, or nothing when it is not known."""
        return local(self.since).strftime("%Y-%m-%d %H:%M") if self.since else ""


def goes_to_applicant(case: Case, leg: Leg) -> bool:
    """Tell whether a leg is addressed to the applicant rather than to a hall or department."""
    if leg.kind is LegKind.ORIGINALS_RETURN:
        return True
    return leg.kind is LegKind.RESULT and case.result_delivery is ResultDelivery.MAIL


def attention_for(case: Case, leg: Leg, receipt: Receipt | None = None) -> list[Attention]:
    """Return what needs a person about one leg: its state, a discrepancy, stray waybills."""
    if not leg.is_live:
        return []
    found = [] if case.status is CaseStatus.CLOSED else _state_problem(case, leg, receipt)
    rows = [_row(case, leg, problem, action, leg.exception_at) for problem, action in found]
    return rows + [
        _row(
            case,
            leg,
            Text("邮政多分配了运单号 {waybill_no}，系统无法自动作废", waybill_no=extra.waybill_no),
            Text("请联系邮政作废运单号 {waybill_no}，切勿用它寄件", waybill_no=extra.waybill_no),
            extra.created_at,
        )
        for extra in leg.extra_waybills
        if extra.needs_manual_void
    ]


def _state_problem(case: Case, leg: Leg, receipt: Receipt | None) -> list[tuple[str, str]]:
    """Return the leg's problem and next action, if its state needs a person."""
    if leg.status is S.RECEIVED:
        if receipt is None or not receipt.needs_resolution:
            return []
        return [(discrepancy_reason(leg, receipt), _DISCREPANCY_ACTION.get(leg.kind, STUCK_ACTION))]
    if leg.status in _BY_STATUS:
        problem, action = _BY_STATUS[leg.status]
        if goes_to_applicant(case, leg):
            action = _TO_APPLICANT.get(leg.status, action)
        return [(_with_exception(_with_note(problem, leg), leg.exception_reason), action)]
    if leg.exception_reason:
        return [(leg.exception_reason, STUCK_ACTION)]
    return []


def _with_note(problem: Text, leg: Leg) -> Text:
    """Add the carrier's reason to the problem, for the statuses the carrier drives."""
    note = leg.last_error if leg.status is S.BOOKING_FAILED else leg.tracking_note
    return Text("{problem}：{note}", problem=problem, note=note) if note else problem


def _with_exception(problem: Text, reason: str | None) -> Text:
    """Add why the leg is flagged (no news, a discrepancy) to the problem of its status."""
    return Text("{problem}；{reason}", problem=problem, reason=reason) if reason else problem


def _row(case: Case, leg: Leg, problem: str, action: str, since: datetime | None) -> Attention:
    return Attention(
        case.case_number,
        leg.id,
        LEG_KIND_NAMES[leg.kind],
        leg.waybill_no or "",
        problem,
        action,
        since,
    )
