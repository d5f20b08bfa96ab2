"""WSGI entry for gunicorn: settings come from the environment."""

from courier.app import create_app
from courier.logs import configure_logging

configure_logging()
app = create_app()
