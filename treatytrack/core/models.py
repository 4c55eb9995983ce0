"""The data model: what a treaty record may say, checked strictly.

Records hold facts (dates, events, rules); status is never stored, it is computed by
`treatytrack.core.engine`. Models are frozen and refuse unknown keys so that a typo in a data file
is an error rather than a silently ignored field.

No `from __future__ import annotations` here: Pydantic would evaluate every annotation string
when the classes are defined, which is on every run (about a fifth of this module's import time).
"""

import datetime as dt
import re
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    WithJsonSchema,
    model_validator,
)

from treatytrack.core.vocab import CONSENTS, ActKind, Category, Coverage, DepositRuleKind, EventType, Instrument, Kind

_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # ASCII digits only
# The days a record may name. Every date derived from them (a term or a notice period added,
# see the bounds of `Period`) stays well inside the calendar (at most 4273), and a year outside
# this range in a treaty file is a typing mistake or a placeholder such as 9999-12-31.
FIRST_DAY, LAST_DAY = dt.date(1800, 1, 1), dt.date(2999, 12, 31)
# One object per distinct day and per distinct set of given keys: a large file repeats both
# thousands of times, and shared objects are stored (and cached) once.
_DAYS: dict[str, dt.date] = {}
_KEY_SETS: dict[frozenset[str], set[str]] = {}


def _parse_day(value: Any) -> dt.date:
    """Accept only the text `YYYY-MM-DD` of a day from FIRST_DAY to LAST_DAY: no integers, no
    datetimes, no other spellings."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        day = value
    elif not isinstance(value, str) or not _ISO_DAY.fullmatch(value):
        raise ValueError("dates are written YYYY-MM-DD, e.g. 2011-02-05")
    else:
        found = _DAYS.get(value)
        if found is not None:
            return found
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value} is not a calendar date") from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(f"{day} is outside the dates a record may give ({FIRST_DAY} to {LAST_DAY})")
    if isinstance(value, str):
        _DAYS[value] = day
    return day


Day = Annotated[
    dt.date,
    BeforeValidator(_parse_day),
    WithJsonSchema({"type": "string", "format": "date", "pattern": r"^(18|19|2[0-9])[0-9]{2}-[0-9]{2}-[0-9]{2}$"}),
]


def _no_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value


# Text that may run over several lines: notes.
Text = Annotated[str, AfterValidator(_no_blank)]


def _one_line(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    if "\n" in value or "\u2028" in value or "\u2029" in value:
        raise ValueError(
            "must be one line: remove the line break (a `>` or `|` block ends with one; write `>-`, or quote the text)"
        )
    if "\t" in value:
        raise ValueError("must be one line without tabs: replace the tab with a space")
    return value


# Text shown on one line: names, sources, URLs, units (a line break would break a table row, a
# calendar entry, a Markdown link).
Line = Annotated[
    str,
    AfterValidator(_one_line),
    WithJsonSchema({"type": "string", "minLength": 1, "pattern": r"^[^\n\t\u2028\u2029]*$"}),
]
_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def _slug(value: str) -> str:
    if not _SLUG.fullmatch(value) or len(value) > 80:
        raise ValueError(f"`{value}` is not an id: use lower-case words joined by hyphens, e.g. new-start")
    return value


Slug = Annotated[str, AfterValidator(_slug)]
# ISO 3166-1 alpha-3 (current or historic) or a non-state code declared in the dataset.
PartyCode = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9]{1,7}$")]


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
    }
)
# Event types that end the treaty itself.
ENDING_EVENTS = frozenset({EventType.SUPERSEDED, EventType.TERMINATED, EventType.EXPIRED})


_M = TypeVar("_M", bound="_Strict")


class _Strict(BaseModel):
    # defer_build: a run served from the cache never validates, so never needs the validators.
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False, defer_build=True)

    def model_post_init(self, context: Any, /) -> None:
        # Share the set of given keys between records that give the same keys (a set per record
        # is most of a large dataset's memory). Safe: the models are frozen, and Pydantic copies
        # the set before changing it (model_copy).
        given = self.__pydantic_fields_set__
        object.__setattr__(self, "__pydantic_fields_set__", _KEY_SETS.setdefault(frozenset(given), given))

    def __reduce__(self) -> tuple[Any, ...]:
        # For the cache: class, values and the shared key set. Pydantic's own pickling adds a
        # state dict per record, which the unpickler keeps until the end (20 MB at 10,000
        # treaties). copy.copy and deepcopy do not come here: Pydantic defines them itself.
        return (rebuild, (type(self), self.__dict__, self.__pydantic_fields_set__))


_new = object.__new__
_set = object.__setattr__  # bound once: this runs for every record of a cached dataset


def rebuild(cls: type[_M], values: dict[str, Any], given: set[str]) -> _M:
    """A record as it was validated: no validation again (the cache holds validated data only)."""
    record = _new(cls)
    _set(record, "__dict__", values)
    _set(record, "__pydantic_fields_set__", given)
    _set(record, "__pydantic_extra__", None)  # extra keys are forbidden
    _set(record, "__pydantic_private__", None)  # and there are no private attributes
    return record


class SourcedDate(_Strict):
    """A key date and where it comes from."""

    date: Day
    source: Line
    note: Text | None = None


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
        if self.effective is not None and self.effective < self.date:
            raise ValueError("`effective` is before the notice's own date")
        if self.new_expiry is not None and self.new_expiry <= self.date:
            raise ValueError("`new_expiry` must be after the extension's date")
        return self


class Limit(_Strict):
    item: Line
    value: Annotated[int, Field(ge=0, le=10**12, strict=True)]  # JSON readers hold integers to 2**53
    unit: Line
    deadline: Day | None = None
    source: Line
    note: Text | None = None


class Reference(_Strict):
    title: Line
    url: Line


class NonStateParty(_Strict):
    code: PartyCode
    name: Line


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
    at: Line | None = None
    source: Line | None = None
    note: Text | None = None
    also: tuple[DepositElsewhere, ...] = ()


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
        for kind in ROW_ACTS:
            value = getattr(self, kind.value)
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
    ActKind.IN_FORCE,
    ActKind.SUSPENDED,
    ActKind.SUSPENSION_CLAIMED,
    ActKind.RESUMED,
    ActKind.WITHDRAWAL_NOTICE,
    ActKind.WITHDRAWN,
    ActKind.DERATIFIED,
    ActKind.SIGNATURE_WITHDRAWN,
)

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


class Participation(_Strict):
    """Every recorded state's acts under one treaty, as one depositary list states them."""

    coverage: Coverage
    as_of: Day | None = None
    source: Line | None = None
    list_name: Line | None = None
    in_force_for_state: DepositRule | None = None
    entry_into_force_condition: EntryCondition | None = None
    states: dict[PartyCode, StateRow] = Field(default_factory=dict)
    note: Text | None = None

    @model_validator(mode="after")
    def _complete_has_a_date(self) -> "Participation":
        if self.coverage is Coverage.NONE:
            raise ValueError("leave `participation` out for no table; coverage is `complete` or `partial`")
        if self.coverage is Coverage.COMPLETE and (self.as_of is None or self.source is None):
            raise ValueError("a complete table names its `source` (the depositary's list) and its `as_of` date")
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


class Treaty(_Strict):
    id: Slug
    name: Line
    short_name: Line
    aliases: tuple[Line, ...] = ()
    kind: Kind
    instrument: Instrument
    categories: Annotated[tuple[Category, ...], Field(min_length=1)]
    depositary: Line | None = None
    parent: Slug | None = None  # the treaty this instrument belongs to (a protocol of the CCW)
    party_count: PartyCount | None = None
    signed: SourcedDate | None = None
    opened_for_signature: SourcedDate | None = None
    entry_into_force: SourcedDate | None = None
    duration: Period | None = None
    withdrawal_notice: Period | None = None
    events: tuple[Event, ...] = ()
    limits: tuple[Limit, ...] = ()
    sources: tuple[Reference, ...] = ()
    participation: Participation | None = None
    notes: Text | None = None

    @property
    def opened(self) -> dt.date | None:
        """The day the treaty came into being: signature, or opening for signature."""
        dates = [d.date for d in (self.signed, self.opened_for_signature) if d is not None]
        return min(dates) if dates else None

    @property
    def in_force_from(self) -> dt.date | None:
        return self.entry_into_force.date if self.entry_into_force else None

    @property
    def began(self) -> dt.date | None:
        """The first day a listing shows the treaty: opened, or else in force (a record may give
        only its entry into force)."""
        return self.opened or self.in_force_from

    @property
    def coverage(self) -> Coverage:
        return self.participation.coverage if self.participation is not None else Coverage.NONE

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
