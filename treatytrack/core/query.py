"""Questions asked of a dataset on a day: filtered listings, lookup by name, deadlines. Pure."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from treatytrack.core.engine import Assessment, assess, exists_on, withdrawals_known
from treatytrack.core.models import Dataset, Treaty
from treatytrack.core.standing import Standing, StateHistory, standing_on, states_of
from treatytrack.core.vocab import Category, Kind, PartyStatus, StandingFilter, Status

if TYPE_CHECKING:
    from dateutil.relativedelta import relativedelta


class TreatyRow(NamedTuple):
    treaty: Treaty
    assessment: Assessment
    day: dt.date

    @property
    def days_left(self) -> int | None:
        expires = self.assessment.expires
        if expires is None or expires <= self.day:
            return None
        return (expires - self.day).days


def select_treaties(
    dataset: Dataset,
    *,
    ids: Iterable[str] = (),
    parties: Iterable[str] = (),
    categories: Iterable[Category] = (),
    kinds: Iterable[Kind] = (),
    any_party: bool = False,
) -> list[Treaty]:
    """Treaties matching every filter given (an empty filter matches all), in file order.

    `parties` keeps the treaties whose record names every one of them (or a state it continues),
    as repeated `--party` means in `list`: the treaties those states share. With `any_party`, a
    treaty naming any one of them is kept ("either"), for a timeline or export about several
    states' separate records.
    """
    wanted_ids, wanted_party = set(ids), set(parties)
    wanted_cat, wanted_kind = set(categories), set(kinds)
    history = StateHistory(dataset.state_history)
    return [
        t
        for t in dataset.treaties
        if (not wanted_ids or t.id in wanted_ids)
        and (not wanted_party or _names_parties(wanted_party, states_of(t, history), any_party))
        and (not wanted_cat or wanted_cat.intersection(t.categories))
        and (not wanted_kind or t.kind in wanted_kind)
    ]


def _names_parties(wanted: set[str], named: list[str], any_party: bool) -> bool:
    return bool(wanted.intersection(named)) if any_party else wanted.issubset(named)


def treaty_rows(
    dataset: Dataset,
    day: dt.date,
    *,
    statuses: Iterable[Status] = (),
    categories: Iterable[Category] = (),
    parties: Iterable[str] = (),
    standing: StandingFilter = StandingFilter.BOUND,
    kinds: Iterable[Kind] = (),
) -> list[TreatyRow]:
    """Treaties that existed on `day` (`exists_on`), filtered, oldest first.

    With `parties`, a treaty is kept when every one of them has the `standing` asked for on `day`
    ("which treaties bind both the United States and Russia?").
    """
    wanted_status = set(statuses)
    wanted_parties = list(parties)
    history = StateHistory(dataset.state_history)
    rows = []
    for treaty in select_treaties(dataset, categories=categories, kinds=kinds):
        if not exists_on(treaty, day):
            continue
        now = assess(treaty, day)
        if wanted_status and now.status not in wanted_status:
            continue
        if any(not standing.matches(standing_on(treaty, p, day, history, now).status) for p in wanted_parties):
            continue
        rows.append(TreatyRow(treaty, now, day))
    rows.sort(key=lambda r: (r.treaty.began or dt.date.max, r.treaty.id))
    return rows


UNDECIDED = frozenset({PartyStatus.NOT_RECORDED, PartyStatus.CONSENTED, PartyStatus.WITHDRAWAL_CONDITIONAL})


def undecided_standings(
    dataset: Dataset, day: dt.date, parties: Iterable[str], shown: Iterable[str] = ()
) -> list[tuple[Treaty, Standing]]:
    """(treaty, standing) pairs a listing filtered by standing cannot decide on `day`: the
    treaties existing then (other than those `shown`) where a state's standing is not recorded,
    consented without a recorded day in force, or a conditional withdrawal. A listing that leaves
    them out says so, with the reason, in its own output."""
    history = StateHistory(dataset.state_history)
    skip = set(shown)
    found = []
    for treaty in dataset.treaties:
        if treaty.id in skip or not exists_on(treaty, day):
            continue
        for party in parties:
            standing = standing_on(treaty, party, day, history)
            if standing.status in UNDECIDED:
                found.append((treaty, standing))
    return found


def undecided_caveats(undecided: Iterable[tuple[Treaty, Standing]]) -> list[str]:
    """One plain sentence per treaty left out: which state, what is recorded, and why."""
    by_treaty: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for treaty, standing in undecided:
        names[treaty.id] = treaty.short_name
        by_treaty.setdefault(treaty.id, []).append(f"{standing.state} {standing.status.value}: {standing.why}")
    return [f"{names[tid]}: " + "; ".join(parts) for tid, parts in by_treaty.items()]


_WINDOW = re.compile(r"([0-9]+)\s*([ymwd])", re.IGNORECASE)
MAX_SPAN_YEARS = 1000  # a window, a reminder or a look-back: longer ones are typing mistakes
_DAYS_PER = {"y": 365.2425, "m": 30.436875, "w": 7.0, "d": 1.0}


def parse_window(text: str) -> relativedelta:
    """`1y`, `6m`, `2w`, `90d` (or combinations such as `1y6m`) as a calendar span of at most
    MAX_SPAN_YEARS years; ASCII digits only."""
    compact = text.strip().replace(" ", "")
    parts = _WINDOW.findall(compact)
    if not compact or "".join(n + u for n, u in parts).lower() != compact.lower():
        raise ValueError(f"{text!r} is not a span; use a number and a unit: 1y, 6m, 2w or 90d")
    longest = MAX_SPAN_YEARS * _DAYS_PER["y"]
    # Digits first: a number of a thousand digits is not worth converting to learn it is too long.
    if any(len(number.lstrip("0")) > 7 for number, _ in parts) or (
        sum(int(number) * _DAYS_PER[unit.lower()] for number, unit in parts) > longest
    ):
        raise ValueError(f"{text!r} is longer than {MAX_SPAN_YEARS} years; give a span from 0d to {MAX_SPAN_YEARS}y")
    from dateutil.relativedelta import relativedelta  # only `expiring` needs it

    span = relativedelta()
    for number, unit in parts:
        n = int(number)
        span += {
            "y": relativedelta(years=n),
            "m": relativedelta(months=n),
            "w": relativedelta(weeks=n),
            "d": relativedelta(days=n),
        }[unit.lower()]
    return span


class Deadline(NamedTuple):
    """A day on which something stops holding: a treaty's expiry, a withdrawal taking effect."""

    treaty: Treaty
    date: dt.date
    what: str  # "expires", "terminates", "withdrawal"
    party: str | None
    why: str
    day: dt.date

    @property
    def days_left(self) -> int:
        return (self.date - self.day).days


def deadlines_within(dataset: Dataset, day: dt.date, until: dt.date) -> list[Deadline]:
    """Expiries and withdrawals taking effect after `day` and on or before `until`, soonest first."""
    found: list[Deadline] = []
    for treaty in dataset.treaties:
        if not exists_on(treaty, day):
            continue
        now = assess(treaty, day)
        if now.status.ended:
            continue
        if now.status is not Status.NOT_IN_FORCE and now.expires and day < now.expires <= until:
            why = now.expires_why or ""
            if now.expires_by == "withdrawal":
                party = next((e.party for e in reversed(now.evidence) if e.party), None)
                found.append(Deadline(treaty, now.expires, "terminates", party, why, day))
            elif now.expires_by in ("terminated", "superseded"):  # an end fixed in advance
                found.append(Deadline(treaty, now.expires, "terminates", None, why, day))
            else:
                found.append(Deadline(treaty, now.expires, "expires", None, why, day))
        if treaty.kind is not Kind.BILATERAL:
            for effective, event in withdrawals_known(treaty, day):
                if day < effective <= until:
                    why = f"withdrawal notice by {event.party} on {event.date}, effective {effective}"
                    found.append(Deadline(treaty, effective, "withdrawal", event.party, why, day))
    found.sort(key=lambda d: (d.date, d.treaty.id, d.party or ""))
    return found


def projected(rows: Iterable[TreatyRow], reviewed: dt.date) -> list[str]:
    """The short names of the rows whose status is a projection: their day is after the data's
    review date and their status differs from the one on that date (an expiry, a withdrawal
    taking effect), so it follows from the treaty's rules, not from anything observed."""
    return [
        r.treaty.short_name
        for r in rows
        if r.day > reviewed
        and exists_on(r.treaty, reviewed)
        and assess(r.treaty, reviewed).status is not r.assessment.status
    ]


def span_reaching(day: dt.date, target: dt.date) -> str:
    """The shortest `--within` span from `day` that reaches `target`: days up to a month, then
    whole months up to a year, then whole years."""
    from dateutil.relativedelta import relativedelta

    days = (target - day).days
    if days <= 31:
        return f"{max(days, 1)}d"
    for unit, most in (("m", 11), ("y", 10_000)):
        for n in range(1, most + 1):
            try:
                if day + (relativedelta(months=n) if unit == "m" else relativedelta(years=n)) >= target:
                    return f"{n}{unit}"
            except (ValueError, OverflowError):  # past the calendar's end
                return f"{days}d"
    return f"{days}d"
