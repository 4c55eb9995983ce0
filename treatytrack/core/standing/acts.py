"""A state's recorded acts under a treaty: the rows of its participation table and the per-party
events of its record, as one date-ordered list (with the acts of the state it continues)."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from treatytrack.core.models import Event, StateRow, Treaty, period_end, period_words
from treatytrack.core.standing.lives import NO_HISTORY, StateHistory
from treatytrack.core.vocab import ActKind, EventType

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
    ActKind.JOINED: "joined",
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
    precision: str = "day"  # "month", "year" or "between": `day` is the period's first day, the day itself unknown
    until: dt.date | None = None  # with "between": the last day the act can have been on

    @property
    def last_day(self) -> dt.date:
        return period_end(self.day, self.precision, self.until)

    @property
    def when(self) -> str:
        """The act's day, or its month or year where only that is recorded ("in 1987-04"), or the
        two days it lies between."""
        words = period_words(self.day, self.precision, self.until)
        return words if self.precision == "day" else f"{words} (day not recorded)"

    def describe(self) -> str:
        text = f"{VERB[self.kind]} {self.when}"
        return text + (f" (as {self.via})" if self.via else "")


def _row_acts(treaty: Treaty, row: StateRow, via: str | None) -> list[StateAct]:
    participation = treaty.participation
    table_source = participation.source if participation is not None else None
    acts = []
    condition = row.withdrawal_condition
    for kind, day, written in row.acts():
        source = (written.source if written is not None else None) or row.source or table_source
        note = written.note if written is not None else None
        acts.append(
            StateAct(
                day,
                kind,
                source,
                note,
                via,
                condition=condition if kind is ActKind.WITHDRAWAL_NOTICE else None,
                precision=written.precision if written is not None else "day",
                until=written.until if written is not None else None,
            )
        )
    if row.original:
        if treaty.signed is not None and row.signed is None:
            signed = treaty.signed
            acts.append(
                StateAct(
                    signed.date,
                    ActKind.SIGNED,
                    signed.source,
                    None,
                    via,
                    from_treaty=True,
                    precision=signed.precision,
                    until=signed.until,
                )
            )
        if treaty.entry_into_force is not None:
            eif = treaty.entry_into_force
            acts.append(
                StateAct(
                    eif.date,
                    ActKind.ORIGINAL,
                    row.source or eif.source,
                    None,
                    via,
                    from_treaty=True,
                    precision=eif.precision,
                    until=eif.until,
                )
            )
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
