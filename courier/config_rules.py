"""The rules a configuration must keep; each broken rule is told by its variable name."""

from __future__ import annotations

import base64
import binascii
from typing import TYPE_CHECKING
from urllib.parse import urlparse

from courier.domain.errors import InvalidValue
from courier.domain.poll_schedule import PollSchedule
from courier.domain.quiet_hours import QuietHours
from courier.domain.retention import MIN_APPLICANT_RETENTION_DAYS, MIN_AUDIT_RETENTION_DAYS
from courier.domain.stuck import StuckThresholds
from courier.domain.tariff import read_tariff
from courier.storage.crypto import InvalidDataKey, decode_key

if TYPE_CHECKING:
    from courier.config import Settings

TASK_RUNNERS = ("inprocess", "celery")
SIMULATOR_MODES = ("embedded", "off")
SMS_MODES = ("embedded", "http", "off")
CARRIERS = ("soap", "ems_open")
# The EMS open platform's path; the embedded simulator serves it under /simulator.
EMS_OPEN_PATH = "/amp-prod-api/f/amp/api/open"
DEV_EMS_SENDER_NO = "1100000000000"
DEV_EMS_AUTHORIZATION = "courier-ems-dev"
DEV_EMS_SIGN_KEY = "Y291cmllci1lbXMtZGV2IQ=="  # Base64 of 16 bytes, as the platform issues
DEV_CARRIER_PASSWORD = "courier-dev"
DEV_PUSH_PASSWORD = "carrier-dev"
DEV_PASSWORDS = {"carrier_password": DEV_CARRIER_PASSWORD, "push_password": DEV_PUSH_PASSWORD}
# Write-only settings: checked by shape, never shown (not in errors, not by the CLI).
SECRETS = frozenset(
    {
        "data_key",
        "secret_key",
        "carrier_password",
        "push_password",
        "simulator_admin_token",
        "sms_api_key",
        "ems_authorization",
        "ems_sign_key",
    }
)
MIN_PASSWORD_LENGTH = 12
MIN_SECRET_KEY_LENGTH = 32
MIN_TOKEN_LENGTH = 16


def variable(name: str) -> str:
    """Return the environment variable of a setting."""
    return f"COURIER_{name.upper()}"


def broken_rules(s: Settings) -> list[str]:
    """Return a message for each rule these settings break."""
    return [
        *_value_problems(s),
        *_number_problems(s),
        *_booking_time_problems(s),
        *_tracking_problems(s),
        *_secret_problems(s),
        *_sms_problems(s),
        *_production_problems(s),
        *_ems_open_problems(s),
        *_tariff_problems(s),
        *_retention_problems(s),
    ]


def _retention_problems(s: Settings) -> list[str]:
    problems = []
    if s.audit_retention_days < MIN_AUDIT_RETENTION_DAYS:
        problems.append(
            f"COURIER_AUDIT_RETENTION_DAYS must be at least {MIN_AUDIT_RETENTION_DAYS} "
            "(logs are kept six months or more: PIPL / Cybersecurity Law)"
        )
    if s.applicant_retention_days < MIN_APPLICANT_RETENTION_DAYS:
        problems.append(
            f"COURIER_APPLICANT_RETENTION_DAYS must be at least {MIN_APPLICANT_RETENTION_DAYS}"
        )
    return problems


def _value_problems(s: Settings) -> list[str]:
    problems = []
    if s.env not in ("development", "production", "test"):
        problems.append("COURIER_ENV must be development, production or test")
    if not s.database_url.startswith(("sqlite:", "postgresql")):
        problems.append("COURIER_DATABASE_URL must be a sqlite:// or postgresql:// URL")
    if s.task_runner not in TASK_RUNNERS:
        problems.append(f"COURIER_TASK_RUNNER must be one of {', '.join(TASK_RUNNERS)}")
    if s.task_runner == "celery" and not s.broker_url:
        problems.append("COURIER_TASK_RUNNER=celery needs COURIER_REDIS_URL or COURIER_BROKER_URL")
    if s.carrier not in CARRIERS:
        problems.append(f"COURIER_CARRIER must be one of {', '.join(CARRIERS)}")
    if s.simulator not in SIMULATOR_MODES:
        problems.append(f"COURIER_SIMULATOR must be one of {', '.join(SIMULATOR_MODES)}")
    for name in ("public_base_url", "carrier_endpoint"):
        if urlparse(getattr(s, name)).scheme not in ("http", "https"):
            problems.append(f"{variable(name)} must be an http(s) URL")
    if s.redis_url and urlparse(s.redis_url).scheme not in ("redis", "rediss", "unix"):
        problems.append("COURIER_REDIS_URL must be a redis:// URL")
    if not 1 <= s.poll_calls_per_minute <= 100_000:
        problems.append("COURIER_POLL_CALLS_PER_MINUTE must be between 1 and 100000")
    return problems


def _relay_problems(s: Settings) -> list[str]:
    problems = []
    if not 0 < s.webhook_timeout_seconds <= 60:
        problems.append("COURIER_WEBHOOK_TIMEOUT_SECONDS must be more than 0 and at most 60 s")
    if not 0 <= s.webhook_rotation_hours <= 24 * 30:
        problems.append("COURIER_WEBHOOK_ROTATION_HOURS must be between 0 and 720")
    if not 1 <= s.relay_batch <= 5000:
        problems.append("COURIER_RELAY_BATCH must be between 1 and 5000")
    if not 1 <= s.relay_workers <= 64:
        problems.append("COURIER_RELAY_WORKERS must be between 1 and 64")
    return problems


def _number_problems(s: Settings) -> list[str]:
    problems = []
    problems += _relay_problems(s)
    if not 0 < s.carrier_connect_timeout <= 60:
        problems.append("COURIER_CARRIER_CONNECT_TIMEOUT must be more than 0 and at most 60 s")
    if not 0 < s.carrier_read_timeout <= 300:
        problems.append("COURIER_CARRIER_READ_TIMEOUT must be more than 0 and at most 300 s")
    if not 1 <= s.simulator_stage_seconds <= 86400:
        problems.append("COURIER_SIMULATOR_STAGE_SECONDS must be between 1 and 86400")
    if not 0 < s.port < 65536:
        problems.append("COURIER_PORT must be between 1 and 65535")
    if not 1 <= s.idempotency_key_hours <= 720:
        problems.append("COURIER_IDEMPOTENCY_KEY_HOURS must be between 1 and 720")
    return problems


def _booking_time_problems(s: Settings) -> list[str]:
    """Refuse a lease that can end during a call, and a reconcile time shorter than the lease."""
    lease, reconcile, call = (
        s.booking_lease_seconds,
        s.carrier_reconcile_seconds,
        s.carrier_call_seconds,
    )
    problems = []
    if not 0 < lease <= 86400:
        problems.append("COURIER_BOOKING_LEASE_SECONDS must be more than 0 and at most 86400")
    elif lease < call:
        problems.append(
            f"COURIER_BOOKING_LEASE_SECONDS ({lease:g} s) must be at least "
            f"COURIER_CARRIER_CONNECT_TIMEOUT + 2 × COURIER_CARRIER_READ_TIMEOUT ({call:g} s), "
            "or a second worker may book a leg whose carrier call is still running"
        )
    if not 0 < reconcile <= 7 * 86400:
        problems.append("COURIER_CARRIER_RECONCILE_SECONDS must be more than 0 and at most 604800")
    elif reconcile < lease:
        problems.append(
            f"COURIER_CARRIER_RECONCILE_SECONDS ({reconcile:g} s) must be at least "
            f"COURIER_BOOKING_LEASE_SECONDS ({lease:g} s)"
        )
    return problems


def _tracking_problems(s: Settings) -> list[str]:
    """Refuse poll intervals and stuck thresholds that are not `name=span,…` as documented."""
    problems = []
    for name, read in (("poll_intervals", PollSchedule.from_text),
                       ("stuck_thresholds", StuckThresholds.from_text)):  # fmt: skip
        try:
            read(getattr(s, name))
        except ValueError as error:
            problems.append(f"{variable(name)}: {error}")
    if not 0 <= s.simulator_pickup_seconds <= 7 * 86400:
        problems.append("COURIER_SIMULATOR_PICKUP_SECONDS must be between 0 and 604800")
    return problems


def _tariff_problems(s: Settings) -> list[str]:
    """Refuse a tariff file that cannot be read as a tariff (the default is always good)."""
    try:
        read_tariff(s.tariff_file)
    except ValueError as error:
        return [f"COURIER_TARIFF_FILE: {error}"]
    return []


def _secret_problems(s: Settings) -> list[str]:
    """Check secrets by their shape only: a message never repeats a secret's value."""
    problems = []
    try:
        decode_key(s.data_key)
    except InvalidDataKey as error:
        problems.append(f"{error} (make one with `courier new-key`)")
    if len(s.secret_key) < 16 and s.env != "production":  # production asks for more below
        problems.append("COURIER_SECRET_KEY must be at least 16 characters")
    if s.simulator_admin_token and len(s.simulator_admin_token) < MIN_TOKEN_LENGTH:
        problems.append(
            f"COURIER_SIMULATOR_ADMIN_TOKEN must be at least {MIN_TOKEN_LENGTH} characters"
        )
    return problems


def _sms_problems(s: Settings) -> list[str]:
    """Check the SMS settings; the API key by its presence only."""
    problems = []
    if s.sms not in SMS_MODES:
        problems.append(f"COURIER_SMS must be one of {', '.join(SMS_MODES)}")
    if s.sms == "http" and urlparse(s.sms_gateway_url).scheme not in ("http", "https"):
        problems.append("COURIER_SMS=http needs COURIER_SMS_GATEWAY_URL, an http(s) URL")
    if s.sms == "http" and not s.sms_api_key:
        problems.append("COURIER_SMS=http needs COURIER_SMS_API_KEY")
    if not 0 < s.sms_timeout <= 60:
        problems.append("COURIER_SMS_TIMEOUT must be more than 0 and at most 60 s")
    try:
        QuietHours.parse(s.sms_quiet_hours)
    except InvalidValue:
        problems.append("COURIER_SMS_QUIET_HOURS must look like 21:00-08:00 (China time) or off")
    return problems


def _production_problems(s: Settings) -> list[str]:
    """Refuse in production what is only safe on a developer's machine."""
    if s.env != "production":
        return []
    problems = [
        f"{variable(name)} must be set in production to a password of at least "
        f"{MIN_PASSWORD_LENGTH} characters that is not the documented default"
        for name, default in _passwords_in_use(s).items()
        if getattr(s, name) == default or len(getattr(s, name)) < MIN_PASSWORD_LENGTH
    ]
    if len(s.secret_key) < MIN_SECRET_KEY_LENGTH or _placeholder(s.secret_key):
        problems.append(
            f"COURIER_SECRET_KEY must be set in production to at least {MIN_SECRET_KEY_LENGTH} "
            "random characters (e.g. `openssl rand -hex 32`)"
        )
    if s.data_key and _placeholder(s.data_key):
        problems.append(
            "COURIER_DATA_KEY looks like a placeholder: make one with `courier new-key`"
        )
    if s.sms == "embedded":
        problems.append(
            "COURIER_SMS=embedded is for development only: in production set COURIER_SMS=http "
            "(with COURIER_SMS_GATEWAY_URL and COURIER_SMS_API_KEY) or COURIER_SMS=off"
        )
    if s.sms == "http" and urlparse(s.sms_gateway_url).scheme != "https":
        problems.append("COURIER_SMS_GATEWAY_URL must be an https URL in production")
    if s.is_embedded_simulator:
        problems.append(
            "COURIER_SIMULATOR=embedded is for development only: in production set "
            "COURIER_SIMULATOR=off and COURIER_CARRIER_ENDPOINT to the carrier"
        )
    return problems


def _passwords_in_use(s: Settings) -> dict[str, str]:
    """Return the passwords this carrier uses, each with its documented default.

    The EMS open platform client sends the authorization code instead of the SOAP password
    (checked in `_ems_open_problems`); the SOAP push route stays served on either carrier.
    """
    if s.carrier == "ems_open":
        return {"push_password": DEV_PUSH_PASSWORD}
    return DEV_PASSWORDS


def _ems_open_problems(s: Settings) -> list[str]:
    """Check the EMS open platform credentials by shape; production refuses the dev ones."""
    if s.carrier != "ems_open":
        return []
    problems = []
    if not s.ems_sender_no.isdigit():
        problems.append("COURIER_EMS_SENDER_NO must be the agreement customer number (digits)")
    if not _sixteen_bytes_base64(s.ems_sign_key):
        problems.append("COURIER_EMS_SIGN_KEY must be the signKey EMS issued: Base64 of 16 bytes")
    if s.env != "production":
        return problems
    if s.ems_sender_no == DEV_EMS_SENDER_NO:
        problems.append("COURIER_EMS_SENDER_NO must be set in production to the hall's number")
    auth = s.ems_authorization
    if auth == DEV_EMS_AUTHORIZATION or len(auth) < MIN_PASSWORD_LENGTH or _placeholder(auth):
        problems.append(
            "COURIER_EMS_AUTHORIZATION must be set in production to the authorization code "
            f"EMS issued (at least {MIN_PASSWORD_LENGTH} characters, not the documented default)"
        )
    if s.ems_sign_key == DEV_EMS_SIGN_KEY or _placeholder(s.ems_sign_key):
        problems.append(
            "COURIER_EMS_SIGN_KEY must be set in production to the signKey EMS issued, "
            "not the documented default"
        )
    return problems


def _sixteen_bytes_base64(text: str) -> bool:
    try:
        return len(base64.b64decode(text, validate=True)) == 16
    except (binascii.Error, ValueError):
        return False


def _placeholder(secret: str) -> bool:
    """Tell a typed-in placeholder ("xxxx…", "0000…") from a random secret."""
    return len(set(secret)) < 8
