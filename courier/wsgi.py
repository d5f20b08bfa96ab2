"""WSGI entry for gunicorn: settings come from the environment."""

from courier.app import create_app

app = create_app()
