"""Standings as long, tidy data: one row per state, treaty and change, or per state, treaty and year.

Political scientists analyse treaty membership as country-year panels; these rows load straight
into pandas or R. Every row comes from `standing.StandingReader` (the same rules as `party`,
`show` and `list --party`), walked forward once per state. Pure.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from treatytrack.core.engine import Assessment, Chronicle
from treatytrack.core.models import Treaty
from treatytrack.core.standing import (
    NO_HISTORY,
    Standing,
    StandingReader,
    StateAct,
    StateHistory,
    acts_of,
    change_days,
    states_of,
)
from treatytrack.core.vocab import ActKind


class Spell(NamedTuple):
    """A standing held from `start` until the day before `until` (None: still held on the as-of day)."""

    treaty: Treaty
    standing: Standing
    start: dt.date
    until: dt.date | None


def _days(treaty: Treaty, state: str, last: dt.date, history: StateHistory, acts: Sequence[StateAct]) -> list[dt.date]:
    days = {d for d in change_days(treaty, state, history, acts) if d <= last}
    end = Chronicle(treaty).advance(last).assessment()
    if end.status.ended and end.since is not None and end.since <= last:
        days.add(end.since)
    return sorted(days)


def _assessments(treaty: Treaty, days: Sequence[dt.date]) -> dict[dt.date, Assessment]:
    chronicle = Chronicle(treaty)
    return {day: chronicle.advance(day).assessment() for day in sorted(set(days))}


def spells(treaty: Treaty, state: str, last: dt.date, history: StateHistory = NO_HISTORY) -> list[Spell]:
    """Each standing `state` had under `treaty` up to `last`, from its first recorded act on."""
    acts = acts_of(treaty, state, history)  # read once, for the days and for the reader
    days = _days(treaty, state, last, history, acts)
    known = _assessments(treaty, days)
    reader = StandingReader(treaty, state, history, acts)
    found: list[Spell] = []
    for day in days:
        standing = reader.advance(day).standing(known[day])
        if found and found[-1].standing.status is standing.status and found[-1].standing.since == standing.since:
            continue
        if found:
            found[-1] = found[-1]._replace(until=day)
        found.append(Spell(treaty, standing, day, None))
    return found


class YearRow(NamedTuple):
    treaty: Treaty
    year: int
    standing: Standing


def year_ends(treaty: Treaty, first: int, last: dt.date) -> dict[dt.date, Assessment]:
    """The treaty's own assessment on 31 December of each year from `first`, and on `last`, in
    date order. It is the same for every state, so a panel of many states makes it once."""
    return _assessments(treaty, [dt.date(year, 12, 31) for year in range(first, last.year)] + [last])


class YearRun(NamedTuple):
    """One standing held at the end of every year from `first` to `last`: a state's rows of a
    country-year panel, the years in which nothing changed taken together."""

    treaty: Treaty
    first: int
    last: int
    standing: Standing

    def rows(self) -> Iterator[YearRow]:
        for year in range(self.first, self.last + 1):
            yield YearRow(self.treaty, year, self.standing)


def year_runs(
    treaty: Treaty,
    state: str,
    first: int,
    last: dt.date,
    history: StateHistory = NO_HISTORY,
    ends: dict[dt.date, Assessment] | None = None,
) -> Iterator[YearRun]:
    """`state`'s standing on 31 December of each year from `first`, and on `last` in its own year
    (`ends`: the treaty's `year_ends` for them, when the caller has them already), as runs of
    years with one standing.

    A standing changes only on one of the state's change days (or its predecessor's, which a
    state not yet existing reports) or when the treaty's own status does, so a year in which
    neither happened continues the run of the year before: a long panel is read once per change,
    not once per year."""
    known = year_ends(treaty, first, last) if ends is None else ends
    days = list(known)
    acts = acts_of(treaty, state, history)
    turns = change_days(treaty, state, history, acts)
    predecessor = history.continues.get(state)
    if predecessor is not None:
        turns |= change_days(treaty, predecessor, history)
    # A run begins at the first year's end, at the first year's end on or after each change day,
    # and at each year's end where the treaty's own status differs from the year before.
    starts = {0} | {bisect.bisect_left(days, turn) for turn in turns}
    said = [(known[day].status, known[day].since) for day in days]
    starts |= {i for i in range(1, len(days)) if said[i] != said[i - 1]}
    starts_in_order = sorted(i for i in starts if i < len(days))
    reader = StandingReader(treaty, state, history, acts)
    for at, start in enumerate(starts_in_order):
        end = starts_in_order[at + 1] - 1 if at + 1 < len(starts_in_order) else len(days) - 1
        day = days[start]
        yield YearRun(treaty, day.year, days[end].year, reader.advance(day).standing(known[day]))


def years(
    treaty: Treaty,
    state: str,
    first: int,
    last: dt.date,
    history: StateHistory = NO_HISTORY,
    ends: dict[dt.date, Assessment] | None = None,
) -> Iterator[YearRow]:
    """`year_runs`, a row for each year."""
    for run in year_runs(treaty, state, first, last, history, ends):
        yield from run.rows()


def panel_rows(
    treaties: Iterable[Treaty],
    history: StateHistory,
    wanted: Sequence[str],
    day: dt.date,
    *,
    by_year: bool,
    first: dt.date | None = None,
) -> Iterator[YearRun | Spell]:
    """Every row of a panel up to `day`, treaty by treaty and state by state: each year's standing
    from `first`'s year (`by_year`, as runs of years with one standing), or each standing held
    after `first`. What `standings`, the data package and the Python API's tables are made of."""
    for treaty in treaties:
        began = treaty.began
        if began is None or began > day:
            continue
        since_year = max(began.year, first.year if first else began.year)
        ends = year_ends(treaty, since_year, day) if by_year else None  # once per treaty, not per state
        for state in panel_states(treaty, history, wanted):
            if ends is not None:
                yield from year_runs(treaty, state, since_year, day, history, ends)
            else:
                for spell in spells(treaty, state, day, history):
                    if first is None or spell.until is None or spell.until > first:
                        yield spell


def panel_states(treaty: Treaty, history: StateHistory, wanted: Sequence[str] = ()) -> list[str]:
    """The states a panel covers: those the record names (or only the `wanted` ones among them)."""
    codes = states_of(treaty, history)
    return [c for c in codes if c in wanted] if wanted else codes


class StateLine(NamedTuple):
    """One state's row of a per-state chart: each standing it held, the days it gave notice of
    withdrawal (an act, not a standing: the standing changes only when the notice takes effect),
    and its standing on the last day (with a notice still pending, if any)."""

    code: str
    name: str
    spells: list[Spell]
    notices: list[dt.date]
    now: Standing


def state_line(treaty: Treaty, state: str, name: str, last: dt.date, history: StateHistory = NO_HISTORY) -> StateLine:
    """`state`'s spells under `treaty` up to `last`, its withdrawal notices and its standing then."""
    acts = acts_of(treaty, state, history)
    notices = [a.day for a in acts if a.kind is ActKind.WITHDRAWAL_NOTICE and a.day <= last]
    now = StandingReader(treaty, state, history, acts).advance(last).standing()
    return StateLine(state, name, spells(treaty, state, last, history), notices, now)
