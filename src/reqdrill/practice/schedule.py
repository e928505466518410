"""FSRS scheduling of practice items with the `fsrs` package: each scenario interview, each drill kind.

The cards live in the history's `schedule` table, derived from the sessions and updated in the
same transaction that records one, so reading what is due (`reqdrill next`, `progress`) needs no
scheduler at all. Intervals are whole days: no learning steps (a mock interview is not repeated
ten minutes later), and no fuzz, so the same history always gives the same schedule.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import TYPE_CHECKING

from reqdrill.practice.records import INTERVIEW

if TYPE_CHECKING:
    import fsrs

CARD_ID = 1  # fsrs numbers new cards by the clock; a constant keeps cards reproducible


def scheduler() -> fsrs.Scheduler:
    """The scheduler: FSRS's default parameters, 90% retention, day intervals, no fuzz."""
    import fsrs

    return fsrs.Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)


def review(s: fsrs.Scheduler, card_json: str | None, rating: int, when: str) -> tuple[str, str]:
    """Review a card (None: a new one) with a rating at an ISO time; its new JSON and due time."""
    import fsrs

    at = datetime.fromisoformat(when)
    card = fsrs.Card(card_id=CARD_ID, due=at) if card_json is None else fsrs.Card.from_json(card_json)
    card, _ = s.review_card(card, fsrs.Rating(rating), review_datetime=at)
    return card.to_json(), card.due.isoformat(timespec="milliseconds")


def update(conn: sqlite3.Connection, key: tuple[str, str], ended: str, rating: int) -> None:
    """Take one new session of an item into its card, in the caller's transaction.

    A session that ends after the card's last review is reviewed on top of it; one that ends
    earlier (imported, or recorded late by a second terminal) replays the item's sessions in order.
    """
    row = conn.execute(
        "SELECT card, last_review, reviews, first_review FROM schedule WHERE kind = ? AND item = ?", key
    ).fetchone()
    if row is not None and ended <= row[1]:  # earlier or tied: the order is (ended, uuid)
        replay(conn, key)
        return
    card, due = review(scheduler(), row[0] if row else None, rating, ended)
    conn.execute(
        "INSERT OR REPLACE INTO schedule VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (*key, card, due, (row[2] if row else 0) + 1, row[3] if row else ended, ended, rating),
    )


def _sessions_of(conn: sqlite3.Connection, key: tuple[str, str]) -> list[tuple[str, int]]:
    if key[0] == INTERVIEW:
        sql = "SELECT ended, rating FROM sessions WHERE kind = 'interview' AND item = ? ORDER BY ended, uuid"
    else:
        sql = "SELECT ended, rating FROM sessions WHERE kind = ? ORDER BY ended, uuid"
    return conn.execute(sql, (key[1],)).fetchall()


def replay(conn: sqlite3.Connection, key: tuple[str, str]) -> None:
    """Rebuild one item's card from all its sessions, oldest first."""
    s = scheduler()
    sessions = _sessions_of(conn, key)
    conn.execute("DELETE FROM schedule WHERE kind = ? AND item = ?", key)
    card: str | None = None
    due = ""
    for ended, rating in sessions:
        card, due = review(s, card, rating, ended)
    if card is not None:
        first, (last, rating) = sessions[0][0], sessions[-1]
        conn.execute(
            "INSERT INTO schedule VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (*key, card, due, len(sessions), first, last, rating),
        )


def rebuild(conn: sqlite3.Connection) -> None:
    """Rebuild every card from the sessions."""
    keys = conn.execute(
        "SELECT DISTINCT CASE kind WHEN 'interview' THEN 'interview' ELSE 'drill' END,"
        " CASE kind WHEN 'interview' THEN item ELSE kind END FROM sessions"
    ).fetchall()
    conn.execute("DELETE FROM schedule")
    for kind, item in keys:
        replay(conn, (kind, item))
