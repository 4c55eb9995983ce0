"""A state's standing under a treaty on a day: its recorded acts (`acts`), when states existed
(`lives`), the day a consent binds (`rules`), the standing read from them (`reader`), and the
entry into force a table implies (`entry`)."""

from treatytrack.core.standing.acts import EVENT_ACTS, VERB, Deposit, StateAct, acts_of, deposits
from treatytrack.core.standing.entry import EntryIntoForce, derived_entry_into_force
from treatytrack.core.standing.lives import NO_HISTORY, StateHistory
from treatytrack.core.standing.reader import (
    Standing,
    StandingReader,
    by_name,
    change_days,
    standing_on,
    standings_on,
    states_of,
    tally,
)
from treatytrack.core.standing.rules import bound_day, bound_period, took_effect, withdrawal_takes_effect

__all__ = [
    "EVENT_ACTS",
    "NO_HISTORY",
    "VERB",
    "Deposit",
    "EntryIntoForce",
    "Standing",
    "StandingReader",
    "StateAct",
    "StateHistory",
    "acts_of",
    "bound_day",
    "bound_period",
    "by_name",
    "change_days",
    "deposits",
    "derived_entry_into_force",
    "standing_on",
    "standings_on",
    "states_of",
    "tally",
    "took_effect",
    "withdrawal_takes_effect",
]
