"""Run the simulator standalone: python -m integrations.carrier.simulator --port 8081."""

from __future__ import annotations

import argparse

from integrations.carrier.simulator.app import run_simulator
from integrations.carrier.simulator.settings import DuplicateOrders, SimulatorSettings


def main() -> None:
    parser = argparse.ArgumentParser(description="China Post EMS simulator (SOAP 1.1)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--stage-seconds", type=float, default=60.0)
    parser.add_argument("--push-url", default=None)
    parser.add_argument(
        "--duplicates", choices=[d.value for d in DuplicateOrders], default="dedupe"
    )
    args = parser.parse_args()
    settings = SimulatorSettings(
        stage_seconds=args.stage_seconds,
        push_url=args.push_url,
        duplicate_orders=DuplicateOrders(args.duplicates),
    )
    run_simulator(args.host, args.port, settings)


if __name__ == "__main__":
    main()
