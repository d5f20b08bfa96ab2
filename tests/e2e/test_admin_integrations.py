"""On the live server: an administrator visits each integrations screen, subscribes an
endpoint and issues a token (each secret shown once), at 1280 px and on a 390 px phone."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.test_sending_desk import sign_in

PHONE = {"width": 390, "height": 844}
SCREENS = {
    "webhooks": "回传地址",
    "api-tokens": "API 令牌",
    "reports": "失败回传",
    "carrier-calls": "邮政调用记录",
    "quarantine": "无法入库的轨迹",
}


def shoot(page, tmp_path: Path, name: str) -> None:
    """Screenshot at 1280 px and at 390 px, where nothing may push the page sideways."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(tmp_path / f"admin-{name}-1280.png"), full_page=True)
    page.set_viewport_size(PHONE)
    wide = page.evaluate("document.documentElement.scrollWidth")
    page.screenshot(path=str(tmp_path / f"admin-{name}-390.png"), full_page=True)
    assert wide <= PHONE["width"] + 1, name
    assert (tmp_path / f"admin-{name}-390.png").stat().st_size > 0


def test_an_administrator_visits_each_integrations_screen(
    server: str, browser, tmp_path: Path
) -> None:
    page = sign_in(browser, server, "admin")
    for path, title in SCREENS.items():
        page.goto(f"{server}/admin/{path}")
        assert page.locator("h1").inner_text() == title
        shoot(page, tmp_path, path)
    page.close()


def test_an_endpoint_and_a_token_are_made_on_the_desk_and_their_secrets_shown_once(
    server: str, browser, tmp_path: Path
) -> None:
    page = sign_in(browser, server, "admin")
    page.goto(f"{server}/admin/webhooks")
    page.fill("input[name=url]", "http://127.0.0.1:9/e2e-hook")  # nobody listens there
    page.fill("input[name=description]", "浏览器测试")
    page.check("input[value='leg.delivered']")
    page.click("button:has-text('订阅')")
    secret = page.locator("code.secret").inner_text()
    assert secret.startswith("whsec_")
    shoot(page, tmp_path, "webhook-created")
    page.goto(f"{server}/admin/webhooks")
    assert "e2e-hook" in page.content() and secret not in page.content()

    page.goto(f"{server}/admin/api-tokens")
    page.fill("input[name=name]", "浏览器测试令牌")
    page.locator("input[name=halls]").first.check()
    page.click("button:has-text('签发')")
    token = page.locator("code.secret").inner_text()
    assert token.startswith("ctk_")
    shoot(page, tmp_path, "token-issued")
    page.goto(f"{server}/admin/api-tokens")
    assert "浏览器测试令牌" in page.content() and token not in page.content()
    page.close()
