"""How a leg is handed to the carrier: counter or door collection, return receipt, who pays."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from courier.domain.errors import InvalidValue
from courier.domain.leg import Leg, LegKind
from courier.domain.local_time import CHINA_TIME, local
from courier.domain.organizations import CarrierAccount, PaymentMode, PickupMode
from courier.domain.text import Text
from courier.domain.validation import all_valid

MAX_DAYS_AHEAD = 7
# When staff ask for door collection without a window: the next morning.
DEFAULT_WINDOW = (time(9), time(12))


@dataclass(frozen=True)
class OptionChoices:
    """What staff chose for one leg; None keeps the account's default."""

    pickup_mode: PickupMode | None = None
    pickup_start: datetime | None = None
    pickup_end: datetime | None = None
    receipt_flag: bool | None = None
    payment_mode: PaymentMode | None = None


@dataclass(frozen=True)
class BookingOptions:
    """The carrier's pickupType, pickup window, receiptFlag and paymentMode of one leg."""

    pickup_mode: PickupMode = PickupMode.COUNTER
    pickup_start: datetime | None = None
    pickup_end: datetime | None = None
    receipt_flag: bool = False
    payment_mode: PaymentMode = PaymentMode.SENDER_PAYS

    @classmethod
    def choose(
        cls,
        account: CarrierAccount,
        kind: LegKind,
        to_applicant: bool,
        choices: OptionChoices,
        now: datetime,
    ) -> BookingOptions:
        """Apply staff's choices over the account's defaults, naming every bad field at once."""
        mode = choices.pickup_mode or _default_pickup(account, kind)
        values = all_valid(
            window=lambda: _window(mode, choices, now),
            payment_mode=lambda: _payment(account, kind, to_applicant, choices.payment_mode),
        )
        start, end = values["window"]
        receipt = account.receipt_flag if choices.receipt_flag is None else choices.receipt_flag
        return cls(mode, start, end, receipt, values["payment_mode"])

    def apply_to(self, leg: Leg) -> None:
        leg.pickup_type = self.pickup_mode.value
        leg.pickup_start, leg.pickup_end = self.pickup_start, self.pickup_end
        leg.receipt_flag = self.receipt_flag
        leg.payment_mode = self.payment_mode.value


def _default_pickup(account: CarrierAccount, kind: LegKind) -> PickupMode:
    # the applicant sends a supplement from home: the postman collects it at their address
    return PickupMode.DOOR if kind is LegKind.SUPPLEMENT else account.pickup_mode


def _window(
    mode: PickupMode, choices: OptionChoices, now: datetime
) -> tuple[datetime | None, datetime | None]:
    start, end = choices.pickup_start, choices.pickup_end
    if mode is PickupMode.COUNTER:
        if start or end:
            raise InvalidValue(Text("柜台交寄无需揽收时段，只有上门揽收可以填写。"), "pickup_start")
        return None, None
    if start is None and end is None:
        return next_morning(now)
    values = all_valid(
        pickup_start=lambda: _start(start, now), pickup_end=lambda: _end(start, end, now)
    )
    return values["pickup_start"], values["pickup_end"]


def _start(start: datetime | None, now: datetime) -> datetime:
    if start is None:
        raise InvalidValue(Text("请填写揽收开始时间。"), "pickup_start")
    if start <= now:
        raise InvalidValue(Text("揽收开始时间应晚于当前时间。"), "pickup_start")
    return start


def _end(start: datetime | None, end: datetime | None, now: datetime) -> datetime:
    if end is None:
        raise InvalidValue(Text("请填写揽收结束时间。"), "pickup_end")
    if start is not None and end <= start:
        raise InvalidValue(Text("揽收结束时间应晚于开始时间。"), "pickup_end")
    if end > now + timedelta(days=MAX_DAYS_AHEAD):
        raise InvalidValue(
            Text("揽收时段最多可预约 {days} 天以内。", days=MAX_DAYS_AHEAD), "pickup_end"
        )
    return end


def next_morning(now: datetime) -> tuple[datetime, datetime]:
    """Return tomorrow's default collection window, in China time."""
    day = local(now).date() + timedelta(days=1)
    first, last = DEFAULT_WINDOW
    return datetime.combine(day, first, CHINA_TIME), datetime.combine(day, last, CHINA_TIME)


def keep_window_ahead(leg: Leg, now: datetime) -> bool:
    """Move a door collection whose window passed while its booking waited to the next morning.

    A booking queued while the carrier was down may be sent after the chosen window ended;
    the carrier would refuse a window in the past, so it goes to tomorrow's default window.
    """
    passed = leg.pickup_end is not None and leg.pickup_end <= now
    if leg.pickup_type != PickupMode.DOOR.value or not passed:
        return False
    leg.pickup_start, leg.pickup_end = next_morning(now)
    return True


def _payment(
    account: CarrierAccount, kind: LegKind, to_applicant: bool, chosen: PaymentMode | None
) -> PaymentMode:
    applicant_result = kind is LegKind.RESULT and to_applicant
    if chosen is PaymentMode.RECEIVER_PAYS and not applicant_result:
        raise InvalidValue(Text("只有寄给申请人的结果可以由收件人付费。"), "payment_mode")
    if chosen is not None:
        return chosen
    if applicant_result and account.result_receiver_pays:
        return PaymentMode.RECEIVER_PAYS
    return account.payment_mode


def options_line(leg: Leg) -> Text:
    """Say in one line how the leg is handed over and paid (上门揽收 09:00–12:00 · 回单)."""
    line = _pickup_words(leg)
    if leg.receipt_flag:
        line = Text("{options} · 回单", options=line)
    if leg.payment_mode == PaymentMode.RECEIVER_PAYS.value:
        line = Text("{options} · 收件人付费", options=line)
    return line


def _pickup_words(leg: Leg) -> Text:
    if leg.pickup_type != PickupMode.DOOR.value:
        return Text("柜台交寄")
    if leg.pickup_start is None or leg.pickup_end is None:
        return Text("上门揽收")
    return Text("上门揽收 {window}", window=_window_words(leg.pickup_start, leg.pickup_end))


def _window_words(start: datetime, end: datetime) -> str:
    first, last = local(start), local(end)
    if first.date() == last.date():
        return f"{first:%H:%M}–{last:%H:%M}"
    return Text(
        "{start}–{month}月{day}日 {end}",
        start=first.strftime("%H:%M"),
        month=last.month,
        day=last.day,
        end=last.strftime("%H:%M"),
    )


def collection_notice(
    pickup_type: int, start: datetime | None, end: datetime | None
) -> Text | None:
    """Tell the applicant when the postman comes: 邮政将于 12月4日 09:00–12:00 上门收件."""
    if pickup_type != PickupMode.DOOR.value or start is None or end is None:
        return None
    first = local(start)
    return Text(
        "邮政将于 {month}月{day}日 {window} 上门收件",
        month=first.month,
        day=first.day,
        window=_window_words(start, end),
    )
