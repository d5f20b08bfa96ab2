"""Migrations are the only source of the schema, and they agree with the models."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from courier.storage.crypto import FieldCipher, decode_key, new_key
from courier.storage.database import make_engine
from courier.storage.migrate import pending, upgrade
from courier.storage.tables import metadata


@pytest.fixture(params=["sqlite", "postgres"])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'empty.db'}"
    return str(request.getfixturevalue("postgres_url"))


def test_empty_database_upgrades_to_head_and_matches_the_models(empty_url: str) -> None:
    engine = make_engine(empty_url, FieldCipher(decode_key(new_key())))
    assert pending(engine)
    upgrade(engine)
    assert not pending(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, metadata) == []
    engine.dispose()


def test_upgrading_twice_changes_nothing(empty_url: str) -> None:
    engine = make_engine(empty_url, FieldCipher(decode_key(new_key())))
    upgrade(engine)
    upgrade(engine)
    assert set(sa.inspect(engine).get_table_names()) >= {"cases", "legs", "halls"}
    engine.dispose()


def test_the_migrated_schema_keeps_one_live_leg_per_kind_as_a_partial_index(
    empty_url: str,
) -> None:
    engine = make_engine(empty_url, FieldCipher(decode_key(new_key())))
    upgrade(engine)
    indexes = {i["name"]: i for i in sa.inspect(engine).get_indexes("legs")}
    live_kind = indexes["uq_legs_live_kind"]
    assert live_kind["unique"] and live_kind["column_names"] == ["case_id", "kind"]
    # Later migrations that rebuild the table on SQLite must not drop the WHERE clause.
    where = live_kind.get("dialect_options", {})
    clause = where.get("sqlite_where", where.get("postgresql_where"))
    assert clause is not None and "cancelled" in str(clause)
    engine.dispose()
