"""An app whose routes and document can be read without touching a database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask

from courier.app import create_app
from courier.app.openapi_document import build_document
from courier.bootstrap import bootstrap
from courier.config import Settings
from courier.storage.crypto import new_key


def unconnected_app(tmp_path: Path) -> Flask:
    """Build the app on a SQLite file it never opens (the engine connects lazily)."""
    settings = Settings(
        env="test",
        var_dir=str(tmp_path),
        database_url=f"sqlite:///{tmp_path / 'never-opened.db'}",
        data_key=new_key(),
        secret_key="test-secret-key-0123456789",
        simulator="off",
        carrier_endpoint="http://127.0.0.1:9/carrier",
    ).checked()
    return create_app(wired=bootstrap(settings))


def document_of(app: Flask) -> dict[str, Any]:
    return build_document(app.url_map, app.view_functions)
