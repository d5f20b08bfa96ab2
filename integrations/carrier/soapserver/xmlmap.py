"""Map between contract payload elements and plain Python values."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from lxml import etree

Fields = Mapping[str, Any]


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


def _append(parent: etree._Element, namespace: str, name: str, value: object) -> None:
    if value is None:
        return
    if isinstance(value, Sequence) and not isinstance(value, str):
        for item in value:
            _append(parent, namespace, name, item)
        return
    child = etree.SubElement(parent, f"{{{namespace}}}{name}")
    if isinstance(value, Mapping):
        for key, item in value.items():
            _append(child, namespace, key, item)
    else:
        child.text = _text(value)


def payload(namespace: str, name: str, fields: Fields) -> etree._Element:
    """Build `<name>` in `namespace` from a dict; lists repeat, None is left out."""
    root = etree.Element(f"{{{namespace}}}{name}", nsmap={None: namespace})
    for key, value in fields.items():
        _append(root, namespace, key, value)
    return root


def text(element: etree._Element, name: str, default: str = "") -> str:
    """Return the text of the direct child `name` (in the element's namespace)."""
    value = element.findtext(f"{{{etree.QName(element).namespace}}}{name}")
    return default if value is None else value.strip()


def child(element: etree._Element, name: str) -> etree._Element | None:
    return element.find(f"{{{etree.QName(element).namespace}}}{name}")


def children(element: etree._Element, name: str) -> list[etree._Element]:
    return list(element.findall(f"{{{etree.QName(element).namespace}}}{name}"))


def as_dict(element: etree._Element) -> dict[str, str]:
    """Return the simple children of `element` as {local name: text}."""
    return {etree.QName(c).localname: (c.text or "").strip() for c in element if len(c) == 0}
