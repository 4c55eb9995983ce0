"""The status engine: what holds on a given day, derived from a treaty's recorded facts.

Pure functions of (treaty, day). Nothing here reads the clock or a file: "today" is always
passed in, so every answer can be reproduced for any date.

Conventions (documented in the README):
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
from typing import NamedTuple

from treatytrack.models import ENDING_EVENTS, Event, Period, Treaty
from treatytrack.vocab import EventType, Kind, PartyStatus, Status


class Assessment(NamedTuple):
    """A status on a day, with the rule and the events that produced it."""

    status: Status
    since: dt.date | None
    why: str
    evidence: tuple[Event, ...] = ()
    expires: dt.date | None = None  # the scheduled or actual end known on the day
    expires_by: str | None = None  # "term", "extension", "withdrawal" or an ending event type
    expires_why: str | None = None


class PartyAssessment(NamedTuple):
    party: str
    status: PartyStatus
    since: dt.date | None
    why: str
    evidence: tuple[Event, ...] = ()
    withdrawal_effective: dt.date | None = None  # a pending withdrawal, not yet in effect


def add_period(day: dt.date, period: Period) -> dt.date:
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
_WITHDRAWN = EventType.WITHDRAWN
_EXPIRED = Status.EXPIRED
_TERMINATED = Status.TERMINATED
_BILATERAL = Kind.BILATERAL


def _latest_extension(treaty: Treaty, day: dt.date) -> Event | None:
    extension = None
    for event in treaty.events:
        if event.type is _EXTENDED and event.date <= day:
            extension = event
    return extension


def _expiry_after(treaty: Treaty, extension: Event | None) -> tuple[dt.date, Event | None] | None:
    if extension is not None:
        if extension.new_expiry is None:  # extended indefinitely
            return None
        return extension.new_expiry, extension
    if treaty.entry_into_force is None or treaty.duration is None:
        return None
    return add_period(treaty.entry_into_force.date, treaty.duration), None


def scheduled_expiry(treaty: Treaty, day: dt.date) -> tuple[dt.date, Event | None] | None:
    """The expiry known on `day`: the latest extension agreed by then, or the original term."""
    return _expiry_after(treaty, _latest_extension(treaty, day))


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


def _endings(treaty: Treaty, day: dt.date) -> list[_Ending]:
    """Every way the treaty ends that is known on `day`, actual or scheduled, soonest first.

    One pass over the events: this runs for every treaty of every listing.
    """
    extension = None
    ending_events: list[Event] = []
    for event in treaty.events:
        if event.date > day:
            continue
        kind = event.type
        if kind is _EXTENDED:
            extension = event
        elif kind in ENDING_EVENTS:
            ending_events.append(event)
    endings: list[_Ending] = []
    expiry = _expiry_after(treaty, extension)
    if expiry is not None:
        on, extension = expiry
        if extension is not None:
            endings.append(_Ending(on, _EXPIRED, "extension", _extension_why(extension, on), (extension,)))
        else:
            endings.append(_Ending(on, _EXPIRED, "term", _term_why(treaty, on)))
    for event in ending_events:
        status = _EXPIRED if event.type is _EXPIRED_EVENT else _TERMINATED
        endings.append(_Ending(event.date, status, event.type.value, _event_why(event), (event,)))
    if treaty.kind is _BILATERAL:
        for effective, event in withdrawals_known(treaty, day):
            endings.append(
                _Ending(effective, _TERMINATED, "withdrawal", _withdrawal_why(treaty, event, effective), (event,))
            )
    if len(endings) > 1:
        endings.sort(key=_ending_order)
    return endings


def _active_suspensions(treaty: Treaty, day: dt.date) -> list[Event]:
    by_party: dict[str, Event] = {}
    for event in events_until(treaty, day):
        if event.type is EventType.SUSPENDED:
            by_party.setdefault(event.party or "", event)
        elif event.type is EventType.RESUMED:
            by_party.pop(event.party or "", None)
    return sorted(by_party.values(), key=lambda e: e.date)


def assess(treaty: Treaty, day: dt.date) -> Assessment:
    """The treaty's status on `day`, with its reason and its scheduled end."""
    ended = upcoming = None
    for ending in _endings(treaty, day):  # soonest first
        if ending.day > day:
            upcoming = ending
            break
        if ended is None:
            ended = ending
    eif = treaty.in_force_from

    if eif is None or day < eif:
        why = "signed or open for signature; never entered into force" if eif is None else f"enters into force on {eif}"
        return Assessment(Status.NOT_IN_FORCE, treaty.opened, why)
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
    if treaty.kind is _BILATERAL:
        suspensions = _active_suspensions(treaty, day)
        if suspensions:
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
    if expires_why is not None:
        why += f"; {expires_why}"
    evidence = upcoming.evidence if upcoming else ()
    return Assessment(Status.IN_FORCE, eif, why, evidence, expires, expires_by, expires_why)


def status_on(treaty: Treaty, day: dt.date) -> Status:
    return assess(treaty, day).status


def exists_on(treaty: Treaty, day: dt.date) -> bool:
    """Whether the treaty had begun by `day` (`Treaty.began`: signed or opened, or else in force)."""
    began = treaty.began
    return began is not None and began <= day


_JOINING = (EventType.SIGNED, EventType.RATIFIED, EventType.ACCEDED, EventType.ENTERED_INTO_FORCE)


# A continuing state carries on its predecessor's treaty acts (the Russian Federation continues
# the USSR's obligations), so the USSR's signature and ratification count as Russia's.
CONTINUING_STATES = {"RUS": "SUN"}


def assess_party(treaty: Treaty, party: str, day: dt.date) -> PartyAssessment:
    """One state's (or organisation's) standing under the treaty on `day`."""
    predecessor = CONTINUING_STATES.get(party)
    party_codes = {party, predecessor} if party not in treaty.parties and predecessor in treaty.parties else {party}
    if not party_codes.intersection(treaty.parties):
        if treaty.parties_complete:
            return PartyAssessment(party, PartyStatus.NOT_PARTY, None, f"{party} is not a party")
        return PartyAssessment(party, PartyStatus.NOT_TRACKED, None, f"this record does not follow {party}'s standing")
    treaty_now = assess(treaty, day)
    own = [e for e in treaty.events if e.party in party_codes]
    status: PartyStatus | None = None
    since: dt.date | None = None
    why = ""
    evidence: list[Event] = []
    pending: tuple[dt.date, Event] | None = None

    def apply_pending(until: dt.date) -> None:
        nonlocal status, since, why, pending
        if pending is not None and pending[0] <= until:
            status, since = PartyStatus.WITHDRAWN, pending[0]
            why = f"withdrew: notice on {pending[1].date}, effective {pending[0]}"
            pending = None

    if not any(e.type in _JOINING for e in own):
        # A complete party list without joining events: a party from signature and entry into force.
        opened, eif = treaty.opened, treaty.in_force_from
        if eif is not None and eif <= day:
            status, since, why = PartyStatus.PARTY, eif, f"an original party, in force since {eif}"
        elif opened is not None and opened <= day:
            status, since, why = PartyStatus.SIGNATORY, opened, f"signed on {opened}"
    for event in own:
        if event.date > day:
            break
        apply_pending(event.date)
        kind = event.type
        if kind is EventType.SIGNED:
            status, since, why = PartyStatus.SIGNATORY, event.date, f"signed on {event.date}"
        elif kind in (EventType.RATIFIED, EventType.ACCEDED, EventType.ENTERED_INTO_FORCE):
            verb = {"ratified": "ratified", "acceded": "acceded", "entered-into-force": "in force for it"}[kind.value]
            status, since, why = PartyStatus.RATIFIED, event.date, f"{verb} on {event.date}"
            if kind is EventType.ENTERED_INTO_FORCE:
                status = PartyStatus.PARTY
        elif kind is EventType.SUSPENDED:
            status, since, why = PartyStatus.SUSPENDED, event.date, f"suspended on {event.date}"
        elif kind is EventType.RESUMED:
            status, since, why = PartyStatus.PARTY, event.date, f"resumed on {event.date}"
        elif kind is EventType.WITHDRAWAL_NOTICE:
            effective = withdrawal_effective(treaty, event)
            if effective is not None:
                pending = (effective, event)
        elif kind is EventType.WITHDRAWAL_RESCINDED:
            pending = None
        elif kind is EventType.WITHDRAWN:
            status, since, why = PartyStatus.WITHDRAWN, event.date, f"withdrawal took effect on {event.date}"
        elif kind is EventType.DERATIFIED:
            status, since, why = PartyStatus.DERATIFIED, event.date, f"revoked its ratification on {event.date}"
        else:
            continue
        evidence.append(event)
    apply_pending(day)

    if status is None:
        return PartyAssessment(party, PartyStatus.NOT_PARTY, None, "no signature or ratification by this day")
    if status is PartyStatus.RATIFIED and treaty_now.status is not Status.NOT_IN_FORCE:
        eif = treaty.in_force_from
        assert eif is not None and since is not None
        status, since = PartyStatus.PARTY, max(since, eif)
    if status in (PartyStatus.PARTY, PartyStatus.SUSPENDED, PartyStatus.RATIFIED) and treaty_now.status.ended:
        status, since = PartyStatus.TREATY_ENDED, treaty_now.since
        why = f"{why}; treaty {treaty_now.why}"
    pending_day = pending[0] if pending is not None else None
    if pending is not None:
        evidence.append(pending[1])
        why += f"; withdrawal notice on {pending[1].date} takes effect {pending[0]}"
    return PartyAssessment(party, status, since, why, tuple(evidence), pending_day)
