"""`export map --treaty NAME [--as-of DAY] -o FILE.svg|png|pdf`: the membership map.

Reached only from `export` (treatytrack.cli.exporting hands the `map` format here), so matplotlib
and the shapes file are read by no other command. The format is the output file's suffix; with
no --output (or `-o -`) the map is SVG on stdout. The standings are core.world's, the very ones
`parties TREATY --as-of DAY` gives; the shapes are the package's own (treatytrack.store.world):
nothing is fetched.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from treatytrack import __version__
from treatytrack.cli.exits import fail
from treatytrack.core.models import Dataset, Treaty

EXIT_USAGE = 2
SUFFIXES = {".svg": "svg", ".png": "png", ".pdf": "pdf"}


def map_format(destination: Path | None) -> str:
    """The picture format an --output names by its suffix; SVG for stdout; else exit 2."""
    if destination is None or str(destination) == "-":
        return "svg"
    fmt = SUFFIXES.get(destination.suffix.lower())
    if fmt is None:
        from treatytrack.core.controls import escape

        fail(
            f"treatytrack: export map writes .svg, .png or .pdf (chosen by the --output file's suffix), "
            f"not {escape(str(destination))!r}",
            EXIT_USAGE,
        )
    return fmt


def refuse_options(treaties: Sequence[str] | None, others: Sequence[tuple[str, object]]) -> None:
    """`export map` draws one --treaty; options it would ignore are usage errors (exit 2)."""
    if len(treaties or []) != 1:
        given = f"{len(treaties)} were given" if treaties else "none was given"
        fail(f"treatytrack: export map draws one treaty: give exactly one --treaty NAME ({given})", EXIT_USAGE)
    for name, value in others:
        if value:
            fail(
                f"treatytrack: {name} does not apply to export map, which draws one --treaty on one day (--as-of)",
                EXIT_USAGE,
            )


_REFUSED = ("--from", "--to", "--party", "--any-party", "--category", "--kind", "--type", "--alarm", "--no-chart")


def export_map_command(
    destination: Path | None,
    force: bool,
    treaty: Sequence[str] | None,
    day: dt.date,
    title: str | None,
    width: float | None,
    data: Path | None,
    extra: list[Path] | None,
    no_cache: bool,
    others: Sequence[object],
) -> None:
    """`export map`: the options checked, the map drawn and written (to stdout as SVG without --output)."""
    from treatytrack.cli.data import find_or_fail, input_files, load
    from treatytrack.cli.emit import output_target, write_bytes, write_output

    refuse_options(treaty, list(zip((*_REFUSED, "--by-state", "--order"), others, strict=True)))
    fmt, inputs = map_format(destination), input_files(data, extra)
    if destination is not None:
        output_target(destination, force, inputs)  # refused before the work, not after it
    dataset = load(data, extra, no_cache)
    picture = export_map(
        dataset, find_or_fail(dataset, (treaty or [""])[0], "--treaty"), day, fmt, title, width or 10.0
    )
    if destination is None:
        write_bytes([picture])
    else:
        write_output(destination, force, inputs, picture)


def _standing_words(status: str, since: dt.date | None) -> str:
    from treatytrack.render.figure_style import MAP_STYLE

    label = MAP_STYLE[status].label if status in MAP_STYLE else status
    return label + (f" since {since.isoformat()}" if since is not None else "")


def export_map(dataset: Dataset, treaty: Treaty, day: dt.date, fmt: str, title: str | None, width: float) -> bytes:
    """The map of `treaty`'s standings on `day` as SVG, PNG or PDF bytes; exit 2 without the charts extra."""
    from treatytrack.cli.publish import INSTALL_HINT, _charts_missing

    try:
        from treatytrack.render.world_map import membership_map
    except ImportError as err:
        if not _charts_missing(err):
            raise
        fail(f"treatytrack: export map draws with matplotlib, which is not installed: {INSTALL_HINT}", EXIT_USAGE)
    from treatytrack.cli.data import state_names
    from treatytrack.core.standing import StateHistory, standings_on, tally
    from treatytrack.core.world import world_standings
    from treatytrack.render.records import coverage_line, coverage_record
    from treatytrack.store.world import shapes_source, world_areas

    areas = world_areas()
    history = StateHistory(dataset.state_history)
    former_codes = [c for c, life in dataset.state_history.items() if life.ended or life.ended_by]
    found = world_standings(treaty, areas, day, history, former_codes)
    names = state_names(dataset)
    counts = {s.value: n for s, n in tally(standings_on(treaty, day, history)).items()}  # as `parties --counts`
    coverage = coverage_line({"as_of": day.isoformat(), "counts": counts, "coverage": coverage_record(treaty)})
    notes = [
        coverage,
        "Borders of today; each state is coloured by its own record on the day. Territories that are no state "
        "of their own (Greenland, Western Sahara, northern Cyprus...) are not assessed.",
    ]
    if found.former:
        held = "; ".join(
            f"{names.get(s.state, s.state)} ({s.state}): {_standing_words(s.status.value, s.since)}"
            + (f", continued by {names.get(c, c)}" if (c := history.successor(s.state)) else "")
            for s in found.former
        )
        notes.append(
            f"States that no longer exist have no shape of their own (their territory lies in today's states). "
            f"On {day.isoformat()}: {held}."
        )
    if found.within:
        notes.append(
            "Cross-hatched grey: today's states on the territory of a state that then existed, with no act of "
            "their own recorded by the day; not assessed."
        )
    small = [
        s for s in found.undrawn if s.state in names and s.state not in {o.code for o in dataset.non_state_parties}
    ]
    if small:
        count = len(small)
        notes.append(
            f"Too small to draw at this scale: {count} recorded state{'s' if count != 1 else ''} "
            f"(treatytrack parties {treaty.id} --as-of {day.isoformat()} lists every state)."
        )
    reviewed = f"Dataset reviewed {dataset.reviewed.isoformat()}."
    if day > dataset.reviewed:
        reviewed += " After that date, standings are projected from the treaty's own rules (notice periods)."
    notes.append(reviewed + " Every date comes from a source named in the data.")
    table = treaty.participation
    if table is None:
        listed = "the states its events name (no list of states)"
    else:
        listed = f"{table.list_name or 'its per-state table'}" + (f", as of {table.as_of}" if table.as_of else "")
    called = table.members_are if table is not None else None
    labels = {"not-party": f"not {'a member' if called == 'member' else called}"} if called else {}
    source = f"States: {treaty.short_name}, {listed}. {shapes_source()}."
    return membership_map(
        areas,
        {code: "former-state" if code in found.within else s.status.value for code, s in found.drawn.items()},
        title=title or f"{treaty.short_name}: each state's standing on {day.isoformat()}",
        subtitle=f"{treaty.name}" if treaty.name != treaty.short_name else "",
        notes=notes,
        source=source,
        fmt=fmt,
        width=width,
        generator=f"treatytrack {__version__}",
        labels=labels,
    )
