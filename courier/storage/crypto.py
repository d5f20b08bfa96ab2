"""Encryption of sensitive fields at rest and keyed hashes for looking them up."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

_PREFIX = "v1:"


class InvalidDataKey(ValueError):
    """The configured data key is not 32 bytes of url-safe base64."""


def _derive(key: bytes, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose).derive(key)


def decode_key(text: str) -> bytes:
    """Return the 32-byte key from its url-safe base64 form."""
    try:
        key = base64.urlsafe_b64decode(text.encode("ascii") + b"=" * (-len(text) % 4))
    except (ValueError, UnicodeEncodeError):
        raise InvalidDataKey("COURIER_DATA_KEY is not url-safe base64") from None
    if len(key) != 32:
        raise InvalidDataKey("COURIER_DATA_KEY must decode to 32 bytes")
    return key


def new_key() -> str:
    """Return a fresh data key in its configuration form."""
    return base64.urlsafe_b64encode(os.urandom(32)).decode("ascii").rstrip("=")


class FieldCipher:
    """AES-GCM for sensitive text and HMAC-SHA256 for equality lookups, from one key."""

    def __init__(self, key: bytes) -> None:
        self._aead = AESGCM(_derive(key, b"courier field encryption"))
        self._mac_key = _derive(key, b"courier lookup hash")

    def encrypt(self, plaintext: str) -> str:
        nonce = os.urandom(12)
        sealed = self._aead.encrypt(nonce, plaintext.encode("utf-8"), None)
        return _PREFIX + base64.b64encode(nonce + sealed).decode("ascii")

    def decrypt(self, token: str) -> str:
        if not token.startswith(_PREFIX):
            raise ValueError("not an encrypted field value")
        raw = base64.b64decode(token[len(_PREFIX) :])
        return self._aead.decrypt(raw[:12], raw[12:], None).decode("utf-8")

    def lookup_hash(self, value: str, purpose: str) -> str:
        """Return a keyed hash of value; purpose keeps hashes of different fields apart."""
        message = f"{purpose}\x00{value}".encode()
        return hmac.new(self._mac_key, message, hashlib.sha256).hexdigest()
