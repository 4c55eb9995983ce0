"""The batch-at-a-time loader: the same dataset, or the same located problems, as the whole-file
reader, or no answer at all.

`load_in_chunks` may decline any file (the whole-file path then loads it or reports why), but
when it answers, its dataset must equal the whole-file reader's and its cache key must be the
key of the file's bytes; and when it reports problems, they must be the whole-file reader's,
line for line. It must also answer for the files it exists for: well-formed ones, and ones
whose treaties do not validate.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import SMALL
from treatytrack.core.models import Dataset
from treatytrack.store import cache, chunked, yamlstrict
from treatytrack.store.load import LoadError, load_dataset, parse_dataset
from treatytrack.store.paths import bundled_path

GENERATOR = Path(__file__).parent.parent / "benchmarks" / "generate.py"
BUNDLED = bundled_path().read_bytes()


def whole_file(data: bytes, path: Path) -> Dataset | list[str]:
    try:
        return parse_dataset(data, str(path))
    except LoadError as err:
        return [str(p) for p in err.problems]


def agrees(data: bytes, path: Path) -> Dataset | list[str] | None:
    """The chunked answer for `data` (a dataset, problems, or None), checked against the whole-file reader."""
    path.write_bytes(data)
    try:
        answer = chunked.load_in_chunks(path)
    except LoadError as err:
        found = [str(p) for p in err.problems]
        assert found == whole_file(data, path)
        return found
    if answer is not None:
        dataset, key = answer
        assert dataset == whole_file(data, path)
        assert key == cache.cache_key(data)
        return dataset
    return None


@pytest.fixture(autouse=True)
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Batches of 3 treaties, so small files cross many batch boundaries."""
    monkeypatch.setattr(chunked, "BATCH", 3)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("generated") / "t.yaml"
    subprocess.run([sys.executable, str(GENERATOR), "40", str(path)], check=True, capture_output=True)
    return path.read_bytes()


@pytest.mark.parametrize("name", ["bundled", "small", "synthetic"])
def test_well_formed_files_load_in_chunks_as_they_load_whole(
    name: str, synthetic: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = {"bundled": BUNDLED, "small": SMALL.read_bytes(), "synthetic": synthetic}[name]
    for batch in (1, 3, 64):
        monkeypatch.setattr(chunked, "BATCH", batch)
        assert agrees(data, tmp_path / "t.yaml") is not None


def _items_at_column_zero(data: bytes) -> bytes:
    """The treaties list written with its dashes at column 0: the same YAML."""
    head, sep, items = data.partition(b"\ntreaties:\n")
    lines = items.split(b"\n")
    return head + sep + b"\n".join(line[2:] if line.startswith(b"  ") else line for line in lines)


LAYOUTS = {
    "crlf": lambda d: d.replace(b"\n", b"\r\n"),
    "bom": lambda d: b"\xef\xbb\xbf" + d,
    "comments between items": lambda d: d.replace(b"\n  - id:", b"\n# a comment\n\n    # another\n  - id:"),
    "dashes at column 0": _items_at_column_zero,
    "keys after the list": lambda d: d.replace(b"\nversion: 1\n", b"\n", 1) + b"version: 1\n",
    "comment after the key": lambda d: d.replace(b"\ntreaties:\n", b"\ntreaties:   # the records\n"),
}


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_other_layouts_of_the_same_data(layout: str, tmp_path: Path) -> None:
    data = LAYOUTS[layout](BUNDLED)
    dataset = agrees(data, tmp_path / "t.yaml")
    assert dataset is not None, f"the chunked reader declined a well-formed file ({layout})"
    assert dataset == parse_dataset(BUNDLED, "bundled")


DECLINED = {
    "no treaties key": b"version: 1\nreviewed: 2026-01-01\n",
    "empty list": b"version: 1\nreviewed: 2026-01-01\ntreaties:\n",
    "flow list": b"version: 1\nreviewed: 2026-01-01\ntreaties: []\n",
    "quoted scalar across an item boundary": BUNDLED.replace(b"\n  - id: ", b'\n  - x: "a\n  - id: ', 1),
    "tab before a dash": BUNDLED.replace(b"\n  - id: ", b"\n\t- id: ", 1),
    "second document": BUNDLED + b"---\nversion: 1\n",
    "duplicate key": BUNDLED.replace(b"\n    kind: bilateral", b"\n    kind: bilateral\n    kind: bilateral", 1),
    "lone CR": BUNDLED.replace(b"\n    kind: bilateral", b"\r    kind: bilateral", 1),
    "line separator": BUNDLED.replace(b"short_name: INF Treaty", "short_name: INF\u2028Treaty".encode(), 1),
}


@pytest.mark.parametrize("case", list(DECLINED))
def test_odd_layouts_and_yaml_problems_are_left_to_the_whole_file_reader(case: str, tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_bytes(DECLINED[case])
    assert chunked.load_in_chunks(path) is None


_LAST = BUNDLED.rindex(b"\n  - id: ")


def _with_finding_in_third(data: bytes) -> bytes:
    """An unknown party code in an event of the third treaty: a cross-record finding."""
    third = data.index(b"\n  - id: ", data.index(b"\n  - id: ", data.index(b"\n  - id: ") + 1) + 1)
    at = data.index(b"party: ", third) + len(b"party: ")
    return data[:at] + b"RUZ" + data[at + 3 :]


REPORTED = {
    "invalid treaty": BUNDLED.replace(b"kind: bilateral", b"kind: trilateral", 1),
    "invalid last treaty": BUNDLED[:_LAST] + BUNDLED[_LAST:].replace(b"\n    kind: ", b"\n    kinds: ", 1),
    "duplicate treaty id": BUNDLED + BUNDLED[BUNDLED.index(b"\n  - id: ") + 1 :],
    "two bad treaties and a finding": _with_finding_in_third(
        BUNDLED.replace(b"kind: bilateral", b"kind: trilateral", 2)
    ),
    "a bad top-level key after the list": BUNDLED + b"reveiwed: 2026-01-01\n",
    "a bad version before it": BUNDLED.replace(b"\nversion: 1\n", b"\nversion: 2\n", 1),
    "a bad organisation": BUNDLED.replace(b"  - code: EU\n", b"  - code: eu\n", 1),
    "a finding in an organisation": BUNDLED.replace(b"  - code: EU\n", b"  - code: FRA\n", 1),
}


@pytest.mark.parametrize("case", list(REPORTED))
# Batches of 1 and 3 treaties put every problem at a batch's border: in the full suite only.
@pytest.mark.parametrize(
    "batch", [pytest.param(1, marks=pytest.mark.slow), pytest.param(3, marks=pytest.mark.slow), 64]
)
def test_problems_are_reported_from_one_pass_as_the_whole_file_reader_reports_them(
    case: str, batch: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(chunked, "BATCH", batch)
    found = agrees(REPORTED[case], tmp_path / "t.yaml")
    assert isinstance(found, list) and found, f"the chunked reader did not report the problems ({case})"


def test_problems_are_reported_as_before_with_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_bytes(REPORTED["invalid treaty"])
    with pytest.raises(LoadError) as raised:
        load_dataset(path, use_cache=False)
    assert [(p.line, p.message) for p in raised.value.problems] == [
        (
            BUNDLED[: BUNDLED.index(b"kind: bilateral")].count(b"\n") + 1,
            "treaties[0].kind: Input should be 'bilateral', 'multilateral' or 'regional'",
        )
    ]


def test_a_file_with_problems_is_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The whole-file reader (which holds the whole node tree) is not asked to report what the
    batches found; only the batches with findings are composed again."""
    from treatytrack.store import load

    path = tmp_path / "t.yaml"
    path.write_bytes(REPORTED["two bad treaties and a finding"])
    monkeypatch.setattr(load, "read_bytes", lambda *a: pytest.fail("read whole"))
    composed: list[int] = []
    real = yamlstrict.compose

    def counting(text: str) -> object:
        composed.append(len(text))
        return real(text)

    monkeypatch.setattr(yamlstrict, "compose", counting)
    with pytest.raises(LoadError) as raised:
        load_dataset(path, use_cache=False)
    assert len(raised.value.problems) >= 3  # two treaties that do not validate, and findings in a third
    assert sum(composed) < len(BUNDLED) * 1.2  # each batch once, one again, and the lines outside the list


LINES = BUNDLED.split(b"\n")
EDITS = st.sampled_from(["delete", "duplicate", "swap", "indent", "dedent", "dash", "quote", "blank", "comment"])


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(EDITS, st.integers(0, len(LINES) - 1)), min_size=1, max_size=3))
def test_an_edited_file_is_read_as_the_whole_file_reader_reads_it_or_not_at_all(
    edits: list[tuple[str, int]], tmp_path: Path
) -> None:
    lines = list(LINES)
    for edit, where in edits:
        at = where % len(lines)
        line = lines[at]
        if edit == "delete":
            del lines[at]
        elif edit == "duplicate":
            lines.insert(at, line)
        elif edit == "swap" and at + 1 < len(lines):
            lines[at], lines[at + 1] = lines[at + 1], line
        elif edit == "indent":
            lines[at] = b"  " + line
        elif edit == "dedent":
            lines[at] = line[2:] if line.startswith(b"  ") else line
        elif edit == "dash":
            lines[at] = b"  - " + line.lstrip()
        elif edit == "quote":
            lines[at] = line + b' "'
        elif edit == "blank":
            lines.insert(at, b"")
        elif edit == "comment":  # at the indentation of the line it precedes, or none
            lines.insert(at, line[: len(line) - len(line.lstrip())] * (where % 2) + b"# note")
    agrees(b"\n".join(lines), tmp_path / "t.yaml")


def test_validate_reads_files_in_chunks_like_every_command(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """validate is run to find problems, and the chunked reader now locates them in its one pass:
    validate never holds a whole file's node tree for a file whose YAML is sound."""
    from typer.testing import CliRunner

    from treatytrack.cli import app
    from treatytrack.store import load

    calls: list[Path] = []
    real = chunked.load_in_chunks

    def spy(path: Path) -> object:
        calls.append(Path(path))
        return real(path)

    monkeypatch.setattr(chunked, "load_in_chunks", spy)
    monkeypatch.setattr(load, "read_bytes", lambda *a: pytest.fail("read whole"))
    runner = CliRunner()
    assert runner.invoke(app, ["validate", str(SMALL)]).exit_code == 0
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(REPORTED["invalid treaty"])
    result = runner.invoke(app, ["validate", str(bad)])
    assert result.exit_code == 1
    assert "treaties[0].kind: Input should be" in result.stdout
    assert calls == [SMALL, bad]
