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
