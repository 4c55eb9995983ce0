"""`export datapackage -o DIR`: a Frictionless Data Package in a folder: the events (as `export
csv` writes them), the standings by change and by year (as `standings` writes them), and
`datapackage.json` describing each column. Every file goes through `cli.output` (atomic, never
over a file without --force, never over an input)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from treatytrack.cli.emit import output_target, write_output
from treatytrack.cli.exits import EXIT_IOERR, EXIT_USAGE, fail

if TYPE_CHECKING:
    import datetime as dt

    from treatytrack.core.models import Dataset, Treaty

EVENTS, BY_CHANGE, BY_YEAR, DESCRIPTOR = (
    "events.csv",
    "standings-by-change.csv",
    "standings-by-year.csv",
    "datapackage.json",
)
FILES = (EVENTS, BY_CHANGE, BY_YEAR, DESCRIPTOR)


def check_directory(destination: Path | None, force: bool, inputs: Sequence[Path]) -> Path:
    """The package's folder (made if it is not there, inside an existing one), every file in it
    checked as `--output` checks a file; or a usage error, before any work."""
    if destination is None or os.fspath(destination) in ("-", "/dev/stdout"):
        fail("treatytrack: export datapackage writes a folder of files: give --output DIR", EXIT_USAGE)
    if destination.exists() and not destination.is_dir():
        fail(
            f"treatytrack: {destination} is not a folder; export datapackage writes a folder (--output DIR)", EXIT_USAGE
        )
    if not destination.exists():
        if not destination.absolute().parent.is_dir():
            fail(f"treatytrack: {destination}: no such directory {destination.absolute().parent}", EXIT_USAGE)
        return destination
    for name in FILES:
        output_target(destination / name, force, inputs)
    return destination


def write_package(
    folder: Path,
    force: bool,
    inputs: Sequence[Path],
    dataset: Dataset,
    treaties: list[Treaty],
    parties: list[str],
    first: dt.date | None,
    day: dt.date,
    events_csv: str,
    event_columns: Sequence[str],
    version: str,
) -> None:
    """Write the package's four files into `folder` (made here if need be)."""
    from treatytrack.api.data import TreatyData
    from treatytrack.cli.states import SPELL_COLUMNS, YEAR_COLUMNS, PanelBy, standings_records
    from treatytrack.render.csvout import render_csv
    from treatytrack.render.datapackage import Resource, descriptor, render_descriptor

    # The treaties were chosen already: each names at least one of `parties`, so `any_party`
    # keeps every one of them.
    chosen = {"treaty": [t.id for t in treaties], "party": parties, "any_party": True}
    answers = TreatyData(dataset)
    by_change = render_csv(standings_records(answers, PanelBy.CHANGE, day, first, **chosen), SPELL_COLUMNS)
    by_year = render_csv(standings_records(answers, PanelBy.YEAR, day, first, **chosen), YEAR_COLUMNS)
    resources = [
        Resource(
            "events",
            EVENTS,
            "Events",
            "Every event of the chosen treaties, recorded or derived, in date order (as `treatytrack export csv`).",
            event_columns,
        ),
        Resource(
            "standings-by-change",
            BY_CHANGE,
            "Standings by change",
            "One row per state, treaty and standing held, from `start` until `until` "
            "(as `treatytrack standings --by change`).",
            SPELL_COLUMNS,
        ),
        Resource(
            "standings-by-year",
            BY_YEAR,
            "Standings by year",
            "One row per state, treaty and year: the standing on 31 December (as `treatytrack standings --by year`).",
            YEAR_COLUMNS,
        ),
    ]
    package = descriptor(
        resources, day.isoformat(), dataset.reviewed.isoformat(), version, f"export datapackage --as-of {day}"
    )
    try:
        folder.mkdir(exist_ok=True)
    except OSError as err:
        fail(f"treatytrack: cannot make {folder}: {err.strerror or err}", EXIT_IOERR)
    for name, data in (
        (EVENTS, events_csv.encode("utf-8")),
        (BY_CHANGE, by_change.encode("utf-8")),
        (BY_YEAR, by_year.encode("utf-8")),
        (DESCRIPTOR, render_descriptor(package)),
    ):
        write_output(folder / name, force, inputs, data)
