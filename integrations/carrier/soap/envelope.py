"""Serialise a request into its SOAP envelope through zeep and the WSDL."""

from __future__ import annotations

from lxml import etree
from zeep.exceptions import Error as ZeepError
from zeep.proxy import ServiceProxy
from zeep.wsse.username import UsernameToken

from integrations.carrier.soap.builders import Arguments
from integrations.carrier.soap.contract import LoadedContract
from integrations.carrier.soap.errors import protocol_error


def render_request(
    contract: LoadedContract,
    service: ServiceProxy,
    operation: str,
    arguments: Arguments,
    username: str,
    password: str,
) -> bytes:
    """Return the UTF-8 envelope for `operation`, signed with a UsernameToken if configured."""
    try:
        envelope = contract.client.create_message(service, operation, **arguments)
    except (ZeepError, TypeError, ValueError) as exc:
        # zeep refuses values the contract does not allow (missing or unknown fields)
        raise protocol_error(f"request does not fit the contract: {exc}") from exc
    if username:
        envelope, _ = UsernameToken(username, password).apply(envelope, {})
    return etree.tostring(envelope, encoding="utf-8", xml_declaration=True)
