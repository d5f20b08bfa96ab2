"""Web hardening: security headers, CSRF, sign-in throttling and safe redirects."""

from __future__ import annotations

import logging
import math
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import urlsplit

from flask import Flask, current_app, request, session
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFProtect
from limits import RateLimitItem, parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter, RateLimiter
from redis.exceptions import RedisError
from werkzeug.exceptions import ServiceUnavailable, TooManyRequests
from werkzeug.wrappers import Response

from courier.config import ConfigError, Settings
from courier.domain.text import Text
from courier.storage.sessions import SqlStaffSessions

log = logging.getLogger(__name__)
T = TypeVar("T")

# No inline scripts or styles anywhere: templates load courier.css and *.js from /static.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
HSTS = "max-age=31536000; includeSubDomains"


def init_security(app: Flask, settings: Settings, sessions: SqlStaffSessions) -> None:
    """Register headers, CSRF, the sign-in throttle and the session store on this app."""
    app.config.update(SESSION_COOKIE_SECURE=_served_over_https(settings))
    app.extensions["courier_sessions"] = sessions
    app.extensions["courier_signin_throttle"] = SignInThrottle(app, settings)
    app.extensions["courier_public_lookups"] = PublicLookupGuard(app, settings)
    _init_csrf(app)
    app.after_request(_add_headers)


def _served_over_https(settings: Settings) -> bool:
    return settings.env == "production" or settings.public_base_url.startswith("https:")


def staff_sessions() -> SqlStaffSessions:
    return current_app.extensions["courier_sessions"]  # type: ignore[no-any-return]


def signin_throttle() -> SignInThrottle:
    return current_app.extensions["courier_signin_throttle"]  # type: ignore[no-any-return]


def client_address() -> str:
    return request.remote_addr or ""


def _add_headers(response: Response) -> Response:
    headers = response.headers
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("X-Frame-Options", "DENY")
    # CSP only where a document is rendered: it would also stop browsers' PDF viewers.
    if response.mimetype == "text/html":
        headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    if request.is_secure or current_app.config["SESSION_COOKIE_SECURE"]:
        headers.setdefault("Strict-Transport-Security", HSTS)
    return response


def _init_csrf(app: Flask) -> None:
    # The hidden field keeps its old name "csrf"; we decide per request below what to check.
    app.config.update(
        WTF_CSRF_FIELD_NAME="csrf", WTF_CSRF_CHECK_DEFAULT=False, WTF_CSRF_TIME_LIMIT=None
    )
    csrf = CSRFProtect(app)

    @app.before_request
    def protect() -> None:
        if request.method not in app.config["WTF_CSRF_METHODS"] or not _needs_csrf():
            return
        csrf.protect()


def _needs_csrf() -> bool:
    """Check every browser post; only cookie-less API calls (HTTP Basic) and the carrier skip."""
    if request.blueprint in ("carrier_push", "carrier_push_ems_open"):
        return False  # from the carrier: a UsernameToken, or a body signed with our signKey
    return not (request.path.startswith("/api/") and not session.get("sid"))


def safe_next(target: str) -> str:
    """Return target if it is a path on this site, else "/" (no open redirects)."""
    if not target.startswith("/") or target.startswith(("//", "/\\")):
        return "/"
    if any(c == "\\" or c.isspace() or unicodedata.category(c)[0] == "C" for c in target):
        return "/"
    parts = urlsplit(target)
    return "/" if parts.scheme or parts.netloc else target


class SignInThrottled(TooManyRequests):
    """Too many failed sign-ins for this username or from this address."""

    def __init__(self, retry_after: int) -> None:
        minutes = max(1, math.ceil(retry_after / 60))
        super().__init__(
            Text("登录失败次数过多，请 {minutes} 分钟后再试。", minutes=minutes),
            retry_after=retry_after,
        )


class SignInThrottle:
    """Count failed sign-ins per username and per client address; refuse while over a limit.

    Only failures count, so a member of staff who signs in often is never locked out.
    """

    def __init__(self, app: Flask, settings: Settings) -> None:
        limiter = Limiter(
            get_remote_address,
            app=app,
            storage_uri=settings.redis_url or "memory://",
            strategy="moving-window",
            key_prefix="courier-signin",
        )
        self._shared = limiter.limiter
        # While Redis is unreachable, count in this process rather than stop signing in.
        self._fallback = MovingWindowRateLimiter(MemoryStorage())
        try:
            self._per_account = parse(settings.signin_account_limit)
            self._per_address = parse(settings.signin_address_limit)
        except ValueError as error:
            raise ConfigError(f"COURIER_SIGNIN_*_LIMIT: {error}") from None

    def _limits(self, username: str, address: str) -> list[tuple[RateLimitItem, str, str]]:
        return [
            (self._per_account, "account", username.strip().lower()),
            (self._per_address, "address", address),
        ]

    def check(self, username: str, address: str) -> None:
        """Raise SignInThrottled while this username or address has failed too often."""
        try:
            self._check(self._shared, username, address)
        except (RedisError, OSError) as error:
            self._storage_failed(error)
            self._check(self._fallback, username, address)

    def failed(self, username: str, address: str) -> None:
        try:
            self._hit(self._shared, username, address)
        except (RedisError, OSError) as error:
            self._storage_failed(error)
            self._hit(self._fallback, username, address)

    def _check(self, windows: RateLimiter, username: str, address: str) -> None:
        for limit, kind, key in self._limits(username, address):
            if not windows.test(limit, kind, key):
                reset = windows.get_window_stats(limit, kind, key).reset_time
                raise SignInThrottled(max(1, math.ceil(reset - time.time())))

    def _hit(self, windows: RateLimiter, username: str, address: str) -> None:
        for limit, kind, key in self._limits(username, address):
            windows.hit(limit, kind, key)

    @staticmethod
    def _storage_failed(error: Exception) -> None:
        log.warning("sign-in throttle storage unavailable: %s", type(error).__name__)


class LookupThrottled(TooManyRequests):
    """Too many public tracking lookups from this address or for this case or waybill."""

    def __init__(self, retry_after: int) -> None:
        minutes = max(1, math.ceil(retry_after / 60))
        super().__init__(
            Text("查询过于频繁，请 {minutes} 分钟后再试。", minutes=minutes),
            retry_after=retry_after,
        )


class LookupUnavailable(ServiceUnavailable):
    """The lookup counters cannot be reached: refuse rather than look up unlimited."""

    description = Text("查询服务暂时不可用，请稍后再试。")


@dataclass(frozen=True)
class LookupLimits:
    per_address: str = "30 per 10 minutes"
    per_subject: str = "20 per 10 minutes"  # one case number or one waybill
    misses_per_case: str = "5 per 15 minutes"  # wrong tails before the case answers only misses


def public_lookups() -> PublicLookupGuard:
    return current_app.extensions["courier_public_lookups"]  # type: ignore[no-any-return]


class PublicLookupGuard:
    """Count public lookups per client address and per case number or waybill."""

    def __init__(self, app: Flask, settings: Settings, limits: LookupLimits | None = None) -> None:
        limiter = Limiter(
            get_remote_address,
            app=app,
            storage_uri=settings.redis_url or "memory://",
            strategy="moving-window",
            key_prefix="courier-public",
        )
        self._windows = limiter.limiter
        limits = limits or LookupLimits()
        self._per_address = parse(limits.per_address)
        self._per_subject = parse(limits.per_subject)
        self._misses = parse(limits.misses_per_case)

    def admit(self, address: str, subject: str) -> None:
        """Count one lookup; raise LookupThrottled when the address or the subject is over."""
        self._count(self._per_address, "address", address)
        self._count(self._per_subject, "subject", subject)

    def _count(self, limit: RateLimitItem, kind: str, key: str) -> None:
        if not self._guarded(lambda: self._windows.hit(limit, kind, key)):
            reset = self._guarded(lambda: self._windows.get_window_stats(limit, kind, key))
            raise LookupThrottled(max(1, math.ceil(reset.reset_time - time.time())))

    def locked(self, case_number: str) -> bool:
        """Tell whether this case number had too many wrong tails lately."""
        return not self._guarded(lambda: self._windows.test(self._misses, "miss", case_number))

    def missed(self, case_number: str) -> None:
        self._guarded(lambda: self._windows.hit(self._misses, "miss", case_number))

    @staticmethod
    def _guarded(count: Callable[[], T]) -> T:
        try:
            return count()
        except (RedisError, OSError) as error:
            log.warning("public lookup counters unavailable: %s", type(error).__name__)
            raise LookupUnavailable() from None
