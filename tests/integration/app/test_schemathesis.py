"""Schemathesis calls every documented operation of the live app: no 500, nothing undocumented.

The app runs on a real threaded HTTP server over PostgreSQL and Redis; requests sign in with
HTTP Basic as a hall window, or as the administrator for administrators' operations.
Generation is deterministic (derandomized) and bounded (about a minute on two cores).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from werkzeug.serving import make_server

from courier.app import create_app
from tests.conftest import REDIS_URL, require_service
from tests.integration.app.conftest import basic
from tests.integration.app.test_sign_in_security import wired_courier

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
MAX_EXAMPLES = 25  # per operation and kind of request: about 2,000 requests
WINDOW = "bj-window"


@pytest.fixture(scope="module")
def live_base(tmp_path_factory: pytest.TempPathFactory, module_postgres_url: str) -> Iterator[str]:
    """Serve the wired app (PostgreSQL, Redis, fake carrier) on a free loopback port."""
    require_service("Redis", REDIS_URL, 6379)
    redis.Redis.from_url(REDIS_URL).flushdb()
    tmp = tmp_path_factory.mktemp("schemathesis")
    wired = wired_courier(Path(tmp), module_postgres_url, redis_url=REDIS_URL)
    server = make_server("127.0.0.1", 0, create_app(wired=wired), threaded=True)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(5)
        server.server_close()
        wired.close()


@pytest.fixture(scope="module")
def api_schema(live_base: str) -> schemathesis.BaseSchema:
    schema = schemathesis.openapi.from_url(f"{live_base}/api/v1/openapi.json")
    schema.config.update(base_url=live_base)
    return schema


def exercise(strategy: st.SearchStrategy[schemathesis.Case], username: str) -> None:
    """Call one operation with generated requests; raise the first check that fails."""

    @settings(
        max_examples=MAX_EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def call(case: schemathesis.Case) -> None:
        case.call_and_validate(headers=basic(username), checks=CHECKS, timeout=30)

    call()


def test_every_documented_operation_answers_as_documented(
    api_schema: schemathesis.BaseSchema, live_base: str
) -> None:
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 20
    real = real_path_parameters(live_base)
    failures = []
    for operation in operations:
        for name, strategy in strategies(operation, real):
            try:
                exercise(strategy, caller(operation))
            except Exception as error:  # every operation runs; all failures are reported together
                failures.append(f"{operation.label} ({name}): {error}")
    assert failures == [], "\n\n".join(failures)


def caller(operation: schemathesis.APIOperation) -> str:
    """Call administrators' operations as the administrator, the others as a hall window."""
    return "admin" if "403" in operation.definition.raw["responses"] else WINDOW


def strategies(
    operation: schemathesis.APIOperation, real: dict[str, object]
) -> Iterator[tuple[str, st.SearchStrategy[schemathesis.Case]]]:
    """Yield the documented examples, valid and invalid requests, and ones about real records."""
    examples = operation.get_strategies_from_examples()
    if examples:
        yield "examples", st.one_of(examples)
    yield "positive", operation.as_strategy(GenerationMode.POSITIVE)
    yield "negative", operation.as_strategy(GenerationMode.NEGATIVE)
    names = {p.name for p in operation.path_parameters}
    if names:
        existing = {k: v for k, v in real.items() if k in names}
        yield "existing", operation.as_strategy(path_parameters=existing)


def real_path_parameters(base: str) -> dict[str, object]:
    """Return the number of a seeded case with a leg, that leg's id, and the first handover."""
    found = requests.get(f"{base}/api/v1/cases", headers=basic(WINDOW), timeout=30).json()
    case = next(c for c in found["cases"] if c["legs"])
    return {"case_number": case["case_number"], "leg_id": case["legs"][0]["id"], "handover_id": 1}
