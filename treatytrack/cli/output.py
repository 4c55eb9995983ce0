"""Writing a command's output to a path (`export -o PATH`) without destroying anything by mistake.

What happens depends on what is at PATH (checked again just before writing):
- `-`, `/dev/stdout`: standard output; `/dev/stderr`, `/dev/fd/N`, `/proc/self/fd/N`: that
  open file descriptor, written as it is (the shell's own `>` or `>>` decided what it is).
- nothing: a new file, made atomically (a temporary file beside it, then a link that fails if
  something appeared there meanwhile), with the usual mode (0666 less the umask).
- a regular file: only with `force`; replaced atomically (temporary file beside it, then a
  rename), keeping its mode (and owner and group, where the system allows). Other hard links to
  the old file keep the old text.
- a symbolic link: followed, to write what it points at by the rules above; the link itself is
  never replaced. A link in a shared directory (sticky and writable by all, such as /tmp) that
  belongs to neither the user nor the directory's owner is not followed, as Linux's
  fs.protected_symlinks would not let `>` follow it.
- a FIFO or a character device (a terminal, /dev/null): opened and written directly, never
  replaced or unlinked; no `force` needed, since nothing is overwritten.
- a directory, a block device, a socket: refused.
And never any file the command reads (`inputs`: --data, --extra, the bundled dataset), however
it is reached (the same path, a symbolic link, a hard link): compared by device and inode.

Refusals raise `OutputRefused` (a usage error); a failed write raises `OutputFailed` and leaves
any file that was there as it was.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

STDOUT = "-"
_FD_PATH = re.compile(r"/(?:dev/fd|proc/self/fd)/([0-9]+)")
_NAMED_FDS = {"/dev/stdin": 0, "/dev/stdout": 1, "/dev/stderr": 2}
_MAX_LINKS = 40  # as the kernel's own limit on following symbolic links


class OutputRefused(Exception):
    """The output path is not one to write to (a usage error); the message says why."""


class OutputFailed(Exception):
    """Writing failed (a full disk, no permission); nothing that was there has been damaged."""


@dataclass(frozen=True)
class Target:
    how: Literal["stdout", "fd", "new", "replace", "direct"]
    path: str  # where the bytes go: the symbolic link's target, not the link
    fd: int = -1
    mode: int = 0o666
    owner: tuple[int, int] | None = None  # the replaced file's (uid, gid)


def _identity(info: os.stat_result) -> tuple[int, int]:
    return info.st_dev, info.st_ino


def _input_identities(inputs: Iterable[str | os.PathLike[str]]) -> dict[tuple[int, int], str]:
    found: dict[tuple[int, int], str] = {}
    for path in inputs:
        with contextlib.suppress(OSError):  # an input that is not there is the loader's to report
            found.setdefault(_identity(os.stat(path)), os.fspath(path))
    return found


def _not_an_input(shown: str, info: os.stat_result, inputs: dict[tuple[int, int], str]) -> None:
    source = inputs.get(_identity(info))
    if source is not None:
        same = "" if os.path.abspath(source) == os.path.abspath(shown) else f" (it is {source})"
        raise OutputRefused(
            f"{shown} is a file this command reads{same}; refusing to write over it. Choose another --output."
        )


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISBLK(mode):
        return "a block device (a disk)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


def _may_follow(link: str) -> bool:
    """Linux's fs.protected_symlinks rule for the link at `link`."""
    if not hasattr(os, "getuid"):
        return True
    directory = os.stat(os.path.dirname(os.path.abspath(link)))
    shared = directory.st_mode & stat.S_ISVTX and directory.st_mode & stat.S_IWOTH
    return not shared or os.lstat(link).st_uid in (os.getuid(), directory.st_uid)


def _follow(path: str, shown: str) -> str:
    """The path a chain of symbolic links at `path` leads to (checking each link)."""
    for _ in range(_MAX_LINKS):
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            return path
        if not stat.S_ISLNK(info.st_mode):
            return path
        if not _may_follow(path):
            raise OutputRefused(
                f"{shown} is a symbolic link in a shared directory, owned by someone else; refusing to follow it"
            )
        path = os.path.join(os.path.dirname(path), os.readlink(path))
    raise OutputRefused(f"{shown}: too many levels of symbolic links")


def plan(destination: str, *, force: bool, inputs: Iterable[str | os.PathLike[str]] = ()) -> Target:
    """Where and how `destination` is written, or `OutputRefused`."""
    if destination in (STDOUT, "/dev/stdout"):
        return Target("stdout", destination)
    known = _input_identities(inputs)
    fd_match = _FD_PATH.fullmatch(destination)
    fd = int(fd_match.group(1)) if fd_match else _NAMED_FDS.get(destination)
    if fd is not None:
        if fd == 1:
            return Target("stdout", destination)
        try:
            info = os.fstat(fd)
        except (OSError, OverflowError):
            raise OutputRefused(f"{destination}: no such open file descriptor") from None
        _not_an_input(destination, info, known)
        return Target("fd", destination, fd=fd)
    real = os.path.realpath(_follow(destination, destination))
    try:
        info = os.stat(real)
    except FileNotFoundError:
        parent = os.path.dirname(real) or "."
        if not os.path.isdir(parent):
            raise OutputRefused(f"{destination}: no such directory {parent}") from None
        umask = os.umask(0o022)
        os.umask(umask)
        return Target("new", real, mode=0o666 & ~umask)
    except OSError as err:
        raise OutputRefused(f"{destination}: {err.strerror}") from None
    _not_an_input(destination, info, known)
    if stat.S_ISREG(info.st_mode):
        if not force:
            raise OutputRefused(f"{destination} exists; add --force to replace it")
        return Target("replace", real, mode=stat.S_IMODE(info.st_mode), owner=(info.st_uid, info.st_gid))
    if stat.S_ISFIFO(info.st_mode) or stat.S_ISCHR(info.st_mode):
        return Target("direct", real)
    raise OutputRefused(f"{destination} is {_kind(info.st_mode)}; give a file's path")


def write(target: Target, data: bytes) -> None:
    """Write `data` as `target` says (see `plan`), or `OutputFailed` (or `OutputRefused`, should a
    file appear at a new file's path meanwhile)."""
    if target.how == "stdout":
        sys.stdout.flush()
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:
            sys.stdout.write(data.decode("utf-8"))
        else:
            buffer.write(data)
        return
    try:
        if target.how == "fd":
            _write_all(target.fd, data)
        elif target.how == "direct":
            fd = os.open(target.path, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))
            try:
                _write_all(fd, data)
            finally:
                os.close(fd)
        else:
            _write_atomically(target, data)
    except OSError as err:
        raise OutputFailed(f"cannot write {target.path}: {err.strerror or err}") from None


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _write_atomically(target: Target, data: bytes) -> None:
    """A temporary file beside the target, then a rename (replace) or a link (new: refuses to
    clobber a file that appeared meanwhile); a failure leaves no temporary file behind."""
    directory, name = os.path.split(target.path)
    fd, temporary = tempfile.mkstemp(dir=directory or ".", prefix=f".{name}.", suffix=".tmp")
    try:
        try:
            _write_all(fd, data)
            if target.owner is not None:
                with contextlib.suppress(OSError):  # only root may give a file away
                    os.fchown(fd, *target.owner)
            if hasattr(os, "fchmod"):  # after chown, which may clear set-id bits
                os.fchmod(fd, target.mode)
            else:  # pragma: no cover - Windows before Python 3.13
                os.chmod(temporary, target.mode)
            os.fsync(fd)
        finally:
            os.close(fd)
        if target.how == "replace":
            os.replace(temporary, target.path)
            return
        appeared = (
            f"{target.path} appeared while the output was being written; it was left as it is: run the command again"
        )
        try:
            os.link(temporary, target.path)
        except FileExistsError:
            raise OutputRefused(appeared) from None
        except OSError:  # a file system without hard links
            if os.path.lexists(target.path):
                raise OutputRefused(appeared) from None
            os.replace(temporary, target.path)
            return
        os.unlink(temporary)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
