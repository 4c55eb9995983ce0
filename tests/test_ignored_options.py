"""One rule for every command: an option it would accept and then ignore, and a date window that
ends before it starts, are usage errors (exit 2) naming the option; or the option works."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from tests.conftest import SMALL
from treatytrack.cli import app

runner = CliRunner()
ARGS = ["--as-of", "2026-11-28", "--data", str(SMALL), "--no-cache"]


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, [*args, *ARGS])
    return result.exit_code, result.stdout, " ".join(result.stderr.split())


@pytest.mark.parametrize(
    "args",
    [
        ["export", "markdown", "--from", "2020-01-01", "--to", "2019-01-01"],
        ["export", "ics", "--from", "2020-01-01", "--to", "2019-01-01"],
        ["export", "svg", "--by-state", "--treaty", "npt", "--from", "2020-01-01", "--to", "2019-01-01"],
        ["timeline", "--from", "2020-01-01", "--to", "2019-01-01"],
        ["timeline", "--chart", "--from", "2020-01-01", "--to", "2019-01-01"],
    ],
)
def test_an_inverted_window_is_a_usage_error_naming_the_option(args: list[str]) -> None:
    code, out, err = _run(*args)
    assert code == 2 and out == ""
    assert "'--to': --to (2019-01-01) is before --from (2020-01-01)" in err


def test_diff_says_the_same() -> None:
    code, _, err = _run("diff", "2020-01-01", "2019-01-01")
    assert code == 2 and "TO (2019-01-01) is before FROM (2020-01-01)" in err


def test_standings_from_after_the_as_of_date_is_a_usage_error() -> None:
    code, _, err = _run("standings", "--from", "2027-01-01")
    assert code == 2 and "'--from'" in err and "after the as-of date" in err


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["export", "csv", "--no-chart"], "--no-chart"),
        (["export", "json", "--alarm", "30d"], "--alarm"),
        (["export", "markdown", "--width", "12"], "--width"),
        (["export", "ics", "--title", "Deadlines"], "--title"),
        (["export", "csv", "--force"], "--force"),
        (["list", "--standing", "signed"], "--standing"),
        (["show", "npt", "--why", "-f", "csv"], "--why"),
    ],
)
def test_an_option_that_would_be_ignored_is_a_usage_error(args: list[str], option: str) -> None:
    code, out, err = _run(*args)
    assert code == 2 and out == ""
    assert f"Invalid value for '{option}'" in err


def test_validate_takes_files_or_data_not_both() -> None:
    result = runner.invoke(app, ["validate", str(SMALL), "--data", str(SMALL)])
    assert result.exit_code == 2 and "Invalid value for '--data'" in result.stderr


def test_the_options_are_taken_where_they_apply() -> None:
    assert _run("export", "markdown", "--no-chart")[0] == 0
    assert _run("export", "ics", "--alarm", "30d")[0] == 0
    assert _run("list", "--party", "USA", "--standing", "signed")[0] == 0


def test_list_why_adds_the_rule_to_markdown() -> None:
    _, plain, _ = _run("list", "-f", "markdown")
    _, why, _ = _run("list", "-f", "markdown", "--why")
    assert "| Why |" not in plain and "| Why |" in why
    assert "in force since" in why


def test_show_why_adds_the_evidence_to_markdown() -> None:
    _, plain, _ = _run("show", "inf", "-f", "markdown")
    _, why, _ = _run("show", "inf", "-f", "markdown", "--why")
    assert "### Evidence for:" not in plain
    assert "### Evidence for: terminated" in why and "- 2019-02-02 withdrawal-notice by USA" in why
