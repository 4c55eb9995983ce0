"""Checks of declared numbers that a single row cannot make: the party is one the treaty's record
names, and the data date is not after the day the dataset was reviewed (a number "declared" for a
day nobody had reviewed yet is a typing mistake). Pure: no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from treatytrack.core.findings import Finding, Path
from treatytrack.core.models import Declared, Treaty


def declared_rows(treaty: Treaty) -> Iterator[tuple[Path, Declared]]:
    """Every declared row of the treaty with its path: under each limit, then the treaty's own."""
    for i, limit in enumerate(treaty.limits):
        for j, row in enumerate(limit.declared):
            yield ("limits", i, "declared", j), row
    for j, total in enumerate(treaty.declared):
        yield ("declared", j), total


def check_declared(treaty: Treaty, reviewed: dt.date | None) -> Iterator[Finding]:
    """`reviewed` is None for a file without one (an extra file): then dates are not compared."""
    parties = set(treaty.recorded_states)
    for path, row in declared_rows(treaty):
        if row.party not in parties:
            named = ", ".join(sorted(parties)) or "none"
            yield Finding(
                (*path, "party"),
                f"`{row.party}` is not a party in the record of {treaty.short_name} (it names {named})",
            )
        if reviewed is not None and row.date > reviewed:
            yield Finding(
                (*path, "date"),
                f"data date {row.date} is after the dataset's `reviewed` ({reviewed}); a declared number is "
                "recorded once it has been published",
            )
