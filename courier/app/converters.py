"""URL converters for the whole app: ids in range, text without control characters."""

from __future__ import annotations

from typing import Any

from werkzeug.routing import IntegerConverter, Map, UnicodeConverter

from courier.app.json_body import MAX_INT


class IdConverter(IntegerConverter):
    """`<int:…>` matches only 1..2^31-1, so a larger id is a 404, not a database error."""

    def __init__(self, map: Map, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min", 1)
        kwargs.setdefault("max", MAX_INT)
        super().__init__(map, *args, **kwargs)


class TextConverter(UnicodeConverter):
    """A path segment without NUL or other control characters (404 otherwise)."""

    def __init__(self, map: Map, *args: Any, **kwargs: Any) -> None:
        super().__init__(map, *args, **kwargs)
        self.regex = r"[^/\x00-\x1f\x7f]" + self.regex[len("[^/]") :]


def install_converters(url_map: Map) -> None:
    """Replace the default converters before any route is registered."""
    url_map.converters.update(int=IdConverter, default=TextConverter, string=TextConverter)
