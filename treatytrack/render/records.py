"""Query results as plain, JSON-ready records: the machine-readable contract.

The keys here are documented in docs/contract.md; add keys freely, never rename or remove one.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from treatytrack.core.engine import assess
from treatytrack.core.models import Event, Period, SourcedDate, Treaty, period_text
from treatytrack.core.query import Deadline, TreatyRow
from treatytrack.core.standing import (
    NO_HISTORY,
    Standing,
    StateHistory,
    bound_day,
    bound_period,
    by_name,
    derived_entry_into_force,
    standings_on,
    tally,
)
from treatytrack.core.vocab import Coverage, Status

if TYPE_CHECKING:
    from treatytrack.core.history import Change, Entry

Record = dict[str, Any]


def iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _day_of(value: SourcedDate | None) -> str | None:
    """A key date as ISO text: `1985-06` or `1985` where only its month or year is known."""
    return value.text if value is not None else None


def treaty_record(row: TreatyRow) -> Record:
    treaty, now = row.treaty, row.assessment
    return {
        "id": treaty.id,
        "name": treaty.name,
        "short_name": treaty.short_name,
        "kind": treaty.kind.value,
        "instrument": treaty.instrument.value,
        "categories": [c.value for c in treaty.categories],
        "status": now.status.value,
        "status_since": period_text(now.since, now.since_precision, now.since_until) if now.since else None,
        "signed": _day_of(treaty.signed),
        "opened_for_signature": _day_of(treaty.opened_for_signature),
        "entry_into_force": _day_of(treaty.entry_into_force),
        "expires": iso(now.expires),
        "expires_by": now.expires_by,
        "days_left": row.days_left,
        "as_of": iso(row.day),
        "why": _why(row),
    }


def _why(row: TreatyRow) -> str:
    """The status's reason; for a treaty not in force whose condition its table can count, what
    is still missing ("9 of the 44 states whose ratification is required have not ratified: ...")."""
    now = row.assessment
    if now.status is Status.NOT_IN_FORCE and row.treaty.coverage is Coverage.COMPLETE:
        derived = derived_entry_into_force(row.treaty, row.day)
        if derived is not None and derived.day is None:
            missing = f": {', '.join(derived.missing)}" if derived.missing else ""
            return f"not in force: {derived.why}{missing}"
    return now.why


def event_record(event: Event) -> Record:
    return {
        "date": iso(event.date),
        "type": event.type.value,
        "party": event.party,
        "note": event.note,
        "source": event.source,
        "new_expiry": iso(event.new_expiry),
        "effective": iso(event.effective),
    }


def _period(period: Period | None) -> Record | None:
    if period is None:
        return None
    return {
        "years": period.years,
        "months": period.months,
        "days": period.days,
        "text": period.describe(),
        "source": period.source,
    }


def _sourced(value: SourcedDate | None) -> Record | None:
    if value is None:
        return None
    return {"date": value.text, "precision": value.precision, "source": value.source, "note": value.note}


def party_record(standing: Standing, names: dict[str, str], treaty: Treaty | None = None) -> Record:
    consent = standing.consent
    return {
        "code": standing.state,
        "name": names.get(standing.state, standing.state),
        "status": standing.status.value,
        "since": iso(standing.since),
        "withdrawal_effective": iso(standing.withdrawal_effective),
        "consent": consent.kind.value if consent is not None else None,
        "consent_date": _act_day(consent),
        "in_force_for_state": _bound_text(treaty, consent, standing.bound_from),
        "why": standing.why,
        "acts": [act_record(a) for a in standing.acts],
    }


def act_record(act: Any) -> Record:
    return {
        "date": _act_day(act),
        "act": act.kind.value,
        "via": act.via,
        "source": act.source,
        "note": act.note,
    }


def coverage_record(treaty: Treaty) -> Record:
    table = treaty.participation
    return {
        "coverage": treaty.coverage.value,
        "as_of": iso(table.as_of) if table is not None else None,
        "source": table.source if table is not None else None,
        "list": table.list_name if table is not None else None,
        # A partial table whose list names every state (only days are missing): others are not parties.
        "list_complete": treaty.names_every_state,
        "open_to": list(table.open_to.states) if table is not None and table.open_to is not None else None,
        "note": table.note if table is not None else None,  # what the list covers, and for a partial one what it lacks
    }


def partial_list_note(coverage: Record) -> str | None:
    """What a partial list of states lacks, and why (its table's note), for the views that show
    a treaty's states; None for a complete list, which needs no excuse."""
    return coverage["note"] if coverage["coverage"] == "partial" else None


def detail_record(row: TreatyRow, names: dict[str, str], history: StateHistory = NO_HISTORY) -> Record:
    """`show --format json`: the list record plus everything the treaty record says."""
    treaty = row.treaty
    record = treaty_record(row)
    standings = by_name(standings_on(treaty, row.day, history), names)
    record.update(
        {
            "aliases": list(treaty.aliases),
            "depositary": treaty.depositary,
            "parent": treaty.parent,  # the id of the treaty this instrument belongs to (a protocol's)
            "evidence": [event_record(e) for e in row.assessment.evidence],
            "dates": {
                "signed": _sourced(treaty.signed),
                "opened_for_signature": _sourced(treaty.opened_for_signature),
                "entry_into_force": _sourced(treaty.entry_into_force),
            },
            "duration": _period(treaty.duration),
            "withdrawal_notice": _period(treaty.withdrawal_notice),
            "parties_complete": treaty.coverage.value == "complete",  # kept for the contract: see `coverage`
            "coverage": coverage_record(treaty),
            "entry_into_force_condition": condition_record(treaty, row.day, history, names),
            "counts": {status.value: n for status, n in tally(standings).items()},
            "party_count": (
                {
                    "count": treaty.party_count.count,
                    "as_of": iso(treaty.party_count.as_of),
                    "source": treaty.party_count.source,
                }
                if treaty.party_count
                else None
            ),
            "parties": [party_record(p, names, treaty) for p in standings],
            "events": [event_record(e) for e in treaty.events],
            "limits": [
                {
                    "item": lim.item,
                    "value": lim.value,
                    "unit": lim.unit,
                    "deadline": iso(lim.deadline),
                    "source": lim.source,
                    "note": lim.note,
                }
                for lim in treaty.limits
            ],
            "sources": [{"title": s.title, "url": s.url} for s in treaty.sources],
            "notes": treaty.notes,
        }
    )
    return record


def deadline_record(deadline: Deadline) -> Record:
    row = TreatyRow(deadline.treaty, assess(deadline.treaty, deadline.day), deadline.day)
    record = treaty_record(row)
    record.update(
        {
            "deadline": iso(deadline.date),
            "what": deadline.what,
            "party": deadline.party,
            "days_left": deadline.days_left,
            "why": deadline.why,
        }
    )
    return record


# The columns of every CSV of events (`timeline`, `export csv`, `show`'s events), in this order:
# one schema, documented in the README's machine-readable contract.
EVENT_COLUMNS = (
    "date",
    "id",
    "short_name",
    "name",
    "type",
    "party",
    "note",
    "source",
    "new_expiry",
    "effective",
    "derived",
)


def entry_record(entry: Entry) -> Record:
    """A line of a timeline (a recorded event, a key date, a derived end): the keys of
    EVENT_COLUMNS, in that order; days as ISO text, `derived` true or false."""
    return {
        "date": period_text(entry.date, entry.precision, entry.until),
        "id": entry.treaty.id,
        "short_name": entry.treaty.short_name,
        "name": entry.treaty.name,
        "type": entry.type,
        "party": entry.party,
        "note": entry.note,
        "source": entry.source,
        "new_expiry": iso(entry.new_expiry),
        "effective": iso(entry.effective),
        "derived": entry.derived,
    }


def change_record(change: Change) -> Record:
    return {
        "date": change.treaty.key_text(change.date),
        "id": change.treaty.id,
        "short_name": change.treaty.short_name,
        "party": change.party,
        "kind": change.kind,
        "before": change.before,
        "after": change.after,
        "why": change.why,
    }


# (standing, one, many): how the counts of a table's standings are written.
_COUNTED = (
    ("party", "party", "parties"),
    ("member", "member", "members"),
    ("subscribing", "subscribing state", "subscribing states"),
    ("endorsing", "endorsing state", "endorsing states"),
    ("suspended", "suspended", "suspended"),
    ("suspension-claimed", "suspension claimed", "suspensions claimed"),
    ("ratified", "ratified, not yet bound", "ratified, not yet bound"),
    ("consented", "consented (day in force not recorded)", "consented (day in force not recorded)"),
    ("signatory", "signatory", "signatories"),
    ("deratified", "deratified", "deratified"),
    ("signature-withdrawn", "signature withdrawn", "signatures withdrawn"),
    ("withdrawn", "withdrawn", "withdrawn"),
    ("withdrawal-conditional", "withdrawal subject to a condition", "withdrawals subject to a condition"),
    ("day-not-recorded", "day of change not recorded", "days of change not recorded"),
    ("treaty-ended", "former party (the treaty has ended)", "former parties (the treaty has ended)"),
    ("not-recorded", "not recorded", "not recorded"),
)


def coverage_line(record: Record) -> str:
    """`States: 93 parties, 25 signatories, 5 withdrawn · complete list as of 2026-02-03`."""
    counts = record["counts"]
    shown = [f"{counts[key]} {one if counts[key] == 1 else many}" for key, one, many in _COUNTED if counts.get(key)]
    coverage = record["coverage"]
    if coverage["coverage"] == "complete":
        scope = f"complete list as of {coverage['as_of']}"
    elif coverage.get("list_complete"):
        scope = f"complete list as of {coverage['as_of']}, some days not recorded"
    elif coverage.get("open_to"):
        eligible = coverage["open_to"]
        named = f" ({', '.join(eligible)})" if len(eligible) <= 5 else ""
        scope = f"partial list of the {len(eligible)} states it is open to{named}"
    elif coverage["coverage"] == "partial":
        scope = "partial list: states it does not name are not recorded"
    else:
        scope = "no list of states: standings come from the events"
    return f"States on {record['as_of']}: " + (", ".join(shown) or "none") + f" · {scope}"


def _act_of(standing: Standing, kinds: tuple[str, ...]) -> Any:
    return next((a for a in reversed(standing.acts) if a.kind.value in kinds), None)


def _act_day(act: Any) -> str | None:
    """An act's day, or only its month (YYYY-MM) or year (YYYY) where that is all that is recorded."""
    return period_text(act.day, act.precision, act.until) if act is not None else None


def _bound_text(treaty: Treaty | None, consent: Any, bound: dt.date | None) -> str | None:
    return period_text(*bound_period(treaty, consent, bound)) if bound is not None else None


def state_record(treaty: Treaty, standing: Standing, names: dict[str, str], day: dt.date) -> Record:
    """`parties TREATY`: one state's row, with the acts behind its standing on the day (its
    consent and the day it took effect stay shown after a withdrawal or a de-ratification)."""
    signed = _act_of(standing, ("signed",))
    notice = _act_of(standing, ("withdrawal_notice",))
    consent = standing.consent or next((a for a in reversed(standing.acts) if a.kind.consent), None)
    bound_from = standing.bound_from
    if bound_from is None and consent is not None:
        bound_from = bound_day(treaty, consent)[0]
    if bound_from is None:  # an original party's, or a day the list records
        bound_from = next((a.day for a in standing.acts if a.kind.value in ("original", "in_force")), None)
    source_act = consent or (standing.acts[-1] if standing.acts else None)
    return {
        "treaty_id": treaty.id,
        "code": standing.state,
        "name": names.get(standing.state, standing.state),
        "status": standing.status.value,
        "since": iso(standing.since),
        "signed": _act_day(signed),
        "consent": consent.kind.value if consent is not None else None,
        "consent_date": _act_day(consent),
        "in_force_for_state": _bound_text(treaty, consent, bound_from),
        "withdrawal_notice": iso(notice.day) if notice is not None else None,
        "withdrawal_effective": iso(standing.withdrawal_effective),
        "why": standing.why,
        "source": source_act.source if source_act is not None else None,
        "as_of": iso(day),
    }


def panel_record(row: dict[str, Any]) -> Record:
    """A row of `standings` (the Python API's table, whose days are dates) as a record: its days
    as ISO text (a spell's start may be text already: a founding known only to its month or
    year), the rest as it is."""
    record = dict(row)
    for column in ("start", "until", "since"):
        value = record.get(column)
        if isinstance(value, dt.date):
            record[column] = value.isoformat()
    return record


def condition_record(treaty: Treaty, day: dt.date, history: StateHistory, names: dict[str, str]) -> Record | None:
    """What the treaty's entry-into-force condition says on `day`, counted from its table: only a
    table whose list names every state can be counted (the Nth deposit of a partial list is not
    the Nth deposit), so a partial one gives the condition uncounted (`counted: false`)."""
    condition = treaty.participation.entry_into_force_condition if treaty.participation else None
    if condition is None:
        return None
    derived = derived_entry_into_force(treaty, day, history) if treaty.names_every_state else None
    return {
        "counted": derived is not None,
        "met_on": iso(derived.day) if derived else None,
        "why": derived.why if derived else "not counted: the list of states is partial",
        "missing": [{"code": c, "name": names.get(c, c)} for c in derived.missing] if derived else [],
        "deposits": condition.deposits,
        "required": list(condition.required),
        "source": condition.source,
    }


def condition_line(record: Record) -> str | None:
    """`not in force: 9 of the 44 states whose ratification is required have not ratified: China, ...`."""
    condition = record.get("entry_into_force_condition")
    if not condition or not condition["counted"]:
        return None
    if condition["met_on"] is None:
        missing = ", ".join(m["name"] for m in condition["missing"])
        line = f"not in force: {condition['why']}"
        return line + (f": {missing}" if missing else "")
    return f"entry-into-force condition met: {condition['why']}"
