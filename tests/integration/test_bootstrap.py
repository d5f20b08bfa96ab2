"""The composition root hands the services what the settings ask for."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from courier.storage.crypto import new_key
from tests.unit.test_carrier_wiring import OURS


def test_booking_uses_the_configured_lease_and_reconcile_deadline(tmp_path: Path) -> None:
    from datetime import timedelta

    from courier.bootstrap import bootstrap

    settings = replace(
        OURS,
        database_url=f"sqlite:///{tmp_path / 'c.db'}",
        booking_lease_seconds=200,
        carrier_reconcile_seconds=900,
        data_key=new_key(),
    )
    wired = bootstrap(settings)
    try:
        policy = wired.booking_policy()
    finally:
        wired.close()
    assert (policy.lease, policy.reconcile) == (timedelta(seconds=200), timedelta(seconds=900))
