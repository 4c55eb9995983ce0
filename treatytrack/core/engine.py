"""The status engine: what holds on a given day, derived from a treaty's recorded facts.

Pure functions of (treaty, day). Nothing here reads the clock or a file: "today" is always
passed in, so every answer can be reproduced for any date.

Conventions (documented in docs/status.md):
- A treaty is in force from its entry-into-force day; it has expired *on* its expiry day
  (entry into force + duration, or the `new_expiry` of the latest extension agreed by then).
- A withdrawal takes effect on the day the event records, or else on notice + the treaty's
  notice period (calendar-month arithmetic). From that day the state is out; for a bilateral
  treaty the treaty itself is terminated.
- Suspension changes a bilateral treaty's status; for other treaties it is the party's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import NamedTuple, Protocol

from treatytrack.core.models import ENDING_EVENTS, Event, Period, Treaty
from treatytrack.core.vocab import EventType, Kind, Status


class Assessment(NamedTuple):
    """A status on a day, with the rule and the events that produced it."""

    status: Status
    since: dt.date | None
    why: str
    evidence: tuple[Event, ...] = ()
    expires: dt.date | None = None  # the scheduled or actual end known on the day
    expires_by: str | None = None  # "term", "extension", "withdrawal" or an ending event type
    expires_why: str | None = None
    # "month", "year" or "between" (to `since_until`) where `since` is only the period's first day.
    since_precision: str = "day"
    since_until: dt.date | None = None


class Spanned(Protocol):
    """Anything with years, months and days: a term, a notice period, a final clause's delay."""

    @property
    def years(self) -> int: ...
    @property
    def months(self) -> int: ...
    @property
    def days(self) -> int: ...


def add_period(day: dt.date, period: Spanned) -> dt.date:
    """Calendar arithmetic: 2019-02-02 + 6 months = 2019-08-02; Jan 31 + 1 month = Feb 28/29.

    As dateutil's relativedelta adds them (years and months first, the day kept or cut to the
    month's last, then days), without building one per call: this runs for every treaty.
    """
    months = day.month - 1 + period.months + 12 * period.years
    year, month = day.year + months // 12, months % 12 + 1
    return dt.date(year, month, min(day.day, _month_length(year, month))) + dt.timedelta(days=period.days)


_MONTH_LENGTHS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _month_length(year: int, month: int) -> int:
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _MONTH_LENGTHS[month - 1]


def withdrawal_effective(treaty: Treaty, notice: Event) -> dt.date | None:
    """The day a withdrawal notice takes effect: as recorded, or notice + notice period."""
    if notice.effective is not None:
        return notice.effective
    if treaty.withdrawal_notice is None:
        return None
    return add_period(notice.date, treaty.withdrawal_notice)


def events_until(treaty: Treaty, day: dt.date) -> Iterable[Event]:
    return (e for e in treaty.events if e.date <= day)


class _Ending(NamedTuple):
    day: dt.date
    status: Status
    by: str
    explain: Callable[[], str]  # the reason, written only for the endings a result reports
    evidence: tuple[Event, ...] = ()


# Bound once: these run for every treaty of a listing.
_EXTENDED = EventType.EXTENDED
_EXPIRED_EVENT = EventType.EXPIRED
_ABANDONED = EventType.ABANDONED
_WITHDRAWN = EventType.WITHDRAWN
_NOTICE = EventType.WITHDRAWAL_NOTICE
_RESCINDED = EventType.WITHDRAWAL_RESCINDED
_SUSPENDED = EventType.SUSPENDED
_RESUMED = EventType.RESUMED
_EXPIRED = Status.EXPIRED
_TERMINATED = Status.TERMINATED
_BILATERAL = Kind.BILATERAL


def _latest_extension(treaty: Treaty, day: dt.date) -> Event | None:
    extension = None
    for event in sorted(treaty.events, key=_event_day):
        if event.type is _EXTENDED and event.date <= day and extends(treaty, extension, event):
            extension = event
    return extension


def extends(treaty: Treaty, current: Event | None, extension: Event) -> bool:
    """Whether `extension` was agreed before the expiry then in force (`current`: the extension in
    effect before it). One dated on or after that expiry comes too late: an ended treaty is not
    revived (`validate` reports such a record; a new agreement is a treaty of its own)."""
    expiry = expiry_after(treaty, current)
    return expiry is None or extension.date < expiry[0]


def expiry_after(treaty: Treaty, extension: Event | None) -> tuple[dt.date, Event | None] | None:
    """The expiry set by `extension` (None: extended indefinitely), or by the term when there is none."""
    if extension is not None:
        if extension.new_expiry is None:  # extended indefinitely
            return None
        return extension.new_expiry, extension
    if treaty.entry_into_force is None or treaty.duration is None:
        return None
    return add_period(treaty.entry_into_force.date, treaty.duration), None


def scheduled_expiry(treaty: Treaty, day: dt.date) -> tuple[dt.date, Event | None] | None:
    """The expiry known on `day`: the latest extension agreed by then, or the original term."""
    return expiry_after(treaty, _latest_extension(treaty, day))


def withdrawals_known(treaty: Treaty, day: dt.date) -> list[tuple[dt.date, Event]]:
    """Withdrawals known on `day` (notice given by then, not rescinded), with effective days."""
    found: dict[str, tuple[dt.date, Event]] = {}
    for event in events_until(treaty, day):
        party = event.party or ""
        if event.type is EventType.WITHDRAWAL_NOTICE:
            effective = withdrawal_effective(treaty, event)
            if effective is not None and party not in found:
                found[party] = (effective, event)
        elif event.type is EventType.WITHDRAWN and party not in found:
            found[party] = (event.date, event)
        elif event.type is EventType.WITHDRAWAL_RESCINDED and party in found and found[party][0] > event.date:
            del found[party]  # only a withdrawal not yet in effect can be rescinded
    return sorted(found.values(), key=lambda pair: pair[0])


def sized(period: Period, noun: str) -> str:
    """`10-year term`, `6-month notice period`; a period of several units: `term of 1 year, 6 months`."""
    parts = [(n, unit) for n, unit in ((period.years, "year"), (period.months, "month"), (period.days, "day")) if n]
    if len(parts) == 1:
        n, unit = parts[0]
        return f"{n}-{unit} {noun}"
    return f"{noun} of {period.describe()}"


def _extension_why(extension: Event, on: dt.date) -> Callable[[], str]:
    return lambda: f"term extended on {extension.date} to {on}"


def _term_why(treaty: Treaty, on: dt.date) -> Callable[[], str]:
    assert treaty.entry_into_force is not None and treaty.duration is not None
    term, start = treaty.duration, treaty.entry_into_force.date
    return lambda: f"{sized(term, 'term')} from entry into force on {start}, ending {on}"


def _announced_why(event: Event) -> Callable[[], str]:
    return lambda: f"{event.type.value} on {event.date}, fixed in advance on {event.announced}"


def _event_why(event: Event) -> Callable[[], str]:
    return lambda: f"{event.type.value} on {event.date}"


def _withdrawal_why(treaty: Treaty, event: Event, effective: dt.date) -> Callable[[], str]:
    if event.type is _WITHDRAWN:
        return lambda: f"withdrawal by {event.party} took effect on {effective}"
    if event.effective is not None:
        return lambda: f"withdrawal notice by {event.party} on {event.date}, effective {effective}"
    notice = treaty.withdrawal_notice
    assert notice is not None
    return lambda: (
        f"withdrawal notice by {event.party} on {event.date}, {sized(notice, 'notice period')}, effective {effective}"
    )


def _ending_order(ending: _Ending) -> tuple[dt.date, int]:
    # On a tie, the most informative reason wins: a withdrawal's arithmetic, then a term, then a bare event.
    return ending.day, 0 if ending.by == "withdrawal" else 1 if ending.by in ("extension", "term") else 2


def _active_suspensions(treaty: Treaty, day: dt.date) -> list[Event]:
    by_party: dict[str, Event] = {}
    for event in events_until(treaty, day):
        if event.type is EventType.SUSPENDED:
            by_party.setdefault(event.party or "", event)
        elif event.type is EventType.RESUMED:
            by_party.pop(event.party or "", None)
    return sorted(by_party.values(), key=lambda e: e.date)


class Chronicle:
    """A treaty's events read in date order, up to a day that only moves forward.

    `assess` reads up to one day. `history.changes_between` asks about many days of one treaty
    with one chronicle, so that a diff reads each event once instead of once per day asked.
    """

    def __init__(self, treaty: Treaty) -> None:
        self.treaty = treaty
        self._events = sorted(treaty.events, key=_event_day)  # in date order already, once validated
        self._read = 0
        self.day: dt.date | None = None
        self._extension: Event | None = None
        self._first_ending: Event | None = None
        self._abandoned: Event | None = None
        # Endings fixed in advance (`announced`): deadlines from the day they were fixed.
        self._announced = [e for e in self._events if e.announced is not None and e.type in ENDING_EVENTS]
        self._withdrawals: dict[str, tuple[dt.date, Event]] = {}  # as `withdrawals_known`
        self._suspensions: dict[str, Event] = {}  # as `_active_suspensions`

    def advance(self, day: dt.date) -> Chronicle:
        """Read the events up to and including `day` (never earlier than the last day read)."""
        if self.day is not None and day < self.day:
            raise ValueError(f"a chronicle only moves forward: {day} is before {self.day}")
        events, treaty = self._events, self.treaty
        while self._read < len(events) and events[self._read].date <= day:
            event = events[self._read]
            self._read += 1
            kind = event.type
            if kind is _EXTENDED:
                if extends(treaty, self._extension, event):
                    self._extension = event
            elif kind in ENDING_EVENTS:
                if self._first_ending is None:
                    self._first_ending = event
            elif kind is _ABANDONED:
                if self._abandoned is None:
                    self._abandoned = event
            elif kind is _NOTICE:
                party = event.party or ""
                effective = withdrawal_effective(treaty, event)
                if effective is not None and party not in self._withdrawals:
                    self._withdrawals[party] = (effective, event)
            elif kind is _WITHDRAWN:
                self._withdrawals.setdefault(event.party or "", (event.date, event))
            elif kind is _RESCINDED:
                known = self._withdrawals.get(event.party or "")
                if known is not None and known[0] > event.date:  # only a withdrawal not yet in effect
                    del self._withdrawals[event.party or ""]
            elif kind is _SUSPENDED:
                self._suspensions.setdefault(event.party or "", event)
            elif kind is _RESUMED:
                self._suspensions.pop(event.party or "", None)
        self.day = day
        return self

    def _endings(self) -> list[_Ending]:
        """Every way the treaty ends that is known on the day read to, actual or scheduled, soonest first."""
        treaty = self.treaty
        endings: list[_Ending] = []
        expiry = expiry_after(treaty, self._extension)
        if expiry is not None:
            on, extension = expiry
            if extension is not None:
                endings.append(_Ending(on, _EXPIRED, "extension", _extension_why(extension, on), (extension,)))
            else:
                endings.append(_Ending(on, _EXPIRED, "term", _term_why(treaty, on)))
        event = self._first_ending  # a later ending event can never be the first end
        if event is not None:
            status = _EXPIRED if event.type is _EXPIRED_EVENT else _TERMINATED
            endings.append(_Ending(event.date, status, event.type.value, _event_why(event), (event,)))
        elif self.day is not None:
            for fixed in self._announced:  # not yet read: still ahead, but known since `announced`
                if fixed.announced is not None and fixed.announced <= self.day < fixed.date:
                    status = _EXPIRED if fixed.type is _EXPIRED_EVENT else _TERMINATED
                    endings.append(_Ending(fixed.date, status, fixed.type.value, _announced_why(fixed), (fixed,)))
                    break
        if treaty.kind is _BILATERAL:
            for effective, notice in sorted(self._withdrawals.values(), key=_first):
                endings.append(
                    _Ending(effective, _TERMINATED, "withdrawal", _withdrawal_why(treaty, notice, effective), (notice,))
                )
        if len(endings) > 1:
            endings.sort(key=_ending_order)
        return endings

    def assessment(self) -> Assessment:
        """The treaty's status on the day read to, with its reason and its scheduled end."""
        day = self.day
        assert day is not None, "advance() to a day first"
        treaty = self.treaty
        ended = upcoming = None
        for ending in self._endings():  # soonest first
            if ending.day > day:
                upcoming = ending
                break
            if ended is None:
                ended = ending
        eif = treaty.in_force_from
        entry = treaty.entry_into_force
        precise = entry is None or entry.precision == "day"

        if eif is None or day < eif:
            abandoned = self._abandoned
            if abandoned is not None:
                why = f"abandoned: never in force; {abandoned.party} declared on {abandoned.date} that it would not be bound"
                return Assessment(Status.ABANDONED, abandoned.date, why, (abandoned,))
            why = (
                "signed or open for signature; never entered into force"
                if entry is None
                else f"enters into force on {eif}"
                if precise
                else f"enters into force {entry.words} (the day is not recorded)"
            )
            opened = treaty.opened_date
            return Assessment(
                Status.NOT_IN_FORCE,
                treaty.opened,
                why,
                since_precision=opened.precision if opened is not None else "day",
                since_until=opened.until if opened is not None else None,
            )
        if ended is not None and ended.day >= eif:
            reason = ended.explain()
            return Assessment(
                ended.status,
                ended.day,
                f"{ended.status.value}: {reason}",
                ended.evidence,
                ended.day,
                ended.by,
                reason,
            )
        expires = upcoming.day if upcoming else None
        expires_by = upcoming.by if upcoming else None
        expires_why = upcoming.explain() if upcoming else None
        if entry is not None and not precise and day <= entry.last_day:
            period = "period" if entry.precision == "between" else entry.precision
            why = (
                f"entered into force {entry.words}; the day is not recorded, so whether it was yet in "
                f"force on a day of that {period} is not known (in force by {entry.last_day + dt.timedelta(days=1)})"
            )
            return Assessment(
                Status.DAY_NOT_RECORDED, eif, why, (), expires, expires_by, expires_why, entry.precision, entry.until
            )
        if treaty.kind is _BILATERAL and self._suspensions:
            suspensions = sorted(self._suspensions.values(), key=_event_day)
            parts = ", ".join(f"{e.party} on {e.date}" for e in suspensions)
            return Assessment(
                Status.SUSPENDED,
                suspensions[0].date,
                f"suspended: implementation suspended by {parts}",
                tuple(suspensions),
                expires,
                expires_by,
                expires_why,
            )
        why = f"in force since {eif}"
        if entry is not None and not precise:
            since = f"a day {entry.words}" if entry.precision == "between" else entry.text
            why = f"in force since {since} (day not recorded)"
        if expires_why is not None:
            why += f"; {expires_why}"
        evidence = upcoming.evidence if upcoming else ()
        known = (entry.precision, entry.until) if entry is not None else ("day", None)
        return Assessment(Status.IN_FORCE, eif, why, evidence, expires, expires_by, expires_why, *known)

    def withdrawals(self) -> list[tuple[dt.date, Event]]:
        """`withdrawals_known` on the day read to."""
        return sorted(self._withdrawals.values(), key=_first)


def _event_day(event: Event) -> dt.date:
    return event.date


def _first(pair: tuple[dt.date, Event]) -> dt.date:
    return pair[0]


def assess(treaty: Treaty, day: dt.date) -> Assessment:
    """The treaty's status on `day`, with its reason and its scheduled end."""
    return Chronicle(treaty).advance(day).assessment()


def status_on(treaty: Treaty, day: dt.date) -> Status:
    return assess(treaty, day).status


def exists_on(treaty: Treaty, day: dt.date) -> bool:
    """Whether the treaty had begun by `day` (`Treaty.began`: signed or opened, or else in force)."""
    began = treaty.began
    return began is not None and began <= day
