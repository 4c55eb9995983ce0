"""`party`, `show`, `list --party` and `diff` give the same standing for every (treaty, state, day)
the data mentions: each view is asked on every day a state's standing may change, and the day before."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

import pytest
from typer.testing import CliRunner

from tests.conftest import FIXTURES, SMALL
from treatytrack.cli import app
from treatytrack.core.engine import assess, exists_on
from treatytrack.core.history import changes_between
from treatytrack.core.models import Dataset, Treaty
from treatytrack.core.parties import party_names, standings
from treatytrack.core.query import TreatyRow, treaty_rows
from treatytrack.core.standing import StateHistory, change_days, standing_on, states_of
from treatytrack.core.vocab import PartyStatus, StandingFilter
from treatytrack.render.records import detail_record
from treatytrack.store.load import load_dataset
from treatytrack.store.paths import bundled_path

DATASETS = {"bundled": bundled_path(), "small": SMALL, "states": FIXTURES / "states.yaml"}


def mentioned(dataset: Dataset) -> Iterator[tuple[Treaty, str, dt.date]]:
    """Every (treaty, state, day) the data mentions: each day a standing may change, and the day before."""
    history = StateHistory(dataset.state_history)
    for treaty in dataset.treaties:
        for state in states_of(treaty, history):
            for day in sorted(change_days(treaty, state, history)):
                for probe in (day - dt.timedelta(days=1), day):
                    if exists_on(treaty, probe):
                        yield treaty, state, probe


@pytest.mark.parametrize(
    "name",
    # The bundled data asks some 40,000 questions (about a minute): in the full suite only.
    [pytest.param(name, marks=pytest.mark.slow) if name == "bundled" else name for name in DATASETS],
)
def test_party_show_list_and_diff_agree(name: str) -> None:
    """Grouped by (state, day) and (treaty, day), so each view is built once per question asked."""
    dataset = load_dataset(DATASETS[name], use_cache=False)
    history = StateHistory(dataset.state_history)
    names = party_names(dataset)
    unique = {(t.id, state, day): (t, state, day) for t, state, day in mentioned(dataset)}
    cases = [unique[k] for k in sorted(unique, key=lambda k: (k[2], k[1], k[0]))]
    assert cases
    by_state: dict[tuple[str, dt.date], dict[str, str]] = {}
    bound_lists: dict[tuple[str, dt.date], set[str]] = {}
    shows: dict[tuple[str, dt.date], dict[str, str]] = {}
    for treaty, state, day in cases:
        expected = standing_on(treaty, state, day, history)
        # `party STATE`
        if (state, day) not in by_state:
            by_state[state, day] = {s.treaty.id: s.standing.status.value for s in standings(dataset, state, day)}
            bound_lists[state, day] = {r.treaty.id for r in treaty_rows(dataset, day, parties=[state])}
        assert by_state[state, day][treaty.id] == expected.status.value, (treaty.id, state, day)
        # `list --party STATE` (bound by default): the treaty is listed exactly when the state is bound
        assert (treaty.id in bound_lists[state, day]) is expected.status.bound, (treaty.id, state, day)
        # `show TREATY`
        if (treaty.id, day) not in shows:
            record = detail_record(TreatyRow(treaty, assess(treaty, day), day), names, history)
            shows[treaty.id, day] = {p["code"]: p["status"] for p in record["parties"]}
        assert shows[treaty.id, day][state] == expected.status.value, (treaty.id, state, day)
        # `diff DAY-1 DAY` reports the state's change exactly when its standing changed
        before = standing_on(treaty, state, day - dt.timedelta(days=1), history).status
        changed = [c for c in changes_between([treaty], day - dt.timedelta(days=1), day, history) if c.party == state]
        follows = expected.status in (PartyStatus.TREATY_ENDED, PartyStatus.CEASED_TO_EXIST)
        assert bool(changed) is (before is not expected.status and not follows), (treaty.id, state, day)
        if changed:
            assert (changed[0].before, changed[0].after) == (before.value, expected.status.value)


def test_list_standing_filter_matches_each_standing() -> None:
    dataset = load_dataset(DATASETS["states"], use_cache=False)
    history = StateHistory(dataset.state_history)
    for treaty, state, day in mentioned(dataset):
        status = standing_on(treaty, state, day, history).status
        if status.value in {f.value for f in StandingFilter}:
            exact = treaty_rows(dataset, day, parties=[state], standing=StandingFilter(status.value))
            assert treaty.id in {r.treaty.id for r in exact}, (treaty.id, state, day)


runner = CliRunner()


@pytest.mark.parametrize(
    ("treaty_id", "state", "day"),
    [("missile-pact", "RUS", "1992-01-01"), ("mine-ban", "UKR", "2026-01-01"), ("ban-treaty", "GHA", "2025-12-25")],
)
def test_the_commands_themselves_agree(treaty_id: str, state: str, day: str) -> None:
    data = ["--data", str(DATASETS["states"]), "--as-of", day, "--format", "json"]
    party = json.loads(runner.invoke(app, ["party", state, *data]).stdout)
    via_party = next(t["status"] for t in party["treaties"] if t["id"] == treaty_id)
    show = json.loads(runner.invoke(app, ["show", treaty_id, *data]).stdout)
    via_show = next(p["status"] for p in show["parties"] if p["code"] == state)
    listed = json.loads(runner.invoke(app, ["list", "--party", state, "--standing", via_party, *data]).stdout)
    assert via_party == via_show and treaty_id in [r["id"] for r in listed]
