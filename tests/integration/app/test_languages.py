"""Pages in zh-CN unless the reader chose English: kept in the session, and on staff accounts."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from courier.bootstrap import Courier
from tests.integration.app.test_desk import csrf_of, signed_in


def choose(client: FlaskClient, language: str, next_: str = "/") -> None:
    token = csrf_of(client.get(next_).get_data(as_text=True))
    answer = client.post("/language", data={"csrf": token, "language": language, "next": next_})
    assert answer.status_code == 302 and answer.headers["Location"] == next_


def test_pages_are_chinese_until_a_reader_chooses_english(client: FlaskClient) -> None:
    page = client.get("/").get_data(as_text=True)
    assert '<html lang="zh-CN">' in page and "工作人员登录" in page and ">English</button>" in page
    choose(client, "en", "/track")
    page = client.get("/").get_data(as_text=True)
    assert '<html lang="en">' in page and '<a href="/login">Staff sign-in</a>' in page
    assert ">中文</button>" in page
    choose(client, "zh_CN")
    assert "工作人员登录" in client.get("/").get_data(as_text=True)


def test_a_browser_sending_english_still_gets_chinese_pages(client: FlaskClient) -> None:
    page = client.get("/", headers={"Accept-Language": "en-US,en;q=0.9"}).get_data(as_text=True)
    assert '<html lang="zh-CN">' in page


def test_an_unknown_language_changes_nothing(client: FlaskClient) -> None:
    token = csrf_of(client.get("/").get_data(as_text=True))
    client.post("/language", data={"csrf": token, "language": "xx", "next": "/"})
    assert '<html lang="zh-CN">' in client.get("/").get_data(as_text=True)


def test_staff_keep_their_choice_on_their_account(flask_app: Flask, wired: Courier) -> None:
    first = flask_app.test_client()
    signed_in(first, "bj-window")
    choose(first, "en")
    with wired.uow() as uow:
        assert uow.accounts.get_by_username("bj-window").language == "en"  # type: ignore[union-attr]
    elsewhere = flask_app.test_client()  # another browser: Chinese until bj-window signs in
    assert '<html lang="zh-CN">' in elsewhere.get("/login").get_data(as_text=True)
    signed_in(elsewhere, "bj-window")
    assert '<html lang="en">' in elsewhere.get("/").get_data(as_text=True)
    token = csrf_of(elsewhere.get("/").get_data(as_text=True))
    elsewhere.post("/logout", data={"csrf": token})
    assert '<html lang="en">' in elsewhere.get("/login").get_data(as_text=True)
    signed_in(elsewhere, "hz-window")  # who chose nothing reads the browser's last choice
    assert '<html lang="en">' in elsewhere.get("/").get_data(as_text=True)


def test_the_switch_goes_back_to_the_page_it_was_pressed_on(client: FlaskClient) -> None:
    token = csrf_of(client.get("/").get_data(as_text=True))
    answer = client.post(
        "/language", data={"csrf": token, "language": "en", "next": "https://elsewhere.example/"}
    )
    assert answer.headers["Location"] == "/"
