"""Notes on stderr: the review-date note only when it matters, -q/--quiet, and empty results
that say why and what to try (while stdout stays a valid empty document)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import SMALL
from treatytrack.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def early(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small dataset as if reviewed on 2025-06-01, before New START expired (2026-02-05)."""
    path = tmp_path_factory.mktemp("early") / "early.yaml"
    path.write_text(SMALL.read_text(encoding="utf-8").replace("reviewed: 2026-11-28", "reviewed: 2025-06-01"))
    return path


def run(*args: str, data: Path = SMALL, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, [*args, "--data", str(data)], env=env)
    return result.exit_code, result.stdout, result.stderr


NOTE = (
    "note: the data was reviewed on 2025-06-01; the status of New START on 2026-11-28 is projected from the "
    "treaties' rules (expiry dates, notice periods), not observed.\n"
)

# (command, whether a status it shows is a projection). A status is a projection when its day is
# after the review date and it differs from the status on the review date (New START expired
# after it), or the row is an end derived after it.
CASES = [
    (["list", "--as-of", "2026-11-28"], True),
    (["list", "--as-of", "2026-11-28", "-f", "json"], True),
    (["list", "--as-of", "2025-06-01"], False),  # the review date itself
    (["list", "--as-of", "2026-11-28", "--status", "in-force"], False),  # New START is not shown
    (["list", "--as-of", "2025-12-31"], False),  # after the review, but nothing shown changed
    (["show", "new-start", "--as-of", "2026-11-28"], True),
    (["show", "open-skies", "--as-of", "2026-11-28"], False),
    (["timeline", "new-start", "--as-of", "2026-11-28"], True),  # the derived expiry, 2026-02-05
    (["timeline", "new-start", "--as-of", "2026-11-28", "--to", "2024-12-31"], False),
    (["timeline", "--chart", "--as-of", "2026-11-28"], True),
    (["diff", "2025-01-01", "2026-11-28"], True),
    (["diff", "2020-01-01", "2024-12-31", "--as-of", "2026-11-28"], False),
    (["party", "RUS", "--as-of", "2026-11-28"], True),
    (["limits", "--as-of", "2026-11-28"], True),  # New START's limits no longer apply
    (["expiring", "--as-of", "2026-11-28"], False),
    (["export", "csv", "--as-of", "2026-11-28"], True),
]


@pytest.mark.parametrize(("args", "projected"), CASES, ids=[" ".join(a) for a, _ in CASES])
def test_the_review_date_note_only_when_a_status_shown_is_projected(
    args: list[str], projected: bool, early: Path
) -> None:
    code, _, err = run(*args, data=early)
    assert code == 0
    notes = [line for line in err.splitlines(keepends=True) if "reviewed on" in line]
    if projected:
        assert notes == [NOTE if args[0] in ("list", "show", "timeline", "party", "export") else notes[0]]
        assert "New START" in notes[0]
    else:
        assert notes == []


def test_several_projected_statuses_are_named_together(early: Path) -> None:
    # Give the NPT a 56-year term (1970 + 56 = 2026-03-05, after the early review date) and no extension.
    text = early.read_text().replace(
        '    withdrawal_notice: {months: 3, source: "NPT, Article X(1)"}\n',
        '    withdrawal_notice: {months: 3, source: "NPT, Article X(1)"}\n    duration: {years: 56, source: s}\n',
    )
    other = early.with_name("two.yaml")
    other.write_text(
        text.replace(
            'type: extended\n        note: "Extended indefinitely', 'type: statement\n        note: "Not extended'
        )
    )
    _, _, err = run("list", "--as-of", "2026-11-28", data=other)
    assert "the statuses of NPT, New START on 2026-11-28 are projected" in err


@pytest.mark.parametrize("where", ["before", "after"])
def test_quiet_leaves_notes_out_but_not_errors(where: str, early: Path) -> None:
    args = ["list", "--as-of", "2026-11-28", "--limit", "1"]
    quiet = ["-q", *args] if where == "before" else [*args, "--quiet"]
    code, out, err = run(*quiet, data=early)
    assert code == 0 and err == "" and out == run(*args, data=early)[1]
    code, _, err = run(*(["-q", "list"] if where == "before" else ["list", "-q"]), "--as-of", "2026-02-30", data=early)
    assert code == 2 and "not a calendar date" in err
    code, _, err = run("-q", "show", "New STRAT", data=early)
    assert code == 1 and "no treaty named 'New STRAT'" in err


def test_a_note_wraps_at_spaces_on_a_terminal(early: Path) -> None:
    _, _, err = run("list", "--as-of", "2026-11-28", data=early, env={"TTY_COMPATIBLE": "1", "COLUMNS": "80"})
    lines = err.splitlines()
    assert len(lines) > 1 and all(len(line) <= 80 for line in lines)
    assert " ".join(line.strip() for line in lines) + "\n" == NOTE


# Empty results ---------------------------------------------------------------------------------

EMPTY = [
    (
        ["list", "--as-of", "2026-11-28", "--status", "suspended", "--kind", "regional"],
        "note: no treaty matches --status suspended --kind regional on 2026-11-28; try fewer filters "
        "(`treatytrack list --as-of 2026-11-28` shows all).",
    ),
    (
        ["list", "--as-of", "1900-01-01"],
        "note: no treaty in the data had begun by 1900-01-01; the first began on 1968-07-01 (try --as-of 1968-07-01).",
    ),
    (
        ["expiring", "--as-of", "2025-11-01", "--within", "30d"],
        "note: no deadline after 2025-11-01 up to 2025-12-01; the next is New START (expires) on 2026-02-05 "
        "(try --within 4m).",
    ),
    (
        ["expiring", "--as-of", "2026-11-28"],
        "note: no deadline after 2026-11-28 up to 2027-11-28, nor later: nothing in the data is due to end or "
        "take effect.",
    ),
    (
        ["timeline", "--as-of", "2026-11-28", "--from", "2026-03-01"],
        "note: no event is recorded after 2026-03-01 in this selection; try a wider --from/--to.",
    ),
    (
        ["timeline", "ctbt", "--as-of", "2026-11-28", "--type", "withdrawn"],
        "note: no event of type withdrawn is recorded in this selection; try fewer filters or another --type.",
    ),
    (
        ["diff", "2024-01-01", "2024-12-31", "--as-of", "2026-11-28"],
        "note: no status changed after 2024-01-01 up to 2024-12-31 in this selection; the last before is CTBT on "
        "2023-11-02 (try 2023-11-01 as FROM).",
    ),
    (  # the last change is more than ten years back: found in the whole record
        ["diff", "1982-01-01", "1985-01-01", "--as-of", "2026-11-28"],
        "note: no status changed after 1982-01-01 up to 1985-01-01 in this selection; the last before is NPT on "
        "1970-03-05 (try 1970-03-04 as FROM).",
    ),
    (
        ["party", "RUS", "--category", "space", "--as-of", "2026-11-28"],
        "note: no treaty in space had begun by 2026-11-28; try another --category or a later --as-of.",
    ),
    (
        ["limits", "--as-of", "1980-01-01"],
        "note: no treaty with limits is in force on 1980-01-01; INF Treaty's apply from 1988-06-01; try another "
        "--as-of.",
    ),
]


@pytest.mark.parametrize(("args", "message"), EMPTY, ids=[" ".join(a) for a, _ in EMPTY])
@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
def test_an_empty_result_says_why_and_what_to_try(args: list[str], message: str, fmt: str) -> None:
    code, out, err = run(*args, "--format", fmt)
    assert code == 0
    assert err == message + "\n"
    if fmt == "table":
        assert out == ""  # no empty table
    elif fmt == "json":
        payload = json.loads(out)
        assert (payload["treaties"] if isinstance(payload, dict) else payload) == []
    elif fmt == "csv":
        assert len(list(csv.reader(io.StringIO(out)))) == 1  # the header
    else:
        assert out.count("\n") == 2 and out.startswith("| ")  # a header and its rule


def test_quiet_leaves_the_empty_note_out() -> None:
    assert run("-q", "expiring", "--as-of", "2026-11-28") == (0, "", "")
