"""What to practice now: FSRS due dates, ratings from scores, new items a few a day."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from reqdrill.practice.history import History
from reqdrill.practice.nextup import NEW_PER_DAY, introduction_order, plan
from reqdrill.practice.records import drill_record

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
SCENARIOS = [("video-streaming", "Video Streaming App"), ("fraud", "Fraud")]


def recall(i: int, when: datetime, rating: int) -> object:
    stamp = when.isoformat(timespec="milliseconds")
    data = {"kind": "recall", "score": 1.0, "rating": rating, "answers": [], "details": {"in_order": True}}
    return drill_record(data, f"00000000-0000-4000-8000-{i:012d}", stamp, stamp)


def test_a_fresh_history_brings_in_two_new_items(tmp_path: Path) -> None:
    with History.open(tmp_path / "none.sqlite3") as h:
        p = plan(h, NOW, SCENARIOS)
    assert [(i["kind"], i["id"]) for i in p["now"]] == introduction_order(["video-streaming", "fraud"])[
        :NEW_PER_DAY
    ]
    assert p["now"][0] == {
        "kind": "drill", "id": "recall", "name": "Category recall", "due": "2026-12-01T12:00:00.000+00:00",
        "command": "reqdrill practice recall", "reviews": 0, "last_review": None, "last_rating": None,
        "reason": "new: never practiced; 2 new items a day",
    }  # fmt: skip


def test_ratings_space_the_next_review_and_overdue_items_come_first(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    with History.open(path, write=True) as h:
        h.record(recall(1, NOW - timedelta(days=30), 1))  # again: due the next day, now long overdue
        p = plan(h, NOW, SCENARIOS)
    first = p["now"][0]
    assert (first["id"], first["last_rating"], first["reviews"]) == ("recall", "again", 1)
    assert first["reason"] == "overdue by 29 days; last rated again on 2026-11-01"
    # recall came in a month ago: today's two new items follow it
    assert [i["id"] for i in p["now"][1:]] == ["questions", "classify"]
    with History.open(path, write=True) as h:
        h.record(recall(2, NOW, 4))
        p = plan(h, NOW, SCENARIOS)
    assert all(i["id"] != "recall" for i in p["now"])
    with History.open(path) as h:
        ((due,),) = h.query("SELECT due FROM schedule WHERE item = 'recall'")
    assert due > (NOW + timedelta(days=3)).isoformat()


def test_new_items_wait_for_tomorrow_once_two_came_in_today(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    with History.open(path, write=True) as h:
        h.record(recall(1, NOW - timedelta(hours=1), 3))
        h.record(
            drill_record(
                {"kind": "questions", "score": 1.0, "rating": 3, "answers": []},
                "00000000-0000-4000-8000-000000000009",
                NOW.isoformat(timespec="milliseconds"),
                NOW.isoformat(timespec="milliseconds"),
            )
        )
        assert plan(h, NOW, SCENARIOS)["now"] == []
        assert [i["id"] for i in plan(h, NOW + timedelta(days=1), SCENARIOS)["now"]][-2:] == [
            "classify",
            "video-streaming",
        ]
