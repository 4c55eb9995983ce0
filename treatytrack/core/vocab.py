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
    # A signatory of a treaty not in force declares it will not become, or no longer considers
    # itself, bound, so that the treaty cannot enter into force (START II: Russia, 2002-06-14).
    ABANDONED = "abandoned"
    # Per-state acts that the participation table also records (see `ActKind`).
    SUCCEEDED = "succeeded"
    ACCEPTED = "accepted"
    APPROVED = "approved"
    SIGNATURE_WITHDRAWN = "signature-withdrawn"
    SUSPENSION_CLAIMED = "suspension-claimed"


class Status(enum.StrEnum):
    NOT_IN_FORCE = "not-in-force"
    IN_FORCE = "in-force"
    SUSPENDED = "suspended"
    EXPIRED = "expired"
    TERMINATED = "terminated"
    ABANDONED = "abandoned"  # never in force, and a recorded act made sure it never will be
    # The entry into force (a regime's founding) is known only to its month or year, and the day
    # asked about falls in that period: in force before it ends, but whether yet on that day is
    # not recorded.
    DAY_NOT_RECORDED = "day-not-recorded"

    @property
    def ended(self) -> bool:
        return self in (Status.EXPIRED, Status.TERMINATED, Status.ABANDONED)


class PartyStatus(enum.StrEnum):
    """A state's standing under one treaty on one day."""

    PARTY = "party"
    # A party by another name: a regime's member, a code's subscribing state, an initiative's
    # endorsing state (`participation.members_are`).
    MEMBER = "member"
    SUBSCRIBING = "subscribing"
    ENDORSING = "endorsing"
    SUSPENDED = "suspended"  # a party whose obligations are suspended
    SUSPENSION_CLAIMED = "suspension-claimed"  # a party that declared a suspension the treaty does not provide for
    RATIFIED = "ratified"  # consented to be bound; the treaty not yet in force for it
    # Consented while the treaty is in force, but the day it took effect for the state is not
    # recorded (no rule for later consents, or a rule that gives no day): neither a party from a
    # guessed day nor "not recorded", since the consent is.
    CONSENTED = "consented"
    SIGNATORY = "signatory"
    DERATIFIED = "deratified"  # revoked its ratification; its signature stands
    SIGNATURE_WITHDRAWN = "signature-withdrawn"  # declared it does not intend to become a party
    WITHDRAWN = "withdrawn"
    # A withdrawal was to take effect subject to a condition (the depositary's words); whether
    # it did is not recorded.
    WITHDRAWAL_CONDITIONAL = "withdrawal-conditional"
    TREATY_ENDED = "treaty-ended"
    NOT_PARTY = "not-party"  # neither party nor signatory
    NOT_RECORDED = "not-recorded"  # the record's list of states is partial and does not name this state
    # An act known only to its month or year falls in a period that holds the day asked about:
    # the standing before and after the period is known, on the day itself it is not.
    DAY_NOT_RECORDED = "day-not-recorded"
    NOT_YET_EXISTING = "not-yet-existing"  # the state did not exist yet on the day
    CEASED_TO_EXIST = "ceased-to-exist"  # the state no longer existed on the day

    @property
    def bound(self) -> bool:
        """A party on the day (obligations suspended or not)."""
        return self in _BOUND

    @property
    def signed_only(self) -> bool:
        """Signed (or consented) without being bound on the day."""
        return self in _SIGNED_ONLY


_BOUND = frozenset(
    {
        PartyStatus.PARTY,
        PartyStatus.MEMBER,
        PartyStatus.SUBSCRIBING,
        PartyStatus.ENDORSING,
        PartyStatus.SUSPENDED,
        PartyStatus.SUSPENSION_CLAIMED,
    }
)
_SIGNED_ONLY = frozenset({PartyStatus.SIGNATORY, PartyStatus.RATIFIED, PartyStatus.DERATIFIED})


class StandingFilter(enum.StrEnum):
    """What `--standing` asks for: a group of standings, or one standing exactly."""

    BOUND = "bound"  # party, suspended, suspension-claimed
    SIGNED = "signed"  # signatory, ratified (not yet in force for it), deratified
    ANY = "any"  # bound, consented or signed
    PARTY = "party"
    SUSPENDED = "suspended"
    SUSPENSION_CLAIMED = "suspension-claimed"
    RATIFIED = "ratified"
    CONSENTED = "consented"
    SIGNATORY = "signatory"
    DERATIFIED = "deratified"
    SIGNATURE_WITHDRAWN = "signature-withdrawn"
    WITHDRAWN = "withdrawn"
    WITHDRAWAL_CONDITIONAL = "withdrawal-conditional"
    TREATY_ENDED = "treaty-ended"
    NOT_PARTY = "not-party"
    NOT_RECORDED = "not-recorded"

    def matches(self, status: PartyStatus) -> bool:
        if self is StandingFilter.BOUND:
            return status.bound
        if self is StandingFilter.SIGNED:
            return status.signed_only
        if self is StandingFilter.ANY:
            return status.bound or status.signed_only or status is PartyStatus.CONSENTED
        return status.value == self.value


class Coverage(enum.StrEnum):
    """How much of a treaty's membership its per-state table records."""

    COMPLETE = "complete"  # every state on the depositary's list as of its date
    PARTIAL = "partial"  # some states; others are "not recorded"
    NONE = "none"  # no table at all


class ActKind(enum.StrEnum):
    """One state's act under a treaty: a key of a participation row, or a per-party event."""

    SIGNED = "signed"
    RATIFIED = "ratified"
    ACCEDED = "acceded"
    SUCCEEDED = "succeeded"
    ACCEPTED = "accepted"
    APPROVED = "approved"
    CONSENTED = "consented"  # a notification of consent to be bound (a CCW protocol: UNTC suffix P)
    JOINED = "joined"  # admitted to a regime, or subscribed to or endorsed a political commitment
    ORIGINAL = "original"  # an original party: bound from the treaty's entry into force
    IN_FORCE = "in_force"  # the day the treaty entered into force for the state, as recorded
    WITHDRAWAL_NOTICE = "withdrawal_notice"
    WITHDRAWAL_RESCINDED = "withdrawal_rescinded"
    WITHDRAWN = "withdrawn"
    DERATIFIED = "deratified"
    SIGNATURE_WITHDRAWN = "signature_withdrawn"
    SUSPENDED = "suspended"
    RESUMED = "resumed"
    SUSPENSION_CLAIMED = "suspension_claimed"

    @property
    def consent(self) -> bool:
        return self in CONSENTS


CONSENTS = frozenset(
    {
        ActKind.RATIFIED,
        ActKind.ACCEDED,
        ActKind.SUCCEEDED,
        ActKind.ACCEPTED,
        ActKind.APPROVED,
        ActKind.CONSENTED,
        ActKind.JOINED,
    }
)


class DepositRuleKind(enum.StrEnum):
    """When a treaty takes effect after an instrument is deposited (its final clauses)."""

    ON_DEPOSIT = "on-deposit"
    AFTER_DEPOSIT = "after-deposit"  # the deposit day plus years, months, days
    FIRST_DAY_OF_MONTH = "first-day-of-month"  # the first day of the Nth month after the deposit
    # The day depends on an act no depositary list dates (Tlatelolco's waiver under art. 28(2), a
    # notification by the depositary): each row records its own `in_force`, nothing is derived.
    PER_STATE = "per-state"
