"""The practice history: where it lives, the clock, recording sessions, export and import.

The one place in reqdrill that reads the wall clock: `now()` and `timestamp()` here; everything
else gets times as values. Each session is written in one transaction with its normalized rows
and its item's FSRS card, so two terminals practicing at once queue for a moment and lose nothing.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from reqdrill.errors import HistoryError
from reqdrill.practice import schedule
from reqdrill.practice.records import SessionRecord, from_dict, rows
from reqdrill.practice.store import describe, open_for_reading, open_for_writing, transaction

ENV = "REQDRILL_HISTORY"
FILENAME = "history.sqlite3"
EXPORT_FORMAT = "reqdrill-history"
EXPORT_VERSION = 1
_COLUMNS = "uuid, kind, item, scenario, started, ended, time_limit, elapsed, score, rating, data"


def now() -> datetime:
    """The current time in UTC: the one reading of the wall clock in reqdrill."""
    return datetime.now(UTC)


def timestamp(when: datetime) -> str:
    """A time as the history stores it: ISO 8601 in UTC, to the millisecond."""
    return when.astimezone(UTC).isoformat(timespec="milliseconds")


def new_uuid() -> str:
    """A new session id."""
    import uuid

    return str(uuid.uuid4())


def default_path() -> Path:
    """The platform's user data directory: ~/.local/share/reqdrill/ on Linux (or $XDG_DATA_HOME)."""
    import platformdirs

    return Path(platformdirs.user_data_dir("reqdrill", appauthor=False)) / FILENAME


def resolve(path: Path | None) -> tuple[Path, bool]:
    """The history file to use (the given one, REQDRILL_HISTORY, or the default) and whether it is
    the default, whose directory is created when first written."""
    if path is not None:
        return path, False
    env = os.environ.get(ENV)
    if env:
        return Path(env), False
    return default_path(), True


class History:
    """An open history file; use as a context manager, or call `close`."""

    def __init__(self, path: Path, conn: sqlite3.Connection, writable: bool) -> None:
        self.path, self.conn, self.writable = path, conn, writable

    @classmethod
    def open(cls, path: Path | None = None, *, write: bool = False) -> History:
        """Open the history for reading (never writes the file) or for writing."""
        target, default = resolve(path)
        if write:
            return cls(target, open_for_writing(target, create_parent=default), True)
        return cls(target, open_for_reading(target), False)

    def __enter__(self) -> History:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    def record(self, rec: SessionRecord) -> bool:
        """Write one session with its rows and its item's card, in one transaction; False if known."""
        return self.add([rec]) == 1

    def add(self, records: Iterable[SessionRecord]) -> int:
        """Write sessions not yet in the history (by UUID), in one transaction; how many were new."""
        try:
            with transaction(self.conn):
                added = [rec for rec in records if self._insert(rec)]
                keys = {rec.schedule_key for rec in added}
                if len(added) == 1:
                    schedule.update(self.conn, keys.pop(), added[0].ended, added[0].rating)
                for key in sorted(keys):
                    schedule.replay(self.conn, key)
        except sqlite3.Error as exc:
            raise describe(exc, self.path, writing=True) from None
        return len(added)

    def _insert(self, rec: SessionRecord) -> bool:
        import json

        cur = self.conn.execute(
            f"INSERT OR IGNORE INTO sessions ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                rec.uuid,
                rec.kind,
                rec.item,
                rec.scenario,
                rec.started,
                rec.ended,
                rec.time_limit,
                rec.elapsed,
                rec.score,
                rec.rating,
                json.dumps(rec.data, ensure_ascii=False, separators=(",", ":")),
            ),
        )
        if cur.rowcount == 0:
            return False
        sid = cur.lastrowid
        r = rows(rec)
        execute = self.conn.executemany
        execute("INSERT INTO turns VALUES (?, ?, ?, ?, ?, ?, ?)", [(sid, *t) for t in r.turns])
        execute("INSERT INTO answers VALUES (?, ?, ?, ?, ?, ?, ?)", [(sid, *a) for a in r.answers])
        execute("INSERT INTO signals VALUES (?, ?, ?)", [(sid, *s) for s in r.signals])
        execute("INSERT INTO results VALUES (?, ?, ?)", [(sid, *x) for x in r.results])
        return True

    def query(self, sql: str, params: Iterable[Any] = ()) -> list[Any]:
        """Rows of a read query; SQLite errors become a clear HistoryError."""
        try:
            return self.conn.execute(sql, tuple(params)).fetchall()
        except sqlite3.Error as exc:
            raise describe(exc, self.path, writing=False) from None

    def query_iter(self, sql: str, params: Iterable[Any] = ()) -> Iterator[Any]:
        """Rows of a read query, one at a time (a caller may stop early)."""
        try:
            yield from self.conn.execute(sql, tuple(params))
        except sqlite3.Error as exc:
            raise describe(exc, self.path, writing=False) from None

    def records(self) -> Iterator[SessionRecord]:
        """Every session, oldest first."""
        import json

        for uuid, kind, item, scenario, started, ended, limit, elapsed, score, rating, data in self.query(
            f"SELECT {_COLUMNS} FROM sessions ORDER BY ended, uuid"
        ):
            yield SessionRecord(
                uuid, kind, item, scenario, started, ended, limit, elapsed, score, rating, json.loads(data)
            )

    def export(self) -> dict[str, Any]:
        """The whole history in the export format (docs/practice.md)."""
        return {
            "format": EXPORT_FORMAT,
            "version": EXPORT_VERSION,
            "sessions": [rec.to_dict() for rec in self.records()],
        }


def parse_export(data: Any, source: Path) -> list[SessionRecord]:
    """Sessions from an export file's data; HistoryError naming the file and what is wrong."""
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise HistoryError(f'{source} is not a reqdrill history export (no "format": "{EXPORT_FORMAT}")')
    version = data.get("version")
    if not isinstance(version, int) or version > EXPORT_VERSION:
        raise HistoryError(
            f"{source} is a history export of version {version!r}; this reqdrill reads version "
            f"{EXPORT_VERSION}: upgrade reqdrill"
        )
    sessions = data.get("sessions")
    if not isinstance(sessions, list):
        raise HistoryError(f'{source}: "sessions" must be a list')
    out = []
    for i, item in enumerate(sessions):
        try:
            out.append(from_dict(item))
        except ValueError as exc:
            raise HistoryError(f"{source}: session {i + 1}: {exc}; nothing was imported") from None
    return out
