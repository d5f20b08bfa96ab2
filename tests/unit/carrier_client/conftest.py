"""The contract, loaded from disk as the client loads it."""

from __future__ import annotations

import pytest

from integrations.carrier.soap.contract import LoadedContract, load_contract
from integrations.carrier.soap.settings import CarrierClientSettings


@pytest.fixture
def contract() -> LoadedContract:
    settings = CarrierClientSettings(endpoint="http://127.0.0.1:9/carrier")
    return load_contract(settings.wsdl_path, settings.xsd_path, settings.binding)
