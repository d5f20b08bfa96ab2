"""The embedded default: one process with SQLite, the simulator and in-process tasks."""

from __future__ import annotations

import click
from werkzeug.serving import make_server

from courier.app import create_app
from courier.bootstrap import bootstrap
from courier.config import Settings, without_password
from courier.demo import seed_demo
from courier.logs import configure_logging
from courier.storage.migrate import upgrade


def run_embedded(settings: Settings, seed: bool = True) -> None:
    """Migrate, seed demo data on first run, and serve until interrupted."""
    configure_logging()
    wired = bootstrap(settings)
    upgrade(wired.engine)
    app = create_app(settings)
    # listen before seeding: the demo's first bookings call the simulator on this very port
    server = make_server(settings.host, settings.port, app, threaded=True)
    report = seed_demo(app.extensions["courier"]) if seed else None
    wired.close()
    base = f"http://{settings.host}:{settings.port}"
    click.echo(f"\nCourier is running on {base}/")
    click.echo(f"  staff sign-in      {base}/login")
    click.echo(f"  API                {base}/api/v1/cases")
    click.echo(f"  health / ready     {base}/healthz  {base}/readyz")
    click.echo(f"  carrier simulator  {base}/simulator/carrier?wsdl")
    click.echo(f"  carrier push       {base}/carrier/push?wsdl")
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
