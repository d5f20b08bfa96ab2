"""Administrators manage status-report endpoints through the API; secrets are shown once."""

from __future__ import annotations

from flask.testing import FlaskClient

from courier.bootstrap import Courier
from courier.domain.tracking import LegEventType, leg_event
from courier.services import events
from tests.integration.app.conftest import basic

ADMIN = basic("admin")
WINDOW = basic("bj-window")
HOOK = {"url": "https://case.example/hook", "event_types": ["leg.delivered", "case.closed"]}


def subscribe(client: FlaskClient) -> dict[str, object]:
    response = client.post("/api/v1/webhook-endpoints", json=HOOK, headers=ADMIN)
    assert response.status_code == 201, response.json
    return dict(response.json)


def test_an_administrator_subscribes_an_endpoint_and_sees_its_secret_only_once(
    client: FlaskClient, wired: Courier
) -> None:
    created = subscribe(client)
    secret = str(created["secret"])
    assert secret.startswith("whsec_") and created["event_types"] == HOOK["event_types"]

    listed = client.get("/api/v1/webhook-endpoints", headers=ADMIN)
    one = client.get(f"/api/v1/webhook-endpoints/{created['id']}", headers=ADMIN)
    assert listed.status_code == 200 and one.status_code == 200
    assert secret not in listed.get_data(as_text=True) + one.get_data(as_text=True)
    assert "secret" not in one.json and one.json["enabled"] is True
    with wired.engine.connect() as connection:  # stored encrypted
        stored = connection.exec_driver_sql("SELECT secret FROM webhook_endpoints").scalar()
    assert secret not in str(stored)


def test_only_administrators_manage_endpoints(client: FlaskClient) -> None:
    assert client.get("/api/v1/webhook-endpoints", headers=WINDOW).status_code == 403
    assert client.post("/api/v1/webhook-endpoints", json=HOOK, headers=WINDOW).status_code == 403
    assert client.get("/api/v1/webhook-events").status_code == 401


def test_a_bad_endpoint_is_refused_field_by_field(client: FlaskClient) -> None:
    bad = {"url": "ftp://case.example", "event_types": ["leg.delivered", "leg.teleported"]}
    response = client.post("/api/v1/webhook-endpoints", json=bad, headers=ADMIN)
    assert response.status_code == 422
    assert set(response.json["error"]["fields"]) == {"url", "event_types.1"}
    empty = client.post("/api/v1/webhook-endpoints", json={}, headers=ADMIN)
    assert empty.status_code == 422
    assert {"url", "event_types"} <= set(empty.json["error"]["fields"])


def test_rotating_gives_a_new_secret_once_and_disabling_stops_the_endpoint(
    client: FlaskClient,
) -> None:
    created = subscribe(client)
    rotated = client.post(f"/api/v1/webhook-endpoints/{created['id']}/rotate-secret", headers=ADMIN)
    assert rotated.status_code == 200
    assert (
        rotated.json["secret"].startswith("whsec_") and rotated.json["secret"] != created["secret"]
    )
    gone = client.delete(f"/api/v1/webhook-endpoints/{created['id']}", headers=ADMIN)
    assert gone.status_code == 200 and gone.json["enabled"] is False
    deliveries = client.get(f"/api/v1/webhook-endpoints/{created['id']}/deliveries", headers=ADMIN)
    assert deliveries.status_code == 200 and deliveries.json == {"attempts": []}


def test_unknown_endpoints_events_and_states_are_clear_errors(client: FlaskClient) -> None:
    assert client.get("/api/v1/webhook-endpoints/999", headers=ADMIN).status_code == 404
    assert client.post("/api/v1/webhook-events/999/replay", headers=ADMIN).status_code == 404
    wrong = client.get("/api/v1/webhook-events?state=lost", headers=ADMIN)
    assert wrong.status_code == 422 and "state" in wrong.json["error"]["fields"]
    assert client.get("/api/v1/webhook-events?state=failed", headers=ADMIN).json == {"events": []}


def test_an_id_out_of_range_is_not_found_whatever_the_method(client: FlaskClient) -> None:
    too_big = "/api/v1/webhook-endpoints/24734478901"
    for method in ("get", "delete"):
        answer = getattr(client, method)(too_big, headers=ADMIN)
        assert answer.status_code == 404, (method, answer.json)
    assert client.put("/api/v1/webhook-endpoints/5", headers=ADMIN).status_code == 405


def test_a_report_is_listed_with_its_attempts_and_replayed_to_one_endpoint(
    client: FlaskClient, wired: Courier
) -> None:
    hook = {"url": "http://127.0.0.1:9/hook", "event_types": ["leg.delivered"]}
    endpoint = client.post("/api/v1/webhook-endpoints", json=hook, headers=ADMIN).json
    with wired.uow() as uow:  # the relay runs at once after commit (nobody listens on port 9)
        leg = uow.legs.get(1)
        assert leg is not None
        events.record(uow, [leg_event(leg, LegEventType.DELIVERED, wired.clock.now())])
        uow.commit()

    [listed] = client.get("/api/v1/webhook-events?state=pending", headers=ADMIN).json["events"]
    assert listed["endpoint_id"] == endpoint["id"] and listed["attempts"] == 1
    assert listed["last_error"] == "ConnectionError" and listed["last_status"] is None
    replay = {"endpoint_id": endpoint["id"]}
    again = client.post(f"/api/v1/webhook-events/{listed['id']}/replay", json=replay, headers=ADMIN)
    assert again.status_code == 200 and again.json["queued"] == 1
    url = f"/api/v1/webhook-endpoints/{endpoint['id']}/deliveries"
    attempts = client.get(url, headers=ADMIN).json["attempts"]
    assert [a["message_id"] for a in attempts] == [listed["message_id"]] * 2
    assert all(a["status_code"] is None and a["error"] for a in attempts)


def test_a_handover_reports_each_parcel_handed_to_the_postman(client: FlaskClient) -> None:
    hook = {"url": "http://127.0.0.1:9/hook", "event_types": ["leg.handed_over"]}
    assert client.post("/api/v1/webhook-endpoints", json=hook, headers=ADMIN).status_code == 201
    case = client.get("/api/v1/cases/BJDC2026112600001", headers=WINDOW).json
    leg_id = case["legs"][0]["id"]

    handover = client.post("/api/v1/handovers", json={"leg_ids": [leg_id]}, headers=WINDOW)

    assert handover.status_code == 201
    [listed] = client.get("/api/v1/webhook-events", headers=ADMIN).json["events"]
    assert listed["event_type"] == "leg.handed_over" and listed["sequence"] == 2  # after booked
