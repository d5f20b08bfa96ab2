"""The address selects read the GB/T 2260 table as JSON, cached for long."""

from __future__ import annotations

from flask.testing import FlaskClient


def test_the_root_lists_the_provinces(client: FlaskClient) -> None:
    response = client.get("/divisions")
    assert response.status_code == 200
    provinces = response.get_json()
    assert {"code": "330000", "name": "浙江省"} in provinces and len(provinces) == 31


def test_a_province_lists_its_cities_and_a_city_its_counties(client: FlaskClient) -> None:
    assert {"code": "330100", "name": "杭州市"} in client.get("/divisions/330000").get_json()
    assert {"code": "330106", "name": "西湖区"} in client.get("/divisions/330100").get_json()
    assert client.get("/divisions/429004").get_json() == [{"code": "429004", "name": "仙桃市"}]


def test_the_lists_are_cached_for_long_and_revalidated_by_etag(client: FlaskClient) -> None:
    first = client.get("/divisions/330000")
    assert first.cache_control.public and (first.cache_control.max_age or 0) >= 86400
    again = client.get("/divisions/330000", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


def test_a_code_with_nothing_inside_is_not_found(client: FlaskClient) -> None:
    assert client.get("/divisions/330106").status_code == 404
    assert client.get("/divisions/999999").status_code == 404
