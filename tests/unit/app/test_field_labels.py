"""Page errors speak of fields and failures in words."""

from __future__ import annotations

from courier.app.field_labels import field_label, page_title


def test_a_nested_field_path_is_named_in_words() -> None:
    assert field_label("applicant.address.street") == "申请人 · 地址 · 详细地址"
    assert field_label("items.2.state") == "材料确认 · 第 3 项 · 材料状态"


def test_an_unknown_field_is_never_shown_by_its_raw_name() -> None:
    assert field_label("biz_product_no") == "该项"
    assert field_label("") == "该项"


def test_an_error_page_is_headed_in_words_not_by_its_status_number() -> None:
    assert page_title(422) == "填写有误" and page_title(409) == "暂不能办理"
    assert page_title(418) == "无法完成该操作"
