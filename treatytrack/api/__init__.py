"""The Python API: treatytrack's answers in a notebook or a script.

    import datetime as dt
    import treatytrack

    ds = treatytrack.load()                                   # the bundled data
    ds.status("new-start", on=dt.date(2026, 6, 1))            # status, since, expires, why
    ds.standing("USA", "ctbt", on=dt.date(2026, 6, 1))        # status, since, bound_from, why
    ds.treaties(party=["USA", "RUS"], status="in-force", on=dt.date(2026, 6, 1))
    ds.standings(by="year", on=dt.date(2026, 6, 1))           # rows; .to_pandas() / .to_polars()

Every answer takes its day as `on=`: nothing below `load` reads a file or the clock. Errors are
exceptions carrying the messages the command line prints (`LoadError`, `TreatyNotFound`,
`AmbiguousTreaty`, `PartyNotFound`).
"""

from treatytrack.api.data import Table, TreatyData, TreatyStatus, load
from treatytrack.core.naming import AmbiguousTreaty, TreatyNotFound
from treatytrack.core.parties import PartyNotFound
from treatytrack.core.standing import Standing
from treatytrack.store.problems import LoadError

__all__ = [
    "AmbiguousTreaty",
    "LoadError",
    "PartyNotFound",
    "Standing",
    "Table",
    "TreatyData",
    "TreatyNotFound",
    "TreatyStatus",
    "load",
]
