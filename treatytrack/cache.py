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
from typing import TYPE_CHECKING, Any, BinaryIO

from treatytrack import __version__
from treatytrack.paths import cache_dir

if TYPE_CHECKING:
    from treatytrack.models import Dataset

_FORMAT = 4  # 2: records pickled by models.rebuild; 3: in chunks; 4: rows gained `consented`
CHUNK = 1000  # treaties per pickle


def _versions() -> bytes:
    return f"{__version__}|{sys.version_info[:3]}|{_FORMAT}".encode()


def new_digest() -> Any:
    """A hash to feed a file's bytes to, in pieces; `finish_key` turns it into a cache key.

    SHA-256: processors have had instructions for it for years (2.4 times BLAKE2b's speed here),
    and a cache hit hashes the whole file."""
    return hashlib.sha256()


def finish_key(digest: Any) -> str:
    digest.update(_versions())
    return str(digest.hexdigest())


def cache_key(data: bytes) -> str:
    digest = new_digest()
    digest.update(data)
    return finish_key(digest)


def file_key(path: Path) -> str | None:
    """`cache_key` of a file's bytes, read into one reused buffer so a cache hit never holds the
    whole file in memory (None when it cannot be read: the caller's own read reports why)."""
    try:
        with open(path, "rb") as handle:
            digest = hashlib.file_digest(handle, new_digest)
    except OSError:
        return None
    return finish_key(digest)


def entry_path(key: str) -> Path:
    return cache_dir() / f"dataset-{key}.pickle"


def read(key: str) -> Dataset | None:
    """The dataset stored under `key`, or None when there is none or it is unusable."""
    from treatytrack.models import Dataset, Treaty, rebuild

    try:
        with open(entry_path(key), "rb") as handle:  # our own file, in the user's own cache
            values, given, count = pickle.load(handle)
            treaties: list[Treaty] = []
            while len(treaties) < count:
                treaties += pickle.load(handle)
    except FileNotFoundError:
        return None
    except Exception:  # a corrupt or foreign entry: ignore it, it will be rewritten
        return None
    if not isinstance(values, dict) or not all(isinstance(t, Treaty) for t in treaties):
        return None
    return rebuild(Dataset, {**values, "treaties": tuple(treaties)}, given)


def _dump(dataset: Dataset, handle: BinaryIO) -> None:
    """The dataset's own fields, then its treaties in pickles of CHUNK: a pickler remembers every
    object it has written (so that shared ones are written once), which for a whole large
    dataset would cost more memory than the dataset itself."""
    treaties = dataset.treaties
    values = {name: value for name, value in dataset.__dict__.items() if name != "treaties"}
    pickle.dump((values, dataset.model_fields_set, len(treaties)), handle, protocol=pickle.HIGHEST_PROTOCOL)
    for start in range(0, len(treaties), CHUNK):
        pickle.dump(treaties[start : start + CHUNK], handle, protocol=pickle.HIGHEST_PROTOCOL)


def write(key: str, dataset: Dataset) -> None:
    """Store atomically; a cache that cannot be written is not an error, only slower."""
    target = entry_path(key)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(fd, "wb") as handle:
                _dump(dataset, handle)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError:
        return
