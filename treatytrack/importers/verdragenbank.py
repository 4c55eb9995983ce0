"""A party page of the Dutch treaty database (verdragenbank.overheid.nl) read into a table.

The page's parts are read by treatytrack.importers.verdragenbank_page; here they are interpreted:
each column's role from its header, the kind letters from the consent column's legend, each date
(strictly: a cell that is not a date is a problem, never a skipped row), each name (Dutch, mapped
by `dutch_names`; an unknown one is a problem naming its line and the entry to add). Every row
and cell is either read or named as a problem: a page that cannot be read fully yields problems,
never a partial table.

The legend's `R` is "ratification, acceptance, approval or notification": the page does not say
which. It is recorded as `ratified`, unless the treaty file's row already has one of those kinds
(from the depositary's own list), which it keeps. `NB` ("not known") keeps any kind the row has,
else is `consented` with a note. The page gives no status date (the database is updated daily):
the table's as-of is the day the page was saved, which the user gives.

Pure: text in, data out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from treatytrack.importers.table import (
    CONSENT_KEYS,
    Act,
    ImportedTable,
    Life,
    Row,
    misread_row,
    ordered,
    split_continued,
)
from treatytrack.importers.verdragenbank_page import DateError, PartyPage, PartyRow, parse_dutch_date, read_party_page

LIST_NAME = "Dutch treaty database (verdragenbank.overheid.nl), party table"
URL = "https://verdragenbank.overheid.nl/nl/Verdrag/Details/{number}_p.html"
NUMBER = re.compile(r"\d{6}")
TABLE_NOTE = (
    "From the Dutch treaty database's party table: one date per act (for a treaty with several "
    "depositaries it does not say whose). Its kind 'R' (ratification, acceptance, approval or "
    "notification) is written `ratified` unless the row already had one of the others."
)

# Column headers (their start) and the row key each gives; `consent` and `ended` are read apart.
_COLUMNS = {
    "ondertekening": "signed",
    "voorlopige toepassing": "provisional",
    "ratificatie": "consent",
    "in werking": "in_force",
    "opzegging": "withdrawal_notice",
    "buiten werking": "ended",
}
_R_FAMILY = ("ratified", "accepted", "approved", "consented")
_LEGEND_ITEM = re.compile(r"(?<![A-Z])([A-Z]{1,3})=(.*?)(?=\s*(?<![A-Z])[A-Z]{1,3}=|$)")
_CONSENT_CELL = re.compile(r"(.+?)\s*\(([A-Z]{1,3})\)")
_ENDED_NAME = re.compile(r"(.+?)\s*\(<\s*([^)]*)\)")


class Names(Protocol):
    """Codes for names (`dutch_names.DutchNames`); raises LookupError for a name it does not know."""

    def code(self, name: str) -> str: ...


@dataclass(frozen=True)
class Kind:
    """What a legend letter means: the row key (or a family of keys the page does not tell
    apart, resolved by the file's row), and a note for the act."""

    default: str
    family: tuple[str, ...] = ()
    note: str | None = None


def _kind(words: str) -> Kind | None:
    lowered = words.strip().lower()
    if lowered.startswith(("ondertekening zonder voorbehoud", "definitieve ondertekening")):
        return Kind("consented", note="definitive signature: signed without reservation of ratification")
    if lowered.startswith(("bekrachtiging", "ratificatie")):
        return Kind("ratified", _R_FAMILY)
    if lowered.startswith("toetreding"):
        return Kind("acceded")
    if lowered.startswith("voortgezette gebondenheid"):
        return Kind("succeeded")
    if lowered.startswith("niet bekend"):
        return Kind("consented", CONSENT_KEYS, note="the Dutch treaty database does not know the kind of consent")
    return None


# The legend every party page of the database shows (used, and said, when a saved page lost it).
STANDARD_LEGEND = (
    "O=Ondertekening zonder voorbehoud of vereiste van ratificatie "
    "R=Bekrachtiging, aanvaarding, goedkeuring of kennisgeving T=Toetreding "
    "VG=Voortgezette gebondenheid NB=Niet bekend"
)


def read_legend(header: str, problems: list[str]) -> dict[str, Kind]:
    """The kind letters of the consent column's header (`...T=Toetreding VG=Voortgezette gebondenheid`)."""
    legend: dict[str, Kind] = {}
    for letter, words in _LEGEND_ITEM.findall(header):
        kind = _kind(words)
        if kind is None:
            problems.append(f"the consent column's legend {letter}={words.strip()!r} is not a kind the importer knows")
        else:
            legend[letter] = kind
    return legend


@dataclass
class PageImport:
    """A page read into a table, or the reasons it could not be."""

    table: ImportedTable | None
    page: PartyPage
    problems: list[str]
    notes: list[str]  # what the importer did or left out, for the summary


def page_url(number: str) -> str:
    """The party page's own address: the table's `source`."""
    return URL.format(number=number)


def import_party_page(
    html: str,
    names: Names,
    as_of: dt.date,
    number: str | None = None,
    lives: Mapping[str, Life] | None = None,
    existing: Mapping[str, Mapping[str, object]] | None = None,
) -> PageImport:
    """Read a saved party page into a table. `names` maps names to codes (`DutchNames`); `number`
    is the treaty's six-digit number, needed when the page names none; `lives` are the
    predecessors states continue; `existing` the treaty file's rows (plain data), whose kind of
    consent an `R` or `NB` keeps."""
    page = read_party_page(html)
    problems: list[str] = []
    said: list[str] = []
    if page.tables != 1:
        problems.append(f"the page has {page.tables} party tables (a table whose first header is 'Partij'), not one")
    found = _number(page, number, problems)
    columns, labels, legend = _columns(page.header, problems, said) if page.header else ([], [], {})
    if page.tables == 1 and not page.rows:
        problems.append("the party table has no rows")
    states: dict[str, Row] = {}
    provisional: list[str] = []
    empty: list[str] = []
    ended: list[str] = []
    for row in page.rows if columns else ():  # a header it cannot read: said once, above
        where = f"line {row.line}, row {row.number}" if row.line else f"row {row.number}"
        where += f" ({row.name or 'no name'})"
        name, gone = row.name, None
        suffix = _ENDED_NAME.fullmatch(row.name)
        if suffix:
            name = suffix.group(1)
            try:
                gone = parse_dutch_date(suffix.group(2))
            except DateError as err:
                problems.append(f"{where}: the day the state ceased to exist: {err}")
                continue
        try:
            code = names.code(name)
        except LookupError:
            problems.append(
                f"{where}: unknown state name {name!r}: add it to DUTCH_NAMES in "
                f'treatytrack/importers/dutch_names.py ("{name}": "<ISO 3166-1 alpha-3 code>")'
            )
            continue
        misread = misread_row(where, code, states, len(row.cells), len(columns))
        if misread is not None:
            problems.append(misread)
            continue
        before = len(problems)
        acts = _row_acts(row, code, columns, labels, legend, where, problems, (existing or {}).get(code) or {})
        if "provisional" in acts:
            provisional.append(f"{code} {_day(acts.pop('provisional'))}")
        if "ended" in acts:
            end = acts.pop("ended")
            if "withdrawal_notice" in acts:
                acts["withdrawn"] = end
            elif gone is not None:
                ended.append(f"{code} {_day(end)} (a state until {gone})")
            else:
                problems.append(
                    f"{where}: 'Buiten werking' {_day(end)} without an 'Opzegging': the page does not say why "
                    "the treaty ceased to apply; record it by hand"
                )
                continue
        if acts:
            states[code] = acts
        elif len(problems) == before:
            empty.append(code)
    if empty:
        said.append(f"rows with no date (not recorded): {', '.join(empty)}")
    if provisional:
        said.append(f"provisional application not recorded (no row key for it): {', '.join(provisional)}")
    if ended:
        said.append(
            "'Buiten werking' of states that ceased to exist, not recorded (state_history says when): "
            + ", ".join(ended)
        )
    marked = sorted({row.name for row in page.rows if row.linked} | set(page.reserving))
    if marked:
        said.append(
            "reservations or declarations on the page (not recorded; read them there): "
            + ", ".join(f"{name} ({_code_or_unknown(names, name)})" for name in marked)
        )
    later = [
        f"{code} {key} {act.day}"
        for code, row in states.items()
        for key, act in row.items()
        if isinstance(act, Act) and act.day > as_of
    ]
    if later:
        problems.append(
            f"acts dated after --as-of {as_of} ({', '.join(later[:3])}{', ...' if len(later) > 3 else ''}): "
            "--as-of is the day the page was saved"
        )
    for line in split_continued(states, lives or {}):
        (problems if line.startswith("! ") else said).append(line.removeprefix("! "))
    if problems or found is None:
        return PageImport(None, page, problems, said)
    table = ImportedTable(
        as_of=as_of,
        source=page_url(found),
        list_name=LIST_NAME,
        states={code: ordered(states[code]) for code in sorted(states)},
        note=TABLE_NOTE,
    )
    return PageImport(table, page, problems, said)


def _code_or_unknown(names: Names, name: str) -> str:
    ended = _ENDED_NAME.fullmatch(name)
    try:
        return names.code(ended.group(1) if ended else name)
    except LookupError:
        return "unknown name"


def _day(value: object) -> object:
    return value.day if isinstance(value, Act) else value


def _number(page: PartyPage, given: str | None, problems: list[str]) -> str | None:
    if len(page.numbers) > 1:
        problems.append(f"the page links to several treaty numbers: {', '.join(sorted(page.numbers))}")
        return None
    if page.numbers:
        (named,) = page.numbers
        if given is not None and given != named:
            problems.append(f"--number {given} but the page is treaty {named}")
            return None
        return named
    if given is None:
        problems.append("the page does not name its treaty number: give it with --number (e.g. 003428)")
    return given


def _columns(header: list[str], problems: list[str], said: list[str]) -> tuple[list[str], list[str], dict[str, Kind]]:
    """Each column's role, its name for messages (the header without its legend), and the legend."""
    if header[0] != "Partij":
        problems.append(f"the party table's first column is {header[0]!r}, not 'Partij'")
    if [h.lower() for h in header[1:2]] == ["datum inwerkingtreding"]:
        # inview.nl's copy (`Partij | Datum inwerkingtreding | Voorbehoud`) has the days in force
        # only: no signature, no consent, no denunciation. Its source is the database: read that.
        problems.append(
            "this is a table of days in force only (inview.nl's copy: Partij | Datum inwerkingtreding); "
            "save the database's own party page (verdragenbank.overheid.nl/nl/Verdrag/Details/NNNNNN_p.html)"
        )
        return [], [], {}
    roles: list[str] = []
    labels: list[str] = []
    legend: dict[str, Kind] = {}
    for number, text in enumerate(header[1:], 2):
        squeezed = text.lower().replace(" ", "")  # `Voorlopige<br>toepassing` reads "Voorlopigetoepassing"
        start = next((s for s in _COLUMNS if squeezed.startswith(s.replace(" ", ""))), None)
        if start is None:
            problems.append(f"column {number} header {text!r} is not a column the importer knows")
        elif _COLUMNS[start] == "consent":
            legend = read_legend(text, problems)
            if not legend and not _LEGEND_ITEM.search(text):
                legend = read_legend(STANDARD_LEGEND, problems)
                said.append(f"the consent column's header has no legend: the database's was used ({STANDARD_LEGEND})")
        roles.append(_COLUMNS[start] if start else "unknown")
        labels.append(f"column {(start.capitalize() if start else text)!r}")
    if roles.count("consent") != 1:
        problems.append(f"the party table has {roles.count('consent')} 'Ratificatie' columns, not one")
    return roles, labels, legend


def _row_acts(
    row: PartyRow,
    code: str,
    columns: list[str],
    headers: list[str],
    legend: Mapping[str, Kind],
    where: str,
    problems: list[str],
    existing: Mapping[str, object],
) -> Row:
    acts: Row = {}
    for role, header, text in zip(columns, headers, row.cells, strict=True):
        cell = text.replace("\xa0", " ").strip()
        if not cell or role == "unknown":
            continue
        if role != "consent":
            try:
                acts[role] = Act(parse_dutch_date(cell))
            except DateError as err:
                problems.append(f"{where}, {header} ({role}): {err}")
            continue
        found = _CONSENT_CELL.fullmatch(" ".join(cell.split()))
        if found is None:
            problems.append(f"{where}, {header} (consent): {cell!r} has no kind letter like '(R)'")
            continue
        kind = legend.get(found.group(2))
        if kind is None:
            known = ", ".join(legend) or "none"
            problems.append(f"{where}, {header} (consent): kind {found.group(2)!r} is not in the legend ({known})")
            continue
        try:
            day = parse_dutch_date(found.group(1))
        except DateError as err:
            problems.append(f"{where}, {header} (consent): {err}")
            continue
        had = [key for key in kind.family if key in existing]
        key = had[0] if len(had) == 1 else kind.default
        acts[key] = Act(day, None if had and len(had) == 1 else kind.note)
    return acts
