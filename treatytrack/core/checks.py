"""Rules that span fields and records, which a single field's type cannot express.

Each finding names the path of the offending value inside the file's data, so the loader can
point at its line and column. Pure: no I/O.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from treatytrack.core.engine import add_period, assess, withdrawal_effective
from treatytrack.core.models import Act, Dataset, Event, Participation, StateRow, Treaty
from treatytrack.core.standing import (
    EVENT_ACTS,
    NO_HISTORY,
    StateHistory,
    acts_of,
    bound_day,
    derived_entry_into_force,
)
from treatytrack.core.vocab import ActKind, Coverage, EventType, Instrument, Kind

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Finding:
    path: Path
    message: str
    at_key: bool = False


@cache
def iso_codes() -> dict[str, str]:
    """ISO 3166-1 alpha-3 codes, current and historic (SUN, YUG, CSK, DDR...), with names."""
    import pycountry  # imported here: only validation needs it

    codes = {c.alpha_3: c.name for c in pycountry.historic_countries}
    codes.update({c.alpha_3: c.name for c in pycountry.countries})
    return codes


def check_dataset(dataset: Dataset, positions: list[int] | None = None) -> list[Finding]:
    """Cross-record findings; `positions` maps each treaty to its index in the file when they differ."""
    findings: list[Finding] = []
    known = dict(iso_codes())
    for i, org in enumerate(dataset.non_state_parties):
        if org.code in known:
            findings.append(
                Finding(
                    ("non_state_parties", i, "code"),
                    f"`{org.code}` is already an ISO code ({known[org.code]}); pick another code",
                )
            )
        known[org.code] = org.name
    findings.extend(_check_state_history(dataset, known))
    history = StateHistory(dataset.state_history)
    first_index: dict[str, int] = {}
    ids = {t.id for t in dataset.treaties}
    for order, treaty in enumerate(dataset.treaties):
        index = positions[order] if positions is not None else order
        base: Path = ("treaties", index)
        if treaty.id in first_index:
            findings.append(
                Finding(
                    (*base, "id"),
                    f"duplicate id `{treaty.id}` (also treaty #{first_index[treaty.id] + 1} in the file); ids must be unique",
                )
            )
        else:
            first_index[treaty.id] = index
        findings.extend(Finding(base + f.path, f.message, f.at_key) for f in check_treaty(treaty, known, history))
        if treaty.parent is not None and (treaty.parent not in ids or treaty.parent == treaty.id):
            findings.append(
                Finding((*base, "parent"), f"`{treaty.parent}` is not the id of another treaty in the file")
            )
    return findings


def _check_state_history(dataset: Dataset, known: dict[str, str]) -> Iterator[Finding]:
    for code, life in dataset.state_history.items():
        at: Path = ("state_history", code)
        if code not in known:
            yield Finding(at, _unknown_code(code, known), at_key=True)
        if life.continued_by is not None and life.continued_by not in known:
            yield Finding((*at, "continued_by"), _unknown_code(life.continued_by, known))


def _unknown_code(code: str, known: dict[str, str]) -> str:
    close = difflib.get_close_matches(code, list(known), n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(f'{c} ({known[c]})' for c in close)}?" if close else ""
    return f"unknown party code `{code}`: use an ISO 3166-1 alpha-3 code or declare it under `non_state_parties`{hint}"


def check_treaty(treaty: Treaty, known: dict[str, str], history: StateHistory = NO_HISTORY) -> Iterator[Finding]:
    participation = treaty.participation
    if treaty.kind is Kind.BILATERAL and (participation is None or len(participation.states) < 2):
        yield Finding(
            ("id",), "a bilateral treaty needs both parties in `participation.states` (e.g. `original: true`)"
        )
    commitment = treaty.instrument in (Instrument.POLITICAL_COMMITMENT, Instrument.REGIME)
    if treaty.signed is None and treaty.opened_for_signature is None and not (commitment and treaty.entry_into_force):
        yield Finding(("id",), "give `signed` or `opened_for_signature` (with its source)")
    opened = treaty.opened
    eif = treaty.in_force_from
    if opened is not None and eif is not None and eif < opened:
        yield Finding(("entry_into_force", "date"), f"entry into force {eif} is before signature {opened}")
    if treaty.duration is not None and eif is None:
        yield Finding(("duration",), "a term (`duration`) needs an `entry_into_force` to run from")
    yield from _check_events(treaty, opened, eif, known, history)
    if participation is not None:
        yield from _check_participation(treaty, participation, known, history)
    yield from _check_later_consents(treaty)


def _check_events(
    treaty: Treaty, opened: dt.date | None, eif: dt.date | None, known: dict[str, str], history: StateHistory
) -> Iterator[Finding]:
    rows = treaty.participation.states if treaty.participation is not None else {}
    previous: dt.date | None = None
    notices: dict[str, Event] = {}  # each party's withdrawal notice not yet in effect or rescinded
    for i, event in enumerate(treaty.events):
        at: Path = ("events", i)
        if previous is not None and event.date < previous:
            yield Finding(
                (*at, "date"), f"events are in date order: {event.date} comes after {previous}; move this event up"
            )
        previous = max(previous, event.date) if previous else event.date
        # Statements may predate signature; so may one party's own signature of a bilateral text.
        early_ok = event.type is EventType.STATEMENT or (event.type is EventType.SIGNED and event.party is not None)
        if opened is not None and event.date < opened and not early_ok:
            yield Finding(
                (*at, "date"),
                f"{event.type.value} on {event.date} is before the treaty was signed or opened ({opened})",
            )
        if event.party is not None:
            yield from _check_event_party(treaty, event.party, at, known, history)
            row = rows.get(event.party)
            kind = EVENT_ACTS.get(event.type)
            value = getattr(row, kind.value, None) if row is not None and kind is not None else None
            if value is not None and (value.date if isinstance(value, Act) else value) != event.date:
                recorded = value.date if isinstance(value, Act) else value
                yield Finding(
                    (*at, "date"),
                    f"{event.party}'s `{kind.value}` is {recorded} in the participation table but {event.date} here; "  # type: ignore[union-attr]
                    "keep one date (the depositary's) and explain the other in a note",
                )
        if event.type is EventType.EXTENDED:
            yield from _check_extension(treaty, i, event, eif)
        elif event.type is EventType.WITHDRAWAL_NOTICE:
            yield from _check_notice(treaty, at, event)
            if event.party is not None:
                notices.setdefault(event.party, event)
        elif event.type is EventType.WITHDRAWAL_RESCINDED and event.party is not None:
            notices.pop(event.party, None)
        elif event.type is EventType.WITHDRAWN and event.party is not None:
            yield from _check_withdrawal(treaty, at, event, notices.pop(event.party, None), rows.get(event.party))


def _check_extension(treaty: Treaty, index: int, event: Event, eif: dt.date | None) -> Iterator[Finding]:
    """An extension is agreed while the treaty is in force: not before, and not after it ended
    (its expiry day, an ending event, a withdrawal ending a bilateral treaty), which it would
    otherwise bring back to life."""
    at: Path = ("events", index)
    if eif is None or event.date < eif:
        yield Finding((*at, "type"), "an extension of a treaty that is not in force on that date")
        return
    before = assess(treaty.model_copy(update={"events": treaty.events[:index]}), event.date)
    if before.status.ended:
        reason = before.why.split(": ", 1)[-1]
        yield Finding(
            (*at, "date"),
            f"an extension on {event.date} of a treaty that had already {before.status.value} on {before.since} "
            f"({reason}); an extension cannot revive it: check the dates, or record the new agreement as a treaty of its own",
        )


def _check_notice(treaty: Treaty, at: Path, event: Event) -> Iterator[Finding]:
    """A recorded effective day is notice + the treaty's notice period, or says why not."""
    notice = treaty.withdrawal_notice
    if event.effective is None or notice is None:
        if event.effective_differs is not None:
            yield Finding((*at, "effective_differs"), "this treaty has no notice period to differ from; remove it")
        return
    expected = add_period(event.date, notice)
    if expected != event.effective and event.effective_differs is None:
        yield Finding(
            (*at, "effective"),
            f"effective {event.effective} is not notice {event.date} + {notice.describe()} ({expected}); "
            "check the dates, or, if a source gives this day, say why in `effective_differs`",
        )
    elif expected == event.effective and event.effective_differs is not None:
        yield Finding(
            (*at, "effective_differs"),
            f"effective {event.effective} is notice {event.date} + {notice.describe()}; remove `effective_differs`",
        )


def _check_withdrawal(
    treaty: Treaty, at: Path, event: Event, notice: Event | None, row: StateRow | None
) -> Iterator[Finding]:
    """A withdrawal under a treaty with a notice period follows the party's notice (an event, or
    the `withdrawal_notice` of its row in the participation table), on the day the notice takes
    effect; or the record says that no source gives the notice."""
    period = treaty.withdrawal_notice
    notice_day = notice.date if notice is not None else None
    effective = withdrawal_effective(treaty, notice) if notice is not None else None
    if notice is None and row is not None and row.withdrawal_notice is not None:
        notice_day = _act_date(row.withdrawal_notice)
        if notice_day is not None and notice_day <= event.date:
            effective = add_period(notice_day, period) if period is not None else None
        else:
            notice_day = None
    if notice_day is None:
        if period is not None and event.notice_unknown is None:
            yield Finding(
                (*at, "type"),
                f"a withdrawal by {event.party} with no `withdrawal-notice` before it, under a treaty with a "
                f"{period.describe()} notice period: record the notice with its date and source, or, if no source "
                "gives it, say so in `notice_unknown`",
            )
        return
    if event.notice_unknown is not None:
        yield Finding((*at, "notice_unknown"), f"the notice of {notice_day} is recorded; remove `notice_unknown`")
    if effective is not None and effective != event.date:
        yield Finding(
            (*at, "date"),
            f"the withdrawal by {event.party} took effect on {event.date}, but its notice of {notice_day} "
            f"takes effect on {effective}; check the dates",
        )


def _check_event_party(
    treaty: Treaty, party: str, at: Path, known: dict[str, str], history: StateHistory
) -> Iterator[Finding]:
    if party not in known:
        yield Finding((*at, "party"), _unknown_code(party, known))


def _act_date(value: dt.date | Act | None) -> dt.date | None:
    return value.date if isinstance(value, Act) else value


def _row_path(code: str, key: str, value: object) -> Path:
    at: Path = ("participation", "states", code, key)
    return (*at, "date") if isinstance(value, Act) else at


# (earlier, later): a row's acts that must come in this order.
_ROW_ORDER = (
    (ActKind.SIGNED, ActKind.RATIFIED),
    (ActKind.SIGNED, ActKind.ACCEPTED),
    (ActKind.SIGNED, ActKind.APPROVED),
    (ActKind.SIGNED, ActKind.SIGNATURE_WITHDRAWN),
    (ActKind.WITHDRAWAL_NOTICE, ActKind.WITHDRAWN),
    (ActKind.SUSPENDED, ActKind.RESUMED),
    (ActKind.SUSPENSION_CLAIMED, ActKind.RESUMED),
)
_CONSENT_KEYS = (
    ActKind.RATIFIED,
    ActKind.ACCEDED,
    ActKind.SUCCEEDED,
    ActKind.ACCEPTED,
    ActKind.APPROVED,
    ActKind.CONSENTED,
)


def _check_participation(
    treaty: Treaty, participation: Participation, known: dict[str, str], history: StateHistory
) -> Iterator[Finding]:
    eif = treaty.in_force_from
    opened = treaty.opened
    for code, row in participation.states.items():
        at: Path = ("participation", "states", code)
        if code not in known:
            yield Finding(at, _unknown_code(code, known), at_key=True)
        acts = row.acts()  # once per row: a global treaty's table has some 190
        yield from _check_row(treaty, participation, code, row, acts, history)
        consent_day = next((day for kind, day, _ in acts if kind in _CONSENT_KEYS), None)
        if consent_day is not None:
            # A succession takes effect from the successor's independence, often before it is notified.
            in_force = () if row.succeeded is not None else (ActKind.IN_FORCE,)
            later_kinds = (ActKind.WITHDRAWAL_NOTICE, ActKind.WITHDRAWN, ActKind.DERATIFIED, *in_force)
            for kind, day, written in acts:
                if kind in later_kinds and day < consent_day:
                    yield Finding(
                        _row_path(code, kind.value, written),
                        f"{code}: `{kind.value}` {day} is before its consent to be bound ({consent_day})",
                    )
        if opened is not None and treaty.kind is not Kind.BILATERAL:
            for kind, day, written in acts:
                if day < opened:
                    yield Finding(
                        _row_path(code, kind.value, written),
                        f"{code}: `{kind.value}` {day} is before the treaty was signed or opened ({opened})",
                    )
    condition = participation.entry_into_force_condition
    if condition is not None:
        for i, code in enumerate(condition.required):
            if code not in known:
                yield Finding(
                    ("participation", "entry_into_force_condition", "required", i), _unknown_code(code, known)
                )
        if participation.coverage is Coverage.COMPLETE:
            derived = derived_entry_into_force(treaty, history=history)
            if derived is not None and eif is not None and derived.day != eif:
                implied = f"imply {derived.day}" if derived.day else "do not meet it"
                yield Finding(
                    ("entry_into_force", "date"),
                    f"the entry-into-force condition and the table of states {implied} ({derived.why}); "
                    f"the record says {eif}",
                )


def _check_row(
    treaty: Treaty,
    participation: Participation,
    code: str,
    row: StateRow,
    row_acts: list[tuple[ActKind, dt.date, Act | None]],
    history: StateHistory,
) -> Iterator[Finding]:
    acts = {kind: (day, written) for kind, day, written in row_acts}
    for earlier, later in _ROW_ORDER:
        if earlier in acts and later in acts and acts[later][0] < acts[earlier][0]:
            yield Finding(
                _row_path(code, later.value, acts[later][1]),
                f"{code}: `{later.value}` {acts[later][0]} is before `{earlier.value}` {acts[earlier][0]}",
            )
    began = history.began(code)
    ended = history.ended(code)
    as_of = participation.as_of
    for kind, (day, written) in acts.items():
        path = _row_path(code, kind.value, written)
        if began is not None and day < began:
            yield Finding(path, f"{code}: `{kind.value}` {day} is before the state existed ({began})")
        if ended is not None and day >= ended:
            yield Finding(path, f"{code}: `{kind.value}` {day} is after the state ceased to exist ({ended})")
        own_source = written.source if written is not None else None
        if own_source is None and row.source is None:
            if participation.source is None:
                yield Finding(path, f"{code}: `{kind.value}` has no source: give the table's, the row's or the act's")
            elif as_of is not None and day > as_of:
                yield Finding(
                    path,
                    f"{code}: `{kind.value}` {day} is after the list's as-of date ({as_of}); "
                    "write it as {date, source} with the source that records it",
                )
    if row.original and treaty.entry_into_force is None and treaty.signed is None:
        yield Finding(
            ("participation", "states", code, "original"),
            f"{code}: an original party of a treaty with no signature or entry into force",
        )


def _check_later_consents(treaty: Treaty) -> Iterator[Finding]:
    """In a complete table, every consent binds the state from a day the data gives: the treaty's
    own rule for later consents, or the row's `in_force`. Without either the counts of a complete
    list would be unknown (the states would show as "consented")."""
    eif = treaty.in_force_from
    participation = treaty.participation
    if eif is None or participation is None or participation.coverage is not Coverage.COMPLETE:
        return  # in a partial table such a state shows as "consented", with the reason
    if treaty.instrument in (Instrument.REGIME, Instrument.POLITICAL_COMMITMENT):
        return  # no ratification: a participant from the day it joined
    late = []
    for code in treaty.recorded_states:
        acts = acts_of(treaty, code)
        if any(a.kind is ActKind.IN_FORCE or a.kind is ActKind.ORIGINAL for a in acts):
            continue
        if any(a.kind.consent and bound_day(treaty, a)[0] is None for a in acts):
            late.append(code)
    if late:
        shown = ", ".join(late[:5]) + (f" and {len(late) - 5} more" if len(late) > 5 else "")
        yield Finding(
            ("participation",),
            f"{len(late)} state(s) consented without a day the treaty took effect for them ({shown}): give "
            "`participation.in_force_for_state` (the treaty's rule for later consents, with its source) "
            "or the day it took effect for each (`in_force`), or mark the table `partial`",
            at_key=True,
        )
