"""The `courier` command: run, migrate, seed, and the full-stack processes."""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from courier.config import ConfigError, Settings
from courier.storage.crypto import new_key
from courier.token_cli import api_token


def _settings(**overrides: object) -> Settings:
    """Read settings from the environment, with command-line options taking precedence."""
    environ = {**os.environ, **{f"COURIER_{k.upper()}": str(v) for k, v in overrides.items()}}
    try:
        return Settings.from_env(environ)
    except ConfigError as error:
        raise click.ClickException(str(error)) from None


DUPLICATES = ["dedupe", "new_waybill", "reject"]


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


@main.command()
@click.argument("leg_ids", nargs=-1, type=click.IntRange(min=1), required=True)
@click.option("--account", "username", required=True, help="Who prints (recorded per label).")
@click.option("--size", type=click.Choice(["100x150", "100x180", "76x130"]), default="100x150")
@click.option("--out", type=click.Path(dir_okay=False, writable=True), required=True)
def labels(leg_ids: tuple[int, ...], username: str, size: str, out: str) -> None:
    """Print the labels of LEG_IDS into one PDF, in destination order."""
    from courier.bootstrap import bootstrap
    from courier.domain.errors import DomainError
    from courier.services import labels as printing

    app, count = bootstrap(_settings()), len(set(leg_ids))
    try:
        with app.uow() as uow:
            account = uow.accounts.get_by_username(username)
        if account is None or account.id is None:
            raise click.ClickException(f"no such account: {username}")
        with click.progressbar(length=count, label=f"rendering {count} labels") as bar:
            document = printing.print_labels(
                app.uow(),
                app.labels,
                account.id,
                list(leg_ids),
                size,
                app.clock,
                app.settings.public_base_url,
                on_page=lambda _page: bar.update(1),
            )
    except DomainError as error:
        raise click.ClickException(error.message) from None
    with open(out, "wb") as handle:
        handle.write(document)
    click.echo(f"wrote {count} labels to {out}")


@main.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Interface to listen on (inside a container: 0.0.0.0).",
)
@click.option("--port", type=click.IntRange(1, 65535), default=8081)
@click.option("--push-url", default=None, help="Where to push tracking (Courier's /carrier/push).")
@click.option("--stage-seconds", type=click.FloatRange(0.1, 86400), default=60.0)
@click.option("--duplicates", type=click.Choice(DUPLICATES), default="dedupe")
@click.option("--faults", default="[]", help='Faults as JSON: [{"kind": "system_fault", ...}].')
@click.option("--fault-seed", type=int, default=0, help="Seed that makes the faults repeatable.")
@click.option(
    "--protocol",
    type=click.Choice(["soap", "ems-open"]),
    default="soap",
    show_default=True,
    help="soap: /carrier; ems-open: the EMS open platform at /amp-prod-api/f/amp/api/open.",
)
def simulator(**options: Any) -> None:
    """Run the carrier simulator standalone (WSDL at /carrier?wsdl, or the EMS open platform).

    Credentials and the admin token (COURIER_SIMULATOR_ADMIN_TOKEN) come from the settings.
    """
    from courier.carrier_wiring import simulator_settings_for
    from integrations.carrier.simulator import DuplicateOrders, run_simulator

    simulator_settings = simulator_settings_for(
        _settings(),
        stage_seconds=options["stage_seconds"],
        duplicate_orders=DuplicateOrders(options["duplicates"]),
        push_url=options["push_url"],
        faults=_fault_rules(options["faults"]),
        fault_seed=options["fault_seed"],
        protocol=options["protocol"],
    )
    run_simulator(options["host"], options["port"], simulator_settings)


@main.command("case-system-sim")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8082, show_default=True)
@click.option("--secret", "secrets", multiple=True, help="A whsec_ secret to verify with (repeat).")
def case_system_sim(host: str, port: int, secrets: tuple[str, ...]) -> None:
    """Run the case-system simulator: receives and verifies status reports at POST /reports."""
    from integrations.case_system.simulator import run_case_system_simulator
    from integrations.case_system.verify import is_secret

    for secret in secrets:
        if not is_secret(secret):
            raise click.BadParameter("a secret looks like whsec_<base64>", param_hint="--secret")
    click.echo(f"case-system simulator on http://{host}:{port}/ (reports at /reports)")
    run_case_system_simulator(host, port, list(secrets))


@main.command("settings")
def settings_command() -> None:
    """Print the effective settings; secrets are shown only as set or not set."""
    from courier.config import described

    for name, value in described(_settings()):
        click.echo(f"{name}={value}")


def _fault_rules(text: str) -> tuple[Any, ...]:
    """Parse --faults, refusing anything that is not a list of known fault rules."""
    import json

    from integrations.carrier.simulator.faults import rule_from_json

    try:
        items = json.loads(text)
        if not isinstance(items, list):
            raise ValueError("expected a JSON list")
        return tuple(rule_from_json(item) for item in items)
    except (ValueError, TypeError, KeyError) as error:
        raise click.BadParameter(
            f"not a list of fault rules ({error})", param_hint="--faults"
        ) from None


@main.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.argument("celery_args", nargs=-1, type=click.UNPROCESSED)
def worker(celery_args: tuple[str, ...]) -> None:
    """Run a Celery worker (same as `celery -A tasks.worker worker ...`)."""
    _celery("worker", celery_args)


@main.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.argument("celery_args", nargs=-1, type=click.UNPROCESSED)
def beat(celery_args: tuple[str, ...]) -> None:
    """Run Celery beat, which schedules the booking sweep."""
    _celery("beat", celery_args)


def _celery(command: str, arguments: tuple[str, ...]) -> None:
    settings = _settings()
    if settings.task_runner != "celery":
        raise click.ClickException("set COURIER_TASK_RUNNER=celery and COURIER_REDIS_URL first")
    from tasks.worker import celery_app

    celery_app.start([command, "--loglevel=INFO", *arguments])


main.add_command(api_token)

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
