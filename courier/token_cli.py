"""`courier api-token create/list/revoke`: API tokens of machine clients from the shell."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from courier.bootstrap import Courier


def _app() -> Courier:
    from courier.bootstrap import bootstrap
    from courier.cli import _settings  # one reading of settings for every command

    return bootstrap(_settings())


def _refused(error: Exception) -> click.ClickException:
    fields = getattr(error, "errors", None) or {}
    detail = "; ".join(f"{name}: {text}" for name, text in fields.items())
    return click.ClickException(f"{error} {detail}".strip())


@click.group("api-token")
def api_token() -> None:
    """Issue, list and revoke API tokens of machine clients (the case system)."""


@api_token.command("create")
@click.option(
    "--name",
    required=True,
    help="Who uses the token, e.g. 一体化政务服务平台.",  # said as is: an example name
)
@click.option("--hall", "halls", multiple=True, required=True, help="A hall code (repeatable).")
def create(name: str, halls: tuple[str, ...]) -> None:
    """Issue a token for these halls and print it (shown this once only)."""
    from courier.domain.errors import DomainError
    from courier.services.api_tokens import CreateApiToken, create_api_token

    app = _app()
    try:
        command = CreateApiToken.parse({"name": name, "halls": list(halls)})
        issued = create_api_token(app.uow(), command, app.clock)
    except DomainError as error:
        raise _refused(error) from None
    click.echo(f"token {issued.token.id} for {', '.join(issued.token.hall_codes)}:")
    click.echo(issued.secret)
    click.echo("keep it now: Courier stores only its digest and cannot show it again")


@api_token.command("list")
def list_tokens() -> None:
    """List tokens (never their secrets)."""
    from courier.services.api_tokens import list_api_tokens

    for token in list_api_tokens(_app().uow()):
        used = token.last_used_at.isoformat() if token.last_used_at else "never used"
        state = f"revoked {token.revoked_at.isoformat()}" if token.revoked_at else "active"
        click.echo(f"{token.id}\t{token.name}\t{','.join(token.hall_codes)}\t{used}\t{state}")


@api_token.command("revoke")
@click.argument("token_id", type=int)
def revoke(token_id: int) -> None:
    """Revoke a token: every later request with it is refused."""
    from courier.domain.errors import DomainError
    from courier.services.api_tokens import revoke_api_token

    app = _app()
    try:
        revoke_api_token(app.uow(), token_id, app.clock)
    except DomainError as error:
        raise _refused(error) from None
    click.echo(f"token {token_id} revoked")
