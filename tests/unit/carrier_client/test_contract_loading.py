"""The contract is parsed from disk once per process, lazily, and again after a fork."""

from __future__ import annotations

import multiprocessing
import subprocess
import sys
from pathlib import Path

from integrations.carrier.breaker import InMemoryCircuitBreaker
from integrations.carrier.recording import InMemoryCallRecorder
from integrations.carrier.soap import CarrierClientSettings, build_carrier
from integrations.carrier.soap.contract import load_contract, wsdl_parse_count

SETTINGS = CarrierClientSettings(endpoint="http://127.0.0.1:9/carrier")
ROOT = Path(__file__).resolve().parents[3]


def load() -> object:
    return load_contract(SETTINGS.wsdl_path, SETTINGS.xsd_path, SETTINGS.binding)


def test_importing_and_building_the_client_parses_nothing() -> None:
    script = (
        "from integrations.carrier.soap import build_carrier, CarrierClientSettings\n"
        "from integrations.carrier.soap.contract import wsdl_parse_count\n"
        "from integrations.carrier.breaker import InMemoryCircuitBreaker\n"
        "from integrations.carrier.recording import InMemoryCallRecorder\n"
        "build_carrier(CarrierClientSettings(endpoint='http://127.0.0.1:9/carrier'),"
        " InMemoryCircuitBreaker(), InMemoryCallRecorder())\n"
        "print(wsdl_parse_count())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "0"


def test_the_contract_is_parsed_once_per_process() -> None:
    first = load()
    before = wsdl_parse_count()
    assert load() is first
    build_carrier(SETTINGS, InMemoryCircuitBreaker(), InMemoryCallRecorder())
    assert wsdl_parse_count() == before


def _parse_in_child(pipe: object) -> None:
    load()
    pipe.send(wsdl_parse_count())  # type: ignore[attr-defined]


def test_a_forked_worker_parses_its_own_copy() -> None:
    load()
    in_parent = wsdl_parse_count()
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_parse_in_child, args=(sender,))
    child.start()
    in_child = receiver.recv()
    child.join(10)
    assert in_child == in_parent + 1
    assert wsdl_parse_count() == in_parent
