"""Each state's standing under a treaty on any day: party, signatory, withdrawn... or "not recorded".

Derived from the treaty's participation table (one row of acts per state, from a depositary's
list) and the per-party events of its record, never guessed:
- a state is a party from the day the treaty binds it: the treaty's own entry into force when it
  consented before, otherwise the day the treaty's rule for later consents gives (recorded per
  treaty in `participation.in_force_for_state`), or the day the row records (`in_force`);
- where the table is complete, a state it does not name is neither party nor signatory; where it
  is partial (or there is none), such a state's standing is "not recorded";
- no state has a standing before it existed or after it ceased to exist (`Dataset.state_history`);
  a state that continues another (the Russian Federation the USSR) carries on its acts.

Pure functions of (treaty, state, day, state history): nothing here reads a file or the clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple, Protocol

from treatytrack.core.engine import Assessment, Spanned, add_period, assess
from treatytrack.core.models import Event, StateLife, StateRow, Treaty
from treatytrack.core.vocab import ActKind, Coverage, DepositRuleKind, EventType, Instrument, PartyStatus

# Per-party events and the act each one records.
EVENT_ACTS = {
    EventType.SIGNED: ActKind.SIGNED,
    EventType.RATIFIED: ActKind.RATIFIED,
    EventType.ACCEDED: ActKind.ACCEDED,
    EventType.SUCCEEDED: ActKind.SUCCEEDED,
    EventType.ACCEPTED: ActKind.ACCEPTED,
    EventType.APPROVED: ActKind.APPROVED,
    EventType.ENTERED_INTO_FORCE: ActKind.IN_FORCE,
    EventType.SUSPENDED: ActKind.SUSPENDED,
    EventType.SUSPENSION_CLAIMED: ActKind.SUSPENSION_CLAIMED,
    EventType.RESUMED: ActKind.RESUMED,
    EventType.WITHDRAWAL_NOTICE: ActKind.WITHDRAWAL_NOTICE,
    EventType.WITHDRAWAL_RESCINDED: ActKind.WITHDRAWAL_RESCINDED,
    EventType.WITHDRAWN: ActKind.WITHDRAWN,
    EventType.DERATIFIED: ActKind.DERATIFIED,
    EventType.SIGNATURE_WITHDRAWN: ActKind.SIGNATURE_WITHDRAWN,
}

# On one day, acts happen in this order (a signature before the ratification the same day).
_ORDER = {kind: i for i, kind in enumerate(ActKind)}

VERB = {
    ActKind.SIGNED: "signed",
    ActKind.RATIFIED: "ratified",
    ActKind.ACCEDED: "acceded",
    ActKind.SUCCEEDED: "succeeded",
    ActKind.ACCEPTED: "accepted",
    ActKind.APPROVED: "approved",
    ActKind.CONSENTED: "notified its consent to be bound",
    ActKind.ORIGINAL: "an original party",
    ActKind.IN_FORCE: "in force for it",
    ActKind.WITHDRAWAL_NOTICE: "gave notice of withdrawal",
    ActKind.WITHDRAWAL_RESCINDED: "rescinded its withdrawal",
    ActKind.WITHDRAWN: "withdrawal took effect",
    ActKind.DERATIFIED: "revoked its ratification",
    ActKind.SIGNATURE_WITHDRAWN: "withdrew its signature (does not intend to become a party)",
    ActKind.SUSPENDED: "suspended",
    ActKind.RESUMED: "resumed",
    ActKind.SUSPENSION_CLAIMED: "declared a suspension the treaty does not provide for",
}


class StateAct(NamedTuple):
    """One dated act of one state under one treaty, with where it is recorded."""

    day: dt.date
    kind: ActKind
    source: str | None
    note: str | None = None
    via: str | None = None  # the predecessor whose act this is (for the Russian Federation: SUN)
    effective: dt.date | None = None  # a withdrawal notice's recorded effective day
    condition: str | None = None  # a withdrawal notice's condition
    from_treaty: bool = False  # an original party's signature and entry into force: the treaty's own dates

    def describe(self) -> str:
        text = f"{VERB[self.kind]} on {self.day}"
        return text + (f" (as {self.via})" if self.via else "")


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


class StateHistory:
    """When states began and ceased to exist, and which state continues which (pure lookups)."""

    def __init__(self, lives: Mapping[str, StateLife]) -> None:
        self.lives = lives
        self.continues = {life.continued_by: code for code, life in lives.items() if life.continued_by}

    def began(self, code: str) -> dt.date | None:
        life = self.lives.get(code)
        if life is not None and life.began is not None:
            return life.began
        predecessor = self.continues.get(code)
        return self.lives[predecessor].ended if predecessor is not None else None

    def ended(self, code: str) -> dt.date | None:
        life = self.lives.get(code)
        return life.ended if life is not None else None

    def exists_on(self, code: str, day: dt.date) -> bool:
        began, ended = self.began(code), self.ended(code)
        return (began is None or began <= day) and (ended is None or day < ended)

    def ceased_by(self, code: str, day: dt.date) -> bool:
        """Whether the state had ceased to exist by `day`: its recorded end, or the day by which
        a source says it had ended (`ended_by`) when none gives the day itself."""
        life = self.lives.get(code)
        end = life.ended or life.ended_by if life is not None else None
        return end is not None and end <= day

    def successor(self, code: str) -> str | None:
        life = self.lives.get(code)
        return life.continued_by if life is not None else None


NO_HISTORY = StateHistory({})


class _Rule(Spanned, Protocol):
    @property
    def rule(self) -> DepositRuleKind: ...


def took_effect(rule: _Rule, deposit: dt.date) -> dt.date:
    """The day an instrument deposited on `deposit` takes effect under `rule`."""
    if rule.rule is DepositRuleKind.ON_DEPOSIT:
        return deposit
    if rule.rule is DepositRuleKind.FIRST_DAY_OF_MONTH:
        months = deposit.month - 1 + rule.months
        return dt.date(deposit.year + months // 12, months % 12 + 1, 1)
    return add_period(deposit, rule)


def _row_acts(treaty: Treaty, row: StateRow, via: str | None) -> list[StateAct]:
    participation = treaty.participation
    table_source = participation.source if participation is not None else None
    acts = []
    condition = row.withdrawal_condition
    for kind, day, written in row.acts():
        source = (written.source if written is not None else None) or row.source or table_source
        note = written.note if written is not None else None
        acts.append(
            StateAct(day, kind, source, note, via, condition=condition if kind is ActKind.WITHDRAWAL_NOTICE else None)
        )
    if row.original:
        if treaty.signed is not None and row.signed is None:
            acts.append(StateAct(treaty.signed.date, ActKind.SIGNED, treaty.signed.source, None, via, from_treaty=True))
        if treaty.entry_into_force is not None:
            eif = treaty.entry_into_force
            acts.append(StateAct(eif.date, ActKind.ORIGINAL, row.source or eif.source, None, via, from_treaty=True))
    return acts


def _event_act(event: Event, via: str | None) -> StateAct:
    return StateAct(event.date, EVENT_ACTS[event.type], event.source, event.note, via, event.effective)


def acts_of(treaty: Treaty, state: str, history: StateHistory = NO_HISTORY) -> list[StateAct]:
    """Every recorded act of `state` under `treaty` (and of the state it continues), in date order.

    An act in both the table and an event (same kind, same day) is one act: the table's source,
    the event's note.
    """
    codes: list[tuple[str, str | None]] = [(state, None)]
    predecessor = history.continues.get(state)
    if predecessor is not None:
        codes.insert(0, (predecessor, predecessor))
    found: dict[tuple[dt.date, ActKind, str | None], StateAct] = {}
    rows = treaty.participation.states if treaty.participation is not None else {}
    for code, via in codes:
        row = rows.get(code)
        if row is not None:
            for act in _row_acts(treaty, row, via):
                found.setdefault((act.day, act.kind, via), act)
        for event in treaty.events:
            if event.party != code or event.type not in EVENT_ACTS:
                continue
            act = _event_act(event, via)
            key = (act.day, act.kind, via)
            if key in found:
                kept = found[key]
                found[key] = kept._replace(
                    note=kept.note or act.note,
                    effective=kept.effective or act.effective,
                    source=kept.source or act.source,
                )
            else:
                found[key] = act
    return sorted(found.values(), key=lambda a: (a.day, _ORDER[a.kind]))


def bound_day(treaty: Treaty, consent: StateAct) -> tuple[dt.date | None, str]:
    """The day a consent makes the state a party, and the rule that gives it."""
    eif = treaty.in_force_from
    if eif is None:
        return None, "the treaty has not entered into force"
    if consent.day <= eif:
        return eif, f"bound from the treaty's entry into force on {eif}"
    if consent.kind is ActKind.SUCCEEDED:
        return consent.day, "bound from its notification of succession"
    if treaty.instrument in _UNRATIFIED:
        return (
            consent.day,
            "a participant from the day it joined (a regime or political commitment has no ratification)",
        )
    rule = treaty.participation.in_force_for_state if treaty.participation is not None else None
    if rule is None:
        return None, "the day the treaty took effect for it is not recorded"
    day = took_effect(rule, consent.day)
    return day, f"in force for it {rule.describe()}, on {day}"


_UNRATIFIED = frozenset({Instrument.REGIME, Instrument.POLITICAL_COMMITMENT})


def _withdrawal_effective(treaty: Treaty, notice: StateAct, withdrawn: dt.date | None) -> dt.date | None:
    if notice.effective is not None:
        return notice.effective
    if withdrawn is not None and withdrawn >= notice.day:
        return withdrawn
    if treaty.withdrawal_notice is None:
        return None
    return add_period(notice.day, treaty.withdrawal_notice)


def _not_recorded_why(treaty: Treaty, state: str) -> str:
    if treaty.participation is None:
        return f"this record has no list of states; {state}'s standing is not recorded"
    return f"this record's list of states is partial and does not name {state}"


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

    def advance(self, day: dt.date) -> StandingReader:
        if self.day is not None and day < self.day:
            raise ValueError(f"a reader only moves forward: {day} is before {self.day}")
        acts = self.acts
        while self._read < len(acts) and acts[self._read].day <= day:
            act = acts[self._read]
            self._read += 1
            self._due(act.day)
            self._apply(act)
        self._due(day)
        self.day = day
        return self

    def _due(self, until: dt.date) -> None:
        """What takes effect by `until` without an act of its own: being bound, a withdrawal."""
        if self.status is PartyStatus.RATIFIED and self.bound is not None and self.bound <= until:
            self.status, self.since = PartyStatus.PARTY, self.bound
            self.why = f"{self.why}; {self._bound_why}"
        if self.pending is not None and self.pending[0] is not None and self.pending[0] <= until:
            effective, notice = self.pending
            self.pending = None
            if notice.condition is not None:
                self.status, self.since = PartyStatus.NOT_RECORDED, effective
                self.why = (
                    f"its withdrawal notice of {notice.day} was to take effect on {effective} subject to a "
                    f"condition ({notice.condition}); whether it did is not recorded"
                )
            else:
                self.status, self.since = PartyStatus.WITHDRAWN, effective
                self.why = f"withdrew: notice on {notice.day}, effective {effective}"

    def _set(self, status: PartyStatus, act: StateAct) -> None:
        self.status, self.since, self.why = status, act.day, act.describe()

    def _apply(self, act: StateAct) -> None:
        kind, status = act.kind, self.status
        if kind is ActKind.SIGNED:
            if status is None or status is PartyStatus.NOT_PARTY:
                self._set(PartyStatus.SIGNATORY, act)
        elif kind.consent:
            if status is not None and status.bound:
                return  # already a party (an original party's ratification recorded after the fact)
            self.consent = act
            self.bound, self._bound_why = bound_day(self.treaty, act)
            eif = self.treaty.in_force_from
            if self.bound is None and eif is not None and act.day > eif:
                # In force, but the day it bound this state is not recorded: a party by now, most
                # likely, but the data cannot say from when, and a wrong answer is worse than none.
                self._set(PartyStatus.NOT_RECORDED, act)
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
            self.pending = (_withdrawal_effective(self.treaty, act, self._withdrawn_day), act)
        elif kind is ActKind.WITHDRAWAL_RESCINDED:
            if self.pending is not None and (self.pending[0] is None or self.pending[0] > act.day):
                self.pending = None
        elif kind is ActKind.WITHDRAWN:
            self.pending = None
            self.consent, self.bound = None, None
            self._set(PartyStatus.WITHDRAWN, act)

    def standing(self, treaty_now: Assessment | None = None) -> Standing:
        """The standing on the day read to (`treaty_now`: the treaty's assessment that day, if known)."""
        day, state, treaty, history = self.day, self.state, self.treaty, self.history
        assert day is not None, "advance() to a day first"
        began, ended = history.began(state), history.ended(state)
        if began is not None and day < began:
            return Standing(state, PartyStatus.NOT_YET_EXISTING, None, f"{state} did not exist before {began}")
        if ended is not None and day >= ended:
            successor = history.successor(state)
            why = f"{state} ceased to exist on {ended}" + (f"; continued by {successor}" if successor else "")
            return Standing(state, PartyStatus.CEASED_TO_EXIST, ended, why)
        if not self.acts:
            rows = treaty.participation.states if treaty.participation is not None else {}
            if state in rows:
                return Standing(state, PartyStatus.NOT_RECORDED, None, f"{state} is on the list with no dated act")
            if treaty.coverage is Coverage.COMPLETE:
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
        if status is None:
            return Standing(state, PartyStatus.NOT_PARTY, None, "no signature or consent by this day", seen)
        if status.bound or status is PartyStatus.RATIFIED:
            now = treaty_now if treaty_now is not None else assess(treaty, day)
            if now.status.ended:
                status, since = PartyStatus.TREATY_ENDED, now.since
                why = f"{why}; the treaty {now.why}"
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


def change_days(treaty: Treaty, state: str, history: StateHistory = NO_HISTORY) -> set[dt.date]:
    """Days on which `state`'s standing may change: its acts, the days they take effect, the
    treaty's own entry into force and end, and the state's beginning and end."""
    days: set[dt.date] = set()
    withdrawn_day = None
    acts = acts_of(treaty, state, history)
    for act in acts:
        days.add(act.day)
        if act.kind is ActKind.WITHDRAWN:
            withdrawn_day = act.day
    for act in acts:
        if act.kind.consent:
            bound, _ = bound_day(treaty, act)
            if bound is not None:
                days.add(bound)
        elif act.kind is ActKind.WITHDRAWAL_NOTICE:
            effective = _withdrawal_effective(treaty, act, withdrawn_day)
            if effective is not None:
                days.add(effective)
    for day in (history.began(state), history.ended(state), treaty.in_force_from):
        if day is not None:
            days.add(day)
    return days


class Deposit(NamedTuple):
    state: str
    act: StateAct


def deposits(treaty: Treaty, until: dt.date | None = None) -> list[Deposit]:
    """Each recorded state's first instrument of consent (on or before `until`), in date order:
    what an entry-into-force condition counts. Later withdrawals do not undo a deposit."""
    found = []
    for code in treaty.recorded_states:
        first = next((a for a in acts_of(treaty, code) if a.kind.consent), None)
        if first is not None and (until is None or first.day <= until):
            found.append(Deposit(code, first))
    found.sort(key=lambda d: (d.act.day, d.state))
    return found


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
