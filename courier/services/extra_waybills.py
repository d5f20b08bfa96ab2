"""Cancel the extra waybills a leg keeps, with back-off; staff void what the carrier refuses."""

from __future__ import annotations

import logging

from courier.ports.carrier import Carrier, CarrierBusinessError, CarrierError
from courier.ports.clock import Clock
from courier.services.legs import require_leg
from courier.services.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)
EXTRA_WAYBILL_REASON = "重复下单，系统自动取消多余运单"  # said as is: sent to the carrier


def cancel_due_extra_waybills(
    uow: UnitOfWork, carrier: Carrier, clock: Clock, leg_id: int, *, release: bool
) -> None:
    """Cancel the extra waybills that are due; `release` also frees the caller's lease."""
    with uow:
        due = [
            (e.order_no, e.waybill_no)
            for e in require_leg(uow, leg_id).extra_waybills_due(clock.now())
        ]
    outcomes = {
        waybill_no: _try_cancel(carrier, order_no, waybill_no) for order_no, waybill_no in due
    }
    if not outcomes and not release:
        return
    with uow:
        leg = require_leg(uow, leg_id)
        for extra in leg.extra_waybills:
            if extra.waybill_no not in outcomes:
                continue
            error = outcomes[extra.waybill_no]
            if error is None:
                extra.cancelled()
            else:
                final = isinstance(error, CarrierBusinessError)
                extra.failed(error.message, clock.now(), final=final)
        if release:
            leg.claimed_until = None
        uow.commit()


def _try_cancel(carrier: Carrier, order_no: str, waybill_no: str) -> CarrierError | None:
    try:
        carrier.cancel_order(order_no, waybill_no, EXTRA_WAYBILL_REASON)
    except CarrierError as error:
        log.warning("extra waybill for order %s not cancelled: %s", order_no, error.code)
        return error
    return None
