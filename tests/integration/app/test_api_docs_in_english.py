"""The API reference page in the reader's language: English once they chose it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from flask.testing import FlaskClient

from courier.domain.text import LANGUAGE_NAMES
from tests.english import chinese_words
from tests.integration.app.test_languages import choose


def examples(node: Any, inside: bool = False) -> Iterator[str]:
    """Yield every string of the document's examples: data, shown as it is in every language."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from examples(value, inside or key in ("example", "examples"))
    elif isinstance(node, list):
        for item in node:
            yield from examples(item, inside)
    elif inside and isinstance(node, str):
        yield node


def test_the_api_page_is_english_once_the_reader_chose_it(client: FlaskClient) -> None:
    choose(client, "en", "/api/v1/docs")
    page = client.get("/api/v1/docs").get_data(as_text=True)
    document = client.get("/api/v1/openapi.json").get_json()
    assert '<html lang="en">' in page and "Open a case" in page and "Request body" in page
    assert "No sign-in needed" in page and "bearer or basic or session + csrf" in page
    shown_as_is = (*examples(document), *LANGUAGE_NAMES.values())  # the switch back to 中文
    assert chinese_words(page, shown_as_is) == []
    assert "张小明" in page  # the example body stays as it is


def test_the_api_page_is_chinese_by_default(client: FlaskClient) -> None:
    page = client.get("/api/v1/docs").get_data(as_text=True)
    assert '<html lang="zh-CN">' in page and "开立办件" in page and "请求体" in page
    assert "无需登录" in page and "bearer 或 basic 或 session + csrf" in page


def test_before_any_choice_the_api_page_follows_accept_language_like_the_api(
    client: FlaskClient,
) -> None:
    page = client.get("/api/v1/docs", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="en">' in page and "Open a case" in page
