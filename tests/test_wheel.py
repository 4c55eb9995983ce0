"""The built wheel carries the dataset and runs from outside the checkout (no network needed)."""

from __future__ import annotations

import json
import site
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_installs_and_lists_outside_the_checkout(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("treatytrack-*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", "-q", str(wheel)],
        check=True,
        capture_output=True,
    )
    # Dependencies come from the test environment, appended after the wheel's own site-packages.
    (new_site,) = (env_dir / "lib").glob("python*/site-packages")
    (new_site / "test-deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    result = subprocess.run(
        [str(env_dir / "bin" / "treatytrack"), "list", "--as-of", "2026-11-28", "--format", "json"],
        check=False,
        cwd=outside,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1"},
    )
    assert result.returncode == 0, result.stderr
    ids = {record["id"] for record in json.loads(result.stdout)}
    assert "new-start" in ids
    where = subprocess.run(
        [str(python), "-c", "from treatytrack.store.paths import bundled_path; print(bundled_path())"],
        cwd=outside,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert where.startswith(str(new_site)), where
    # The page's templates are package data: `export html` works from the wheel alone.
    page = subprocess.run(
        [str(env_dir / "bin" / "treatytrack"), "export", "html", "--as-of", "2026-11-28", "--treaty", "new start"],
        check=False,
        cwd=outside,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1"},
    )
    assert page.returncode == 0, page.stderr
    assert '<section id="treaty-new-start"' in page.stdout and "<svg" in page.stdout
    # The world map's shapes are package data too: `export map` draws from the wheel alone.
    drawn = subprocess.run(
        [str(env_dir / "bin" / "treatytrack"), "export", "map", "--treaty", "tpnw", "--as-of", "2026-06-01"],
        check=False,
        cwd=outside,
        capture_output=True,
        env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1"},
    )
    assert drawn.returncode == 0, drawn.stderr
    assert b'id="area-MEX"' in drawn.stdout
