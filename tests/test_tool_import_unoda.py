"""tools/import_unoda.py (a maintainer script, not part of the package), on small pages written
for these tests in the structure of the saved UNODA-derived pages."""

from __future__ import annotations

import datetime as dt
import importlib.util
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "tests" / "fixtures" / "unoda"
D = dt.date.fromisoformat


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("import_unoda", ROOT / "tools" / "import_unoda.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["import_unoda"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def data(tmp_path: Path) -> Path:
    shutil.copyfile(HERE / "data.yaml", tmp_path / "treaties.yaml")
    return tmp_path / "treaties.yaml"


def table(path: Path, treaty: str) -> dict[str, object]:
    loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    return next(t for t in loaded["treaties"] if t["id"] == treaty)["participation"]  # type: ignore[no-any-return]


def test_writes_the_tables(tool: ModuleType, data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert tool.main([str(HERE), "--data", str(data)]) == 0
    npt = table(data, "npt")
    assert npt["source"] == "https://treaties.unoda.org/t/npt"
    assert npt["as_of"] == D("2026-08-22")
    assert "one depositary's date per action" in str(npt["list_name"])
    # Russia's acts before 1991-12-26 are the USSR's; China consented after the entry into force
    # and the record has no rule for later consents: complete list, partial coverage, said so.
    assert npt["states"] == {
        "CHN": {"acceded": D("1992-03-12")},
        "SUN": {"signed": D("1968-07-01"), "ratified": D("1970-03-05")},
        "TON": {"succeeded": D("1971-07-07")},
    }
    assert npt["coverage"] == "partial"
    assert "the German Democratic Republic" in str(npt["note"]) and "DPRK" in str(npt["note"])
    canwfz = table(data, "semipalatinsk")
    assert canwfz["coverage"] == "complete"
    assert canwfz["source"] == "https://treaties.unoda.org/t/canwfz"
    assert canwfz["states"] == {"KAZ": {"signed": D("2006-09-08"), "ratified": D("2009-02-19")}}
    # The CTBT is only cross-checked: its UNTC table is untouched.
    assert (
        table(data, "ctbt")["states"]
        == yaml.safe_load((HERE / "data.yaml").read_text())["treaties"][1]["participation"]["states"]
    )
    err = capsys.readouterr().err
    assert "ctbt RUS: UNODA shows ratified 2000-06-30 and a withdrawal on 2023-11-03" in err
    assert "a de-ratification (the UNTC view" in err
    assert "ctbt TON: ratified 2026-07-07, signed 2026-07-07 on UNODA only, after the UNTC list's date" in err
    assert "! ctbt CHL: UNODA {'signed': datetime.date(1996, 9, 24)}" in err
    assert "ctbt: 1 states agree with the UNTC table" in err
    assert "index: CHN npt: joined 1992-03-17, the timeline 1992-03-12" in err
    assert f"wrote {data}" in err


def test_running_again_changes_nothing(tool: ModuleType, data: Path) -> None:
    tool.main([str(HERE), "--data", str(data)])
    first = data.read_bytes()
    assert tool.main([str(HERE), "--data", str(data)]) == 0
    assert data.read_bytes() == first


def test_a_timeline_it_cannot_read_changes_nothing(
    tool: ModuleType, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sources = tmp_path / "pages"
    shutil.copytree(HERE, sources)
    timeline = (sources / "timeline.html").read_text(encoding="utf-8")
    timeline = timeline.replace(
        "Chad withdrew from the International Criminal Court.", "Chad signed the Treaty of Atlantis."
    )
    timeline = timeline.replace("&#127472;&#127487;", "KZ", 1)
    (sources / "timeline.html").write_text(timeline, encoding="utf-8")
    assert tool.main([str(sources), "--data", str(data)]) == 1
    err = capsys.readouterr().err
    assert "'Treaty of Atlantis' is not a treaty the script knows" in err
    assert "the flag 'KZ' (Kazakhstan) is not an ISO country flag" in err
    assert data.read_bytes() == (HERE / "data.yaml").read_bytes()
