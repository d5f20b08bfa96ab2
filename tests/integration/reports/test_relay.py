"""The relay over real HTTP to a receiver that checks every report with standardwebhooks."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

import requests

from courier.bootstrap import Courier
from courier.domain.reports import signature_header
from courier.domain.tracking import LegEventType as E
from courier.services import webhooks
from tests.integration.reports.conftest import (
    POLICY,
    Hooked,
    deliveries,
    make_due,
    message_of,
    new_case,
    relay,
    report,
)
from tests.integration.storage.contract.support import Offices


def test_reports_arrive_signed_in_case_order_with_their_stable_webhook_id(
    courier_pg: Courier, offices: Offices, hooked: Hooked
) -> None:
    stored = new_case(courier_pg, offices, "BJ2026112600001")
    report(courier_pg, stored, E.BOOKED)
    report(courier_pg, stored, E.ACCEPTED, E.DELIVERED)

    assert relay(courier_pg) == 3

    arrivals = hooked.receiver.accepted
    assert [a.body["type"] for a in arrivals] == ["leg.booked", "leg.accepted", "leg.delivered"]
    assert [a.body["data"]["sequence"] for a in arrivals] == [1, 2, 3]
    assert all(a.headers["webhook-id"].startswith("msg_") for a in arrivals)
    assert {d.state for d in deliveries(courier_pg)} == {"delivered"}
    assert hooked.receiver.rejected == 0


def test_the_receiver_refuses_a_tampered_or_stale_report(
    courier_pg: Courier, offices: Offices, hooked: Hooked
) -> None:
    report(courier_pg, new_case(courier_pg, offices, "BJ2026112600001"), E.DELIVERED)
    relay(courier_pg)
    [arrival] = hooked.receiver.accepted
    tampered = arrival.raw.replace(b"delivered", b"lost")
    assert (
        requests.post(hooked.url, data=tampered, headers=arrival.headers, timeout=5).status_code
        == 400
    )
    stale = int((datetime.now(UTC) - timedelta(minutes=10)).timestamp())
    signed = signature_header([hooked.secret], arrival.message_id, stale, arrival.raw)
    headers = {**arrival.headers, "webhook-timestamp": str(stale), "webhook-signature": signed}
    assert (
        requests.post(hooked.url, data=arrival.raw, headers=headers, timeout=5).status_code == 400
    )
    assert hooked.receiver.rejected == 2 and len(hooked.receiver.accepted) == 1


def test_failed_first_attempts_are_retried_with_the_same_webhook_id_until_accepted(
    courier_pg: Courier, offices: Offices, hooked: Hooked
) -> None:
    hooked.receiver.script = [(503, {}), (429, {"Retry-After": "0"}), (302, {"Location": "/x"})]
    report(courier_pg, new_case(courier_pg, offices, "BJ2026112600001"), E.DELIVERED)
    for _ in range(4):
        relay(courier_pg)
        make_due(courier_pg)

    receiver = hooked.receiver
    assert len(receiver.attempts) == 4 and len(set(receiver.attempts)) == 1
    assert receiver.ids() == receiver.attempts[:1]
    attempts = webhooks.endpoint_attempts(courier_pg.uow(), hooked.endpoint_id)
    assert [a["status_code"] for a in reversed(attempts)] == [503, 429, 302, 204]
    assert all(a["duration_ms"] >= 0 for a in attempts)
    [delivery] = deliveries(courier_pg)
    assert delivery.state == "delivered" and delivery.attempts == 4


def test_a_failed_attempt_waits_for_the_schedule_before_the_next(
    courier_pg: Courier, offices: Offices, hooked: Hooked
) -> None:
    hooked.receiver.always = 500
    report(courier_pg, new_case(courier_pg, offices, "BJ2026112600001"), E.DELIVERED)
    relay(courier_pg)
    relay(courier_pg)  # nothing due yet: the next attempt is ≥ 5 s away
    assert len(hooked.receiver.attempts) == 1
    [delivery] = deliveries(courier_pg)
    assert delivery.next_attempt_at - datetime.now(UTC) > timedelta(seconds=3)


def test_a_410_disables_the_endpoint_and_nothing_more_is_sent_to_it(
    courier_pg: Courier, offices: Offices, hooked: Hooked
) -> None:
    hooked.receiver.always = 410
    stored = new_case(courier_pg, offices, "BJ2026112600001")
    report(courier_pg, stored, E.ACCEPTED)
    relay(courier_pg)
    report(courier_pg, stored, E.DELIVERED)
    relay(courier_pg)

    endpoint = webhooks.get_endpoint(courier_pg.uow(), hooked.endpoint_id)
    assert not endpoint.enabled and "410" in endpoint.disabled_reason
    assert len(hooked.receiver.attempts) == 1
    assert [d.state for d in deliveries(courier_pg)] == ["given_up"]


def test_a_report_given_up_is_listed_as_failed_and_a_replay_delivers_it_with_its_id(
    courier_pg: Courier, offices: Offices, hooked: Hooked
) -> None:
    hooked.receiver.always = 500
    report(courier_pg, new_case(courier_pg, offices, "BJ2026112600001"), E.LOST)
    for _ in range(8):
        relay(courier_pg)
        make_due(courier_pg)
    assert len(hooked.receiver.attempts) == 8 and relay(courier_pg) == 0
    [failed] = webhooks.reported_events(courier_pg.uow(), "failed")
    assert failed["state"] == "given_up" and failed["attempts"] == 8

    hooked.receiver.always = None
    assert webhooks.replay_event(courier_pg.uow(), courier_pg.clock, failed["id"]) == 1
    relay(courier_pg)
    assert hooked.receiver.ids() == [failed["message_id"]]
    assert webhooks.reported_events(courier_pg.uow(), "failed") == []


def test_a_case_s_next_report_waits_for_the_previous_while_other_cases_go_on(
    courier_pg: Courier, offices: Offices, hooked: Hooked
) -> None:
    first = new_case(courier_pg, offices, "BJ2026112600001")
    other = new_case(courier_pg, offices, "BJ2026112600002")
    report(courier_pg, first, E.ACCEPTED, E.DELIVERED)
    report(courier_pg, other, E.ACCEPTED)
    hooked.receiver.fail_ids[message_of(courier_pg, first.case_id, 1)] = 1

    relay(courier_pg)
    numbers = [a.body["data"]["case_number"] for a in hooked.receiver.accepted]
    assert numbers == ["BJ2026112600002"]  # the first case's second report waited
    make_due(courier_pg)
    relay(courier_pg)
    sent = [
        (a.body["data"]["case_number"], a.body["data"]["sequence"])
        for a in hooked.receiver.accepted
    ]
    assert sent == [("BJ2026112600002", 1), ("BJ2026112600001", 1), ("BJ2026112600001", 2)]


def test_two_relay_workers_at_once_send_each_report_once_and_in_case_order(
    courier_pg: Courier, offices: Offices, hooked: Hooked
) -> None:
    hooked.receiver.delay = 0.005
    cases = [new_case(courier_pg, offices, f"BJ20261126{n:05d}") for n in range(20)]
    for _ in range(5):
        for stored in cases:
            report(courier_pg, stored, E.ACCEPTED)
    start = threading.Barrier(2)

    def work() -> None:
        start.wait()
        while relay(courier_pg, POLICY) or any(
            d.state == "pending" for d in deliveries(courier_pg)
        ):
            time.sleep(0.01)

    workers = [threading.Thread(target=work) for _ in range(2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=120)

    ids = hooked.receiver.ids()
    assert len(ids) == 100 and len(set(ids)) == 100
    by_case: dict[str, list[int]] = {}
    for a in hooked.receiver.accepted:
        by_case.setdefault(a.body["data"]["case_number"], []).append(a.body["data"]["sequence"])
    assert all(seqs == [1, 2, 3, 4, 5] for seqs in by_case.values()) and len(by_case) == 20
