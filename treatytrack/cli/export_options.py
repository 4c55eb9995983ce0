"""`export`'s formats and the usage checks of its options: which options each format reads,
and what `--by-state` accepts (a usage error, exit 2, for any other)."""

from __future__ import annotations

import enum
from pathlib import Path

import typer

from treatytrack.core.vocab import Category, Kind


class StateOrder(enum.StrEnum):
    """`export --by-state --order`: the rows by UN region and sub-region, or by name."""

    REGION = "region"
    NAME = "name"


class ExportFormat(enum.StrEnum):
    MARKDOWN = "markdown"
    CSV = "csv"
    JSON = "json"
    ICS = "ics"
    SVG = "svg"
    PNG = "png"
    PDF = "pdf"
    HTML = "html"
    ATOM = "atom"
    DATAPACKAGE = "datapackage"
    MAP = "map"


def check_format_options(
    fmt: ExportFormat,
    destination: Path | None,
    force: bool,
    no_chart: bool,
    alarm: list[str] | None,
    width: float | None,
    title: str | None,
) -> None:
    """An option that only one format reads is a usage error with another, not silently dropped."""
    drawn = (ExportFormat.SVG, ExportFormat.PNG, ExportFormat.PDF, ExportFormat.HTML)
    only = (
        ("--no-chart", no_chart, (ExportFormat.MARKDOWN,), "markdown"),
        ("--alarm", alarm, (ExportFormat.ICS,), "ics"),
        ("--width", width is not None, drawn, "svg, png, pdf and html"),
        ("--title", title is not None, (*drawn, ExportFormat.ATOM), "svg, png, pdf, html and atom"),
    )
    for name, given, formats, which in only:
        if given and fmt not in formats:
            raise typer.BadParameter(f"{name} applies to {which} only, not {fmt.value}", param_hint=f"'{name}'")
    if force and destination is None:
        raise typer.BadParameter("--force replaces an --output file; give --output FILE", param_hint="'--force'")


def check_by_state(
    fmt: ExportFormat,
    by_state: bool,
    treaty: list[str] | None,
    kind: list[Kind] | None,
    category: list[Category] | None,
    event_type: list[str] | None,
    alarm: list[str] | None,
    no_chart: bool,
    any_party: bool = False,
) -> None:
    """`--by-state` draws one treaty's states as svg, png or pdf; nothing else is accepted with it."""
    if not by_state:
        raise typer.BadParameter("--order orders the rows of --by-state; add --by-state", param_hint="'--order'")
    if fmt not in (ExportFormat.SVG, ExportFormat.PNG, ExportFormat.PDF):
        raise typer.BadParameter(
            f"--by-state draws svg, png or pdf, not {fmt.value} (for the data: treatytrack parties TREATY, "
            "treatytrack standings TREATY)",
            param_hint="'--by-state'",
        )
    if len(treaty or []) != 1:
        given = f"{len(treaty)} were given" if treaty else "none was given"
        raise typer.BadParameter(
            f"--by-state draws one treaty: give exactly one --treaty NAME ({given})", param_hint="'--by-state'"
        )
    others = (
        ("--kind", kind),
        ("--category", category),
        ("--type", event_type),
        ("--alarm", alarm),
        ("--no-chart", no_chart),
        ("--any-party", any_party),
    )
    for name, value in others:
        if value:
            raise typer.BadParameter(
                f"{name} does not apply to --by-state, which draws the states of one --treaty "
                "(--party chooses the states, --from/--to the years)",
                param_hint=f"'{name}'",
            )
