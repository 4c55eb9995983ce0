"""The checks of a treaty's events: their order, their parties, extensions, notices and withdrawals.
Pure: no I/O."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from treatytrack.core.engine import add_period, assess, withdrawal_effective
from treatytrack.core.findings import LIFE, OPENED, WHOLE_TABLE, Finding, Path, act_date, unknown_code
from treatytrack.core.models import Act, Event, StateRow, Treaty
from treatytrack.core.soundness import EVERY_EVENT, SOUND, Soundness
from treatytrack.core.standing import EVENT_ACTS, StateHistory
from treatytrack.core.vocab import EventType


def check_events(
    treaty: Treaty,
    opened: dt.date | None,
    eif: dt.date | None,
    known: dict[str, str],
    history: StateHistory,
    sound: Soundness = SOUND,
) -> Iterator[Finding]:
    rows = treaty.participation.states if treaty.participation is not None else {}
    previous: dt.date | None = None
    notices: dict[str, Event] = {}  # each party's withdrawal notice not yet in effect or rescinded
    in_order = sound.ok("events in date order", EVERY_EVENT)
    after_opening = sound.ok("events after signature", *OPENED)
    as_in_table = sound.ok("events agree with the table", *WHOLE_TABLE)
    extension = sound.ok("extension while in force", *LIFE, *WHOLE_TABLE)
    notice_period = sound.ok("notice period", "withdrawal_notice")
    withdrawal = sound.ok("withdrawal after notice", "withdrawal_notice", EVERY_EVENT, *WHOLE_TABLE)
    positions = sound.event_positions  # a rebuilt treaty's events' indexes in the file
    for order, event in enumerate(treaty.events):
        i = positions[order] if positions is not None else order
        at: Path = ("events", i)
        if in_order and previous is not None and event.date < previous:
            yield Finding(
                (*at, "date"), f"events are in date order: {event.date} comes after {previous}; move this event up"
            )
        previous = max(previous, event.date) if previous else event.date
        # Statements may predate signature; so may one party's own signature of a bilateral text.
        early_ok = event.type is EventType.STATEMENT or (event.type is EventType.SIGNED and event.party is not None)
        if after_opening and opened is not None and event.date < opened and not early_ok:
            yield Finding(
                (*at, "date"),
                f"{event.type.value} on {event.date} is before the treaty was signed or opened ({opened})",
            )
        if event.party is not None:
            yield from _check_event_party(treaty, event.party, at, known, history)
            row = rows.get(event.party)
            kind = EVENT_ACTS.get(event.type)
            value = getattr(row, kind.value, None) if row is not None and kind is not None else None
            if as_in_table and value is not None and (value.date if isinstance(value, Act) else value) != event.date:
                recorded = value.date if isinstance(value, Act) else value
                yield Finding(
                    (*at, "date"),
                    f"{event.party}'s `{kind.value}` is {recorded} in the participation table but {event.date} here; "  # type: ignore[union-attr]
                    "keep one date (the depositary's) and explain the other in a note",
                )
        if event.type is EventType.EXTENDED:
            if extension:
                yield from _check_extension(treaty, i, event, eif)
        elif event.type is EventType.WITHDRAWAL_NOTICE:
            if notice_period:
                yield from _check_notice(treaty, at, event)
            if event.party is not None:
                notices.setdefault(event.party, event)
        elif event.type is EventType.WITHDRAWAL_RESCINDED and event.party is not None:
            notices.pop(event.party, None)
        elif withdrawal and event.type is EventType.WITHDRAWN and event.party is not None:
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
        notice_day = act_date(row.withdrawal_notice)
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
        yield Finding((*at, "party"), unknown_code(party, known))
