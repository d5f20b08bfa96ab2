"""Labels, reprints, batches and handover lists through the API and the CLI."""

from __future__ import annotations

import io

import pymupdf
from click.testing import CliRunner
from flask.testing import FlaskClient

from courier.bootstrap import Courier
from tests.integration.app.conftest import basic

WINDOW = basic("bj-window")
HZ_WINDOW = basic("hz-window")


def pdf_text(data: bytes) -> list[str]:
    with pymupdf.open(stream=io.BytesIO(data), filetype="pdf") as document:
        return [page.get_text() for page in document]


def leg_of(client: FlaskClient, case_number: str, headers: dict[str, str]) -> dict:
    return client.get(f"/api/v1/cases/{case_number}", headers=headers).json["legs"][0]


def test_label_of_a_booked_leg_shows_waybill_and_masked_receiver(
    client: FlaskClient, wired: Courier
) -> None:
    leg = leg_of(client, "BJDC2026112600001", WINDOW)
    response = client.get(f"/api/v1/legs/{leg['id']}/label.pdf?size=100x180", headers=WINDOW)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    [text] = pdf_text(response.data)
    assert leg["waybill_no"] in text.replace(" ", "")
    assert "057187001234" not in text and "0571******34" in text
    assert "补打" not in text
    again = pdf_text(client.get(f"/api/v1/legs/{leg['id']}/label.pdf", headers=WINDOW).data)[0]
    assert "补打" in again
    with wired.uow() as uow:
        history = uow.prints.history(leg["id"])
    assert [row["reprint"] for row in history] == [False, True]
    assert {row["account_id"] for row in history} == {2}


def test_unknown_size_and_unbooked_leg_are_clear_4xx(client: FlaskClient) -> None:
    leg = leg_of(client, "BJDC2026112600001", WINDOW)
    bad_size = client.get(f"/api/v1/legs/{leg['id']}/label.pdf?size=A4", headers=WINDOW)
    assert bad_size.status_code == 422 and "面单尺寸" in bad_size.json["error"]["message"]
    assert client.get("/api/v1/legs/999/label.pdf", headers=WINDOW).status_code == 404


def test_batch_is_one_pdf_in_destination_order(client: FlaskClient) -> None:
    decided = client.get("/api/v1/cases/HZXH2026112600003", headers=HZ_WINDOW).json["legs"]
    result = next(leg for leg in decided if leg["kind"] == "result")
    ids = [leg_of(client, "BJDC2026112600001", WINDOW)["id"], result["id"]]  # two booked legs
    response = client.post(
        "/api/v1/labels", json={"leg_ids": ids, "size": "76x130"}, headers=basic("admin")
    )
    assert response.status_code == 200
    assert len(pdf_text(response.data)) == 2
    bad = client.post("/api/v1/labels", json={"leg_ids": ["x"]}, headers=WINDOW)
    assert bad.status_code == 422 and bad.json["error"]["fields"] == {
        "leg_ids": "运单编号应为正整数。"
    }


def test_a_leg_is_handed_over_once_and_listed(client: FlaskClient) -> None:
    leg = leg_of(client, "BJDC2026112600001", WINDOW)
    first = client.post("/api/v1/handovers", json={"leg_ids": [leg["id"]]}, headers=WINDOW)
    assert first.status_code == 201
    listing = client.get(first.json["list"], headers=WINDOW)
    text = pdf_text(listing.data)[0]
    assert "交接清单" in text and leg["waybill_no"] in text.replace(" ", "")
    assert leg_of(client, "BJDC2026112600001", WINDOW)["status"] == "handed_over"
    twice = client.post("/api/v1/handovers", json={"leg_ids": [leg["id"]]}, headers=WINDOW)
    assert twice.status_code == 409 and "不能交邮" in twice.json["error"]["message"]


def test_department_staff_cannot_hand_over_a_halls_originals(client: FlaskClient) -> None:
    leg = leg_of(client, "BJDC2026112600001", WINDOW)  # booked, addressed to Hangzhou civil affairs
    response = client.post(
        "/api/v1/handovers", json={"leg_ids": [leg["id"]]}, headers=basic("hz-minzheng")
    )
    assert response.status_code == 409


def test_cli_prints_a_batch_with_progress(wired: Courier, tmp_path, monkeypatch) -> None:
    from courier.cli import main

    monkeypatch.setenv("COURIER_VAR_DIR", str(tmp_path))
    monkeypatch.setenv("COURIER_DATABASE_URL", str(wired.engine.url))
    monkeypatch.setenv("COURIER_DATA_KEY", wired.settings.data_key)
    out = tmp_path / "labels.pdf"
    result = CliRunner().invoke(
        main, ["labels", "1", "2", "3", "--account", "admin", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "rendering 3 labels" in result.output
    assert len(pdf_text(out.read_bytes())) == 3
    missing = CliRunner().invoke(main, ["labels", "99", "--account", "admin", "--out", str(out)])
    assert missing.exit_code == 1 and "未找到该运单" in missing.output


def test_a_non_string_size_is_a_422_naming_size(client: FlaskClient) -> None:
    leg = leg_of(client, "BJDC2026112600001", WINDOW)
    response = client.post(
        "/api/v1/labels", json={"leg_ids": [leg["id"]], "size": 100}, headers=WINDOW
    )
    assert response.status_code == 422
    assert set(response.json["error"]["fields"]) == {"size"}


def test_department_staff_cannot_fetch_the_halls_label_so_its_first_print_stays_first(
    client: FlaskClient, wired: Courier
) -> None:
    leg = leg_of(client, "BJDC2026112600001", WINDOW)
    assert leg["kind"] == "originals" and leg["status"] == "booked"
    department = basic("hz-minzheng")
    single = client.get(f"/api/v1/legs/{leg['id']}/label.pdf", headers=department)
    batch = client.post("/api/v1/labels", json={"leg_ids": [leg["id"]]}, headers=department)
    assert single.status_code == 409 and batch.status_code == 409
    assert "不能打印" in single.json["error"]["message"]
    with wired.uow() as uow:
        assert uow.prints.history(leg["id"]) == []
    first = client.get(f"/api/v1/legs/{leg['id']}/label.pdf", headers=WINDOW)
    assert first.status_code == 200 and "补打" not in pdf_text(first.data)[0]
