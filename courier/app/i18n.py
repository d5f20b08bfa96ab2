"""Pages and answers in the reader's language: zh-CN unless they chose English.

The catalogue keys are the Chinese words themselves (`courier.translations`), so Chinese needs
no catalogue and a missing translation falls back to Chinese, never to a key. Staff choose a
language with the switch in the page header (kept on their account); applicants with the same
switch (kept in their session); API clients with `Accept-Language`.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, redirect, request, session
from flask_babel import Babel, get_locale, get_translations
from werkzeug.wrappers import Response

from courier.app.auth import current_account_id
from courier.app.context import courier
from courier.app.security import safe_next
from courier.domain.text import LANGUAGE_NAMES, LANGUAGES, Text
from courier.services.accounts import set_language
from courier.translations import CATALOGUE_DIR

DEFAULT = "zh_CN"
HTML_LANG = {"zh_CN": "zh-CN", "en": "en"}

language = Blueprint("language", __name__)


def init_i18n(app: Flask) -> None:
    """Install the catalogue; call before anything touches `app.jinja_env`."""
    app.jinja_options = {**app.jinja_options, "finalize": _finalize}
    Babel(
        app,
        locale_selector=chosen_language,
        default_locale=DEFAULT,
        default_timezone="Asia/Shanghai",
        default_translation_directories=str(CATALOGUE_DIR),
    )
    app.jinja_env.policies["ext.i18n.trimmed"] = True
    app.register_blueprint(language)
    app.context_processor(_page_language)


def chosen_language() -> str:
    """Return the reader's language: the session's choice, then (API only) Accept-Language."""
    chosen = session.get("lang")
    if chosen in LANGUAGES:
        return str(chosen)
    if request.path.startswith("/api/"):
        asked = request.accept_languages.best_match(["zh", "zh-CN", "en"], default="zh")
        return "en" if asked == "en" else DEFAULT
    return DEFAULT


def say(text: str) -> str:
    """Say `text` in the reader's language (a plain `str` is shown as it is)."""
    if not isinstance(text, Text):
        return text
    catalogue = get_translations()
    if text.context:
        said = catalogue.upgettext(text.context, text.msgid)
    else:
        said = catalogue.ugettext(text.msgid)
    if not text.params:
        return str(said)
    return str(said).format(**{name: say(value) for name, value in text.params.items()})


def _finalize(value: Any) -> Any:
    """Every `{{ … }}` of a template says a `Text` in the reader's language."""
    return say(value) if isinstance(value, Text) else value


def _page_language() -> dict[str, object]:
    current = str(get_locale() or DEFAULT)
    other = "en" if current != "en" else DEFAULT
    return {
        "html_lang": HTML_LANG.get(current, "zh-CN"),
        "other_language": other,
        "language_names": LANGUAGE_NAMES,
    }


@language.post("/language")
def choose() -> Response:
    """Switch the pages to the chosen language; staff keep the choice on their account."""
    chosen = request.form.get("language", "")
    if chosen in LANGUAGES:
        session["lang"] = chosen
        account_id = current_account_id()
        if account_id is not None:
            set_language(courier().uow(), account_id, chosen)
    return redirect(safe_next(request.form.get("next", "")))
