"""The installed `treatytrack` script: pauses the cyclic garbage collector, then runs the CLI.

Paused before anything else is imported: importing Typer, Click and Pydantic allocates enough
objects to set off dozens of collections, each walking everything built so far (about 7% of a
command's start-up here). A command is short-lived and builds acyclic data, which reference
counting frees. Importing `treatytrack.cli` itself (tests, tools) leaves the collector alone.
"""

import gc

gc.disable()

from treatytrack.cli import main  # noqa: E402

__all__ = ["main"]
