"""Access logs of both servers name the path only: a searched name never reaches a log."""

from __future__ import annotations

import json
import logging
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests
from flask import Flask
from werkzeug.serving import make_server

from courier.access_log import GUNICORN_ACCESS_FORMAT, PathOnlyRequestHandler, path_only
from tests.integration.full_stack.test_simultaneous_bookings import free_port

DOCKERFILE = Path(__file__).parents[2] / "docker" / "Dockerfile"
SEARCH = "/?q=%E5%BC%A0%E5%B0%8F%E6%98%8E&status=accepted"  # 张小明


def tiny_app() -> Flask:
    app = Flask(__name__)
    app.add_url_rule("/", "home", lambda: "ok")
    return app


def dockerfile_command() -> list[str]:
    text = DOCKERFILE.read_text()
    command = re.search(r"^CMD (\[.*?\])\s*$", text, re.S | re.M)
    assert command is not None
    return json.loads(command[1].replace("\\\n", ""))


def test_a_query_string_is_cut_from_the_logged_target() -> None:
    assert path_only("/?q=%E5%BC%A0") == "/"
    assert path_only("/cases/X1?tab=1#top") == "/cases/X1"


def test_the_embedded_server_logs_the_path_without_the_search(
    caplog: pytest.LogCaptureFixture,
) -> None:
    server = make_server("127.0.0.1", 0, tiny_app(), request_handler=PathOnlyRequestHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with caplog.at_level(logging.INFO, logger="werkzeug"):
            answer = requests.get(f"http://127.0.0.1:{server.server_port}{SEARCH}", timeout=5)
            assert answer.status_code == 200
            deadline = time.monotonic() + 5
            while "GET / " not in caplog.text and time.monotonic() < deadline:
                time.sleep(0.05)
    finally:
        server.shutdown()
    assert "GET / HTTP/1.1" in caplog.text
    assert "q=" not in caplog.text and "张" not in caplog.text and "%E5" not in caplog.text


def test_the_images_gunicorn_logs_the_path_without_the_search(tmp_path: Path) -> None:
    command = dockerfile_command()
    assert command[command.index("--access-logformat") + 1] == GUNICORN_ACCESS_FORMAT
    (tmp_path / "tinyapp.py").write_text(
        "from flask import Flask\napp = Flask(__name__)\napp.add_url_rule('/', 'h', lambda: 'ok')\n"
    )
    port = free_port()
    args = [a for a in command[1:] if a != "courier.wsgi:app"]
    args[args.index("--bind") + 1] = f"127.0.0.1:{port}"
    log = tmp_path / "access.log"
    args[args.index("--access-logfile") + 1] = str(log)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", *args, "--chdir", str(tmp_path), "tinyapp:app"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                requests.get(f"http://127.0.0.1:{port}{SEARCH}", timeout=2)
                break
            except requests.ConnectionError:
                assert time.monotonic() < deadline and server.poll() is None
                time.sleep(0.2)
        while "GET / " not in (log.read_text() if log.exists() else ""):
            assert time.monotonic() < deadline
            time.sleep(0.1)
    finally:
        server.terminate()
        server.wait(timeout=30)
    text = log.read_text()
    assert '"GET / HTTP/1.1" 200' in text
    assert "q=" not in text and "%E5" not in text
