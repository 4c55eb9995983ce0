"""The command line: parse options, call the core, hand results to a renderer.

The only package that knows about stdout, stderr, exit codes and "today". Heavy modules
(Pydantic, PyYAML, Rich) are imported inside the commands that use them, so that `--version`,
`--help` and shell completion stay quick.
"""

from __future__ import annotations

from treatytrack.cli import analysis, history, listing
from treatytrack.cli.common import app

__all__ = ["analysis", "app", "history", "listing", "main"]


def main() -> None:
    app()
