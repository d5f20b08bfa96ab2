"""At the window, in a browser: open a case, book its originals, see the waybill."""

from __future__ import annotations

from tests.e2e.test_sending_desk import sign_in


def test_window_staff_open_a_case_and_book_the_originals(server: str, browser) -> None:
    page = sign_in(browser, server, "bj-window")
    page.click("text=受理办件")
    page.fill("input[name=case_number]", "BJDC2026112688001")
    page.fill("input[name=matter_name]", "出生医学证明补发")
    page.select_option("select[name=department_code]", "HZ-MZ")
    page.select_option("select[name=result_delivery]", "pickup_at_hall")
    page.fill("input[name=applicant_name]", "赵喆")
    page.fill("input[name=applicant_mobile]", "13912345678")
    page.fill("input[name=applicant_id_number]", "110105194912310021")  # wrong check digit
    page.fill("textarea[name=materials]", "申请表, 原件, 2")
    page.click("button:has-text('受理')")
    assert "身份证号码无效" in page.inner_text("body")
    assert page.input_value("input[name=applicant_name]") == "赵喆"  # nothing typed is lost
    page.fill("input[name=applicant_id_number]", "11010519491231002X")
    page.click("button:has-text('受理')")
    page.wait_for_url("**/cases/BJDC2026112688001")
    page.click("button:has-text('下单取号')")
    for _ in range(50):  # booking runs in the background thread
        if "运单号" in page.inner_text("body"):
            break
        page.wait_for_timeout(200)
        page.reload()
    body = page.inner_text("body")
    assert "已取号" in body and "运单号" in body
    page.close()
