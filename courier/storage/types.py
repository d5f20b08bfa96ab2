"""Column types: encrypted text, UTC timestamps and value objects stored as JSON."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect

from courier.domain.organizations import CarrierAccount, PaymentMode, PickupMode
from courier.domain.places import Address, Party
from courier.storage.crypto import FieldCipher

CIPHER_ATTRIBUTE = "courier_field_cipher"


def cipher_of(dialect: Dialect) -> FieldCipher:
    """Return the cipher attached to this engine's dialect by `make_engine`."""
    cipher: FieldCipher | None = getattr(dialect, CIPHER_ATTRIBUTE, None)
    if cipher is None:
        raise RuntimeError("engine has no field cipher; build it with courier.storage.make_engine")
    return cipher


class EncryptedText(sa.TypeDecorator[str]):
    """Text encrypted with the engine's field cipher."""

    impl = sa.Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else cipher_of(dialect).encrypt(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else cipher_of(dialect).decrypt(value)


class UTCDateTime(sa.TypeDecorator[datetime]):
    """Timestamps stored in UTC and always read back timezone-aware."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _address_to_dict(address: Address) -> dict[str, str]:
    return {
        "province": address.province,
        "city": address.city,
        "county": address.county,
        "county_code": address.county_code,
        "street": address.street,
        "postcode": address.postcode,
    }


class AddressJSON(sa.TypeDecorator[Address]):
    """An Address as a JSON document."""

    impl = sa.Text
    cache_ok = True

    def process_bind_param(self, value: Address | None, dialect: Dialect) -> str | None:
        return None if value is None else json.dumps(_address_to_dict(value), ensure_ascii=False)

    def process_result_value(self, value: str | None, dialect: Dialect) -> Address | None:
        return None if value is None else Address(**json.loads(value))


class EncryptedAddressJSON(sa.TypeDecorator[Address]):
    """A person's Address as a JSON document, encrypted whole."""

    impl = sa.Text
    cache_ok = True

    def process_bind_param(self, value: Address | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        document = json.dumps(_address_to_dict(value), ensure_ascii=False)
        return cipher_of(dialect).encrypt(document)

    def process_result_value(self, value: str | None, dialect: Dialect) -> Address | None:
        return None if value is None else Address(**json.loads(cipher_of(dialect).decrypt(value)))


class PartyJSON(sa.TypeDecorator[Party]):
    """A Party (name, phone, organization, address) as a JSON document, encrypted whole."""

    impl = sa.Text
    cache_ok = True

    def process_bind_param(self, value: Party | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        document: dict[str, Any] = {
            "name": value.name,
            "phone": value.phone,
            "organization": value.organization,
            "address": _address_to_dict(value.address),
        }
        return cipher_of(dialect).encrypt(json.dumps(document, ensure_ascii=False))

    def process_result_value(self, value: str | None, dialect: Dialect) -> Party | None:
        if value is None:
            return None
        document = json.loads(cipher_of(dialect).decrypt(value))
        return Party(
            name=document["name"],
            phone=document["phone"],
            address=Address(**document["address"]),
            organization=document["organization"],
        )


class CarrierAccountJSON(sa.TypeDecorator[CarrierAccount]):
    """A CarrierAccount as a JSON document."""

    impl = sa.Text
    cache_ok = True

    def process_bind_param(self, value: CarrierAccount | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return json.dumps(
            {
                "customer_no": value.customer_no,
                "biz_product_no": value.biz_product_no,
                "payment_mode": value.payment_mode.value,
                "receipt_flag": value.receipt_flag,
                "result_receiver_pays": value.result_receiver_pays,
                "pickup_mode": value.pickup_mode.value,
            }
        )

    def process_result_value(self, value: str | None, dialect: Dialect) -> CarrierAccount | None:
        if value is None:
            return None
        document = json.loads(value)
        # documents written before the booking defaults existed read as the old behaviour
        return CarrierAccount(
            document["customer_no"],
            document["biz_product_no"],
            PaymentMode(document["payment_mode"]),
            receipt_flag=bool(document.get("receipt_flag", False)),
            result_receiver_pays=bool(document.get("result_receiver_pays", False)),
            pickup_mode=PickupMode(document.get("pickup_mode", PickupMode.COUNTER.value)),
        )
