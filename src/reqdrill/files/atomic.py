"""Atomic file writes: a temporary file beside the target, renamed onto it only on success."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from reqdrill.errors import OutputError

TEMP_PREFIX = ".reqdrill-tmp-"


def describe_os_error(exc: OSError, path: Path) -> str:
    """A one-line explanation of why a path could not be written."""
    reasons = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is exceeded",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EROFS: "the file system is read-only",
        errno.ENOENT: "the directory does not exist",
        errno.ENOTDIR: "a parent is not a directory",
        errno.EISDIR: "it is a directory",
    }
    reason = reasons.get(exc.errno or 0, exc.strerror or str(exc))
    return f"cannot write {path}: {reason}"


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path in the target's directory; on success rename it onto the target.

    On any exception, including KeyboardInterrupt, the temporary file is removed and the target
    is left exactly as it was. OSErrors become OutputError with a readable reason. A target that
    exists but is not a regular file (a device such as /dev/stdout or /dev/full, a pipe) is
    written in place: renaming over a device would replace it.
    """
    if target.exists() and not target.is_file() and not target.is_dir():
        try:
            yield target
        except OSError as exc:
            raise OutputError(describe_os_error(exc, target)) from None
        return
    directory = target.parent
    if not directory.is_dir():
        raise OutputError(f"cannot write {target}: the directory {directory} does not exist")
    try:
        fd, name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=target.suffix, dir=directory)
    except OSError as exc:
        raise OutputError(describe_os_error(exc, target)) from None
    os.close(fd)
    temp = Path(name)
    try:
        yield temp
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except OSError as exc:
        raise OutputError(describe_os_error(exc, target)) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


def atomic_write(target: Path, data: bytes) -> None:
    """Write bytes to a file atomically; see `atomic_path`."""
    with atomic_path(target) as temp, open(temp, "wb") as f:
        f.write(data)
