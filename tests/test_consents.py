"""Every recorded consent becomes a standing: the treaty's rule for later joiners (counted from its
entry into force or from the Nth deposit), a row's own day in force, a rule that gives no day
(Tlatelolco's waiver), a rule for some consents only, and "consented" where no day is recorded."""

from __future__ import annotations

import datetime as dt
import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

from treatytrack.core.models import Dataset, Treaty
from treatytrack.core.standing import StateHistory, standing_on
from treatytrack.core.vocab import PartyStatus
from treatytrack.store.load import parse_dataset

D = dt.date.fromisoformat
SRC = "https://example.org/text"


def _dataset(rule: str, rows: str, eif: str = "2021-01-22", condition: str = "") -> Dataset:
    text = f"""\
    version: 1
    reviewed: 2026-11-28
    treaties:
      - id: ban
        name: A ban treaty
        short_name: Ban
        kind: multilateral
        instrument: treaty
        categories: [nuclear]
        opened_for_signature: {{date: 2017-09-20, source: "{SRC}"}}
        entry_into_force: {{date: {eif}, source: "{SRC}"}}
        participation:
          coverage: partial
          source: "{SRC}"
          {rule}
          {condition}
          states:
    """
    body = textwrap.dedent(text) + textwrap.indent(textwrap.dedent(rows), " " * 8)
    return parse_dataset(body.encode(), "test.yaml")


def _ban(dataset: Dataset) -> Treaty:
    return dataset.treaties[0]


def _status(dataset: Dataset, state: str, day: str) -> PartyStatus:
    return standing_on(_ban(dataset), state, D(day), StateHistory(dataset.state_history)).status


NTH = 'in_force_for_state: {rule: after-deposit, days: 90, after_deposits: 3, source: "' + SRC + '"}'
ROWS = """\
AUT: {ratified: 2019-01-01}
BEL: {ratified: 2019-06-01}
CAN: {ratified: 2020-10-24}
DNK: {ratified: 2020-12-15}
EST: {ratified: 2022-03-01}
"""


def test_a_rule_counted_from_the_nth_deposit_binds_a_state_deposited_between_it_and_entry_into_force_later() -> None:
    world = _dataset(NTH, ROWS)
    # The third deposit (2020-10-24) triggered entry into force 90 days on: 2021-01-22.
    assert _status(world, "CAN", "2021-01-22") is PartyStatus.PARTY
    # DNK deposited after the third instrument: 90 days after its own deposit, 2021-03-15.
    assert _status(world, "DNK", "2021-01-22") is PartyStatus.RATIFIED
    late = standing_on(_ban(world), "DNK", D("2021-03-15"))
    assert (late.status, late.bound_from) == (PartyStatus.PARTY, D("2021-03-15"))
    assert "deposited after the 3rd instrument" in late.why
    assert _status(world, "EST", "2022-05-30") is PartyStatus.PARTY


def test_without_the_count_the_same_state_is_bound_from_entry_into_force() -> None:
    """The difference `after_deposits` makes: counted from entry into force, DNK (deposited
    before it) is bound from the treaty's first day."""
    world = _dataset('in_force_for_state: {rule: after-deposit, days: 90, source: "' + SRC + '"}', ROWS)
    assert standing_on(_ban(world), "DNK", D("2021-01-22")).status is PartyStatus.PARTY


def test_a_consent_with_no_day_in_force_is_consented_not_unrecorded() -> None:
    world = _dataset("", ROWS)
    late = standing_on(_ban(world), "EST", D("2023-01-01"))
    assert late.status is PartyStatus.CONSENTED
    assert late.since == D("2022-03-01")
    assert "ratified on 2022-03-01" in late.why
    assert "not recorded" in late.why
    assert not late.status.bound


def test_a_recorded_day_in_force_wins_over_the_rule() -> None:
    rows = ROWS + 'FIN: {ratified: 2022-03-01, in_force: {date: 2022-04-15, source: "' + SRC + '"}}\n'
    world = _dataset(NTH, rows)
    assert _status(world, "FIN", "2022-04-14") is PartyStatus.RATIFIED
    assert _status(world, "FIN", "2022-04-15") is PartyStatus.PARTY


def test_a_per_state_rule_derives_nothing_even_for_an_early_consent() -> None:
    """Tlatelolco: an early ratification does not bind from the treaty's entry into force; the
    state's waiver (its row's `in_force`) does."""
    rule = 'in_force_for_state: {rule: per-state, source: "' + SRC + '", note: "Article 28(2): waiver"}'
    rows = (
        'BRA: {ratified: 2019-01-29, in_force: {date: 2024-05-30, source: "'
        + SRC
        + '"}}\nCHL: {ratified: 2019-10-09}\n'
    )
    world = _dataset(rule, rows)
    assert _status(world, "BRA", "2021-06-01") is PartyStatus.RATIFIED
    assert _status(world, "BRA", "2024-05-30") is PartyStatus.PARTY
    unknown = standing_on(_ban(world), "CHL", D("2023-01-01"))
    assert unknown.status is PartyStatus.CONSENTED
    assert "Article 28(2)" in unknown.why


def test_a_rule_for_some_consents_leaves_the_others_consented() -> None:
    rule = 'in_force_for_state: {rule: on-deposit, applies_to: [ratified], source: "' + SRC + '"}'
    rows = "AUT: {ratified: 2022-01-01}\nBEL: {acceded: 2022-01-01}\n"
    world = _dataset(rule, rows)
    assert _status(world, "AUT", "2022-01-01") is PartyStatus.PARTY
    assert _status(world, "BEL", "2022-06-01") is PartyStatus.CONSENTED


def test_a_state_not_yet_existing_points_to_its_predecessor() -> None:
    text = f"""\
    version: 1
    reviewed: 2026-11-28
    state_history:
      SUN: {{ended: 1991-12-26, continued_by: RUS, source: "{SRC}"}}
    treaties:
      - id: bwc
        name: A convention
        short_name: Conv
        kind: multilateral
        instrument: convention
        categories: [biological]
        opened_for_signature: {{date: 1972-04-10, source: "{SRC}"}}
        entry_into_force: {{date: 1975-03-26, source: "{SRC}"}}
        participation:
          coverage: partial
          source: "{SRC}"
          states:
            SUN: {{signed: 1972-04-10, ratified: 1975-03-26}}
    """
    world = parse_dataset(textwrap.dedent(text).encode(), "t.yaml")
    russia = standing_on(world.treaties[0], "RUS", D("1976-01-01"), StateHistory(world.state_history))
    assert russia.status is PartyStatus.NOT_YET_EXISTING
    assert "as SUN, which it continues: party since 1975-03-26" in russia.why


DAYS = st.dates(min_value=dt.date(2017, 9, 20), max_value=dt.date(2030, 12, 31))
CODES = ["AUT", "BEL", "CAN", "DNK", "EST", "FIN"]


@settings(max_examples=150, deadline=None)
@given(
    consents=st.lists(DAYS, min_size=1, max_size=6),
    rule=st.sampled_from(["", NTH, 'in_force_for_state: {rule: on-deposit, source: "' + SRC + '"}']),
    probe=DAYS,
)
def test_never_bound_before_consent_or_the_rules_day_and_never_unrecorded(
    consents: list[dt.date], rule: str, probe: dt.date
) -> None:
    """Properties: a state is never bound before its consent or before the treaty's entry into
    force; its bound day is never before its consent; a recorded consent never reads `not-recorded`."""
    rows = "".join(f"{CODES[i]}: {{ratified: {day}}}\n" for i, day in enumerate(consents))
    world = _dataset(rule, rows)
    treaty = _ban(world)
    for i, day in enumerate(consents):
        found = standing_on(treaty, CODES[i], probe)
        assert found.status is not PartyStatus.NOT_RECORDED
        if found.status.bound:
            assert probe >= day and probe >= D("2021-01-22")
            assert found.bound_from is not None and found.bound_from >= day
        if probe < day:
            assert found.status is PartyStatus.NOT_PARTY


def _regime(rows: str, members_are: str = "member") -> Dataset:
    text = f"""\
    version: 1
    reviewed: 2026-11-28
    treaties:
      - id: regime
        name: A regime
        short_name: Regime
        kind: multilateral
        instrument: regime
        categories: [missile]
        entry_into_force: {{date: 1987-04-16, source: "{SRC}"}}
        participation:
          coverage: partial
          members_are: {members_are}
          states:
    """
    body = textwrap.dedent(text) + textwrap.indent(textwrap.dedent(rows), " " * 8)
    return parse_dataset(body.encode(), "regime.yaml")


def test_a_regimes_members_are_members_and_a_month_is_not_a_day() -> None:
    rows = (
        f'USA: {{joined: {{date: 1987-04-16, source: "{SRC}"}}}}\n'
        f'ARG: {{joined: {{date: 1993-03-01, precision: month, source: "{SRC}"}}}}\n'
        f'IND: {{joined: {{date: 2016-01-01, precision: year, source: "{SRC}"}}}}\n'
    )
    world = _regime(rows)
    regime = world.treaties[0]
    usa = standing_on(regime, "USA", D("2000-01-01"))
    assert (usa.status, usa.since) == (PartyStatus.MEMBER, D("1987-04-16"))
    assert usa.status.bound
    assert standing_on(regime, "ARG", D("1993-02-28")).status is PartyStatus.NOT_PARTY
    inside = standing_on(regime, "ARG", D("1993-03-15"))
    assert inside.status is PartyStatus.DAY_NOT_RECORDED
    assert "joined in 1993-03 (day not recorded)" in inside.why
    after = standing_on(regime, "ARG", D("1993-04-01"))
    assert (after.status, after.since) == (PartyStatus.MEMBER, None)
    assert "in 1993-03" in after.why
    assert standing_on(regime, "IND", D("2016-12-31")).status is PartyStatus.DAY_NOT_RECORDED
    assert standing_on(regime, "IND", D("2017-01-01")).status is PartyStatus.MEMBER


def test_a_period_must_start_on_its_first_day() -> None:
    import pytest

    from treatytrack.store.problems import LoadError

    with pytest.raises(LoadError, match="the month's first day"):
        _regime(f'ARG: {{joined: {{date: 1993-03-05, precision: month, source: "{SRC}"}}}}\n')


def test_endorsing_and_subscribing_states() -> None:
    world = _regime(f'POL: {{joined: {{date: 2003-05-31, source: "{SRC}"}}}}\n', "endorsing")
    assert standing_on(world.treaties[0], "POL", D("2010-01-01")).status is PartyStatus.ENDORSING


def test_a_state_known_only_to_have_ended_by_a_day_has_no_standing_after_it() -> None:
    text = f"""\
    version: 1
    reviewed: 2026-11-28
    state_history:
      YUG: {{ended_by: 1992-09-19, source: "{SRC}"}}
    treaties:
      - id: ccw
        name: A convention
        short_name: Conv
        kind: multilateral
        instrument: convention
        categories: [conventional]
        opened_for_signature: {{date: 1981-04-10, source: "{SRC}"}}
        entry_into_force: {{date: 1983-12-02, source: "{SRC}"}}
        participation:
          coverage: partial
          source: "{SRC}"
          states:
            YUG: {{signed: 1981-05-05, ratified: 1983-05-24}}
    """
    world = parse_dataset(textwrap.dedent(text).encode(), "t.yaml")
    history = StateHistory(world.state_history)
    assert standing_on(world.treaties[0], "YUG", D("1990-01-01"), history).status is PartyStatus.PARTY
    gone = standing_on(world.treaties[0], "YUG", D("2026-01-01"), history)
    assert (gone.status, gone.since) == (PartyStatus.CEASED_TO_EXIST, None)
    assert "by 1992-09-19" in gone.why


def test_parties_shows_a_month_as_a_month(tmp_path: object) -> None:
    """The `parties` table and its JSON never print a month's first day as if it were the day."""
    import json
    from pathlib import Path

    from typer.testing import CliRunner

    from treatytrack.cli import app

    assert isinstance(tmp_path, Path)
    rows = (
        f'ARG: {{joined: {{date: 1993-03-01, precision: month, source: "{SRC}"}}}}\n'
        f'USA: {{joined: {{date: 1987-04-16, source: "{SRC}"}}}}\n'
    )
    text = textwrap.dedent(f"""\
    version: 1
    reviewed: 2026-11-28
    treaties:
      - id: regime
        name: A regime
        short_name: Regime
        kind: multilateral
        instrument: regime
        categories: [missile]
        entry_into_force: {{date: 1987-04-16, source: "{SRC}"}}
        participation:
          coverage: partial
          members_are: member
          states:
    """) + textwrap.indent(rows, " " * 8)
    data = tmp_path / "regime.yaml"
    data.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["parties", "regime", "--as-of", "2000-01-01", "--data", str(data), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    found = {r["code"]: r for r in json.loads(result.stdout)}
    assert (found["ARG"]["status"], found["ARG"]["since"], found["ARG"]["consent_date"]) == ("member", None, "1993-03")
    assert found["USA"]["consent_date"] == "1987-04-16"
    shown = CliRunner().invoke(
        app, ["show", "regime", "--as-of", "2000-01-01", "--data", str(data)], env={"COLUMNS": "100"}
    )
    assert "2 members" in shown.stdout
