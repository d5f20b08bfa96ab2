"""The OpenAPI document in the reader's language: English by Accept-Language, zh-CN by default."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from openapi_spec_validator import validate

from courier.app.i18n import say
from courier.app.openapi_document import said
from courier.domain.text import Text
from tests.unit.app.openapi_app import document_of, unconnected_app

CHINESE = re.compile(r"[\u3400-\u9fff]")
WORDS = ("title", "summary", "description")
DATA = ("example", "examples", "default", "enum", "const")


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    return unconnected_app(tmp_path_factory.mktemp("openapi-en"))


def served(app: Flask, **headers: str) -> dict[str, Any]:
    answer = app.test_client().get("/api/v1/openapi.json", headers=headers)
    assert answer.status_code == 200 and "Accept-Language" in answer.vary
    return answer.get_json()  # type: ignore[no-any-return]


def words(node: Any, where: str = "") -> Iterator[tuple[str, str]]:
    """Yield every (place, text) a reader reads; examples and other data are left out."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in WORDS and isinstance(value, str):
                yield f"{where}/{key}", value
            elif key not in DATA:
                yield from words(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from words(item, f"{where}[{index}]")


def test_the_english_document_is_valid_and_has_no_chinese_words(app: Flask) -> None:
    document = served(app, **{"Accept-Language": "en-US,en;q=0.9"})
    validate(document)
    assert [(where, text) for where, text in words(document) if CHINESE.search(text)] == []
    assert document["info"]["title"] == "Courier Government Two-Way Post API"
    assert document["paths"]["/api/v1/cases"]["post"]["summary"].startswith("Open a case")
    assert document["paths"]["/api/v1/cases"]["get"]["responses"]["401"]["description"] == (
        "Please sign in first."
    )


def test_the_english_document_keeps_the_chinese_examples(app: Flask) -> None:
    document = served(app, **{"Accept-Language": "en"})
    body = document["paths"]["/api/v1/cases"]["post"]["requestBody"]["content"]
    assert body["application/json"]["example"]["applicant"]["name"] == "张小明"


def test_without_a_language_the_document_is_the_chinese_one_as_built(app: Flask) -> None:
    built = json.loads(json.dumps(document_of(app)))
    assert served(app) == built == served(app, **{"Accept-Language": "zh-CN,zh;q=0.9"})
    assert built["paths"]["/api/v1/cases"]["get"]["responses"]["401"]["description"] == "请先登录。"
    assert built["info"]["title"] == "Courier 政务双向寄递 API"


def test_each_language_is_built_once_and_kept(app: Flask) -> None:
    english = served(app, **{"Accept-Language": "en"})
    assert served(app, **{"Accept-Language": "en"}) == english != served(app)
    kept = app.extensions["courier_openapi"]
    assert len(kept) == 2 and kept["en"] == english


def test_only_words_are_said_in_english_never_data(app: Flask) -> None:
    fragment = {
        "description": Text("未找到。"),
        "example": {"description": Text("未找到。")},
        "properties": {"summary": {"type": "string", "default": Text("未找到。")}},
    }
    with app.test_request_context(headers={"Accept-Language": "en"}, path="/api/v1/x"):
        assert said(fragment, say) == {
            "description": "Not found.",
            "example": {"description": "未找到。"},
            "properties": {"summary": {"type": "string", "default": "未找到。"}},
        }
