"""The carrier contract loaded from disk: once per process, on first use, never at import."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

from zeep import Client, Settings

from integrations.carrier.soap.envelope import Field, request_plans
from integrations.carrier.soapserver import ContractSchema

_lock = threading.Lock()
os.register_at_fork(after_in_child=lambda: globals().update(_lock=threading.Lock()))
_contracts: dict[tuple[str, str, str, bool, int], LoadedContract] = {}
_parse_count = 0


@dataclass(frozen=True)
class LoadedContract:
    """The parsed contract: zeep's model, request plans, SOAP actions, and the XSD."""

    client: Client
    schema: ContractSchema
    soap_actions: dict[str, str]
    plans: dict[str, Field]


def zeep_settings(strict: bool) -> Settings:
    return Settings(
        strict=strict,
        xml_huge_tree=False,
        forbid_dtd=True,
        forbid_entities=True,
        forbid_external=True,
    )


def load_contract(
    wsdl_path: Path, xsd_path: Path, binding: str, strict: bool = True
) -> LoadedContract:
    """Return this process's parsed contract, parsing it if this process has not yet."""
    key = (str(wsdl_path), str(xsd_path), binding, strict, os.getpid())
    contract = _contracts.get(key)
    if contract is None:
        with _lock:
            contract = _contracts.get(key) or _parse(wsdl_path, xsd_path, binding, strict)
            _contracts[key] = contract
    return contract


def wsdl_parse_count() -> int:
    """Say how many times this process has parsed a WSDL (for the benchmark's check)."""
    return _parse_count


def _parse(wsdl_path: Path, xsd_path: Path, binding: str, strict: bool) -> LoadedContract:
    global _parse_count
    _parse_count += 1
    client = Client(str(wsdl_path), settings=zeep_settings(strict))  # type: ignore[no-untyped-call]
    operations = client.wsdl.bindings[binding].all()  # type: ignore[no-untyped-call]
    return LoadedContract(
        client=client,
        schema=ContractSchema.from_xsd(xsd_path),
        soap_actions={name: operation.soapaction for name, operation in operations.items()},
        plans=request_plans(operations),
    )
