"""Many files into one directory, atomically: `fsutil.atomic_write` for batches.

Into an existing directory each file is written atomically, with the guarantees of `atomic_write`
(a temporary file beside each target, renamed onto it only when whole; mode 0644; no temporary
file left behind; OSError → OutputError), in four system calls per file (open, write, close,
rename). A new directory is filled as a temporary sibling and renamed into place whole: three
calls per file, and the batch appears complete or not at all. No `tempfile` import: a batch of
a thousand drill sheets spends most of its time here.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import overload

from reqdrill.errors import OutputError

# The prefix of fsutil.TEMP_PREFIX (a test keeps the two equal); not imported, because fsutil
# imports tempfile and shutil, which a batch does not need.
TEMP_PREFIX = ".reqdrill-tmp-"
FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
# Inside a directory no one else knows of yet, a name given twice is simply rewritten.
NEW_DIR_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0)


def _error(exc: OSError, target: Path) -> OutputError:
    from reqdrill.files.atomic import describe_os_error

    return OutputError(describe_os_error(exc, target))


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


class _Mode:
    """Makes new files 0644 whatever the umask, with one fstat per directory rather than a chmod each.

    Files created in one directory by one process get the same mode (umask, default ACL), so
    once the first is seen to be 0644 the rest need no fchmod.
    """

    def __init__(self) -> None:
        self.chmod: bool | None = None  # unknown until the first file

    def fix(self, fd: int) -> None:
        if self.chmod is None:
            self.chmod = os.fstat(fd).st_mode & 0o7777 != 0o644
        if self.chmod:
            os.fchmod(fd, 0o644)


class BatchWriter:
    """Writes files into one existing directory; each `write` is atomic on its own.

    Names that already exist as something other than a regular file (a directory, a device, a
    pipe) go through `fsutil.atomic_write`, which knows how to treat each of them.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._dir = os.fspath(directory)
        self._prefix = os.path.join(self._dir, "")  # paths as prefix + name: no join per file
        try:
            with os.scandir(self._dir) as entries:
                self._special = {e.name for e in entries if not e.is_file()}
        except OSError as exc:
            raise _error(exc, directory) from None
        self._token = f"{os.getpid()}-{os.urandom(4).hex()}-"
        self._count = 0
        self._mode = _Mode()

    def _create(self, suffix: str, target: Path) -> tuple[int, str]:
        """A new temporary file beside the target: its descriptor and path."""
        while True:
            self._count += 1
            temp = f"{self._prefix}{TEMP_PREFIX}{self._token}{self._count}{suffix}"
            try:
                return os.open(temp, FLAGS, 0o644), temp
            except FileExistsError:  # left by a process that died with our pid: take a new name
                self._token = f"{os.getpid()}-{os.urandom(4).hex()}-"
            except OSError as exc:
                raise _error(exc, target) from None

    def write(self, name: str, data: bytes) -> None:
        """Write `data` to the file `name` (a plain file name) in the directory, atomically."""
        if name in self._special:
            from reqdrill.files.atomic import atomic_write

            atomic_write(self.directory / name, data)
            return
        dot = name.rfind(".")
        fd, temp = self._create(name[dot:] if dot > 0 else "", self.directory / name)
        try:
            try:
                self._mode.fix(fd)  # 0644 whatever the umask, like atomic_write
                _write_all(fd, data)
            finally:
                os.close(fd)
            os.rename(temp, self._prefix + name)
        except BaseException as exc:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)
            if isinstance(exc, OSError):
                raise _error(exc, self.directory / name) from None
            raise


class Written(Sequence[Path]):
    """The paths of files written into one directory, made only when asked for.

    A batch of a thousand files would otherwise spend longer building Path objects than
    Python spends writing the files.
    """

    def __init__(self, directory: Path, names: list[str]) -> None:
        self.directory, self.names = directory, names

    @overload
    def __getitem__(self, index: int) -> Path: ...
    @overload
    def __getitem__(self, index: slice) -> list[Path]: ...
    def __getitem__(self, index: int | slice) -> Path | list[Path]:
        if isinstance(index, slice):
            return [self.directory / name for name in self.names[index]]
        return self.directory / self.names[index]

    def __len__(self) -> int:
        return len(self.names)


def write_batch(directory: Path, files: Iterable[tuple[str, bytes]]) -> Written:
    """Write each (name, bytes) into `directory` atomically, in order; the paths written.

    `files` may be a generator that renders as it goes. On the first error no further file is
    started, files already written stay (each is whole), and the error is raised.
    """
    writer = BatchWriter(directory)
    names: list[str] = []
    for name, data in files:
        writer.write(name, data)
        names.append(name)
    return Written(directory, names)


def write_new_directory(directory: Path, files: Iterable[tuple[str, bytes]]) -> Written:
    """Create `directory` holding each (name, bytes): every file whole, or nothing at all.

    The files go into a temporary sibling directory, renamed to `directory` once all are written:
    one rename rather than one per file. On the first error (or KeyboardInterrupt) no further file
    is started, the temporary directory is removed with everything in it, and the error is raised.
    The parent must exist and `directory` must not. Should `directory` appear meanwhile, the files
    are added to it one by one as `write_batch` does.
    """
    # Not named after `directory`: a long name plus the prefix could exceed the file system's limit.
    parent = os.path.dirname(os.fspath(directory))
    temp = os.path.join(parent, f"{TEMP_PREFIX}{os.getpid()}-{os.urandom(4).hex()}")
    try:
        os.mkdir(temp)
    except OSError as exc:
        raise _error(exc, directory) from None
    prefix = os.path.join(temp, "")
    names: list[str] = []
    mode = _Mode()
    try:
        for name, data in files:
            try:
                fd = os.open(prefix + name, NEW_DIR_FLAGS, 0o644)
                try:
                    mode.fix(fd)
                    _write_all(fd, data)
                finally:
                    os.close(fd)
            except OSError as exc:
                raise _error(exc, directory / name) from None
            names.append(name)
        _put_in_place(temp, directory, names)
    except BaseException:
        _remove(temp)
        raise
    return Written(directory, names)


def _put_in_place(temp: str, directory: Path, names: list[str]) -> None:
    """Rename the filled temporary directory to `directory`, or merge it into one made meanwhile."""
    try:
        os.rename(temp, directory)  # replaces nothing but an empty directory
    except OSError as exc:
        if exc.errno not in (errno.EEXIST, errno.ENOTEMPTY) or not directory.is_dir():
            if os.path.lexists(directory) and not directory.is_dir():
                raise OutputError(f"cannot write into {directory}: it is not a directory") from None
            raise _error(exc, directory) from None
        writer = BatchWriter(directory)
        for name in names:
            with open(os.path.join(temp, name), "rb") as f:
                writer.write(name, f.read())
        _remove(temp)


def _remove(temp: str) -> None:
    import shutil  # only on failure

    shutil.rmtree(temp, ignore_errors=True)
