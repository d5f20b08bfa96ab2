"""The safe parser refuses hostile XML without reading anything outside the message."""

from __future__ import annotations

from pathlib import Path

import pytest

from integrations.carrier.soapserver import SoapFault, parse_untrusted


def refusal(data: bytes, **limits: int) -> SoapFault:
    with pytest.raises(SoapFault) as raised:
        parse_untrusted(data, **limits)
    return raised.value


def test_plain_xml_parses_without_comments_or_processing_instructions():
    root = parse_untrusted(b"<a><!-- note --><?pi x?><b>1</b></a>")

    assert [child.tag for child in root] == ["b"]


def test_an_xxe_to_a_local_file_is_refused_and_leaks_nothing(tmp_path: Path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    xml = f'<!DOCTYPE r [<!ENTITY x SYSTEM "file://{secret}">]><r>&x;</r>'.encode()

    fault = refusal(xml)

    assert (fault.code, fault.faultcode) == ("B0001", "Client")
    assert "TOP-SECRET" not in fault.message


def test_a_billion_laughs_is_refused():
    levels = "".join(f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    xml = f'<!DOCTYPE r [<!ENTITY l0 "lol">{levels}]><r>&l9;</r>'.encode()

    assert refusal(xml).code == "B0001"


def test_an_internal_dtd_without_entities_is_still_refused():
    assert "DTD" in refusal(b"<!DOCTYPE r [<!ELEMENT r ANY>]><r/>").message


def test_an_undeclared_entity_is_refused():
    assert refusal(b"<r>&nope;</r>").code == "B0001"


def test_nesting_deeper_than_the_cap_is_refused():
    xml = b"<a>" * 30 + b"</a>" * 30

    assert "deeper than 20" in refusal(xml, max_depth=20).message
    parse_untrusted(xml, max_depth=30)


def test_a_message_over_the_size_cap_is_refused_before_parsing():
    assert "larger than 100 bytes" in refusal(b"<a>" + b"x" * 200 + b"</a>", max_bytes=100).message


@pytest.mark.parametrize("data", [b"", b"   ", b"not xml", b"<a>"])
def test_empty_or_broken_xml_is_refused(data: bytes):
    assert refusal(data).code == "B0001"
