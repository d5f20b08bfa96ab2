"""Reach the wired Courier from inside a request."""

from __future__ import annotations

from flask import current_app

from courier.bootstrap import Courier


def courier() -> Courier:
    return current_app.extensions["courier"]  # type: ignore[no-any-return]
