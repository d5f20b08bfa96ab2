"""The `courier` command: run, migrate, seed, and the full-stack processes."""

from __future__ import annotations

import os
import sys

import click

from courier.config import ConfigError, Settings
from courier.storage.crypto import new_key


def _settings(**overrides: object) -> Settings:
    """Read settings from the environment, with command-line options taking precedence."""
    environ = {**os.environ, **{f"COURIER_{k.upper()}": str(v) for k, v in overrides.items()}}
    try:
        return Settings.from_env(environ)
    except ConfigError as error:
        raise click.ClickException(str(error)) from None


@click.group()
def main() -> None:
    """Courier: two-way postal delivery for government service halls."""


@main.group()
def db() -> None:
    """Manage the database schema."""


@db.command("upgrade")
def db_upgrade() -> None:
    """Apply every pending migration."""
    from courier.bootstrap import bootstrap
    from courier.storage.migrate import upgrade

    app = bootstrap(_settings())
    upgrade(app.engine)
    click.echo("database is at the newest migration")


@main.command("seed-demo")
def seed_demo_command() -> None:
    """Load the demo halls, departments, accounts and cases (once)."""
    from courier.bootstrap import bootstrap
    from courier.demo import seed_demo
    from courier.storage.migrate import upgrade

    app = bootstrap(_settings())
    upgrade(app.engine)
    report = seed_demo(app)
    click.echo("demo data loaded" if report.created else "demo data was already there")
    _print_accounts(report.accounts)


def _print_accounts(accounts: list[tuple[str, str]]) -> None:
    click.echo("demo accounts (username / password):")
    for username, password in accounts:
        click.echo(f"  {username:<14} {password}")


@main.command("new-key")
def new_key_command() -> None:
    """Print a fresh COURIER_DATA_KEY."""
    click.echo(new_key())


@main.command()
@click.option("--host", default=None, help="Interface to listen on (default 127.0.0.1).")
@click.option("--port", type=click.IntRange(1, 65535), default=None, help="Port (default 8000).")
@click.option("--no-demo", is_flag=True, help="Do not load demo data on first run.")
def serve(host: str | None, port: int | None, no_demo: bool) -> None:
    """Run the embedded default: migrations, demo data, simulator and tasks in one process."""
    from courier.embedded import run_embedded

    overrides = {k: v for k, v in {"host": host, "port": port}.items() if v is not None}
    run_embedded(_settings(**overrides), seed=not no_demo)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
