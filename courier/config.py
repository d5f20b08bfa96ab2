"""Settings from environment variables, with safe defaults, checked once at start."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from urllib.parse import urlparse

from courier.config_rules import (
    DEV_CARRIER_PASSWORD,
    DEV_EMS_AUTHORIZATION,
    DEV_EMS_SENDER_NO,
    DEV_EMS_SIGN_KEY,
    DEV_PUSH_PASSWORD,
    EMS_OPEN_PATH,
    SECRETS,
    SIMULATOR_MODES,
    TASK_RUNNERS,
    broken_rules,
    variable,
)
from courier.domain.quiet_hours import DEFAULT_QUIET_HOURS
from courier.domain.reports import new_secret
from courier.storage.crypto import new_key

__all__ = [
    "SIMULATOR_MODES",
    "TASK_RUNNERS",
    "ConfigError",
    "Settings",
    "described",
    "variable",
    "without_password",
]


class ConfigError(Exception):
    """One or more settings are wrong; the message names each."""


@dataclass(frozen=True)
class Settings:
    """Every setting of Courier; `from_env` reads them from COURIER_* variables."""

    env: str = "development"
    var_dir: str = "var"
    database_url: str = ""
    data_key: str = ""
    secret_key: str = ""
    redis_url: str = ""
    broker_url: str = ""
    result_backend: str = ""
    task_runner: str = "inprocess"
    simulator: str = "embedded"
    simulator_stage_seconds: float = 600.0
    simulator_admin_token: str = ""
    public_base_url: str = ""
    carrier: str = "soap"  # or "ems_open": the EMS open platform (form POST, SM4 JSON)
    carrier_endpoint: str = ""
    carrier_username: str = "courier"
    carrier_password: str = DEV_CARRIER_PASSWORD
    carrier_connect_timeout: float = 3.0
    carrier_read_timeout: float = 10.0
    carrier_reconcile_seconds: float = 600.0
    booking_lease_seconds: float = 120.0
    ems_sender_no: str = DEV_EMS_SENDER_NO
    ems_authorization: str = DEV_EMS_AUTHORIZATION
    ems_sign_key: str = DEV_EMS_SIGN_KEY
    push_username: str = "carrier"
    push_password: str = DEV_PUSH_PASSWORD
    host: str = "127.0.0.1"
    port: int = 8000
    # Failed sign-ins allowed per username and per client address (a `limits` rate string).
    signin_account_limit: str = "5 per 15 minutes"
    signin_address_limit: str = "30 per 15 minutes"
    # QueryTrace calls allowed per carrier account (customer_no) and minute, across workers.
    poll_calls_per_minute: int = 60
    # Text messages to applicants: embedded (kept for the /dev/sms page), http or off.
    sms: str = "embedded"
    sms_gateway_url: str = ""
    sms_api_key: str = ""
    sms_timeout: float = 5.0
    sms_quiet_hours: str = DEFAULT_QUIET_HOURS
    # Tracking: `name=span,…` (spans such as 90s, 30m, 48h, 2d); what is not named keeps its
    # default (courier/domain/poll_schedule.py, courier/domain/stuck.py).
    poll_intervals: str = ""
    stuck_thresholds: str = ""
    # Embedded simulator: booking → collection by the postman (203), where a parcel's life starts.
    simulator_pickup_seconds: float = 600.0
    # How long an API Idempotency-Key is remembered (a replay within it gets the first answer).
    idempotency_key_hours: float = 24.0
    # Status reports (回传): timeout of each delivery (connect, and again read), how long an
    # old secret still signs after a rotation, deliveries per relay batch and sent at once.
    webhook_timeout_seconds: float = 10.0
    webhook_rotation_hours: float = 24.0
    relay_batch: int = 200
    relay_workers: int = 8
    # The postage tariff of monthly statements (JSON); empty: the one shipped with Courier.
    tariff_file: str = ""
    # Retention: the operation and access log (at least six months, PIPL / CSL), and the
    # applicant's data of a closed case (then replaced by placeholders).
    audit_retention_days: int = 365
    applicant_retention_days: int = 1095

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read COURIER_<NAME> for every field, then check the result, naming every bad one."""
        values, errors = _read(os.environ if environ is None else environ)
        settings = cls(**values)._with_defaults()  # type: ignore[arg-type]
        _refuse(errors + broken_rules(settings))
        return settings

    def checked(self) -> Settings:
        """Fill derived defaults and raise ConfigError naming every bad setting."""
        settings = self._with_defaults()
        _refuse(broken_rules(settings))
        return settings

    def _with_defaults(self) -> Settings:
        var = Path(self.var_dir)
        production = self.env == "production"
        return replace(
            self,
            database_url=self.database_url or f"sqlite:///{(var / 'courier.db').resolve()}",
            data_key=self.data_key or ("" if production else _dev_secret(var / "data.key")),
            secret_key=self.secret_key or ("" if production else _dev_secret(var / "secret.key")),
            broker_url=self.broker_url or self.redis_url,
            result_backend=self.result_backend or self.redis_url,
            public_base_url=self.public_base_url or f"http://{self.host}:{self.port}",
            carrier_endpoint=self.carrier_endpoint or self._embedded_endpoint(),
        )

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={value!r}" for name, value in described(self))
        return f"Settings({shown})"

    def _embedded_endpoint(self) -> str:
        """Return where the embedded simulator answers the configured carrier protocol."""
        path = EMS_OPEN_PATH if self.carrier == "ems_open" else "/carrier"
        return f"http://{self.host}:{self.port}/simulator{path}"

    @property
    def is_embedded_simulator(self) -> bool:
        return self.simulator == "embedded"

    @property
    def is_embedded_sms(self) -> bool:
        return self.sms == "embedded"

    @property
    def carrier_call_seconds(self) -> float:
        """Return the longest one carrier call can take: connect, await the reply, read it."""
        return self.carrier_connect_timeout + 2 * self.carrier_read_timeout


def described(settings: Settings) -> list[tuple[str, str]]:
    """Return (variable, value) of every setting, secrets and URL passwords hidden."""
    shown = []
    for f in fields(settings):
        value = str(getattr(settings, f.name))
        if f.name in SECRETS:
            value = "(set, hidden)" if value else "(not set)"
        shown.append((variable(f.name), without_password(value)))
    return shown


def without_password(value: str) -> str:
    """Return a URL with its password (if any) replaced by ***."""
    parsed = urlparse(value)
    if "://" not in value or not parsed.password:
        return value
    return value.replace(f":{parsed.password}@", ":***@", 1)


def _read(environ: Mapping[str, str]) -> tuple[dict[str, object], list[str]]:
    values: dict[str, object] = {}
    errors: list[str] = []
    for f in fields(Settings):
        raw = environ.get(variable(f.name))
        if raw is None:
            continue
        try:
            values[f.name] = _convert(f.type, raw)
        except ValueError:  # only numbers fail here, never a secret
            errors.append(f"{variable(f.name)}={raw!r} is not a valid {f.type}")
    return values, errors


def _convert(kind: object, raw: str) -> object:
    if kind in (int, "int"):
        return int(raw)
    if kind in (float, "float"):
        return float(raw)
    return raw.strip()


def _refuse(problems: list[str]) -> None:
    if problems:
        raise ConfigError("invalid configuration: " + "; ".join(problems))


def embedded_report_secret(settings: Settings) -> str:
    """Return the `whsec_` secret the embedded case-system simulator checks reports with."""
    return _dev_secret(Path(settings.var_dir) / "case-system-sim.secret", new_secret)


def _dev_secret(path: Path, make: Callable[[], str] = new_key) -> str:
    """Return a per-installation secret kept under var/, made on first use (development only)."""
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    secret = make()
    # Created owner-only, so the key is never readable by others, not even for a moment.
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process starting at the same time made it
        return path.read_text().strip()
    with os.fdopen(descriptor, "w") as file:
        file.write(secret + "\n")
    return secret
