"""In a real browser, the API page shows every operation, styled by Courier's own stylesheet."""

from __future__ import annotations

import requests


def test_the_api_page_lists_the_operations_styled_and_without_csp_violations(
    server: str, browser
) -> None:
    document = requests.get(f"{server}/api/v1/openapi.json", timeout=10).json()
    refused: list[str] = []
    outside: list[str] = []
    page = browser.new_page()
    page.on("console", lambda m: refused.append(m.text) if "Security Policy" in m.text else None)
    page.on("request", lambda r: None if r.url.startswith(server) else outside.append(r.url))
    page.goto(server + "/api/v1/docs")
    assert page.locator("section.api-operation").count() == sum(
        len(methods) for methods in document["paths"].values()
    )
    badge = page.locator("#api-open_case .method").first
    # The badge's colour comes from api_docs.css: the stylesheet was served and allowed.
    assert badge.evaluate("e => getComputedStyle(e).color") == "rgb(255, 255, 255)"
    page.click("#api-open_case a[href='#schema-OpenCase']")
    assert page.locator("#schema-OpenCase").is_visible()
    assert refused == [] and outside == []
    page.close()
