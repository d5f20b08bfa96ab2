"""The courier command: clear errors on bad arguments and settings, changing nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from courier.cli import main


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("COURIER_VAR_DIR", str(tmp_path))
    return CliRunner()


def test_db_upgrade_then_seed_demo_prints_the_accounts_once(
    runner: CliRunner, tmp_path: Path
) -> None:
    assert runner.invoke(main, ["db", "upgrade"]).exit_code == 0
    first = runner.invoke(main, ["seed-demo"])
    assert first.exit_code == 0 and "demo data loaded" in first.output
    assert "bj-window" in first.output
    again = runner.invoke(main, ["seed-demo"])
    assert "already there" in again.output


def test_bad_configuration_is_a_clear_error_and_creates_no_database(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COURIER_TASK_RUNNER", "threads")
    result = runner.invoke(main, ["db", "upgrade"])
    assert result.exit_code == 1
    assert "COURIER_TASK_RUNNER must be one of" in result.output
    assert not (tmp_path / "courier.db").exists()


def test_bad_arguments_are_refused_before_anything_runs(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["serve", "--port", "99999"])
    assert result.exit_code == 2 and "99999" in result.output
    assert not (tmp_path / "courier.db").exists()
    assert runner.invoke(main, ["no-such-command"]).exit_code == 2


def test_new_key_prints_a_usable_data_key(runner: CliRunner) -> None:
    from courier.storage.crypto import decode_key

    key = runner.invoke(main, ["new-key"]).output.strip()
    assert len(decode_key(key)) == 32


def test_simulator_refuses_malformed_fault_settings(runner: CliRunner) -> None:
    for faults in ('{"kind": "system_fault"}', '[{"kind": "meteor"}]', "[{", '[{"speed": 1}]'):
        result = runner.invoke(main, ["simulator", "--faults", faults])
        assert result.exit_code == 2 and "not a list of fault rules" in result.output


def test_settings_prints_every_variable_but_never_a_secret(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secrets = {
        "COURIER_CARRIER_PASSWORD": "Carrier-pass-4711",
        "COURIER_PUSH_PASSWORD": "Push-pass-4712",
        "COURIER_SIMULATOR_ADMIN_TOKEN": "Admin-token-4713-4713",
        "COURIER_SECRET_KEY": "Secret-key-4714-abcdefghijkl",
    }
    for name, value in secrets.items():
        monkeypatch.setenv(name, value)
    result = runner.invoke(main, ["settings"])
    assert result.exit_code == 0, result.output
    assert "COURIER_CARRIER_PASSWORD=(set, hidden)" in result.output
    assert "COURIER_BOOKING_LEASE_SECONDS=120.0" in result.output
    made_data_key = (tmp_path / "data.key").read_text().strip()
    for value in [*secrets.values(), made_data_key]:
        assert value not in result.output


@pytest.mark.parametrize("command", [["settings"], ["db", "upgrade"], ["simulator"]])
def test_a_refused_production_setup_names_each_variable_but_shows_no_secret(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    weak = {
        "COURIER_CARRIER_PASSWORD": "Cp-4721",
        "COURIER_PUSH_PASSWORD": "Pp-4722",
        "COURIER_SECRET_KEY": "Sk-4723-4723",
        "COURIER_DATA_KEY": "Dk-4724-4724",
        "COURIER_SIMULATOR_ADMIN_TOKEN": "At-4725",
    }
    monkeypatch.setenv("COURIER_ENV", "production")
    for name, value in weak.items():
        monkeypatch.setenv(name, value)
    result = runner.invoke(main, command)
    assert result.exit_code == 1
    for name, value in weak.items():
        assert name in result.output and value not in result.output
    assert "COURIER_SIMULATOR=embedded is for development only" in result.output


def test_api_tokens_are_created_listed_and_revoked_from_the_shell(runner: CliRunner) -> None:
    assert runner.invoke(main, ["seed-demo"]).exit_code == 0
    created = runner.invoke(main, ["api-token", "create", "--name", "办件系统", "--hall", "BJ-DC"])
    assert created.exit_code == 0, created.output
    secret = next(line for line in created.output.splitlines() if line.startswith("ctk_"))
    listed = runner.invoke(main, ["api-token", "list"])
    assert "办件系统\tBJ-DC\tnever used\tactive" in listed.output
    assert secret not in listed.output
    token_id = listed.output.split("\t")[0]
    assert runner.invoke(main, ["api-token", "revoke", token_id]).exit_code == 0
    assert "\trevoked " in runner.invoke(main, ["api-token", "list"]).output


def test_an_api_token_for_an_unknown_hall_is_a_clear_error(runner: CliRunner) -> None:
    assert runner.invoke(main, ["db", "upgrade"]).exit_code == 0
    refused = runner.invoke(main, ["api-token", "create", "--name", "x", "--hall", "NO-SUCH"])
    assert refused.exit_code == 1 and "受理大厅不存在" in refused.output
    missing = runner.invoke(main, ["api-token", "revoke", "99"])
    assert missing.exit_code == 1 and "未找到该令牌" in missing.output
