"""Every date and span option of every command, fed extreme values: an answer or a usage error
naming the option and the allowed range, never a traceback."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.conftest import SMALL
from treatytrack.cli import app

runner = CliRunner()

EXTREME_DATES = [
    "0001-01-01",
    "0001-01-02",
    "9999-12-31",
    "9999-12-30",
    "0000-01-01",
    "10000-01-01",
    "-2020-01-01",
    "2026-02-30",
    "2026-13-01",
    "",
    " ",
    "today",
    "٢٠٢٦-٠١-٠١",  # Arabic-Indic digits
    "２０２６-０１-０１",  # fullwidth digits
    "2026-11-28\n",
    "2026-11-28\x1b[2J",
]
EXTREME_SPANS = [
    "99999999999999999999d",
    "3000y",
    "1000y",
    "1001y",
    "12001m",
    "365243d",
    "52180w",
    "0d",
    "-1d",
    "",
    "1y6m",
    "٣d",
    "３d",
    "1e9d",
    "1.5y",
    "9" * 5000 + "d",
    "1y\x1b[2J",
]
DATES = st.one_of(st.sampled_from(EXTREME_DATES), st.dates().map(dt.date.isoformat), st.text(max_size=12))
SPANS = st.one_of(
    st.sampled_from(EXTREME_SPANS),
    st.builds(lambda n, unit: f"{n}{unit}", st.integers(0, 10**25), st.sampled_from("ymwdYMWD")),
    st.text(max_size=8),
)

# Each command with its date and span options (positional dates for `diff`).
COMMANDS: dict[str, tuple[list[str], dict[str, st.SearchStrategy[str]]]] = {
    "list": (["list"], {"--as-of": DATES}),
    "show": (["show", "new-start"], {"--as-of": DATES}),
    "expiring": (["expiring"], {"--as-of": DATES, "--within": SPANS}),
    "timeline": (["timeline"], {"--as-of": DATES, "--from": DATES, "--to": DATES}),
    "timeline-chart": (["timeline", "--chart"], {"--as-of": DATES, "--from": DATES, "--to": DATES}),
    "diff": (["diff"], {"--as-of": DATES, "--since": SPANS, "FROM": DATES, "TO": DATES}),
    "party": (["party", "RUS"], {"--as-of": DATES}),
    "limits": (["limits"], {"--as-of": DATES}),
}
for fmt in ("ics", "markdown", "csv", "json", "svg"):
    COMMANDS[f"export-{fmt}"] = (
        ["export", fmt],
        {"--as-of": DATES, "--from": DATES, "--to": DATES, "--alarm": SPANS},
    )


def invoke(args: list[str]) -> tuple[int, str]:
    result = runner.invoke(app, [*args, "--data", str(SMALL)])
    assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)
    output = result.stdout + result.stderr
    assert "Traceback" not in output and "╭" not in output, (args, output)
    assert "\x1b" not in result.stderr, (args, result.stderr)  # input is quoted escaped
    return result.exit_code, result.stderr


@pytest.mark.slow
@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_extreme_values_never_crash(data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(sorted(COMMANDS)))
    base, options = COMMANDS[name]
    args = list(base)
    positional: list[str] = []
    for option, values in options.items():
        if not data.draw(st.booleans()):
            continue
        value = data.draw(values)
        if option.isupper():  # FROM, TO
            if option == "TO" and not positional:
                continue
            positional.append(value)
        else:
            args += [option, value]
    if name == "diff" and not positional and "--since" not in args:
        args += ["--since", "1y"]
    code, err = invoke([*args, "--", *positional] if positional else args)
    assert code in (0, 1, 2), (args, positional, err)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "ics", "--alarm", "3000y"], "Invalid value for '--alarm': '3000y' is longer than 1000 years"),
        (["export", "ics", "--alarm", "99999999999999999999d"], "Invalid value for '--alarm'"),
        (["expiring", "--within", "99999999999999999999d"], "give a span from 0d to 1000y"),
        (["diff", "--since", "99999999999999999999d"], "Invalid value for '--since'"),
        (["expiring", "--as-of", "9999-06-01", "--within", "1y"], "1y after 9999-06-01 is past 9999-12-31"),
        (["diff", "--as-of", "0001-06-01", "--since", "1y"], "1y before 0001-06-01 is before 0001-01-01"),
        (
            ["list", "--as-of", "0000-01-01"],
            "0000-01-01 is not a calendar date (dates run from 0001-01-01 to 9999-12-31)",
        ),
        (["list", "--as-of", "٢٠٢٦-٠١-٠١"], "is not a date; write YYYY-MM-DD"),
        (["expiring", "--within", "٣d"], "is not a span"),
        (["export", "svg", "--width", "99999999"], "Invalid value for '--width'"),
    ],
)
def test_out_of_range_is_a_usage_error_naming_the_option_and_the_range(args: list[str], message: str) -> None:
    code, err = invoke(args)
    assert code == 2
    assert message in " ".join(err.split()), err


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
@pytest.mark.parametrize(
    "command",
    [["list"], ["timeline", "--chart"], ["timeline"], ["export", "svg"], ["export", "ics", "--alarm", "1000y"]],
)
def test_the_calendar_s_own_ends_are_answered(command: list[str], day: str) -> None:
    assert invoke([*command, "--as-of", day])[0] == 0


@pytest.mark.parametrize("fmt", ["svg", "png"])
@pytest.mark.parametrize("to", ["0002-01-01", "0020-01-01", "0099-12-31"])
def test_a_chart_of_the_first_centuries_starts_its_axis_at_year_one(fmt: str, to: str) -> None:
    """The axis rounds its left edge down to a labelled year; near year 1 that would be year 0,
    which no calendar has (found by the property test above)."""
    code, err = invoke(["export", fmt, "--as-of", "0001-01-01", "--to", to, "-o", "-"])
    assert code == 0, err
