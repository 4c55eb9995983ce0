"""Time-ordered views: the timeline of what happened, lifespans for charts, and what changed
between two dates. Pure: every function takes the day it answers for."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from treatytrack.core.engine import (
    Assessment,
    Chronicle,
    assess,
    exists_on,
    expiry_after,
    scheduled_expiry,
    withdrawal_effective,
    withdrawals_known,
)
from treatytrack.core.models import Event, Treaty
from treatytrack.core.standing import (
    EVENT_ACTS,
    NO_HISTORY,
    StandingReader,
    StateHistory,
    acts_of,
    change_days,
    states_of,
)
from treatytrack.core.vocab import EventType, PartyStatus, Status


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
    new_expiry: dt.date | None = None  # an extension's new expiry
    effective: dt.date | None = None  # the day a withdrawal notice takes effect, as recorded
    precision: str = "day"  # "month", "year" or "between": `date` is that period's first day, the day unknown
    until: dt.date | None = None  # with "between": the period's last day


def event_entry(treaty: Treaty, event: Event) -> Entry:
    """A recorded event as a line of a timeline."""
    return Entry(
        treaty,
        event.date,
        event.type.value,
        event.party,
        event.note,
        event.source,
        False,
        event.new_expiry,
        event.effective,
    )


def treaty_entries(treaty: Treaty, day: dt.date) -> list[Entry]:
    """Everything dated about one treaty up to `day`, including ends its rules imply."""
    entries: list[Entry] = []
    for kind, d in (
        ("opened-for-signature", treaty.opened_for_signature),
        ("signed", treaty.signed),
        ("entered-into-force", treaty.entry_into_force),
    ):
        if d is not None:
            entries.append(Entry(treaty, d.date, kind, None, d.note, d.source, precision=d.precision, until=d.until))
    recorded = {(e.date, e.type, e.party) for e in treaty.events}
    entries.extend(event_entry(treaty, e) for e in treaty.events)
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
    history: StateHistory = NO_HISTORY,
) -> list[Entry]:
    """Entries of the given treaties in date order, up to `day` (and within start..end).

    With `parties`, the entries are those parties' acts (from the events and the per-state
    tables, and the acts of the states they continue) and the treaties' own dates.
    """
    wanted_party = set(parties)
    wanted_party |= {history.continues[p] for p in list(wanted_party) if p in history.continues}
    wanted_type = set(types)
    last = min(day, end) if end else day
    found: list[Entry] = []
    for treaty in treaties:
        entries = treaty_entries(treaty, day)
        if wanted_party:
            entries += _table_entries(treaty, sorted(wanted_party), entries)  # sorted: the same order every run
        found.extend(
            entry
            for entry in entries
            if entry.date <= last
            and (start is None or entry.date >= start)
            and (not wanted_party or entry.party in wanted_party or entry.party is None)
            and (not wanted_type or entry.type in wanted_type)
        )
    found.sort(key=lambda e: (e.date, e.treaty.id))
    return found


# A table act as the event type it would be written as.
_ACT_EVENT = {act: event.value for event, act in EVENT_ACTS.items()}


def _table_entries(treaty: Treaty, codes: Iterable[str], recorded: Sequence[Entry]) -> list[Entry]:
    """Timeline entries for the table acts of `codes` that no event already records."""
    rows = treaty.participation.states if treaty.participation is not None else {}
    seen = {(e.date, e.type, e.party) for e in recorded}
    found: list[Entry] = []
    for code in codes:
        if code not in rows:
            continue
        for act in acts_of(treaty, code):
            kind = _ACT_EVENT.get(act.kind)
            if kind is None or act.from_treaty or (act.day, kind, code) in seen:
                continue  # an original party's signature and entry into force are the treaty's own
            found.append(
                Entry(treaty, act.day, kind, code, act.note, act.source, precision=act.precision, until=act.until)
            )
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
    # How it ended (None while it runs): "term", "extension", "withdrawal", an ending event type,
    # or "abandoned" (never in force).
    ended_by: str | None = None
    # The dated events a chart marks on the bar (MARKED_TYPES), recorded or derived, in date order.
    marks: tuple[Entry, ...] = ()


# Events a lifespan chart marks; signature, entry into force, suspension and the end are the bars.
MARKED_TYPES = frozenset(
    {"withdrawal-notice", "withdrawn", "withdrawal-rescinded", "extended", "resumed", "deratified", "statement"}
)


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
        marks = sorted(
            (e for e in treaty_entries(treaty, day) if e.type in MARKED_TYPES and e.date <= day),
            key=lambda e: (e.date, e.type, e.party or ""),
        )
        spans.append(
            Lifespan(
                treaty,
                start,
                treaty.in_force_from,
                end,
                now.status,
                tuple(suspensions),
                withdrawals,
                ("abandoned" if now.status is Status.ABANDONED else now.expires_by) if end is not None else None,
                tuple(marks),
            )
        )
    spans.sort(key=lambda s: (s.start, s.treaty.id))
    return spans


def imprecise_starts(spans: Iterable[Lifespan]) -> list[str]:
    """The short names of the treaties whose bar starts on a date known only to its month or year."""
    return [
        s.treaty.short_name
        for s in spans
        if any(d is not None and d.precision != "day" for d in (s.treaty.began_key, s.treaty.entry_into_force))
    ]


def chart_spans(
    treaties: Sequence[Treaty],
    day: dt.date,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    parties: Iterable[str] = (),
    types: Iterable[str] = (),
) -> list[Lifespan]:
    """Lifespans for a chart of the window start..end (either open): the treaties alive at some
    point in it, each with only the marks `timeline` would list for the same filters (events in
    the window, of the given parties or of no party, of the given types)."""
    wanted_party, wanted_type = {p.upper() for p in parties}, set(types)
    found = []
    for span in lifespans(treaties, day):
        if (end is not None and span.start > end) or (start is not None and (span.end or day) < start):
            continue
        marks = tuple(
            m
            for m in span.marks
            if (start is None or m.date >= start)
            and (end is None or m.date <= end)
            and (not wanted_party or m.party is None or m.party in wanted_party)
            and (not wanted_type or m.type in wanted_type)
        )
        found.append(replace(span, marks=marks))
    return found


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


def _turning_points(treaty: Treaty, start: dt.date, end: dt.date) -> set[dt.date]:
    """Days on which the treaty's own status may change: every recorded or derived date in (start, end].

    An expiry moved by an extension is that extension's `new_expiry`, so the term's end and
    each extension's new expiry are all the expiries there are.
    """
    days = {e.date for e in treaty.events}
    for key in (treaty.signed, treaty.opened_for_signature, treaty.entry_into_force):
        if key is not None:
            days.add(key.date)
            if key.precision != "day":  # known only to a month or year: known from the period's end
                days.add(key.last_day + dt.timedelta(days=1))
    for event in treaty.events:
        if event.type is EventType.WITHDRAWAL_NOTICE:
            effective = withdrawal_effective(treaty, event)
            if effective is not None:
                days.add(effective)
        if event.new_expiry is not None:
            days.add(event.new_expiry)
    expiry = scheduled_expiry(treaty, dt.date.min)  # the original term's end
    if expiry is not None:
        days.add(expiry[0])
    return {d for d in days if start < d <= end}


def _assessments(treaty: Treaty, days: set[dt.date]) -> dict[dt.date, Assessment]:
    """The treaty's assessment on each of `days` and on the day before each, read in one pass."""
    wanted = sorted(days | {d - dt.timedelta(days=1) for d in days})
    chronicle = Chronicle(treaty)
    return {day: chronicle.advance(day).assessment() for day in wanted}


def changes_between(
    treaties: Sequence[Treaty], start: dt.date, end: dt.date, history: StateHistory = NO_HISTORY
) -> list[Change]:
    """Every change of a treaty's status, or of a state's standing, after `start` up to and including `end`.

    Linear in a treaty's events: its events are read once (`engine.Chronicle`), each state's acts
    are gathered once, and its standing is asked only on the days its own acts can change it.
    """
    found: list[Change] = []
    for treaty in treaties:
        treaty_days = _turning_points(treaty, start, end)
        acts = {code: acts_of(treaty, code, history) for code in states_of(treaty, history)}
        state_days = {
            code: {d for d in change_days(treaty, code, history, acts[code]) if start < d <= end} for code in acts
        }
        every_day = treaty_days.union(*state_days.values())
        if not every_day:
            continue
        known = _assessments(treaty, every_day)
        extensions = _Extensions(treaty)
        events_on: dict[dt.date, list[Event]] = {}
        for event in treaty.events:
            events_on.setdefault(event.date, []).append(event)
        for day in sorted(treaty_days):
            if exists_on(treaty, day):
                found.extend(_treaty_changes(treaty, day, known, events_on.get(day, []), extensions))
        for code, days in state_days.items():
            reader = StandingReader(treaty, code, history, acts[code])
            for day in sorted(days):
                before_day = day - dt.timedelta(days=1)
                was = reader.advance(before_day).standing(known[before_day])
                now = reader.advance(day).standing(known[day])
                if was.status is not now.status and now.status not in _FOLLOWING:
                    found.append(Change(day, treaty, code, was.status.value, now.status.value, now.why))
    found.sort(key=lambda c: (c.date, c.treaty.id, c.party or ""))
    return found


# Standings that follow from the treaty's own change (already listed) or from the state's existence.
_FOLLOWING = frozenset({PartyStatus.TREATY_ENDED, PartyStatus.CEASED_TO_EXIST})


class _Extensions:
    """A treaty's extensions by date, to find the one in effect on a day without reading them all."""

    def __init__(self, treaty: Treaty) -> None:
        self.events = sorted((e for e in treaty.events if e.type is EventType.EXTENDED), key=lambda e: e.date)
        self.days = [e.date for e in self.events]

    def latest(self, day: dt.date) -> Event | None:
        index = bisect.bisect_right(self.days, day)
        return self.events[index - 1] if index else None


def _treaty_changes(
    treaty: Treaty, day: dt.date, known: dict[dt.date, Assessment], events: list[Event], extensions: _Extensions
) -> list[Change]:
    before_day = day - dt.timedelta(days=1)
    was, now = known[before_day], known[day]
    found = []
    if not exists_on(treaty, before_day) or was.status is not now.status:
        before = was.status.value if exists_on(treaty, before_day) else "-"
        found.append(Change(day, treaty, None, before, now.status.value, now.why))
    for event in events:
        if event.type is EventType.EXTENDED:
            old = expiry_after(treaty, extensions.latest(before_day))
            before = f"expires {old[0]}" if old else "no fixed end"
            after = f"expires {event.new_expiry}" if event.new_expiry else "extended indefinitely"
            found.append(Change(day, treaty, None, before, after, event.note or after, "extended"))
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
    history: StateHistory = NO_HISTORY,
) -> tuple[list[Treaty], list[Entry]]:
    """What a report (a timeline chart, an export) covers, the same in every format: the treaties
    that existed on `day` and were alive at some point in [start, end] — with an entry of one of
    `types` there, when types are given — and the timeline entries in that window."""
    wanted = set(types)
    entries = timeline(treaties, day, start=start, end=end, parties=parties, types=wanted, history=history)
    with_entry = {e.treaty.id for e in entries}
    alive = {s.treaty.id for s in lifespans(treaties, day) if in_window(s, day, start, end)}
    kept = [t for t in treaties if t.id in alive and (not wanted or t.id in with_entry)]
    return kept, entries
