"""No Chinese word reaches a page or an answer without going through the catalogue.

Templates: every Chinese word is inside `_("…")`, `gettext`/`ngettext` or `{% trans %}`.
Python: every Chinese string is the first argument of `Text(…)` (or `_`/`gettext`), or a docstring,
or on a line that says why it is `# said as is: …` (a language's own name); modules whose Chinese
is data, not words for readers, are listed in KEPT_AS_DATA.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from jinja2 import Environment

import courier

SOURCE = Path(courier.__file__).parent
TEMPLATES = SOURCE / "app" / "templates"
CHINESE = re.compile(r"[\u3400-\u9fff\uff01-\uff5e\u3000-\u303f]")
CALLS = {"Text", "in_context", "_", "gettext", "ngettext", "lazy_gettext", "pgettext"}
TWO_WORDS = {"ngettext", "pgettext", "in_context"}  # (singular, plural) or (context, words)

# Chinese that is data and is shown as it is in every language (with the reason).
KEPT_AS_DATA = {
    "demo.py": "the demo's cases, people and places",
    "demo_post.py": "the demo's stand-in post counter: carrier events as a carrier says them",
    "domain/divisions.py": "GB/T 2260 place names",
    "app/openapi_examples.py": "the API document's example people, places and matters",
}


def _python_files() -> list[str]:
    return sorted(
        str(p.relative_to(SOURCE))
        for p in SOURCE.rglob("*.py")
        if "migrations" not in p.parts and str(p.relative_to(SOURCE)) not in KEPT_AS_DATA
    )


def _template_files() -> list[str]:
    return sorted(str(p.relative_to(SOURCE)) for p in TEMPLATES.rglob("*.html"))


def untranslated_in_python(source: str) -> list[tuple[int, str]]:
    tree = ast.parse(source)
    allowed: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = body[0] if body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                allowed.add(id(first.value))
        if isinstance(node, ast.Call) and _called(node) in CALLS and node.args:
            for arg in node.args[:2] if _called(node) in TWO_WORDS else node.args[:1]:
                allowed.update(id(n) for n in ast.walk(arg) if isinstance(n, ast.Constant))
    lines = source.splitlines()
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            as_is = "# said as is: " in lines[node.lineno - 1]
            if id(node) not in allowed and not as_is and CHINESE.search(node.value):
                found.append((node.lineno, node.value))
    return sorted(found)


def _called(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else ""


def untranslated_in_template(source: str) -> list[tuple[int, str]]:
    env = Environment(extensions=["jinja2.ext.i18n"])
    found: list[tuple[int, str]] = []
    calls: list[str] = []
    in_trans, previous, previous_name = False, "", ""
    for lineno, kind, value in env.lex(source):
        if kind == "name" and previous == "block_begin" and value in ("trans", "pluralize"):
            in_trans = True
        if kind == "name" and previous == "block_begin" and value == "endtrans":
            in_trans = False
        if kind == "operator" and value == "(":
            calls.append(previous_name if previous == "name" else "")
        if kind == "operator" and value == ")" and calls:
            calls.pop()
        said_through_catalogue = in_trans or any(name in CALLS for name in calls)
        if kind in ("data", "string") and CHINESE.search(value) and not said_through_catalogue:
            found.append((lineno, value.strip()[:40]))
        if kind not in ("whitespace",):
            previous_name = value if kind == "name" else ""
            previous = kind
    return found


@pytest.mark.parametrize("path", _python_files())
def test_python_says_chinese_only_through_the_catalogue(path: str) -> None:
    assert untranslated_in_python((SOURCE / path).read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("path", _template_files())
def test_templates_say_chinese_only_through_the_catalogue(path: str) -> None:
    assert untranslated_in_template((SOURCE / path).read_text(encoding="utf-8")) == []


def test_the_checks_find_what_they_look_for() -> None:
    assert untranslated_in_python('x = "办件"\ny = Text("办件")\n') == [(1, "办件")]
    assert untranslated_in_python('f"共 {n} 件"') != []
    assert untranslated_in_template('<p>办件</p>{{ _("办件") }}') == [(1, "<p>办件</p>")]
    assert untranslated_in_template('{{ field("姓名") }}') == [(1, '"姓名"')]
    assert untranslated_in_python('NAMES = {"zh_CN": "中文"}  # said as is: its own name\n') == []
    inside = '{{ field(_("姓名")) }}{% trans %}共 {{ n }} 件{% endtrans %}'
    assert untranslated_in_template(inside) == []
    comment_and_attribute = '{# 注释 #}\n<input placeholder="例如">'
    assert untranslated_in_template(comment_and_attribute) == [(1, '<input placeholder="例如">')]
