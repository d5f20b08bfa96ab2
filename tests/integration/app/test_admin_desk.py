"""The administrators' desk answers 404 to everyone but administrators."""

from __future__ import annotations

from flask.testing import FlaskClient

from tests.integration.app.test_desk import signed_in


def test_the_desk_is_404_unless_signed_in_as_an_administrator(client: FlaskClient) -> None:
    assert client.get("/admin").status_code == 404
    signed_in(client, "bj-window")
    assert client.get("/admin").status_code == 404
    assert "管理</a>" not in client.get("/").get_data(as_text=True)
    signed_in(client, "admin")
    page = client.get("/admin")
    assert page.status_code == 200 and "系统管理" in page.get_data(as_text=True)
    assert 'href="/admin">管理</a>' in client.get("/").get_data(as_text=True)
