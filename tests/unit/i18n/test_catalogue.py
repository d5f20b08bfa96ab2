"""The English catalogue says every key the code says, with the same fields, compiled as is."""

from __future__ import annotations

import re

import pytest

from courier.translations import TRANSLATED, compiled, extract, read

FIELDS = re.compile(r"\{(\w+)\}|%\((\w+)\)s")


@pytest.fixture(scope="module")
def keys() -> set[str]:
    return {m.id for m in extract() if m.id}  # type: ignore[misc]


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_key_the_code_says_is_in_the_catalogue_and_no_other(
    language: str, keys: set[str]
) -> None:
    catalogue = {m.id for m in read(language) if m.id}
    assert sorted(keys - catalogue) == [], "run `make translations` and translate the new keys"
    assert sorted(catalogue - keys) == [], "run `make translations` to drop keys no longer said"


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_key_is_translated_and_keeps_its_fields(language: str) -> None:
    untranslated, fields_changed = [], []
    for message in read(language):
        if not message.id:
            continue
        if not message.string or message.fuzzy:
            untranslated.append(message.id)
        elif _fields(message.id) != _fields(message.string):
            fields_changed.append((message.id, message.string))
    assert untranslated == []
    assert fields_changed == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_compiled_catalogue_is_the_catalogue(language: str) -> None:
    source = {(m.id, m.context): m.string for m in read(language) if m.id}
    shipped = {(m.id, m.context): m.string for m in compiled(language) if m.id}
    assert shipped == source, "run `make translations` to compile the catalogue"


def _fields(text: object) -> set[str]:
    return {a or b for a, b in FIELDS.findall(str(text))}
