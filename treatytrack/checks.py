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

from treatytrack.engine import add_period
from treatytrack.models import ENDING_EVENTS, Dataset, Treaty
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
    ended_on: dt.date | None = None
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
            if eif is None or event.date < eif:
                yield Finding((*at, "type"), "an extension of a treaty that is not in force on that date")
            elif ended_on is not None:
                yield Finding((*at, "type"), f"an extension after the treaty ended on {ended_on}")
        notice = treaty.withdrawal_notice
        if event.type is EventType.WITHDRAWAL_NOTICE and event.effective is not None and notice and event.note is None:
            expected = add_period(event.date, notice)
            if expected != event.effective:
                yield Finding(
                    (*at, "effective"),
                    f"effective {event.effective} is not notice {event.date} + {notice.describe()} ({expected}); "
                    "check the dates, or explain the difference in `note`",
                )
        if event.type in ENDING_EVENTS and ended_on is None:
            ended_on = event.date
