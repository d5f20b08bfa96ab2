"""What a person reads on a label: the facts, masked personal data, reprint marking."""

from __future__ import annotations

import pytest

from labels import LabelSize, render_labels
from tests.unit.labels.support import RECEIVER, SENDER, make_label, page_texts


@pytest.fixture(scope="module", params=list(LabelSize))
def text(request: pytest.FixtureRequest) -> str:
    return page_texts(render_labels([make_label()], request.param))[0]


def test_label_shows_waybill_destination_sorting_code_and_materials(text: str) -> None:
    assert "1151238971060" in text
    assert "浙江杭州西湖" in text
    assert "571-A12" in text
    assert "杭州中心" in text
    assert "原件 5 件" in text
    assert "330106202405010001" in text


def test_label_shows_only_masked_names_and_phones(text: str) -> None:
    assert "欧**娜" in text and "131******07" in text
    assert "王*明" in text and "0571******21" in text
    for secret in (RECEIVER.name, RECEIVER.phone, SENDER.name, "87654321", "1234190"):
        assert secret not in text


def test_label_hides_the_unit_and_room_of_addresses(text: str) -> None:
    unwrapped = text.replace("\n", "")
    assert "文三路100号阳光小区****" in unwrapped
    assert "建国路88号****" in unwrapped
    for unit in ("3栋", "2单元", "501室", "B座", "1203"):
        assert unit not in unwrapped


def test_first_print_is_not_marked_as_reprint(text: str) -> None:
    assert "补打" not in text


@pytest.mark.parametrize("size", list(LabelSize))
def test_reprint_is_marked_补打(size: LabelSize) -> None:
    text = page_texts(render_labels([make_label(reprint=True)], size))[0]

    assert "补打" in text


def test_a_batch_prints_one_page_per_label_in_order() -> None:
    numbers = ["1151238971060", "9858638312956", "EA123456785CN"]

    texts = page_texts(render_labels([make_label(number) for number in numbers]))

    assert len(texts) == 3
    assert all(number in text for number, text in zip(numbers, texts, strict=True))


def test_an_empty_batch_is_refused() -> None:
    with pytest.raises(ValueError, match="no labels"):
        render_labels([])


def test_the_font_is_embedded_so_every_printer_shows_the_same_glyphs() -> None:
    pdf = render_labels([make_label()])

    assert b"/FontFile2" in pdf
    assert b"WenQuanYiMicroHei" in pdf


def test_name_and_address_characters_outside_gb2312_are_in_the_font() -> None:
    from reportlab.pdfbase.ttfonts import TTFontFile

    from labels.fonts import FONT_FILE

    covered = TTFontFile(str(FONT_FILE)).charToGlyph
    for character in "喆堃昇彧珺镕璟禤":
        assert ord(character) in covered, character
