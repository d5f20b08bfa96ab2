"""The message catalogues: every sentence of the pages and answers, in each language but Chinese.

Keys are the Chinese sentences as the code writes them (`Text("…")` in Python, `_("…")` and
`{% trans %}` in templates), so zh-CN needs no catalogue. `python -m courier.translations`
(`make translations`) extracts the keys, adds new ones to each catalogue and compiles it;
`tests/unit/i18n/test_catalogue.py` fails while a key has no translation or a compiled
catalogue is stale.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

CATALOGUE_DIR = Path(__file__).parent
SOURCE_DIR = CATALOGUE_DIR.parent
TRANSLATED = ("en",)
KEYWORDS = {**DEFAULT_KEYWORDS, "Text": None, "in_context": ((1, "c"), 2), "N_": None}
# tracking/ is pure and has no catalogue: its words (marked N_) are said through this one.
TRACKING_DIR = SOURCE_DIR.parent / "tracking"
METHODS = [
    ("storage/migrations/**", "ignore"),
    ("**.py", "python"),
    ("app/templates/**.html", "jinja2.ext:babel_extract"),
]
OPTIONS = {"app/templates/**.html": {"trimmed": "true"}}
SINCE = datetime(2026, 12, 3, tzinfo=UTC)  # a fixed header keeps the catalogue's diff to the keys


def po_path(language: str) -> Path:
    return CATALOGUE_DIR / language / "LC_MESSAGES" / "messages.po"


def extract() -> Catalog:
    """Return every key the code says, with where it says it."""
    template = Catalog(project="Courier")
    found: Iterator[tuple[str, int, str | tuple[str, ...], list[str], str | None]]
    found = extract_from_dir(SOURCE_DIR, METHODS, OPTIONS, keywords=KEYWORDS)
    for filename, lineno, message, comments, context in found:
        where = [(f"courier/{filename}", lineno)]
        template.add(message, None, where, auto_comments=comments, context=context)
    for filename, lineno, message, comments, _ in extract_from_dir(
        TRACKING_DIR, [("**.py", "python")], keywords={"N_": None}
    ):
        template.add(message, None, [(f"tracking/{filename}", lineno)], auto_comments=comments)
    return template


def read(language: str) -> Catalog:
    with po_path(language).open("rb") as source:
        return read_po(source, locale=language)


def compiled(language: str) -> Catalog:
    with po_path(language).with_suffix(".mo").open("rb") as source:
        return read_mo(source)


def mo_bytes(catalogue: Catalog) -> bytes:
    out = BytesIO()
    write_mo(out, catalogue)
    return out.getvalue()


def update() -> None:
    """Add new keys to each catalogue (keeping what is translated), drop gone ones, compile."""
    template = extract()
    for language in TRANSLATED:
        path = po_path(language)
        if path.exists():
            catalogue = read(language)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            catalogue = Catalog(
                locale=language, project="Courier", version="1", copyright_holder="Courier",
                msgid_bugs_address="", creation_date=SINCE, revision_date=SINCE,
                last_translator="Courier", language_team="", fuzzy=False,
                header_comment=f"# Courier's pages and answers in {language}.",
            )  # fmt: skip
        catalogue.update(template, no_fuzzy_matching=True, update_creation_date=False)
        catalogue.obsolete.clear()
        write(language, catalogue)


def write(language: str, catalogue: Catalog) -> None:
    """Write the catalogue sorted, with file names, no line numbers (stable diffs); compile it."""
    path = po_path(language)
    with path.open("wb") as out:
        write_po(out, catalogue, width=100, sort_output=True, include_lineno=False)
    path.with_suffix(".mo").write_bytes(mo_bytes(read(language)))
