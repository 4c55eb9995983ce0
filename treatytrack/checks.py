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

from treatytrack.engine import add_period, assess, withdrawal_effective
from treatytrack.models import Dataset, Event, Treaty
from treatytrack.vocab import EventType, Instrument, Kind

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
    first_index: dict[str, int] = {}
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
        findings.extend(Finding(base + f.path, f.message, f.at_key) for f in check_treaty(treaty, known))
    return findings


def _unknown_code(code: str, known: dict[str, str]) -> str:
    close = difflib.get_close_matches(code, list(known), n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(f'{c} ({known[c]})' for c in close)}?" if close else ""
    return f"unknown party code `{code}`: use an ISO 3166-1 alpha-3 code or declare it under `non_state_parties`{hint}"


def check_treaty(treaty: Treaty, known: dict[str, str]) -> Iterator[Finding]:
    seen: set[str] = set()
    for i, code in enumerate(treaty.parties):
        if code not in known:
            yield Finding(("parties", i), _unknown_code(code, known))
        if code in seen:
            yield Finding(("parties", i), f"party `{code}` is listed twice")
        seen.add(code)
    if treaty.kind is Kind.BILATERAL and treaty.parties_complete and len(treaty.parties) < 2:
        yield Finding(("parties",), "a bilateral treaty needs both parties listed")
    commitment = treaty.instrument in (Instrument.POLITICAL_COMMITMENT, Instrument.REGIME)
    if treaty.signed is None and treaty.opened_for_signature is None and not (commitment and treaty.entry_into_force):
        yield Finding(("id",), "give `signed` or `opened_for_signature` (with its source)")
    opened = treaty.opened
    eif = treaty.in_force_from
    if opened is not None and eif is not None and eif < opened:
        yield Finding(("entry_into_force", "date"), f"entry into force {eif} is before signature {opened}")
    if treaty.duration is not None and eif is None:
        yield Finding(("duration",), "a term (`duration`) needs an `entry_into_force` to run from")
    yield from _check_events(treaty, opened, eif)


def _check_events(treaty: Treaty, opened: dt.date | None, eif: dt.date | None) -> Iterator[Finding]:
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
        if event.party is not None and event.party not in treaty.parties:
            yield Finding(
                (*at, "party"),
                f"`{event.party}` is not in this treaty's `parties`; add it there (global treaties list the states they track)",
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
            yield from _check_withdrawal(treaty, at, event, notices.pop(event.party, None))


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


def _check_withdrawal(treaty: Treaty, at: Path, event: Event, notice: Event | None) -> Iterator[Finding]:
    """A withdrawal under a treaty with a notice period follows the party's notice, on the day the
    notice takes effect; or the record says that no source gives the notice."""
    period = treaty.withdrawal_notice
    if notice is None:
        if period is not None and event.notice_unknown is None:
            yield Finding(
                (*at, "type"),
                f"a withdrawal by {event.party} with no `withdrawal-notice` before it, under a treaty with a "
                f"{period.describe()} notice period: record the notice with its date and source, or, if no source "
                "gives it, say so in `notice_unknown`",
            )
        return
    if event.notice_unknown is not None:
        yield Finding((*at, "notice_unknown"), f"the notice of {notice.date} is recorded; remove `notice_unknown`")
    effective = withdrawal_effective(treaty, notice)
    if effective is not None and effective != event.date:
        yield Finding(
            (*at, "date"),
            f"the withdrawal by {event.party} took effect on {event.date}, but its notice of {notice.date} "
            f"takes effect on {effective}; check the dates",
        )
