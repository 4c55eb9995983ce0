"""`party` and `limits`: where a state stands, and which ceilings apply, on a day."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from treatytrack.cli.common import (
    AsOf,
    CategoryOpt,
    DataOpt,
    ExtraOpt,
    FormatOpt,
    NoCacheOpt,
    app,
    emit,
    find_or_fail,
    load,
    party_codes,
    print_renderable,
    today,
    write,
)
from treatytrack.completion import complete_party, complete_treaty
from treatytrack.render import OutputFormat

if TYPE_CHECKING:
    from rich.console import RenderableType


@app.command("party")
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
) -> None:
    """A state's standing across all treaties: party, signatory, suspended, withdrawn..., by category."""
    if (name is None) == (compare is None):
        raise typer.BadParameter("give one CODE, or --compare A B", param_hint="'CODE'")
    day = today(as_of)
    dataset = load(data, day, extra, no_cache)
    from treatytrack.parties import party_names, standings

    codes = party_codes(dataset, [q for q in (compare if compare else (name,)) if q is not None], "CODE")
    names = party_names(dataset)
    wanted = set(category or ())
    per_code = {
        code: [s for s in standings(dataset, code, day) if not wanted or wanted.intersection(s.treaty.categories)]
        for code in codes
    }
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
    _emit(records, codes, names, day, output)


def _emit(
    records: list[dict[str, object]], codes: list[str], names: dict[str, str], day: object, output: OutputFormat
) -> None:
    single = len(codes) == 1
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

            return party_table(records, codes, names, str(day))

        print_renderable(table)


@app.command("limits")
def limits_command(
    name: Annotated[
        str | None, typer.Argument(metavar="[NAME]", help="Only this treaty.", autocompletion=complete_treaty)
    ] = None,
    as_of: AsOf = None,
    output: FormatOpt = OutputFormat.TABLE,
    data: DataOpt = None,
    extra: ExtraOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Numerical ceilings in force on the as-of date, with treaty, unit, deadline and source."""
    day = today(as_of)
    dataset = load(data, day, extra, no_cache)
    from treatytrack.engine import assess

    treaties = list(dataset.treaties)
    if name is not None:
        treaties = [find_or_fail(dataset, name)]
    records = []
    for treaty in treaties:
        now = assess(treaty, day)
        if now.status.value not in ("in-force", "suspended"):
            if name is not None:
                typer.echo(
                    f"note: {treaty.short_name} is {now.status.value} on {day} ({now.why}); no limits apply.", err=True
                )
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

    def markdown() -> str:
        from treatytrack.render.markdown import link, render_table

        rows = [
            [r["short_name"], r["item"], f"{r['value']:,}", r["unit"], r["deadline"], link("source", str(r["source"]))]
            for r in records
        ]
        return render_table(["Treaty", "Item", "Limit", "Unit", "Deadline", "Source"], rows, align="llrlll")

    def table(width: int) -> RenderableType:
        from treatytrack.render.table import limits_table

        return limits_table(records, str(day))

    emit(output, records, columns, markdown, table)
