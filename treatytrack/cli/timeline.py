"""`timeline`: events in date order, grouped by year; or, with --chart, each treaty's lifespan on a
year axis in the terminal (its records, in the other formats)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import typer

from treatytrack.cli.completion import complete_treaty
from treatytrack.cli.data import check_any_party, load, party_codes, selection, state_history
from treatytrack.cli.dates import today, window_options
from treatytrack.cli.emit import emit, print_renderable
from treatytrack.cli.exits import note, period_bars_note, review_note
from treatytrack.cli.options import (
    AnyPartyOpt,
    AsOf,
    CategoryOpt,
    ColorOpt,
    DataOpt,
    ExtraOpt,
    FormatOpt,
    FromOpt,
    KindOpt,
    NoCacheOpt,
    PartiesOpt,
    QuietOpt,
    ToOpt,
    TypeOpt,
    join_or,
)
from treatytrack.cli.program import command
from treatytrack.render import OutputFormat, counted

if TYPE_CHECKING:
    from rich.console import RenderableType


@command(
    "timeline",
    (
        "the Open Skies Treaty as the US and Russia lived it",
        "treatytrack timeline 'open skies' --party USA --party RUS",
    ),
    ("every withdrawal notice since 2019", "treatytrack timeline --from 2019-01-01 --type withdrawal-notice"),
    ("the lifespans of bilateral treaties, on a year axis", "treatytrack timeline --chart --kind bilateral"),
)
def timeline_command(
    names: Annotated[
        list[str] | None,
        typer.Argument(metavar="NAME", help="Treaties to show (default: all).", autocompletion=complete_treaty),
    ] = None,
    start: FromOpt = None,
    end: ToOpt = None,
    party: PartiesOpt = None,
    any_party: AnyPartyOpt = False,
    category: CategoryOpt = None,
    kind: KindOpt = None,
    event_type: TypeOpt = None,
    chart: Annotated[
        bool,
        typer.Option(
            "--chart", help="Draw each treaty's lifespan on a year axis instead (the treaties the filters select)."
        ),
    ] = False,
    as_of: AsOf = None,
    output: FormatOpt = OutputFormat.TABLE,
    data: DataOpt = None,
    extra: ExtraOpt = None,
    no_cache: NoCacheOpt = False,
    quiet: QuietOpt = False,
    color: ColorOpt = None,
) -> None:
    """Events in date order, grouped by year; or, with --chart, treaty lifespans.

    Rows marked (derived) follow from a treaty's rules (its term, a notice period), not a
    recorded event. With --chart, --from and --to keep the treaties alive at some point between
    them, and --type those with such an event there.
    """
    check_any_party(any_party, party)
    day = today(as_of)
    first, last = window_options(start, end)
    types = event_type or []
    dataset = load(data, extra, no_cache)
    from treatytrack.core.history import imprecise_starts, lifespans, report

    party = party_codes(dataset, party)
    treaties = selection(dataset, names, party, category, kind, any_party)
    kept, entries = report(
        treaties, day, start=first, end=last, parties=party, types=types, history=state_history(dataset)
    )
    if chart:
        spans = lifespans(kept, day)
        _spans_note(spans, dataset.reviewed, day)
        if output is not OutputFormat.TABLE:
            _write_spans(spans, output)
            return
        period_bars_note(imprecise_starts(spans))

        def draw(width: int) -> RenderableType:
            from treatytrack.render.chart import lifespan_chart

            title = f"Lifespans of {counted(len(spans), 'agreement')}, to {day.isoformat()}"
            return lifespan_chart(spans, day, width, title)

        if not spans:
            note(f"note: {_nothing_selected(first, last, types, 'no treaty', 'was alive')}")
            return
        print_renderable(draw)
        return
    from treatytrack.render.records import EVENT_COLUMNS, entry_record

    records = [entry_record(e) for e in entries]
    review_note(
        dataset.reviewed, day, [e.treaty.short_name for e in entries if e.derived and e.date > dataset.reviewed]
    )

    def markdown() -> str:
        from treatytrack.render.markdown import timeline_markdown

        return timeline_markdown(records)

    def table(width: int) -> RenderableType:
        from treatytrack.render.table import timeline_table

        return timeline_table(records, f"Timeline to {day.isoformat()}", width)

    empty = None if records else f"note: {_nothing_selected(first, last, types, 'no event', 'is recorded')}"
    emit(output, records, EVENT_COLUMNS, markdown, table, empty)


def _nothing_selected(first: dt.date | None, last: dt.date | None, types: list[str], what: str, verb: str) -> str:
    """Why a timeline selected nothing, and what to try."""
    window = f" between {first} and {last}" if first and last else f" after {first}" if first else ""
    window = window or (f" before {last}" if last else "")
    of_type = f" of type {join_or(types)}" if types else ""
    hint = "try a wider --from/--to" if window else "try fewer filters"
    if types:
        hint += " or another --type"
    return f"{what}{of_type} {verb}{window} in this selection; {hint}."


def _spans_note(spans: list, reviewed: dt.date, day: dt.date) -> None:  # type: ignore[type-arg]
    from treatytrack.core.engine import assess

    if day > reviewed:
        review_note(
            reviewed, day, [s.treaty.short_name for s in spans if assess(s.treaty, reviewed).status is not s.status]
        )


def _span_records(spans: list) -> list[dict[str, object]]:  # type: ignore[type-arg]
    return [
        {
            "id": s.treaty.id,
            "short_name": s.treaty.short_name,
            "start": s.treaty.began_key.text if s.treaty.began_key else s.start.isoformat(),
            "entry_into_force": s.treaty.entry_into_force.text if s.treaty.entry_into_force else None,
            "end": s.end.isoformat() if s.end else None,
            "status": s.status.value,
            "suspensions": [[a.isoformat(), b.isoformat()] for a, b in s.suspensions],
            "withdrawals": [{"date": d.isoformat(), "party": p} for d, p in s.withdrawals],
        }
        for s in spans
    ]


def _write_spans(spans: list, output: OutputFormat) -> None:  # type: ignore[type-arg]
    records = _span_records(spans)
    flat = [dict(r, suspensions=len(r["suspensions"]), withdrawals=len(r["withdrawals"])) for r in records]  # type: ignore[arg-type]

    def markdown() -> str:
        from treatytrack.render.markdown import render_table

        rows = [[r["short_name"], r["start"], r["entry_into_force"], r["end"], r["status"]] for r in records]
        return render_table(["Treaty", "Start", "In force", "End", "Status"], rows)

    columns = ["id", "short_name", "start", "entry_into_force", "end", "status", "suspensions", "withdrawals"]
    emit(output, records if output is OutputFormat.JSON else flat, columns, markdown, lambda width: "")
