"""The desk's list of troubled reports on PostgreSQL: failing, given up, per endpoint and case."""

from __future__ import annotations

from courier.bootstrap import Courier
from courier.domain.tracking import LegEventType as E
from courier.services import webhooks
from courier.services.webhooks import TroubleFilter
from tests.integration.reports.conftest import Hooked, make_due, new_case, relay, report
from tests.integration.storage.contract.support import Offices


def listed(app: Courier, wanted: TroubleFilter | None = None) -> list[tuple[str, str, int]]:
    rows = webhooks.troubled_reports(app.uow(), wanted or TroubleFilter())
    return [(r["case_number"], r["state"], r["attempts"]) for r in rows]


def test_failing_and_given_up_reports_are_listed_with_their_case_and_endpoint(
    courier_pg: Courier, offices: Offices, hooked: Hooked
) -> None:
    hooked.receiver.always = 500
    report(courier_pg, new_case(courier_pg, offices, "BJ2026112600001"), E.LOST)
    relay(courier_pg)
    assert listed(courier_pg) == [("BJ2026112600001", "pending", 1)]
    assert listed(courier_pg, TroubleFilter(given_up_only=True)) == []
    for _ in range(7):
        make_due(courier_pg)
        relay(courier_pg)

    [row] = webhooks.troubled_reports(courier_pg.uow(), TroubleFilter(given_up_only=True))
    assert (row["case_number"], row["state"], row["attempts"]) == ("BJ2026112600001", "given_up", 8)
    assert row["endpoint_id"] == hooked.endpoint_id and row["url"] == hooked.url
    assert row["last_status"] == 500
    assert listed(courier_pg, TroubleFilter(case_number="BJ2026112600002")) == []
    assert listed(courier_pg, TroubleFilter(endpoint_id=hooked.endpoint_id + 1)) == []
    assert len(listed(courier_pg, TroubleFilter(endpoint_id=hooked.endpoint_id))) == 1


def test_a_delivered_report_is_not_troubled(
    courier_pg: Courier, offices: Offices, hooked: Hooked
) -> None:
    report(courier_pg, new_case(courier_pg, offices, "BJ2026112600001"), E.DELIVERED)
    assert relay(courier_pg) == 1
    assert listed(courier_pg) == []
