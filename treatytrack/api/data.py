"""`TreatyData`: one loaded dataset and the questions asked of it, by name and by day.

A thin layer over the core (the same functions the commands call), so a notebook gets the
answers the command line gives: treaties and states are found by the names people use, days
are given explicitly (`on=`), and tidy tables come as rows of plain values.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Literal, NamedTuple, overload

from treatytrack.core.engine import assess
from treatytrack.core.models import Dataset, Treaty
from treatytrack.core.naming import find_treaty
from treatytrack.core.panel import Spell, YearRun, panel_rows
from treatytrack.core.parties import TreatyStanding, party_names, resolve_party
from treatytrack.core.parties import standings as standings_of_state
from treatytrack.core.query import TreatyRow, select_treaties, treaty_rows
from treatytrack.core.standing import Standing, StateHistory, by_name, standing_on, standings_on
from treatytrack.core.vocab import Category, Kind, StandingFilter, Status


class TreatyStatus(NamedTuple):
    """A treaty's status on a day: what `treatytrack list` and `show` say of it."""

    treaty: str  # the treaty's id
    name: str  # its short name
    status: Status
    since: dt.date | None
    expires: dt.date | None
    why: str


Row = dict[str, Any]


class Table(Sequence[Row]):
    """Rows of plain values (str, int, bool, date, None) with named columns, for a data frame."""

    def __init__(self, columns: Sequence[str], rows: Sequence[Row]) -> None:
        self.columns = list(columns)
        self._rows = list(rows)

    @overload
    def __getitem__(self, index: int) -> Row: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Row]: ...
    def __getitem__(self, index: int | slice) -> Row | Sequence[Row]:
        return self._rows[index]

    def __len__(self) -> int:
        return len(self._rows)

    def __iter__(self) -> Iterator[Row]:
        return iter(self._rows)

    def to_pandas(self) -> Any:  # pandas.DataFrame: pandas is an optional extra
        """A pandas DataFrame (`pip install 'treatytrack[frames]'`); imported only when asked for."""
        import pandas  # type: ignore[import-untyped, unused-ignore]

        return pandas.DataFrame(self._rows, columns=self.columns)

    def to_polars(self) -> Any:  # polars.DataFrame: polars is an optional extra
        """A polars DataFrame (`pip install 'treatytrack[frames]'`); imported only when asked for."""
        import polars  # type: ignore[import-not-found, unused-ignore]

        return polars.DataFrame(self._rows, schema=self.columns, orient="row")


YEAR_COLUMNS = ("treaty_id", "treaty", "code", "name", "year", "status", "since", "bound", "consented", "signed_only")
CHANGE_COLUMNS = (
    "treaty_id",
    "treaty",
    "code",
    "name",
    "start",
    "until",
    "status",
    "since",
    "bound",
    "consented",
    "signed_only",
    "why",
)


class TreatyData:
    """A loaded dataset: ask it about treaties and states on any day."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.history = StateHistory(dataset.state_history)
        self._names: dict[str, str] | None = None

    @property
    def names(self) -> dict[str, str]:
        """The name of every state and organisation in the data, by code (read from ISO's tables
        on first use: a question that names no state never pays for them)."""
        if self._names is None:
            from treatytrack.store.isonames import iso_names

            self._names = party_names(self.dataset, iso_names())
        return self._names

    @property
    def reviewed(self) -> dt.date:
        """The day the dataset was last reviewed: answers after it are projections."""
        return self.dataset.reviewed

    def treaty(self, name: str) -> Treaty:
        """The treaty record called `name` (id, short name, alias or full name)."""
        return find_treaty(self.dataset, name)

    def state(self, name: str) -> str:
        """The code of the state or organisation called `name` (`Russia`, `RUS`, `ru`)."""
        return resolve_party(self.dataset, name, self.names)

    def status(self, treaty: str, *, on: dt.date) -> TreatyStatus:
        """The treaty's status on `on`, with the day it began, its expiry and why."""
        row = self.row(treaty, on=on)
        return _status(row.treaty, on, row.assessment)

    def row(self, treaty: str | Treaty, *, on: dt.date) -> TreatyRow:
        """The treaty (a name, or its record) with its whole assessment on `on`: evidence, expiry
        and why, as `treatytrack show` and `list` give them."""
        record = treaty if isinstance(treaty, Treaty) else self.treaty(treaty)
        return TreatyRow(record, assess(record, on), on)

    def standing(self, state: str, treaty: str, *, on: dt.date) -> Standing:
        """The state's standing under the treaty on `on` (status, since, bound_from, why, acts)."""
        return standing_on(self.treaty(treaty), self.state(state), on, self.history)

    def rows(
        self,
        *,
        on: dt.date,
        party: Iterable[str] = (),
        status: Iterable[str] | str = (),
        category: Iterable[str] | str = (),
        kind: Iterable[str] | str = (),
        standing: str = "bound",
    ) -> list[TreatyRow]:
        """`treaties`, each as the treaty's record with its whole assessment (evidence, expiry
        and why): the rows `treatytrack list` shows."""
        return treaty_rows(
            self.dataset,
            on,
            statuses=[Status(s) for s in _many(status)],
            categories=[Category(c) for c in _many(category)],
            parties=[self.state(p) for p in _many(party)],
            standing=StandingFilter(standing),
            kinds=[Kind(k) for k in _many(kind)],
        )

    def treaties(
        self,
        *,
        on: dt.date,
        party: Iterable[str] = (),
        status: Iterable[str] | str = (),
        category: Iterable[str] | str = (),
        kind: Iterable[str] | str = (),
        standing: str = "bound",
    ) -> list[TreatyStatus]:
        """The treaties that existed on `on`, oldest first; with `party`, those where every one of
        the states has the `standing` asked for (bound, signed, any, or one standing exactly)."""
        rows = self.rows(on=on, party=party, status=status, category=category, kind=kind, standing=standing)
        return [_status(row.treaty, on, row.assessment) for row in rows]

    def parties(self, treaty: str, *, on: dt.date) -> list[Standing]:
        """Every state the treaty's record names, with its standing on `on`, in the order of the
        states' names (as depositaries list them): what `treatytrack parties` shows."""
        return by_name(standings_on(self.treaty(treaty), on, self.history), self.names)

    def party(self, state: str, *, on: dt.date, category: Iterable[str] | str = ()) -> list[TreatyStanding]:
        """The state's standing under every treaty that had begun by `on` (in `category`, if
        given), grouped by category: what `treatytrack party` shows."""
        wanted = {Category(c) for c in _many(category)}
        found = standings_of_state(self.dataset, self.state(state), on)
        return [s for s in found if not wanted or wanted.intersection(s.treaty.categories)]

    def standings(
        self,
        *,
        on: dt.date,
        by: Literal["year", "change"] = "year",
        treaty: Iterable[str] | str = (),
        party: Iterable[str] | str = (),
        category: Iterable[str] | str = (),
        kind: Iterable[str] | str = (),
        any_party: bool = False,
        first_year: int | None = None,
        since: dt.date | None = None,
    ) -> Table:
        """Long, tidy standings: per state, treaty and year (the standing on 31 December, and on
        `on` in its own year), or per state, treaty and change; the rows of `treatytrack
        standings`. Treaties are chosen as `list` chooses them: those naming every `party` (any
        one of them with `any_party`), in the `category` and `kind` given. From `first_year`, or
        from the day `since` (by change: the standings held on or after it)."""
        runs = self.panel(
            on=on,
            by=by,
            treaty=treaty,
            party=party,
            category=category,
            kind=kind,
            any_party=any_party,
            first_year=first_year,
            since=since,
        )
        return Table(YEAR_COLUMNS if by == "year" else CHANGE_COLUMNS, list(self._rows(runs)))

    def panel(
        self,
        *,
        on: dt.date,
        by: Literal["year", "change"] = "year",
        treaty: Iterable[str] | str = (),
        party: Iterable[str] | str = (),
        category: Iterable[str] | str = (),
        kind: Iterable[str] | str = (),
        any_party: bool = False,
        first_year: int | None = None,
        since: dt.date | None = None,
    ) -> Iterator[YearRun | Spell]:
        """`standings` as the core's records, made as they are read: by year, runs of years that
        share one standing (`YearRun`: treaty, first, last, standing; `.rows()` gives a row a
        year), by change, each standing held (`Spell`: treaty, standing, start, until). What
        `treatytrack standings` writes its CSV from."""
        if first_year is not None and since is not None:
            raise ValueError("give first_year or since, not both")
        first = dt.date(first_year, 1, 1) if first_year is not None else since
        wanted = [self.state(p) for p in _many(party)]
        chosen = select_treaties(
            self.dataset,
            ids=[self.treaty(t).id for t in _many(treaty)],
            parties=wanted,
            categories=[Category(c) for c in _many(category)],
            kinds=[Kind(k) for k in _many(kind)],
            any_party=any_party,
        )
        return panel_rows(chosen, self.history, wanted, on, by_year=by == "year", first=first)

    def _rows(self, panel: Iterable[YearRun | Spell]) -> Iterator[Row]:
        names = self.names
        for found in panel:
            standing = found.standing
            flags = _flags(standing)
            code = standing.state
            head = {
                "treaty_id": found.treaty.id,
                "treaty": found.treaty.short_name,
                "code": code,
                "name": names.get(code, code),
            }
            if isinstance(found, YearRun):
                for year in range(found.first, found.last + 1):
                    yield head | {"year": year} | flags
            else:
                yield head | {"start": _start(found), "until": found.until} | flags | {"why": standing.why}


def _status(treaty: Treaty, on: dt.date, now: Any = None) -> TreatyStatus:
    now = now if now is not None else assess(treaty, on)
    return TreatyStatus(treaty.id, treaty.short_name, now.status, now.since, now.expires, now.why)


def _start(spell: Spell) -> dt.date | str:
    """A spell's first day; the text of a month or a year where the spell starts with a founding
    known only to that period ("1985-06"): a day there would be a pretended one."""
    text = spell.treaty.key_text(spell.start)
    return spell.start if text == spell.start.isoformat() else text


def _flags(standing: Standing) -> Row:
    status = standing.status
    return {
        "status": status.value,
        "since": standing.since,
        "bound": status.bound,
        "consented": status.value == "consented",
        "signed_only": status.signed_only,
    }


def _many(value: Iterable[str] | str) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def load(path: str | os.PathLike[str] | None = None, *, extra: Iterable[str | os.PathLike[str]] = ()) -> TreatyData:
    """The bundled dataset, or the file at `path`, with `extra` files on top (as `--extra`).

    Raises `LoadError`, whose `problems` each name a file, line and column (what `validate`
    prints)."""
    from treatytrack.store.load import load_dataset
    from treatytrack.store.paths import bundled_path

    file = Path(path) if path is not None else bundled_path()
    dataset = load_dataset(file)
    extras = [Path(e) for e in extra]
    if extras:
        from treatytrack.store.overlay import apply_extras

        dataset = apply_extras(dataset, os.fspath(file), extras)
    return TreatyData(dataset)
