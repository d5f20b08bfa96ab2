"""Access logs name the path only: a query string may carry a searched name or phone tail."""

from __future__ import annotations

from urllib.parse import urlsplit

from werkzeug.serving import WSGIRequestHandler

# gunicorn's --access-logformat: %(U)s is the path without its query string (%(r)s would
# be the whole request line).
GUNICORN_ACCESS_FORMAT = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)ss'


def path_only(target: str) -> str:
    """Return a request target without its query string or fragment."""
    return urlsplit(target).path or "/"


class PathOnlyRequestHandler(WSGIRequestHandler):
    """The embedded server's handler: logs each request by method, path and status only."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        full = getattr(self, "path", None)
        if full is None:  # a request line too bad to read: werkzeug logs it as it came
            super().log_request(code, size)
            return
        self.path = path_only(full)
        try:
            super().log_request(code, size)
        finally:
            self.path = full
