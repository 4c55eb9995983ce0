"""`import verdragenbank`: a party page of the Dutch treaty database written into a treaty's
per-state table, in place, the way `import untc` writes a UN status page (same options, same
merge, same checks before writing; cli.importing holds them)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import typer

from treatytrack.cli.dates import day_option
from treatytrack.cli.importing import (
    DryRunOpt,
    TargetOpt,
    TreatyOpt,
    _apply,
    _context,
    _fail,
    _note,
    _read_text,
    _table_or_fail,
    _target,
    _treaty_file,
    import_app,
)
from treatytrack.cli.safewrite import locked


@import_app.command("verdragenbank")
def verdragenbank_command(
    page: Annotated[
        Path,
        typer.Argument(
            metavar="PAGE.html",
            exists=True,
            dir_okay=False,
            help="A party page of the Dutch treaty database (verdragenbank.overheid.nl/nl/Verdrag/Details/NNNNNN_p.html), as saved from the site.",
        ),
    ],
    treaty: TreatyOpt,
    as_of: Annotated[
        str,
        typer.Option(
            "--as-of",
            metavar="DATE",
            help="The day the page was saved (YYYY-MM-DD): the table's as-of (the page gives no status date).",
        ),
    ],
    data: TargetOpt = None,
    number: Annotated[
        str | None,
        typer.Option(
            "--number",
            metavar="NNNNNN",
            help="The treaty's six-digit number in the database, when the saved page does not name it (it then must agree).",
        ),
    ] = None,
    dry_run: DryRunOpt = False,
) -> None:
    """Write (or update in place) a treaty's participation table from a Dutch treaty database page.

    Every row of the party table becomes a state's row (signature; the consent and its kind:
    R ratification, T accession, VG succession, O definitive signature; the day in force;
    denunciation and the day it took effect); --as-of is the table's as-of. Dutch names are
    mapped to ISO codes (importers/dutch_names.py). Acts a row has with their own source, rules,
    notes and comments are kept. A page that cannot be read fully changes nothing and exits 1,
    naming each row and cell it could not read.
    """
    from treatytrack.importers.untc_page import MAX_PAGE
    from treatytrack.importers.verdragenbank import NUMBER

    day = day_option(as_of, "--as-of")
    assert day is not None
    if number is not None and not NUMBER.fullmatch(number):
        raise typer.BadParameter(f"{number!r} is not a six-digit treaty number like 003428", param_hint="'--number'")
    target = _target(data)
    html = _read_text(page, "PAGE.html", follow=True, limit=MAX_PAGE)
    with locked(target):
        _import(page, html, target, treaty, day, number, dry_run)


def _import(page: Path, html: str, target: Path, treaty: str, day: dt.date, number: str | None, dry_run: bool) -> None:
    from treatytrack.importers.dutch_names import DutchNames
    from treatytrack.importers.untc_page import PageError
    from treatytrack.importers.verdragenbank import import_party_page

    text, plain = _treaty_file(target, treaty)
    names, lives = _context(plain)
    try:
        result = import_party_page(html, DutchNames(names), day, number, lives, _rows(plain, treaty))
    except PageError as err:
        _fail(f"treatytrack: {page}: {err}; {target} not changed.")
    table = _table_or_fail(page, target, result.table, result.problems)
    _note(f"{page}: {result.page.title or 'party page'}: as of {table.as_of}, {len(table.states)} states")
    for line in result.notes:
        _note(f"note: {line}")
    _apply(target, text, plain, treaty, table, dry_run)


def _rows(plain: dict[str, Any], treaty: str) -> dict[str, Any]:
    """The treaty's rows as the file has them (plain data): an `R` keeps the kind they give."""
    record = next(t for t in plain["treaties"] if isinstance(t, dict) and t.get("id") == treaty)
    participation = record.get("participation")
    states = participation.get("states") if isinstance(participation, dict) else None
    return {str(code): row for code, row in states.items() if isinstance(row, dict)} if isinstance(states, dict) else {}
