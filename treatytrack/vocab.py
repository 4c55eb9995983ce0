"""The project's vocabulary as plain enums.

Kept free of Pydantic and Rich so the command line can offer these as choices without paying
for heavy imports at start-up.
"""

from __future__ import annotations

import enum


class Kind(enum.StrEnum):
    BILATERAL = "bilateral"
    MULTILATERAL = "multilateral"
    REGIONAL = "regional"


class Instrument(enum.StrEnum):
    TREATY = "treaty"
    CONVENTION = "convention"
    AGREEMENT = "agreement"
    PROTOCOL = "protocol"
    POLITICAL_COMMITMENT = "political-commitment"
    REGIME = "regime"


class Category(enum.StrEnum):
    NUCLEAR = "nuclear"
    CHEMICAL = "chemical"
    BIOLOGICAL = "biological"
    CONVENTIONAL = "conventional"
    MISSILE = "missile"
    SPACE = "space"
    TEST_BAN = "test-ban"
    NWFZ = "nwfz"
    VERIFICATION = "verification"
    RISK_REDUCTION = "risk-reduction"
    ENVIRONMENT = "environment"
    EXPORT_CONTROL = "export-control"
    LANDMINES = "landmines"
    NUCLEAR_SECURITY = "nuclear-security"


class EventType(enum.StrEnum):
    SIGNED = "signed"
    RATIFIED = "ratified"
    ACCEDED = "acceded"
    ENTERED_INTO_FORCE = "entered-into-force"
    EXTENDED = "extended"
    SUSPENDED = "suspended"
    RESUMED = "resumed"
    WITHDRAWAL_NOTICE = "withdrawal-notice"
    WITHDRAWAL_RESCINDED = "withdrawal-rescinded"
    WITHDRAWN = "withdrawn"
    DERATIFIED = "deratified"
    SUPERSEDED = "superseded"
    TERMINATED = "terminated"
    EXPIRED = "expired"
    STATEMENT = "statement"


class Status(enum.StrEnum):
    NOT_IN_FORCE = "not-in-force"
    IN_FORCE = "in-force"
    SUSPENDED = "suspended"
    EXPIRED = "expired"
    TERMINATED = "terminated"

    @property
    def ended(self) -> bool:
        return self in (Status.EXPIRED, Status.TERMINATED)


class PartyStatus(enum.StrEnum):
    PARTY = "party"
    SIGNATORY = "signatory"
    RATIFIED = "ratified"  # ratified, the treaty itself not yet in force
    SUSPENDED = "suspended"
    DERATIFIED = "deratified"
    WITHDRAWN = "withdrawn"
    TREATY_ENDED = "treaty-ended"
    NOT_PARTY = "not-party"
    NOT_TRACKED = "not-tracked"  # a global treaty whose record does not follow this state
