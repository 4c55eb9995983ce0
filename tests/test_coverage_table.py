"""data/README's coverage table is read off the data, never written by hand."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import coverage  # noqa: E402  (tools/coverage.py, a maintainer script)

from treatytrack.store.load import load_dataset  # noqa: E402


def test_the_readme_table_is_the_datas() -> None:
    dataset = load_dataset(ROOT / "data" / "treaties.yaml")
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    assert coverage.with_table(readme, coverage.coverage_table(dataset)) == readme, "run: python tools/coverage.py"


def test_the_table_counts_what_the_lists_say(tmp_path: Path) -> None:
    dataset = load_dataset(ROOT / "data" / "treaties.yaml")
    rows = {line.split(" | ")[0]: line for line in coverage.coverage_table(dataset).splitlines()}
    npt = next(line for key, line in rows.items() if "(`npt`)" in key)
    assert "| complete |" in npt
    stale = tmp_path / "README.md"
    stale.write_text("x\n<!-- coverage:start -->\nold\n<!-- coverage:end -->\n", encoding="utf-8")
    assert coverage.main(["--readme", str(stale), "--check"]) == 1
    assert coverage.main(["--readme", str(stale)]) == 0
    assert coverage.main(["--readme", str(stale), "--check"]) == 0
