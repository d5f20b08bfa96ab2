"""The platform's body encryption: SM4-ECB with PKCS#7 over the JSON body and the signKey."""

from __future__ import annotations

import base64
import binascii

from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

MARKER = "|$4|"
_BLOCK_BITS = 128


class BodyUnreadable(ValueError):
    """An encrypted body that is not `|$4|` + Base64 of SM4 under our key."""


def _cipher(sign_key: str) -> Cipher[modes.ECB]:
    try:
        key = base64.b64decode(sign_key, validate=True)
        return Cipher(algorithms.SM4(key), modes.ECB())
    except (binascii.Error, ValueError) as exc:
        raise ValueError("the signKey must be the Base64 of 16 bytes") from exc


def encrypt(body: str, sign_key: str) -> str:
    """Return `|$4|` + Base64(SM4-ECB-PKCS#7(body + signKey)), key = Base64-decoded signKey."""
    padder = padding.PKCS7(_BLOCK_BITS).padder()
    plain = padder.update((body + sign_key).encode()) + padder.finalize()
    encryptor = _cipher(sign_key).encryptor()
    return MARKER + base64.b64encode(encryptor.update(plain) + encryptor.finalize()).decode()


def decrypt(text: str, sign_key: str) -> str:
    """Return the JSON body of an encrypted text; raise BodyUnreadable for anything else."""
    if not text.startswith(MARKER):
        raise BodyUnreadable(f"the body does not start with {MARKER}")
    try:
        cipher_bytes = base64.b64decode(text[len(MARKER) :], validate=True)
        decryptor = _cipher(sign_key).decryptor()
        padded = decryptor.update(cipher_bytes) + decryptor.finalize()
        unpadder = padding.PKCS7(_BLOCK_BITS).unpadder()
        plain = (unpadder.update(padded) + unpadder.finalize()).decode()
    except (binascii.Error, ValueError, UnicodeDecodeError) as exc:
        raise BodyUnreadable("the body does not decrypt under this signKey") from exc
    if not plain.endswith(sign_key):
        raise BodyUnreadable("the body was not signed with this signKey")
    return plain[: -len(sign_key)]
