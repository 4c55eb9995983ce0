"""A treaty record: its key dates, terms, events, limits and sources, and the dataset of them.

No `from __future__ import annotations` here: Pydantic would evaluate every annotation string
when the classes are defined, which is on every run (about a fifth of the models' import time).
"""

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, model_validator

from treatytrack.core.models.declared import Declared, DeclaredTotal, duplicate_declared
from treatytrack.core.models.fields import Alias, Day, Line, Name, PartyCode, ShortName, Slug, Text, Unit, _Strict
from treatytrack.core.models.participation import (
    Participation,
    Precision,
    StateLife,
    check_period,
    period_end,
    period_text,
    period_words,
)
from treatytrack.core.vocab import Category, Coverage, EventType, Instrument, Kind

# Event types that only make sense for a named party.
PARTY_EVENTS = frozenset(
    {
        EventType.RATIFIED,
        EventType.ACCEDED,
        EventType.ENTERED_INTO_FORCE,
        EventType.SUSPENDED,
        EventType.RESUMED,
        EventType.WITHDRAWAL_NOTICE,
        EventType.WITHDRAWAL_RESCINDED,
        EventType.WITHDRAWN,
        EventType.DERATIFIED,
        EventType.SUCCEEDED,
        EventType.ACCEPTED,
        EventType.APPROVED,
        EventType.SIGNATURE_WITHDRAWN,
        EventType.SUSPENSION_CLAIMED,
        EventType.ABANDONED,
    }
)
# Event types that end the treaty itself.
ENDING_EVENTS = frozenset({EventType.SUPERSEDED, EventType.TERMINATED, EventType.EXPIRED})


class SourcedDate(_Strict):
    """A key date and where it comes from.

    A date known only to its month or year (the Australia Group first met "in June 1985") is
    written as that period's first day with `precision: month` or `year`, as a participation
    act is: the answers then never show the first day as if it were the day (see `text`). A
    date known only to lie between two days (a protocol in force by the day a later party's
    deposit took effect under it) is `precision: between` with `until`.
    """

    date: Day
    precision: Precision = "day"
    until: Day | None = None
    source: Line
    note: Text | None = None

    @model_validator(mode="after")
    def _period_is_well_formed(self) -> "SourcedDate":
        check_period(self.date, self.precision, self.until)
        return self

    @property
    def last_day(self) -> dt.date:
        """The last day the date may be: `date` itself, its month's or year's end, or `until`."""
        return period_end(self.date, self.precision, self.until)

    @property
    def text(self) -> str:
        """`1985-06-19`, or `1985-06` / `1985` where only the month or year is known, or
        `1967-02-14/1971-05-12` where only the two days it lies between are."""
        return period_text(self.date, self.precision, self.until)

    @property
    def words(self) -> str:
        """The date in a sentence: "on 1985-06-19", "in 1985", "between 1967-02-14 and 1971-05-12"."""
        return period_words(self.date, self.precision, self.until)


class Period(_Strict):
    """A span written in the treaty text (a term, a notice period)."""

    # Bounded so that a period added to any day a record may give stays in the calendar.
    years: Annotated[int, Field(ge=0, le=500, strict=True)] = 0
    months: Annotated[int, Field(ge=0, le=6000, strict=True)] = 0
    days: Annotated[int, Field(ge=0, le=100_000, strict=True)] = 0
    source: Line
    note: Text | None = None

    @model_validator(mode="after")
    def _not_zero(self) -> "Period":
        if not (self.years or self.months or self.days):
            raise ValueError("give at least one of years, months or days")
        return self

    def describe(self) -> str:
        parts = [
            f"{n} {unit}{'' if n == 1 else 's'}"
            for n, unit in ((self.years, "year"), (self.months, "month"), (self.days, "day"))
            if n
        ]
        return ", ".join(parts)


class PartyCount(_Strict):
    count: Annotated[int, Field(ge=0, le=10_000, strict=True)]
    as_of: Day
    source: Line


class Event(_Strict):
    date: Day
    type: EventType
    party: PartyCode | None = None
    note: Text | None = None
    source: Line
    new_expiry: Day | None = None
    effective: Day | None = None
    # Why a recorded `effective` is not notice + the treaty's notice period (see checks.py).
    effective_differs: Text | None = None
    # Why a `withdrawn` event has no `withdrawal-notice` before it: no source gives the notice.
    notice_unknown: Text | None = None
    # The day an ending was fixed in advance (the JCPOA's Termination Day, set by resolution 2231
    # on 2015-07-20): from then on it is a deadline that `expiring` lists.
    announced: Day | None = None

    @model_validator(mode="after")
    def _fields_fit_type(self) -> "Event":
        if self.type in PARTY_EVENTS and self.party is None:
            raise ValueError(f"a `{self.type.value}` event needs a `party`")
        if self.new_expiry is not None and self.type is not EventType.EXTENDED:
            raise ValueError("`new_expiry` belongs only on an `extended` event")
        if self.effective is not None and self.type is not EventType.WITHDRAWAL_NOTICE:
            raise ValueError("`effective` belongs only on a `withdrawal-notice` event")
        if self.effective_differs is not None and self.effective is None:
            raise ValueError("`effective_differs` explains a recorded `effective`; this event has none")
        if self.notice_unknown is not None and self.type is not EventType.WITHDRAWN:
            raise ValueError("`notice_unknown` belongs only on a `withdrawn` event")
        if self.announced is not None and self.type not in ENDING_EVENTS:
            raise ValueError("`announced` belongs only on an ending event (`terminated`, `expired`, `superseded`)")
        if self.announced is not None and self.announced > self.date:
            raise ValueError("`announced` is the day the ending was fixed: on or before the event's own date")
        if self.effective is not None and self.effective < self.date:
            raise ValueError("`effective` is before the notice's own date")
        if self.new_expiry is not None and self.new_expiry <= self.date:
            raise ValueError("`new_expiry` must be after the extension's date")
        return self


class Limit(_Strict):
    item: Name
    value: Annotated[int, Field(ge=0, le=10**12, strict=True)]  # JSON readers hold integers to 2**53
    unit: Unit
    deadline: Day | None = None
    source: Line
    note: Text | None = None
    # What each party declared it held against this ceiling, by data date (declared.py).
    declared: tuple[Declared, ...] = ()

    @model_validator(mode="after")
    def _one_row_per_party_and_date(self) -> "Limit":
        problem = duplicate_declared(self.declared)
        if problem:
            raise ValueError(problem)
        return self


class Reference(_Strict):
    title: Line
    url: Line


class NonStateParty(_Strict):
    code: PartyCode
    name: Name


class Treaty(_Strict):
    id: Slug
    name: Name
    short_name: ShortName
    aliases: tuple[Alias, ...] = ()
    kind: Kind
    instrument: Instrument
    categories: Annotated[tuple[Category, ...], Field(min_length=1)]
    depositary: Name | None = None
    parent: Slug | None = None  # the treaty this instrument belongs to (a protocol of the CCW)
    party_count: PartyCount | None = None
    signed: SourcedDate | None = None
    opened_for_signature: SourcedDate | None = None
    entry_into_force: SourcedDate | None = None
    duration: Period | None = None
    withdrawal_notice: Period | None = None
    events: tuple[Event, ...] = ()
    limits: tuple[Limit, ...] = ()
    # Declared totals no ceiling measures (missiles eliminated, stockpiles destroyed).
    declared: tuple[DeclaredTotal, ...] = ()
    sources: tuple[Reference, ...] = ()
    participation: Participation | None = None
    notes: Text | None = None

    @model_validator(mode="after")
    def _one_total_per_item_party_and_date(self) -> "Treaty":
        problem = duplicate_declared(self.declared)
        if problem:
            raise ValueError(problem)
        return self

    @model_validator(mode="after")
    def _term_runs_from_a_day(self) -> "Treaty":
        eif = self.entry_into_force
        if self.duration is not None and eif is not None and eif.precision != "day":
            # A term counted from a month or a year would end on a guessed day.
            raise ValueError("a term (`duration`) runs from a day: `entry_into_force` needs `precision: day`")
        return self

    @property
    def opened(self) -> dt.date | None:
        """The day the treaty came into being: signature, or opening for signature."""
        dates = [d.date for d in (self.signed, self.opened_for_signature) if d is not None]
        return min(dates) if dates else None

    @property
    def opened_date(self) -> SourcedDate | None:
        """The key date `opened` is: the earlier of signature and opening for signature."""
        dates = [d for d in (self.signed, self.opened_for_signature) if d is not None]
        return min(dates, key=lambda d: d.date) if dates else None

    @property
    def in_force_from(self) -> dt.date | None:
        return self.entry_into_force.date if self.entry_into_force else None

    @property
    def began(self) -> dt.date | None:
        """The first day a listing shows the treaty: opened, or else in force (a record may give
        only its entry into force)."""
        return self.opened or self.in_force_from

    @property
    def began_key(self) -> SourcedDate | None:
        """The key date `began` is, with its precision."""
        return self.opened_date or self.entry_into_force

    def key_text(self, day: dt.date) -> str:
        """`day` as ISO text; only the month or year where `day` is the first day of a key date
        known only to that period (a spell of standings that starts with the founding)."""
        for key in (self.signed, self.opened_for_signature, self.entry_into_force):
            if key is not None and key.date == day and key.precision != "day":
                return key.text
        return day.isoformat()

    @property
    def coverage(self) -> Coverage:
        return self.participation.coverage if self.participation is not None else Coverage.NONE

    @property
    def names_every_state(self) -> bool:
        """Whether the table's list names every state that had acted by its as-of day: a complete
        table, or a partial one whose gaps are days (`list_complete`), not states."""
        table = self.participation
        return table is not None and (table.coverage is Coverage.COMPLETE or table.list_complete)

    @property
    def recorded_states(self) -> list[str]:
        """Every state the record names: rows of the table, then parties of events, in that order."""
        codes = dict.fromkeys(self.participation.states if self.participation else ())
        codes.update(dict.fromkeys(e.party for e in self.events if e.party is not None))
        return list(codes)


class Dataset(_Strict):
    version: Literal[1]
    reviewed: Day
    non_state_parties: tuple[NonStateParty, ...] = ()
    state_history: dict[PartyCode, StateLife] = Field(default_factory=dict)
    treaties: tuple[Treaty, ...]
