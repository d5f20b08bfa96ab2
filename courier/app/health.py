"""Liveness and readiness: each dependency reported on its own."""

from __future__ import annotations

from collections.abc import Callable

import requests
import sqlalchemy as sa
from flask import Blueprint, Response, jsonify

from courier.app.context import courier
from courier.bootstrap import Courier
from courier.storage.migrate import pending

health = Blueprint("health", __name__)


@health.get("/healthz")
def healthz() -> Response:
    return jsonify({"status": "ok"})


def check_database(app: Courier) -> str:
    with app.engine.connect() as connection:
        connection.execute(sa.text("SELECT 1"))
    return "migrations pending" if pending(app.engine) else "ok"


def check_redis(app: Courier) -> str:
    if not app.settings.redis_url:
        return "not configured"
    import redis
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    client = redis.Redis.from_url(
        app.settings.redis_url,
        socket_timeout=1,
        socket_connect_timeout=1,
        retry=Retry(NoBackoff(), 0),  # a probe answers now or reports the failure
    )
    try:
        client.ping()
    finally:
        client.close()
    return "ok"


def check_carrier(app: Courier) -> str:
    """Fetch the SOAP carrier's WSDL; the EMS open platform answers POSTs only, so any answer
    short of a server error from it means it is reachable (credentials are not checked)."""
    if app.settings.carrier == "ems_open":
        response = requests.get(app.settings.carrier_endpoint, timeout=(1, 2))
        if response.status_code >= 500:
            response.raise_for_status()
        return "ok"
    response = requests.get(app.settings.carrier_endpoint, params={"wsdl": ""}, timeout=(1, 2))
    response.raise_for_status()
    return "ok"


CHECKS: dict[str, Callable[[Courier], str]] = {
    "database": check_database,
    "redis": check_redis,
    "carrier": check_carrier,
}


@health.get("/readyz")
def readyz() -> tuple[Response, int]:
    app, results, ready = courier(), {}, True
    for name, check in CHECKS.items():
        try:
            results[name] = {"status": check(app)}
        except Exception as error:  # any failure means "not ready", reported, not raised
            results[name] = {"status": "unavailable", "error": type(error).__name__}
        ready = ready and results[name]["status"] in ("ok", "not configured")
    return jsonify({"ready": ready, "checks": results}), 200 if ready else 503
