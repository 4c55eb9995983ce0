"""The saved depositary pages (skipped unless they are here): each, imported into a copy of the
bundled data, reproduces the committed table (apart from acts written with their own source)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.test_import_untc import rows, run

# Each page is parsed and imported into a copy of the dataset: minutes in all.
pytestmark = pytest.mark.slow

# -- the saved depositary pages ---------------------------------------------------------------

SAVED = Path(os.environ.get("TREATYTRACK_UNTC_PAGES", "/work/shared/sources/untc-2026-02-03"))
PAGES = {
    "enmod.html": "enmod",
    "ccw.html": "ccw",
    "ccw_p4.html": "ccw-protocol-iv",
    "ccw_p2a.html": "ccw-amended-protocol-ii",
    "ccw_art1.html": "ccw-article-1-amendment",
    "ccw_p5.html": "ccw-protocol-v",
    "cwc.html": "cwc",
    "ctbt.html": "ctbt",
    "ottawa.html": "ottawa-convention",
    "ccm.html": "cluster-munitions",
    "att.html": "att",
    "tpnw.html": "tpnw",
}


def _listed(states: dict[str, dict[str, object]]) -> dict[str, dict[str, object]]:
    """The acts a list gives: without those written with their own source."""
    kept = {}
    for code, row in states.items():
        if "source" in row:
            continue
        acts = {k: v for k, v in row.items() if not (isinstance(v, dict) and "source" in v)}
        if acts:
            kept[code] = acts
    return kept


@pytest.mark.skipif(not SAVED.is_dir(), reason="the saved UNTC pages are not here (TREATYTRACK_UNTC_PAGES)")
@pytest.mark.parametrize(("page", "treaty"), PAGES.items())
def test_saved_pages_reproduce_the_committed_tables(page: str, treaty: str, tmp_path: Path) -> None:
    from treatytrack.store.paths import bundled_path

    target = tmp_path / "treaties.yaml"
    shutil.copyfile(bundled_path(), target)
    committed = rows(target, treaty)
    code, _, err = run(SAVED / page, "--treaty", treaty, "--data", target)
    assert code == 0, err
    assert "new states" not in err and "dates that moved" not in err and "new acts" not in err, err
    assert _listed(rows(target, treaty)) == _listed(committed)


UNODA = Path(os.environ.get("TREATYTRACK_UNODA_PAGES", "/work/shared/sources/unoda-2026-08-22"))


@pytest.mark.skipif(not UNODA.is_dir(), reason="the saved UNODA pages are not here (TREATYTRACK_UNODA_PAGES)")
def test_saved_unoda_pages_reproduce_the_committed_tables(tmp_path: Path) -> None:
    import importlib.util
    import sys

    from treatytrack.store.paths import bundled_path

    root = Path(__file__).resolve().parent.parent
    spec = importlib.util.spec_from_file_location("import_unoda", root / "tools" / "import_unoda.py")
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    sys.modules["import_unoda"] = tool
    spec.loader.exec_module(tool)
    target = tmp_path / "treaties.yaml"
    shutil.copyfile(bundled_path(), target)
    assert tool.main([str(UNODA), "--data", str(target)]) == 0
    assert target.read_bytes() == bundled_path().read_bytes()
