"""Schema migrations: a file at every earlier version reaches the same schema and the same figures."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

from reqdrill.practice.history import History
from reqdrill.practice.progress import compute
from reqdrill.practice.records import SessionRecord, rows
from reqdrill.practice.schema import APPLICATION_ID, VERSION, migrate
from strategies import practice_sessions

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def schema_of(path: Path) -> list[Any]:
    conn = sqlite3.connect(path)
    out = conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
    out.append(conn.execute("PRAGMA user_version").fetchone())
    out.append(conn.execute("PRAGMA application_id").fetchone())
    conn.close()
    return out


def at_version(path: Path, version: int, sessions: list[SessionRecord]) -> None:
    """A history file as reqdrill `version` wrote it: its tables, filled as that version filled them."""
    import json

    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    migrate(conn, 0, version)
    for rec in {s.uuid: s for s in reversed(sessions)}.values():  # the first of each UUID, as `add`
        sid = conn.execute(
            "INSERT INTO sessions (uuid, kind, item, scenario, started, ended, time_limit, elapsed, score,"
            " rating, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (rec.uuid, rec.kind, rec.item, rec.scenario, rec.started, rec.ended, rec.time_limit, rec.elapsed,
             rec.score, rec.rating, json.dumps(rec.data)),
        ).lastrowid  # fmt: skip
        r = rows(rec)
        conn.executemany("INSERT INTO turns VALUES (?, ?, ?, ?, ?, ?, ?)", [(sid, *t) for t in r.turns])
        conn.executemany("INSERT INTO answers VALUES (?, ?, ?, ?, ?, ?, ?)", [(sid, *a) for a in r.answers])
        conn.executemany("INSERT INTO signals VALUES (?, ?, ?)", [(sid, *s) for s in r.signals])
        if version >= 2:
            conn.executemany("INSERT INTO results VALUES (?, ?, ?)", [(sid, *x) for x in r.results])
    conn.execute("COMMIT")
    conn.close()


@pytest.mark.parametrize("version", range(VERSION))
@settings(max_examples=15)
@given(sessions=practice_sessions())
def test_every_earlier_version_migrates_to_the_current_schema(
    tmp_path_factory: Any, version: int, sessions: list[SessionRecord]
) -> None:
    if version == 0:  # version 0 is a new, empty file
        sessions = []
    d = tmp_path_factory.mktemp("m")
    fresh = d / "fresh.sqlite3"
    with History.open(fresh, write=True) as h:
        h.add(sessions)
    old = d / "old.sqlite3"
    at_version(old, version, sessions)
    with History.open(old) as h:  # a reader migrates in memory and leaves the file alone
        read = compute(h, NOW)
    assert schema_of(old)[-2] == (version,)
    with History.open(old, write=True):
        pass
    assert schema_of(old) == schema_of(fresh)
    assert schema_of(fresh)[-2:] == [(VERSION,), (APPLICATION_ID,)]
    with History.open(old) as a, History.open(fresh) as b:
        assert compute(a, NOW) == compute(b, NOW) == read
        assert a.export() == b.export()


def test_a_new_file_is_in_wal_mode_with_reqdrills_application_id(tmp_path: Path) -> None:
    with History.open(tmp_path / "h.sqlite3", write=True):
        pass
    conn = sqlite3.connect(tmp_path / "h.sqlite3")
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert conn.execute("PRAGMA application_id").fetchone() == (0x52514452,)
    conn.close()
