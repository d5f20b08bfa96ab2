"""Map the plain domain classes onto the tables, from outside the domain."""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlalchemy.ext.orderinglist import ordering_list
from sqlalchemy.orm import Mapper, composite, registry, relationship

from courier.domain.accounts import Account
from courier.domain.api_tokens import ApiToken
from courier.domain.case import Applicant, Case, StatusChange
from courier.domain.extra_waybills import ExtraWaybill
from courier.domain.handover import Handover
from courier.domain.leg import Leg, Routing
from courier.domain.materials import Material
from courier.domain.organizations import Department, Hall
from courier.domain.result_handover import ResultHandover
from courier.storage import tables
from courier.storage.receipts import map_receipts
from courier.storage.types import cipher_of

mapper_registry = registry()
_started = False


def _map_case() -> None:
    mapper_registry.map_imperatively(
        Case,
        tables.cases,
        properties={
            "applicant": composite(
                Applicant,
                tables.cases.c.applicant_name,
                tables.cases.c.applicant_mobile,
                tables.cases.c.applicant_id_number,
                tables.cases.c.applicant_address,
            ),
            "materials": relationship(
                Material,
                order_by=tables.materials.c.position,
                collection_class=ordering_list("position"),
                cascade="all, delete-orphan",
                lazy="selectin",
            ),
            "legs": relationship(
                Leg, order_by=tables.legs.c.id, cascade="all, delete-orphan", lazy="selectin"
            ),
            "result_handover": relationship(
                ResultHandover, uselist=False, cascade="all, delete-orphan", lazy="selectin"
            ),
            "status_changes": relationship(
                StatusChange,
                order_by=(tables.case_status_changes.c.changed_at, tables.case_status_changes.c.id),
                cascade="all, delete-orphan",
                lazy="selectin",
            ),
        },
    )


def _map_leg() -> None:
    c = tables.legs.c
    mapper_registry.map_imperatively(
        Leg,
        tables.legs,
        properties={
            "routing": composite(
                Routing,
                c.route_code,
                c.package_code,
                c.package_code_name,
                c.mark_destination_code,
                c.mark_destination_name,
            ),
            "materials": relationship(Material, secondary=tables.leg_materials, lazy="selectin"),
            "extra_waybills": relationship(
                ExtraWaybill,
                order_by=tables.extra_waybills.c.id,
                cascade="all, delete-orphan",
                lazy="selectin",
            ),
        },
    )


def start_mappers() -> None:
    """Map every domain class once per process."""
    global _started
    if _started:
        return
    mapper_registry.map_imperatively(Hall, tables.halls)
    mapper_registry.map_imperatively(Department, tables.departments)
    mapper_registry.map_imperatively(
        Account,
        tables.accounts,
        properties={
            "halls": relationship(
                Hall, secondary=tables.account_halls, order_by=tables.halls.c.code, lazy="selectin"
            )
        },
    )
    mapper_registry.map_imperatively(
        ApiToken, tables.api_tokens, properties={"account": relationship(Account, lazy="joined")}
    )
    mapper_registry.map_imperatively(Material, tables.materials)
    mapper_registry.map_imperatively(ExtraWaybill, tables.extra_waybills)
    _map_leg()
    mapper_registry.map_imperatively(ResultHandover, tables.result_handovers)
    mapper_registry.map_imperatively(StatusChange, tables.case_status_changes)
    _map_case()
    mapper_registry.map_imperatively(
        Handover,
        tables.handovers,
        properties={
            "legs": relationship(
                Leg, secondary=tables.handover_legs, order_by=tables.legs.c.id, lazy="selectin"
            )
        },
    )
    map_receipts(mapper_registry)
    event.listen(Case, "before_insert", _hash_applicant)
    event.listen(Case, "before_update", _hash_applicant)
    _started = True


def _hash_applicant(mapper: Mapper[Case], connection: Connection, case: Case) -> None:
    """Keep keyed hashes of the name, mobile tail and ID number, for lookups without decrypting."""
    cipher = cipher_of(connection.dialect)
    case.applicant_name_hash = cipher.lookup_hash(case.applicant.name, "name")  # type: ignore[attr-defined]
    case.applicant_mobile_tail_hash = cipher.lookup_hash(case.applicant.mobile[-4:], "mobile4")  # type: ignore[attr-defined]
    case.applicant_id_hash = cipher.lookup_hash(case.applicant.id_number, "id")  # type: ignore[attr-defined]
