"""Rules that span fields and records, which a single field's type cannot express.

Each finding names the path of the offending value inside the file's data, so the loader can
point at its line and column. Pure: no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import cache

from treatytrack.core.declared_checks import check_declared
from treatytrack.core.event_checks import check_events
from treatytrack.core.findings import OPENED, WHOLE, WHOLE_TABLE, Finding, Path, unknown_code
from treatytrack.core.listcount import count_differences
from treatytrack.core.models import Act, Dataset, Participation, StateRow, Treaty
from treatytrack.core.soundness import EVERY_ROW, SOUND, Soundness
from treatytrack.core.standing import (
    NO_HISTORY,
    StateHistory,
    acts_of,
    bound_day,
    derived_entry_into_force,
)
from treatytrack.core.vocab import ActKind, Coverage, Instrument, Kind

__all__ = ["Finding", "Path", "check_dataset", "check_treaty", "iso_codes"]  # Finding and Path live in findings.py


@cache
def iso_codes() -> dict[str, str]:
    """ISO 3166-1 alpha-3 codes, current and historic (SUN, YUG, CSK, DDR...), with names."""
    import pycountry  # imported here: only validation needs it

    codes = {c.alpha_3: c.name for c in pycountry.historic_countries}
    codes.update({c.alpha_3: c.name for c in pycountry.countries})
    return codes


def check_dataset(
    dataset: Dataset, positions: list[int] | None = None, soundness: dict[int, Soundness] | None = None
) -> list[Finding]:
    """Cross-record findings; `positions` maps each treaty to its index in the file when they differ;
    `soundness` says, of a treaty (by its order in `dataset`) rebuilt from the parts that validate,
    which parts are broken: the checks that need them are skipped, the others run."""
    soundness = soundness or {}
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
        sound = soundness.get(order, SOUND)
        if not sound.ok("unique id", "id"):
            pass
        elif treaty.id in first_index:
            findings.append(
                Finding(
                    (*base, "id"),
                    f"duplicate id `{treaty.id}` (also treaty #{first_index[treaty.id] + 1} in the file); ids must be unique",
                )
            )
        else:
            first_index[treaty.id] = index
        findings.extend(
            Finding(base + f.path, f.message, f.at_key) for f in check_treaty(treaty, known, history, sound)
        )
        if sound.ok("declared numbers", "limits", "declared", "events", *WHOLE_TABLE):
            reviewed = None if dataset.reviewed == dt.date.min else dataset.reviewed
            findings.extend(Finding(base + f.path, f.message) for f in check_declared(treaty, reviewed))
        if (
            sound.ok("parent", "parent", "id")
            and treaty.parent is not None
            and (treaty.parent not in ids or treaty.parent == treaty.id)
        ):
            findings.append(
                Finding((*base, "parent"), f"`{treaty.parent}` is not the id of another treaty in the file")
            )
    return findings


def _check_state_history(dataset: Dataset, known: dict[str, str]) -> Iterator[Finding]:
    for code, life in dataset.state_history.items():
        at: Path = ("state_history", code)
        if code not in known:
            yield Finding(at, unknown_code(code, known), at_key=True)
        if life.continued_by is not None and life.continued_by not in known:
            yield Finding((*at, "continued_by"), unknown_code(life.continued_by, known))


def check_treaty(
    treaty: Treaty, known: dict[str, str], history: StateHistory = NO_HISTORY, sound: Soundness = SOUND
) -> Iterator[Finding]:
    """A treaty's findings. Of a treaty rebuilt from its sound parts (`sound`), only the checks
    whose parts are all sound run; the others are counted in `sound.skipped`."""
    participation = treaty.participation
    if (
        sound.ok("bilateral parties", "kind", *WHOLE_TABLE)
        and treaty.kind is Kind.BILATERAL
        and (participation is None or len(participation.states) < 2)
    ):
        yield Finding(
            ("id",), "a bilateral treaty needs both parties in `participation.states` (e.g. `original: true`)"
        )
    commitment = treaty.instrument in (Instrument.POLITICAL_COMMITMENT, Instrument.REGIME)
    if (
        sound.ok("signature given", "instrument", *OPENED, "entry_into_force")
        and treaty.signed is None
        and treaty.opened_for_signature is None
        and not (commitment and treaty.entry_into_force)
    ):
        yield Finding(("id",), "give `signed` or `opened_for_signature` (with its source)")
    opened = treaty.opened
    eif = treaty.in_force_from
    if sound.ok("entry into force after signature", *OPENED, "entry_into_force") and (
        opened is not None and eif is not None and eif < opened
    ):
        yield Finding(("entry_into_force", "date"), f"entry into force {eif} is before signature {opened}")
    if sound.ok("term from entry into force", "duration", "entry_into_force") and (
        treaty.duration is not None and eif is None
    ):
        yield Finding(("duration",), "a term (`duration`) needs an `entry_into_force` to run from")
    yield from check_events(treaty, opened, eif, known, history, sound)
    if participation is not None:
        yield from _check_participation(treaty, participation, known, history, sound)
    if sound.ok("later consents", *WHOLE, *WHOLE_TABLE):
        yield from _check_later_consents(treaty)


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
    treaty: Treaty, participation: Participation, known: dict[str, str], history: StateHistory, sound: Soundness
) -> Iterator[Finding]:
    eif = treaty.in_force_from
    opened = treaty.opened
    table = sound.ok("the table's own fields", "participation")  # its source, as-of date, rules
    after_opening = sound.ok("acts after signature", "kind", *OPENED)
    for code, row in participation.states.items():
        at: Path = ("participation", "states", code)
        if code not in known:
            yield Finding(at, unknown_code(code, known), at_key=True)
        acts = row.acts()  # once per row: a global treaty's table has some 190
        if table:
            yield from _check_row(treaty, participation, code, row, acts, history, sound)
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
        open_to = participation.open_to
        if open_to is not None and not open_to.admits(code, history.continues.get(code)):
            yield Finding(at, f"{code}: the table is open only to {', '.join(open_to.states)} (`open_to`)", at_key=True)
        if after_opening and opened is not None and treaty.kind is not Kind.BILATERAL:
            for kind, day, written in acts:
                last = written.last_day if written is not None else day  # a month or a year may hold the opening
                if last < opened:
                    yield Finding(
                        _row_path(code, kind.value, written),
                        f"{code}: `{kind.value}` {day} is before the treaty was signed or opened ({opened})",
                    )
    if table and sound.ok("the list's header counts", EVERY_ROW):
        for what, header, found in count_differences(participation, history):
            yield Finding(
                ("participation", "list_count", what),
                f"the list's header counts {header} {what} on {participation.as_of}; the table has {found} "
                "(a row missing or extra?)",
            )
    if participation.open_to is not None:
        for i, code in enumerate(participation.open_to.states):
            if code not in known:
                yield Finding(("participation", "open_to", "states", i), unknown_code(code, known))
    condition = participation.entry_into_force_condition
    if condition is not None and table:
        for i, code in enumerate(condition.required):
            if code not in known:
                yield Finding(("participation", "entry_into_force_condition", "required", i), unknown_code(code, known))
        if participation.coverage is Coverage.COMPLETE and sound.ok("derived entry into force", *WHOLE, EVERY_ROW):
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
    sound: Soundness = SOUND,
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
    if (
        row.original
        and sound.ok("original parties", "signed", "entry_into_force")
        and treaty.entry_into_force is None
        and treaty.signed is None
    ):
        yield Finding(
            ("participation", "states", code, "original"),
            f"{code}: an original party of a treaty with no signature or entry into force",
        )
    first = treaty.signed.date if treaty.signed is not None else treaty.in_force_from
    # A Soviet-era agreement's party is the USSR (SUN), which the Russian Federation continues:
    # listing RUS as well would make it a party before it existed.
    if (
        row.original
        and first is not None
        and sound.ok("original parties", "signed", "entry_into_force")
        and not history.exists_on(code, first)
    ):
        yield Finding(
            ("participation", "states", code, "original"),
            f"{code}: an original party that did not exist on the treaty's first day ({first}); "
            "list the state that signed it (its successor continues it through `state_history`)",
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
