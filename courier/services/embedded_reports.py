"""The embedded default's case system: its simulator is subscribed to every report type."""

from __future__ import annotations

from courier.domain.text import Text
from courier.ports.clock import Clock
from courier.services.report_models import EVENT_TYPES
from courier.services.unit_of_work import UnitOfWork

# Where the embedded default serves the case-system simulator (its reports at …/reports).
CASE_SYSTEM_SIM_PATH = "/simulator/case-system"
DESCRIPTION = Text("内置办件系统模拟器")


def subscribe_embedded_case_system(
    uow: UnitOfWork, clock: Clock, base_url: str, secret: str
) -> bool:
    """Subscribe the embedded simulator to every report type once; tell whether it was new."""
    url = f"{base_url}{CASE_SYSTEM_SIM_PATH}/reports"
    with uow:
        if any(endpoint.url == url for endpoint in uow.webhook_endpoints.all()):
            return False
        uow.webhook_endpoints.add(url, DESCRIPTION, list(EVENT_TYPES), secret, clock.now())
        uow.commit()
    return True
