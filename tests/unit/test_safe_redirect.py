"""After sign-in only paths on this site are followed; everything else goes home."""

from __future__ import annotations

import pytest

from courier.app.security import safe_next

BYPASSES = [
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "/ /evil.example",
    "/\x00/evil.example",
    "/\u3000/evil.example",
    "/\u200b/evil.example",
    "/\\/evil.example",
    "/.\\evil.example",
    " /evil.example",
    "https://evil.example",
    "http:evil.example",
    "https:/evil.example",
    "javascript:alert(1)",
    "data:text/html,hi",
    "evil.example",
    "",
]


@pytest.mark.parametrize("target", BYPASSES)
def test_a_known_open_redirect_bypass_falls_back_to_home(target: str) -> None:
    assert safe_next(target) == "/"


@pytest.mark.parametrize("target", ["/", "/desk", "/cases/BJDC2026112600002", "/cases?q=1#x"])
def test_a_path_on_this_site_is_followed(target: str) -> None:
    assert safe_next(target) == target
