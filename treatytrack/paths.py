"""Where files live: the bundled dataset and the cache. Kept free of heavy imports (used by --version)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

BUNDLED_NAME = "treaties.yaml"
MAX_BYTES = 64 * 1024 * 1024  # a larger treaty file is refused before it is read


def bundled_path() -> Path:
    """The bundled dataset: inside the installed package, or at the checkout's root.

    Plain paths first (no import of importlib.resources and its zip reader on every run);
    importlib.resources only for a package that is not on the file system.
    """
    here = Path(__file__).resolve().parent
    for candidate in (here / "data" / BUNDLED_NAME, here.parent / "data" / BUNDLED_NAME):
        if candidate.is_file():  # an installed wheel; a checkout or editable install
            return candidate
    from importlib import resources

    return Path(str(resources.files("treatytrack") / "data" / BUNDLED_NAME))


def cache_dir() -> Path:
    """The user's cache directory for treatytrack (TREATYTRACK_CACHE_DIR overrides it)."""
    override = os.environ.get("TREATYTRACK_CACHE_DIR")
    if override:
        return Path(override)
    if sys.platform.startswith("linux"):
        # platformdirs' XDG rule without its import (a few ms on every run); odd cases go to it.
        base = os.environ.get("XDG_CACHE_HOME", "")
        home = os.environ.get("HOME")
        if not os.path.isabs(base) and (home is None or os.path.isabs(home)):
            base = os.path.expanduser("~/.cache")
        if os.path.isabs(base):
            return Path(base) / "treatytrack"
    import platformdirs

    return Path(platformdirs.user_cache_dir("treatytrack", appauthor=False))
