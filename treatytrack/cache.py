"""A cache of validated datasets, so repeated runs on an unchanged file skip parsing and checks.

Entries are keyed by a hash of the file's bytes together with treatytrack's and Python's
versions: an edited file (even one of the same size, saved in the same second) has a new key,
so the cache cannot serve stale data. Entries are written atomically (temporary file, then
rename); an unreadable or corrupt entry is ignored and rebuilt. The cache holds pickles of our
own models in the user's own cache directory; it is never shared between users.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from treatytrack import __version__
from treatytrack.paths import cache_dir

if TYPE_CHECKING:
    from treatytrack.models import Dataset

_FORMAT = 2  # 2: records pickled by models._restore


def _versions() -> bytes:
    return f"{__version__}|{sys.version_info[:3]}|{_FORMAT}".encode()


def cache_key(data: bytes) -> str:
    digest = hashlib.blake2b(data, digest_size=20)
    digest.update(_versions())
    return digest.hexdigest()


def file_key(path: Path) -> str | None:
    """`cache_key` of a file's bytes, read a block at a time so a cache hit never holds the whole
    file in memory (None when it cannot be read: the caller's own read reports why)."""
    digest = hashlib.blake2b(digest_size=20)
    try:
        with open(path, "rb") as handle:
            while block := handle.read(1 << 20):
                digest.update(block)
    except OSError:
        return None
    digest.update(_versions())
    return digest.hexdigest()


def entry_path(key: str) -> Path:
    return cache_dir() / f"dataset-{key}.pickle"


def read(key: str) -> Dataset | None:
    from treatytrack.models import Dataset

    try:
        with open(entry_path(key), "rb") as handle:
            value = pickle.load(handle)  # our own file, in the user's own cache
    except FileNotFoundError:
        return None
    except Exception:  # a corrupt or foreign entry: ignore it, it will be rewritten
        return None
    return value if isinstance(value, Dataset) else None


def write(key: str, dataset: Dataset) -> None:
    """Store atomically; a cache that cannot be written is not an error, only slower."""
    target = entry_path(key)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(dataset, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError:
        return
