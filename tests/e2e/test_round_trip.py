"""The whole round trip of a case in a browser, on a live server with the simulated carrier.

Run 1 (mail): the Beijing hall opens a case and books and prints its originals; the
simulator carries them to Hangzhou; the department scans the barcode, confirms with one item
missing, reviews, decides, books and prints the result; the simulator delivers it; the case
closes; the applicant sees both legs on the public tracking page; the case-system simulator
got every report, in order. Run 2 does the same for a result collected at the hall window.
Along the way: another department cannot confirm, and a case is neither decided before its
originals arrived nor closed before its result did.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.e2e.conftest import serving

TOKEN = "round-trip-admin-token-0123456789"
PASSWORD = "courier-demo"
MAIL_CASE = "BJDC2026120300001"
PICKUP_CASE = "BJDC2026120300002"
RECEIVABLE = {"in_transit", "out_for_delivery", "delivery_failed", "delivered"}


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`courier serve` of this module's own, whose simulated parcels move in seconds."""
    settings = {
        "COURIER_SIMULATOR_STAGE_SECONDS": "1",
        "COURIER_SIMULATOR_PICKUP_SECONDS": "1",
        "COURIER_SIMULATOR_ADMIN_TOKEN": TOKEN,
    }
    with serving(tmp_path_factory.mktemp("round-trip"), **settings) as base:
        yield base


@pytest.fixture
def shots(tmp_path: Path) -> Iterator[list[Path]]:
    """Screenshots of each desk, checked to exist and to be non-empty at the end."""
    taken: list[Path] = []
    yield taken
    assert taken and all(path.stat().st_size > 0 for path in taken)


def api(server: str, user: str, path: str) -> dict:
    answer = requests.get(f"{server}/api/v1{path}", auth=(user, PASSWORD), timeout=5)
    assert answer.status_code == 200, answer.text
    return answer.json()


def leg_of(server: str, user: str, case_number: str, kind: str) -> dict:
    legs = [
        leg for leg in api(server, user, f"/cases/{case_number}")["legs"] if leg["kind"] == kind
    ]
    live = [leg for leg in legs if leg["status"] != "cancelled"]
    assert len(live) == 1, legs
    return live[0]


def carry(server: str, user: str, case_number: str, kind: str, until: set[str]) -> dict:
    """Let the simulated carrier move a leg on (advancing its clock, pushing its scans)."""
    admin = {"Authorization": f"Bearer {TOKEN}"}
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        leg = leg_of(server, user, case_number, kind)
        if leg["status"] in until:
            return leg
        base = f"{server}/simulator/carrier/admin"
        requests.post(f"{base}/advance", json={"seconds": 3600}, headers=admin, timeout=5)
        requests.post(f"{base}/push", json={}, headers=admin, timeout=5)
        time.sleep(0.5)
    raise AssertionError(f"the {kind} leg never reached {until}: {leg}")


def sign_in(browser, server: str, username: str, width: int = 1280):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(server + "/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(server + "/")
    return page


def shoot(page, shots: list[Path], tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    shots.append(path)


def open_case(page, server: str, number: str, delivery: str, department: str) -> None:
    page.goto(server + "/cases/new")
    page.fill("input[name=case_number]", number)
    page.fill("input[name=matter_name]", "婚姻登记档案查询（跨省通办）")
    page.select_option("select[name=department_code]", department)
    page.select_option("select[name=result_delivery]", delivery)
    page.fill("input[name=applicant_name]", "孙立新")
    page.fill("input[name=applicant_mobile]", "13912345678")
    page.fill("input[name=applicant_id_number]", "11010519491231002X")
    for name, code in (("province", "110000"), ("city", "110100"), ("county", "110101")):
        select = f"select[name=address_{name}_code]"
        page.wait_for_selector(f"{select} option[value='{code}']", state="attached")
        page.select_option(select, code)
    page.fill("input[name=address_street]", "和平里东街11号院3号楼2单元501室")
    page.fill("input[name=address_postcode]", "100013")
    page.fill("textarea[name=materials]", "户口簿, 原件, 4\n查档申请表, 原件, 1")
    page.click("button:has-text('受理')")
    page.wait_for_url(f"**/cases/{number}")


def book(page, kind: str) -> None:
    """Book a leg from the case page and wait, without reloading, for its waybill number."""
    page.select_option("select[name=kind]", kind)
    with page.expect_navigation():
        page.click("button:has-text('下单取号')")
    page.wait_for_selector("p.notice:has-text('已提交下单')")
    page.wait_for_selector(f"#legs .leg:has(h3:has-text('{KIND_NAMES[kind]}')) >> text=运单号")


KIND_NAMES = {"originals": "原件寄递", "result": "结果寄递"}


def print_label(page, server: str, user: str, case_number: str, kind: str) -> None:
    """Fetch the label the page links to, as the browser would, and check it is a PDF."""
    leg = leg_of(server, user, case_number, kind)
    link = page.locator(f"#leg-{leg['id']} a:has-text('100×180')")
    answer = page.request.get(server + link.get_attribute("href"))
    assert answer.status == 200 and answer.headers["content-type"] == "application/pdf"
    assert answer.body().startswith(b"%PDF")


def scan(page, waybill: str) -> None:
    """Type as a keyboard-wedge scanner does: digits then Enter, into whatever has focus."""
    assert page.evaluate("document.activeElement.name") == "waybill_no"
    page.keyboard.type(waybill)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def advance(page, status_name: str) -> None:
    with page.expect_navigation():
        page.click(f"button:has-text('标记为“{status_name}”')")
    page.wait_for_selector("p.notice[role=status]")


def refused(server: str, user: str, case_number: str, status: str) -> str:
    answer = requests.post(
        f"{server}/api/v1/cases/{case_number}/status",
        json={"status": status},
        auth=(user, PASSWORD),
        timeout=5,
    )
    assert answer.status_code == 409, answer.text
    return answer.json()["error"]["message"]


def reports_of(server: str, case_number: str, last: str) -> list[dict]:
    """Wait for the case system to hold the case's report of type `last`; return them all."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        listing = requests.get(f"{server}/simulator/case-system/reports", timeout=5).json()
        got = listing["cases"].get(case_number, [])
        if any(r["event_type"] == last for r in got):
            return got
        time.sleep(0.5)
    raise AssertionError(f"no {last} report for {case_number}: {listing}")


def in_order(reports: list[dict]) -> list[str]:
    """Check one report per sequence number 1, 2, 3… in arrival order; return their types."""
    firsts = [r for r in reports if not r["duplicate"]]
    assert [r["sequence"] for r in firsts] == list(range(1, len(firsts) + 1)), firsts
    assert all(r["verified"] and r["status"] == 200 for r in firsts)
    return [r["event_type"] for r in firsts]


def confirm_originals(page, server: str, waybill: str, missing: str = "") -> None:
    page.goto(server + "/receive")
    scan(page, waybill)
    for name in ("户口簿", "查档申请表"):
        page.check(f"input[aria-label='{name}{'缺失' if name == missing else '已收到'}']")
    if missing:
        page.fill("textarea[name=note]", f"{missing}未随件寄到")
    page.click("button:has-text('确认签收')")
    page.wait_for_selector("text=已签收确认")


def test_a_mailed_case_goes_there_and_back(live: str, browser, tmp_path: Path, shots) -> None:
    hall = sign_in(browser, live, "bj-window")
    open_case(hall, live, MAIL_CASE, "mail", "HZ-MZ")
    book(hall, "originals")
    print_label(hall, live, "bj-window", MAIL_CASE, "originals")
    shoot(hall, shots, tmp_path, "case-hall")
    originals = leg_of(live, "bj-window", MAIL_CASE, "originals")["waybill_no"]

    department = sign_in(browser, live, "hz-minzheng")
    department.goto(f"{live}/cases/{MAIL_CASE}")
    assert "标记为“审查中”" not in department.inner_text("main")
    assert "原件尚未签收确认" in department.inner_text("main")
    assert "原件尚未签收确认" in refused(live, "hz-minzheng", MAIL_CASE, "in_review")

    other = sign_in(browser, live, "bj-churujing")
    other.goto(live + "/receive")
    carry(live, "bj-window", MAIL_CASE, "originals", RECEIVABLE)
    scan(other, originals)
    assert "未找到寄给本单位的该邮件" in other.inner_text("body")
    assert "户口簿" not in other.inner_text("body")
    other.close()

    department.goto(live + "/receive")
    department.wait_for_selector(f"table.incoming >> text={originals}")
    shoot(department, shots, tmp_path, "receiving-desk")
    confirm_originals(department, live, originals, missing="查档申请表")
    shoot(department, shots, tmp_path, "receiving-desk-confirmed")

    hall.goto(live + "/")
    assert "查档申请表（缺失）" in hall.inner_text("main")  # the hall's exceptions queue
    shoot(hall, shots, tmp_path, "home-hall")

    department.goto(f"{live}/cases/{MAIL_CASE}")
    advance(department, "审查中")
    advance(department, "已办结待送达")
    assert "尚未寄出结果" in refused(live, "hz-minzheng", MAIL_CASE, "closed")
    book(department, "result")
    print_label(department, live, "hz-minzheng", MAIL_CASE, "result")
    assert "结果尚未送达申请人" in refused(live, "hz-minzheng", MAIL_CASE, "closed")
    carry(live, "hz-minzheng", MAIL_CASE, "result", {"delivered"})
    department.reload()
    advance(department, "办结送达")
    assert "办件已办结送达" in department.inner_text("main")
    shoot(department, shots, tmp_path, "case-department-closed")
    department.close()
    hall.close()

    phone = browser.new_page(viewport={"width": 390, "height": 844})
    phone.goto(live + "/track")
    phone.fill("input[name=case_number]", MAIL_CASE)
    phone.fill("input[name=phone_tail]", "5678")
    phone.click("form:has(input[name=phone_tail]) button[type=submit]")
    phone.wait_for_selector("ol.stepper")
    text = phone.inner_text("main")
    assert phone.locator("article.leg").count() == 2
    assert "原件寄递" in text and "结果寄递" in text and "孙立新" not in text
    shoot(phone, shots, tmp_path, "track-applicant-390")
    phone.close()

    types = in_order(reports_of(live, MAIL_CASE, "case.closed"))
    assert types[0] == "leg.booked" and types[-1] == "case.closed"
    expected = ["leg.booked", "leg.receipt_confirmed", "leg.receipt_discrepancy", "leg.booked"]
    assert [t for t in types if t in expected] == expected
    assert types.index("leg.delivered", types.index("leg.receipt_discrepancy")) < len(types) - 1


def test_a_result_for_window_pickup_is_handed_over_at_the_hall(
    live: str, browser, tmp_path: Path, shots
) -> None:
    hall = sign_in(browser, live, "bj-window", width=390)
    open_case(hall, live, PICKUP_CASE, "pickup_at_hall", "BJ-GA")
    book(hall, "originals")
    originals = leg_of(live, "bj-window", PICKUP_CASE, "originals")["waybill_no"]

    department = sign_in(browser, live, "bj-churujing")
    carry(live, "bj-window", PICKUP_CASE, "originals", RECEIVABLE)
    confirm_originals(department, live, originals)
    department.goto(f"{live}/cases/{PICKUP_CASE}")
    advance(department, "审查中")
    advance(department, "已办结待送达")
    book(department, "result")
    result = leg_of(live, "bj-churujing", PICKUP_CASE, "result")
    assert result["receiver"]["organization"] == "北京市东城区政务服务中心"
    department.close()

    carry(live, "bj-window", PICKUP_CASE, "result", RECEIVABLE)
    hall.goto(f"{live}/cases/{PICKUP_CASE}")
    assert "登记交付并办结" not in hall.inner_text("main")  # not confirmed at the hall yet
    assert "在收件台扫描签收" in refused(live, "bj-window", PICKUP_CASE, "closed")
    hall.goto(live + "/receive")
    scan(hall, result["waybill_no"])
    hall.click("button:has-text('确认签收')")
    hall.wait_for_selector("text=已签收确认")
    shoot(hall, shots, tmp_path, "receiving-desk-hall-390")

    hall.goto(f"{live}/cases/{PICKUP_CASE}")
    with hall.expect_navigation():
        hall.click("button:has-text('登记交付并办结')")  # identity check not answered yet
    hall.wait_for_selector("[aria-invalid=true]")
    assert "请选择是否已核验领取人的身份证件" in hall.inner_text("main")
    hall.check("input[name=identity_checked][value=true]")
    with hall.expect_navigation():
        hall.click("button:has-text('登记交付并办结')")
    hall.wait_for_selector("p.notice:has-text('已登记交付')")
    text = hall.inner_text("main")
    assert "办结送达" in text and "申请人本人，已核验身份" in text
    assert hall.evaluate("document.documentElement.scrollWidth") <= 390
    shoot(hall, shots, tmp_path, "case-handed-over-390")
    hall.close()

    types = in_order(reports_of(live, PICKUP_CASE, "case.closed"))
    assert types[-2:] == ["case.result_handed_over", "case.closed"]
    assert (
        types.count("leg.receipt_confirmed") == 2
    )  # originals at the department, result at the hall
