"""A cache of validated datasets, so repeated runs on an unchanged file skip parsing and checks.

Entries are keyed by a hash of the file's bytes together with what reads them back: Python's,
Pydantic's and treatytrack's versions, a fingerprint of treatytrack's own source files (name,
size and modification time of each, so an edited checkout or a reinstall has new keys), and one
of the models' fields. An edited file (even one of the same size, saved in the same second) has
a new key, and so does new code: the cache cannot serve stale data, or data shaped for other
code. Entries are written atomically (temporary file, then rename); an entry that does not load
cleanly, for any reason, is a miss and is rebuilt. Beside a dataset's entry, what is worked out
from it may be kept under the same key (`store.changes`: its whole record's changes), through
`read_own` and `write_own`, with the same guarantees. A cache keeps the KEEP most recently used
entries of each kind: a write removes the others.

The entries are pickles of our own models, and unpickling can run code; so an entry is read
only if it could only have been written by this user: the directory and the file must belong to
the user and be writable by nobody else (the directory is made 0700), and the unpickler accepts
only the classes an entry holds (the models, their enums, `datetime.date`, `models.rebuild`),
so that even a forged entry cannot name `os.system`.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import re
import stat
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TypeVar

from treatytrack import __version__
from treatytrack.store.paths import cache_dir

if TYPE_CHECKING:
    from treatytrack.core.models import Dataset

_FORMAT = 5  # 2: records pickled by models.rebuild; 3: in chunks; 4: restricted classes, code fingerprint; 5: rows gained `consented`
CHUNK = 1000  # treaties per pickle
_PACKAGE = Path(__file__).resolve().parent.parent  # the whole package, every layer
T = TypeVar("T")


def _code_fingerprint() -> str:
    """treatytrack's own source files, by name, size and modification time: a few dozen stat
    calls (well under a millisecond), where hashing their bytes would read them all."""
    parts: list[str] = []
    pending = [""]  # directories under the package, as relative paths
    while pending:
        relative = pending.pop()
        try:
            entries = sorted(os.scandir(_PACKAGE / relative), key=lambda e: e.name)
        except OSError:  # not on a file system (a zip): the versions alone
            continue
        for entry in entries:
            if entry.name.endswith(".py") and entry.is_file():
                info = entry.stat()
                parts.append(f"{relative}{entry.name}:{info.st_size}:{info.st_mtime_ns}")
            elif entry.is_dir() and entry.name not in ("__pycache__", "data"):
                pending.append(f"{relative}{entry.name}/")
    return ";".join(parts)


def _schema_fingerprint() -> str:
    """Each model's fields with their types and whether they are required, and each enum's values."""
    import pydantic

    from treatytrack.core import vocab

    parts = [f"pydantic {pydantic.VERSION}"]
    for model in _model_classes():
        fields = ",".join(
            f"{name}:{getattr(f.annotation, '__name__', f.annotation)}:{f.is_required()}"
            for name, f in model.model_fields.items()
        )
        parts.append(f"{model.__name__}({fields})")
    for enum in (vocab.Kind, vocab.Instrument, vocab.Category, vocab.EventType):
        parts.append(f"{enum.__name__}({','.join(enum)})")
    return ";".join(parts)


@functools.cache
def _versions() -> bytes:
    """What the key holds besides the file's bytes (computed once per process)."""
    return f"{__version__}|{sys.version_info[:3]}|{_FORMAT}|{_code_fingerprint()}|{_schema_fingerprint()}".encode()


def _model_classes() -> tuple[type[Any], ...]:
    """Every record class of `treatytrack.core.models` (subclasses of its `_Strict` base, at any depth):
    derived rather than listed, so a model added later is neither refused nor left out of the key."""
    from treatytrack.core import models

    found: list[type[Any]] = []
    pending: list[type[Any]] = [models._Strict]
    while pending:
        for sub in pending.pop().__subclasses__():
            if sub.__module__.startswith(f"{models.__name__}.") and sub not in found:
                found.append(sub)
                pending.append(sub)
    return tuple(sorted(found, key=lambda c: c.__name__))


def _vocabulary() -> tuple[type[Any], ...]:
    """Every enum of `treatytrack.core.vocab`: the values records hold."""
    import enum

    from treatytrack.core import vocab

    return tuple(
        v
        for v in vars(vocab).values()
        if isinstance(v, type) and issubclass(v, enum.Enum) and v.__module__ == vocab.__name__
    )


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
    from treatytrack.store.paths import InputRefused, open_input

    try:
        with open_input(path) as handle:  # nothing is read of a FIFO, a device or a huge file
            digest = hashlib.file_digest(handle, new_digest)
    except (OSError, InputRefused):
        return None
    return finish_key(digest)


def entry_path(key: str, what: str = "dataset") -> Path:
    """The entry of `what` (a dataset, or what is worked out from one: `changes`) for a key."""
    return cache_dir() / f"{what}-{key}.pickle"


def _only_mine(info: os.stat_result) -> bool:
    """Owned by this user and writable by no one else (always true where there are no uids)."""
    if not hasattr(os, "getuid"):
        return True
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def unsafe_directory() -> Path | None:
    """The cache directory, if it exists but is not only the user's (so it is not used)."""
    directory = cache_dir()
    try:
        info = os.stat(directory)
    except OSError:
        return None
    return None if stat.S_ISDIR(info.st_mode) and _only_mine(info) else directory


class _Unpickler(pickle.Unpickler):
    """Unpickles the classes a cache entry holds and nothing else (no `os.system`, no `eval`)."""

    allowed: dict[tuple[str, str], Any] = {}  # noqa: RUF012 - filled once, on first use

    def find_class(self, module: str, name: str) -> Any:
        found = self.allowed.get((module, name))
        if found is None:
            raise pickle.UnpicklingError(f"{module}.{name} is not something a cache entry holds")
        return found


def _allowed() -> dict[tuple[str, str], Any]:
    import datetime

    from treatytrack.core import models

    allowed: dict[tuple[str, str], Any] = {(c.__module__, c.__name__): c for c in _model_classes()}
    allowed[(models.rebuild.__module__, "rebuild")] = models.rebuild
    allowed.update({(e.__module__, e.__name__): e for e in _vocabulary()})
    allowed[("datetime", "date")] = datetime.date
    return allowed


def read(key: str) -> Dataset | None:
    """The dataset stored under `key`, or None when there is none, it is unusable, or it might
    have been written by someone else."""
    from treatytrack.core.models import Dataset, Treaty, rebuild

    if not _Unpickler.allowed:
        _Unpickler.allowed = _allowed()

    def load(handle: BinaryIO) -> tuple[Any, Any, Any, list[Treaty]]:
        values, given, count = _Unpickler(handle).load()
        treaties: list[Treaty] = []
        while len(treaties) < count:
            treaties += _Unpickler(handle).load()
        return values, given, count, treaties

    found = read_own(entry_path(key), load)
    if found is None:
        return None
    values, given, count, treaties = found
    if (
        type(values) is not dict
        or values.keys() != Dataset.model_fields.keys() - {"treaties"}
        or type(given) is not set
        or len(treaties) != count
        or not all(type(t) is Treaty for t in treaties)
    ):
        return None
    return rebuild(Dataset, {**values, "treaties": tuple(treaties)}, given)


def read_own(path: Path, load: Callable[[BinaryIO], T]) -> T | None:
    """What `load` reads from the entry at `path`, or None when there is none, it holds more than
    `load` reads, `load` fails in any way (a corrupt, foreign or forged entry: it will be
    rewritten), or it might have been written by someone else (the directory or the file is not
    only the user's, or it is not a regular file: a link is not followed)."""
    try:
        if unsafe_directory() is not None:
            return None
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0))
        with open(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or not _only_mine(info):
                return None
            found = load(handle)
            if handle.read(1):
                return None  # more than was written
            _mark_used(handle.fileno())
    except FileNotFoundError:
        return None
    except Exception:
        return None
    return found


def _dump(dataset: Dataset, handle: BinaryIO) -> None:
    """The dataset's own fields, then its treaties in pickles of CHUNK: a pickler remembers every
    object it has written (so that shared ones are written once), which for a whole large
    dataset would cost more memory than the dataset itself."""
    treaties = dataset.treaties
    values = {name: value for name, value in dataset.__dict__.items() if name != "treaties"}
    pickle.dump((values, dataset.model_fields_set, len(treaties)), handle, protocol=pickle.HIGHEST_PROTOCOL)
    for start in range(0, len(treaties), CHUNK):
        pickle.dump(treaties[start : start + CHUNK], handle, protocol=pickle.HIGHEST_PROTOCOL)


def write(key: str, dataset: Dataset, notify: Callable[[str], None] | None = None) -> None:
    """Store atomically in a directory only the user can write to; a cache that cannot be
    written (or should not be) is not an error, only slower."""
    write_own(entry_path(key), lambda handle: _dump(dataset, handle), notify)


def write_own(target: Path, dump: Callable[[BinaryIO], None], notify: Callable[[str], None] | None = None) -> None:
    """Write an entry with `dump`, atomically (a temporary file, then a rename), in a directory
    only the user can write to (made 0700); one that cannot be written, or should not be, is
    skipped: the cache only saves time."""
    try:
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        unsafe = unsafe_directory()
        if unsafe is not None:
            if notify is not None:
                notify(
                    f"note: not using the cache in {unsafe}: others can write to it, or it is not yours "
                    f"(chmod 700 it, or set TREATYTRACK_CACHE_DIR to a directory of your own)"
                )
            return
        fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(fd, "wb") as handle:
                dump(handle)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        _prune(target)
    except OSError:
        return


KEEP = 8  # entries of each kind (datasets, changes) a cache keeps: the most recently used
_ENTRY = re.compile(r"(?P<what>[a-z]+)-[0-9a-f]{64}\.pickle")
_LEFT_BEHIND = 24 * 3600  # seconds after which a temporary file is one a killed run left


def _mark_used(fd: int) -> None:
    """Set an entry's modification time to now when it is read, so that `_prune` keeps the
    entries in use (an access time is not kept on every file system)."""
    if os.utime in os.supports_fd:
        with contextlib.suppress(OSError):
            os.utime(fd)


def _prune(written: Path) -> None:
    """After an entry is written, remove all but the KEEP most recently used entries of its kind,
    and temporary files a killed run left behind (a day older than the entry): each edit of a
    file, and each new version of treatytrack, gives its data a new key, and the entries of the
    old ones would otherwise stay for good. Only files named as entries are removed, and no link
    is followed. Ages are read from the file system's times, not from the clock."""
    what = written.name.split("-", 1)[0]
    now = os.stat(written).st_mtime
    entries: list[tuple[int, str]] = []
    with os.scandir(written.parent) as found:
        for item in found:
            match = _ENTRY.fullmatch(item.name)
            if (match is None or match["what"] != what) and not item.name.startswith(".tmp-"):
                continue
            info = item.stat(follow_symlinks=False)
            if not stat.S_ISREG(info.st_mode):
                continue
            if match is not None:
                entries.append((info.st_mtime_ns, item.path))
            elif now - info.st_mtime > _LEFT_BEHIND:
                with contextlib.suppress(OSError):
                    os.unlink(item.path)
    entries.sort(reverse=True)
    for _, path in entries[KEEP:]:
        with contextlib.suppress(OSError):  # another run may have removed it first
            os.unlink(path)
