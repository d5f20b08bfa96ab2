"""Password hashing with the standard library's scrypt."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

_N, _R, _P = 2**14, 8, 1


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return "scrypt$" + base64.b64encode(salt + digest).decode("ascii")


def check_password(password: str, stored: str) -> bool:
    scheme, _, encoded = stored.partition("$")
    if scheme != "scrypt":
        return False
    raw = base64.b64decode(encoded)
    digest = hashlib.scrypt(password.encode(), salt=raw[:16], n=_N, r=_R, p=_P, dklen=32)
    return hmac.compare_digest(digest, raw[16:])


# A well-formed hash of no known password: unknown usernames are checked against it, so
# they cost the same scrypt work as known ones and do not stand out by timing.
DUMMY_HASH = "scrypt$T9dQQ37bFREGC0uN3OuFfS5Kbv5FKo1a+GmsKXf1g2gtjGwQ6W3B/51oiN5Ms2IB"
