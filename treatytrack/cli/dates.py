"""Dates and spans given on the command line, and "today": the only place the CLI reads the
clock. A date that is not one, or a span that leaves the calendar, is a usage error naming its
option.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from dateutil.relativedelta import relativedelta

_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # ASCII digits: `\\d` would take any script's
DATE_RANGE = f"dates run from {dt.date.min} to {dt.date.max}"


def parse_day(value: str | None) -> dt.date | None:
    if value is None:
        return None
    if not _DAY.fullmatch(value.strip()):
        raise typer.BadParameter(f"{value!r} is not a date; write YYYY-MM-DD, e.g. 2026-11-28 ({DATE_RANGE})")
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise typer.BadParameter(f"{value.strip()} is not a calendar date ({DATE_RANGE})") from None


def day_option(value: str | None, name: str) -> dt.date | None:
    """A date option or argument, with a usage error naming it when it is not a date."""
    try:
        return parse_day(value)
    except typer.BadParameter as err:
        err.param_hint = f"'{name}'"
        raise


def window_options(
    start: str | None, end: str | None, first_name: str = "--from", last_name: str = "--to"
) -> tuple[dt.date | None, dt.date | None]:
    """A date window's two ends; one that ends before it starts is a usage error naming the
    option, in every command (an empty window would only be a puzzling empty answer)."""
    first, last = day_option(start, first_name), day_option(end, last_name)
    if first is not None and last is not None and last < first:
        raise typer.BadParameter(f"{last_name} ({last}) is before {first_name} ({first})", param_hint=f"'{last_name}'")
    return first, last


def today(as_of: str | None) -> dt.date:
    day = day_option(as_of, "--as-of")
    return day if day is not None else dt.date.today()


def span_option(value: str, name: str) -> relativedelta:
    """A span option (`--within`, `--since`, `--alarm`), with a usage error naming it."""
    from treatytrack.core.query import parse_window

    try:
        return parse_window(value)
    except ValueError as err:
        raise typer.BadParameter(str(err), param_hint=f"'{name}'") from None


def shifted(day: dt.date, span: relativedelta, value: str, name: str, *, back: bool = False) -> dt.date:
    """`day` plus (or, `back`, minus) a span option's span, or a usage error if that leaves the calendar."""
    try:
        return day - span if back else day + span
    except (ValueError, OverflowError):
        where = f"{value.strip()} {'before' if back else 'after'} {day}"
        edge = dt.date.min if back else dt.date.max
        raise typer.BadParameter(
            f"{where} is {'before' if back else 'past'} {edge}, the {'first' if back else 'last'} day treatytrack "
            f"can count {'from' if back else 'to'}; give a shorter span or another --as-of",
            param_hint=f"'{name}'",
        ) from None
