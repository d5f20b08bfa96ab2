"""Migration 0009 adds the token and idempotency tables and takes them away again."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from courier.storage.crypto import FieldCipher, decode_key, new_key
from courier.storage.database import make_engine
from courier.storage.migrate import downgrade, upgrade

ADDED = {"account_halls", "api_tokens", "idempotency_keys"}


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_0009_downgrades_to_0008_and_upgrades_again(
    kind: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'm.db'}"
    if kind == "postgres":
        url = request.getfixturevalue("postgres_url")
    engine = make_engine(url, FieldCipher(decode_key(new_key())))
    upgrade(engine)
    assert set(sa.inspect(engine).get_table_names()) >= ADDED
    downgrade(engine, "0008")
    assert not ADDED & set(sa.inspect(engine).get_table_names())
    upgrade(engine)
    unique = sa.inspect(engine).get_unique_constraints("idempotency_keys")
    assert [c["column_names"] for c in unique] == [["account_id", "key"]]
    engine.dispose()
