"""A user's script against the Python API, type-checked with `mypy --strict` in CI: the API's
types are what a user's editor and type checker see (the package ships `py.typed`)."""

from __future__ import annotations

import datetime as dt

import treatytrack
from treatytrack.api import Standing, Table, TreatyData, TreatyStatus

ds: TreatyData = treatytrack.load()
day = dt.date(2026, 6, 1)
status: TreatyStatus = ds.status("new-start", on=day)
expired: bool = status.status.value == "expired"
standing: Standing = ds.standing("USA", "ctbt", on=day)
bound_from: dt.date | None = standing.bound_from
names: list[str] = [t.name for t in ds.treaties(party=["USA", "RUS"], status="in-force", on=day)]
panel: Table = ds.standings(by="year", treaty="tpnw", on=day)
years: list[int] = [row["year"] for row in panel]
