"""Words shown to people: written in Chinese, said in another language where the reader chose one.

A `Text` is the Chinese sentence itself (it is a `str`, so it can be stored, compared, logged and
sent to the case system as it is), and it remembers the catalogue key and the values put into it,
so that a page or an API answer can say it again in the reader's language (`courier.app.i18n`).
The catalogue extracts every `Text("…")` literal; values are put in with `{name}` fields.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class Text(str):
    """A sentence for people: `Text("原件尚未签收（{status}）", status=…)`."""

    msgid: str
    params: Mapping[str, Any]
    context: str | None = None

    def __new__(cls, msgid: str, /, **params: Any) -> Text:
        said = msgid.format(**params) if params else msgid
        text = super().__new__(cls, said)
        text.msgid = msgid
        text.params = params
        return text


def in_context(context: str, msgid: str, /, **params: Any) -> Text:
    """A `Text` whose words mean something else elsewhere: `in_context("audit", "查看办件")`
    is what the operation log calls a view ("Case viewed"), not the button ("View a case")."""
    text = Text(msgid, **params)
    text.context = context
    return text


LANGUAGES = ("zh_CN", "en")
LANGUAGE_NAMES = {"zh_CN": "中文", "en": "English"}  # said as is: each in its own language
