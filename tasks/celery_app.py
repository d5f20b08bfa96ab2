"""Celery set up the Flask way: tasks run inside the application context."""

from __future__ import annotations

import logging
from typing import Any

from celery import Celery, Task
from celery.signals import after_setup_logger, after_setup_task_logger
from flask import Flask

from courier.config import Settings
from courier.logs import protect_handlers

log = logging.getLogger(__name__)

# A web request must not hang on a dead broker: one quick retry, then the sweep's job.
PUBLISH_RETRY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}


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
        "beat_schedule": beat_schedule(),
    }


def beat_schedule() -> dict[str, dict[str, Any]]:
    """Return the periodic jobs of tasks.jobs.PERIODIC as Celery beat entries."""
    from tasks.jobs import PERIODIC

    return {
        job.replace("_", "-"): {"task": f"courier.{job}", "schedule": seconds}
        for job, seconds in PERIODIC.items()
    }


def _escape_controls_in_logs(logger: logging.Logger, **_: object) -> None:
    """Keep control characters out of the worker's and beat's log lines too."""
    protect_handlers(logger)


after_setup_logger.connect(_escape_controls_in_logs, weak=False)
after_setup_task_logger.connect(_escape_controls_in_logs, weak=False)


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
        """Send a job; if the broker is down, say so and leave the work to the beat sweep."""
        try:
            self.celery.send_task(
                f"courier.{job}",
                kwargs=arguments,
                ignore_result=True,  # nobody waits for it; don't touch the result backend
                retry=True,
                retry_policy=PUBLISH_RETRY,
            )
        except Exception as error:  # the request that committed must still succeed
            log.warning(
                "could not enqueue %s (%s); the sweep will pick it up", job, type(error).__name__
            )
