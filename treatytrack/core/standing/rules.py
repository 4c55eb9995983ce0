"""The day a consent binds a state, from the treaty's own final clauses and nothing else.

A consent given before the treaty's entry into force binds from that day; a later one from the
day the treaty's rule for later consents gives (`participation.in_force_for_state`), or the day
the state's row records (`in_force`, which always wins: it is what a source says happened).
Where neither exists the answer is "not recorded", never the treaty's first day or a guess.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from treatytrack.core.engine import Spanned, add_period
from treatytrack.core.models import DepositRule, Treaty
from treatytrack.core.standing.acts import StateAct
from treatytrack.core.vocab import ActKind, DepositRuleKind, Instrument


class _Rule(Spanned, Protocol):
    @property
    def rule(self) -> DepositRuleKind: ...


def took_effect(rule: _Rule, deposit: dt.date) -> dt.date:
    """The day an instrument deposited on `deposit` takes effect under `rule` (never `per-state`:
    that rule gives no day)."""
    if rule.rule is DepositRuleKind.ON_DEPOSIT:
        return deposit
    if rule.rule is DepositRuleKind.FIRST_DAY_OF_MONTH:
        months = deposit.month - 1 + rule.months
        return dt.date(deposit.year + months // 12, months % 12 + 1, 1)
    return add_period(deposit, rule)


def bound_day(treaty: Treaty, consent: StateAct) -> tuple[dt.date | None, str]:
    """The day a consent makes the state a party under the treaty's rules, and the rule that gives
    it (None: the day is not recorded, with the reason).

    A consent known only to its month or year gives a day only when every day of that period
    would give the same one (a ratification before entry into force); otherwise the latest day
    it can be, said as such: never a day computed from the period's first day as if it were known."""
    if consent.precision == "day":
        return _bound_day(treaty, consent)
    earliest = _bound_day(treaty, consent._replace(precision="day"))
    latest = _bound_day(treaty, consent._replace(day=consent.last_day, precision="day"))
    if earliest[0] == latest[0] or latest[0] is None:
        return latest
    return latest[0], f"{latest[1]} at the latest"  # the consent says its month or year already


def _bound_day(treaty: Treaty, consent: StateAct) -> tuple[dt.date | None, str]:
    eif = treaty.in_force_from
    if eif is None:
        return None, "the treaty has not entered into force"
    rule = treaty.participation.in_force_for_state if treaty.participation is not None else None
    if rule is not None and rule.rule is DepositRuleKind.PER_STATE and treaty.instrument not in _UNRATIFIED:
        return None, f"the treaty takes effect for each state on a day of its own ({_cited(rule)}), not recorded for it"
    if rule is not None and rule.after_deposits is not None and consent.day <= eif and rule.governs(consent.kind):
        # The rule counts from the Nth deposit, and entry into force came the same span after that
        # deposit: so a consent before the Nth binds from entry into force, and one between the
        # Nth deposit and entry into force the rule's span after it. Both are the later of the two
        # days, which needs no count of deposits (and so holds for a partial table too).
        day = max(took_effect(rule, consent.day), eif)
        if day == eif:
            return eif, _from_entry_into_force(treaty)
        return (
            day,
            f"in force for it {rule.describe()} (deposited after the {_nth(rule.after_deposits)} instrument), on {day}",
        )
    if consent.day <= eif:
        return eif, _from_entry_into_force(treaty)
    if consent.kind is ActKind.SUCCEEDED:
        return consent.day, "bound from its notification of succession"
    if treaty.instrument in _UNRATIFIED:
        return (
            consent.day,
            "a participant from the day it joined (a regime or political commitment has no ratification)",
        )
    if rule is None:
        return None, "the day the treaty took effect for it is not recorded"
    if not rule.governs(consent.kind):
        kinds = " and ".join(rule.applies_to)
        return None, f"the treaty's rule ({_cited(rule)}) covers {kinds} only; the day for this consent is not recorded"
    day = took_effect(rule, consent.day)
    return day, f"in force for it {rule.describe()}, on {day}"


def _from_entry_into_force(treaty: Treaty) -> str:
    entry = treaty.entry_into_force
    assert entry is not None
    if entry.precision != "day":  # known only to its month or year: never its first day as the day
        return f"bound from the treaty's entry into force {entry.words} (day not recorded)"
    return f"bound from the treaty's entry into force on {entry.date}"


def _cited(rule: DepositRule) -> str:
    return rule.note.split(":")[0] if rule.note else rule.describe()


def _nth(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


_UNRATIFIED = frozenset({Instrument.REGIME, Instrument.POLITICAL_COMMITMENT})


def withdrawal_takes_effect(treaty: Treaty, notice: StateAct, withdrawn: dt.date | None) -> dt.date | None:
    """The day a withdrawal notice takes effect: as recorded, or the notice plus the treaty's period."""
    if notice.effective is not None:
        return notice.effective
    if withdrawn is not None and withdrawn >= notice.day:
        return withdrawn
    if treaty.withdrawal_notice is None:
        return None
    return add_period(notice.day, treaty.withdrawal_notice)


def bound_period(
    treaty: Treaty | None, consent: StateAct | None, bound: dt.date
) -> tuple[dt.date, str, dt.date | None]:
    """The day a state was bound with its precision: the month or year (or the span between two
    days) of a consent known only to that period when the day falls in it, or of an entry into
    force known only to a period when the state was bound from it (of two such periods, the one
    that ends later, since the state was bound by the later of the two); with the period's last
    day where the precision alone does not give it. A day of its own inside an entry into
    force's period (a deposit that took effect on its day) stays a day."""
    entry = treaty.entry_into_force if treaty is not None else None
    periods = []
    if consent is not None:
        periods.append((consent.day, consent.last_day, consent.precision))
    if entry is not None and bound == entry.date:  # bound from an entry into force known only to a period
        periods.append((entry.date, entry.last_day, entry.precision))
    held = [(last, first, how) for first, last, how in periods if how != "day" and first <= bound <= last]
    if not held:
        return bound, "day", None
    last, first, how = max(held)
    return first, how, last
