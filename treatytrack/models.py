"""The data model: what a treaty record may say, checked strictly.

Records hold facts (dates, events, rules); status is never stored, it is computed by
`treatytrack.engine`. Models are frozen and refuse unknown keys so that a typo in a data file
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
    Field,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)

from treatytrack.vocab import Category, EventType, Instrument, Kind

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


class Treaty(_Strict):
    id: Slug
    name: Line
    short_name: Line
    aliases: tuple[Line, ...] = ()
    kind: Kind
    instrument: Instrument
    categories: Annotated[tuple[Category, ...], Field(min_length=1)]
    depositary: Line | None = None
    parties: tuple[PartyCode, ...] = ()
    parties_complete: bool = True
    party_count: PartyCount | None = None
    signed: SourcedDate | None = None
    opened_for_signature: SourcedDate | None = None
    entry_into_force: SourcedDate | None = None
    duration: Period | None = None
    withdrawal_notice: Period | None = None
    events: tuple[Event, ...] = ()
    limits: tuple[Limit, ...] = ()
    sources: tuple[Reference, ...] = ()
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


class Dataset(_Strict):
    version: Literal[1]
    reviewed: Day
    non_state_parties: tuple[NonStateParty, ...] = ()
    treaties: tuple[Treaty, ...]
