"""The simulator's admin endpoints answer only JSON requests that bear the admin token.

Once: the admin API is the same whichever protocol the simulator serves.
"""

from __future__ import annotations

import pytest
import requests

from tests.integration.carrier_sim.conftest import ADMIN_TOKEN, Sim, SimFactory

ROUTES = ["faults", "scenario", "advance", "push", "reset"]


def post(sim: Sim, path: str, **kwargs: object) -> requests.Response:
    return requests.post(f"{sim.url}/carrier/admin/{path}", timeout=5, **kwargs)  # type: ignore[arg-type]


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.parametrize("path", ROUTES)
def test_without_a_configured_token_the_admin_endpoints_do_not_exist(
    make_sim: SimFactory, path: str
) -> None:
    sim = make_sim(admin_token="")
    reply = post(sim, path, json={}, headers=bearer(""))
    assert reply.status_code == 404
    assert reply.json()["error"]["code"] == "NOT_FOUND"


@pytest.mark.parametrize("path", ROUTES)
def test_a_request_without_the_token_is_unauthenticated(sim: Sim, path: str) -> None:
    reply = post(sim, path, json={})
    assert reply.status_code == 401
    assert reply.headers["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("path", ROUTES)
def test_a_wrong_token_is_forbidden(sim: Sim, path: str) -> None:
    assert post(sim, path, json={}, headers=bearer(ADMIN_TOKEN + "x")).status_code == 403
    assert post(sim, path, json={}, headers={"Authorization": ADMIN_TOKEN}).status_code == 401


def test_a_cross_site_text_plain_or_form_post_cannot_reach_the_admin_endpoints(sim: Sim) -> None:
    sim.admin("faults", {"rules": []})
    rules = '{"rules": [{"kind": "system_fault"}]}'
    text_plain = {"Content-Type": "text/plain"}
    assert post(sim, "faults", data=rules, headers=text_plain).status_code == 401
    with_token = {**text_plain, **bearer(ADMIN_TOKEN)}
    assert post(sim, "faults", data=rules, headers=with_token).status_code == 415
    form = post(sim, "faults", data={"rules": "x"}, headers=bearer(ADMIN_TOKEN))
    assert form.status_code == 415
    assert sim.simulator.faults.snapshot()["rules"] == []


def test_a_json_body_that_is_not_an_object_is_refused(sim: Sim) -> None:
    reply = post(
        sim,
        "advance",
        data="[1]",
        headers={**bearer(ADMIN_TOKEN), "Content-Type": "application/json"},
    )
    assert reply.status_code == 400


def test_the_right_token_with_json_reaches_the_admin_endpoint(sim: Sim) -> None:
    reply = post(sim, "advance", json={"seconds": 120}, headers=bearer(ADMIN_TOKEN))
    assert reply.status_code == 200
    assert reply.json()["now"] == sim.clock.now().isoformat()


def test_a_seed_or_a_time_that_is_not_a_number_is_a_clear_error(sim: Sim) -> None:
    assert post(sim, "advance", json={"seconds": "soon"}, headers=bearer(ADMIN_TOKEN)).json() == {
        "error": "seconds must be a number"
    }
    bad_seed = post(sim, "faults", json={"rules": [], "seed": "x"}, headers=bearer(ADMIN_TOKEN))
    assert bad_seed.status_code == 400
