"""Apply Alembic migrations: the only way Courier's schema is made."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from courier.storage.types import CIPHER_ATTRIBUTE

MIGRATIONS = Path(__file__).with_name("migrations")
# Migrations that convert stored values find the engine's field cipher here.
CIPHER_CONFIG_ATTRIBUTE = "field_cipher"


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(engine: sa.Engine, revision: str = "head") -> None:
    """Upgrade the database behind engine to `revision`."""
    _run(engine, lambda config: command.upgrade(config, revision))


def downgrade(engine: sa.Engine, revision: str) -> None:
    """Downgrade the database behind engine to `revision`."""
    _run(engine, lambda config: command.downgrade(config, revision))


def _run(engine: sa.Engine, step: Callable[[Config], None]) -> None:
    config = alembic_config(engine.url.render_as_string(hide_password=False))
    config.attributes[CIPHER_CONFIG_ATTRIBUTE] = getattr(engine.dialect, CIPHER_ATTRIBUTE, None)
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as connection:
        if sqlite:
            # Batch migrations rebuild tables, and SQLite refuses to drop a table that other
            # rows refer to while it checks foreign keys; the pragma is ignored in a transaction.
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            # The driver opens a transaction only before data changes; open it now so that a
            # failed migration leaves no half-built tables behind.
            connection.exec_driver_sql("BEGIN")
        try:
            config.attributes["connection"] = connection
            step(config)
            connection.commit()
        finally:
            if sqlite:
                connection.rollback()
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                connection.commit()


def pending(engine: sa.Engine) -> bool:
    """Tell whether the database is behind the newest migration."""
    head = ScriptDirectory.from_config(alembic_config(str(engine.url))).get_current_head()
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision() != head
