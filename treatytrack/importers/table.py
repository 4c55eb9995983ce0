"""What an importer read from a depositary list: one row of acts per state, and the list's date.

Also the one rule every importer applies: acts a list shows under a continuing state (the Russian
Federation) dated before its predecessor ceased to exist (the USSR, 1991-12-26) are the
predecessor's, as `state_history` says (`continued_by`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field


def misread_row(where: str, code: str, seen: Mapping[str, object], cells: int, columns: int) -> str | None:
    """Why a list's row cannot be taken as it stands (its state already read, or not as many cells
    as the header has columns), as every importer says it; None when it can."""
    if code in seen:
        return f"{where}: {code} is listed twice"
    if cells != columns:
        return f"{where}: {cells} cells after the name, the header has {columns}"
    return None


# The keys of a row, in the order a row is written (models.StateRow).
ROW_KEYS = (
    "signed",
    "ratified",
    "acceded",
    "succeeded",
    "accepted",
    "approved",
    "consented",
    "original",
    "in_force",
    "withdrawal_notice",
    "withdrawal_condition",
    "withdrawn",
    "deratified",
    "signature_withdrawn",
    "suspended",
    "suspension_claimed",
    "resumed",
    "source",
    "note",
)
CONSENT_KEYS = ("ratified", "acceded", "succeeded", "accepted", "approved", "consented")
# Row keys whose value is text, not a dated act.
TEXT_KEYS = frozenset({"withdrawal_condition", "source", "note"})


@dataclass(frozen=True)
class Act:
    """One dated act as a list gives it, with a note when the list qualifies it."""

    day: dt.date
    note: str | None = None


Value = Act | str
Row = dict[str, Value]


@dataclass
class ImportedTable:
    """A depositary's list, read: every state's row, keyed by code."""

    as_of: dt.date
    source: str
    list_name: str
    states: dict[str, Row] = field(default_factory=dict)
    note: str | None = None  # written only where the table has no note yet
    coverage: str = "complete"  # a list of every state; `partial` while the table cannot answer for all
    # The list's own header counts ({"parties": 117, "signatories": 130}), where it states them.
    list_count: dict[str, int] | None = None


@dataclass(frozen=True)
class Life:
    """The part of a `state_history` entry the continuation rule needs."""

    ended: dt.date
    continued_by: str


def continued_lives(history: Mapping[str, Mapping[str, object]]) -> dict[str, Life]:
    """The predecessors that a state continues, from a file's `state_history` (plain data)."""
    lives = {}
    for code, life in history.items():
        ended, successor = life.get("ended"), life.get("continued_by")
        if isinstance(ended, dt.date) and isinstance(successor, str):
            lives[code] = Life(ended, successor)
    return lives


def split_continued(states: dict[str, Row], lives: Mapping[str, Life]) -> list[str]:
    """Move the acts listed under a continuing state that predate its predecessor's end to the
    predecessor's row (in place). Returns one line per state split, and problems as `!` lines."""
    said = []
    for predecessor, life in sorted(lives.items()):
        row = states.get(life.continued_by)
        if row is None:
            continue
        early: Row = {k: v for k, v in row.items() if isinstance(v, Act) and v.day < life.ended}
        if not early:
            continue
        if "withdrawal_notice" in early and "withdrawal_condition" in row:
            early["withdrawal_condition"] = row["withdrawal_condition"]
        target = states.setdefault(predecessor, {})
        for key, value in early.items():
            if key in target and target[key] != value:
                said.append(f"! {predecessor}: `{key}` is given twice ({target[key]} and {value})")
                continue
            target[key] = value
            del row[key]
        if not row:
            del states[life.continued_by]
        moved = ", ".join(f"{k} {v.day}" for k, v in early.items() if isinstance(v, Act))
        said.append(
            f"{life.continued_by}'s acts before {life.ended} recorded under {predecessor} "
            f"({life.continued_by} continues {predecessor}): {moved}"
        )
    return said


def ordered(row: Row) -> Row:
    return {key: row[key] for key in ROW_KEYS if key in row}
