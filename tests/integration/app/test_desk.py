"""The sending desk page behind its form: CSRF, choices, and what each desk lists."""

from __future__ import annotations

import re

from flask.testing import FlaskClient


def csrf_of(page: str) -> str:
    token = re.search(r'name="csrf" value="([^"]+)"', page)
    assert token is not None
    return token[1]


def signed_in(client: FlaskClient, username: str) -> str:
    """Sign in and return the new session's form token (signing in starts a new session)."""
    token = csrf_of(client.get("/login").get_data(as_text=True))
    client.post("/login", data={"csrf": token, "username": username, "password": "courier-demo"})
    return csrf_of(client.get("/").get_data(as_text=True))


def test_each_desk_lists_only_what_it_sends(client: FlaskClient) -> None:
    signed_in(client, "bj-window")  # BJDC…001's originals are booked
    hall = client.get("/desk").get_data(as_text=True)
    assert "原件寄递" in hall and "结果寄递" not in hall
    client.post("/logout", data={"csrf": csrf_of(hall)})
    signed_in(client, "zj-shijian")
    department = client.get("/desk").get_data(as_text=True)
    assert "结果寄递" in department and "原件寄递" not in department


def test_desk_forms_need_this_sessions_token_and_a_choice(client: FlaskClient) -> None:
    before_sign_in = csrf_of(client.get("/login").get_data(as_text=True))
    token = signed_in(client, "bj-window")
    assert before_sign_in != token
    for forged in ({}, {"csrf": ""}, {"csrf": before_sign_in}):
        assert client.post("/desk/handover", data={"leg_id": "1", **forged}).status_code == 400
    empty = client.post("/desk/handover", data={"csrf": token})
    assert empty.status_code == 422 and "请先勾选" in empty.get_data(as_text=True)
    labels = client.post("/desk/labels", data={"csrf": token, "leg_id": "1", "size": "76x130"})
    assert labels.status_code == 200 and labels.mimetype == "application/pdf"


def test_the_desk_needs_a_signed_in_user(client: FlaskClient) -> None:
    response = client.get("/desk")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
