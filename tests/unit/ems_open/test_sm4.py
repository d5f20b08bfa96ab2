"""The platform's SM4 body encryption, checked against its published vector."""

from __future__ import annotations

import pytest

from integrations.carrier.ems_open.sm4 import BodyUnreadable, decrypt, encrypt
from tests.unit.ems_open.samples import VECTOR_BODY, VECTOR_CIPHERTEXT, VECTOR_SIGN_KEY

OTHER_KEY = "Y291cmllci1lbXMtZGV2IQ=="


def test_the_published_vector_encrypts_to_the_published_ciphertext() -> None:
    assert encrypt(VECTOR_BODY, VECTOR_SIGN_KEY) == VECTOR_CIPHERTEXT


def test_the_published_ciphertext_decrypts_to_the_body_without_the_sign_key() -> None:
    assert decrypt(VECTOR_CIPHERTEXT, VECTOR_SIGN_KEY) == VECTOR_BODY


def test_chinese_bodies_survive_the_round_trip() -> None:
    body = '[{"name":"张小明","address":"保俶路88号"}]'
    assert decrypt(encrypt(body, OTHER_KEY), OTHER_KEY) == body


def test_a_body_encrypted_under_another_key_is_refused() -> None:
    with pytest.raises(BodyUnreadable):
        decrypt(encrypt(VECTOR_BODY, OTHER_KEY), VECTOR_SIGN_KEY)


@pytest.mark.parametrize(
    "text",
    ["efB6PnjDpgHG4xfrvYlX", "|$4|not base64!", "|$4|AAAA", ""],
    ids=["no marker", "not base64", "not whole blocks", "empty"],
)
def test_text_that_is_not_an_encrypted_body_is_refused(text: str) -> None:
    with pytest.raises(BodyUnreadable):
        decrypt(text, VECTOR_SIGN_KEY)


def test_a_sign_key_that_is_not_base64_of_16_bytes_is_refused() -> None:
    with pytest.raises(ValueError, match="16 bytes"):
        encrypt(VECTOR_BODY, "c2hvcnQ=")
