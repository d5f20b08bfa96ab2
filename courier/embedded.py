"""The embedded default: one process with SQLite, the simulator and in-process tasks."""

from __future__ import annotations

import click
from werkzeug.serving import make_server

from courier.access_log import PathOnlyRequestHandler
from courier.app import create_app
from courier.bootstrap import bootstrap
from courier.config import Settings, embedded_report_secret, without_password
from courier.demo import seed_demo
from courier.logs import configure_logging
from courier.services.embedded_reports import CASE_SYSTEM_SIM_PATH, subscribe_embedded_case_system
from courier.storage.migrate import upgrade


def run_embedded(settings: Settings, seed: bool = True) -> None:
    """Migrate, seed demo data on first run, and serve until interrupted."""
    configure_logging()
    wired = bootstrap(settings)
    upgrade(wired.engine)
    base = f"http://{settings.host}:{settings.port}"
    secret = embedded_report_secret(settings)
    # The case-system simulator is subscribed before the demo is seeded: every step is reported.
    if settings.is_embedded_simulator:
        subscribe_embedded_case_system(wired.uow(), wired.clock, base, secret)
    report = seed_demo(wired) if seed else None  # its bookings wait for the sweep below
    wired.close()
    app = create_app(settings)
    server = make_server(
        settings.host, settings.port, app, threaded=True, request_handler=PathOnlyRequestHandler
    )
    # The simulator is served by this very server: book the waiting legs once it listens.
    app.extensions["courier"].tasks.enqueue("sweep_bookings")
    click.echo(f"\nCourier is running on {base}/")
    click.echo(f"  staff sign-in      {base}/login")
    click.echo(f"  API                {base}/api/v1/cases")
    click.echo(f"  health / ready     {base}/healthz  {base}/readyz")
    click.echo(f"  carrier simulator  {base}/simulator/carrier?wsdl")
    click.echo(f"  carrier push       {base}/carrier/push?wsdl")
    click.echo(f"  case system (sim)  {base}{CASE_SYSTEM_SIM_PATH}/   status reports arriving")
    click.echo(f"  database           {without_password(settings.database_url)}")
    if report:
        click.echo("demo accounts (username / password):")
        for username, password in report.accounts:
            click.echo(f"  {username:<14} {password}")
    click.echo("press Ctrl+C to stop\n")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
