"""Declared numbers: what a party said it held (or had eliminated) on a data date, with the source.

A `Declared` row sits under the `Limit` it is measured against (New START's aggregate numbers
under each central limit). A `DeclaredTotal` stands on its own at the treaty's level, naming its
item and unit, for totals no ceiling measures (the INF Treaty's missiles eliminated, the CWC's
stockpiles destroyed). "Not provided" is a value of its own (`not_provided: true`): a party that
stopped exchanging data is not a gap in the record, it is what the source says.

No `from __future__ import annotations` here (see fields.py).
"""

from collections.abc import Iterable
from typing import Annotated

from pydantic import ConfigDict, Field, model_validator

from treatytrack.core.models.fields import Day, Line, Name, PartyCode, Text, Unit, _Strict

Count = Annotated[int, Field(ge=0, le=10**12, strict=True)]  # JSON readers hold integers to 2**53


class Declared(_Strict):
    """One party's declared number on one data date (the day the data is current as of)."""

    # The schema says what the validator below does: a value, or `not_provided: true`, not both.
    model_config = ConfigDict(
        json_schema_extra={
            "oneOf": [
                {"required": ["value"], "properties": {"value": {"type": "integer"}, "not_provided": {"const": False}}},
                {
                    "required": ["not_provided"],
                    "properties": {"not_provided": {"const": True}, "value": {"type": "null"}},
                },
            ]
        }
    )
    party: PartyCode
    date: Day
    value: Count | None = None
    not_provided: Annotated[bool, Field(strict=True)] = False
    source: Line
    note: Text | None = None

    @model_validator(mode="after")
    def _value_or_not_provided(self) -> "Declared":
        if self.not_provided and self.value is not None:
            raise ValueError("give `value` or `not_provided: true`, not both")
        if not self.not_provided and self.value is None:
            raise ValueError("give the declared `value`, or `not_provided: true` where the source says none was given")
        return self


class DeclaredTotal(Declared):
    """A declared number no ceiling measures: it names its own item and unit."""

    item: Name
    unit: Unit


def duplicate_declared(rows: Iterable[Declared]) -> str | None:
    """The first (item, party, date) given twice, described, or None: one row per party and date."""
    seen: set[tuple[str, str, object]] = set()
    for row in rows:
        key = (getattr(row, "item", ""), row.party, row.date)
        if key in seen:
            what = f" of `{key[0]}`" if key[0] else ""
            return f"two declared rows{what} for {row.party} on {row.date}: give one row per party and data date"
        seen.add(key)
    return None
