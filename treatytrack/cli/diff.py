"""`diff`: every change of a treaty's or a party's status between two dates, in date order."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import typer

from treatytrack.cli.data import check_any_party, load_keyed, party_codes, selection, state_history
from treatytrack.cli.dates import day_option, shifted, span_option, today
from treatytrack.cli.emit import emit
from treatytrack.cli.exits import review_note
from treatytrack.cli.options import (
    AnyPartyOpt,
    AsOf,
    CategoryOpt,
    ColorOpt,
    DataOpt,
    ExtraOpt,
    FormatOpt,
    KindOpt,
    NoCacheOpt,
    PartiesOpt,
    QuietOpt,
)
from treatytrack.cli.program import command
from treatytrack.render import OutputFormat

if TYPE_CHECKING:
    from rich.console import RenderableType

    from treatytrack.core.history import Change
    from treatytrack.core.models import Dataset, Treaty
    from treatytrack.core.standing import StateHistory


@command(
    "diff",
    ("what changed in the last two years", "treatytrack diff --since 2y"),
    ("what changed from 2019 to 2021, as Markdown", "treatytrack diff 2019-01-01 2021-12-31 -f markdown"),
)
def diff_command(
    start: Annotated[str | None, typer.Argument(metavar="FROM", help="Start date (YYYY-MM-DD), exclusive.")] = None,
    end: Annotated[
        str | None, typer.Argument(metavar="TO", help="End date, inclusive (default: the as-of date).")
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", metavar="SPAN", help="FROM = as-of date minus SPAN (2y, 6m, 90d).")
    ] = None,
    party: PartiesOpt = None,
    any_party: AnyPartyOpt = False,
    category: CategoryOpt = None,
    kind: KindOpt = None,
    as_of: AsOf = None,
    output: FormatOpt = OutputFormat.TABLE,
    data: DataOpt = None,
    extra: ExtraOpt = None,
    no_cache: NoCacheOpt = False,
    quiet: QuietOpt = False,
    color: ColorOpt = None,
) -> None:
    """Every change of a treaty's or a party's status between two dates, in date order."""
    check_any_party(any_party, party)
    day = today(as_of)
    first, last = day_option(start, "FROM"), day_option(end, "TO")
    if since is not None:
        if first is not None:
            raise typer.BadParameter("give FROM or --since, not both", param_hint="'--since'")
        first = shifted(day, span_option(since, "--since"), since, "--since", back=True)
    if first is None:
        raise typer.BadParameter("give FROM (YYYY-MM-DD) or --since SPAN", param_hint="'FROM'")
    last = last or day
    if last < first:  # as window_options says it, for a window given as arguments
        raise typer.BadParameter(f"TO ({last}) is before FROM ({first})", param_hint="'TO'")
    dataset, key = load_keyed(data, extra, no_cache)
    from treatytrack.render.records import change_record
    from treatytrack.store.changes import changes_between

    party = party_codes(dataset, party)
    history = state_history(dataset)
    treaties = selection(dataset, None, party, category, kind, any_party)
    changes = changes_between(dataset, key, treaties, first, last, history)
    if party:
        wanted = set(party)
        changes = [c for c in changes if c.party is None or c.party in wanted]
    records = [change_record(c) for c in changes]
    review_note(dataset.reviewed, last, [c.treaty.short_name for c in changes if c.date > dataset.reviewed])

    def markdown() -> str:
        from treatytrack.render.markdown import changes_markdown

        return changes_markdown(records)

    def table(width: int) -> RenderableType:
        from treatytrack.render.table import changes_table

        return changes_table(records, f"Changes after {first} up to {last}", width)

    empty = None
    if not records:
        earlier = _changes_up_to(dataset, key, treaties, first, history)
        hint = (
            f"the last before is {earlier[-1].treaty.short_name} on {earlier[-1].date} (try {earlier[-1].date - dt.timedelta(days=1)} as FROM)"
            if earlier
            else "nothing changed before either"
        )
        empty = f"note: no status changed after {first} up to {last} in this selection; {hint}."
    columns = ["date", "id", "short_name", "party", "kind", "before", "after", "why"]
    emit(output, records, columns, markdown, table, empty)


def _changes_up_to(
    dataset: Dataset, key: str | None, treaties: list[Treaty], day: dt.date, history: StateHistory
) -> list[Change]:
    """Changes up to `day`, the last of them last. Without the whole record in the cache, looked
    for in the year before `day`, then the ten years before it, then the whole record: an empty
    window is most often a short, recent one, and working out the whole record's history costs
    more than the diff asked for."""
    from treatytrack.store.changes import changes_between

    if key is None:  # no kept record to read whole: look near `day` first
        for days in (366, 3660):
            if day.toordinal() > days:
                found = changes_between(dataset, key, treaties, day - dt.timedelta(days=days), day, history)
                if found:
                    return found
    return changes_between(dataset, key, treaties, dt.date.min, day, history)
