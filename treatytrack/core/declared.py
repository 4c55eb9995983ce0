"""Declared numbers on a day: each ceiling (or declared total) with each party's latest declared
value on or before that day, and the whole series for a chart. Pure: no I/O, no clock.

A declared number is dated by its data date (the day the data is current as of), not by the day
it was published: `--as-of 2020-10-01` shows the exchange of 2020-09-01 even though the State
Department published it in December.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from treatytrack.core.models import Declared, Treaty


@dataclass(frozen=True)
class DeclaredSeries:
    """One ceiling (or one total no ceiling measures) and every row declared against it."""

    item: str
    unit: str
    ceiling: int | None  # None: a total no limit measures
    deadline: dt.date | None
    ceiling_source: str | None
    rows: tuple[Declared, ...]  # by data date, then party in `parties` order

    def parties(self) -> list[str]:
        return list(dict.fromkeys(r.party for r in self.rows))


@dataclass(frozen=True)
class DeclaredOnDay:
    """A party's latest declared row against one series on a day."""

    series: DeclaredSeries
    row: Declared


def declared_series(treaty: Treaty) -> list[DeclaredSeries]:
    """The treaty's series with declared rows: its limits in the record's order, then its own
    totals grouped by item in the order they first appear."""
    found = [
        DeclaredSeries(limit.item, limit.unit, limit.value, limit.deadline, limit.source, _ordered(limit.declared))
        for limit in treaty.limits
        if limit.declared
    ]
    items: dict[tuple[str, str], list[Declared]] = {}
    for total in treaty.declared:
        items.setdefault((total.item, total.unit), []).append(total)
    found += [DeclaredSeries(item, unit, None, None, None, _ordered(rows)) for (item, unit), rows in items.items()]
    return found


def _ordered(rows: Sequence[Declared]) -> tuple[Declared, ...]:
    parties = list(dict.fromkeys(r.party for r in rows))
    return tuple(sorted(rows, key=lambda r: (r.date, parties.index(r.party))))


def latest_declared(treaty: Treaty, day: dt.date) -> list[DeclaredOnDay]:
    """Each series' parties' latest rows dated on or before `day`; a party with no row by then is
    left out (nothing declared yet), one whose latest row is "not provided" is kept as such."""
    found = []
    for series in declared_series(treaty):
        for party in series.parties():
            dated = [r for r in series.rows if r.party == party and r.date <= day]
            if dated:
                found.append(DeclaredOnDay(series, dated[-1]))
    return found


def within(value: int | None, ceiling: int | None) -> bool | None:
    """Whether a declared value is at or under its ceiling; None when either is missing."""
    if value is None or ceiling is None:
        return None
    return value <= ceiling
