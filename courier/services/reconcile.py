"""Reconcile a leg with the carrier once its deadline after an unknown outcome has passed.

A timeout never proves the carrier did nothing, so one QueryOrder after the deadline
settles which waybill is live; every other one becomes an extra waybill to cancel.
"""

from __future__ import annotations

import logging

from courier.domain.errors import Conflict
from courier.ports.carrier import Carrier, CarrierError
from courier.ports.clock import Clock
from courier.services.legs import require_leg
from courier.services.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)


def reconcile_order(
    uow: UnitOfWork, carrier: Carrier, clock: Clock, leg_id: int, order_no: str
) -> None:
    """After the deadline: keep the leg's own waybill live and set aside every other."""
    try:
        bookings = carrier.query_order(order_no)
    except CarrierError as error:
        log.warning("reconcile of order %s postponed: %s", order_no, error.code)
        bookings = None
    try:
        with uow:
            leg = require_leg(uow, leg_id)
            if bookings is not None:
                for booking in [b for b in bookings if not b.cancelled]:
                    if booking.waybill_no != leg.waybill_no:
                        leg.keep_extra_waybill(booking.waybill_no, clock.now())
                leg.reconcile_after = None
            leg.claimed_until = None
            uow.commit()
    except Conflict:
        # A number another leg already keeps (a carrier that re-issued it): not ours to void.
        log.warning("reconcile of order %s met a waybill kept elsewhere", order_no)
        _end_reconcile(uow, leg_id)


def _end_reconcile(uow: UnitOfWork, leg_id: int) -> None:
    with uow:
        leg = require_leg(uow, leg_id)
        leg.reconcile_after = None
        leg.claimed_until = None
        uow.commit()
