"""Our QR encoder produces symbols a real decoder reads, for every supported length."""

from __future__ import annotations

import numpy as np
import pytest

from labels.qr import qr_matrix
from tests.unit.labels.support import QR_CODE, decode

URL = "https://courier.example.gov.cn/t/" + "1151238971060" * 20


def _image(matrix: list[list[bool]]) -> np.ndarray:
    """Draw the matrix 4 pixels per module with a 4-module quiet zone."""
    modules = np.pad(np.where(np.array(matrix), 0, 255).astype(np.uint8), 4, constant_values=255)
    return np.kron(modules, np.ones((4, 4), dtype=np.uint8))


@pytest.mark.parametrize("length", [1, 14, 15, 26, 27, 42, 43, 62, 63, 84, 106, 122, 152, 180, 213])
def test_every_version_decodes_to_its_text(length: int) -> None:
    text = URL[:length]

    symbols = decode(_image(qr_matrix(text)))

    assert [(s.format, s.text) for s in symbols] == [(QR_CODE, text)]


def test_chinese_text_is_encoded_as_utf8_bytes() -> None:
    symbols = decode(_image(qr_matrix("查件 1151238971060")))

    assert symbols[0].text == "查件 1151238971060"


def test_text_beyond_version_10_is_refused() -> None:
    with pytest.raises(ValueError, match="too long"):
        qr_matrix("x" * 214)
