"""One state's story under one treaty: the participation table's rows, the treaty's rules for
the day a consent takes effect, and when states began and ceased to exist.

No `from __future__ import annotations` here: Pydantic would evaluate every annotation string
when the classes are defined, which is on every run (about a fifth of the models' import time).
"""

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, Tag, model_validator

from treatytrack.core.models.fields import Day, Line, PartyCode, Text, _Strict
from treatytrack.core.vocab import CONSENTS, ActKind, Coverage, DepositRuleKind

# How precisely a recorded day is known: the day itself, only its month or year, or only that it
# fell between two days (`date` and `until`: "France had ratified by 24 May 1978").
Precision = Literal["day", "month", "year", "between"]


class DepositElsewhere(_Strict):
    """The same instrument's deposit with another depositary, on the day that depositary records."""

    date: Day
    at: Line
    source: Line
    note: Text | None = None


class Act(_Strict):
    """One act of one state written out in full, when it cites its own source or needs a note.

    A treaty with several depositaries (London, Moscow, Washington) receives one instrument in
    each, often on different days: `at` names the depositary whose day `date` is (the day the
    standing uses), and `also` keeps the other depositaries' days with their sources.
    """

    date: Day
    # A day known only to its month or year: `date` is then that period's first day (1987-04-01
    # with `precision: month`), and no answer pretends to know the day (see `last_day`). Known
    # only to lie between two days: `precision: between`, `date` the first, `until` the last.
    precision: Precision = "day"
    until: Day | None = None
    at: Line | None = None
    source: Line | None = None
    note: Text | None = None
    also: tuple[DepositElsewhere, ...] = ()

    @model_validator(mode="after")
    def _period_is_well_formed(self) -> "Act":
        check_period(self.date, self.precision, self.until)
        return self

    @property
    def last_day(self) -> dt.date:
        """The last day the act may have happened on: `date` itself, its month's or year's end, or `until`."""
        return period_end(self.date, self.precision, self.until)


def check_period(first: dt.date, precision: str, until: dt.date | None = None) -> None:
    """A day known only to its month or year is written as that period's first day; one known
    only to lie between two days gives both, the first before the last."""
    if precision == "month" and first.day != 1:
        raise ValueError("with `precision: month`, `date` is the month's first day (YYYY-MM-01)")
    if precision == "year" and (first.month, first.day) != (1, 1):
        raise ValueError("with `precision: year`, `date` is the year's first day (YYYY-01-01)")
    if precision == "between" and until is None:
        raise ValueError("with `precision: between`, give `until`: the last day it can have been")
    if precision == "between" and until is not None and until <= first:
        raise ValueError(f"`until` ({until}) is not after `date` ({first}): the period runs from `date` to `until`")
    if precision != "between" and until is not None:
        raise ValueError("`until` is for a day known only to lie between two days: add `precision: between`")


def period_text(first: dt.date, precision: str, until: dt.date | None = None) -> str:
    """The day as ISO text, or only its month (YYYY-MM) or year (YYYY) where that is all that is
    known, or the two days it lies between as an ISO 8601 interval (YYYY-MM-DD/YYYY-MM-DD): never
    the period's first day as if it were the day."""
    if precision == "month":
        return f"{first:%Y-%m}"
    if precision == "year":
        return f"{first.year:04d}"
    if precision == "between" and until is not None:
        return f"{first.isoformat()}/{until.isoformat()}"
    return first.isoformat()


def period_words(first: dt.date, precision: str, until: dt.date | None = None) -> str:
    """The same in a sentence: "on 1985-06-19", "in 1985-06", "in 1985", "between 1967-02-14 and
    1971-05-12"."""
    if precision == "between" and until is not None:
        return f"between {first} and {until}"
    if precision in ("month", "year"):
        return f"in {period_text(first, precision)}"
    return f"on {first}"


def period_end(first: dt.date, precision: str, until: dt.date | None = None) -> dt.date:
    """The last day of the day, month or year that begins on `first`, or `until`."""
    if precision == "year":
        return dt.date(first.year, 12, 31)
    if precision == "month":
        following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    if precision == "between" and until is not None:
        return until
    return first


def _act_tag(value: Any) -> str:
    return "~act" if isinstance(value, (dict, Act)) else "~day"


# A row's act: a bare date (sourced by the row or the table), or a mapping with its own source.
ActValue = Annotated[
    Annotated[Day, Tag("~day")] | Annotated[Act, Tag("~act")],
    Discriminator(
        _act_tag, custom_error_type="act", custom_error_message="write a date (YYYY-MM-DD) or {date, source}"
    ),
]


class StateRow(_Strict):
    """One state's whole story under one treaty: written on one line of the table."""

    signed: ActValue | None = None
    ratified: ActValue | None = None
    acceded: ActValue | None = None
    succeeded: ActValue | None = None
    accepted: ActValue | None = None
    approved: ActValue | None = None
    consented: ActValue | None = None  # consent to be bound notified (CCW protocols, Convention art. 4)
    joined: ActValue | None = None  # admitted to a regime, subscribed to or endorsed a commitment
    original: Annotated[bool, Field(strict=True)] = False
    in_force: ActValue | None = None
    withdrawal_notice: ActValue | None = None
    withdrawal_condition: Text | None = None
    withdrawn: ActValue | None = None
    deratified: ActValue | None = None
    signature_withdrawn: ActValue | None = None
    suspended: ActValue | None = None
    suspension_claimed: ActValue | None = None
    resumed: ActValue | None = None
    source: Line | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _one_consent(self) -> "StateRow":
        given = [kind.value for kind in CONSENTS if getattr(self, kind.value) is not None]
        if len(given) > 1:
            raise ValueError(f"one consent to be bound per row, not {' and '.join(sorted(given))}")
        if self.withdrawal_condition is not None and self.withdrawal_notice is None:
            raise ValueError("`withdrawal_condition` needs the `withdrawal_notice` it qualifies")
        return self

    def acts(self) -> list[tuple[ActKind, dt.date, "Act | None"]]:
        """The row's acts as (kind, day, the act written out or None), in the order of the keys."""
        found: list[tuple[ActKind, dt.date, Act | None]] = []
        for kind, key in _ROW_KEYS:
            value = getattr(self, key)
            if value is None:
                continue
            if isinstance(value, Act):
                found.append((kind, value.date, value))
            else:
                found.append((kind, value, None))
        return found


# The row keys that are dated acts, in the order a state's story usually runs.
ROW_ACTS = (
    ActKind.SIGNED,
    ActKind.RATIFIED,
    ActKind.ACCEDED,
    ActKind.SUCCEEDED,
    ActKind.ACCEPTED,
    ActKind.APPROVED,
    ActKind.CONSENTED,
    ActKind.JOINED,
    ActKind.IN_FORCE,
    ActKind.SUSPENDED,
    ActKind.SUSPENSION_CLAIMED,
    ActKind.RESUMED,
    ActKind.WITHDRAWAL_NOTICE,
    ActKind.WITHDRAWN,
    ActKind.DERATIFIED,
    ActKind.SIGNATURE_WITHDRAWN,
)
_ROW_KEYS = tuple((kind, kind.value) for kind in ROW_ACTS)  # each kind with its key, named once

_Bounded = Annotated[int, Field(ge=0, le=1200, strict=True)]


class Span(_Strict):
    """A length of time in a treaty's final clauses (no source of its own: the clause has one)."""

    years: _Bounded = 0
    months: _Bounded = 0
    days: Annotated[int, Field(ge=0, le=36600, strict=True)] = 0


class _Timing(_Strict):
    """The day an instrument takes effect: on deposit, a span after it, or the first day of a later month."""

    rule: DepositRuleKind
    years: _Bounded = 0
    months: _Bounded = 0
    days: Annotated[int, Field(ge=0, le=36600, strict=True)] = 0
    source: Line
    note: Text | None = None

    @model_validator(mode="after")
    def _span_fits_rule(self) -> "_Timing":
        span = self.years or self.months or self.days
        if self.rule in (DepositRuleKind.ON_DEPOSIT, DepositRuleKind.PER_STATE) and span:
            raise ValueError(f"`{self.rule.value}` takes no years, months or days")
        if self.rule is DepositRuleKind.AFTER_DEPOSIT and not span:
            raise ValueError("`after-deposit` needs years, months or days")
        if self.rule is DepositRuleKind.FIRST_DAY_OF_MONTH and (self.years or self.days or not self.months):
            raise ValueError("`first-day-of-month` takes `months` only (the first day of the Nth month after)")
        return self

    def describe(self) -> str:
        if self.rule is DepositRuleKind.ON_DEPOSIT:
            return "on the day of deposit"
        if self.rule is DepositRuleKind.PER_STATE:
            return "on a day recorded for each state"
        if self.rule is DepositRuleKind.FIRST_DAY_OF_MONTH:
            return f"on the first day of the {_ordinal(self.months)} month after deposit"
        parts = [
            f"{n} {unit}{'' if n == 1 else 's'}"
            for n, unit in ((self.years, "year"), (self.months, "month"), (self.days, "day"))
            if n
        ]
        return ", ".join(parts) + " after deposit"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


# The consents a rule may be narrowed to (`applies_to`), as written in a row.
ConsentKind = Literal["ratified", "acceded", "succeeded", "accepted", "approved", "consented"]


class DepositRule(_Timing):
    """A treaty's rule for the states that consent late, from its final clauses.

    Most treaties apply it to instruments deposited after the treaty's own entry into force.
    Some count from the deposit that triggered entry into force instead (the TPNW's art. 15(2):
    "after the date of deposit of the fiftieth instrument"; the CPPNM's art. 19(2)): then a state
    that deposited between that deposit and the entry into force is bound later than the
    treaty's first day, and `after_deposits` says which deposit the rule counts from.
    `applies_to` narrows the rule to some kinds of consent (the Geneva Protocol's ratifications
    take effect on deposit; its accessions when France notifies them, a day for each row).
    """

    after_deposits: Annotated[int, Field(ge=1, le=1000, strict=True)] | None = None
    applies_to: tuple[ConsentKind, ...] = ()

    def governs(self, kind: ActKind) -> bool:
        """Whether this rule gives the day for a consent of this kind."""
        return not self.applies_to or kind.value in self.applies_to


class EntryCondition(_Timing):
    """How the treaty itself enters into force: after the Nth instrument, or once named states have all deposited."""

    deposits: Annotated[int, Field(ge=1, le=1000, strict=True)] | None = None
    required: tuple[PartyCode, ...] = ()
    not_before: Span | None = None  # measured from the opening for signature

    @model_validator(mode="after")
    def _needs_a_count(self) -> "EntryCondition":
        if self.rule is DepositRuleKind.PER_STATE:
            raise ValueError("an entry-into-force condition is `on-deposit`, `after-deposit` or `first-day-of-month`")
        if self.deposits is None and not self.required:
            raise ValueError("give `deposits` (the Nth instrument) or `required` (the states that must deposit)")
        return self


class ListCount(_Strict):
    """The counts a list states in its own header ('Signatories : 130. Parties : 117'), so that a
    table which lost or gained a row in transcription no longer agrees with its list."""

    parties: Annotated[int, Field(ge=0, le=10000, strict=True)]
    signatories: Annotated[int, Field(ge=0, le=10000, strict=True)] | None = None
    note: Text | None = None


class OpenTo(_Strict):
    """The only states an instrument is open to, by its own terms (Protocol 1 of Rarotonga: the
    three powers with territories in the zone): any other state is not a party, on any day."""

    states: Annotated[tuple[PartyCode, ...], Field(min_length=1)]
    source: Line
    note: Text | None = None

    def admits(self, state: str, predecessor: str | None = None) -> bool:
        """Whether `state` (or the state it continues: the Russian Federation the USSR) may take part."""
        return state in self.states or (predecessor is not None and predecessor in self.states)


class Participation(_Strict):
    """Every recorded state's acts under one treaty, as one depositary list states them."""

    coverage: Coverage
    as_of: Day | None = None
    source: Line | None = None
    list_name: Line | None = None
    # A partial table whose list is whole (it names every state that had acted by `as_of`) but
    # some of whose days are not recorded (a consent's day in force): a state it does not name is
    # not a party, as under a complete table, while the named states' gaps stay visible.
    list_complete: Annotated[bool, Field(strict=True)] = False
    open_to: OpenTo | None = None
    in_force_for_state: DepositRule | None = None
    # What a bound state is called: a regime's `member`, a code's `subscribing` state, an
    # initiative's `endorsing` state (default: `party`).
    members_are: Literal["member", "subscribing", "endorsing"] | None = None
    entry_into_force_condition: EntryCondition | None = None
    # The list's own header counts on its `as_of` day (only where the list states them).
    list_count: ListCount | None = None
    states: dict[PartyCode, StateRow] = Field(default_factory=dict)
    note: Text | None = None

    @model_validator(mode="after")
    def _complete_has_a_date(self) -> "Participation":
        if self.coverage is Coverage.NONE:
            raise ValueError("leave `participation` out for no table; coverage is `complete` or `partial`")
        if self.coverage is Coverage.COMPLETE and (self.as_of is None or self.source is None):
            raise ValueError("a complete table names its `source` (the depositary's list) and its `as_of` date")
        if self.list_complete and self.coverage is Coverage.COMPLETE:
            raise ValueError("a complete table's list is complete already: leave `list_complete` out")
        if self.list_complete and (self.as_of is None or self.source is None):
            raise ValueError("`list_complete` needs the list's `source` and its `as_of` date")
        if self.list_count is not None and self.as_of is None:
            raise ValueError("`list_count` is the list's header on its `as_of` day: give `as_of`")
        return self


class StateLife(_Strict):
    """When a state began or ceased to exist, and whom it continues (the Russian Federation the USSR)."""

    began: Day | None = None
    ended: Day | None = None
    # The state had ceased to exist by this day (a source of that day says so), but no source
    # gives the day itself (the SFR Yugoslavia): no list of a later day speaks for it.
    ended_by: Day | None = None
    continued_by: PartyCode | None = None
    source: Line
    note: Text | None = None

    @model_validator(mode="after")
    def _has_a_date(self) -> "StateLife":
        if self.began is None and self.ended is None and self.ended_by is None:
            raise ValueError("give `began`, `ended` or `ended_by`")
        if self.ended_by is not None and self.ended is not None:
            raise ValueError("give `ended` (the day) or `ended_by` (a day by which it had ended), not both")
        if self.began is not None and self.ended is not None and self.ended <= self.began:
            raise ValueError("`ended` must be after `began`")
        if self.continued_by is not None and self.ended is None:
            raise ValueError("`continued_by` needs the `ended` day")
        return self
