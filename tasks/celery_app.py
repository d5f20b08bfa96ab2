"""Celery set up the Flask way: tasks run inside the application context."""

from __future__ import annotations

from typing import Any

from celery import Celery, Task
from flask import Flask

from courier.config import Settings

SWEEP_SECONDS = 30.0
POLL_SECONDS = 600.0


def celery_config(settings: Settings) -> dict[str, Any]:
    """Production settings: at-least-once delivery, one task at a time, JSON only."""
    return {
        "broker_url": settings.broker_url,
        "result_backend": settings.result_backend or None,
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        "worker_prefetch_multiplier": 1,
        "task_time_limit": 120,
        "task_soft_time_limit": 90,
        "task_serializer": "json",
        "result_serializer": "json",
        "accept_content": ["json"],
        "result_expires": 3600,
        "broker_connection_retry_on_startup": True,
        "broker_transport_options": {"visibility_timeout": 3600},
        "beat_schedule": {
            "sweep-bookings": {"task": "courier.sweep_bookings", "schedule": SWEEP_SECONDS},
            "poll-tracking": {"task": "courier.poll_tracking", "schedule": POLL_SECONDS},
        },
    }


def celery_init_app(app: Flask, settings: Settings) -> Celery:
    class FlaskTask(Task):  # type: ignore[misc]
        def __call__(self, *args: object, **kwargs: object) -> object:
            with app.app_context():
                return self.run(*args, **kwargs)

    celery = Celery(app.name, task_cls=FlaskTask)
    celery.config_from_object(celery_config(settings))
    celery.set_default()
    import tasks.celery_tasks  # noqa: F401  (registers the tasks)

    app.extensions["celery"] = celery
    return celery


class CeleryTaskQueue:
    """Send jobs to Celery by name (the web process never imports task bodies)."""

    def __init__(self, celery: Celery) -> None:
        self.celery = celery

    def enqueue(self, job: str, **arguments: int | str) -> None:
        self.celery.send_task(f"courier.{job}", kwargs=arguments)
