"""Demo data for the embedded default: two halls, three departments, cases in every state."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from courier.bootstrap import Courier
from courier.demo_post import CarriedParcel
from courier.services import booking, cases, legs, organizations, receipts, tracking
from courier.services.commands import (
    AdvanceCase,
    CreateAccount,
    OpenCase,
    PlanLeg,
    RegisterOrganization,
)
from courier.services.receipts import ConfirmReceipt
from courier.storage.uow import SqlUnitOfWork

DEMO_PASSWORD = "courier-demo"


def _org(
    code: str, name: str, place: tuple[str, ...], contact: tuple[str, str], customer: str
) -> dict[str, Any]:
    province, city, county, county_code, street, postcode = place
    return {
        "code": code,
        "name": name,
        "address": {
            "province": province,
            "city": city,
            "county": county,
            "county_code": county_code,
            "street": street,
            "postcode": postcode,
        },
        "contact_name": contact[0],
        "contact_phone": contact[1],
        "carrier_account": {"customer_no": customer, "biz_product_no": "1", "payment_mode": 1},
    }


HALLS = [
    _org(
        "BJ-DC",
        "北京市东城区政务服务中心",
        ("北京市", "北京市", "东城区", "110101", "东直门南大街3号", "100007"),
        ("李晓梅", "13910001001"),
        "1100088801",
    ),
    _org(
        "HZ-XH",
        "杭州市西湖区行政服务中心",
        ("浙江省", "杭州市", "西湖区", "330106", "文三路277号", "310012"),
        ("陈建国", "13905710002"),
        "3301088802",
    ),
]
DEPARTMENTS = [
    _org(
        "HZ-MZ",
        "杭州市民政局",
        ("浙江省", "杭州市", "上城区", "330102", "解放东路18号", "310016"),
        ("王静", "057187001234"),
        "3301088803",
    ),
    _org(
        "BJ-GA",
        "北京市公安局出入境管理总队",
        ("北京市", "北京市", "东城区", "110101", "安定门东大街2号", "100007"),
        ("赵强", "01084020101"),
        "1100088804",
    ),
    _org(
        "ZJ-SJ",
        "浙江省市场监督管理局",
        ("浙江省", "杭州市", "拱墅区", "330105", "莫干山路77号", "310005"),
        ("孙丽", "13857100005"),
        "3301088805",
    ),
]
ACCOUNTS = [
    {"username": "admin", "display_name": "系统管理员", "role": "admin"},
    {
        "username": "bj-window",
        "display_name": "东城窗口 李晓梅",
        "role": "hall_staff",
        "hall_code": "BJ-DC",
    },
    {
        "username": "hz-window",
        "display_name": "西湖窗口 陈建国",
        "role": "hall_staff",
        "hall_code": "HZ-XH",
    },
    {
        "username": "hz-minzheng",
        "display_name": "杭州民政 王静",
        "role": "department_staff",
        "department_code": "HZ-MZ",
    },
    {
        "username": "bj-churujing",
        "display_name": "北京出入境 赵强",
        "role": "department_staff",
        "department_code": "BJ-GA",
    },
    {
        "username": "zj-shijian",
        "display_name": "浙江市监 孙丽",
        "role": "department_staff",
        "department_code": "ZJ-SJ",
    },
]


def _applicant(
    name: str, mobile: str, id_number: str, place: tuple[str, ...] | None
) -> dict[str, Any]:
    data: dict[str, Any] = {"name": name, "mobile": mobile, "id_number": id_number}
    if place:
        keys = ("province", "city", "county", "county_code", "street", "postcode")
        data["address"] = dict(zip(keys, place, strict=True))
    return data


# What happens to a demo case, in order: ("book", account, leg kind), ("advance", status),
# ("carry", hall account, department account): the originals are sent, arrive, are confirmed.
Step = tuple[str, ...]

CASES: list[tuple[dict[str, Any], list[Step]]] = [
    (
        {
            "case_number": "BJDC2026112600001",
            "matter_name": "婚姻登记档案查询（跨省通办）",
            "hall_code": "BJ-DC",
            "department_code": "HZ-MZ",
            "result_delivery": "mail",
            "applicant": _applicant(
                "张小明",
                "13112341907",
                "11010519491231002X",
                (
                    "北京市",
                    "北京市",
                    "东城区",
                    "110101",
                    "和平里东街11号院3号楼2单元501室",
                    "100013",
                ),
            ),
            "materials": [
                {"name": "户口簿", "original": True, "pages": 4},
                {"name": "查档申请表", "original": True, "pages": 1},
                {"name": "身份证复印件", "original": False},
            ],
        },
        [("book", "bj-window", "originals")],
    ),
    (
        {
            "case_number": "BJDC2026112600002",
            "matter_name": "往来港澳通行证换发",
            "hall_code": "BJ-DC",
            "department_code": "BJ-GA",
            "result_delivery": "pickup_at_hall",
            "applicant": _applicant("王小红", "13800138000", "110101199003074514", None),
            "materials": [
                {"name": "旧通行证", "original": True},
                {"name": "照片回执", "original": True},
            ],
        },
        [],  # accepted: the hall is to book its originals
    ),
    (
        {
            "case_number": "HZXH2026112600003",
            "matter_name": "个体工商户设立登记",
            "hall_code": "HZ-XH",
            "department_code": "ZJ-SJ",
            "result_delivery": "mail",
            "applicant": _applicant(
                "欧阳娜娜",
                "15968112233",
                "330106198805126724",
                (
                    "浙江省",
                    "杭州市",
                    "西湖区",
                    "330106",
                    "文一西路98号翠苑三区12幢3单元402室",
                    "310013",
                ),
            ),
            "materials": [
                {"name": "设立登记申请书", "original": True, "pages": 3},
                {"name": "经营场所证明", "original": True, "pages": 2},
            ],
        },
        [
            ("carry", "hz-window", "zj-shijian"),
            ("advance", "in_review"),
            ("advance", "decided"),
            ("book", "zj-shijian", "result"),
        ],
    ),
    (
        {
            "case_number": "HZXH2026112600004",
            "matter_name": "结婚登记档案出具",
            "hall_code": "HZ-XH",
            "department_code": "HZ-MZ",
            "result_delivery": "electronic",
            "applicant": _applicant("刘洋", "18657100001", "330102199512120010", None),
            # nothing on paper to send: the case goes to review and closes without a leg
            "materials": [{"name": "申请表（电子件）", "original": False}],
        },
        [("advance", "in_review"), ("advance", "decided"), ("advance", "closed")],
    ),
]


@dataclass
class SeedReport:
    created: bool
    accounts: list[tuple[str, str]]


def seed_demo(app: Courier) -> SeedReport:
    """Load the demo data once; later calls change nothing."""
    with app.uow() as uow:
        if uow.halls.get_by_code(HALLS[0]["code"]) is not None:
            return SeedReport(False, [(a["username"], DEMO_PASSWORD) for a in ACCOUNTS])
    for hall in HALLS:
        organizations.register_hall(app.uow(), RegisterOrganization.parse(hall))
    for department in DEPARTMENTS:
        organizations.register_department(app.uow(), RegisterOrganization.parse(department))
    ids = {
        a["username"]: organizations.create_account(
            app.uow(), CreateAccount.parse({**a, "password": DEMO_PASSWORD})
        )
        for a in ACCOUNTS
    }
    for data, steps in CASES:
        number = cases.open_case(app.uow(), ids["admin"], OpenCase.parse(data), app.clock)
        for step in steps:
            _take(app, ids, number, step)
    return SeedReport(True, [(a["username"], DEMO_PASSWORD) for a in ACCOUNTS])


def _take(app: Courier, ids: dict[str, int], number: str, step: Step) -> None:
    if step[0] == "book":
        plan = PlanLeg.parse({"kind": step[2]})
        legs.plan_leg(app.uow(), ids[step[1]], number, plan, app.clock)
    elif step[0] == "carry":
        _carry_originals(app, (ids[step[1]], ids[step[2]]), number)
    else:
        status = AdvanceCase.parse({"status": step[1]})
        cases.advance_case(app.uow(), ids["admin"], number, status, app.clock)


# The parcel of originals the demo shows delivered: Hangzhou Xihu hall → Zhejiang market regulation.
CARRIED = CarriedParcel(
    "1151238970035", "杭州拱墅", "杭州市西湖区文三路揽投部", "杭州市拱墅区米市巷揽投部"
)


def _carry_originals(app: Courier, accounts: tuple[int, int], number: str) -> None:
    """Send the originals, have the post deliver them and the department confirm every item."""
    hall, department = accounts
    # Planned without a booking job: this parcel is booked here, at the demo's own counter.
    unqueued = SqlUnitOfWork(app.session_factory)
    plan = PlanLeg.parse({"kind": "originals"})
    leg_id = legs.plan_leg(unqueued, hall, number, plan, app.clock)
    booking.book_leg(app.uow(), CARRIED, app.clock, leg_id)
    tracking.record_tracking_events(app.uow(), app.clock, CARRIED.journey(app.clock.now()))
    with app.uow() as uow:
        leg = uow.legs.get(leg_id)
        items = [m.id for m in leg.materials] if leg else []
    found = [{"material_id": i, "state": "received"} for i in items]
    confirm = ConfirmReceipt.parse({"items": found})
    receipts.confirm_receipt(app.uow(), department, CARRIED.waybill_no, confirm, app.clock)
