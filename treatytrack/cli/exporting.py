"""`export`: a report written to stdout or a file: Markdown, CSV, JSON, iCalendar, and (with the
charts extra) the lifespan or per-state chart as SVG, PNG or PDF, or a self-contained HTML page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from treatytrack import __version__
from treatytrack.cli.data import check_any_party, find_or_fail, input_files, load, party_codes, selection, state_history
from treatytrack.cli.dates import span_option, today, window_options
from treatytrack.cli.emit import output_target, write, write_bytes, write_output
from treatytrack.cli.exits import note, period_bars_note, review_note
from treatytrack.cli.export_options import ExportFormat, StateOrder, check_by_state, check_format_options
from treatytrack.cli.options import (
    AnyPartyOpt,
    AsOf,
    CategoryOpt,
    ColorOpt,
    DataOpt,
    ExtraOpt,
    FromOpt,
    KindOpt,
    NoCacheOpt,
    PartiesOpt,
    QuietOpt,
    ToOpt,
    TypeOpt,
    between,
    choice,
    completer,
    join_or,
)
from treatytrack.cli.program import command

if TYPE_CHECKING:
    from treatytrack.core.models import Dataset, Treaty


@command(
    "export",
    (
        "a calendar of the deadlines from 2026 on, with a reminder a month before",
        "treatytrack export ics --from 2026-01-01 --alarm 30d -o deadlines.ics",
    ),
    ("a publishable report on nuclear agreements", "treatytrack export markdown --category nuclear -o nuclear.md"),
    ("New START's events, for a spreadsheet", "treatytrack export csv --treaty 'New START'"),
    ("a feed of New START's events, to subscribe to", "treatytrack export atom --treaty 'New START' -o new-start.atom"),
    ("the TPNW's states on a world map", "treatytrack export map --treaty tpnw --as-of 2026-06-01 -o tpnw.svg"),
)
def export_command(
    fmt: Annotated[
        ExportFormat,
        typer.Argument(
            metavar="FORMAT",
            parser=choice(ExportFormat, "an export format"),
            autocompletion=completer(f.value for f in ExportFormat),
            help=join_or(f.value for f in ExportFormat)
            + ": svg, png and pdf draw the lifespan chart (pip install 'treatytrack[charts]'), html a self-contained "
            "page, atom a feed of the events, datapackage a folder of CSV files with datapackage.json (--output DIR), "
            "map a world map of one --treaty's standings on the --as-of day (.svg, .png or .pdf by --output's suffix).",
        ),
    ],
    destination: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write here instead of stdout ('-': stdout). A file is written atomically; a FIFO or device directly.",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing --output file.")] = False,
    no_chart: Annotated[bool, typer.Option("--no-chart", help="Markdown: leave the Mermaid chart out.")] = False,
    alarm: Annotated[
        list[str] | None,
        typer.Option("--alarm", metavar="SPAN", help="ICS: a reminder this long before (repeatable): 30d, 1y."),
    ] = None,
    treaty: Annotated[
        list[str] | None, typer.Option("--treaty", metavar="NAME", help="Only this treaty (repeatable).")
    ] = None,
    start: FromOpt = None,
    end: ToOpt = None,
    party: PartiesOpt = None,
    any_party: AnyPartyOpt = False,
    category: CategoryOpt = None,
    kind: KindOpt = None,
    event_type: TypeOpt = None,
    width: Annotated[
        float | None,
        typer.Option(
            "--width",
            metavar="INCHES",
            parser=between(4, 40, float),
            help="svg/png/pdf/html: the chart's width in inches (4 to 40; default 10).",
        ),
    ] = None,
    title: Annotated[
        str | None,
        typer.Option("--title", metavar="TEXT", help="svg/png/pdf/html/atom: the chart's, page's or feed's title."),
    ] = None,
    by_state: Annotated[
        bool,
        typer.Option(
            "--by-state",
            help="svg/png/pdf: one treaty's states against time, coloured by standing (give one --treaty; "
            "--party chooses the states).",
        ),
    ] = False,
    order: Annotated[
        StateOrder | None,
        typer.Option("--order", metavar="region|name", help="--by-state: rows by UN region (the default) or by name."),
    ] = None,
    declared: Annotated[
        str | None, typer.Option("--declared", metavar="NAME", help="svg/png/pdf: a treaty's declared numbers.")
    ] = None,
    as_of: AsOf = None,
    data: DataOpt = None,
    extra: ExtraOpt = None,
    no_cache: NoCacheOpt = False,
    quiet: QuietOpt = False,
    color: ColorOpt = None,
) -> None:
    """Write a report: Markdown (with a Mermaid chart), CSV, JSON, iCalendar, the lifespan chart as
    SVG, PNG or PDF (pip install 'treatytrack[charts]'), a self-contained HTML page, an Atom feed
    of the events (newest first; with --party, also those states' acts from the per-state tables),
    or (map) a world map of one --treaty's states coloured by their standing on the --as-of day.

    Every format but map takes every filter. --treaty, --party, --category and --kind choose treaties.
    --from and --to choose a window: the events dated in it (CSV, and the Markdown and JSON event
    lists), the treaties alive at some point in it (the Markdown status table and chart, JSON, the
    chart and the page), and for iCalendar the deadlines that fall in it. --type keeps the events of
    those types and the treaties that have one in the window; in iCalendar an expiry is `expired`, a
    withdrawal taking effect `withdrawn`, and a limit's deadline has no type (--type leaves it out).
    """
    check_any_party(any_party, party)
    day = today(as_of)
    if fmt is ExportFormat.MAP:  # one treaty's world map (treatytrack.cli.map_export)
        from treatytrack.cli.map_export import export_map_command

        given = (start, end, party, any_party, category, kind, event_type, alarm, no_chart, by_state, order)
        export_map_command(destination, force, treaty, day, title, width, data, extra, no_cache, given)
        return
    first, last = window_options(start, end)
    types = event_type or []
    alarms = [span_option(a, "--alarm") for a in alarm or []]
    if by_state or order is not None:
        check_by_state(fmt, by_state, treaty, kind, category, event_type, alarm, no_chart, any_party)
    check_format_options(fmt, destination, force, no_chart, alarm, width, title)
    inputs = input_files(data, extra)
    if fmt is ExportFormat.DATAPACKAGE:
        from treatytrack.cli.package import check_directory

        destination = check_directory(destination, force, inputs)
    elif destination is not None:
        output_target(destination, force, inputs)  # refused before the work, not after it
    dataset = load(data, extra, no_cache)
    party = party_codes(dataset, party)
    if declared is not None:
        from treatytrack.cli.declared import check_declared_options, declared_chart

        check_declared_options(fmt.value, by_state, treaty, party, category, kind, event_type, start, end)
        chosen = find_or_fail(dataset, declared, "--declared")
        picture = declared_chart(fmt.value, dataset, chosen, day, title, width, destination is None)
        write_bytes([picture]) if destination is None else write_output(destination, force, inputs, picture)
        return
    if by_state:
        from treatytrack.cli.publish import export_states

        picture = export_states(
            fmt.value, dataset, find_or_fail(dataset, (treaty or [""])[0], "--treaty"), day, first, last, party,
            (order or StateOrder.REGION).value, title, width or 10.0, destination,
        )  # fmt: skip
        if destination is None:
            write_bytes([picture])
        else:
            write_output(destination, force, inputs, picture)
        return
    treaties = selection(dataset, treaty, party, category, kind, any_party, "--treaty")
    if fmt is ExportFormat.DATAPACKAGE and destination is not None:
        from treatytrack.cli.package import write_package
        from treatytrack.render.records import EVENT_COLUMNS

        events = _export_text(ExportFormat.CSV, dataset, treaties, day, first, last, party, types, False, alarms)
        write_package(
            destination, force, inputs, dataset, treaties, party, first, day, events, EVENT_COLUMNS, __version__
        )
        return
    if fmt in (ExportFormat.SVG, ExportFormat.PNG, ExportFormat.PDF, ExportFormat.HTML):
        from treatytrack.cli.publish import export_published
        from treatytrack.core.history import report

        # The treaties every format covers for these filters (alive in the window, with an entry
        # of the --type asked for); the chart then draws their lifespans in the window.
        kept, _ = report(
            treaties, day, start=first, end=last, parties=party, types=types, history=state_history(dataset)
        )
        text: str | bytes = export_published(
            fmt.value, dataset, kept, day, first, last, party, types, title, width or 10.0, destination
        )
    elif fmt is ExportFormat.ATOM:
        selected = [("treaty", t.id) for t in (find_or_fail(dataset, n) for n in treaty or [])]
        selected += [("party", p) for p in party] + [("category", c.value) for c in category or []]
        selected += [("kind", k.value) for k in kind or []] + [("type", t) for t in types]
        selected += [(key, d.isoformat()) for key, d in (("from", first), ("to", last)) if d is not None]
        text = _export_atom(dataset, treaties, day, first, last, party, types, selected, title)
    else:
        text = _export_text(fmt, dataset, treaties, day, first, last, party, types, not no_chart, alarms)
    if destination is None:
        write_bytes([text]) if isinstance(text, bytes) else write(text)
    else:
        write_output(destination, force, inputs, text if isinstance(text, bytes) else text.encode("utf-8"))


def _export_atom(
    dataset: Dataset,
    treaties: list[Treaty],
    day: dt.date,
    first: dt.date | None,
    last: dt.date | None,
    parties: list[str],
    types: list[str],
    selected: list[tuple[str, str]],
    title: str | None,
) -> str:
    """The events the CSV export lists, as an Atom feed whose id names the selection."""
    from urllib.parse import urlencode

    from treatytrack.cli.data import state_names
    from treatytrack.core.history import report
    from treatytrack.render.atom import TAG, render_atom

    _, found = report(
        treaties, day, start=first, end=last, parties=parties, types=types, history=state_history(dataset)
    )
    names = state_names(dataset)
    if title is None:
        named = [t.short_name for t in treaties] if any(key == "treaty" for key, _ in selected) else []
        subject = ", ".join(named) or "Arms-control agreements"
        if parties:
            subject += " — " + ", ".join(names.get(p, p) for p in parties)
        title = f"{subject}: events (treatytrack)"
    query = urlencode(selected)
    feed_id = f"{TAG}feed/events" + (f"?{query}" if query else "")
    return render_atom(found, names=names, title=title, feed_id=feed_id, reviewed=dataset.reviewed, version=__version__)


def _export_text(
    fmt: ExportFormat,
    dataset: Dataset,
    treaties: list[Treaty],
    day: dt.date,
    first: dt.date | None,
    last: dt.date | None,
    parties: list[str],
    types: list[str],
    chart: bool,
    alarms: list,  # type: ignore[type-arg]
) -> str:
    from treatytrack.api.data import TreatyData
    from treatytrack.core.history import imprecise_starts, lifespans, report
    from treatytrack.core.query import projected
    from treatytrack.render.records import EVENT_COLUMNS, entry_record, event_record, treaty_record

    history = state_history(dataset)
    kept, found = report(treaties, day, start=first, end=last, parties=parties, types=types, history=history)
    entries = [entry_record(e) for e in found]
    answers = TreatyData(dataset)
    rows = [answers.row(t, on=day) for t in kept]
    review_note(dataset.reviewed, day, projected(rows, dataset.reviewed))
    if fmt is ExportFormat.CSV:
        from treatytrack.render.csvout import render_csv

        return render_csv(entries, EVENT_COLUMNS)
    if fmt is ExportFormat.JSON:
        from treatytrack.render.jsonout import render_json
        from treatytrack.render.records import detail_record

        names = answers.names
        shown = {(e.treaty.id, e.date, e.type, e.party) for e in found if not e.derived}
        records = []
        for row in rows:
            record = detail_record(row, names, history)
            record["events"] = [
                event_record(e) for e in row.treaty.events if (row.treaty.id, e.date, e.type.value, e.party) in shown
            ]
            records.append(record)
        payload = {
            "as_of": day.isoformat(),
            "reviewed": dataset.reviewed.isoformat(),
            "from": first.isoformat() if first else None,
            "to": last.isoformat() if last else None,
            "generator": f"treatytrack {__version__}",
            "treaties": records,
            "timeline": entries,
        }
        return render_json(payload)
    if fmt is ExportFormat.ICS:
        from treatytrack.core.engine import exists_on
        from treatytrack.render.ics import calendar_deadlines, render_ics, select_deadlines

        deadlines = calendar_deadlines([t for t in treaties if exists_on(t, day)], day)
        deadlines = select_deadlines(deadlines, start=first, end=last, parties=parties, types=types)
        if not deadlines:
            window = f" on or after {first}" if first else ""
            window += f"{' and' if first else ''} on or before {last}" if last else ""
            note(f"note: no deadline falls{window} in this selection; the calendar is empty (try a wider window).")
        return render_ics(deadlines, dataset.reviewed, alarms, __version__)
    spans = lifespans(kept, day)
    if fmt is ExportFormat.MARKDOWN:
        from treatytrack.render.document import markdown_document

        table = [treaty_record(row) for row in rows]
        table.sort(key=lambda r: (r["signed"] or r["opened_for_signature"] or r["entry_into_force"] or "", r["id"]))
        if chart:
            period_bars_note(imprecise_starts(spans))
        return markdown_document(table, entries, spans, day, dataset.reviewed, __version__, chart=chart)
    raise AssertionError(f"{fmt} is written by treatytrack.cli.publish")
