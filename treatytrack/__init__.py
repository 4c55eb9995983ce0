"""treatytrack: which arms-control agreements hold on any date, from a curated, sourced dataset."""

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:  # what `__getattr__` below gives, for type checkers and editors
    from treatytrack.api import (
        LoadError,
        PartyNotFound,
        Table,
        TreatyData,
        TreatyNotFound,
        TreatyStatus,
        load,
    )

__all__ = [
    "LoadError",
    "PartyNotFound",
    "Table",
    "TreatyData",
    "TreatyNotFound",
    "TreatyStatus",
    "__version__",
    "load",
]


def __getattr__(name: str) -> object:
    """`treatytrack.load`, `treatytrack.TreatyData`...: the Python API (`treatytrack.api`), imported
    on first use so that the command line's start-up does not pay for it."""
    if name in ("load", "TreatyData", "TreatyStatus", "Table", "LoadError", "TreatyNotFound", "PartyNotFound"):
        from treatytrack import api

        return getattr(api, name)
    raise AttributeError(f"module 'treatytrack' has no attribute {name!r}")
