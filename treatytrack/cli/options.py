"""The options commands share, as annotated types, and the parsers behind them: enum choices
that forgive case and spelling (with a "did you mean"), numbers in a range, event types.

Imported at start-up by every command, so only Typer and the light vocabularies here.
"""

from __future__ import annotations

import enum
import os
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

import typer

from treatytrack.cli.completion import complete_party
from treatytrack.cli.settings import ColorMode, settings
from treatytrack.core.vocab import Category, EventType, Kind, StandingFilter, Status
from treatytrack.render import OutputFormat

_Choice = TypeVar("_Choice", bound=enum.Enum)


def _normal(value: str) -> str:
    return re.sub(r"[\s_]+", "-", value.strip().casefold())


def _did_you_mean(value: str, allowed: Sequence[str], noun: str) -> NoReturn:
    import difflib

    close = difflib.get_close_matches(_normal(value), allowed, n=1, cutoff=0.5)
    squashed = [a for a in allowed if a.replace("-", "") == _normal(value).replace("-", "")]
    hint = f"did you mean {(squashed or close)[0]}?" if squashed or close else "one of: " + ", ".join(allowed)
    raise typer.BadParameter(f"{value!r} is not {noun}; {hint}")


def choice(values: type[_Choice], noun: str) -> Callable[[str], _Choice]:
    """A parser for an option whose value is one of an enum's: any case, `_` or a space for `-`;
    anything else is a usage error naming the closest value."""

    def parse(value: Any) -> _Choice:
        if isinstance(value, values):
            return value
        wanted = _normal(str(value))
        for member in values:
            if member.value == wanted:
                return member
        _did_you_mean(str(value), [str(m.value) for m in values], noun)

    return parse


def completer(allowed: Iterable[str]) -> Callable[[str], list[str]]:
    values = list(allowed)
    return lambda incomplete: [v for v in values if v.startswith(incomplete.casefold())]


def join_or(values: Iterable[str]) -> str:
    items = list(values)
    return ", ".join(items[:-1]) + f" or {items[-1]}" if len(items) > 1 else "".join(items)


EVENT_TYPES = (*(e.value for e in EventType), "opened-for-signature")


def parse_event_type(value: str) -> str:
    wanted = _normal(value)
    if wanted in EVENT_TYPES:
        return wanted
    _did_you_mean(value, EVENT_TYPES, "an event type")


_N = TypeVar("_N", int, float)


def between(low: int, high: int, kind: Callable[[Any], _N] = int) -> Callable[[Any], _N]:
    """A parser for a number (whole, or `kind=float`) from `low` to `high`."""

    def parse(value: Any) -> _N:
        try:
            number = kind(value)
        except (TypeError, ValueError):
            what = "a whole number" if kind is int else "a number"
            raise typer.BadParameter(f"{value!r} is not {what}") from None
        if not low <= number <= high:
            raise typer.BadParameter(f"{number} is not between {low} and {high}")
        return number

    return parse


def positive(value: Any) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise typer.BadParameter(f"{value!r} is not a whole number") from None
    if number < 1:
        raise typer.BadParameter(f"{number} is less than 1; give 1 or more")
    return number


AsOf = Annotated[
    str | None,
    typer.Option("--as-of", metavar="YYYY-MM-DD", help="Answer for this date instead of today (local calendar date)."),
]
FromOpt = Annotated[str | None, typer.Option("--from", metavar="YYYY-MM-DD", help="Only events on or after this date.")]
ToOpt = Annotated[str | None, typer.Option("--to", metavar="YYYY-MM-DD", help="Only events on or before this date.")]
WhyOpt = Annotated[bool, typer.Option("--why", help="Show how each status was derived: the rule and the events.")]
DataOpt = Annotated[
    Path | None,
    typer.Option(
        "--data", envvar="TREATYTRACK_DATA", metavar="PATH", help="Use this YAML file instead of the bundled dataset."
    ),
]
ExtraOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--extra",
        metavar="PATH",
        help="Also load this file on top (repeatable): new treaties, or events added to loaded ones. "
        f"Env: TREATYTRACK_EXTRA, paths separated by '{os.pathsep}'.",
    ),
]
NoCacheOpt = Annotated[
    bool,
    typer.Option(
        "--no-cache", envvar="TREATYTRACK_NO_CACHE", help="Parse and check the data file afresh; skip the cache."
    ),
]
PartyOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--party",
        metavar="CODE",
        autocompletion=complete_party,
        help="A state or organisation, by code or name: RUS, Russia (repeatable: all of them).",
    ),
]
# The commands that choose treaties by the states their records name, with --any-party.
PartiesOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--party",
        metavar="CODE",
        autocompletion=complete_party,
        help="Only treaties whose record names this state or organisation, by code or name: RUS, Russia "
        "(repeatable: all of them; with --any-party, any of them).",
    ),
]
AnyPartyOpt = Annotated[
    bool,
    typer.Option(
        "--any-party",
        help="With several --party: the treaties naming any one of them (either), not all of them.",
    ),
]
StandingOpt = Annotated[
    StandingFilter | None,
    typer.Option(
        "--standing",
        metavar="STANDING",
        parser=choice(StandingFilter, "a standing"),
        autocompletion=completer(s.value for s in StandingFilter),
        help="With --party: the standing each party must have on the as-of date: bound (a party, default), "
        "signed (signatory, ratified but not yet bound, deratified), any (either), or one standing exactly: "
        + ", ".join(s.value for s in StandingFilter if s.value not in ("bound", "signed", "any"))
        + ".",
    ),
]
CategoryOpt = Annotated[
    list[Category] | None,
    typer.Option(
        "--category",
        metavar="CATEGORY",
        parser=choice(Category, "a category"),
        autocompletion=completer(c.value for c in Category),
        help="Only this category (repeatable): " + join_or(c.value for c in Category) + ".",
    ),
]
KindOpt = Annotated[
    list[Kind] | None,
    typer.Option(
        "--kind",
        metavar="KIND",
        parser=choice(Kind, "a kind"),
        autocompletion=completer(k.value for k in Kind),
        help="Only this kind (repeatable): " + join_or(k.value for k in Kind) + ".",
    ),
]
StatusOpt = Annotated[
    list[Status] | None,
    typer.Option(
        "--status",
        metavar="STATUS",
        parser=choice(Status, "a status"),
        autocompletion=completer(s.value for s in Status),
        help="Only this status (repeatable): " + join_or(s.value for s in Status) + ".",
    ),
]
TypeOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--type",
        metavar="TYPE",
        parser=parse_event_type,
        autocompletion=completer(EVENT_TYPES),
        help="Only this event type (repeatable): " + join_or(sorted(EVENT_TYPES)) + ".",
    ),
]
FormatOpt = Annotated[
    OutputFormat,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        parser=choice(OutputFormat, "an output format"),
        autocompletion=completer(f.value for f in OutputFormat),
        help="Output: " + join_or(f.value for f in OutputFormat) + ".",
    ),
]


def _set_quiet(value: bool) -> None:
    if value:
        settings.quiet = True


def _set_color(value: ColorMode | None) -> None:
    if value is not None:
        settings.color = value


QuietOpt = Annotated[
    bool,
    typer.Option(
        "--quiet", "-q", callback=_set_quiet, expose_value=False, help="Say nothing but errors on stderr (no notes)."
    ),
]
ColorOpt = Annotated[
    ColorMode | None,
    typer.Option(
        "--color",
        metavar="WHEN",
        parser=choice(ColorMode, "a colour setting"),
        autocompletion=completer(c.value for c in ColorMode),
        callback=_set_color,
        expose_value=False,
        show_default=False,
        help="Colour: auto (on a terminal, unless NO_COLOR is set; FORCE_COLOR forces it), always or never. "
        "[default: auto]",
    ),
]
