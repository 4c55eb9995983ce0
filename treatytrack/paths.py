"""Where files live: the bundled dataset and the cache. Kept free of heavy imports (used by --version)."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

BUNDLED_NAME = "treaties.yaml"
MAX_BYTES = 64 * 1024 * 1024  # a larger treaty file is refused before it is read


def bundled_path() -> Path:
    """The bundled dataset: inside the installed package, or at the checkout's root."""
    packaged = resources.files("treatytrack") / "data" / BUNDLED_NAME
    if packaged.is_file():
        return Path(str(packaged))
    # A checkout or editable install: data/ sits beside the package directory.
    return Path(__file__).resolve().parent.parent / "data" / BUNDLED_NAME


def cache_dir() -> Path:
    """The user's cache directory for treatytrack (TREATYTRACK_CACHE_DIR overrides it)."""
    override = os.environ.get("TREATYTRACK_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("treatytrack", appauthor=False))
