"""No log line can be forged or disguised by control characters in logged values."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest

from courier.logs import (
    EscapeControlCharacters,
    configure_logging,
    escape_controls,
    protect_handlers,
)


@pytest.fixture
def captured() -> Iterator[tuple[logging.Logger, io.StringIO]]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    logger = logging.getLogger("tests.logs")
    logger.addHandler(handler)
    logger.propagate = False
    protect_handlers(logger)
    yield logger, stream
    logger.removeHandler(handler)


def test_a_newline_in_a_logged_path_cannot_start_a_forged_line(
    captured: tuple[logging.Logger, io.StringIO],
) -> None:
    logger, stream = captured
    logger.error("unhandled %s on %s %s", "KeyError", "GET", "/api/v1/x\nINFO admin signed in")
    assert stream.getvalue() == "ERROR unhandled KeyError on GET /api/v1/x\\nINFO admin signed in\n"


def test_nul_escape_sequences_and_bidi_overrides_are_written_as_escapes(
    captured: tuple[logging.Logger, io.StringIO],
) -> None:
    logger, stream = captured
    logger.warning("%s", "a\x00b\x1b[2Jc\u202ed\r\u2028e")
    assert stream.getvalue().splitlines() == ["WARNING a\\x00b\\x1b[2Jc\\u202ed\\r\\u2028e"]


def test_plain_chinese_text_is_left_alone() -> None:
    assert escape_controls("邮政系统暂时不可用 · ok") == "邮政系统暂时不可用 · ok"


def test_configured_logging_protects_every_root_handler() -> None:
    root = logging.getLogger()
    before = {h: list(h.filters) for h in root.handlers}
    try:
        configure_logging()
        assert root.handlers
        assert all(
            any(isinstance(f, EscapeControlCharacters) for f in h.filters) for h in root.handlers
        )
    finally:
        for handler in root.handlers:
            handler.filters = before.get(handler, [])
        for handler in set(root.handlers) - set(before):
            root.removeHandler(handler)


def test_the_celery_worker_logger_is_protected_when_celery_sets_it_up() -> None:
    from celery.signals import after_setup_logger

    import tasks.celery_app  # noqa: F401  (connects the signal)

    logger = logging.getLogger("tests.celery")
    handler = logging.StreamHandler(io.StringIO())
    logger.addHandler(handler)
    after_setup_logger.send(sender=None, logger=logger, loglevel=logging.INFO)
    assert any(isinstance(f, EscapeControlCharacters) for f in handler.filters)
    logger.removeHandler(handler)
