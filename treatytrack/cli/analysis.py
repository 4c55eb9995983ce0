"""`party` and `limits`: where a state stands, and which ceilings apply, on a day."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import typer

from treatytrack.cli.completion import complete_party, complete_treaty
from treatytrack.cli.data import find_or_fail, load, party_codes
from treatytrack.cli.dates import today
from treatytrack.cli.emit import emit, print_renderable, write
from treatytrack.cli.exits import note, review_note
from treatytrack.cli.options import AsOf, CategoryOpt, ColorOpt, DataOpt, ExtraOpt, FormatOpt, NoCacheOpt, QuietOpt
from treatytrack.cli.program import command
from treatytrack.render import OutputFormat

if TYPE_CHECKING:
    from rich.console import RenderableType

    from treatytrack.core.models import Dataset, Treaty
    from treatytrack.core.query import TreatyRow


@command(
    "party",
    ("where Russia stands under every treaty", "treatytrack party Russia"),
    ("the US and Russia side by side on test bans", "treatytrack party --compare USA RUS --category test-ban"),
)
def party_command(
    name: Annotated[
        str | None,
        typer.Argument(
            metavar="CODE", help="ISO code or name: RUS, Russia, 'russian federation'.", autocompletion=complete_party
        ),
    ] = None,
    compare: Annotated[
        tuple[str, str] | None, typer.Option("--compare", metavar="A B", help="Two states side by side.")
    ] = None,
    category: CategoryOpt = None,
    as_of: AsOf = None,
    output: FormatOpt = OutputFormat.TABLE,
    data: DataOpt = None,
    extra: ExtraOpt = None,
    no_cache: NoCacheOpt = False,
    quiet: QuietOpt = False,
    color: ColorOpt = None,
) -> None:
    """A state's standing under every treaty (party, signatory, withdrawn and so on), by category.

    Global treaties follow selected states only: the others show not-tracked.
    """
    if (name is None) == (compare is None):
        raise typer.BadParameter("give one CODE, or --compare A B", param_hint="'CODE'")
    day = today(as_of)
    dataset = load(data, extra, no_cache)
    from treatytrack.api.data import TreatyData

    codes = party_codes(dataset, [q for q in (compare if compare else (name,)) if q is not None], "CODE")
    answers = TreatyData(dataset)
    names = answers.names
    per_code = {code: answers.party(code, on=day, category=category or ()) for code in codes}
    records = []
    for i, base in enumerate(per_code[codes[0]]):
        record: dict[str, object] = {
            "id": base.treaty.id,
            "short_name": base.treaty.short_name,
            "category": base.category,
            "treaty_status": base.treaty_status,
        }
        for code in codes:
            s = per_code[code][i].standing
            prefix = "" if len(codes) == 1 else f"{code}_"
            record[f"{prefix}status"] = s.status.value
            record[f"{prefix}since"] = s.since.isoformat() if s.since else None
            record[f"{prefix}why"] = s.why
        records.append(record)
    if day > dataset.reviewed:
        then = {code: answers.party(code, on=dataset.reviewed) for code in codes}
        before = {(s.treaty.id, code): (s.treaty_status, s.standing.status) for code in codes for s in then[code]}
        changed = [
            s.treaty.short_name
            for code in codes
            for s in per_code[code]
            if before.get((s.treaty.id, code)) not in (None, (s.treaty_status, s.standing.status))
        ]
        review_note(dataset.reviewed, day, changed)
    _point_to_predecessors(dataset, codes, day)
    empty = None
    if not records:
        chosen = " or ".join(c.value for c in category or ())
        empty = f"note: no treaty{' in ' + chosen if chosen else ''} had begun by {day}; try another --category or a later --as-of."
    _emit(records, codes, names, day, output, empty)


def _point_to_predecessors(dataset: Dataset, codes: list[str], day: dt.date) -> None:
    """A code typed for a state that did not yet exist on the day (RUS in 1976) keeps its honest
    answer, and the user is told where its predecessor's standings are."""
    from treatytrack.core.standing import StateHistory

    history = StateHistory(dataset.state_history)
    for code in codes:
        began, predecessor = history.began(code), history.continues.get(code)
        if began is not None and day < began and predecessor is not None:
            note(
                f"note: {code} did not exist before {began}; it continues {predecessor}, whose standings "
                f"on {day} are: treatytrack party {predecessor} --as-of {day}"
            )


def _emit(
    records: list[dict[str, object]],
    codes: list[str],
    names: dict[str, str],
    day: object,
    output: OutputFormat,
    empty: str | None = None,
) -> None:
    single = len(codes) == 1
    if empty is not None:
        note(empty)
        if output is OutputFormat.TABLE:
            return
    columns = ["id", "short_name", "category", "treaty_status"] + (
        ["status", "since", "why"] if single else [f"{c}_{k}" for c in codes for k in ("status", "since")]
    )
    if output is OutputFormat.JSON:
        from treatytrack.render.jsonout import render_json

        payload = {
            "as_of": str(day),
            "parties": [{"code": c, "name": names.get(c, c)} for c in codes],
            "treaties": records,
        }
        write(render_json(payload))
    elif output is OutputFormat.CSV:
        from treatytrack.render.csvout import render_csv

        write(render_csv(records, columns))
    elif output is OutputFormat.MARKDOWN:
        from treatytrack.render.markdown import render_table

        headers = ["Treaty", "Category", "Treaty status"] + [f"{c} standing" for c in codes]
        rows = [
            [r["short_name"], r["category"], r["treaty_status"]]
            + [
                f"{r['status' if single else f'{c}_status']} {r['since' if single else f'{c}_since'] or ''}".strip()
                for c in codes
            ]
            for r in records
        ]
        write(render_table(headers, rows))
    else:

        def table(width: int) -> RenderableType:
            from treatytrack.render.table import party_table

            return party_table(records, codes, names, str(day), width)

        print_renderable(table)


@command(
    "limits",
    ("the ceilings that bound anyone at the start of 2015", "treatytrack limits --as-of 2015-01-01"),
    ("New START's, before it lapsed", "treatytrack limits 'New START' --as-of 2019-01-01"),
    ("what the US and Russia declared against them", "treatytrack limits new-start --declared --as-of 2020-10-01"),
)
def limits_command(
    name: Annotated[
        str | None, typer.Argument(metavar="NAME", help="Only this treaty.", autocompletion=complete_treaty)
    ] = None,
    declared: Annotated[
        bool,
        typer.Option(
            "--declared",
            help="Each ceiling with each party's latest declared number on or before the as-of date "
            "(its data date and source; 'not provided' where a party gave none).",
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
    """Numerical ceilings in force on the as-of date, with treaty, unit, deadline and source.

    With --declared: what the parties declared against them instead (New START's aggregate
    numbers), each party's latest value dated on or before the as-of date, whether or not the
    treaty is in force that day; also totals no ceiling measures (INF missiles eliminated)."""
    day = today(as_of)
    dataset = load(data, extra, no_cache)
    if declared:
        from treatytrack.cli.declared import declared_listing

        chosen = [find_or_fail(dataset, name)] if name is not None else list(dataset.treaties)
        declared_listing(dataset, chosen, name is not None, day, output)
        return
    from treatytrack.api.data import TreatyData
    from treatytrack.core.query import projected

    treaties = list(dataset.treaties)
    if name is not None:
        treaties = [find_or_fail(dataset, name)]
    records = []
    answers = TreatyData(dataset)
    with_limits = [answers.row(t, on=day) for t in treaties if t.limits]
    review_note(dataset.reviewed, day, projected(with_limits, dataset.reviewed))
    empty = None
    if name is not None and with_limits and with_limits[0].assessment.status.value not in ("in-force", "suspended"):
        empty = _why_no_limits(with_limits[0], day)
    elif name is not None and not with_limits:
        empty = f"note: the record of {treaties[0].short_name} holds no limits."
    for row in with_limits:
        treaty, now = row.treaty, row.assessment
        if now.status.value not in ("in-force", "suspended"):
            continue
        for limit in treaty.limits:
            records.append(
                {
                    "id": treaty.id,
                    "short_name": treaty.short_name,
                    "treaty_status": now.status.value,
                    "item": limit.item,
                    "value": limit.value,
                    "unit": limit.unit,
                    "deadline": limit.deadline.isoformat() if limit.deadline else None,
                    "binding": limit.deadline is None or limit.deadline <= day,
                    "source": limit.source,
                    "note": limit.note,
                }
            )
    columns = ["id", "short_name", "treaty_status", "item", "value", "unit", "deadline", "binding", "source"]
    if not records and empty is None:
        later = [r for r in with_limits if r.treaty.in_force_from and r.treaty.in_force_from > day]
        hint = f"; {later[0].treaty.short_name}'s apply from {_entry_text(later[0].treaty)}" if later else ""
        empty = f"note: no treaty with limits is in force on {day}{hint}; try another --as-of."

    def markdown() -> str:
        from treatytrack.render.markdown import link, render_table

        rows = [
            [r["short_name"], r["item"], f"{r['value']:,}", r["unit"], r["deadline"], link("source", str(r["source"]))]
            for r in records
        ]
        return render_table(["Treaty", "Item", "Limit", "Unit", "Deadline", "Source"], rows, align="llrlll")

    def table(width: int) -> RenderableType:
        from treatytrack.render.table import limits_table

        return limits_table(records, str(day), width)

    emit(output, records, columns, markdown, table, empty)


def _entry_text(treaty: Treaty) -> str:
    """The entry into force as text: its day, or its month or year where only that is known."""
    return treaty.entry_into_force.text if treaty.entry_into_force is not None else "?"


def _why_no_limits(row: TreatyRow, day: object) -> str:
    """Why a treaty's limits do not apply on the day, and the dates they did."""
    now, treaty = row.assessment, row.treaty
    start = treaty.in_force_from
    if now.status.ended and start is not None and now.since is not None:
        last = now.since - dt.timedelta(days=1)
        return (
            f"note: {treaty.short_name} {now.status.value} on {now.since} ({now.why.split(': ', 1)[-1]}), "
            f"so none of its limits applies on {day}; it was in force from {_entry_text(treaty)} to {last} "
            f"(try --as-of {last})."
        )
    entry = treaty.entry_into_force
    if entry is not None and entry.precision != "day":  # known to a month or year: try its end
        after = entry.last_day + dt.timedelta(days=1)
        return f"note: {treaty.short_name} enters into force {entry.words}; try --as-of {after}."
    if start is not None:
        return (
            f"note: {treaty.short_name} enters into force on {start}; its limits apply from then (try --as-of {start})."
        )
    return f"note: {treaty.short_name} is not in force on {day} ({now.why}), so no limits apply."
