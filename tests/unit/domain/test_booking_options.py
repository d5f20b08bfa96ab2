"""Each leg is booked with the account's pickup, receipt and payment defaults, or staff's choice."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from courier.domain.booking_options import (
    BookingOptions,
    OptionChoices,
    collection_notice,
    keep_window_ahead,
    options_line,
)
from courier.domain.errors import InvalidValue, ValidationFailed
from courier.domain.leg import LegKind
from courier.domain.local_time import CHINA_TIME
from courier.domain.organizations import CarrierAccount, PaymentMode, PickupMode
from tests import factories

NOW = datetime(2026, 12, 3, 6, 0, tzinfo=UTC)  # 14:00 in China
ACCOUNT = CarrierAccount("90000002")
DOOR = PickupMode.DOOR


def china(day: int, hour: int) -> datetime:
    return datetime(2026, 12, day, hour, 0, tzinfo=CHINA_TIME)


def choose(
    kind: LegKind = LegKind.ORIGINALS,
    account: CarrierAccount = ACCOUNT,
    to_applicant: bool = False,
    **choices: object,
) -> BookingOptions:
    return BookingOptions.choose(account, kind, to_applicant, OptionChoices(**choices), NOW)  # type: ignore[arg-type]


def test_without_choices_a_leg_takes_the_account_defaults() -> None:
    account = replace(ACCOUNT, receipt_flag=True)
    options = choose(account=account)
    assert options == BookingOptions(PickupMode.COUNTER, None, None, True, PaymentMode.SENDER_PAYS)


def test_a_result_mailed_to_the_applicant_is_paid_by_them_when_the_account_says_so() -> None:
    account = replace(ACCOUNT, result_receiver_pays=True)
    assert (
        choose(LegKind.RESULT, account, to_applicant=True).payment_mode is PaymentMode.RECEIVER_PAYS
    )
    # a result going to the hall window, and every other leg, stays with the sender
    assert choose(LegKind.RESULT, account).payment_mode is PaymentMode.SENDER_PAYS
    assert choose(LegKind.ORIGINALS_RETURN, account, True).payment_mode is PaymentMode.SENDER_PAYS


def test_staff_may_have_the_sender_pay_for_one_result_despite_the_default() -> None:
    account = replace(ACCOUNT, result_receiver_pays=True)
    chosen = choose(LegKind.RESULT, account, True, payment_mode=PaymentMode.SENDER_PAYS)
    assert chosen.payment_mode is PaymentMode.SENDER_PAYS


def test_receiver_pays_is_refused_on_legs_other_than_results_to_the_applicant() -> None:
    with pytest.raises(InvalidValue) as refused:
        choose(LegKind.ORIGINALS, payment_mode=PaymentMode.RECEIVER_PAYS)
    assert refused.value.field == "payment_mode" and "结果" in refused.value.message
    with pytest.raises(InvalidValue):
        choose(LegKind.RESULT, to_applicant=False, payment_mode=PaymentMode.RECEIVER_PAYS)


def test_door_collection_keeps_the_window_staff_chose() -> None:
    options = choose(pickup_mode=DOOR, pickup_start=china(4, 9), pickup_end=china(4, 12))
    assert (options.pickup_mode, options.pickup_start, options.pickup_end) == (
        DOOR,
        china(4, 9),
        china(4, 12),
    )


def test_door_collection_without_a_window_is_asked_for_the_next_morning() -> None:
    options = choose(pickup_mode=DOOR)
    assert (options.pickup_start, options.pickup_end) == (china(4, 9), china(4, 12))


def test_a_supplement_is_collected_at_the_applicants_door_by_default() -> None:
    options = choose(LegKind.SUPPLEMENT)
    assert options.pickup_mode is DOOR and options.pickup_start == china(4, 9)


def test_a_window_must_end_after_it_starts() -> None:
    with pytest.raises(InvalidValue) as refused:
        choose(pickup_mode=DOOR, pickup_start=china(4, 12), pickup_end=china(4, 9))
    assert refused.value.field == "pickup_end" and "晚于开始" in refused.value.message


def test_a_window_must_start_in_the_future() -> None:
    with pytest.raises(InvalidValue) as refused:
        choose(pickup_mode=DOOR, pickup_start=NOW - timedelta(hours=1), pickup_end=china(4, 9))
    assert refused.value.field == "pickup_start"


def test_a_window_may_be_at_most_seven_days_ahead() -> None:
    choose(
        pickup_mode=DOOR, pickup_start=NOW + timedelta(days=6), pickup_end=NOW + timedelta(days=7)
    )
    with pytest.raises(InvalidValue) as refused:
        choose(pickup_mode=DOOR, pickup_start=china(10, 9), pickup_end=china(10, 16))
    assert refused.value.field == "pickup_end" and "7 天" in refused.value.message


def test_half_a_window_names_the_missing_end() -> None:
    with pytest.raises(InvalidValue) as refused:
        choose(pickup_mode=DOOR, pickup_start=china(4, 9))
    assert refused.value.field == "pickup_end"


def test_a_window_is_refused_for_counter_drop_off() -> None:
    with pytest.raises(InvalidValue) as refused:
        choose(pickup_mode=PickupMode.COUNTER, pickup_start=china(4, 9), pickup_end=china(4, 12))
    assert refused.value.field == "pickup_start" and "上门揽收" in refused.value.message


def test_every_bad_option_is_named_at_once() -> None:
    with pytest.raises(ValidationFailed) as refused:
        choose(
            pickup_mode=DOOR,
            pickup_start=china(4, 12),
            pickup_end=china(4, 9),
            payment_mode=PaymentMode.RECEIVER_PAYS,
        )
    assert set(refused.value.errors) == {"pickup_end", "payment_mode"}


def test_the_options_are_said_in_one_line_and_the_applicant_is_told_when_the_postman_comes() -> (
    None
):
    case = factories.case()
    leg = case.plan_supplement_leg(factories.hall(), factories.shipping())
    options = choose(LegKind.SUPPLEMENT, receipt_flag=True)
    options.apply_to(leg)
    assert options_line(leg) == "上门揽收 09:00–12:00 · 回单"
    notice = collection_notice(leg.pickup_type, leg.pickup_start, leg.pickup_end)
    assert notice == "邮政将于 12月4日 09:00–12:00 上门收件"
    leg.pickup_type, leg.pickup_start, leg.pickup_end, leg.receipt_flag = 0, None, None, False
    leg.payment_mode = 2
    assert options_line(leg) == "柜台交寄 · 收件人付费"
    assert collection_notice(leg.pickup_type, leg.pickup_start, leg.pickup_end) is None


def test_a_window_that_passed_while_the_booking_waited_moves_to_the_next_morning() -> None:
    leg = factories.case().plan_originals_leg(
        factories.hall(), factories.department(), factories.shipping()
    )
    leg.pickup_type, leg.pickup_start, leg.pickup_end = DOOR.value, china(2, 9), china(2, 12)
    assert keep_window_ahead(leg, NOW)
    assert (leg.pickup_start, leg.pickup_end) == (china(4, 9), china(4, 12))
    assert not keep_window_ahead(leg, NOW)  # still ahead: left as it is
    leg.pickup_type, leg.pickup_end = PickupMode.COUNTER.value, china(1, 12)
    assert not keep_window_ahead(leg, NOW)  # dropped at the counter: no window to keep
