"""The administrator opens a case, then finds that view in the access log by its case number."""

from __future__ import annotations

from pathlib import Path

CASE = "BJDC2026112600001"


def test_the_admin_finds_their_own_view_of_a_case_in_the_access_log(
    server: str, browser, tmp_path: Path
) -> None:
    page = browser.new_page()
    page.goto(server + "/login")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", "courier-demo")
    page.click("main button[type=submit]")
    page.wait_for_selector("form.search")
    page.goto(f"{server}/cases/{CASE}")
    page.goto(server + "/admin")
    page.click("nav.admin-nav a:has-text('操作与访问日志')")
    page.wait_for_selector("table.audit-log")
    page.fill("input[name=case_number]", CASE)
    page.select_option("select[name=action]", "case_viewed")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/admin/audit?*")
    row = page.locator("table.audit-log tbody tr").first
    text = row.inner_text()
    assert "admin" in text and "查看办件" in text and CASE in text and "session" in text
    page.screenshot(path=str(tmp_path / "admin-audit.png"), full_page=True)
    assert (tmp_path / "admin-audit.png").stat().st_size > 0
    page.close()
