"""The documentation's examples are real output: every ```console block of docs/**/*.md is run
and compared, as tests/test_readme.py does for the README (same block format: `$ treatytrack ...`
then the exact stdout with COLUMNS=100 NO_COLOR=1).

Regenerate after an intended change with
`UPDATE_README=1 .venv/bin/python -m pytest tests/test_readme.py tests/test_docs_examples.py`.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.test_readme import BLOCK, run_example

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted((ROOT / "docs").rglob("*.md"))
# A ```console block whose first line is not an example of the form the test runs.
ANY_CONSOLE = re.compile(r"```console\n(.*?)\n")


@pytest.mark.parametrize("page", PAGES, ids=[str(p.relative_to(ROOT)) for p in PAGES])
def test_docs_examples_are_current(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    assert len(ANY_CONSOLE.findall(text)) == len(BLOCK.findall(text)), f"{page}: a console block that is not run"
    if os.environ.get("UPDATE_README"):
        text = BLOCK.sub(lambda m: f"```console\n$ {m.group(1)}\n{run_example(m.group(1))}```", text)
        page.write_text(text, encoding="utf-8")
    for command, shown in BLOCK.findall(text):
        assert re.fullmatch(r"(?:[A-Z_]+=\S+ )*treatytrack .*", command)
        assert run_example(command) == shown, f"{page.relative_to(ROOT)}: example out of date: {command}"


def test_every_command_has_a_page_with_an_example() -> None:
    from treatytrack.cli import COMMANDS

    for name in COMMANDS:
        page = ROOT / "docs" / "commands" / f"{'validate' if name == 'schema' else name}.md"
        assert page.exists(), f"no page for {name}"
        nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
        assert f"commands/{page.name}" in nav


def test_the_docs_include_the_data_readme_and_the_benchmarks() -> None:
    assert '--8<-- "data/README.md"' in (ROOT / "docs" / "data.md").read_text(encoding="utf-8")
    assert '--8<-- "benchmarks/RESULTS.md"' in (ROOT / "docs" / "performance.md").read_text(encoding="utf-8")
