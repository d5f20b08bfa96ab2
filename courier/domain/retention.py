"""How long the log and a closed case's applicant data are kept, and what replaces the data."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from courier.domain.case import Applicant
from courier.domain.places import Address, Party
from courier.domain.text import Text

# PIPL / Cybersecurity Law: network logs are kept at least six months.
MIN_AUDIT_RETENTION_DAYS = 183
MIN_APPLICANT_RETENTION_DAYS = 30
BATCH = 500
ANONYMISED = Text("已匿名")


def cutoff(now: datetime, days: int) -> datetime:
    """Return the moment before which rows kept `days` days are due."""
    return now - timedelta(days=days)


def anonymised_address(address: Address) -> Address:
    """Keep the county (for statistics); the street and house number go."""
    return replace(address, street=ANONYMISED)


def anonymised_applicant(applicant: Applicant) -> Applicant:
    address = applicant.address
    return Applicant(
        ANONYMISED, ANONYMISED, ANONYMISED, None if address is None else anonymised_address(address)
    )


def anonymised_party(party: Party, applicant: Applicant) -> Party:
    """Replace a leg's party when it is the applicant (same name and phone), else keep it."""
    if party.name != applicant.name or party.phone != applicant.mobile:
        return party
    return Party(ANONYMISED, ANONYMISED, anonymised_address(party.address), party.organization)
