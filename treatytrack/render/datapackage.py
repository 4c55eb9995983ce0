"""A Frictionless Data Package descriptor (`datapackage.json`) for the CSV files treatytrack writes.

https://specs.frictionlessdata.io/data-package/ (v1, tabular): each CSV is a tabular data resource whose
schema gives every column's type and description, so that a reader (frictionless, R's
`frictionless` package, pandas with a little help) loads it with the right types and knows what
each column means. The descriptor holds no clock time: the same data and options give the same
bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import orjson

# Every column of the CSV files a package may hold: (Table Schema type, description).
FIELDS: dict[str, tuple[str, str]] = {
    "treaty_id": ("string", "The treaty's id in treatytrack's dataset (a kebab-case slug)."),
    "treaty": ("string", "The treaty's short name."),
    "short_name": ("string", "The treaty's short name."),
    "new_expiry": ("date", "An extension's new expiry day; empty for other events."),
    "effective": ("date", "A withdrawal notice's effective day, where recorded; empty for other events."),
    "id": ("string", "The treaty's id in treatytrack's dataset (a kebab-case slug)."),
    "name": ("string", "The treaty's official name (events) or the state's name (standings)."),
    "code": ("string", "The state's or organisation's code: ISO 3166-1 alpha-3, current or historic (SUN: the USSR)."),
    "start": (
        "string",
        "The first day the state held this standing (YYYY-MM-DD); YYYY-MM or YYYY where it starts with a "
        "treaty's founding known only to that month or year.",
    ),
    "until": ("date", "The day the standing ended (exclusive); empty while it still held on the as-of date."),
    "year": ("integer", "The calendar year; the standing is the one held on 31 December (or on the as-of date)."),
    "status": (
        "string",
        "The state's standing: party, member, subscribing, endorsing, suspended, suspension-claimed, ratified, "
        "consented, signatory, deratified, signature-withdrawn, withdrawn, withdrawal-conditional, treaty-ended, "
        "not-party, not-recorded, day-not-recorded, not-yet-existing or ceased-to-exist.",
    ),
    "since": ("date", "The day the act behind the standing took effect; empty when there is none."),
    "bound": (
        "boolean",
        "Bound by the treaty: party, member, subscribing, endorsing, suspended or suspension-claimed.",
    ),
    "consented": (
        "boolean",
        "Consented while the treaty is in force; the day it took effect for the state is unknown.",
    ),
    "signed_only": ("boolean", "Signed (or consented) without being bound."),
    "why": ("string", "The acts and the treaty's rule that give the standing, in words."),
    "date": (
        "string",
        "The day of the event (YYYY-MM-DD); YYYY-MM or YYYY for a date known only to its month or year.",
    ),
    "type": ("string", "The event's type: signed, ratified, acceded, entered-into-force, withdrawn, expired..."),
    "party": ("string", "The code of the party the event concerns; empty for an event of the treaty as a whole."),
    "note": ("string", "The dataset's note on the event."),
    "source": ("string", "Where the fact was read: a URL or a citation."),
    "derived": (
        "boolean",
        "true when the event follows from the treaty's rules (its term, a notice period) rather than a record.",
    ),
}


# Date columns that hold a day, or only a month or year where that is all the data knows.
PERIOD_FIELDS = frozenset({"date", "start"})


@dataclass(frozen=True)
class Resource:
    """One CSV file of the package: its resource name, file name, title and columns in order."""

    name: str
    path: str
    title: str
    description: str
    columns: Sequence[str]


def descriptor(resources: Sequence[Resource], as_of: str, reviewed: str, version: str, command: str) -> dict[str, Any]:
    """The package's descriptor. Every column must be one `FIELDS` describes (KeyError otherwise)."""
    return {
        "profile": "tabular-data-package",
        "name": "treatytrack",
        "title": f"Arms-control agreements and states' standings, as of {as_of}",
        "description": (
            f"Written by treatytrack {version} (`{command}`) from its curated dataset, reviewed {reviewed}; "
            f"every standing is derived for {as_of} and earlier from sourced facts. Standings after the "
            "review date are projections from the treaties' own rules."
        ),
        "version": version,
        "sources": [{"title": f"treatytrack dataset (data/treaties.yaml), reviewed {reviewed}"}],
        # The dataset's licence (data/LICENSE); each fact's own source is cited in the data.
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/",
                "title": "Creative Commons Attribution 4.0",
            }
        ],
        "resources": [_resource(r) for r in resources],
    }


def _resource(resource: Resource) -> dict[str, Any]:
    fields = []
    for column in resource.columns:
        kind, description = FIELDS[column]
        field: dict[str, Any] = {"name": column, "type": kind, "description": description}
        if column in PERIOD_FIELDS:  # a day, only its month or year (ISO 8601 reduced precision), or an interval
            field["constraints"] = {"pattern": r"\d{4}(-\d{2}(-\d{2})?)?(/\d{4}-\d{2}-\d{2})?"}
        fields.append(field)
    return {
        "name": resource.name,
        "profile": "tabular-data-resource",
        "path": resource.path,
        "title": resource.title,
        "description": resource.description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": {"fields": fields, "missingValues": [""]},
    }


def render_descriptor(package: dict[str, Any]) -> bytes:
    return orjson.dumps(package, option=orjson.OPT_INDENT_2) + b"\n"
