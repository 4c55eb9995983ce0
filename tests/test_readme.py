"""The README's examples are real output: each ```console block is run and compared.

Regenerate after an intended change with `UPDATE_README=1 .venv/bin/python -m pytest tests/test_readme.py`.
"""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from treatytrack.cli import app

README = Path(__file__).resolve().parent.parent / "README.md"
BLOCK = re.compile(r"```console\n\$ ((?:[A-Z_]+=\S+ )*treatytrack [^\n]*)\n(.*?)```", re.DOTALL)


def run_example(command: str) -> str:
    """The example's stdout; `NAME=value` words before `treatytrack` set the environment."""
    words = shlex.split(command)
    env = {"COLUMNS": "100", "NO_COLOR": "1"}
    while "=" in words[0]:
        name, _, value = words.pop(0).partition("=")
        env[name] = value
    result = CliRunner().invoke(app, words[1:], env=env)
    return result.stdout


def test_readme_examples_are_current() -> None:
    text = README.read_text(encoding="utf-8")
    blocks = BLOCK.findall(text)
    assert len(blocks) >= 2
    if os.environ.get("UPDATE_README"):
        text = BLOCK.sub(lambda m: f"```console\n$ {m.group(1)}\n{run_example(m.group(1))}```", text)
        README.write_text(text, encoding="utf-8")
        blocks = BLOCK.findall(text)
    for command, shown in blocks:
        assert run_example(command) == shown, f"README example out of date: {command}"


def setup_commands() -> list[str]:
    """The ```sh blocks of the set-up section, in order."""
    text = README.read_text(encoding="utf-8")
    section = text.split("## Set up", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", section, re.DOTALL)]


def test_readme_setup_starts_from_a_clone_and_has_two_commands_ci_runs_one_of() -> None:
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    clone, main, tests = setup_commands()
    assert clone.startswith("git clone ") and clone.endswith("&& cd treatytrack")
    # The main job on the bundled data, with the venv activated so that the bare `treatytrack`
    # of every example runs in the same shell.
    assert main == "python3 -m venv .venv && .venv/bin/pip install -q . && . .venv/bin/activate && treatytrack list"
    assert tests == "python3 -m venv .venv && .venv/bin/pip install -q -e '.[test]' && .venv/bin/python -m pytest"
    assert tests in ci


def test_every_readme_example_is_a_bare_treatytrack_command() -> None:
    """The examples assume the activated venv of the set-up, nothing else."""
    text = README.read_text(encoding="utf-8")
    for command, _ in BLOCK.findall(text):
        assert re.fullmatch(r"(?:[A-Z_]+=\S+ )*treatytrack .*", command)


@pytest.mark.charts
@pytest.mark.parametrize("picture", ["lifespans.png", "ottawa-states.png", "tpnw-map.png"])
def test_readme_chart_is_what_the_command_draws(picture: str, tmp_path: Path) -> None:
    """docs/lifespans.png (the lifespan chart), docs/ottawa-states.png (the per-state chart) and
    docs/tpnw-map.png (the membership map) are the output of the command the README prints beside
    each: redrawn, each has the same size and (all but anti-aliasing) the same pixels."""
    from PIL import Image, ImageChops

    text = README.read_text(encoding="utf-8")
    assert "![" in text and f"](docs/{picture})" in text
    (command,) = re.findall(
        rf"^(treatytrack export (?:png|map) .*--output docs/{re.escape(picture)})$", text, re.MULTILINE
    )
    args = shlex.split(command)[1:]
    target = tmp_path / picture
    args[args.index(f"docs/{picture}")] = str(target)
    result = CliRunner().invoke(app, args, env={"COLUMNS": "100", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.stderr
    with Image.open(README.parent / "docs" / picture) as committed, Image.open(target) as drawn:
        assert committed.size == drawn.size
        difference = ImageChops.difference(committed.convert("RGB"), drawn.convert("RGB")).convert("L")
        changed = sum(1 for value in difference.tobytes() if value > 48)
    assert changed <= 0.005 * committed.size[0] * committed.size[1], f"{changed} pixels differ: redraw docs/{picture}"
