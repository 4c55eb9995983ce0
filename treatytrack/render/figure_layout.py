"""Where things go in the pictures, worked out before anything is drawn: the year axis (its
span, its step, its ticks) both charts share, and the per-state chart's rows (headings for
regions and sub-regions, a row per state) and what each row says at its end.

Plain arithmetic on dates and the core's records: no matplotlib here, and no status rules (the
core decided every standing; this only places it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from treatytrack.render.figure_style import END_NOTE, STANDING_STYLE

if TYPE_CHECKING:
    from treatytrack.core.panel import StateLine

_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 500)


def x_of(day: dt.date) -> float:
    """The x of a day: its proordinal, so that 1 January of year Y is exactly tick Y."""
    return float(day.toordinal())


def year_step(years: float, axis_inches: float) -> int:
    most = max(2, int(axis_inches / 0.55))  # a label needs about half an inch
    return next((s for s in _STEPS if years / s <= most), _STEPS[-1])


@dataclass(frozen=True)
class YearAxis:
    """A year axis: from `left` (x `left_x`) to `right_x`, labelled every `step` years; `last`
    is the last day it must show."""

    step: int
    left: dt.date
    last: dt.date
    left_x: float
    right_x: float

    def _years(self) -> range:
        return range(self.left.year, min(self.last.year + 2, dt.MAXYEAR + 1))

    def labelled(self) -> list[int]:
        """The years with a labelled tick: every `step`th year on the axis."""
        return [
            year
            for year in self._years()
            if year % self.step == 0 and self.left_x <= x_of(dt.date(year, 1, 1)) <= self.right_x
        ]

    def minor(self, *, bounded: bool) -> list[float]:
        """The x of each minor tick (every year, or a fifth of a long step); `bounded`: only
        those on the axis."""
        every = 1 if self.step <= 10 else self.step // 5
        return [
            x_of(dt.date(year, 1, 1))
            for year in self._years()
            if year % every == 0 and (not bounded or self.left_x <= x_of(dt.date(year, 1, 1)) <= self.right_x)
        ]


def year_axis(
    first: dt.date, last: dt.date, start: dt.date | None, end: dt.date | None, day: dt.date, inches: float
) -> YearAxis:
    """The axis for `inches` of width: from `start` (or `first`, rounded down to a labelled year)
    to `end` (or just past `day`)."""
    years = max(last.year - (start or first).year + 1, 1)
    step = year_step(years, inches)
    left = start if start is not None else dt.date(max(first.year - first.year % step, dt.MINYEAR), 1, 1)
    right_x = x_of(end) if end is not None else x_of(day) + max(30.0, (x_of(day) - x_of(left)) * 0.015)
    left_x = x_of(left)
    if right_x <= left_x:
        right_x = left_x + 1
    return YearAxis(step, left, last, left_x, right_x)


def mark_lanes(xs: Sequence[float], room: float, lanes: int) -> list[int | None]:
    """Each marker's lane on its row, given its x (inches along the axis): in date order, the
    first lane (0: above the bar, 1: below it) where it stands at least `room` inches from every
    marker already there; None where no lane has room (the marker is left out)."""
    occupied: list[list[float]] = [[] for _ in range(lanes)]
    found: list[int | None] = [None] * len(xs)
    for index in sorted(range(len(xs)), key=lambda i: xs[i]):
        for lane in range(lanes):
            if all(abs(xs[index] - other) >= room for other in occupied[lane]):
                found[index] = lane
                occupied[lane].append(xs[index])
                break
    return found


class StateGroup(NamedTuple):
    """States drawn under one heading: a region and a sub-region (None: no heading)."""

    region: str | None
    subregion: str | None
    lines: Sequence[StateLine]


# The per-state picture's rows, in inches: a state, a region's heading, a sub-region's heading.
STATE_ROW, REGION_ROW, SUBREGION_ROW = 0.16, 0.34, 0.21


def state_rows(
    groups: Sequence[StateGroup], labels: dict[str, str], top: float
) -> tuple[list[tuple[str, float, float, Any]], float]:
    """The per-state chart's rows, top to bottom from `top`, in inches: (kind, top, height, what),
    a region's heading (with its count of states) where the region changes, a sub-region's, and a
    row per state (taller by a line for each line its label wraps to); and the bottom of the last."""
    rows: list[tuple[str, float, float, Any]] = []  # (kind, top, height, what)
    y = top
    for number, group in enumerate(groups, 1):
        if group.region is not None and (number == 1 or groups[number - 2].region != group.region):
            count = sum(len(g.lines) for g in groups if g.region == group.region)
            row_h = REGION_ROW if rows else REGION_ROW - 0.08  # the first has no rule above it
            rows.append(("region", y, row_h, (group.region, count)))
            y += row_h
        if group.subregion is not None:
            rows.append(("subregion", y, SUBREGION_ROW, group.subregion))
            y += SUBREGION_ROW
        for index, line in enumerate(group.lines):
            height = STATE_ROW + 0.115 * labels[line.code].count("\n")
            rows.append(("state", y, height, (index, line)))
            y += height
    return rows, y


def drawn_spells(line: StateLine) -> list[tuple[int, Any]]:
    """The spells of `line` that have a bar, numbered from 1."""
    shown = [spell for spell in line.spells if spell.standing.status.value in STANDING_STYLE]
    return list(enumerate(shown, 1))


def slug(text: str) -> str:
    """`Northern Europe` -> `northern-europe`: a heading as part of an SVG id."""
    return "-".join("".join(c if c.isalnum() else " " for c in text.casefold()).split())


def end_note(line: StateLine) -> str | None:
    """What the end of a row says: a standing that sets the state apart on the day, with its date,
    or a withdrawal notice that has yet to take effect."""
    standing = line.now
    verb = END_NOTE.get(standing.status.value)
    if verb is not None and standing.since is not None:
        return f"{verb} {standing.since.isoformat()}"
    if standing.withdrawal_effective is not None:
        notice = next((a for a in reversed(standing.acts) if a.kind.value == "withdrawal_notice"), None)
        condition = " if a condition is met" if notice is not None and notice.condition else ""
        return f"withdraws {standing.withdrawal_effective.isoformat()}{condition}"
    if standing.status.value == "not-party":
        return "not a signatory or party"
    return None
