"""Rules `validate` applies across a treaty's events: an extension does not revive an ended
treaty, a withdrawal follows its notice, and a recorded effective day that is not notice + the
notice period says why (a note alone does not)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_load import GOOD_TREATY, doc, problems
from treatytrack.core.engine import status_on
from treatytrack.core.vocab import Status
from treatytrack.store.load import load_dataset, parse_dataset
from treatytrack.store.paths import bundled_path

IN_FORCE = "    entry_into_force: {date: 2001-01-01, source: s}\n"
TERM = "    duration: {years: 10, source: s}\n"  # ends 2011-01-01
NOTICE = "    withdrawal_notice: {months: 6, source: s}\n"


def treaty(extra: str, events: list[str]) -> bytes:
    body = GOOD_TREATY + IN_FORCE + extra + "    events:\n" + "".join(f"      - {{{e}}}\n" for e in events)
    return doc(body)


def found(extra: str, *events: str) -> list[str]:
    try:
        parse_dataset(treaty(extra, list(events)), "f.yaml")
    except Exception:
        return [p.split(": ", 2)[2] if p.count(": ") >= 2 else p for p in problems(treaty(extra, list(events)))]
    return []


# An extension agreed while the treaty is in force, not after it ended ------------------------


def test_an_extension_before_the_term_ends_is_fine() -> None:
    assert found(TERM, "date: 2010-12-31, type: extended, new_expiry: 2016-01-01, source: s") == []


@pytest.mark.parametrize(
    ("extra", "events", "message"),
    [
        (
            TERM,
            ["date: 2012-06-01, type: extended, new_expiry: 2020-01-01, source: s"],
            "an extension on 2012-06-01 of a treaty that had already expired on 2011-01-01 (10-year term from entry "
            "into force on 2001-01-01, ending 2011-01-01); an extension cannot revive it: check the dates, or record "
            "the new agreement as a treaty of its own",
        ),
        (
            TERM,
            ["date: 2011-01-01, type: extended, source: s"],  # on the expiry day: it has expired on that day
            "an extension on 2011-01-01 of a treaty that had already expired on 2011-01-01",
        ),
        (
            TERM,
            [
                "date: 2010-06-01, type: extended, new_expiry: 2012-01-01, source: s",
                "date: 2013-01-01, type: extended, new_expiry: 2014-01-01, source: s",
            ],
            "an extension on 2013-01-01 of a treaty that had already expired on 2012-01-01 (term extended on 2010-06-01",
        ),
        (
            "",
            ["date: 2005-01-01, type: terminated, source: s", "date: 2006-01-01, type: extended, source: s"],
            "an extension on 2006-01-01 of a treaty that had already terminated on 2005-01-01 (terminated on 2005-01-01)",
        ),
        (
            NOTICE,
            [
                "date: 2005-01-01, type: withdrawal-notice, party: USA, source: s",
                "date: 2005-07-01, type: withdrawn, party: USA, source: s",
                "date: 2006-01-01, type: extended, source: s",
            ],
            "an extension on 2006-01-01 of a treaty that had already terminated on 2005-07-01",
        ),
    ],
)
def test_an_extension_after_the_treaty_ended_is_reported(extra: str, events: list[str], message: str) -> None:
    (problem,) = found(extra, *events)
    assert problem.startswith(message), problem


def test_the_extension_is_located_at_its_date() -> None:
    (problem,) = problems(treaty(TERM, ["date: 2012-06-01, type: extended, source: s"]))
    assert problem.startswith("f.yaml:15:16: treaties[0].events[0].date: an extension on 2012-06-01")


# A withdrawal follows its notice ------------------------------------------------------------


def test_a_withdrawal_after_its_notice_on_the_day_it_takes_effect_is_fine() -> None:
    assert (
        found(
            NOTICE,
            "date: 2005-01-01, type: withdrawal-notice, party: USA, source: s",
            "date: 2005-07-01, type: withdrawn, party: USA, source: s",
        )
        == []
    )


def test_a_withdrawal_without_a_notice_is_reported() -> None:
    assert found(NOTICE, "date: 2005-07-01, type: withdrawn, party: USA, source: s") == [
        "a withdrawal by USA with no `withdrawal-notice` before it, under a treaty with a 6 months notice period: "
        "record the notice with its date and source, or, if no source gives it, say so in `notice_unknown`"
    ]


def test_a_note_does_not_excuse_it_but_notice_unknown_does() -> None:
    noted = "date: 2005-07-01, type: withdrawn, party: USA, note: 'took effect', source: s"
    assert len(found(NOTICE, noted)) == 1
    marked = "date: 2005-07-01, type: withdrawn, party: USA, notice_unknown: 'no source gives the notice', source: s"
    assert found(NOTICE, marked) == []


def test_without_a_notice_period_a_withdrawal_needs_no_notice() -> None:
    assert found("", "date: 2005-07-01, type: withdrawn, party: USA, source: s") == []


def test_notice_unknown_with_a_recorded_notice_is_reported() -> None:
    assert found(
        NOTICE,
        "date: 2005-01-01, type: withdrawal-notice, party: USA, source: s",
        "date: 2005-07-01, type: withdrawn, party: USA, notice_unknown: x, source: s",
    ) == ["the notice of 2005-01-01 is recorded; remove `notice_unknown`"]


def test_a_withdrawal_on_another_day_than_its_notice_takes_effect_is_reported() -> None:
    assert found(
        NOTICE,
        "date: 2005-01-01, type: withdrawal-notice, party: USA, source: s",
        "date: 2005-08-01, type: withdrawn, party: USA, source: s",
    ) == [
        "the withdrawal by USA took effect on 2005-08-01, but its notice of 2005-01-01 takes effect on 2005-07-01; "
        "check the dates"
    ]


def test_a_rescinded_notice_does_not_count() -> None:
    assert (
        len(
            found(
                NOTICE,
                "date: 2005-01-01, type: withdrawal-notice, party: USA, source: s",
                "date: 2005-03-01, type: withdrawal-rescinded, party: USA, source: s",
                "date: 2006-07-01, type: withdrawn, party: USA, source: s",
            )
        )
        == 1
    )


def test_notice_unknown_only_on_a_withdrawal() -> None:
    (problem,) = found(NOTICE, "date: 2005-07-01, type: suspended, party: USA, notice_unknown: x, source: s")
    assert problem == "`notice_unknown` belongs only on a `withdrawn` event"


# A recorded effective day is notice + period, or says why not -------------------------------


def test_an_effective_day_that_disagrees_is_reported_even_with_a_note() -> None:
    event = "date: 2005-01-01, type: withdrawal-notice, party: USA, effective: 2005-01-02, note: 'said so', source: s"
    assert found(NOTICE, event) == [
        "effective 2005-01-02 is not notice 2005-01-01 + 6 months (2005-07-01); check the dates, or, if a source "
        "gives this day, say why in `effective_differs`"
    ]


def test_effective_differs_gives_the_reason() -> None:
    event = "date: 2005-01-01, type: withdrawal-notice, party: USA, effective: 2005-01-02, effective_differs: 'the state counted an earlier notice', source: s"
    assert found(NOTICE, event) == []


def test_effective_differs_when_nothing_differs_is_reported() -> None:
    event = (
        "date: 2005-01-01, type: withdrawal-notice, party: USA, effective: 2005-07-01, effective_differs: x, source: s"
    )
    assert found(NOTICE, event) == ["effective 2005-07-01 is notice 2005-01-01 + 6 months; remove `effective_differs`"]


def test_effective_differs_needs_an_effective_day() -> None:
    event = "date: 2005-01-01, type: withdrawal-notice, party: USA, effective_differs: x, source: s"
    assert found(NOTICE, event) == ["`effective_differs` explains a recorded `effective`; this event has none"]


# The bundled data, after these rules ---------------------------------------------------------


def test_the_npt_did_not_lapse_before_its_extension_conference_decided() -> None:
    npt = next(t for t in load_dataset(bundled_path()).treaties if t.id == "npt")
    for day in ("1995-03-04", "1995-03-05", "1995-04-17", "1995-05-11", "2026-11-28"):
        assert status_on(npt, dt.date.fromisoformat(day)) is Status.IN_FORCE, day


def test_the_benchmark_generator_writes_files_that_obey_these_rules(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    generator = Path(__file__).parent.parent / "benchmarks" / "generate.py"
    subprocess.run([sys.executable, str(generator), "400", str(path)], check=True, capture_output=True)
    assert len(load_dataset(path, use_cache=False).treaties) == 400
