"""The status engine: worked examples on real treaties, and properties over generated ones."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given, settings
from hypothesis import strategies as st

from tests import engine_reference
from treatytrack.core.engine import (
    Chronicle,
    Status,
    add_period,
    assess,
    scheduled_expiry,
    status_on,
    withdrawal_effective,
)
from treatytrack.core.models import Dataset, Event, Period, SourcedDate, Treaty
from treatytrack.core.standing import StateHistory, standing_on
from treatytrack.core.vocab import PartyStatus
from treatytrack.store.load import load_dataset
from treatytrack.store.paths import bundled_path

D = dt.date.fromisoformat


def treaty(**fields: Any) -> Treaty:
    base: dict[str, Any] = {
        "id": "t",
        "name": "Test Treaty",
        "short_name": "TT",
        "kind": "bilateral",
        "instrument": "treaty",
        "categories": ["nuclear"],
        "participation": {
            "coverage": "complete",
            "as_of": "2000-01-01",
            "source": "s",
            "states": {"USA": {"original": True}, "RUS": {"original": True}},
        },
        "signed": {"date": "2000-01-01", "source": "s"},
        "entry_into_force": {"date": "2001-01-01", "source": "s"},
    }
    base.update(fields)
    return Treaty.model_validate(base)


def by_id(dataset: Dataset, treaty_id: str) -> Treaty:
    return next(t for t in dataset.treaties if t.id == treaty_id)


def assess_party(t: Treaty, state: str, day: dt.date, history: StateHistory | None = None) -> Any:
    return standing_on(t, state, day, history or StateHistory({}))


def test_new_start_in_force_in_2015_and_expired_after_its_extension(small: Dataset) -> None:
    new_start = by_id(small, "new-start")
    assert status_on(new_start, D("2015-06-01")) is Status.IN_FORCE
    before = assess(new_start, D("2020-06-01"))
    assert (before.expires, before.expires_by) == (D("2021-02-05"), "term")
    after = assess(new_start, D("2026-11-28"))
    assert after.status is Status.EXPIRED
    assert after.since == D("2026-02-05")
    assert after.expires_by == "extension"
    assert "extended on 2021-02-03" in after.why


def test_new_start_suspended_by_russia_until_expiry(small: Dataset) -> None:
    new_start = by_id(small, "new-start")
    assert status_on(new_start, D("2023-02-20")) is Status.IN_FORCE
    suspended = assess(new_start, D("2023-02-21"))
    assert suspended.status is Status.SUSPENDED
    assert suspended.expires == D("2026-02-05")
    assert status_on(new_start, D("2026-02-04")) is Status.SUSPENDED
    assert status_on(new_start, D("2026-02-05")) is Status.EXPIRED
    assert assess_party(new_start, "RUS", D("2024-01-01")).status is PartyStatus.SUSPENDED
    assert assess_party(new_start, "USA", D("2024-01-01")).status is PartyStatus.PARTY


def test_inf_terminated_by_us_withdrawal_six_months_after_notice(small: Dataset) -> None:
    inf = by_id(small, "inf-treaty")
    assert status_on(inf, D("2019-08-01")) is Status.IN_FORCE
    ended = assess(inf, D("2019-08-02"))
    assert ended.status is Status.TERMINATED
    assert ended.why == (
        "terminated: withdrawal notice by USA on 2019-02-02, 6-month notice period, effective 2019-08-02"
    )
    history = StateHistory(small.state_history)
    assert assess_party(inf, "USA", D("2019-08-03")).status is PartyStatus.WITHDRAWN
    assert assess_party(inf, "RUS", D("2019-08-03"), history).status is PartyStatus.TREATY_ENDED
    assert assess_party(inf, "SUN", D("2019-08-03"), history).status is PartyStatus.CEASED_TO_EXIST
    assert assess_party(inf, "RUS", D("1989-01-01"), history).status is PartyStatus.NOT_YET_EXISTING


def test_multilateral_withdrawal_changes_the_party_not_the_treaty(small: Dataset) -> None:
    open_skies = by_id(small, "open-skies")
    assert status_on(open_skies, D("2022-01-01")) is Status.IN_FORCE
    pending = assess_party(open_skies, "USA", D("2020-11-21"))
    assert (pending.status, pending.withdrawal_effective) == (PartyStatus.PARTY, D("2020-11-22"))
    assert assess_party(open_skies, "USA", D("2020-11-22")).status is PartyStatus.WITHDRAWN
    assert assess_party(open_skies, "RUS", D("2021-12-18")).status is PartyStatus.WITHDRAWN
    # The fixture's list of Open Skies states is partial: a state it does not name is not recorded.
    assert assess_party(open_skies, "FRA", D("2022-01-01")).status is PartyStatus.NOT_RECORDED


def test_ratification_before_entry_into_force_and_deratification(small: Dataset) -> None:
    ctbt = by_id(small, "ctbt")
    assert status_on(ctbt, D("2026-11-28")) is Status.NOT_IN_FORCE
    assert assess_party(ctbt, "RUS", D("2001-01-01")).status is PartyStatus.RATIFIED
    assert assess_party(ctbt, "RUS", D("2023-11-02")).status is PartyStatus.DERATIFIED
    assert assess_party(ctbt, "USA", D("2001-01-01")).status is PartyStatus.SIGNATORY
    assert assess_party(ctbt, "USA", D("1996-09-23")).status is PartyStatus.NOT_PARTY


def test_recorded_effective_date_wins_over_notice_arithmetic(small: Dataset) -> None:
    npt = by_id(small, "npt")
    notice = next(e for e in npt.events if e.type.value == "withdrawal-notice")
    assert withdrawal_effective(npt, notice) == D("2003-01-11")
    assert assess_party(npt, "PRK", D("2003-01-11")).status is PartyStatus.WITHDRAWN
    assert assess_party(npt, "PRK", D("2003-01-10")).status is PartyStatus.PARTY
    assert status_on(npt, D("2026-11-28")) is Status.IN_FORCE


def test_an_indefinite_extension_ends_the_term() -> None:
    term = treaty(
        duration={"years": 25, "source": "s"},
        events=[{"date": "2025-05-11", "type": "extended", "source": "s"}],
    )
    assert scheduled_expiry(term, D("2025-05-10")) == (D("2026-01-01"), None)
    assert scheduled_expiry(term, D("2025-05-11")) is None
    assert status_on(term, D("2100-01-01")) is Status.IN_FORCE


def test_month_arithmetic_clamps_to_month_end() -> None:
    t = treaty(
        withdrawal_notice={"months": 1, "source": "s"},
        events=[{"date": "2024-01-31", "type": "withdrawal-notice", "party": "USA", "source": "s"}],
    )
    assert withdrawal_effective(t, t.events[0]) == D("2024-02-29")


days = st.dates(min_value=D("1950-01-01"), max_value=D("2100-12-31"))


@given(eif=days, years=st.integers(1, 30), probe=days)
def test_term_expiry_boundaries(eif: dt.date, years: int, probe: dt.date) -> None:
    t = treaty(
        signed={"date": eif.isoformat(), "source": "s"},
        entry_into_force={"date": eif.isoformat(), "source": "s"},
        duration={"years": years, "source": "s"},
    )
    expiry = eif + relativedelta(years=years)
    expected = Status.NOT_IN_FORCE if probe < eif else Status.IN_FORCE if probe < expiry else Status.EXPIRED
    assert status_on(t, probe) is expected


@given(eif=days, notice_after=st.integers(0, 5000), months=st.integers(1, 12))
def test_bilateral_withdrawal_takes_effect_exactly_after_the_notice_period(
    eif: dt.date, notice_after: int, months: int
) -> None:
    notice = eif + dt.timedelta(days=notice_after)
    t = treaty(
        signed={"date": eif.isoformat(), "source": "s"},
        entry_into_force={"date": eif.isoformat(), "source": "s"},
        withdrawal_notice={"months": months, "source": "s"},
        events=[{"date": notice.isoformat(), "type": "withdrawal-notice", "party": "USA", "source": "s"}],
    )
    effective = notice + relativedelta(months=months)
    assert status_on(t, effective - dt.timedelta(days=1)) is Status.IN_FORCE
    assert status_on(t, effective) is Status.TERMINATED
    assert assess(t, notice).expires == effective


event_kinds = st.sampled_from(
    [
        "suspended",
        "resumed",
        "withdrawal-notice",
        "withdrawal-rescinded",
        "withdrawn",
        "statement",
        "extended",
        "terminated",
        "superseded",
        "expired",
        "signed",
    ]
)


@st.composite
def histories(draw: st.DrawFn) -> Treaty:
    eif = draw(st.dates(min_value=D("1970-01-01"), max_value=D("2030-12-31")))
    offsets = sorted(draw(st.lists(st.integers(0, 20000), max_size=8)))
    events = []
    for offset in offsets:
        kind = draw(event_kinds)
        day = eif + dt.timedelta(days=offset)
        event: dict[str, Any] = {"date": day.isoformat(), "type": kind, "source": "s"}
        if kind not in ("extended", "terminated", "superseded", "expired", "statement"):
            event["party"] = draw(st.sampled_from(["USA", "RUS"]))
        if kind == "extended":
            event["new_expiry"] = (day + dt.timedelta(days=draw(st.integers(1, 4000)))).isoformat()
        events.append(event)
    extra: dict[str, Any] = {}
    if draw(st.booleans()):
        extra["duration"] = {"years": draw(st.integers(1, 25)), "source": "s"}
    if draw(st.booleans()):
        extra["withdrawal_notice"] = {"months": draw(st.integers(1, 12)), "source": "s"}
    kind = draw(st.sampled_from(["bilateral", "multilateral", "regional"]))
    return treaty(
        kind=kind,
        signed={"date": eif.isoformat(), "source": "s"},
        entry_into_force={"date": eif.isoformat(), "source": "s"},
        events=events,
        **extra,
    )


@settings(max_examples=300)
@given(t=histories(), first=days, gap=st.integers(1, 20000))
def test_an_ended_treaty_stays_ended(t: Treaty, first: dt.date, gap: int) -> None:
    later = first + dt.timedelta(days=gap)
    if status_on(t, first).ended:
        assert status_on(t, later).ended


@settings(max_examples=300)
@given(t=histories(), probe=days)
def test_assessment_is_consistent(t: Treaty, probe: dt.date) -> None:
    now = assess(t, probe)
    assert now.why
    if now.since is not None:
        assert now.since <= probe or now.status is Status.NOT_IN_FORCE
    if now.status.ended:
        assert now.expires == now.since
    elif now.expires is not None:
        assert now.expires > probe
    for party in t.recorded_states:
        standing = assess_party(t, party, probe)
        if now.status is Status.NOT_IN_FORCE:
            assert standing.status is not PartyStatus.PARTY
        if standing.withdrawal_effective is not None:
            assert standing.withdrawal_effective > probe


def test_a_withdrawal_in_effect_cannot_be_rescinded() -> None:
    t = treaty(
        events=[
            {"date": "2002-01-01", "type": "withdrawn", "party": "USA", "source": "s"},
            {"date": "2002-01-02", "type": "withdrawal-rescinded", "party": "USA", "source": "s"},
        ]
    )
    assert status_on(t, D("2002-01-03")) is Status.TERMINATED


def test_a_pending_withdrawal_can_be_rescinded() -> None:
    t = treaty(
        withdrawal_notice={"months": 6, "source": "s"},
        events=[
            {"date": "2010-01-01", "type": "withdrawal-notice", "party": "USA", "source": "s"},
            {"date": "2010-03-01", "type": "withdrawal-rescinded", "party": "USA", "source": "s"},
        ],
    )
    assert status_on(t, D("2011-01-01")) is Status.IN_FORCE
    assert assess_party(t, "USA", D("2011-01-01")).status is PartyStatus.PARTY


@given(
    st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2300, 12, 31)),
    st.integers(0, 100),
    st.integers(0, 240),
    st.integers(0, 4000),
)
def test_adding_a_period_is_dateutils_calendar_arithmetic(day: dt.date, years: int, months: int, days: int) -> None:
    """engine.add_period does its own month arithmetic (it runs for every treaty); it must agree
    with relativedelta, which the status rules were written against, on month ends and leap days."""
    period = Period(years=years, months=months, days=days or (0 if years or months else 1), source="test")
    expected = day + relativedelta(years=period.years, months=period.months, days=period.days)
    assert add_period(day, period) == expected


def key_days(t: Treaty) -> list[dt.date]:
    """Days on which a rule may end the treaty: event dates, expiries, effective days."""
    found = {t.in_force_from} if t.in_force_from else set()
    for event in t.events:
        found |= {event.date, event.new_expiry, event.effective}
        if t.withdrawal_notice is not None:
            found.add(add_period(event.date, t.withdrawal_notice))
    if t.in_force_from and t.duration:
        found.add(add_period(t.in_force_from, t.duration))
    return sorted(d for d in found if d is not None)


def turning_points(t: Treaty) -> list[dt.date]:
    """Days on which an answer may turn: the key days and their neighbours."""
    days = set(key_days(t))
    return sorted(days | {d + dt.timedelta(days=1) for d in days} | {d - dt.timedelta(days=1) for d in days})


@st.composite
def shuffled_histories(draw: st.DrawFn) -> Treaty:
    """`histories`, with the events in any order, sometimes opened for signature too, and
    sometimes an extra event on a day another rule already ends the treaty (ties)."""
    t = draw(histories())
    events = list(t.events)
    if draw(st.booleans()):
        day = draw(st.sampled_from(key_days(t)))
        kind = draw(st.sampled_from(["withdrawn", "withdrawal-notice", "terminated", "expired", "extended"]))
        extra: dict[str, Any] = {"date": day.isoformat(), "type": kind, "source": "s"}
        if kind.startswith("withdraw"):
            extra["party"] = draw(st.sampled_from(["USA", "RUS"]))
        if kind == "extended":
            # never empty: the day after each key day is a turning point
            extra["new_expiry"] = draw(st.sampled_from([d for d in turning_points(t) if d > day])).isoformat()
        events.append(Event.model_validate(extra))
    events = draw(st.permutations(events))
    opened = None
    if draw(st.booleans()):
        day = t.in_force_from - dt.timedelta(days=draw(st.integers(-400, 400)))  # type: ignore[operator]
        opened = SourcedDate(date=day, source="s")
    return t.model_copy(update={"events": tuple(events), "opened_for_signature": opened})


def in_date_order(t: Treaty) -> Treaty:
    """The record as the loader accepts it: events in date order (stable for the same day)."""
    return t.model_copy(update={"events": tuple(sorted(t.events, key=lambda e: e.date))})


@pytest.mark.slow
@settings(max_examples=1000)
@given(t=shuffled_histories(), data=st.data())
def test_the_engine_answers_as_its_plainest_version(t: Treaty, data: st.DataObject) -> None:
    """The engine reads events in date order (the loader refuses any other); on that record it
    answers as the plainest version of its rules."""
    probe = data.draw(st.one_of(days, st.sampled_from(turning_points(t))))
    ordered = in_date_order(t)
    assert assess(t, probe) == engine_reference.assess(ordered, probe)
    assert scheduled_expiry(ordered, probe) == engine_reference.scheduled_expiry(ordered, probe)


@settings(max_examples=300)
@given(t=shuffled_histories(), data=st.data())
def test_one_chronicle_walked_forward_answers_as_a_fresh_assessment_each_day(t: Treaty, data: st.DataObject) -> None:
    """`diff` walks one Chronicle through many days; each answer is the one `assess` gives."""
    probes = sorted(set(data.draw(st.lists(st.one_of(days, st.sampled_from(turning_points(t))), max_size=12))))
    chronicle = Chronicle(t)
    for probe in probes:
        assert chronicle.advance(probe).assessment() == assess(t, probe)


def test_the_engine_answers_as_its_plainest_version_on_the_bundled_data() -> None:
    bundled = load_dataset(bundled_path(), use_cache=False)
    for day in (D("1960-01-01"), D("1991-12-26"), D("2019-08-02"), D("2026-02-05"), D("2040-01-01")):
        for t in bundled.treaties:
            assert assess(t, day) == engine_reference.assess(t, day), (t.id, day)


def test_on_a_tie_a_withdrawal_explains_the_end_before_a_term_and_a_term_before_a_bare_event() -> None:
    t = treaty(
        duration={"years": 10, "source": "s"},
        events=[
            {"date": "2011-01-01", "type": "terminated", "source": "s"},
            {
                "date": "2010-06-01",
                "type": "withdrawal-notice",
                "party": "USA",
                "effective": "2011-01-01",
                "source": "s",
            },
        ],
    )
    for day in (D("2010-12-31"), D("2011-01-01")):  # the end ahead, then the end reached
        assert assess(t, day).expires_by == "withdrawal"
        assert assess(t, day) == engine_reference.assess(t, day)
    assert assess(t, D("2011-01-01")).status is Status.TERMINATED
    without_withdrawal = t.model_copy(update={"events": t.events[:1]})
    assert assess(without_withdrawal, D("2011-01-01")).expires_by == "term"
    assert assess(without_withdrawal, D("2011-01-01")).status is Status.EXPIRED


def test_an_extension_after_expiry_does_not_revive_the_treaty() -> None:
    """Hypothesis found it: a one-year treaty of 1986 'extended' in 2010 came back to life. An
    extension dated on or after the expiry in force is too late (validate reports it)."""
    t = treaty(
        entry_into_force={"date": "1986-05-18", "source": "s"},
        duration={"years": 1, "source": "s"},
        events=[{"date": "2010-08-31", "type": "extended", "new_expiry": "2010-09-01", "source": "s"}],
    )
    assert status_on(t, D("2010-08-01")) is Status.EXPIRED
    assert status_on(t, D("2010-08-31")) is Status.EXPIRED
    on_time = treaty(
        entry_into_force={"date": "1986-05-18", "source": "s"},
        duration={"years": 1, "source": "s"},
        events=[{"date": "1987-05-17", "type": "extended", "new_expiry": "1990-01-01", "source": "s"}],
    )
    assert status_on(on_time, D("1989-12-31")) is Status.IN_FORCE
    assert status_on(on_time, D("1990-01-01")) is Status.EXPIRED
