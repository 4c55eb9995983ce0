"""Every change in a dataset's whole record, worked out once and kept in the cache beside it.

`diff` asks for the changes in a window; working them out reads every state's acts under every
treaty (some 3,800 pairs in the bundled data), though most of them changed long before the
window opens. The whole record's changes (`core.history.changes_between` from the first day to
the last) are the same changes the window's own reading finds, plus the others: a window's are
the record's with their dates inside it (tests/test_changes_cache.py holds the two readings to
each other). So the first `diff` on a file works out the whole record, keeps it in the cache
under the dataset's own key (which covers the file's bytes and treatytrack's code, so an edit
of either is a new entry), and every later one reads it back and keeps the window.

An entry holds plain values only (dates, strings), each change as its treaty's id: its
unpickler accepts `datetime.date` and nothing else. An entry that is not a list of changes in
date order, or a change read from it that names a treaty the dataset does not hold or holds
anything but text, makes the entry a miss, worked out and written again.
"""

from __future__ import annotations

import bisect
import datetime as dt
import pickle
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, BinaryIO

from treatytrack.store import cache

if TYPE_CHECKING:
    from treatytrack.core.history import Change
    from treatytrack.core.models import Dataset, Treaty
    from treatytrack.core.standing import StateHistory


_Row = tuple[dt.date, str, str | None, str, str, str, str]  # a change, its treaty by id
_FIELDS = ("date", "treaty", "party", "before", "after", "why", "kind")


class _DatesOnly(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == ("datetime", "date"):
            return dt.date
        raise pickle.UnpicklingError(f"{module}.{name} is not something a changes entry holds")


def changes_between(
    dataset: Dataset,
    key: str | None,
    treaties: Sequence[Treaty],
    start: dt.date,
    end: dt.date,
    history: StateHistory,
) -> list[Change]:
    """`core.history.changes_between(treaties, start, end, history)`, the same list, read from the
    whole record kept under `key` (the dataset's cache key), which is worked out and kept first
    if it is not there. Without a key (`--no-cache`, a dataset changed by an overlay) or a cache
    to keep the record in, only the window is worked out, as the core does it."""
    from treatytrack.core import history as core

    if key is None or cache.unsafe_directory() is not None:
        return core.changes_between(treaties, start, end, history)
    rows = _read(key)
    found = None if rows is None else _window(rows, dataset, treaties, start, end)
    if found is None:
        whole = core.changes_between(dataset.treaties, dt.date.min, dt.date.max, history)
        made: list[_Row] = [(c.date, c.treaty.id, c.party, c.before, c.after, c.why, c.kind) for c in whole]
        cache.write_own(cache.entry_path(key, "changes"), lambda handle: _dump(made, handle))
        wanted = {t.id for t in treaties}
        return [c for c in whole if start < c.date <= end and c.treaty.id in wanted]
    return found


def _window(
    rows: list[_Row], dataset: Dataset, treaties: Sequence[Treaty], start: dt.date, end: dt.date
) -> list[Change] | None:
    """The rows dated after `start` up to `end` of the treaties given, as changes; None if one of
    them is not a change of this dataset (the entry is then worked out again). The rows are in
    date order, as `changes_between` sorts them, so the window is found by bisection."""
    from treatytrack.core.history import Change

    wanted = {t.id for t in treaties}
    by_id = {t.id: t for t in dataset.treaties}
    first = bisect.bisect_right(rows, start, key=lambda r: r[0])
    last = bisect.bisect_right(rows, end, key=lambda r: r[0])
    found = []
    for day, treaty, party, before, after, why, kind in rows[first:last]:
        if treaty not in by_id or not (party is None or type(party) is str):
            return None
        if not all(type(text) is str for text in (before, after, why, kind)):
            return None
        if treaty in wanted:
            found.append(Change(day, by_id[treaty], party, before, after, why, kind))
    return found


def _dump(rows: list[_Row], handle: BinaryIO) -> None:
    pickle.dump(rows, handle, protocol=pickle.HIGHEST_PROTOCOL)


def _read(key: str) -> list[_Row] | None:
    """The entry's rows, or None: no entry, or not a list of changes in date order (each row in a
    window is checked further as it is read, by `_window`)."""
    found = cache.read_own(cache.entry_path(key, "changes"), lambda handle: _DatesOnly(handle).load())
    if type(found) is not list or not all(type(row) is tuple and len(row) == len(_FIELDS) for row in found):
        return None
    days = [row[0] for row in found]
    if not all(type(day) is dt.date for day in days) or days != sorted(days):
        return None
    return found
