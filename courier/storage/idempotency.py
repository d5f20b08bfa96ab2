"""Idempotency keys in the database; each call is its own short transaction."""

from __future__ import annotations

import base64
import json
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from courier.domain.idempotency import Fingerprint, IdempotencyRecord, StoredResponse
from courier.storage import tables

_k = tables.idempotency_keys


class SqlIdempotencyStore:
    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    def claim(self, record: IdempotencyRecord) -> bool:
        try:
            with self.engine.begin() as connection:
                connection.execute(sa.insert(_k), _row(record))
        except IntegrityError:  # the unique (principal, key): another request holds it
            return False
        return True

    def get(self, account_id: int, key: str) -> IdempotencyRecord | None:
        query = sa.select(_k).where(_k.c.account_id == account_id, _k.c.key == key)
        with self.engine.connect() as connection:
            row = connection.execute(query).first()
        return _record(row._mapping) if row else None

    def take_over(self, old: IdempotencyRecord, new: IdempotencyRecord) -> bool:
        return self._update(old, **_row(new)) == 1

    def complete(self, record: IdempotencyRecord, response: StoredResponse) -> None:
        self._update(record, **_response_columns(response))

    def release(self, record: IdempotencyRecord) -> None:
        with self.engine.begin() as connection:
            connection.execute(sa.delete(_k).where(*_held_by(record)))

    def purge(self, now: datetime) -> int:
        with self.engine.begin() as connection:
            return connection.execute(sa.delete(_k).where(_k.c.expires_at <= now)).rowcount

    def _update(self, record: IdempotencyRecord, **values: Any) -> int:
        with self.engine.begin() as connection:
            return connection.execute(
                sa.update(_k).where(*_held_by(record)).values(**values)
            ).rowcount


def _held_by(record: IdempotencyRecord) -> tuple[sa.ColumnElement[bool], ...]:
    return (
        _k.c.account_id == record.account_id,
        _k.c.key == record.key,
        _k.c.claim == record.claim,
    )


def _row(record: IdempotencyRecord) -> dict[str, Any]:
    f = record.fingerprint
    row = {"account_id": record.account_id, "key": record.key, "method": f.method, "path": f.path}
    row.update(body_hash=f.body_hash, claim=record.claim, started_at=record.started_at)
    row.update(expires_at=record.expires_at, **_response_columns(record.response))
    return row


def _response_columns(response: StoredResponse | None) -> dict[str, Any]:
    if response is None:
        return {"response_status": None, "response_headers": None, "response_body": None}
    return {
        "response_status": response.status,
        "response_headers": json.dumps(response.headers, ensure_ascii=False),
        "response_body": base64.b64encode(response.body).decode("ascii"),
    }


def _record(row: Any) -> IdempotencyRecord:
    fingerprint = Fingerprint(row["method"], row["path"], row["body_hash"])
    response = None
    if row["response_status"] is not None:
        headers = tuple((str(n), str(v)) for n, v in json.loads(row["response_headers"]))
        body = base64.b64decode(row["response_body"])
        response = StoredResponse(row["response_status"], headers, body)
    return IdempotencyRecord(
        row["account_id"], row["key"], fingerprint, row["claim"],
        row["started_at"], row["expires_at"], response,
    )  # fmt: skip
