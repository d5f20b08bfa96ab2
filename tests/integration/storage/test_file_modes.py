"""The embedded default's key files and SQLite database are readable by their owner only."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from courier.config import Settings
from courier.storage.crypto import FieldCipher, decode_key, new_key
from courier.storage.database import make_engine
from courier.storage.migrate import upgrade


@pytest.fixture(autouse=True)
def permissive_umask() -> Iterator[None]:
    """Use the usual umask, under which a plainly created file is world-readable."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_development_keys_are_created_readable_by_their_owner_only(tmp_path: Path) -> None:
    settings = Settings.from_env({"COURIER_VAR_DIR": str(tmp_path / "var")})
    for name in ("data.key", "secret.key"):
        assert _mode(tmp_path / "var" / name) == 0o600
    assert (tmp_path / "var" / "data.key").read_text().strip() == settings.data_key


def test_the_sqlite_database_and_its_journal_are_readable_by_their_owner_only(
    tmp_path: Path,
) -> None:
    database = tmp_path / "courier.db"
    engine = make_engine(f"sqlite:///{database}", FieldCipher(decode_key(new_key())))
    upgrade(engine)
    with engine.connect() as conn:
        conn.execute(sa.text("SELECT count(*) FROM cases")).scalar_one()
        journal = [p for p in tmp_path.iterdir() if p.name.startswith("courier.db")]
        assert {p.name for p in journal} >= {"courier.db", "courier.db-wal"}
        assert {p.name: _mode(p) for p in journal} == {p.name: 0o600 for p in journal}
    engine.dispose()
