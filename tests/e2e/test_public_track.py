"""On the live server, an applicant's phone (390 px wide) follows a case's round trip."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.test_embedded_default import wait_for_waybill

CASE = "HZXH2026112600003"  # originals and result legs; applicant's mobile ends in 2233
PHONE = {"width": 390, "height": 844}


def look_up(browser, server: str, viewport: dict[str, int], refused: list[str]):
    page = browser.new_page(viewport=viewport)
    page.on("console", lambda m: refused.append(m.text) if "Security Policy" in m.text else None)
    page.goto(server + "/track")
    page.fill("input[name=case_number]", CASE)
    page.fill("input[name=phone_tail]", "2233")
    page.click("form:has(input[name=phone_tail]) button[type=submit]")
    page.wait_for_selector("ol.stepper")
    return page


def test_on_a_phone_a_case_lookup_shows_both_legs_and_fits_the_screen(
    server: str, browser, tmp_path: Path
) -> None:
    wait_for_waybill(server, CASE, auth=("hz-window", "courier-demo"), every_leg=True)
    refused: list[str] = []
    page = look_up(browser, server, PHONE, refused)
    assert page.url == server + "/track"  # the number and tail were posted, not put in the URL
    legs = page.locator("article.leg")
    assert legs.count() == 2
    text = page.inner_text("main")
    assert "原件寄递" in text and "结果寄递" in text and "已受理" in text
    assert "已妥投" in text  # the originals reached the department before the decision
    assert "欧阳娜娜" not in text and "15968112233" not in text
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=str(tmp_path / "track-390.png"), full_page=True)
    assert (tmp_path / "track-390.png").stat().st_size > 0
    assert refused == []
    page.close()


def test_the_lookup_page_has_no_csp_violations_and_lays_the_steps_out_in_a_row_on_desktop(
    server: str, browser
) -> None:
    refused: list[str] = []
    page = look_up(browser, server, {"width": 1280, "height": 900}, refused)
    steps = page.locator("ol.stepper li")
    tops = {round(steps.nth(i).bounding_box()["y"]) for i in range(steps.count())}
    assert len(tops) == 1  # one row: the stylesheet was allowed and applied
    assert refused == []
    page.close()
