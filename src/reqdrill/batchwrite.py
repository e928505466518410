"""Many files into one directory, each written atomically: `fsutil.atomic_write` for batches.

The same guarantees as `atomic_write` (a temporary file beside each target, renamed onto it only
when whole; mode 0644; no temporary file left behind; OSError → OutputError), in four system calls
per file and without importing `tempfile`: a batch of a thousand drill sheets spends its time here.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from pathlib import Path

from reqdrill.errors import OutputError

# The prefix of fsutil.TEMP_PREFIX (a test keeps the two equal); not imported, because fsutil
# imports tempfile and shutil, which a batch does not need.
TEMP_PREFIX = ".reqdrill-tmp-"
FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)


def _error(exc: OSError, target: Path) -> OutputError:
    from reqdrill.fsutil import describe_os_error

    return OutputError(describe_os_error(exc, target))


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


class BatchWriter:
    """Writes files into one existing directory; each `write` is atomic on its own.

    Names that already exist as something other than a regular file (a directory, a device, a
    pipe) go through `fsutil.atomic_write`, which knows how to treat each of them.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._dir = os.fspath(directory)
        try:
            with os.scandir(self._dir) as entries:
                self._special = {e.name for e in entries if not e.is_file()}
        except OSError as exc:
            raise _error(exc, directory) from None
        self._token = f"{os.getpid()}-{os.urandom(4).hex()}-"
        self._count = 0

    def _create(self, suffix: str, target: Path) -> tuple[int, str]:
        """A new temporary file beside the target: its descriptor and path."""
        while True:
            self._count += 1
            temp = os.path.join(self._dir, f"{TEMP_PREFIX}{self._token}{self._count}{suffix}")
            try:
                return os.open(temp, FLAGS, 0o644), temp
            except FileExistsError:  # left by a process that died with our pid: take a new name
                self._token = f"{os.getpid()}-{os.urandom(4).hex()}-"
            except OSError as exc:
                raise _error(exc, target) from None

    def write(self, name: str, data: bytes) -> Path:
        """Write `data` to `name` in the directory, atomically; the path written."""
        target = self.directory / name
        if name in self._special:
            from reqdrill.fsutil import atomic_write

            atomic_write(target, data)
            return target
        fd, temp = self._create(os.path.splitext(name)[1], target)
        try:
            try:
                os.fchmod(fd, 0o644)  # whatever the umask, like atomic_write
                _write_all(fd, data)
            finally:
                os.close(fd)
            os.rename(temp, os.path.join(self._dir, name))
        except BaseException as exc:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)
            if isinstance(exc, OSError):
                raise _error(exc, target) from None
            raise
        return target


def write_batch(directory: Path, files: Iterable[tuple[str, bytes]]) -> list[Path]:
    """Write each (name, bytes) into `directory` atomically, in order; the paths written.

    `files` may be a generator that renders as it goes. On the first error no further file is
    started, files already written stay (each is whole), and the error is raised.
    """
    writer = BatchWriter(directory)
    return [writer.write(name, data) for name, data in files]
