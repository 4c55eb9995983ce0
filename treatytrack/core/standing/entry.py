"""The entry into force a treaty's table implies: its condition (the Nth instrument, or named
states' instruments) read against the recorded deposits, so `validate` can check the recorded day."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from treatytrack.core.engine import add_period
from treatytrack.core.models import Treaty
from treatytrack.core.standing.acts import Deposit, deposits
from treatytrack.core.standing.lives import NO_HISTORY, StateHistory
from treatytrack.core.standing.reader import standing_on
from treatytrack.core.standing.rules import took_effect
from treatytrack.core.vocab import PartyStatus


class EntryIntoForce(NamedTuple):
    """What a treaty's entry-into-force condition and its table imply."""

    day: dt.date | None  # the day the condition gives, or None while it is unmet
    why: str
    missing: tuple[str, ...] = ()  # required states that have not (or no longer) consented


def derived_entry_into_force(
    treaty: Treaty, day: dt.date | None = None, history: StateHistory = NO_HISTORY
) -> EntryIntoForce | None:
    """The entry into force the table implies, counting deposits up to `day` (None: all of them);
    None when the treaty records no condition."""
    participation = treaty.participation
    condition = participation.entry_into_force_condition if participation is not None else None
    if condition is None:
        return None
    made = deposits(treaty, day)
    counted: list[dt.date] = []
    parts: list[str] = []
    if condition.deposits is not None:
        if len(made) < condition.deposits:
            return EntryIntoForce(
                None, f"{len(made)} of the {condition.deposits} instruments needed have been deposited"
            )
        nth = made[condition.deposits - 1]
        counted.append(nth.act.day)
        parts.append(f"the {_nth(condition.deposits)} instrument ({nth.state}) was deposited on {nth.act.day}")
    if condition.required:
        probe = day if day is not None else dt.date.max
        missing = []
        last: Deposit | None = None
        for code in condition.required:
            standing = standing_on(treaty, code, probe, history) if day is not None else None
            consented = next((d for d in made if d.state == code), None)
            revoked = standing is not None and standing.status in (
                PartyStatus.DERATIFIED,
                PartyStatus.SIGNATORY,
                PartyStatus.SIGNATURE_WITHDRAWN,
                PartyStatus.NOT_PARTY,
                PartyStatus.NOT_RECORDED,
            )
            if consented is None or revoked:
                missing.append(code)
            elif last is None or consented.act.day > last.act.day:
                last = consented
        if missing:
            return EntryIntoForce(
                None,
                f"{len(missing)} of the {len(condition.required)} states whose ratification is required have not ratified",
                tuple(missing),
            )
        assert last is not None
        counted.append(last.act.day)
        parts.append(
            f"the last of the {len(condition.required)} required states ({last.state}) deposited on {last.act.day}"
        )
    base = max(counted)
    result = took_effect(condition, base)
    why = "; ".join(parts) + f"; in force {condition.describe()}: {result}"
    if condition.not_before is not None and treaty.opened_for_signature is not None:
        earliest = add_period(treaty.opened_for_signature.date, condition.not_before)
        if earliest > result:
            result = earliest
            why += f"; but not before {earliest}"
    return EntryIntoForce(result, why)


def _nth(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
