"""Time-ordered views: the timeline of what happened, lifespans for charts, and what changed
between two dates. Pure: every function takes the day it answers for."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from treatytrack.engine import (
    assess,
    assess_party,
    exists_on,
    scheduled_expiry,
    withdrawal_effective,
    withdrawals_known,
)
from treatytrack.models import Treaty
from treatytrack.vocab import EventType, PartyStatus, Status


@dataclass(frozen=True)
class Entry:
    """One dated line of a timeline: a recorded event, a key date, or a derived end."""

    treaty: Treaty
    date: dt.date
    type: str
    party: str | None
    note: str | None
    source: str | None
    derived: bool = False  # computed from the treaty's rules, not recorded as an event


def treaty_entries(treaty: Treaty, day: dt.date) -> list[Entry]:
    """Everything dated about one treaty up to `day`, including ends its rules imply."""
    entries: list[Entry] = []
    if treaty.opened_for_signature:
        d = treaty.opened_for_signature
        entries.append(Entry(treaty, d.date, "opened-for-signature", None, d.note, d.source))
    if treaty.signed:
        entries.append(Entry(treaty, treaty.signed.date, "signed", None, treaty.signed.note, treaty.signed.source))
    if treaty.entry_into_force:
        d = treaty.entry_into_force
        entries.append(Entry(treaty, d.date, "entered-into-force", None, d.note, d.source))
    recorded = {(e.date, e.type, e.party) for e in treaty.events}
    entries.extend(Entry(treaty, e.date, e.type.value, e.party, e.note, e.source) for e in treaty.events)
    expiry = scheduled_expiry(treaty, day)
    now = assess(treaty, day)
    ended_by_term = expiry is not None and now.status is Status.EXPIRED and now.since == expiry[0]
    if expiry is not None and ended_by_term and (expiry[0], EventType.EXPIRED, None) not in recorded:
        basis = expiry[1].source if expiry[1] else (treaty.duration.source if treaty.duration else None)
        entries.append(Entry(treaty, expiry[0], "expired", None, "term ended", basis, derived=True))
    for effective, notice in withdrawals_known(treaty, day):
        derived = notice.type is EventType.WITHDRAWAL_NOTICE and effective <= day
        if derived and (effective, EventType.WITHDRAWN, notice.party) not in recorded:
            note = f"withdrawal takes effect (notice of {notice.date})"
            entries.append(Entry(treaty, effective, "withdrawn", notice.party, note, notice.source, derived=True))
    return entries


def timeline(
    treaties: Sequence[Treaty],
    day: dt.date,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    parties: Iterable[str] = (),
    types: Iterable[str] = (),
) -> list[Entry]:
    """Entries of the given treaties in date order, up to `day` (and within start..end)."""
    wanted_party, wanted_type = {p.upper() for p in parties}, set(types)
    last = min(day, end) if end else day
    found = [
        entry
        for treaty in treaties
        for entry in treaty_entries(treaty, day)
        if entry.date <= last
        and (start is None or entry.date >= start)
        and (not wanted_party or entry.party in wanted_party or entry.party is None)
        and (not wanted_type or entry.type in wanted_type)
    ]
    found.sort(key=lambda e: (e.date, e.treaty.id))
    return found


@dataclass(frozen=True)
class Lifespan:
    """A treaty's life for a chart: signature, entry into force, end (or None: still running)."""

    treaty: Treaty
    start: dt.date
    in_force: dt.date | None
    end: dt.date | None
    status: Status
    suspensions: tuple[tuple[dt.date, dt.date], ...]
    withdrawals: tuple[tuple[dt.date, str], ...]


def lifespans(treaties: Sequence[Treaty], day: dt.date) -> list[Lifespan]:
    spans = []
    for treaty in treaties:
        if not exists_on(treaty, day):
            continue
        now = assess(treaty, day)
        start = treaty.began
        assert start is not None
        end = now.since if now.status.ended else None
        suspensions = []
        for event in treaty.events:
            if event.type is EventType.SUSPENDED and event.date <= day:
                resumed = next(
                    (
                        e.date
                        for e in treaty.events
                        if e.type is EventType.RESUMED and e.party == event.party and e.date > event.date
                    ),
                    None,
                )
                stop = min(d for d in (resumed, end, day) if d is not None)
                suspensions.append((event.date, stop))
        withdrawals = tuple(
            (effective, notice.party or "") for effective, notice in withdrawals_known(treaty, day) if effective <= day
        )
        spans.append(Lifespan(treaty, start, treaty.in_force_from, end, now.status, tuple(suspensions), withdrawals))
    spans.sort(key=lambda s: (s.start, s.treaty.id))
    return spans


@dataclass(frozen=True)
class Change:
    """A status that differs from the day before: of a treaty (party None) or of one party."""

    date: dt.date
    treaty: Treaty
    party: str | None
    before: str
    after: str
    why: str
    kind: str = "status"  # or "extended": the status holds, its end moved


def _turning_points(treaty: Treaty, start: dt.date, end: dt.date) -> list[dt.date]:
    """Days on which a status may change: every recorded or derived date in (start, end]."""
    days = {e.date for e in treaty.events}
    for key in (treaty.signed, treaty.opened_for_signature, treaty.entry_into_force):
        if key is not None:
            days.add(key.date)
    for event in treaty.events:
        if event.type is EventType.WITHDRAWAL_NOTICE:
            effective = withdrawal_effective(treaty, event)
            if effective is not None:
                days.add(effective)
        if event.new_expiry is not None:
            days.add(event.new_expiry)
    expiry = scheduled_expiry(treaty, end)
    if expiry is not None:
        days.add(expiry[0])
    for probe in list(days):
        # An expiry known only later (after an extension) is found by asking on that day too.
        found = scheduled_expiry(treaty, probe)
        if found is not None:
            days.add(found[0])
    return sorted(d for d in days if start < d <= end)


def changes_between(treaties: Sequence[Treaty], start: dt.date, end: dt.date) -> list[Change]:
    """Every change of a treaty's or a party's status after `start` up to and including `end`."""
    found: list[Change] = []
    for treaty in treaties:
        for day in _turning_points(treaty, start, end):
            before_day = day - dt.timedelta(days=1)
            if not exists_on(treaty, day):
                continue
            was, now = assess(treaty, before_day), assess(treaty, day)
            treaty_changed = not exists_on(treaty, before_day) or was.status is not now.status
            if treaty_changed:
                before = was.status.value if exists_on(treaty, before_day) else "-"
                found.append(Change(day, treaty, None, before, now.status.value, now.why))
            for event in treaty.events:
                if event.date == day and event.type is EventType.EXTENDED:
                    old = scheduled_expiry(treaty, before_day)
                    before = f"expires {old[0]}" if old else "no fixed end"
                    after = f"expires {event.new_expiry}" if event.new_expiry else "extended indefinitely"
                    found.append(Change(day, treaty, None, before, after, event.note or after, "extended"))
            acting = {e.party for e in treaty.events if e.date == day}
            acting |= {n.party for effective, n in withdrawals_known(treaty, day) if effective == day}
            for party in treaty.parties:
                if treaty_changed and party not in acting:
                    continue  # the party only follows the treaty's own change, already listed
                p_was, p_now = assess_party(treaty, party, before_day), assess_party(treaty, party, day)
                if p_was.status is not p_now.status and p_now.status is not PartyStatus.TREATY_ENDED:
                    found.append(Change(day, treaty, party, p_was.status.value, p_now.status.value, p_now.why))
    found.sort(key=lambda c: (c.date, c.treaty.id, c.party or ""))
    return found


def in_window(span: Lifespan, day: dt.date, start: dt.date | None, end: dt.date | None) -> bool:
    """Whether a treaty's life (from signature or opening to its end, or `day`) meets [start, end]."""
    return (end is None or span.start <= end) and (start is None or (span.end or day) >= start)


def report(
    treaties: Sequence[Treaty],
    day: dt.date,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    parties: Iterable[str] = (),
    types: Iterable[str] = (),
) -> tuple[list[Treaty], list[Entry]]:
    """What a report (a timeline chart, an export) covers, the same in every format: the treaties
    that existed on `day` and were alive at some point in [start, end] — with an entry of one of
    `types` there, when types are given — and the timeline entries in that window."""
    wanted = set(types)
    entries = timeline(treaties, day, start=start, end=end, parties=parties, types=wanted)
    with_entry = {e.treaty.id for e in entries}
    alive = {s.treaty.id for s in lifespans(treaties, day) if in_window(s, day, start, end)}
    kept = [t for t in treaties if t.id in alive and (not wanted or t.id in with_entry)]
    return kept, entries
