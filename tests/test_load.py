"""The loader: every bad file is refused with located, fixable problems; good files load as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import SMALL
from treatytrack.store.load import LoadError, load_dataset, parse_dataset

GOOD_TREATY = """\
  - id: t
    name: Test Treaty
    short_name: TT
    kind: bilateral
    instrument: treaty
    categories: [nuclear]
    participation: {coverage: complete, as_of: 2000-01-01, source: s, states: {USA: {original: true}, RUS: {original: true}}}
    signed: {date: 2000-01-01, source: s}
"""


def doc(treaty: str = GOOD_TREATY, head: str = "version: 1\nreviewed: 2026-11-28\n") -> bytes:
    return (head + "treaties:\n" + treaty).encode()


def problems(data: bytes) -> list[str]:
    with pytest.raises(LoadError) as caught:
        parse_dataset(data, "f.yaml")
    return [str(p) for p in caught.value.problems]


def test_good_file_loads() -> None:
    dataset = parse_dataset(doc(), "f.yaml")
    assert dataset.treaties[0].signed is not None
    assert dataset.treaties[0].signed.date.isoformat() == "2000-01-01"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "f.yaml:1:1: the file is empty; a dataset starts with `version: 1`"),
        (
            b"- a\n- b\n",
            "f.yaml:1:1: not a treaty file: the top level is a list; a treaty file is a mapping with `version`, `reviewed` and `treaties`",
        ),
        (
            b"version: 1\n---\nversion: 1\n",
            "f.yaml:2:1: several YAML documents in one file; keep one (delete the `---` or `...` line)",
        ),
        (b"version: 1\nversion: 1\n", "f.yaml:2:1: duplicate key `version` (first on line 1); keep one of them"),
        (b"a: &x [1]\nb: *x\n", "f.yaml:1:4: anchors and aliases (&name, *name) are not allowed; write the value out"),
        (b"a: {x: 1}\nb:\n  <<: {y: 1}\n", "f.yaml:3:3: merge keys (<<) are not allowed; write the keys out"),
        (
            b"a: !!python/object:os.system x\n",
            "f.yaml:1:4: explicit tags such as `tag:yaml.org,2002:python/object:os.system` are not allowed; remove the tag",
        ),
        (b"a: \xff\n", "f.yaml:1:4: not valid UTF-8; save the file as UTF-8"),
        (b"a: b\x1b[31mred\n", "f.yaml:1:5: control character U+001B is not allowed; delete it"),
        (b"a: [1, 2\n", "f.yaml:2:1: did not find expected ',' or ']'"),
    ],
)
def test_hostile_yaml(data: bytes, expected: str) -> None:
    assert problems(data) == [expected]


def test_billion_laughs_is_refused_quickly() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [
        f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]"
        for i in range(1, 12)
    ]
    found = problems("\n".join(lines).encode())
    assert len(found) == 1 and "anchors and aliases" in found[0]


def test_deep_nesting_is_refused() -> None:
    found = problems(b"a: " + b"[" * 40 + b"]" * 40 + b"\n")
    assert "nested more than 32 levels deep" in found[0]


def test_yaml11_booleans_stay_strings() -> None:
    dataset = parse_dataset(doc(GOOD_TREATY.replace("short_name: TT", "short_name: NO")), "f.yaml")
    assert dataset.treaties[0].short_name == "NO"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("signed: {date: 2000-01-01", "signed: {date: 2000-02-30"),
            "f.yaml:11:20: treaties[0].signed.date: 2000-02-30 is not a calendar date",
        ),
        (
            ("signed: {date: 2000-01-01", "signed: {date: 946684800"),
            "f.yaml:11:20: treaties[0].signed.date: dates are written YYYY-MM-DD, e.g. 2011-02-05",
        ),
        (
            ("signed: {date: 2000-01-01", "signed: {date: 2000-01-01T00:00:00"),
            "f.yaml:11:20: treaties[0].signed.date: dates are written YYYY-MM-DD, e.g. 2011-02-05",
        ),
        (
            ("    name: Test Treaty\n", "    name: Test Treaty\n    entry_into_forse: {date: 2001-01-01, source: s}\n"),
            "f.yaml:6:5: treaties[0]: unknown key `entry_into_forse`; did you mean `entry_into_force`?",
        ),
        (("    name: Test Treaty\n", "    name: ''\n"), "f.yaml:5:11: treaties[0].name: must not be empty"),
        (("    name: Test Treaty\n", ""), "f.yaml:4:5: treaties[0]: missing required key `name`"),
        (
            ("    short_name: TT\n", "    short_name: 1984\n"),
            'f.yaml:6:17: treaties[0].short_name: Input should be a valid string; quote it, e.g. "..."',
        ),
        (
            ("RUS: {original: true}", "RUZ: {original: true}"),
            "f.yaml:10:103: treaties[0].participation.states.RUZ: unknown party code `RUZ`: use an ISO 3166-1 alpha-3 code or declare it under `non_state_parties`; did you mean UZB (Uzbekistan), RUS (Russian Federation), ROU (Romania)?",
        ),
        (
            ("kind: bilateral", "kind: trilateral"),
            "f.yaml:7:11: treaties[0].kind: Input should be 'bilateral', 'multilateral' or 'regional'",
        ),
    ],
)
def test_located_model_errors(change: tuple[str, str], expected: str) -> None:
    old, new = change
    assert old in GOOD_TREATY
    assert problems(doc(GOOD_TREATY.replace(old, new))) == [expected]


def test_cross_record_rules() -> None:
    text = GOOD_TREATY + GOOD_TREATY.replace(
        "signed: {date: 2000-01-01, source: s}",
        """\
signed: {date: 2000-01-01, source: s}
    entry_into_force: {date: 1999-01-01, source: s}
    events:
      - {date: 2001-01-01, type: suspended, party: FRX, source: s}
      - {date: 1999-06-01, type: extended, new_expiry: 2030-01-01, source: s}
""",
    )
    assert problems(doc(text)) == [
        "f.yaml:12:9: treaties[1].id: duplicate id `t` (also treaty #1 in the file); ids must be unique",
        "f.yaml:20:30: treaties[1].entry_into_force.date: entry into force 1999-01-01 is before signature 2000-01-01",
        "f.yaml:22:52: treaties[1].events[0].party: unknown party code `FRX`: use an ISO 3166-1 alpha-3 code or declare it under `non_state_parties`; did you mean FXX (France, Metropolitan), FRO (Faroe Islands), FRA (France)?",
        "f.yaml:23:16: treaties[1].events[1].date: events are in date order: 1999-06-01 comes after 2001-01-01; move this event up",
        "f.yaml:23:16: treaties[1].events[1].date: extended on 1999-06-01 is before the treaty was signed or opened (2000-01-01)",
    ]


def test_missing_file() -> None:
    with pytest.raises(LoadError) as caught:
        load_dataset(Path("/nonexistent/treaties.yaml"))
    assert str(caught.value) == "/nonexistent/treaties.yaml: no such file; check the path"


LOCATED = re.compile(r"^f\.yaml:\d+:\d+: \S.*$")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_mutated_files_load_or_fail_with_located_problems(data: st.DataObject) -> None:
    original = SMALL.read_bytes()
    mutation = data.draw(st.sampled_from(["bytes", "delete-line", "swap-lines", "flip-key"]))
    lines = original.split(b"\n")
    if mutation == "bytes":
        at = data.draw(st.integers(0, len(original) - 1))
        mutated = original[:at] + data.draw(st.binary(min_size=1, max_size=4)) + original[at + 1 :]
    elif mutation == "delete-line":
        del lines[data.draw(st.integers(0, len(lines) - 1))]
        mutated = b"\n".join(lines)
    elif mutation == "swap-lines":
        i, j = data.draw(st.integers(0, len(lines) - 1)), data.draw(st.integers(0, len(lines) - 1))
        lines[i], lines[j] = lines[j], lines[i]
        mutated = b"\n".join(lines)
    else:
        i = data.draw(st.integers(0, len(lines) - 1))
        lines[i] = lines[i].replace(b"date", b"dtae").replace(b"type", b"tpye")
        mutated = b"\n".join(lines)
    try:
        parse_dataset(mutated, "f.yaml")
    except LoadError as err:
        assert err.problems
        for problem in err.problems:
            assert LOCATED.match(str(problem)), str(problem)


def test_model_and_cross_record_problems_are_reported_together() -> None:
    broken = GOOD_TREATY.replace("kind: bilateral", "kind: trilateral")
    other = GOOD_TREATY.replace("id: t", "id: u").replace("RUS: {original", "RUZ: {original")
    found = problems(doc(broken + other))
    assert [p.split(": ")[1] for p in found] == ["treaties[0].kind", "treaties[1].participation.states.RUZ"]
