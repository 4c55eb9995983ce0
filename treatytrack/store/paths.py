"""Where files live (the bundled dataset, the cache) and how data files are opened. Kept free of
heavy imports (used by --version and shell completion)."""

from __future__ import annotations

import os
import stat
import sys
from io import BufferedReader
from pathlib import Path

BUNDLED_NAME = "treaties.yaml"
MAX_BYTES = 64 * 1024 * 1024  # a larger treaty file is refused before it is read
_MIB = 1024 * 1024


class InputRefused(Exception):
    """A data file that is not read at all: not a regular file, or larger than MAX_BYTES."""


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a FIFO (a pipe)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "not a regular file"


def too_large(size: int) -> str:
    return f"is larger than {MAX_BYTES // _MIB} MiB ({size / _MIB:.1f} MiB); split it into several files"


def open_input(path: str | os.PathLike[str]) -> BufferedReader:
    """A data file opened for reading, once it is known to be a regular file of at most
    MAX_BYTES; else `InputRefused`, before anything is read (`--data /dev/zero` would never
    end; a FIFO would block until written to). OSError as `open` raises it.

    Opened first, then examined (fstat): what is checked is what is read.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)  # O_NONBLOCK: opening a FIFO does not wait for a writer
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputRefused(f"is {_kind(info.st_mode)}, not a file; treatytrack reads data from files only")
        if info.st_size > MAX_BYTES:
            raise InputRefused(too_large(info.st_size))
        if flags & getattr(os, "O_NONBLOCK", 0):
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")


def bundled_path() -> Path:
    """The bundled dataset: inside the installed package, or at the checkout's root.

    Plain paths first (no import of importlib.resources and its zip reader on every run);
    importlib.resources only for a package that is not on the file system.
    """
    here = Path(__file__).resolve().parent.parent  # the package: treatytrack/store/ -> treatytrack/
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
