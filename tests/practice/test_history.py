"""The practice history: recording, export and import by UUID, concurrent writers, busy and full files."""

from __future__ import annotations

import multiprocessing
import sqlite3
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

from reqdrill.errors import HistoryError
from reqdrill.practice import store
from reqdrill.practice.history import History, parse_export, resolve
from reqdrill.practice.progress import compute
from reqdrill.practice.records import SessionRecord, drill_record, from_dict
from strategies import practice_sessions

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def recalls(n: int, pad: str = "") -> list[SessionRecord]:
    """`n` recall drills a day apart."""
    return [
        drill_record(
            {
                "kind": "recall",
                "score": 1.0,
                "rating": 3,
                "answers": [],
                "details": {"in_order": True},
                "pad": pad,
            },
            f"00000000-0000-4000-8000-{i:012d}",
            f"2026-11-{i + 1:02d}T10:00:00.000+00:00",
            f"2026-11-{i + 1:02d}T10:01:00.000+00:00",
        )
        for i in range(n)
    ]


def fill(path: Path, records: list[SessionRecord]) -> None:
    with History.open(path, write=True) as h:
        h.add(records)


def figures(path: Path) -> dict[str, Any]:
    with History.open(path) as h:
        return compute(h, NOW)


@settings(max_examples=40)
@given(sessions=practice_sessions())
def test_export_then_import_reproduces_progress_exactly(
    tmp_path_factory: Any, sessions: list[SessionRecord]
) -> None:
    d = tmp_path_factory.mktemp("h")
    # recorded one by one, as the commands do, then exported and imported in one go
    with History.open(d / "a.sqlite3", write=True) as h:
        for rec in sessions:
            h.record(rec)
        exported = h.export()
    fill(d / "b.sqlite3", parse_export(exported, d / "x.json"))
    assert figures(d / "b.sqlite3") == figures(d / "a.sqlite3")
    with History.open(d / "b.sqlite3") as h:
        assert h.export() == exported


@settings(max_examples=30)
@given(sessions=practice_sessions(min_size=1))
def test_importing_twice_adds_nothing(tmp_path_factory: Any, sessions: list[SessionRecord]) -> None:
    d = tmp_path_factory.mktemp("h")
    path = d / "h.sqlite3"
    with History.open(path, write=True) as h:
        assert h.add(sessions) == len({s.uuid for s in sessions})
        before = (h.export(), compute(h, NOW))
        assert h.add(sessions) == 0
        assert (h.export(), compute(h, NOW)) == before


def test_a_record_round_trips_through_the_export_format(tmp_path: Path) -> None:
    rec = SessionRecord(
        "0b3a5f7e-1c2d-4e5f-8a9b-0c1d2e3f4a5b", "recall", "recall", None,
        "2026-12-01T10:00:00.000+00:00", "2026-12-01T10:00:30.000+00:00", 30.0, 12.5, 1.0, 4,
        {"kind": "recall", "answers": [], "details": {"in_order": True}},
    )  # fmt: skip
    assert from_dict(rec.to_dict()) == rec
    with pytest.raises(ValueError, match="uuid 'nope' is not a lower-case UUID"):
        from_dict(rec.to_dict() | {"uuid": "nope"})
    with pytest.raises(ValueError, match="kind 'x' is not one of interview, recall"):
        from_dict(rec.to_dict() | {"kind": "x"})


def test_bad_export_files_are_refused_naming_the_file(tmp_path: Path) -> None:
    src = tmp_path / "e.json"
    with pytest.raises(HistoryError, match=r'e.json is not a reqdrill history export \(no "format"'):
        parse_export({"sessions": []}, src)
    with pytest.raises(HistoryError, match="is a history export of version 9; this reqdrill reads version 1"):
        parse_export({"format": "reqdrill-history", "version": 9, "sessions": []}, src)
    with pytest.raises(HistoryError, match="session 1: a session is not an object; nothing was imported"):
        parse_export({"format": "reqdrill-history", "version": 1, "sessions": [3]}, src)


def test_the_default_place_honors_xdg_data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REQDRILL_HISTORY")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert resolve(None) == (tmp_path / "data" / "reqdrill" / "history.sqlite3", True)
    monkeypatch.setenv("REQDRILL_HISTORY", str(tmp_path / "mine.db"))
    assert resolve(None) == (tmp_path / "mine.db", False)
    assert resolve(tmp_path / "given.db") == (tmp_path / "given.db", False)


def test_reading_a_missing_history_creates_nothing(tmp_path: Path) -> None:
    with History.open(tmp_path / "none.sqlite3") as h:
        assert list(h.records()) == []
    assert list(tmp_path.iterdir()) == []


def _writer(path: str, sessions: list[dict[str, Any]]) -> None:
    with History.open(Path(path), write=True) as h:
        for s in sessions:
            h.record(from_dict(s))


@settings(max_examples=1)
@given(sessions=practice_sessions(min_size=40, max_size=40))
def test_concurrent_writers_lose_nothing(tmp_path_factory: Any, sessions: list[SessionRecord]) -> None:
    path = tmp_path_factory.mktemp("h") / "h.sqlite3"
    chunks = [[s.to_dict() for s in sessions[i::4]] for i in range(4)]
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_writer, args=(str(path), chunk)) for chunk in chunks]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    with History.open(path) as h:
        assert sorted(r.uuid for r in h.records()) == sorted({s.uuid for s in sessions})
    # written out of order by four processes, the schedule is still the one a single writer makes
    single = tmp_path_factory.mktemp("h") / "one.sqlite3"
    fill(single, sessions)
    assert figures(path) == figures(single)


def test_a_writer_waits_for_another_terminal(tmp_path: Path) -> None:
    sessions = recalls(2)
    path = tmp_path / "h.sqlite3"
    fill(path, sessions[:1])
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    threading.Timer(0.5, lambda: other.execute("COMMIT")).start()
    start = time.monotonic()
    fill(path, sessions[1:])
    assert time.monotonic() - start >= 0.4
    other.close()
    with History.open(path) as h:
        assert len(list(h.records())) == 2


def test_a_history_locked_too_long_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sessions = recalls(2)
    path = tmp_path / "h.sqlite3"
    fill(path, sessions[:1])
    monkeypatch.setattr(store, "BUSY_SECONDS", 0.2)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    with pytest.raises(HistoryError) as info:
        fill(path, sessions[1:])
    other.execute("ROLLBACK")
    other.close()
    assert str(info.value) == (
        f"{path} is busy: another reqdrill kept it locked for over 0 seconds. Nothing was written; try again."
    )


def test_a_full_disk_is_a_clear_error_and_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sessions = recalls(2) + recalls(3, pad="x" * 200_000)[2:]
    path = tmp_path / "h.sqlite3"
    fill(path, sessions[:2])
    before = figures(path)
    connect = store._connect

    def full(target: str, uri: bool = False) -> sqlite3.Connection:
        conn = connect(target, uri)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")  # the file may not grow: SQLite's full disk
        return conn

    monkeypatch.setattr(store, "_connect", full)
    with pytest.raises(HistoryError) as info:
        fill(path, sessions[2:])
    assert str(info.value) == (
        f"cannot write the practice history {path}: the disk is full. Earlier sessions are unchanged; "
        "fix that and run again, or choose another file with --history FILE or REQDRILL_HISTORY."
    )
    monkeypatch.undo()
    assert figures(path) == before
    check = sqlite3.connect(path)
    assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    check.close()
