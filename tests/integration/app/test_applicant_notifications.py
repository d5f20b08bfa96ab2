"""Opting out at case creation (form and API), and the embedded outbox page /dev/sms."""

from __future__ import annotations

from pathlib import Path

from flask.testing import FlaskClient

from courier.app import create_app
from courier.bootstrap import Courier, bootstrap
from courier.domain.leg import LegKind, LegStatus
from courier.domain.masking import mask_phone
from courier.domain.tracking import LegEvent, LegEventType
from courier.services.notifications import NotificationPolicy, plan_notifications, send_due_sms
from tests import factories
from tests.integration.app.conftest import basic, settings_for
from tests.integration.app.test_api import WINDOW, new_case
from tests.integration.app.test_case_form import GOOD
from tests.integration.app.test_desk import signed_in


def notified(wired: Courier, case_number: str) -> bool:
    with wired.uow() as uow:
        case = uow.cases.get(case_number)
    assert case is not None
    return case.notify_applicant


def test_the_case_form_offers_texts_ticked_and_keeps_an_untick(
    client: FlaskClient, wired: Courier
) -> None:
    token = signed_in(client, "bj-window")
    form = client.get("/cases/new").get_data(as_text=True)
    assert 'name="notify_applicant" value="on" checked' in form
    client.post("/cases/new", data={**GOOD, "notify_applicant": "on", "csrf": token})
    declined = {**GOOD, "case_number": "BJDC2026112699002", "csrf": token}
    client.post("/cases/new", data=declined)
    assert notified(wired, "BJDC2026112699001") is True
    assert notified(wired, "BJDC2026112699002") is False


def test_the_api_takes_the_opt_out_and_defaults_to_texting(client: FlaskClient) -> None:
    default = client.post("/api/v1/cases", json=new_case("BJDC2026112699101"), headers=WINDOW)
    declined = {**new_case("BJDC2026112699102"), "notify_applicant": False}
    answer = client.post("/api/v1/cases", json=declined, headers=WINDOW)
    assert default.json["notify_applicant"] is True and answer.json["notify_applicant"] is False
    bad = {**new_case("BJDC2026112699103"), "notify_applicant": "perhaps"}
    refused = client.post("/api/v1/cases", json=bad, headers=WINDOW)
    assert refused.status_code == 422 and "notify_applicant" in refused.json["error"]["fields"]


def send_one_text(wired: Courier) -> tuple[str, str]:
    """Plan and send the originals-arrived text of a demo case; return its number and mobile."""
    with wired.uow() as uow:
        case = next(c for c in uow.cases.list() if c.live_leg(LegKind.ORIGINALS))
        case.notify_applicant = True
        leg = case.live_leg(LegKind.ORIGINALS)
        assert leg is not None
        event = LegEvent(
            leg.id, case.id, LegEventType.DELIVERED, LegStatus.DELIVERED, "", factories.NOW
        )
        plan_notifications(uow, [event], factories.NOW)
        uow.commit()
        number, mobile = case.case_number, case.applicant.mobile
    send_due_sms(wired.uow(), wired.sms(), wired.clock, NotificationPolicy("http://courier.test"))
    return number, mobile


def test_administrators_see_what_would_have_been_sent_with_the_phone_masked(
    client: FlaskClient, wired: Courier
) -> None:
    number, mobile = send_one_text(wired)
    signed_in(client, "admin")
    page = client.get("/dev/sms").get_data(as_text=True)
    assert "短信发件箱" in page and number in page and "http://courier.test/track" in page
    assert mask_phone(mobile) in page and mobile not in page


def test_the_outbox_page_is_for_administrators_only(client: FlaskClient) -> None:
    assert client.get("/dev/sms").status_code in (302, 401)
    signed_in(client, "bj-window")
    assert client.get("/dev/sms").status_code == 403


def test_the_outbox_page_does_not_exist_unless_sms_is_embedded(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, sms="off")
    wired = bootstrap(settings)
    try:
        client = create_app(wired=wired).test_client()
        assert client.get("/dev/sms", headers=basic("admin")).status_code == 404
    finally:
        wired.close()
