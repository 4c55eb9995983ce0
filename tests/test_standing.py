"""Each state's standing on any day: worked examples on test tables, and properties over generated ones."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.conftest import FIXTURES
from treatytrack.cli import app
from treatytrack.core.engine import add_period
from treatytrack.core.models import Dataset, DepositRule, StateLife, Treaty
from treatytrack.core.standing import (
    StateHistory,
    acts_of,
    bound_day,
    derived_entry_into_force,
    standing_on,
    took_effect,
)
from treatytrack.core.vocab import ActKind, PartyStatus
from treatytrack.store.load import LoadError, load_dataset, parse_dataset

D = dt.date.fromisoformat
STATES = FIXTURES / "states.yaml"
BUNDLED = FIXTURES.parent.parent / "data" / "treaties.yaml"
runner = CliRunner()


@pytest.fixture(scope="module")
def world() -> Dataset:
    return load_dataset(STATES, use_cache=False)


def treaty(dataset: Dataset, treaty_id: str) -> Treaty:
    return next(t for t in dataset.treaties if t.id == treaty_id)


def standing(dataset: Dataset, treaty_id: str, state: str, day: str) -> Any:
    return standing_on(treaty(dataset, treaty_id), state, D(day), StateHistory(dataset.state_history))


def status(dataset: Dataset, treaty_id: str, state: str, day: str) -> PartyStatus:
    return standing(dataset, treaty_id, state, day).status


def test_a_consent_before_entry_into_force_binds_from_the_treatys_entry_into_force(world: Dataset) -> None:
    assert status(world, "mine-ban", "CAN", "1999-02-28") is PartyStatus.RATIFIED
    assert standing(world, "mine-ban", "CAN", "1999-03-01")[:3] == ("CAN", PartyStatus.PARTY, D("1999-03-01"))


def test_a_later_consent_binds_from_the_day_the_treatys_rule_gives(world: Dataset) -> None:
    # Ratified 2005-12-27; "the first day of the sixth month after" the deposit is 2006-06-01.
    assert status(world, "mine-ban", "UKR", "2006-05-31") is PartyStatus.RATIFIED
    bound = standing(world, "mine-ban", "UKR", "2006-06-01")
    assert (bound.status, bound.since, bound.bound_from) == (PartyStatus.PARTY, D("2006-06-01"), D("2006-06-01"))
    assert "first day of the 6th month after deposit" in bound.why
    # 90 days after deposit: Ghana's ratification of 2025-09-26 takes effect on 2025-12-25.
    assert status(world, "ban-treaty", "GHA", "2025-12-24") is PartyStatus.RATIFIED
    assert status(world, "ban-treaty", "GHA", "2025-12-25") is PartyStatus.PARTY


def test_nothing_defaults_to_the_treatys_own_entry_into_force(world: Dataset) -> None:
    # Finland acceded in 2012: on 2005-01-01 it was no party, whatever the treaty's own date.
    assert status(world, "mine-ban", "FIN", "2005-01-01") is PartyStatus.NOT_PARTY
    assert status(world, "mine-ban", "FIN", "2012-07-01") is PartyStatus.PARTY


def test_coverage_decides_what_an_unlisted_state_is(world: Dataset) -> None:
    complete = standing(world, "mine-ban", "USA", "2026-01-01")
    assert (complete.status, complete.why) == (PartyStatus.NOT_PARTY, "not on the list of states as of 2026-02-03")
    partial = standing(world, "arms-trade", "DEU", "2026-01-01")
    assert partial.status is PartyStatus.NOT_RECORDED
    assert "partial" in partial.why


def test_a_partial_table_whose_list_is_complete_answers_for_the_states_it_does_not_name() -> None:
    """`list_complete`: the list names every state, only some days in force are missing. An
    unnamed state is not a party; a named state whose day in force is unknown stays "consented"."""
    dataset = load_dataset(BUNDLED)
    history = StateHistory(dataset.state_history)
    pelindaba = treaty(dataset, "pelindaba")
    assert pelindaba.coverage.value == "partial" and pelindaba.names_every_state
    usa = standing_on(pelindaba, "USA", D("2026-11-28"), history)
    assert (usa.status, usa.why) == (PartyStatus.NOT_PARTY, "not on the list of states as of 2026-08-22")
    counts = {
        s.status for s in (standing_on(pelindaba, c, D("2026-11-28"), history) for c in pelindaba.recorded_states)
    }
    assert PartyStatus.CONSENTED in counts, "the days still missing stay visible"
    # Without the flag the same table cannot answer for a state it does not name.
    table = pelindaba.participation
    assert table is not None
    unflagged = pelindaba.model_copy(update={"participation": table.model_copy(update={"list_complete": False})})
    assert standing_on(unflagged, "USA", D("2026-11-28"), history).status is PartyStatus.NOT_RECORDED


def test_an_instrument_open_to_some_states_only_answers_for_the_others() -> None:
    dataset = load_dataset(BUNDLED)
    history = StateHistory(dataset.state_history)
    protocol = treaty(dataset, "rarotonga-protocol-1")
    china = standing_on(protocol, "CHN", D("2026-11-28"), history)
    assert (china.status, china.why) == (PartyStatus.NOT_PARTY, "open only to FRA, GBR, USA, not to CHN")
    assert standing_on(protocol, "GBR", D("2026-11-28"), history).status is PartyStatus.PARTY
    assert standing_on(protocol, "USA", D("2026-11-28"), history).status is PartyStatus.SIGNATORY
    # Protocol 2 is open to the five nuclear-weapon states (its art. 4); Russia continues the USSR.
    second = treaty(dataset, "rarotonga-protocol-2")
    india = standing_on(second, "IND", D("2026-11-28"), history)
    assert (india.status, india.why) == (PartyStatus.NOT_PARTY, "open only to FRA, CHN, SUN, GBR, USA, not to IND")
    assert standing_on(second, "RUS", D("2026-11-28"), history).status is PartyStatus.PARTY


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"coverage": "complete", "as_of": "2026-01-01", "source": "s", "list_complete": True}, "complete already"),
        ({"coverage": "partial", "source": "s", "list_complete": True}, "`list_complete` needs"),
        ({"coverage": "partial", "list_complete": "yes"}, "valid boolean"),
        ({"coverage": "partial", "open_to": {"states": [], "source": "s"}}, "at least 1"),
    ],
)
def test_a_table_flag_without_what_it_needs_is_refused(table: dict[str, Any], message: str) -> None:
    body = {"id": "t", "name": "T", "short_name": "T", "kind": "multilateral", "instrument": "treaty"}
    body |= {"categories": ["nuclear"], "participation": table}
    with pytest.raises(ValueError, match=message):
        Treaty.model_validate(body)


def test_validate_reports_a_row_outside_open_to_and_an_unknown_code_in_it(tmp_path: Path) -> None:
    text = (FIXTURES / "states.yaml").read_text(encoding="utf-8")
    marker = "coverage: partial"
    assert marker in text
    broken = text.replace(marker, marker + "\n      open_to: {states: [XXQ], source: https://example.org/open}", 1)
    path = tmp_path / "t.yaml"
    path.write_text(broken, encoding="utf-8")
    result = runner.invoke(app, ["validate", "--data", str(path)])
    assert result.exit_code == 1
    assert "the table is open only to XXQ (`open_to`)" in result.output
    assert "unknown party code `XXQ`" in result.output


def test_withdrawals_take_effect_on_their_day_and_a_conditional_one_is_not_guessed(world: Dataset) -> None:
    pending = standing(world, "mine-ban", "EST", "2025-12-26")
    assert (pending.status, pending.withdrawal_effective) == (PartyStatus.PARTY, D("2025-12-27"))
    assert status(world, "mine-ban", "EST", "2025-12-27") is PartyStatus.WITHDRAWN
    # Finland's effective day is notice + the six-month notice period.
    assert status(world, "mine-ban", "FIN", "2026-01-09") is PartyStatus.PARTY
    assert status(world, "mine-ban", "FIN", "2026-01-10") is PartyStatus.WITHDRAWN
    before = standing(world, "mine-ban", "POL", "2026-02-19")
    assert (before.status, before.withdrawal_effective) == (PartyStatus.PARTY, D("2026-02-20"))
    assert "subject to a condition" in before.why
    after = standing(world, "mine-ban", "POL", "2026-02-20")
    assert after.status is PartyStatus.WITHDRAWAL_CONDITIONAL
    assert "whether it did is not recorded" in after.why


def test_a_claimed_suspension_leaves_the_state_a_party(world: Dataset) -> None:
    claimed = standing(world, "mine-ban", "UKR", "2026-01-01")
    assert claimed.status is PartyStatus.SUSPENSION_CLAIMED and claimed.status.bound
    assert claimed.acts[-1].source == "https://example.org/ukr"


def test_deratification_leaves_a_signatory_and_a_withdrawn_signature_leaves_nothing(world: Dataset) -> None:
    assert status(world, "test-ban", "RUS", "2023-11-01") is PartyStatus.RATIFIED
    deratified = status(world, "test-ban", "RUS", "2023-11-02")
    assert deratified is PartyStatus.DERATIFIED and deratified.signed_only
    assert status(world, "arms-trade", "USA", "2019-07-17") is PartyStatus.SIGNATORY
    withdrawn = status(world, "arms-trade", "USA", "2019-07-18")
    assert withdrawn is PartyStatus.SIGNATURE_WITHDRAWN
    assert not withdrawn.bound and not withdrawn.signed_only


def test_states_that_begin_and_end(world: Dataset) -> None:
    # The USSR until it ceased to exist; the Russian Federation from then, carrying on its acts.
    assert status(world, "missile-pact", "SUN", "1991-12-25") is PartyStatus.PARTY
    ceased = standing(world, "missile-pact", "SUN", "1991-12-26")
    assert ceased.status is PartyStatus.CEASED_TO_EXIST and "continued by RUS" in ceased.why
    assert status(world, "missile-pact", "RUS", "1989-01-01") is PartyStatus.NOT_YET_EXISTING
    russia = standing(world, "missile-pact", "RUS", "1992-01-01")
    assert (russia.status, russia.since) == (PartyStatus.PARTY, D("1988-06-01"))
    assert "(as SUN)" in russia.why
    # Montenegro did not exist before 2006-06-03, whatever a table says.
    assert status(world, "mine-ban", "MNE", "2000-01-01") is PartyStatus.NOT_YET_EXISTING
    assert status(world, "mine-ban", "MNE", "2006-10-23") is PartyStatus.PARTY
    assert status(world, "arms-trade", "CZE", "1992-06-01") is PartyStatus.NOT_YET_EXISTING


def test_a_complete_list_does_not_speak_for_a_state_gone_before_its_day(world: Dataset) -> None:
    """A list of 2026 names the states of 2026: that Czechoslovakia is not on it does not make it
    a non-party in 1980. A state whose end has no day (`ended_by`) is treated the same way."""
    mine_ban = treaty(world, "mine-ban")
    lives = dict(world.state_history)
    lives["YUG"] = StateLife(ended_by=D("2005-01-01"), source="https://example.org/yug")
    history = StateHistory(lives)
    gone = standing_on(mine_ban, "YUG", D("2000-01-01"), history)
    assert gone.status is PartyStatus.NOT_RECORDED
    assert "ceased to exist before the list of states as of 2026-02-03" in gone.why
    # Without that life, or for a state that still exists, the complete list answers.
    assert (
        standing_on(mine_ban, "YUG", D("2000-01-01"), StateHistory(world.state_history)).status is PartyStatus.NOT_PARTY
    )
    assert standing_on(mine_ban, "GBR", D("2000-01-01"), history).status is PartyStatus.NOT_PARTY
    # A list dated before the end still answers for the state (the pact's list of 1987).
    assert standing_on(treaty(world, "missile-pact"), "YUG", D("1990-01-01"), history).status is PartyStatus.NOT_PARTY


@pytest.mark.parametrize(
    ("life", "message"),
    [
        ("{source: s}", "give `began`, `ended` or `ended_by`"),
        ("{ended: 1993-01-01, ended_by: 1993-01-01, source: s}", "not both"),
    ],
)
def test_a_state_life_needs_one_kind_of_end(life: str, message: str) -> None:
    text = STATES.read_text(encoding="utf-8").replace(
        'CSK: {ended: 1993-01-01, source: "https://example.org/csk"}', f"CSK: {life}"
    )
    with pytest.raises(LoadError) as caught:
        parse_dataset(text.encode(), "s.yaml")
    assert any(message in str(p) and "state_history.CSK" in str(p) for p in caught.value.problems), (
        caught.value.problems
    )


def test_bundled_data_czechoslovakia_and_yugoslavia_under_lists_of_today() -> None:
    """Issue #13: the NPT's list of 2026 drops Czechoslovakia and the SFR Yugoslavia, both NPT
    parties in 1980. Czechoslovakia now has a row from an official source (issue #19): a party;
    the SFR Yugoslavia has none: "not recorded", never "not a party"."""
    rows = {}
    for code in ("CSK", "YUG"):
        result = runner.invoke(app, ["party", code, "--as-of", "1980-01-01", "--format", "json"])
        assert result.exit_code == 0, result.output
        rows[code] = {row["id"]: row for row in json.loads(result.stdout)["treaties"]}
        # A bilateral treaty's list of its own day still answers.
        assert rows[code]["hotline-1963"]["status"] == "not-party"
    assert rows["CSK"]["npt"]["status"] == "party", rows["CSK"]["npt"]
    assert rows["YUG"]["npt"]["status"] == "not-recorded", rows["YUG"]["npt"]
    assert "ceased to exist before the list of states as of 2026-08-22" in rows["YUG"]["npt"]["why"]


def test_a_bilateral_withdrawal_ends_the_treaty_for_the_other_party(world: Dataset) -> None:
    assert status(world, "missile-pact", "USA", "2019-08-02") is PartyStatus.WITHDRAWN
    assert status(world, "missile-pact", "RUS", "2019-08-02") is PartyStatus.TREATY_ENDED


def test_entry_into_force_derived_from_the_table(world: Dataset) -> None:
    derived = derived_entry_into_force(treaty(world, "ban-treaty"))
    assert derived is not None and derived.day == D("2021-01-22")
    assert "4th instrument (HND) was deposited on 2020-10-24" in derived.why
    early = derived_entry_into_force(treaty(world, "ban-treaty"), D("2020-01-01"))
    assert early is not None and early.day is None and early.why.startswith("3 of the 4 instruments")
    waiting = derived_entry_into_force(treaty(world, "test-ban"), D("2026-11-28"), StateHistory(world.state_history))
    assert waiting is not None and waiting.day is None
    assert waiting.missing == ("USA", "RUS", "CHN")


def test_validate_reports_a_recorded_entry_into_force_the_table_does_not_imply() -> None:
    text = STATES.read_text(encoding="utf-8").replace(
        'entry_into_force: {date: 2021-01-22, source: "https://example.org/ban"}',
        'entry_into_force: {date: 2021-01-21, source: "https://example.org/ban"}',
    )
    with pytest.raises(LoadError) as caught:
        parse_dataset(text.encode(), "s.yaml")
    [problem] = caught.value.problems
    assert str(problem).startswith("s.yaml:43:30: treaties[1].entry_into_force.date: the entry-into-force condition")
    assert "imply 2021-01-22" in str(problem) and "the record says 2021-01-21" in str(problem)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("{signed: 2017-10-02, ratified: 2017-10-01}", "AUT: `ratified` 2017-10-01 is before `signed` 2017-10-02"),
        ("{signed: 2017-09-20, ratified: 2018-05-08, acceded: 2019-01-01}", "one consent to be bound per row"),
        ("{signed: 2017-9-20}", "dates are written YYYY-MM-DD"),
        ("{signed: {date: 2017-09-20, sauce: s}}", "unknown key `sauce`"),
        ("{ratified: 2026-05-08}", "after the list's as-of date (2026-02-03)"),
        ("{withdrawal_condition: soon}", "`withdrawal_condition` needs the `withdrawal_notice`"),
    ],
)
def test_a_malformed_row_is_one_located_problem_naming_the_state(row: str, message: str) -> None:
    text = STATES.read_text(encoding="utf-8").replace("AUT: {signed: 2017-09-20, ratified: 2018-05-08}", f"AUT: {row}")
    with pytest.raises(LoadError) as caught:
        parse_dataset(text.encode(), "s.yaml")
    problems = [str(p) for p in caught.value.problems if "AUT" in str(p)]
    assert len(problems) == 1, caught.value.problems
    assert problems[0].startswith("s.yaml:51:") and "participation.states.AUT" in problems[0]
    assert message in problems[0]


def test_an_event_that_gives_a_tables_act_another_date_is_refused() -> None:
    text = STATES.read_text(encoding="utf-8").replace(
        "      - {date: 2019-02-02, type: withdrawal-notice",
        "      - {date: 1988-05-27, type: ratified, party: USA, source: s}\n      - {date: 2019-02-02, type: withdrawal-notice",
    )
    parse_dataset(text.encode(), "s.yaml")  # an original party's ratification: no table date to contradict
    text = STATES.read_text(encoding="utf-8").replace(
        '    participation:\n      coverage: complete\n      as_of: 2026-02-03\n      source: "https://example.org/ban/status"',
        "    events:\n      - {date: 2018-05-09, type: ratified, party: AUT, source: s}\n"
        '    participation:\n      coverage: complete\n      as_of: 2026-02-03\n      source: "https://example.org/ban/status"',
    )
    with pytest.raises(LoadError) as caught:
        parse_dataset(text.encode(), "s.yaml")
    assert any(
        "AUT's `ratified` is 2018-05-08 in the participation table but 2018-05-09 here" in str(p)
        for p in caught.value.problems
    )


def test_rules_for_later_consents() -> None:
    first_of_month = DepositRule(rule="first-day-of-month", months=6, source="s")  # type: ignore[arg-type]
    assert took_effect(first_of_month, D("2005-12-27")) == D("2006-06-01")
    assert took_effect(first_of_month, D("2005-12-01")) == D("2006-06-01")
    assert took_effect(first_of_month, D("1998-09-16")) == D("1999-03-01")
    assert took_effect(DepositRule(rule="after-deposit", days=90, source="s"), D("2020-10-24")) == D("2021-01-22")  # type: ignore[arg-type]
    assert took_effect(DepositRule(rule="after-deposit", months=6, source="s"), D("2020-08-31")) == D("2021-02-28")  # type: ignore[arg-type]
    assert took_effect(DepositRule(rule="on-deposit", source="s"), D("2020-10-24")) == D("2020-10-24")  # type: ignore[arg-type]


# --- the command line agrees with itself --------------------------------------------------------


def run(*args: str, data: Path = STATES) -> tuple[int, str, str]:
    result = runner.invoke(app, [*args, "--data", str(data)], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_parties_lists_every_state_in_every_format() -> None:
    code, out, _ = run("parties", "mine ban", "--as-of", "2026-11-28", "--format", "json")
    assert code == 0
    rows = {r["code"]: r for r in json.loads(out)}
    assert rows["UKR"]["status"] == "suspension-claimed" and rows["UKR"]["in_force_for_state"] == "2006-06-01"
    assert rows["POL"]["status"] == "withdrawal-conditional"
    assert (rows["EST"]["withdrawal_notice"], rows["EST"]["since"]) == ("2025-06-27", "2025-12-27")
    code, out, _ = run("parties", "ban", "--as-of", "2026-11-28", "--standing", "signed", "--format", "csv")
    assert code == 0 and [line.split(",")[1] for line in out.splitlines()[1:]] == ["DZA", "KGZ"]
    code, out, _ = run("parties", "ban", "--as-of", "2020-06-01")
    assert code == 0 and "3 ratified, not yet bound, 4 signatories" not in out
    assert "complete list as of 2026-02-03" in out


def test_counts_on_a_past_date_come_from_the_table() -> None:
    _, out, _ = run("show", "ban", "--as-of", "2021-01-22", "--format", "json")
    # Kyrgyzstan signed only in 2025: on these days it is on the list but no signatory yet.
    assert json.loads(out)["counts"] == {"party": 4, "signatory": 2, "not-party": 1}
    _, out, _ = run("show", "ban", "--as-of", "2021-01-21", "--format", "json")
    assert json.loads(out)["counts"] == {"ratified": 4, "signatory": 2, "not-party": 1}


def test_show_why_explains_a_treaty_not_in_force() -> None:
    code, out, _ = run("show", "test ban", "--as-of", "2026-11-28", "--why")
    assert code == 0
    flat = " ".join(out.split())
    assert "not in force: 3 of the 4 states whose ratification is required have not ratified:" in flat
    assert "United States, Russian Federation, China" in flat


def test_a_partial_list_never_claims_its_condition_met_from_the_deposits_it_happens_to_hold() -> None:
    """The CPPNM's table is partial: its 21st recorded deposit is not the 21st deposit, so `show`
    neither dates the condition's being met (the Convention entered into force on 1987-02-08) nor
    says it in `--why`; a complete table (the CTBT's) is still counted."""
    result = CliRunner().invoke(app, ["show", "cppnm", "--as-of", "2026-11-28", "--format", "json"])
    assert result.exit_code == 0, result.output
    condition = json.loads(result.stdout)["entry_into_force_condition"]
    assert (condition["counted"], condition["met_on"], condition["deposits"]) == (False, None, 21)
    assert condition["why"] == "not counted: the list of states is partial"
    why = CliRunner().invoke(app, ["show", "cppnm", "--as-of", "2026-11-28", "--why"], env={"COLUMNS": "120"})
    assert "entry-into-force condition" not in why.stdout and "not in force" not in why.stdout
    ctbt = CliRunner().invoke(app, ["show", "ctbt", "--as-of", "2026-11-28", "--format", "json"])
    counted = json.loads(ctbt.stdout)["entry_into_force_condition"]
    assert counted["counted"] is True and counted["why"].startswith("9 of the 44 states")


def test_diff_reports_states_joining_and_leaving() -> None:
    _, out, _ = run("diff", "2025-01-01", "--as-of", "2026-11-28", "--format", "json")
    changes = {(c["id"], c["party"], c["after"]) for c in json.loads(out)}
    assert ("mine-ban", "EST", "withdrawn") in changes
    assert ("mine-ban", "UKR", "suspension-claimed") in changes
    assert ("ban-treaty", "GHA", "party") in changes
    assert ("mine-ban", "POL", "withdrawal-conditional") in changes


def test_an_unknown_party_is_a_usage_error_with_suggestions() -> None:
    for command in (["list"], ["party", "XYZ"], ["timeline"], ["diff", "2020-01-01"], ["standings"]):
        args = [*command, "--as-of", "2026-11-28"] + ([] if command[0] == "party" else ["--party", "Rusia"])
        code, out, err = run(*args)
        assert code == 2 and out == "", (command, err)
        assert "no state or organisation called" in err


@pytest.mark.parametrize("spelling", ["RUS", "rus", "Russia", "russian federation", "Russian Federation"])
def test_party_names_and_codes_mean_the_same_state(spelling: str) -> None:
    _, by_name, _ = run("list", "--as-of", "1995-01-01", "--party", spelling, "--format", "json")
    _, by_code, _ = run("list", "--as-of", "1995-01-01", "--party", "RUS", "--format", "json")
    assert by_name == by_code and [r["id"] for r in json.loads(by_code)] == ["missile-pact"]


def test_standings_panel_by_change_and_by_year() -> None:
    _, out, _ = run("standings", "mine ban", "--party", "UKR", "--as-of", "2026-11-28", "--format", "json")
    assert [(r["start"], r["status"]) for r in json.loads(out)] == [
        ("1999-02-24", "signatory"),
        ("2005-12-27", "ratified"),
        ("2006-06-01", "party"),
        ("2025-07-18", "suspension-claimed"),
    ]
    _, out, _ = run("standings", "--by", "year", "mine ban", "--party", "EST", "--as-of", "2026-06-30")
    lines = out.splitlines()
    assert lines[0] == "treaty_id,treaty,code,name,year,status,since,bound,consented,signed_only"
    years = {line.split(",")[4]: line.split(",")[5] for line in lines[1:]}
    assert (years["2003"], years["2004"], years["2025"], years["2026"]) == (
        "not-party",
        "party",
        "withdrawn",
        "withdrawn",
    )


# --- properties ---------------------------------------------------------------------------------

days = st.dates(min_value=D("1960-01-01"), max_value=D("2040-12-31"))
KINDS = ["signed", "ratified", "acceded", "withdrawal_notice", "withdrawn", "deratified", "suspension_claimed"]


@st.composite
def tables(draw: st.DrawFn) -> tuple[Dataset, str]:
    eif = draw(st.one_of(st.none(), st.dates(min_value=D("1970-01-01"), max_value=D("2020-12-31"))))
    opened = D("1965-01-01")
    rows: dict[str, dict[str, str]] = {}
    for code in draw(st.lists(st.sampled_from(["AUT", "FRA", "MNE", "RUS", "SUN", "USA"]), unique=True, max_size=5)):
        acts = sorted(draw(st.lists(st.dates(min_value=opened, max_value=D("2030-12-31")), min_size=1, max_size=4)))
        kinds = draw(st.lists(st.sampled_from(KINDS), min_size=len(acts), max_size=len(acts), unique=True))
        row = dict(zip(kinds, (a.isoformat() for a in acts), strict=True))
        if "ratified" in row and "acceded" in row:
            del row["acceded"]
        rows[code] = row
    coverage = draw(st.sampled_from(["complete", "partial"]))
    # A partial table may still name every state (only days missing), and an instrument may be
    # open to some states only: both make an unnamed state a non-party.
    list_complete = coverage == "partial" and draw(st.booleans())
    open_to = draw(
        st.one_of(st.none(), st.lists(st.sampled_from(["AUT", "FRA", "SUN", "USA"]), min_size=1, unique=True))
    )
    if open_to is not None:
        rows = {code: row for code, row in rows.items() if code in open_to or (code == "RUS" and "SUN" in open_to)}
    body: dict[str, Any] = {
        "version": 1,
        "reviewed": "2026-11-28",
        "state_history": {
            "SUN": {"ended": "1991-12-26", "continued_by": "RUS", "source": "s"},
            "MNE": {"began": "2006-06-03", "source": "s"},
        },
        "treaties": [
            {
                "id": "t",
                "name": "T",
                "short_name": "T",
                "kind": "multilateral",
                "instrument": "treaty",
                "categories": ["nuclear"],
                "opened_for_signature": {"date": opened.isoformat(), "source": "s"},
                "withdrawal_notice": {"months": 6, "source": "s"},
                **({"entry_into_force": {"date": eif.isoformat(), "source": "s"}} if eif else {}),
                "participation": {
                    "coverage": coverage,
                    "as_of": "2031-01-01",
                    "source": "s",
                    **({"list_complete": True} if list_complete else {}),
                    **({"open_to": {"states": open_to, "source": "s"}} if open_to is not None else {}),
                    "in_force_for_state": {
                        "rule": draw(st.sampled_from(["on-deposit", "after-deposit"])),
                        "days": 30,
                        "source": "s",
                    },
                    "states": rows,
                },
            }
        ],
    }
    if body["treaties"][0]["participation"]["in_force_for_state"]["rule"] == "on-deposit":
        del body["treaties"][0]["participation"]["in_force_for_state"]["days"]
    return Dataset.model_validate(body), draw(st.sampled_from(["AUT", "FRA", "MNE", "RUS", "SUN", "USA", "DEU"]))


@settings(max_examples=400, deadline=None)
@given(case=tables(), day=days)
def test_standing_never_says_party_without_a_reason(case: tuple[Dataset, str], day: dt.date) -> None:
    dataset, state = case
    t = dataset.treaties[0]
    history = StateHistory(dataset.state_history)
    found = standing_on(t, state, day, history)
    acts = [a for a in acts_of(t, state, history) if a.day <= day]
    if found.status.bound:
        consents = [a for a in acts if a.kind.consent]
        assert consents, "a party needs a consent to be bound"
        assert t.in_force_from is not None and t.in_force_from <= day
        bound, _ = bound_day(t, consents[-1])
        assert bound is not None and bound <= day
        assert history.exists_on(state, day), "no state is a party before it exists or after it ceased"
        effective = [a for a in acts if a.kind is ActKind.WITHDRAWN and a.day >= consents[-1].day]
        assert not effective, "never a party after its withdrawal took effect"
        notices = [a for a in acts if a.kind is ActKind.WITHDRAWAL_NOTICE and a.day >= consents[-1].day]
        recorded = any(a.kind is ActKind.WITHDRAWN for a in acts_of(t, state, history))  # its day wins
        for notice in notices if not recorded else ():
            assert add_period(notice.day, t.withdrawal_notice) > day, "nor after its notice period ran out"  # type: ignore[arg-type]
    rows = t.participation.states if t.participation else {}
    if history.exists_on(state, day) and state not in rows and history.continues.get(state) not in rows:
        listed = t.participation.as_of if t.participation else None
        speaks = t.names_every_state and not (listed and history.ceased_by(state, listed))
        # A complete list answers for the states of its day; one gone before it is not named.
        open_to = t.participation.open_to if t.participation else None
        barred = open_to is not None and not {state, history.continues.get(state)} & set(open_to.states)
        expected = PartyStatus.NOT_PARTY if speaks or barred else PartyStatus.NOT_RECORDED
        assert found.status is expected


def test_party_answers_not_a_party_where_a_complete_list_or_open_to_says_so() -> None:
    """`party CHN`: the regional treaties' lists name every state, and Protocol 1 of Rarotonga is
    open to three states only, so China is "not a party" there, not "not recorded"."""
    result = runner.invoke(app, ["party", "CHN", "--as-of", "2026-11-28", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = {r["id"]: r for r in json.loads(result.stdout)["treaties"]}
    for treaty_id in ("tlatelolco", "rarotonga", "bangkok", "pelindaba", "cfe-treaty"):
        assert (rows[treaty_id]["status"], rows[treaty_id]["why"]) == (
            "not-party",
            "not on the list of states as of " + ("2023-06-09" if treaty_id == "cfe-treaty" else "2026-08-22"),
        )
    assert rows["rarotonga-protocol-1"]["status"] == "not-party"
    assert rows["inf-treaty"]["why"] == "open only to the 17 states its record lists, not to CHN"
    # CIFTA's list (UNODA's record of the deposits with the OAS, July 2018) names every state too.
    assert (rows["cifta"]["status"], rows["cifta"]["why"]) == (
        "not-party",
        "not on the list of states as of 2018-07-05",
    )
    # An undated UN list is whole as of the latest act it dates: the Kinshasa Convention's copy
    # dates Equatorial Guinea's ratification of 2019-12-24.
    assert (rows["kinshasa-convention"]["status"], rows["kinshasa-convention"]["why"]) == (
        "not-party",
        "not on the list of states as of 2019-12-24",
    )
    # Where the list itself is partial, the answer stays "not recorded" (HCoC: no dated whole list
    # of the subscribing states).
    assert rows["hcoc"]["status"] == "not-recorded"
    shown = runner.invoke(app, ["parties", "pelindaba", "--counts", "--as-of", "2026-11-28"])
    assert "complete list as of 2026-08-22, some days not recorded" in shown.stdout


def test_show_says_why_a_list_is_partial_and_not_for_a_complete_one() -> None:
    partial = runner.invoke(app, ["show", "cppnm", "--as-of", "2026-11-28"], env={"COLUMNS": "100"})
    assert partial.exit_code == 0, partial.output
    about = partial.stdout.split("About the list of states\n", 1)[1]
    assert about.startswith("Partial: no complete list was readable.")
    markdown = runner.invoke(app, ["show", "cppnm", "--as-of", "2026-11-28", "--format", "markdown"])
    assert "About the list of states: Partial: no complete list was readable." in markdown.stdout
    shown = json.loads(runner.invoke(app, ["show", "cppnm", "--as-of", "2026-11-28", "--format", "json"]).stdout)
    assert shown["coverage"]["note"].startswith("Partial: no complete list was readable.")
    complete = runner.invoke(app, ["show", "ctbt", "--as-of", "2026-11-28"], env={"COLUMNS": "100"})
    assert "About the list of states" not in complete.stdout


def test_the_html_report_says_why_a_list_is_partial(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    result = runner.invoke(app, ["export", "html", "--as-of", "2026-11-28", "--treaty", "cppnm", "-o", str(page)])
    assert result.exit_code == 0, result.output
    html = page.read_text(encoding="utf-8")
    assert '<p class="states-note">About the list of states: Partial: no complete list was readable.' in html
    complete = tmp_path / "ctbt.html"
    runner.invoke(app, ["export", "html", "--as-of", "2026-11-28", "--treaty", "ctbt", "-o", str(complete)])
    assert '<p class="states-note">' not in complete.read_text(encoding="utf-8")


def test_the_coverage_line_names_a_short_open_to_list_and_counts_a_long_one() -> None:
    short = runner.invoke(app, ["parties", "rarotonga-protocol-1", "--counts", "--as-of", "2026-11-28"])
    assert "partial list of the 3 states it is open to (FRA, GBR, USA)" in short.stdout
    long = runner.invoke(app, ["parties", "inf-treaty", "--counts", "--as-of", "2026-11-28"], env={"COLUMNS": "200"})
    assert "partial list of the 17 states it is open to" in long.stdout
    assert "USA, SUN" not in long.stdout


def test_list_says_how_many_treaties_it_left_out_in_good_english() -> None:
    """`list --party` leaves out the treaties where a named state's standing is undecided, and says
    how many on stderr: "1 treaty", "3 treaties"."""
    one = CliRunner().invoke(app, ["list", "--party", "IND", "--as-of", "2019-01-01", "--format", "json"])
    assert one.exit_code == 0, one.output
    assert "note: 1 treaty left out because a standing is undecided" in one.stderr
    several = CliRunner().invoke(
        app, ["list", "--party", "USA", "--party", "RUS", "--as-of", "2026-11-28", "--format", "json"]
    )
    assert "note: 3 treaties left out because a standing is undecided" in several.stderr
