"""The records of `limits --declared`: one per (ceiling or declared total, party), the plain data
that JSON and CSV write as they are and the table and Markdown lay out (kept apart from
records.py, which holds the other views' records)."""

from __future__ import annotations

from collections.abc import Mapping

from treatytrack.core.declared import DeclaredOnDay, within
from treatytrack.core.models import Treaty
from treatytrack.render.records import Record, iso

# CSV columns, in order (JSON carries these and the note).
DECLARED_COLUMNS = [
    "id",
    "short_name",
    "item",
    "limit",
    "unit",
    "deadline",
    "party",
    "party_name",
    "date",
    "value",
    "not_provided",
    "within_limit",
    "source",
]
NOT_PROVIDED = "not provided"


def declared_record(treaty: Treaty, found: DeclaredOnDay, names: Mapping[str, str]) -> Record:
    """`limit` is None for a total no ceiling measures (missiles eliminated); `within_limit` is None
    where there is no ceiling or no value (not provided)."""
    series, row = found.series, found.row
    return {
        "id": treaty.id,
        "short_name": treaty.short_name,
        "item": series.item,
        "limit": series.ceiling,
        "unit": series.unit,
        "deadline": iso(series.deadline),
        "party": row.party,
        "party_name": names.get(row.party, row.party),
        "date": row.date.isoformat(),
        "value": row.value,
        "not_provided": row.not_provided,
        "within_limit": within(row.value, series.ceiling),
        "source": row.source,
        "note": row.note,
    }


def declared_text(record: Mapping[str, object]) -> str:
    """The declared value as a reader sees it: `1,457`, or `not provided`."""
    value = record["value"]
    return NOT_PROVIDED if record["not_provided"] or value is None else f"{value:,}"


def limit_text(record: Mapping[str, object]) -> str:
    """The ceiling as a reader sees it: `1,550`, or `no limit` for a total no ceiling measures."""
    limit = record["limit"]
    return "no limit" if limit is None else f"{limit:,}"
