"""A China Post EMS simulator: our carrier contract over SOAP 1.1, or the EMS open platform."""

from integrations.carrier.simulator.app import create_simulator_app, run_simulator
from integrations.carrier.simulator.clock import Clock, ManualClock, SystemClock
from integrations.carrier.simulator.service import CarrierSimulator
from integrations.carrier.simulator.settings import (
    DuplicateOrders,
    FaultKind,
    FaultRule,
    SimulatorSettings,
)

__all__ = [
    "CarrierSimulator",
    "Clock",
    "DuplicateOrders",
    "FaultKind",
    "FaultRule",
    "ManualClock",
    "SimulatorSettings",
    "SystemClock",
    "create_simulator_app",
    "run_simulator",
]
