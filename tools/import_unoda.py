#!/usr/bin/env python3
"""Maintainer script: per-state tables from the UNODA Treaties Database, as rendered by
survivalscores.org, written into a treaty file; and a cross-check of its CTBT and TPNW dates
against the tables from the UN Treaty Collection.

    .venv/bin/python tools/import_unoda.py SOURCES_DIR [--data FILE] [--dry-run]

SOURCES_DIR holds the two saved pages: `timeline.html` (one row per action: date, a flag emoji
whose regional-indicator letters are the state's ISO alpha-2 code, the action and the treaty's
name) and `index.html` (one row per state, a tooltip per treaty, for the cross-check).

Tables written: NPT, BWC, Tlatelolco, Rarotonga, Bangkok, Pelindaba, Semipalatinsk. Each cites
`https://treaties.unoda.org/t/<code>` (the database's own page, codes as survivalscores.org's
inputs.yaml names them) with the as-of date given here, never the saved copy. The database's
quirks, which the tables' notes repeat:
- one depositary's date is kept per action for treaties with several (NPT, BWC), and which one
  is not shown;
- predecessor states are folded into their successors (the USSR's acts appear under Russia:
  acts dated before the USSR ended go to SUN, by the dataset's state_history) or dropped
  (Czechoslovakia, the GDR, the SFR Yugoslavia: their acts are not recorded);
- the DPRK's NPT withdrawal is absent (the dataset records it as an event);
- Russia's CTBT de-ratification is shown as a withdrawal (the UNTC view: a de-ratification);
- actions after the UNTC list's own date (Tonga's of 2026-07-07) are reported, not recorded.

A table is marked `partial` when its treaty records no rule for states that consent after its
entry into force and some did: `validate` would refuse it as complete, and the per-state day of
entry into force is then honestly "not recorded". The note says so.

Exit status: 0 written (or nothing to change), 1 a page it cannot read fully (every problem
named, nothing written), 2 usage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from treatytrack.importers.names import alpha3_from_alpha2, flag_alpha2  # noqa: E402
from treatytrack.importers.table import (  # noqa: E402
    CONSENT_KEYS,
    Act,
    ImportedTable,
    Row,
    continued_lives,
    ordered,
    split_continued,
)

AS_OF = dt.date(2026, 8, 22)
URL = "https://treaties.unoda.org/t/{code}"
UNTC_AS_OF = dt.date(2026, 2, 3)

# The treaty names the timeline uses -> (dataset id, UNODA code).
TABLES = {
    "Non-Proliferation Treaty": ("npt", "npt"),
    "Biological Weapons Convention": ("bwc", "bwc"),
    "Treaty for the Prohibition of Nuclear Weapons in Latin America and the Caribbean": ("tlatelolco", "tlatelolco"),
    "South Pacific Nuclear-Free Zone Treaty": ("rarotonga", "rarotonga"),
    "Southeast Asian Nuclear-Weapon-Free Zone Treaty": ("bangkok", "bangkok"),
    "African Nuclear-Weapon-Free Zone Treaty": ("pelindaba", "pelindaba"),
    "Central Asian Nuclear-Weapon-Free Zone Treaty": ("semipalatinsk", "canwfz"),
}
CROSS_CHECKED = {"Comprehensive Nuclear-Test-Ban Treaty": "ctbt", "Prohibition of Nuclear Weapons": "tpnw"}
IGNORED = {
    "International Criminal Court",
    "ICC Crime of Aggression Amendment",
    "Convention on Biological Diversity",
    "Paris Agreement on Climate",
}
VERBS = {
    "signed": "signed",
    "ratified": "ratified",
    "acceded to": "acceded",
    "succeeded": "succeeded",
    "accepted": "accepted",
    "approved": "approved",
    "withdrew from": "withdrawn",
}
MULTI_DEPOSITARY = {"npt", "bwc"}
DROPPED = {
    "npt": "Czechoslovakia, the German Democratic Republic and the SFR Yugoslavia",
    "bwc": "Czechoslovakia, the German Democratic Republic and the SFR Yugoslavia",
}


# -- reading the pages ------------------------------------------------------------------------


class _Rows(HTMLParser):
    """Every <tr> of the page as a list of (class, text, title) per <td>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[tuple[str, str, str]]] = []
        self._row: list[tuple[str, str, str]] | None = None
        self._cell: list[str] | None = None
        self._attrs: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self._row = []
        elif tag == "td" and self._row is not None:
            self._cell, self._attrs = [], {k: v or "" for k, v in attrs}

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell is not None and self._row is not None:
            self._row.append(
                (self._attrs.get("class", ""), " ".join("".join(self._cell).split()), self._attrs.get("title", ""))
            )
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def table_rows(html: str) -> list[list[tuple[str, str, str]]]:
    reader = _Rows()
    reader.feed(html)
    reader.close()
    return reader.rows


@dataclass
class Timeline:
    """The timeline read: per treaty id, per state code, its acts (UNODA's view, before any split)."""

    tables: dict[str, dict[str, Row]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # code -> the name the timeline uses
    problems: list[str] = field(default_factory=list)
    actions: int = 0


def _code(flag: str) -> str | None:
    letters = flag_alpha2(flag)
    return alpha3_from_alpha2(letters) if letters else None


def _treaty_and_verb(text: str) -> tuple[str, str, str] | None:
    """(state name, verb, treaty name) of 'Tonga acceded to the Prohibition of Nuclear Weapons.'"""
    body = text.removesuffix(".")
    for verb in sorted(VERBS, key=len, reverse=True):
        marker = f" {verb} "
        if marker in body:
            state, treaty = body.split(marker, 1)
            return state, verb, treaty.removeprefix("the ")
    return None


def read_timeline(html: str) -> Timeline:
    timeline = Timeline()
    for number, row in enumerate(table_rows(html), 1):
        cells = {cls: text for cls, text, _ in row}
        if "date" not in cells:
            continue
        texts = [text for cls, text, _ in row if not cls]
        where = f"timeline row {number}"
        if len(texts) != 1:
            timeline.problems.append(f"{where}: no action text")
            continue
        parsed = _treaty_and_verb(texts[0])
        if parsed is None:
            timeline.problems.append(f"{where}: {texts[0]!r} names no action the script knows")
            continue
        name, verb, treaty = parsed
        if treaty in IGNORED:
            continue
        treaty_id = TABLES[treaty][0] if treaty in TABLES else CROSS_CHECKED.get(treaty)
        if treaty_id is None:
            timeline.problems.append(f"{where}: {treaty!r} is not a treaty the script knows")
            continue
        code = _code(cells.get("flag", ""))
        if code is None:
            timeline.problems.append(f"{where}: the flag {cells.get('flag', '')!r} ({name}) is not an ISO country flag")
            continue
        try:
            day = dt.date.fromisoformat(cells["date"])
        except ValueError:
            timeline.problems.append(f"{where}: {cells['date']!r} is not a date")
            continue
        key = VERBS[verb]
        acts = timeline.tables.setdefault(treaty_id, {}).setdefault(code, {})
        if key in acts and acts[key] != Act(day):
            timeline.problems.append(f"{where}: {name} {verb} the {treaty} twice ({acts[key]} and {day})")
            continue
        acts[key] = Act(day)
        timeline.names.setdefault(code, name)
        timeline.actions += 1
    return timeline


# -- the index's tooltips, for a cross-check ---------------------------------------------------


def index_checks(html: str, timeline: Timeline) -> list[str]:
    """Where a tooltip of index.html says other than the timeline (signature and joining dates)."""
    import re

    said = []
    agree = 0
    by_name = {**{k: v[0] for k, v in TABLES.items()}, **CROSS_CHECKED}
    for row in table_rows(html):
        flags = [text for cls, text, _ in row if cls == "flag"]
        if not flags:
            continue
        code = _code(flags[0])
        if code is None:
            said.append(f"index: the flag {flags[0]!r} is not an ISO country flag")
            continue
        for _, _, title in row:
            found = re.search(
                r" (?:signed the (?P<t1>.+?) on (?P<s>\d{4}-\d{2}-\d{2}) and ratified it on (?P<r>\d{4}-\d{2}-\d{2})"
                r"|(?:acceded to|inherited membership of|joined) (?:the |a )?(?P<t2>.+?) on (?P<j>\d{4}-\d{2}-\d{2}))",
                title,
            )
            if not found:
                continue
            treaty = found.group("t1") or found.group("t2")
            joined = found.group("r") or found.group("j")
            treaty_id = by_name.get(treaty)
            if treaty_id is None:
                continue
            acts = timeline.tables.get(treaty_id, {}).get(code, {})
            consent = next((a.day for k, a in acts.items() if k in CONSENT_KEYS and isinstance(a, Act)), None)
            signed = acts.get("signed")
            before = len(said)
            if str(consent) != joined:
                said.append(f"index: {code} {treaty_id}: joined {joined}, the timeline {consent}")
            if found.group("s") and (not isinstance(signed, Act) or str(signed.day) != found.group("s")):
                said.append(f"index: {code} {treaty_id}: signed {found.group('s')}, the timeline {signed}")
            agree += len(said) == before
    said.append(f"index: {agree} tooltips agree with the timeline")
    return said


# -- the tables and the cross-check ------------------------------------------------------------


def _plain(text: str) -> dict[str, Any]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(text, Loader=loader)
    if not isinstance(data, dict):
        raise SystemExit("the data file is not a treaty file")
    return data


def _record(plain: Mapping[str, Any], treaty_id: str) -> dict[str, Any] | None:
    return next((t for t in plain["treaties"] if isinstance(t, dict) and t.get("id") == treaty_id), None)


def _late_without_rule(record: Mapping[str, Any], states: Mapping[str, Row]) -> list[str]:
    """States whose consent has no day in force: consents after the treaty's entry into force when
    the record has no rule for them, and, under a rule that gives no day (`per-state`, Tlatelolco's
    waiver) or covers only some consents (`applies_to`), every consent the rule leaves without one
    whose row does not record its own `in_force`."""
    eif = (record.get("entry_into_force") or {}).get("date")
    participation = record.get("participation") or {}
    rule = participation.get("in_force_for_state") or {}
    recorded = {code for code, row in (participation.get("states") or {}).items() if "in_force" in (row or {})}
    if not isinstance(eif, dt.date):
        return []
    covered = set(rule.get("applies_to") or CONSENT_KEYS) if rule and rule.get("rule") != "per-state" else set()

    def undated(key: str, act: Act) -> bool:
        if key not in CONSENT_KEYS or key in covered:
            return False
        before = act.day <= eif and rule.get("rule") != "per-state"
        return not before and not (key == "succeeded" and not rule)

    return sorted(
        code
        for code, row in states.items()
        if code not in recorded and any(isinstance(v, Act) and undated(k, v) for k, v in row.items())
    )


def build_tables(timeline: Timeline, plain: Mapping[str, Any]) -> tuple[dict[str, ImportedTable], list[str]]:
    lives = continued_lives(plain.get("state_history") or {})
    tables, said = {}, []
    for name, (treaty_id, code) in TABLES.items():
        if treaty_id not in timeline.tables:
            continue
        record = _record(plain, treaty_id)
        if record is None:
            said.append(f"! {treaty_id}: the timeline has its actions but the data file has no such treaty")
            continue
        states = {c: dict(r) for c, r in timeline.tables[treaty_id].items()}
        if any("withdrawn" in row for row in states.values()):
            said.append(f"! {treaty_id}: a withdrawal (UNODA does not say notice or effect): record it by hand")
        split = split_continued(states, lives)
        for line in split:
            said.append(f"{treaty_id}: {line}" if not line.startswith("! ") else f"! {treaty_id}: {line[2:]}")
        late = _late_without_rule(record, states)
        notes = ["From UNODA's Treaties Database."]
        if treaty_id in MULTI_DEPOSITARY:
            notes.append(
                "The treaty has three depositaries (Washington, London, Moscow); the database keeps one "
                "depositary's date per action and does not show which."
            )
        if split:
            notes.append(
                "The database folds predecessor states into their successors: the USSR's acts, shown under "
                "Russia, are recorded under SUN."
            )
        if treaty_id in DROPPED:
            notes.append(
                f"It drops {DROPPED[treaty_id]}: their acts are not recorded here. Acts it shows under a "
                "successor that did not yet exist on their date (Serbia's, by the Federal Republic of "
                "Yugoslavia) stay under the successor's code."
            )
        if treaty_id == "npt":
            notes.append("The DPRK's withdrawal of 2003 is not on the list; it is recorded as an event.")
        if late:
            notes.append(
                f"Coverage is partial although the list is complete: {len(late)} state(s) consented after the "
                "entry into force and the treaty's rule for later consents has no source here yet."
            )
        list_name = "UNODA Treaties Database"
        if treaty_id in MULTI_DEPOSITARY:
            list_name += ": one depositary's date per action (which one is not shown)"
        tables[treaty_id] = ImportedTable(
            as_of=AS_OF,
            source=URL.format(code=code),
            list_name=list_name,
            states={c: ordered(states[c]) for c in sorted(states)},
            note=" ".join(notes),
            coverage="partial" if late else "complete",
        )
        parties = sum(1 for row in states.values() if any(k in CONSENT_KEYS for k in row) and "withdrawn" not in row)
        said.append(
            f"{treaty_id} ({name}): {len(states)} states, {parties} parties, coverage {tables[treaty_id].coverage}"
        )
    return tables, said


def untc_checks(timeline: Timeline, plain: Mapping[str, Any]) -> list[str]:
    """The CTBT's and TPNW's dates here against the UNTC tables in the data file."""
    lives = continued_lives(plain.get("state_history") or {})
    said = []
    for treaty_id in CROSS_CHECKED.values():
        record = _record(plain, treaty_id)
        if record is None or treaty_id not in timeline.tables:
            continue
        untc = {c: dict(r) for c, r in ((record.get("participation") or {}).get("states") or {}).items()}
        unoda = {c: dict(r) for c, r in timeline.tables.get(treaty_id, {}).items()}
        split_continued(unoda, lives)
        agree = 0
        for code in sorted(set(untc) | set(unoda)):
            theirs = {k: v.day for k, v in unoda.get(code, {}).items() if isinstance(v, Act)}
            ours = {k: (v["date"] if isinstance(v, dict) else v) for k, v in untc.get(code, {}).items()}
            ours = {k: v for k, v in ours.items() if isinstance(v, dt.date)}
            if theirs == ours:
                agree += 1
                continue
            late = {k: v for k, v in theirs.items() if v > UNTC_AS_OF}
            if late and {k: v for k, v in theirs.items() if v <= UNTC_AS_OF} == ours:
                shown = ", ".join(f"{k} {v}" for k, v in late.items())
                said.append(
                    f"{treaty_id} {code}: {shown} on UNODA only, after the UNTC list's date ({UNTC_AS_OF}): "
                    "not confirmed by the depositary, not recorded"
                )
                continue
            if treaty_id == "ctbt" and "withdrawn" in theirs and theirs.get("signed") == ours.get("signed"):
                said.append(
                    f"ctbt {code}: UNODA shows ratified {theirs.get('ratified')} and a withdrawal on {theirs['withdrawn']}; "
                    "UNTC lists the signature only: a de-ratification (the UNTC view; the record's events give it)"
                )
                continue
            said.append(f"! {treaty_id} {code}: UNODA {theirs}, UNTC {ours}")
        said.append(f"{treaty_id}: {agree} states agree with the UNTC table")
    return said


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("sources", type=Path, help="the folder with timeline.html and index.html")
    parser.add_argument("--data", type=Path, default=ROOT / "data" / "treaties.yaml", help="the treaty file to update")
    parser.add_argument("--dry-run", action="store_true", help="report; write nothing")
    args = parser.parse_args(argv)
    from treatytrack.cli.importing import write_atomically
    from treatytrack.importers.yamledit import EditError, update_participation

    try:
        timeline_html = (args.sources / "timeline.html").read_text(encoding="utf-8")
        index_html = (args.sources / "index.html").read_text(encoding="utf-8")
        text = args.data.read_text(encoding="utf-8")
    except OSError as err:
        print(f"import_unoda: {err}", file=sys.stderr)
        return 2
    timeline = read_timeline(timeline_html)
    if timeline.problems:
        for problem in timeline.problems:
            print(f"import_unoda: {problem}", file=sys.stderr)
        print(f"import_unoda: the timeline could not be read fully; {args.data} not changed.", file=sys.stderr)
        return 1
    plain = _plain(text)
    tables, said = build_tables(timeline, plain)
    said += index_checks(index_html, timeline)
    said += untc_checks(timeline, plain)
    for line in said:
        print(line, file=sys.stderr)
    if any(line.startswith("! ") for line in said if "UNTC" not in line):
        print(f"import_unoda: problems above; {args.data} not changed.", file=sys.stderr)
        return 1
    for treaty_id, table in tables.items():
        try:
            text, changes = update_participation(text, treaty_id, table)
        except EditError as err:
            print(f"import_unoda: {treaty_id}: {err}; {args.data} not changed.", file=sys.stderr)
            return 1
        print(f"== {treaty_id}", file=sys.stderr)
        for line in changes.summary():
            if not line.startswith("  ") or len(changes.new_states) < 20:
                print(line, file=sys.stderr)
    if args.dry_run:
        print(f"dry run: {args.data} not changed.", file=sys.stderr)
    elif text != args.data.read_text(encoding="utf-8"):
        write_atomically(args.data, text)
        print(f"wrote {args.data}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
