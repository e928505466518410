"""The history's SQLite schema, versioned with `PRAGMA user_version`, and the steps that migrate it.

Each step takes a file at version N-1 to version N inside the caller's transaction. A new file runs
every step, so the steps are the schema's only definition, and every older file reaches the same
shape as a new one (tests/practice/test_schema.py builds a file at each version and migrates it).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from reqdrill.content.model import CATEGORY_IDS

APPLICATION_ID = 0x52514452  # "RQDR": `PRAGMA application_id`, so reqdrill knows its own files
SQLITE_MAGIC = b"SQLite format 3\x00"

V1 = """
CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,          -- 'interview' or a drill kind: recall, questions, classify, ...
    item TEXT NOT NULL,          -- what is scheduled: the scenario of an interview, else the kind
    scenario TEXT,
    started TEXT NOT NULL,       -- ISO 8601 in UTC, e.g. 2026-12-06T09:30:00.000+00:00
    ended TEXT NOT NULL,
    time_limit REAL,             -- seconds, the target time of a drill
    elapsed REAL NOT NULL,       -- seconds
    score REAL NOT NULL,         -- 0..1
    rating INTEGER NOT NULL,     -- the FSRS rating: 1 again, 2 hard, 3 good, 4 easy
    data TEXT NOT NULL           -- the whole session as JSON: an interview's transcript, a drill's answers
);
CREATE INDEX sessions_by_end ON sessions (ended, uuid);
CREATE INDEX sessions_by_kind ON sessions (kind, ended, uuid);
CREATE TABLE turns (
    session INTEGER NOT NULL REFERENCES sessions (id),
    position INTEGER NOT NULL,
    question TEXT NOT NULL,
    category TEXT NOT NULL,
    confidence REAL NOT NULL,
    facts TEXT NOT NULL,         -- JSON list of the facts the answer gave
    elapsed REAL NOT NULL,
    PRIMARY KEY (session, position)
) WITHOUT ROWID;
CREATE TABLE answers (
    session INTEGER NOT NULL REFERENCES sessions (id),
    position INTEGER NOT NULL,
    item TEXT NOT NULL,
    category TEXT,               -- the category the item tests, where it tests one
    answer TEXT NOT NULL,
    grade REAL NOT NULL,         -- 0..1
    seconds REAL NOT NULL,
    PRIMARY KEY (session, position)
) WITHOUT ROWID;
CREATE TABLE signals (
    session INTEGER NOT NULL REFERENCES sessions (id),
    signal TEXT NOT NULL,
    shown INTEGER NOT NULL,
    PRIMARY KEY (session, signal)
) WITHOUT ROWID;
"""

V2 = """
CREATE TABLE results (           -- per session and category: covered (1/0) or the mean drill grade
    session INTEGER NOT NULL REFERENCES sessions (id),
    category TEXT NOT NULL,
    score REAL NOT NULL,
    PRIMARY KEY (session, category)
) WITHOUT ROWID;
CREATE TABLE schedule (          -- the FSRS card of each practiced item, derived from the sessions
    kind TEXT NOT NULL,          -- 'interview' or 'drill'
    item TEXT NOT NULL,
    card TEXT NOT NULL,          -- fsrs.Card as JSON
    due TEXT NOT NULL,
    reviews INTEGER NOT NULL,
    first_review TEXT NOT NULL,
    last_review TEXT NOT NULL,
    last_rating INTEGER NOT NULL,
    PRIMARY KEY (kind, item)
) WITHOUT ROWID;
"""


def _v1(conn: sqlite3.Connection) -> None:
    for statement in V1.split(";"):
        if statement.strip():
            conn.execute(statement)


def _v2(conn: sqlite3.Connection) -> None:
    """Per-category results, backfilled from the turns and answers; the schedule, replayed."""
    for statement in V2.split(";"):
        if statement.strip():
            conn.execute(statement)
    categories = " UNION ALL ".join(["SELECT ? AS id"] + ["SELECT ?"] * (len(CATEGORY_IDS) - 1))
    conn.execute(
        f"""INSERT INTO results (session, category, score)
        SELECT s.id, c.id, EXISTS (SELECT 1 FROM turns t WHERE t.session = s.id AND t.category = c.id)
        FROM sessions s, ({categories}) AS c WHERE s.kind = 'interview'""",
        CATEGORY_IDS,
    )
    conn.execute(
        """INSERT INTO results (session, category, score)
        SELECT session, category, avg(grade) FROM answers WHERE category IS NOT NULL
        GROUP BY session, category"""
    )
    from reqdrill.practice.schedule import rebuild

    rebuild(conn)


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_v1, _v2)
"""Step N (counting from 1) takes a file from version N-1 to N."""
VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection, current: int, target: int = VERSION) -> None:
    """Run the steps from `current` to `target` and record the version, in the caller's transaction."""
    for step in MIGRATIONS[current:target]:
        step(conn)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {target}")
