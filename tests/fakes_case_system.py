"""A case system for unit tests: records each report and answers from a script."""

from __future__ import annotations

from courier.ports.case_system import ReportOutcome, SignedReport


class FakeCaseSystem:
    """Answers the scripted outcomes in turn, then 204; keeps every report with its timeout."""

    def __init__(self, *outcomes: ReportOutcome) -> None:
        self.outcomes = list(outcomes)
        self.reports: list[tuple[SignedReport, float]] = []

    def post_report(self, report: SignedReport, timeout: float) -> ReportOutcome:
        self.reports.append((report, timeout))
        return self.outcomes.pop(0) if self.outcomes else ReportOutcome(204)
