"""The handover list the hall and the postman sign."""

from __future__ import annotations

from datetime import datetime

import pytest

from courier.ports.labels import HandoverListData, HandoverParcel
from labels.handover import render_handover_list, rows_per_page
from tests.unit.labels.support import (
    CODE128,
    decode,
    domestic_numbers,
    page_texts,
    rasterize,
    s10_numbers,
)

NUMBERS = domestic_numbers(24) + s10_numbers(6)


def _handover(numbers: list[str]) -> HandoverListData:
    parcels = [HandoverParcel(n, "杭州市市场监督管理局", i % 4 + 1) for i, n in enumerate(numbers)]
    return HandoverListData("西湖区政务服务中心", datetime(2024, 5, 1, 15, 0), parcels)


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return render_handover_list(_handover(NUMBERS))


def test_a_long_list_continues_on_further_pages(pdf: bytes) -> None:
    texts = page_texts(pdf)

    assert len(texts) == -(-len(NUMBERS) // rows_per_page())
    assert all(f"第 {n} / {len(texts)} 页" in text for n, text in enumerate(texts, 1))


def test_every_page_has_signature_boxes_for_hall_staff_and_postman(pdf: bytes) -> None:
    for text in page_texts(pdf):
        assert "大厅经办人签字" in text and "揽收投递员签字" in text
        assert "西湖区政务服务中心" in text and "2024-05-01 15:00" in text


def test_the_last_page_totals_parcels_and_materials(pdf: bytes) -> None:
    materials = sum(i % 4 + 1 for i in range(len(NUMBERS)))

    assert f"合计：邮件 {len(NUMBERS)} 件，材料 {materials} 件" in page_texts(pdf)[-1]


def test_every_row_barcode_decodes_to_its_waybill(pdf: bytes) -> None:
    decoded = [
        symbol.text
        for image in rasterize(pdf)
        for symbol in decode(image)
        if symbol.format == CODE128
    ]

    assert decoded == NUMBERS


def test_an_empty_handover_is_refused() -> None:
    with pytest.raises(ValueError, match="no parcels"):
        render_handover_list(_handover([]))
