"""The status engine's first, plainest version: an oracle for the faster one in treatytrack.

`assess` here walks the events once per question and writes every reason it might need; the
engine walks them once and writes only the reasons it reports. Both must give the same answer.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from treatytrack.core.engine import Assessment, _active_suspensions, add_period, events_until, withdrawals_known
from treatytrack.core.models import ENDING_EVENTS, Event, Period, Treaty
from treatytrack.core.vocab import EventType, Kind, Status


class _Ending(NamedTuple):
    day: dt.date
    status: Status
    by: str
    why: str
    evidence: tuple[Event, ...] = ()


def scheduled_expiry(treaty: Treaty, day: dt.date) -> tuple[dt.date, Event | None] | None:
    """The expiry known on `day`: the latest extension agreed by then while the treaty still
    ran (one dated on or after the expiry then in force comes too late), or the original term."""
    extension = None
    for event in events_until(treaty, day):
        if event.type is EventType.EXTENDED:
            current = _expiry_by(treaty, extension)
            if current is None or event.date < current[0]:
                extension = event
    return _expiry_by(treaty, extension)


def _expiry_by(treaty: Treaty, extension: Event | None) -> tuple[dt.date, Event | None] | None:
    if extension is not None:
        if extension.new_expiry is None:  # extended indefinitely
            return None
        return extension.new_expiry, extension
    if treaty.entry_into_force is None or treaty.duration is None:
        return None
    return add_period(treaty.entry_into_force.date, treaty.duration), None


def _sized(period: Period, noun: str) -> str:
    """ "10-year term" for a period of one unit; "term of 1 year, 6 months" for more."""
    units = [f"{n}-{unit}" for n, unit in ((period.years, "year"), (period.months, "month"), (period.days, "day")) if n]
    return f"{units[0]} {noun}" if len(units) == 1 else f"{noun} of {period.describe()}"


def _endings(treaty: Treaty, day: dt.date) -> list[_Ending]:
    """Every way the treaty ends that is known on `day`, actual or scheduled, soonest first."""
    endings: list[_Ending] = []
    expiry = scheduled_expiry(treaty, day)
    if expiry is not None:
        on, extension = expiry
        if extension is not None:
            why = f"term extended on {extension.date} to {on}"
            endings.append(_Ending(on, Status.EXPIRED, "extension", why, (extension,)))
        else:
            assert treaty.entry_into_force is not None and treaty.duration is not None
            why = f"{_sized(treaty.duration, 'term')} from entry into force on {treaty.entry_into_force.date}, ending {on}"
            endings.append(_Ending(on, Status.EXPIRED, "term", why))
    read = events_until(treaty, day)
    for event in read:
        if event.type in ENDING_EVENTS:
            status = Status.EXPIRED if event.type is EventType.EXPIRED else Status.TERMINATED
            endings.append(
                _Ending(event.date, status, event.type.value, f"{event.type.value} on {event.date}", (event,))
            )
    if not any(e.type in ENDING_EVENTS for e in read):
        # An ending fixed in advance is known from the day it was fixed (`announced`).
        for event in treaty.events:
            if event.type in ENDING_EVENTS and event.announced is not None and event.announced <= day < event.date:
                status = Status.EXPIRED if event.type is EventType.EXPIRED else Status.TERMINATED
                why = f"{event.type.value} on {event.date}, fixed in advance on {event.announced}"
                endings.append(_Ending(event.date, status, event.type.value, why, (event,)))
                break
    if treaty.kind is Kind.BILATERAL:
        for effective, event in withdrawals_known(treaty, day):
            if event.type is EventType.WITHDRAWN:
                why = f"withdrawal by {event.party} took effect on {effective}"
            elif event.effective is not None:
                why = f"withdrawal notice by {event.party} on {event.date}, effective {effective}"
            else:
                assert treaty.withdrawal_notice is not None
                why = (
                    f"withdrawal notice by {event.party} on {event.date}, "
                    f"{_sized(treaty.withdrawal_notice, 'notice period')}, effective {effective}"
                )
            endings.append(_Ending(effective, Status.TERMINATED, "withdrawal", why, (event,)))
    # On a tie, the most informative reason wins: a withdrawal's arithmetic, then a term, then a bare event.
    rank = {"withdrawal": 0, "extension": 1, "term": 1}
    endings.sort(key=lambda ending: (ending.day, rank.get(ending.by, 2)))
    return endings


def assess(treaty: Treaty, day: dt.date) -> Assessment:
    """The treaty's status on `day`, with its reason and its scheduled end."""
    endings = _endings(treaty, day)
    ended = next((e for e in endings if e.day <= day), None)
    upcoming = next((e for e in endings if e.day > day), None)
    eif = treaty.in_force_from

    if eif is None or day < eif:
        abandoned = next((e for e in events_until(treaty, day) if e.type is EventType.ABANDONED), None)
        if abandoned is not None:
            why = (
                f"abandoned: never in force; {abandoned.party} declared on {abandoned.date} that it would not be bound"
            )
            return Assessment(Status.ABANDONED, abandoned.date, why, (abandoned,))
        why = "signed or open for signature; never entered into force" if eif is None else f"enters into force on {eif}"
        entry = treaty.entry_into_force
        if entry is not None and entry.precision != "day":
            why = f"enters into force {entry.words} (the day is not recorded)"
        opened = [d for d in (treaty.signed, treaty.opened_for_signature) if d is not None]
        first = min(opened, key=lambda d: d.date) if opened else None
        return Assessment(
            Status.NOT_IN_FORCE,
            treaty.opened,
            why,
            since_precision=first.precision if first else "day",
            since_until=first.until if first else None,
        )
    if ended is not None and ended.day >= eif:
        return Assessment(
            ended.status,
            ended.day,
            f"{ended.status.value}: {ended.why}",
            ended.evidence,
            ended.day,
            ended.by,
            ended.why,
        )
    expires = upcoming.day if upcoming else None
    expires_by = upcoming.by if upcoming else None
    expires_why = upcoming.why if upcoming else None
    entry = treaty.entry_into_force
    assert entry is not None
    if entry.precision != "day" and day <= entry.last_day:
        return Assessment(
            Status.DAY_NOT_RECORDED,
            eif,
            f"entered into force {entry.words}; the day is not recorded, so whether it was yet in force on a "
            f"day of that {'period' if entry.precision == 'between' else entry.precision} is not known "
            f"(in force by {entry.last_day + dt.timedelta(days=1)})",
            (),
            expires,
            expires_by,
            expires_why,
            entry.precision,
            entry.until,
        )
    if treaty.kind is Kind.BILATERAL:
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
    if entry.precision == "between":
        why = f"in force since a day {entry.words} (day not recorded)"
    elif entry.precision != "day":
        why = f"in force since {entry.text} (day not recorded)"
    if upcoming is not None:
        why += f"; {upcoming.why}"
    evidence = upcoming.evidence if upcoming else ()
    return Assessment(
        Status.IN_FORCE, eif, why, evidence, expires, expires_by, expires_why, entry.precision, entry.until
    )
