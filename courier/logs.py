"""Logging set-up: one filter that keeps control characters out of every log line."""

from __future__ import annotations

import logging
import unicodedata

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# Line and paragraph separators and bidi overrides can forge or disguise lines too.
_ALSO_ESCAPED = {
    "\u2028",
    "\u2029",
    *map(chr, range(0x202A, 0x202F)),
    *map(chr, range(0x2066, 0x206A)),
}


def escape_controls(text: str) -> str:
    """Write control characters as escapes (a newline becomes the two characters \\n)."""
    if text.isprintable():
        return text
    return "".join(_escaped(ch) for ch in text)


def _escaped(ch: str) -> str:
    if unicodedata.category(ch) in ("Cc", "Cs") or ch in _ALSO_ESCAPED:
        return ch.encode("unicode_escape", "backslashreplace").decode("ascii")
    return ch


class EscapeControlCharacters(logging.Filter):
    """Render each record's message once, with its control characters escaped."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        escaped = escape_controls(message)
        if escaped != message or record.args:
            record.msg, record.args = escaped, None
        return True


def protect_handlers(logger: logging.Logger) -> None:
    """Add the filter to each handler of `logger` (handlers see propagated records too)."""
    for handler in logger.handlers:
        if not any(isinstance(f, EscapeControlCharacters) for f in handler.filters):
            handler.addFilter(EscapeControlCharacters())


def configure_logging(level: int = logging.INFO) -> None:
    """Log to stderr at `level`, every line free of control characters."""
    logging.basicConfig(level=level, format=FORMAT)
    protect_handlers(logging.getLogger())
