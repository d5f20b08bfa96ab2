"""A generated month of cases and legs across the demo's offices, for the dashboard's tests.

Rows are written straight into the tables (the carrier's part of each leg is made up), and
the same facts are returned as plain records so that tests can count them independently.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any

import sqlalchemy as sa

from courier.bootstrap import Courier
from courier.domain.case import CaseStatus, ResultDelivery
from courier.domain.leg import LegKind, LegStatus
from courier.domain.places import Address, Party
from courier.domain.receipt import MaterialState
from courier.storage import tables

CST = timezone(timedelta(hours=8))
FIRST_DAY, LAST_DAY = date(2026, 10, 27), date(2026, 11, 25)  # the demo's own cases: 11-26
LAST_MOMENT = datetime.combine(LAST_DAY, time(23, 0), CST)
S = LegStatus
# (status, weight): how the month's legs ended up.
OUTCOMES = [
    (S.DELIVERED, 30), (S.RECEIVED, 25), (S.IN_TRANSIT, 10), (S.OUT_FOR_DELIVERY, 4),
    (S.DELIVERY_FAILED, 4), (S.RETURNING, 3), (S.LOST, 1), (S.BOOKING_FAILED, 3),
    (S.BOOKING_UNCERTAIN, 2), (S.QUEUED, 1), (S.BOOKED, 4), (S.CANCELLED, 3),
]  # fmt: skip
NOT_COLLECTED = {S.BOOKING_FAILED, S.BOOKING_UNCERTAIN, S.QUEUED, S.BOOKED, S.CANCELLED}
APPLICANT_PLACES = [
    Address("北京市", "北京市", "朝阳区", "110105", "建国路1号", "100022"),
    Address("浙江省", "宁波市", "海曙区", "330203", "中山西路2号", "315000"),
    Address("浙江省", "杭州市", "西湖区", "330106", "文三路3号", "310012"),
]
RECEIVERS = {"HZ-MZ": "hz-minzheng", "BJ-GA": "bj-churujing", "ZJ-SJ": "zj-shijian"}


@dataclass(frozen=True)
class Office:
    id: int
    code: str
    name: str
    address: Address


@dataclass
class GeneratedLeg:
    """One leg as generated: enough to count every series without the application's code."""

    hall: Office
    department: Office
    kind: LegKind
    status: LegStatus
    sent_at: datetime
    sender: Address
    receiver: Address
    case_closed: bool
    collected_at: datetime | None = None
    delivered_at: datetime | None = None
    stuck: bool = False
    receipt_office: str = ""
    confirmed_at: datetime | None = None
    line_states: list[MaterialState] = field(default_factory=list)


def _offices(connection: sa.Connection, table: sa.Table) -> list[Office]:
    query = sa.select(table.c.id, table.c.code, table.c.name, table.c.address)
    return [Office(*row) for row in connection.execute(query.order_by(table.c.code))]


def _party(address: Address, organization: str = "") -> Party:
    return Party("测试联系人", "13800000000", address, organization)


class MonthGenerator:
    def __init__(self, app: Courier, seed: int) -> None:
        self.app, self.rng, self.serial = app, random.Random(seed), 0
        self.records: list[GeneratedLeg] = []

    def run(self, cases_per_day: tuple[int, int]) -> list[GeneratedLeg]:
        with self.app.engine.begin() as connection:
            self.halls = _offices(connection, tables.halls)
            self.departments = _offices(connection, tables.departments)
            query = sa.select(tables.accounts.c.username, tables.accounts.c.id)
            self.accounts = {name: i for name, i in connection.execute(query)}
            day = FIRST_DAY
            while day <= LAST_DAY:
                for _ in range(self.rng.randint(*cases_per_day)):
                    self._case(connection, day)
                day += timedelta(days=1)
        return self.records

    def _next(self) -> int:
        self.serial += 1
        return self.serial

    def _case(self, connection: sa.Connection, day: date) -> None:
        rng = self.rng
        hall, department = rng.choice(self.halls), rng.choice(self.departments)
        opened = datetime.combine(day, time(rng.randint(9, 16), rng.randint(0, 59)), CST)
        closed = rng.random() < 0.1
        case_id = connection.execute(
            tables.cases.insert().values(
                **_case_row(self._next(), hall, department, opened, closed)
            )
        ).inserted_primary_key[0]
        materials = [
            connection.execute(
                tables.materials.insert().values(
                    case_id=case_id, position=n, name=f"材料{n}", original=True, pages=1, copies=1
                )
            ).inserted_primary_key[0]
            for n in (1, 2)
        ]
        applicant = rng.choice(APPLICANT_PLACES)
        routes = {
            LegKind.ORIGINALS: (hall.address, department.address, 0),
            LegKind.SUPPLEMENT: (applicant, department.address, 1),
            LegKind.RESULT: (department.address, applicant, 3),
            LegKind.ORIGINALS_RETURN: (department.address, applicant, 4),
        }
        chances = {
            LegKind.ORIGINALS: 1.0,
            LegKind.SUPPLEMENT: 0.15,
            LegKind.RESULT: 0.6,
            LegKind.ORIGINALS_RETURN: 0.2,
        }
        for kind, (sender, receiver, later) in routes.items():
            if rng.random() < chances[kind]:
                record = GeneratedLeg(
                    hall, department, kind, S.DRAFT, opened, sender, receiver, closed
                )
                self._leg(connection, case_id, record, opened, later, materials)

    def _leg(
        self,
        connection: sa.Connection,
        case_id: int,
        record: GeneratedLeg,
        opened: datetime,
        later: int,
        materials: list[int],
    ) -> None:
        rng = self.rng
        record.status = rng.choices([s for s, _ in OUTCOMES], [w for _, w in OUTCOMES])[0]
        if record.status is S.RECEIVED and record.kind is not LegKind.ORIGINALS:
            record.status = S.DELIVERED  # receipts are generated for originals only
        sent = opened + timedelta(days=rng.randint(0, later), hours=rng.randint(0, 3))
        sent = min(sent, LAST_MOMENT)  # nothing sent after the month
        values: dict[str, Any] = {}
        if record.status not in {S.BOOKING_FAILED, S.BOOKING_UNCERTAIN, S.QUEUED}:
            values["booked_at"] = sent
            values["waybill_no"] = f"98{self._next():011d}"
        if record.status not in NOT_COLLECTED:
            record.collected_at = sent
            values["collected_at"] = sent
            values["tracked_at"] = sent + timedelta(hours=rng.randint(2, 20))
        record.sent_at = sent if "booked_at" in values else opened
        if record.status in (S.DELIVERED, S.RECEIVED):
            record.delivered_at = sent + timedelta(hours=rng.randint(4, 130), minutes=17)
            values["tracked_at"] = record.delivered_at
        if record.status in (S.IN_TRANSIT, S.OUT_FOR_DELIVERY) and rng.random() < 0.5:
            record.stuck = True
            values["exception_reason"] = "“运输中”已 4 天无新轨迹（超过 3 天）"
        leg_id = connection.execute(
            tables.legs.insert().values(**_leg_row(self._next(), case_id, record, values))
        ).inserted_primary_key[0]
        if record.status is S.RECEIVED:
            self._receipt(connection, leg_id, record, materials)
        self.records.append(record)

    def _receipt(
        self, connection: sa.Connection, leg_id: int, record: GeneratedLeg, materials: list[int]
    ) -> None:
        assert record.delivered_at is not None
        record.confirmed_at = record.delivered_at + timedelta(hours=2)
        record.receipt_office = record.department.name
        states = [MaterialState.RECEIVED, MaterialState.RECEIVED]
        if self.rng.random() < 0.3:
            states[self.rng.randint(0, 1)] = self.rng.choice(
                [MaterialState.MISSING, MaterialState.DAMAGED]
            )
        record.line_states = states
        account = self.accounts[RECEIVERS[record.department.code]]
        receipt_id = connection.execute(
            tables.receipts.insert().values(
                leg_id=leg_id, account_id=account, confirmed_at=record.confirmed_at, note=""
            )
        ).inserted_primary_key[0]
        connection.execute(
            tables.receipt_lines.insert(),
            [
                {"receipt_id": receipt_id, "material_id": m, "state": s}
                for m, s in zip(materials, states, strict=True)
            ],
        )


def _case_row(
    serial: int, hall: Office, department: Office, opened: datetime, closed: bool
) -> dict[str, Any]:
    return {
        "case_number": f"GEN{serial:08d}",
        "matter_name": "生成的办件",
        "applicant_name": "测试申请人",
        "applicant_mobile": "13100000000",
        "applicant_id_number": "",
        "applicant_address": None,
        "applicant_name_hash": "0" * 64,
        "applicant_mobile_tail_hash": "0" * 64,
        "applicant_id_hash": "0" * 64,
        "hall_id": hall.id,
        "department_id": department.id,
        "status": CaseStatus.CLOSED if closed else CaseStatus.IN_REVIEW,
        "result_delivery": ResultDelivery.MAIL,
        "created_at": opened.astimezone(UTC),
    }


def _leg_row(
    serial: int, case_id: int, record: GeneratedLeg, values: dict[str, Any]
) -> dict[str, Any]:
    return {
        "case_id": case_id,
        "kind": record.kind,
        "order_no": f"GENO{serial:010d}",
        "sender": _party(record.sender),
        "receiver": _party(record.receiver),
        "customer_no": "1100088801",
        "payment_mode": 1,
        "biz_product_no": "1",
        "weight_grams": 200,
        "status": record.status,
        "route_code": "",
        "package_code": "",
        "package_code_name": "",
        "mark_destination_code": "",
        "mark_destination_name": "",
        "booking_attempts": 0,
        "last_error": "",
        "tracking_note": "",
        **values,
    }


def generate_month(
    app: Courier, seed: int = 2026, cases_per_day: tuple[int, int] = (2, 5)
) -> list[GeneratedLeg]:
    """Write a month of cases (27 Oct – 25 Nov 2026) over the demo's offices; return the legs."""
    return MonthGenerator(app, seed).run(cases_per_day)
