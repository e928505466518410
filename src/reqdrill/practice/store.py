"""Opening the history file safely: recognize it, refuse anything else untouched, migrate, connect.

A file is checked from its header bytes before SQLite opens it for writing, and again through
SQLite before anything is written: a file that is not a reqdrill history (damaged, another
program's database, a newer schema) is never written, truncated or deleted. Readers never write:
an older schema is migrated in memory, and a missing file reads as an empty history.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

from reqdrill.errors import HistoryError
from reqdrill.practice.schema import APPLICATION_ID, SQLITE_MAGIC, VERSION, migrate

BUSY_SECONDS = 10.0
CHOOSE = "choose another file with --history FILE or REQDRILL_HISTORY"
LEFT = "It was left as it is"
# SQLite's primary result codes (the low byte of extended ones)
_BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB, _PERM = 5, 6, 8, 10, 11, 13, 14, 26, 3


def not_ours(path: Path, why: str) -> HistoryError:
    return HistoryError(f"{path} is not a reqdrill practice history: {why}. {LEFT}; {CHOOSE}.")


def newer(path: Path, version: int) -> HistoryError:
    return HistoryError(
        f"{path} was written by a newer reqdrill (history schema version {version}; this reqdrill "
        f"reads versions up to {VERSION}). {LEFT}; upgrade reqdrill, or {CHOOSE}."
    )


def describe(exc: sqlite3.Error, path: Path, writing: bool) -> HistoryError:
    """A clear error for an SQLite failure on the history file."""
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    if code == _NOTADB:
        return not_ours(path, "it is not an SQLite database (damaged, or a different kind of file)")
    if code == _CORRUPT:
        return HistoryError(
            f"{path} is damaged ({exc}). {LEFT}; restore it from a backup or an export "
            "(reqdrill history import), or move it aside to start a new history."
        )
    if code in (_BUSY, _LOCKED):
        return HistoryError(
            f"{path} is busy: another reqdrill kept it locked for over {BUSY_SECONDS:.0f} seconds. "
            "Nothing was written; try again."
        )
    action = "write" if writing else "read"
    reasons = {
        _FULL: "the disk is full",
        _READONLY: "the file or its directory is read-only",
        _PERM: "permission denied",
        _CANTOPEN: "the file or its directory cannot be opened (is the directory read-only?)",
        _IOERR: f"an I/O error ({exc})",
    }
    reason = reasons.get(code, str(exc))
    return HistoryError(
        f"cannot {action} the practice history {path}: {reason}. Earlier sessions are unchanged; "
        f"fix that and run again, or {CHOOSE}."
    )


def check_header(path: Path) -> bool:
    """True if the file holds a database to open; False if it is empty. Raises if it is not ours."""
    if path.is_dir():
        raise HistoryError(f"{path} is a directory, not a practice history file; {CHOOSE}.")
    try:
        with open(path, "rb") as f:
            head = f.read(100)
    except OSError as exc:
        raise HistoryError(f"cannot read the practice history {path}: {exc.strerror}; {CHOOSE}.") from None
    if not head:
        return False
    if len(head) < 100 or not head.startswith(SQLITE_MAGIC):
        raise not_ours(path, "it is not an SQLite database (damaged, or a different kind of file)")
    app, version = int.from_bytes(head[68:72], "big"), int.from_bytes(head[60:64], "big")
    if app not in (0, APPLICATION_ID):
        raise not_ours(path, "it is another program's SQLite database")
    if app == APPLICATION_ID and version > VERSION:
        raise newer(path, version)
    return True


def check_pragmas(conn: sqlite3.Connection, path: Path) -> int:
    """The file's schema version, once SQLite agrees it is a reqdrill history (or a blank database)."""
    app = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if app != APPLICATION_ID:
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if app != 0 or version != 0 or tables:
            raise not_ours(path, "it is another program's SQLite database")
        return 0
    if version > VERSION:
        raise newer(path, version)
    return int(version)


def _checked(conn: sqlite3.Connection, path: Path) -> int:
    """`check_pragmas`, closing the connection when the file is refused."""
    try:
        return check_pragmas(conn, path)
    except BaseException:
        conn.close()
        raise


def _connect(target: str, uri: bool = False) -> sqlite3.Connection:
    conn = sqlite3.connect(target, timeout=BUSY_SECONDS, isolation_level=None, uri=uri)
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_SECONDS * 1000)}")
    return conn


def open_for_reading(path: Path) -> sqlite3.Connection:
    """A connection that never writes the file: in memory when it is missing or older."""
    if not path.exists() or not check_header(path):
        conn = _connect(":memory:")
        migrate(conn, 0)
        return conn
    target = f"file:{quote(str(path.resolve()))}?mode=ro"
    try:
        conn = _connect(target, uri=True)
        version = _checked(conn, path)
    except sqlite3.OperationalError as exc:
        if (getattr(exc, "sqlite_errorcode", 0) & 0xFF) not in (_CANTOPEN, _READONLY):
            raise describe(exc, path, writing=False) from None
        # A read-only directory: SQLite cannot make the WAL index. Nobody can write there either,
        # so reading the file as immutable is safe.
        conn = _connect(target + "&immutable=1", uri=True)
        version = _checked(conn, path)
    except sqlite3.DatabaseError as exc:
        raise describe(exc, path, writing=False) from None
    if version < VERSION:
        memory = _connect(":memory:")
        conn.backup(memory)
        conn.close()
        with transaction(memory):
            migrate(memory, version)
        return memory
    return conn


def open_for_writing(path: Path, create_parent: bool = False) -> sqlite3.Connection:
    """A connection in WAL mode to a history at the current schema, created or migrated if needed."""
    exists = path.exists() and check_header(path)
    if not path.parent.is_dir():
        if not create_parent:
            raise HistoryError(
                f"cannot write the practice history {path}: the directory {path.parent} does not exist"
            )
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise HistoryError(
                f"cannot create {path.parent} for the practice history: {exc.strerror}"
            ) from None
    conn = None
    try:
        conn = _connect(str(path))
        conn.execute("PRAGMA synchronous = FULL")
        version = check_pragmas(conn, path) if exists else 0
        if version < VERSION:
            with transaction(conn):
                # another terminal may have created or migrated the file meanwhile
                version = check_pragmas(conn, path)
                if version < VERSION:
                    migrate(conn, version)
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
    except BaseException as exc:
        if conn is not None:
            conn.close()
        if isinstance(exc, sqlite3.DatabaseError):
            raise describe(exc, path, writing=True) from None
        raise
    return conn


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """One write transaction, taken at once (so two writers queue rather than deadlock)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if conn.in_transaction:  # SQLite itself rolls back on some errors, such as a full disk
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
