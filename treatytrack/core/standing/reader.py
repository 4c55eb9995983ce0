"""Each state's standing under a treaty on any day: party, signatory, withdrawn... or "not recorded".

Derived from the treaty's participation table (one row of acts per state, from a depositary's
list) and the per-party events of its record, never guessed:
- a state is a party from the day the treaty binds it (`rules.bound_day`): the treaty's own entry
  into force when it consented before, the day the treaty's rule for later consents gives, or the
  day its row records (`in_force`);
- a state that consented while the treaty was in force, when neither gives the day, has consented
  ("consented": the day the treaty took effect for it is not recorded): never "not recorded",
  never counted as a party;
- where the table's list is complete (a `complete` table, or a partial one whose gaps are days,
  `list_complete`), a state it does not name is neither party nor signatory, and so is a state
  an instrument is not open to (`open_to`); otherwise such a state's standing is "not recorded";
- a regime's member named on its whole, dated list with no dated act is a member from the list's
  day (no day of joining shown) and "not recorded" before it;
- no state has a standing before it existed or after it ceased to exist (`Dataset.state_history`);
  a state that continues another (the Russian Federation the USSR) carries on its acts.

Pure functions of (treaty, state, day, state history): nothing here reads a file or the clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from treatytrack.core.engine import Assessment, assess
from treatytrack.core.models import Treaty
from treatytrack.core.standing.acts import StateAct, acts_of
from treatytrack.core.standing.lives import NO_HISTORY, StateHistory
from treatytrack.core.standing.rules import bound_day, withdrawal_takes_effect
from treatytrack.core.vocab import ActKind, PartyStatus


class Standing(NamedTuple):
    """A state's standing under a treaty on a day, with the rule and the acts behind it."""

    state: str
    status: PartyStatus
    since: dt.date | None
    why: str
    acts: tuple[StateAct, ...] = ()  # the state's acts up to the day
    withdrawal_effective: dt.date | None = None  # a withdrawal notice given, not yet in effect
    consent: StateAct | None = None  # the consent in effect on the day
    bound_from: dt.date | None = None  # the day the treaty took (or takes) effect for the state


def _not_recorded_why(treaty: Treaty, state: str) -> str:
    if treaty.participation is None:
        return f"this record has no list of states; {state}'s standing is not recorded"
    return f"this record's list of states is partial and does not name {state}"


def _on_the_list(treaty: Treaty, state: str, day: dt.date, treaty_now: Assessment | None) -> Standing:
    """A state a table names with no dated act. A regime's whole list of its members as of a day
    makes it a member on that day and after (as every member is taken to stay one after the
    list's day); before, and on any other kind of list, its standing is not recorded."""
    table = treaty.participation
    assert table is not None
    listed = table.as_of
    if table.members_are is not None and treaty.names_every_state and listed is not None and day >= listed:
        why = f"on the list of members as of {listed}; the day it joined is not recorded"
        now = treaty_now if treaty_now is not None else assess(treaty, day)
        if now.status.ended:
            return Standing(state, PartyStatus.TREATY_ENDED, now.since, f"{why}; the treaty {now.why}")
        return Standing(state, PartyStatus(table.members_are), None, why)
    when = f" (a member by {listed})" if table.members_are is not None and listed is not None else ""
    return Standing(state, PartyStatus.NOT_RECORDED, None, f"{state} is on the list with no dated act{when}")


def standing_on(
    treaty: Treaty,
    state: str,
    day: dt.date,
    history: StateHistory = NO_HISTORY,
    treaty_now: Assessment | None = None,
) -> Standing:
    """`state`'s standing under `treaty` on `day`. `treaty_now` is the treaty's own assessment on
    that day, when the caller has it already."""
    return StandingReader(treaty, state, history).advance(day).standing(treaty_now)


class StandingReader:
    """One state's acts under one treaty read in date order, up to a day that only moves forward.

    `standing_on` reads up to one day; `history.changes_between` asks about many days of one
    state with one reader, so a diff reads each act once.
    """

    def __init__(
        self, treaty: Treaty, state: str, history: StateHistory = NO_HISTORY, acts: Sequence[StateAct] | None = None
    ) -> None:
        self.treaty, self.state, self.history = treaty, state, history
        self.acts = acts_of(treaty, state, history) if acts is None else acts
        self.day: dt.date | None = None
        self._read = 0
        self._withdrawn_day = next((a.day for a in self.acts if a.kind is ActKind.WITHDRAWN), None)
        self.status: PartyStatus | None = None
        self.since: dt.date | None = None
        self.why = ""
        self.consent: StateAct | None = None
        self.bound: dt.date | None = None
        self._bound_why = ""
        self.pending: tuple[dt.date | None, StateAct] | None = None
        self.undated: StateAct | None = None

    def advance(self, day: dt.date) -> StandingReader:
        if self.day is not None and day < self.day:
            raise ValueError(f"a reader only moves forward: {day} is before {self.day}")
        acts = self.acts
        self.undated = None
        while self._read < len(acts) and acts[self._read].day <= day:
            act = acts[self._read]
            if act.precision != "day" and day <= act.last_day:
                # Known only to a month or year that holds `day`: whether it had happened by
                # then is not recorded. Read no further; a later day reads on from here.
                self.undated = act
                break
            self._read += 1
            self._due(act.day)
            self._apply(act)
        self._due(day)
        self.day = day
        return self

    def _due(self, until: dt.date) -> None:
        """What takes effect by `until` without an act of its own: being bound, a withdrawal."""
        if self.status is PartyStatus.RATIFIED and self.bound is not None and self.bound <= until:
            entry = self.treaty.entry_into_force
            from_period = entry is not None and entry.precision != "day" and self.bound == entry.date
            precise = (self.consent is None or self.consent.precision == "day") and not from_period
            self.status, self.since = PartyStatus.PARTY, self.bound if precise else None
            self.why = f"{self.why}; {self._bound_why}"
        eif = self.treaty.in_force_from
        if self.status is PartyStatus.RATIFIED and self.bound is None and eif is not None and eif <= until:
            # The treaty is in force and the state has consented; the day it took effect for the
            # state is not recorded (the reason is in `why` already).
            self.status = PartyStatus.CONSENTED
        if self.pending is not None and self.pending[0] is not None and self.pending[0] <= until:
            effective, notice = self.pending
            self.pending = None
            if notice.condition is not None:
                self.status, self.since = PartyStatus.WITHDRAWAL_CONDITIONAL, effective
                self.why = (
                    f"its withdrawal notice of {notice.day} was to take effect on {effective} subject to a "
                    f"condition ({notice.condition}); whether it did is not recorded"
                )
            else:
                self.status, self.since = PartyStatus.WITHDRAWN, effective
                self.why = f"withdrew: notice on {notice.day}, effective {effective}"

    def _set(self, status: PartyStatus, act: StateAct) -> None:
        since = act.day if act.precision == "day" else None  # never a pretended day
        self.status, self.since, self.why = status, since, act.describe()

    def _apply(self, act: StateAct) -> None:
        kind, status = act.kind, self.status
        if kind is ActKind.SIGNED:
            if status is None or status is PartyStatus.NOT_PARTY:
                self._set(PartyStatus.SIGNATORY, act)
        elif kind.consent:
            if status is not None and status.bound:
                return  # already a party (an original party's ratification recorded after the fact)
            self.consent = act
            recorded = self._recorded_in_force(act)
            if recorded is not None:
                self.bound, self._bound_why = recorded.day, f"in force for it from {recorded.day}, as recorded"
            else:
                self.bound, self._bound_why = bound_day(self.treaty, act)
            eif = self.treaty.in_force_from
            if self.bound is None and eif is not None and act.day > eif:
                # In force, but the day it bound this state is not recorded: a party by now, most
                # likely, but the data cannot say from when, and a wrong answer is worse than none.
                self._set(PartyStatus.CONSENTED, act)
            else:
                self._set(PartyStatus.RATIFIED, act)
            if self.bound is None:
                self.why = f"{self.why}; {self._bound_why}"
        elif kind is ActKind.ORIGINAL or kind is ActKind.IN_FORCE:
            self.bound, self._bound_why = act.day, act.describe()
            self._set(PartyStatus.PARTY, act)
        elif kind is ActKind.DERATIFIED or kind is ActKind.SIGNATURE_WITHDRAWN:
            self.consent, self.bound = None, None
            self._set(PartyStatus.DERATIFIED if kind is ActKind.DERATIFIED else PartyStatus.SIGNATURE_WITHDRAWN, act)
        elif kind is ActKind.SUSPENDED or kind is ActKind.SUSPENSION_CLAIMED:
            if status is not None and status.bound:
                self._set(PartyStatus.SUSPENDED if kind is ActKind.SUSPENDED else PartyStatus.SUSPENSION_CLAIMED, act)
        elif kind is ActKind.RESUMED:
            if status in (PartyStatus.SUSPENDED, PartyStatus.SUSPENSION_CLAIMED):
                self._set(PartyStatus.PARTY, act)
        elif kind is ActKind.WITHDRAWAL_NOTICE:
            self.pending = (withdrawal_takes_effect(self.treaty, act, self._withdrawn_day), act)
        elif kind is ActKind.WITHDRAWAL_RESCINDED:
            if self.pending is not None and (self.pending[0] is None or self.pending[0] > act.day):
                self.pending = None
        elif kind is ActKind.WITHDRAWN:
            self.pending = None
            self.consent, self.bound = None, None
            self._set(PartyStatus.WITHDRAWN, act)

    def _recorded_in_force(self, consent: StateAct) -> StateAct | None:
        """The day the state's own record says the treaty took effect for it under this consent
        (a row's `in_force`, an `entered-into-force` event): what a source says wins over a rule.
        For a succession it may precede the notification (the day of independence)."""
        ends = (ActKind.WITHDRAWN, ActKind.DERATIFIED, ActKind.SIGNATURE_WITHDRAWN)
        for later in self.acts[self._read :]:
            if later.kind in ends:
                return None
            if later.kind is ActKind.IN_FORCE:
                return later
        return None

    def standing(self, treaty_now: Assessment | None = None) -> Standing:
        """The standing on the day read to (`treaty_now`: the treaty's assessment that day, if known)."""
        day, state, treaty, history = self.day, self.state, self.treaty, self.history
        assert day is not None, "advance() to a day first"
        began, ended = history.began(state), history.ended(state)
        if began is not None and day < began:
            why = f"{state} did not exist before {began}"
            predecessor = history.continues.get(state)
            if predecessor is not None:
                # The code a user typed for today's state: say what its predecessor's was.
                then = StandingReader(treaty, predecessor, history).advance(day).standing(treaty_now)
                then_since = f" since {then.since}" if then.since is not None else ""
                why += f"; as {predecessor}, which it continues: {then.status.value}{then_since}"
            return Standing(state, PartyStatus.NOT_YET_EXISTING, None, why)
        if ended is not None and day >= ended:
            successor = history.successor(state)
            why = f"{state} ceased to exist on {ended}" + (f"; continued by {successor}" if successor else "")
            return Standing(state, PartyStatus.CEASED_TO_EXIST, ended, why)
        ended_by = history.ended_by(state)
        if ended_by is not None and day >= ended_by:
            # A source says the state had ended by this day, and none gives the day itself.
            why = f"{state} had ceased to exist by {ended_by} (the day it ended is not recorded)"
            return Standing(state, PartyStatus.CEASED_TO_EXIST, None, why)
        if not self.acts:
            rows = treaty.participation.states if treaty.participation is not None else {}
            if state in rows:
                return _on_the_list(treaty, state, day, treaty_now)
            open_to = treaty.participation.open_to if treaty.participation is not None else None
            if open_to is not None and not open_to.admits(state, history.continues.get(state)):
                eligible = open_to.states
                named = ", ".join(eligible) if len(eligible) <= 5 else f"the {len(eligible)} states its record lists"
                why = f"open only to {named}, not to {state}"
                return Standing(state, PartyStatus.NOT_PARTY, None, why)
            if treaty.names_every_state:
                assert treaty.participation is not None
                listed = treaty.participation.as_of
                if listed is not None and history.ceased_by(state, listed):
                    # A list of its day names the states that exist then: it cannot say that a
                    # state gone before it (Czechoslovakia on a list of 2026) was never a party.
                    return Standing(
                        state,
                        PartyStatus.NOT_RECORDED,
                        None,
                        f"{state} had ceased to exist before the list of states as of {listed}, "
                        "which does not name it; its acts are not recorded",
                    )
                return Standing(state, PartyStatus.NOT_PARTY, None, f"not on the list of states as of {listed}")
            return Standing(state, PartyStatus.NOT_RECORDED, None, _not_recorded_why(treaty, state))
        seen = tuple(self.acts[: self._read])
        status, since, why = self.status, self.since, self.why
        if self.undated is not None:
            before = f"; before it: {status.value}" if status is not None else ""
            return Standing(
                state,
                PartyStatus.DAY_NOT_RECORDED,
                None,
                f"{self.undated.describe()}: whether by {day} is not recorded{before}",
                seen,
            )
        if status is None:
            return Standing(state, PartyStatus.NOT_PARTY, None, "no signature or consent by this day", seen)
        if status.bound or status in (PartyStatus.RATIFIED, PartyStatus.CONSENTED):
            now = treaty_now if treaty_now is not None else assess(treaty, day)
            if now.status.ended:
                status, since = PartyStatus.TREATY_ENDED, now.since
                why = f"{why}; the treaty {now.why}"
        called = treaty.participation.members_are if treaty.participation is not None else None
        if status is PartyStatus.PARTY and called is not None:
            status = PartyStatus(called)  # a regime's member, a code's subscribing state...
        effective: dt.date | None = None
        if self.pending is not None:
            effective, notice = self.pending
            when = f"takes effect {effective}" if effective is not None else "its effective day is not recorded"
            condition = f", subject to a condition ({notice.condition})" if notice.condition else ""
            why += f"; withdrawal notice on {notice.day} {when}{condition}"
        return Standing(state, status, since, why, seen, effective, self.consent, self.bound)


def states_of(treaty: Treaty, history: StateHistory = NO_HISTORY) -> list[str]:
    """Every state the treaty's record names, with the states that continue them (RUS for SUN)."""
    codes = treaty.recorded_states
    for code in list(codes):
        successor = history.successor(code)
        if successor is not None and successor not in codes:
            codes.append(successor)
    return codes


def standings_on(treaty: Treaty, day: dt.date, history: StateHistory = NO_HISTORY) -> list[Standing]:
    """Every recorded state's standing on `day`, in the order the record names them."""
    now = assess(treaty, day)
    return [standing_on(treaty, code, day, history, now) for code in states_of(treaty, history)]


def by_name(standings: Iterable[Standing], names: Mapping[str, str]) -> list[Standing]:
    """Standings in the order of the states' names, as depositaries list them."""
    return sorted(standings, key=lambda s: (names.get(s.state, s.state).casefold(), s.state))


def tally(standings: Iterable[Standing]) -> dict[PartyStatus, int]:
    counts: dict[PartyStatus, int] = {}
    for standing in standings:
        counts[standing.status] = counts.get(standing.status, 0) + 1
    return counts


def change_days(
    treaty: Treaty, state: str, history: StateHistory = NO_HISTORY, acts: Sequence[StateAct] | None = None
) -> set[dt.date]:
    """Days on which `state`'s standing may change: its acts, the days they take effect, the day
    after an act known only to its month or year (until then whether it had happened is not
    recorded), the treaty's own entry into force, and the state's beginning and end (`acts`: the
    state's `acts_of`, when the caller has them already, as for a `StandingReader`). The treaty's
    end is not among them: it is the same day for every state (`engine.Chronicle` gives it)."""
    days: set[dt.date] = set()
    withdrawn_day = None
    acts = acts_of(treaty, state, history) if acts is None else acts
    for act in acts:
        days.add(act.day)
        if act.precision != "day" and act.last_day < dt.date.max:
            days.add(act.last_day + dt.timedelta(days=1))
        if act.kind is ActKind.WITHDRAWN:
            withdrawn_day = act.day
    for act in acts:
        if act.kind.consent:
            bound, _ = bound_day(treaty, act)
            if bound is not None:
                days.add(bound)
        elif act.kind is ActKind.WITHDRAWAL_NOTICE:
            effective = withdrawal_takes_effect(treaty, act, withdrawn_day)
            if effective is not None:
                days.add(effective)
    table = treaty.participation
    listed = table.as_of if table is not None and state in table.states and not acts else None
    for day in (history.began(state), history.ended(state), history.ended_by(state), treaty.in_force_from, listed):
        if day is not None:
            days.add(day)
    return days
