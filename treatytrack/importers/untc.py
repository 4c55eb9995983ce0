"""A UN Treaty Collection status page, as a user saves it from the site, read into a table.

The page's parts are read by treatytrack.importers.untc_page; here they are interpreted: each
column's role and the suffix letters its header's legend gives (none = ratification, `a`
accession, `d` succession, `A` acceptance, `AA` approval, `P` consent to be bound), each date
cell (`20 Sep 2017`, in [brackets] when the state's participation ended), each End Note
(withdrawals, predecessors), and from them the rows of an `ImportedTable`. Every row, cell and
End Note is either read or named as a problem: a page that cannot be read fully yields problems,
never a partial table.

Pure: text in, data out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from treatytrack.importers.names import NameIndex, UnknownName, predecessor_code
from treatytrack.importers.table import Act, ImportedTable, Life, Row, misread_row, ordered, split_continued
from treatytrack.importers.untc_page import PageRow, StatusPage, clean, read_page

LIST_NAME = "UN Secretary-General's status list"
URL = "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no={no}&chapter={chapter}&clang=_en"
MTDSG = re.compile(r"[IVXL]+-\d+(?:-[a-z])?")

_LONG_MONTHS = {
    name: number
    for number, name in enumerate(
        (
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ),
        1,
    )
}
_MONTHS = {name[:3]: number for name, number in _LONG_MONTHS.items()}
_CELL = re.compile(r"(\[)?\s*(\d{1,2}) ([A-Z][a-z]{2}) (\d{4})\s*([A-Za-z]{0,2})\s*(\])?")
_LONG_DAY = r"(\d{1,2} [A-Z][a-z]+ \d{4})"

# Legend words of the consent column and the row key each suffix letter gives.
_LEGEND = {
    "ratification": "ratified",
    "accession": "acceded",
    "succession": "succeeded",
    "acceptance": "accepted",
    "approval": "approved",
    "consent to be bound": "consented",
}


def _roman(numeral: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50}
    total = 0
    for i, ch in enumerate(numeral):
        value = values[ch]
        total += -value if i + 1 < len(numeral) and values[numeral[i + 1]] > value else value
    return total


def depositary_url(mtdsg: str) -> str:
    """The status page's own address for an MTDSG number (`XXVI-9`: chapter 26)."""
    return URL.format(no=mtdsg, chapter=_roman(mtdsg.split("-", 1)[0]))


@dataclass
class Column:
    role: str  # signature | provisional | consent
    header: str
    suffixes: dict[str, str]  # suffix letters -> row key ('' for no suffix)


def _columns(header: list[str], problems: list[str]) -> list[Column]:
    columns = []
    if not header or not header[0].lower().startswith("participant"):
        problems.append(f"the participant table's first column is {header[:1] or 'missing'}, not 'Participant'")
    for number, text in enumerate(header[1:], 2):
        lowered = text.lower()
        if lowered.startswith("provisional application"):
            columns.append(Column("provisional", text, {"n": "provisional"}))
        elif lowered.startswith("signature"):
            suffixes = {"": "signed"}
            if "succession to signature" in lowered:
                suffixes["d"] = "signed"
            columns.append(Column("signature", text, suffixes))
        else:
            suffixes = {}
            for part in (p.strip() for p in text.split(",")):
                found = re.fullmatch(r"([A-Za-z ]+?)\s*(?:\((\w+)\))?", part)
                key = _LEGEND.get(found.group(1).strip().lower()) if found else None
                if found is None or key is None:
                    problems.append(
                        f"column {number} header {text!r}: {part!r} is not a kind of consent the importer knows"
                    )
                    continue
                suffixes[found.group(2) or ""] = key
            columns.append(Column("consent", text, suffixes))
    if [c.role for c in columns].count("consent") != 1:
        problems.append(
            f"the participant table has {[c.role for c in columns].count('consent')} consent columns, not one"
        )
    return columns


def _cell_day(text: str) -> tuple[dt.date, str, bool] | str | None:
    """(day, suffix, in brackets), None for an empty cell, or why the cell cannot be read."""
    cell = clean(text)
    if not cell:
        return None
    found = _CELL.fullmatch(cell)
    if found is None:
        return f"{cell!r} is not a date like '20 Sep 2017'"
    opened, day, month, year, suffix, closed = found.groups()
    if bool(opened) != bool(closed):
        return f"{cell!r} has an unmatched bracket"
    if month not in _MONTHS:
        return f"{cell!r}: {month!r} is not a month"
    try:
        return dt.date(int(year), _MONTHS[month], int(day)), suffix, bool(opened)
    except ValueError:
        return f"{cell!r} is not a calendar date"


def _long_day(text: str) -> dt.date | None:
    found = re.fullmatch(r"(\d{1,2}) ([A-Z][a-z]+) (\d{4})", text)
    if found is None or found.group(2) not in _LONG_MONTHS:
        return None
    try:
        return dt.date(int(found.group(3)), _LONG_MONTHS[found.group(2)], int(found.group(1)))
    except ValueError:
        return None


@dataclass
class NoteReading:
    """What an End Note says that the table records."""

    acts: dict[str, Act | str] = field(default_factory=dict)
    predecessor: tuple[str, str, dict[str, dt.date]] | None = None  # (code, name, acts)
    problem: str | None = None


_WITHDRAWAL_NOTICE = re.compile(
    rf"On {_LONG_DAY}, the Government (?:of )?(?:the )?.+? deposited with the Secretary-General a notification of withdrawal"
)
_WITHDRAWN = re.compile(rf"withdrawal took effect for .+? on {_LONG_DAY}")
_CONDITIONAL = re.compile(
    rf"withdrawal will take effect for .+? on {_LONG_DAY} (in accordance with .+?), (subject to .+?)\."
)
_PENDING = re.compile(rf"withdrawal will take effect for .+? on {_LONG_DAY}")
_NOT_A_PARTY = re.compile(rf"communication received on {_LONG_DAY}.*does not intend to become a party")
_PREDECESSOR = re.compile(
    rf"^(?:The )?(?P<name>[A-Z][A-Za-z ]+?) had (?P<verb>signed and ratified|signed|ratified|acceded to|succeeded to)"
    rf" the (?:Convention|Treaty|Protocol|Amendment)\b[^.]*? on {_LONG_DAY}(?: and {_LONG_DAY}(?:, respectively)?)?"
)
# Words that mean a note records an act the importer must read (or refuse).
_ACT_WORDS = re.compile(r"withdraw|denounc|revok|revocation|suspen|does not intend to become a party", re.IGNORECASE)


def read_note(text: str) -> NoteReading:
    """The acts an End Note records: a withdrawal (notice, effect or condition), a signature
    renounced, a predecessor state's acts. A note about anything else records none."""
    reading = NoteReading()
    notice = _WITHDRAWAL_NOTICE.search(text)
    if notice:
        day = _long_day(notice.group(1))
        if day is None:
            reading.problem = f"{notice.group(1)!r} is not a date"
            return reading
        reading.acts["withdrawal_notice"] = Act(day)
        withdrawn, conditional = _WITHDRAWN.search(text), _CONDITIONAL.search(text)
        if withdrawn and not conditional:
            effect = _long_day(withdrawn.group(1))
            if effect is None:
                reading.problem = f"{withdrawn.group(1)!r} is not a date"
            else:
                reading.acts["withdrawn"] = Act(effect)
        elif conditional:
            effect = _long_day(conditional.group(1))
            if effect is None:
                reading.problem = f"{conditional.group(1)!r} is not a date"
            else:
                reading.acts["withdrawal_condition"] = (
                    f"the depositary: takes effect on {effect} {conditional.group(2)}, {conditional.group(3)}"
                )
        elif not _PENDING.search(text):
            reading.problem = "a notification of withdrawal without the day it takes (or took) effect"
        return reading
    renounced = _NOT_A_PARTY.search(text)
    if renounced:
        day = _long_day(renounced.group(1))
        if day is None:
            reading.problem = f"{renounced.group(1)!r} is not a date"
        else:
            reading.acts["signature_withdrawn"] = Act(day)
        return reading
    if _ACT_WORDS.search(text):
        reading.problem = (
            "it records an act (withdrawal, denunciation, revocation, suspension) in words the importer does not know"
        )
        return reading
    earlier = _PREDECESSOR.search(text)
    if earlier:
        code = predecessor_code(earlier.group("name"))
        days = [_long_day(g) for g in earlier.groups()[2:] if g]
        verb = earlier.group("verb")
        keys = {
            "signed and ratified": ["signed", "ratified"],
            "signed": ["signed"],
            "ratified": ["ratified"],
            "acceded to": ["acceded"],
            "succeeded to": ["succeeded"],
        }[verb]
        if code is None or None in days or len(days) != len(keys):
            reading.problem = f"names an earlier state's acts ({earlier.group(0)!r}) the importer cannot read"
        else:
            name = re.sub(r"^The ", "", earlier.group("name"))
            reading.predecessor = (code, name, {k: d for k, d in zip(keys, days, strict=True) if d})
    return reading


@dataclass
class PageImport:
    """A page read into a table, or the reasons it could not be."""

    table: ImportedTable | None
    page: StatusPage
    problems: list[str]
    notes: list[str]  # what the importer did or left out, for the summary


def import_page(
    html: str,
    names: NameIndex,
    lives: Mapping[str, Life] | None = None,
    mtdsg: str | None = None,
) -> PageImport:
    """Read a saved UNTC status page into a table. `mtdsg` is needed only when the page does not
    name its MTDSG number; `lives` are the predecessors that states continue (state_history)."""
    page = read_page(html)
    problems: list[str] = []
    said: list[str] = []
    if page.tables != 1:
        problems.append(f"the page has {page.tables} participant tables (id ending '_tblgrid'), not one")
    if page.as_of is None:
        problems.append("no 'STATUS AS AT : DD-MM-YYYY' date on the page")
    number = _mtdsg(page, mtdsg, problems)
    columns = _columns(page.header, problems) if page.header else []
    if page.tables == 1 and not page.rows:
        problems.append("the participant table has no rows")
    readings = {n: read_note(text) for n, text in page.notes.items()}
    used_notes: set[int] = set()
    states: dict[str, Row] = {}
    provisional: list[str] = []
    for row in page.rows:
        where = f"row {row.number} ({row.name or 'no name'})"
        try:
            code = names.code(row.name)
        except UnknownName:
            problems.append(f"{where}: unknown state name {row.name!r} (add the UN's spelling to importers/names.py)")
            continue
        misread = misread_row(where, code, states, len(row.cells), len(columns))
        if misread is not None:
            problems.append(misread)
            continue
        acts, bracketed = _row_acts(row, columns, where, problems, provisional, code)
        withdrawal = False
        for footnote in row.footnotes:
            used_notes.add(footnote)
            if footnote not in readings:
                problems.append(f"{where}: footnote {footnote} has no End Note")
                continue
            reading = readings[footnote]
            if reading.problem:
                problems.append(f"End Note {footnote} ({row.name}): {reading.problem}")
                continue
            for key, value in reading.acts.items():
                if key in acts and acts[key] != value:
                    problems.append(f"End Note {footnote} ({row.name}): `{key}` again, with another date")
                acts[key] = value
            withdrawal = withdrawal or "withdrawal_notice" in reading.acts
            if reading.predecessor is not None:
                pcode, pname, pacts = reading.predecessor
                shown = ", ".join(f"{k} {d}" for k, d in pacts.items())
                line = f"End Note {footnote}: {pname} ({pcode}) {shown}: not recorded (give {pcode} a row of its own)"
                if line not in said:
                    said.append(line)
        if bracketed and not withdrawal:
            problems.append(f"{where}: shown in [brackets] but no End Note gives its withdrawal")
        if "withdrawn" in acts and not bracketed:
            problems.append(f"{where}: an End Note says its withdrawal took effect, but the row is not in [brackets]")
        if acts:
            states[code] = acts
    for n, reading in readings.items():
        if n not in used_notes and "withdrawal_notice" in reading.acts:
            problems.append(f"End Note {n} gives a withdrawal, but no row of the participant table points to it")
    if provisional:
        said.append(
            f"provisional application (n) not recorded (no row key for it): {len(provisional)} row(s): "
            + ", ".join(provisional)
        )
    for line in split_continued(states, lives or {}):
        (problems if line.startswith("! ") else said).append(line.removeprefix("! "))
    if problems or page.as_of is None or number is None:
        return PageImport(None, page, problems, said)
    table = ImportedTable(
        as_of=page.as_of,
        source=depositary_url(number),
        list_name=LIST_NAME,
        states={code: ordered(states[code]) for code in sorted(states)},
        list_count=_header_count(page),
    )
    return PageImport(table, page, problems, said)


def _header_count(page: StatusPage) -> dict[str, int] | None:
    """The page's own 'Signatories : N. Parties : M' (a protocol's page gives parties only)."""
    if "Parties" not in page.counts:
        return None
    count = {"parties": page.counts["Parties"]}
    if "Signatories" in page.counts:
        count["signatories"] = page.counts["Signatories"]
    return count


def _mtdsg(page: StatusPage, given: str | None, problems: list[str]) -> str | None:
    named = {m for m in page.mtdsg if MTDSG.fullmatch(m)}
    if len(named) > 1:
        problems.append(f"the page names several MTDSG numbers: {', '.join(sorted(named))}")
        return None
    if named:
        (number,) = named
        if given is not None and given != number:
            problems.append(f"--mtdsg {given} but the page is {number}")
            return None
        return number
    if given is None:
        problems.append("the page does not name its MTDSG number: give it with --mtdsg (e.g. XXVI-9)")
    return given


def _row_acts(
    row: PageRow, columns: list[Column], where: str, problems: list[str], provisional: list[str], code: str
) -> tuple[Row, bool]:
    acts: Row = {}
    bracketed = False
    for column, text in zip(columns, row.cells, strict=True):
        read = _cell_day(text)
        if read is None:
            continue
        if isinstance(read, str):
            problems.append(f"{where}, column {column.header!r}: {read}")
            continue
        day, suffix, in_brackets = read
        bracketed = bracketed or in_brackets
        key = column.suffixes.get(suffix)
        if key is None:
            legend = ", ".join(repr(s) for s in column.suffixes) or "none"
            problems.append(
                f"{where}, column {column.header!r}: suffix {suffix!r} is not in the column's legend ({legend})"
            )
            continue
        if column.role == "provisional":
            provisional.append(f"{code} {day}")
            continue
        note = "succession to signature (UNTC suffix d)" if column.role == "signature" and suffix == "d" else None
        acts[key] = Act(day, note)
    return acts, bracketed
