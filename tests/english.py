"""Read a page as an English reader: the Chinese left on it that is not data (names, places…)."""

from __future__ import annotations

import ast
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import courier

SOURCE = Path(courier.__file__).parent
RUN = re.compile(r"[\u3400-\u9fff]+")
# Modules whose strings are data: the demo's people and places, and what the carrier says.
DATA_MODULES = (
    "courier/demo.py",
    "courier/demo_post.py",
    "integrations/carrier/simulator/scenarios.py",
)
SHOWN_ATTRIBUTES = {"placeholder", "title", "aria-label", "alt", "value", "content"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


def chinese_words(html: str, data: tuple[str, ...] = ()) -> list[str]:
    """Return each run of Chinese characters on the page that is not demo data or `data`."""
    reader = _Reader()
    reader.feed(html)
    corpus = _demo_data() + "\n".join(data)
    return [run for chunk in reader.shown for run in RUN.findall(chunk) if run not in corpus]


@cache
def _demo_data() -> str:
    """Every string the demo stores (people, places, matters, materials) and GB/T 2260 names."""
    said = [
        node.value
        for module in DATA_MODULES
        for node in ast.walk(ast.parse((SOURCE.parent / module).read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]
    places = (SOURCE / "domain" / "data" / "gb2260.tsv").read_text(encoding="utf-8")
    return "\n".join([*said, *_demo_places(), places])


def _demo_places() -> list[str]:
    """The demo's addresses as pages join them (北京市北京市东城区): data, shown as it is."""
    from courier.demo import CASES, DEPARTMENTS, HALLS

    addresses = [org["address"] for org in (*HALLS, *DEPARTMENTS)]
    applicants = [case["applicant"] for case, _ in CASES]
    addresses += [applicant["address"] for applicant in applicants if "address" in applicant]
    return [a["province"] + a["city"] + a["county"] for a in addresses]


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.shown: list[str] = []
        self._hidden = 0
        self._chinese: list[str] = []  # open elements marked lang="zh…": Chinese on purpose

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._hidden += 1
        named = dict(attrs)
        # A page's own lang does not count: a page left in Chinese must show its Chinese.
        chinese_part = tag != "html" and (named.get("lang") or "").startswith("zh")
        if chinese_part or self._chinese:
            if tag not in VOID:
                self._chinese.append(tag)  # e.g. the switch back to 中文
            return
        for name, value in attrs:
            button = name == "value" and named.get("type") in ("submit", "button")
            if value and (button or (name in SHOWN_ATTRIBUTES and name != "value")):
                self.shown.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._hidden:
            self._hidden -= 1
        if self._chinese and self._chinese[-1] == tag:
            self._chinese.pop()

    def handle_data(self, data: str) -> None:
        if not self._hidden and not self._chinese:
            self.shown.append(data)
