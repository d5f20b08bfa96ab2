"""What a person reads on a label: the facts, the parties as given, reprint marking."""

from __future__ import annotations

import pymupdf
import pytest

from courier.ports.labels import LABEL_SIZES
from labels import LabelSize, PdfLabelRenderer, render_labels
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


def test_label_prints_the_already_masked_names_and_phones_as_given(text: str) -> None:
    for given in (RECEIVER.name, RECEIVER.phone, SENDER.name, SENDER.phone):
        assert given in text


def test_label_prints_region_and_the_masked_street_of_each_party(text: str) -> None:
    unwrapped = text.replace("\n", "")
    assert "浙江省杭州市西湖区文三路100号阳光小区****" in unwrapped
    assert "朝阳区政务服务中心　北京市朝阳区建国路88号****" in unwrapped


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


@pytest.mark.parametrize("size", LABEL_SIZES)
def test_the_renderer_prints_every_stock_the_port_names_at_its_size(size: str) -> None:
    pdf = PdfLabelRenderer().render_labels([make_label()], size)

    with pymupdf.open(stream=pdf, filetype="pdf") as document:  # type: ignore[no-untyped-call]
        page = document[0].rect
    width, height = (int(part) for part in size.split("x"))
    assert (round(page.width / 72 * 25.4), round(page.height / 72 * 25.4)) == (width, height)
