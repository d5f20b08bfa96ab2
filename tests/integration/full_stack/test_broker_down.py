"""A dead broker does not fail a request that already committed; the sweep books later."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from celery import Celery

from courier.config import Settings
from tasks.celery_app import CeleryTaskQueue, celery_config


def test_enqueue_with_the_broker_down_returns_quickly_without_raising(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = Settings(
        var_dir=str(tmp_path), task_runner="celery", redis_url="redis://127.0.0.1:9/0"
    ).checked()
    celery = Celery("courier-test")
    celery.config_from_object(celery_config(settings))
    started = time.monotonic()
    CeleryTaskQueue(celery).enqueue("book_leg", leg_id=1)
    assert time.monotonic() - started < 5
    assert "the sweep will pick it up" in caplog.text
