"""Which steps of a case are texted to the applicant, and what the text says.

A text carries the case number and the public tracking link only: never a name, a phone
number or an address, since anyone holding the phone may read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from courier.domain.case import ResultDelivery
from courier.domain.leg import LegKind


class NotificationStep(Enum):
    ORIGINALS_ARRIVED = "originals_arrived"
    RESULT_ON_ITS_WAY = "result_on_its_way"
    RESULT_AT_WINDOW = "result_at_window"


class SmsStatus(Enum):
    PLANNED = "planned"  # waiting to be sent (or retried)
    SENT = "sent"  # the gateway accepted it
    REFUSED = "refused"  # the gateway refused it (e.g. a bad number): never retried
    GIVEN_UP = "given_up"  # the gateway stayed unavailable for every attempt
    SKIPPED = "skipped"  # the applicant opted out after it was planned


N, K, D = NotificationStep, LegKind, ResultDelivery
# (leg kind, how the result is delivered or None for any, leg event type) → step.
# "receipt_confirmed" is the department's own confirmation of the originals' arrival.
STEP_OF: dict[tuple[LegKind, ResultDelivery | None, str], NotificationStep] = {
    (K.ORIGINALS, None, "delivered"): N.ORIGINALS_ARRIVED,
    (K.ORIGINALS, None, "receipt_confirmed"): N.ORIGINALS_ARRIVED,
    (K.RESULT, None, "accepted"): N.RESULT_ON_ITS_WAY,
    (K.RESULT, D.PICKUP_AT_HALL, "delivered"): N.RESULT_AT_WINDOW,
}

# The texts go to applicants in Chinese whatever language anyone reads the pages in: the SMS
# gateway sends only the signature and templates registered with it, word for word.
SIGNATURE = "【政务寄递】"  # said as is: SMS text
TEMPLATES = {
    N.ORIGINALS_ARRIVED: (
        "您的办件{case_number}的原件材料已送达审批部门。"  # said as is: SMS text
        "查询进度：{link}"
    ),
    N.RESULT_ON_ITS_WAY: (
        "您的办件{case_number}的办理结果已交邮政寄出。"  # said as is: SMS text
        "查询进度：{link}"
    ),
    N.RESULT_AT_WINDOW: (
        "您的办件{case_number}的办理结果已送达受理大厅，"  # said as is: SMS text
        "请携带身份证件到窗口领取。详情：{link}"
    ),
}


@dataclass(frozen=True)
class NotificationSubject:
    """What a step of a leg needs to know of its case: opt-in and how the result goes."""

    case_id: int
    leg_kind: LegKind
    result_delivery: ResultDelivery
    notify_applicant: bool


def step_for(subject: NotificationSubject, event_type: str) -> NotificationStep | None:
    """Return the step a leg event is texted as, or None (not texted, or opted out)."""
    if not subject.notify_applicant:
        return None
    kind, delivery = subject.leg_kind, subject.result_delivery
    return STEP_OF.get((kind, delivery, event_type)) or STEP_OF.get((kind, None, event_type))


def text_for(step: NotificationStep, case_number: str, public_base_url: str) -> str:
    """Return the zh-CN text of a step: the case number and the tracking link, nothing else."""
    link = f"{public_base_url.rstrip('/')}/track"
    return SIGNATURE + TEMPLATES[step].format(case_number=case_number, link=link)


@dataclass(frozen=True)
class RetryPolicy:
    """How an unavailable gateway is retried: doubling waits, capped, then given up."""

    first_wait: timedelta = timedelta(minutes=1)
    longest_wait: timedelta = timedelta(hours=1)
    attempts: int = 12

    def next_attempt(self, attempts_made: int, now: datetime) -> datetime | None:
        """Return when to try again after `attempts_made` failures, or None to give up."""
        if attempts_made >= self.attempts:
            return None
        doubled: timedelta = self.first_wait * (2 ** max(attempts_made - 1, 0))
        wait = min(doubled, self.longest_wait)
        return now + wait


@dataclass(frozen=True)
class SmsMessage:
    """One planned text of a step; its words are made, and the phone read, only when sending."""

    id: int
    case_id: int
    step: NotificationStep
    status: SmsStatus
    attempts: int
    planned_at: datetime
    text: str = ""
    last_error: str = ""
