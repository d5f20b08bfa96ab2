"""Settings from environment variables, with safe defaults, checked once at start."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from urllib.parse import urlparse

from courier.storage.crypto import InvalidDataKey, decode_key, new_key

TASK_RUNNERS = ("inprocess", "celery")
SIMULATOR_MODES = ("embedded", "off")


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
    public_base_url: str = ""
    carrier_endpoint: str = ""
    carrier_username: str = "courier"
    carrier_password: str = "courier-dev"
    carrier_connect_timeout: float = 3.0
    carrier_read_timeout: float = 10.0
    push_username: str = "carrier"
    push_password: str = "carrier-dev"
    host: str = "127.0.0.1"
    port: int = 8000
    # Failed sign-ins allowed per username and per client address (a `limits` rate string).
    signin_account_limit: str = "5 per 15 minutes"
    signin_address_limit: str = "30 per 15 minutes"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read COURIER_<NAME> for every field, then check the result."""
        environ = os.environ if environ is None else environ
        values: dict[str, object] = {}
        errors: list[str] = []
        for f in fields(cls):
            raw = environ.get(f"COURIER_{f.name.upper()}")
            if raw is None:
                continue
            try:
                values[f.name] = _convert(f.type, raw)
            except ValueError:
                errors.append(f"COURIER_{f.name.upper()}={raw!r} is not a valid {f.type}")
        if errors:
            raise ConfigError("; ".join(errors))
        return cls(**values).checked()  # type: ignore[arg-type]

    def checked(self) -> Settings:
        """Fill derived defaults and raise ConfigError naming every bad setting."""
        settings = self._with_defaults()
        errors = _problems(settings)
        if errors:
            raise ConfigError("invalid configuration: " + "; ".join(errors))
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
            carrier_endpoint=self.carrier_endpoint
            or f"http://{self.host}:{self.port}/simulator/carrier",
        )

    @property
    def is_embedded_simulator(self) -> bool:
        return self.simulator == "embedded"


def _convert(kind: object, raw: str) -> object:
    if kind in (int, "int"):
        return int(raw)
    if kind in (float, "float"):
        return float(raw)
    return raw.strip()


def _problems(s: Settings) -> list[str]:
    problems = []
    if s.env not in ("development", "production", "test"):
        problems.append("COURIER_ENV must be development, production or test")
    if not s.database_url.startswith(("sqlite:", "postgresql")):
        problems.append("COURIER_DATABASE_URL must be a sqlite:// or postgresql:// URL")
    try:
        decode_key(s.data_key)
    except InvalidDataKey as error:
        problems.append(f"COURIER_DATA_KEY: {error} (make one with `courier new-key`)")
    if len(s.secret_key) < 16:
        problems.append("COURIER_SECRET_KEY must be at least 16 characters")
    if s.task_runner not in TASK_RUNNERS:
        problems.append(f"COURIER_TASK_RUNNER must be one of {', '.join(TASK_RUNNERS)}")
    if s.task_runner == "celery" and not s.broker_url:
        problems.append("COURIER_TASK_RUNNER=celery needs COURIER_REDIS_URL or COURIER_BROKER_URL")
    if s.simulator not in SIMULATOR_MODES:
        problems.append(f"COURIER_SIMULATOR must be one of {', '.join(SIMULATOR_MODES)}")
    for name in ("public_base_url", "carrier_endpoint"):
        if urlparse(getattr(s, name)).scheme not in ("http", "https"):
            problems.append(f"COURIER_{name.upper()} must be an http(s) URL")
    if s.redis_url and urlparse(s.redis_url).scheme not in ("redis", "rediss", "unix"):
        problems.append("COURIER_REDIS_URL must be a redis:// URL")
    if not 0 < s.carrier_connect_timeout <= 60 or not 0 < s.carrier_read_timeout <= 300:
        problems.append("carrier timeouts must be positive (connect ≤ 60 s, read ≤ 300 s)")
    if not 1 <= s.simulator_stage_seconds <= 86400:
        problems.append("COURIER_SIMULATOR_STAGE_SECONDS must be between 1 and 86400")
    if not 0 < s.port < 65536:
        problems.append("COURIER_PORT must be between 1 and 65535")
    return problems


def _dev_secret(path: Path) -> str:
    """Return a per-installation secret kept under var/, made on first use (development only)."""
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    secret = new_key()
    path.write_text(secret + "\n")
    path.chmod(0o600)
    return secret
