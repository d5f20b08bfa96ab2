"""Engines: one per process, each carrying the field cipher for its encrypted columns."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Session, sessionmaker

from courier.storage.crypto import FieldCipher
from courier.storage.types import CIPHER_ATTRIBUTE


def make_engine(url: str, cipher: FieldCipher, **options: Any) -> sa.Engine:
    """Build an engine whose encrypted columns use `cipher`."""
    is_sqlite = url.startswith("sqlite")
    if is_sqlite:
        options.setdefault("connect_args", {"timeout": 30})
        _create_owner_only(sa.make_url(url).database)
    else:
        options.setdefault("pool_pre_ping", True)
    engine = sa.create_engine(url, **options)
    # The key travels with the engine, not in a global: two engines may use two keys.
    setattr(engine.dialect, CIPHER_ATTRIBUTE, cipher)
    if is_sqlite:
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _create_owner_only(database: str | None) -> None:
    """Create a missing SQLite file readable by its owner only; SQLite gives its WAL the same."""
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    path = Path(database)
    if not path.parent.is_dir():
        return  # SQLite itself reports the missing folder on first connect
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def make_session_factory(engine: sa.Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)
