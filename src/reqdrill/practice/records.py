"""A practiced session as plain data, and the normalized rows the history derives from it.

The session's `data` (an interview's transcript, a drill's answers) is the source of truth: the
rows of `turns`, `answers`, `signals` and `results` are always derived from it by `rows`, on
recording, on import and in tests, so an exported and re-imported history gives the same figures.
Transcript keys added by later transcript versions are read with defaults.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from reqdrill.content.model import CATEGORY_IDS
from reqdrill.practice.rating import interview_score

INTERVIEW = "interview"
DRILL = "drill"
DRILL_KINDS: tuple[str, ...] = ("recall", "questions", "classify", "tradeoff", "deep-dive")
KINDS: tuple[str, ...] = (INTERVIEW, *DRILL_KINDS)
DRILL_DATA_VERSION = 1
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$")


@dataclass(frozen=True)
class SessionRecord:
    """One finished interview or drill, as stored and exported."""

    uuid: str
    kind: str
    item: str
    scenario: str | None
    started: str
    ended: str
    time_limit: float | None
    elapsed: float
    score: float
    rating: int
    data: dict[str, Any]

    @property
    def schedule_key(self) -> tuple[str, str]:
        """What FSRS schedules: ('interview', scenario) or ('drill', kind)."""
        return (INTERVIEW, self.item) if self.kind == INTERVIEW else (DRILL, self.kind)

    def to_dict(self) -> dict[str, Any]:
        """The session in the export format (docs/practice.md)."""
        return {
            "uuid": self.uuid,
            "kind": self.kind,
            "item": self.item,
            "scenario": self.scenario,
            "started": self.started,
            "ended": self.ended,
            "time_limit_seconds": self.time_limit,
            "elapsed_seconds": self.elapsed,
            "score": self.score,
            "rating": self.rating,
            "data": self.data,
        }


def from_dict(d: Any) -> SessionRecord:
    """A session from the export format; ValueError naming the first thing wrong with it."""
    if not isinstance(d, dict):
        raise ValueError("a session is not an object")
    uuid = d.get("uuid")
    if not isinstance(uuid, str) or not _UUID.match(uuid):
        raise ValueError(f"uuid {uuid!r} is not a lower-case UUID")
    if d.get("kind") not in KINDS:
        raise ValueError(f"session {uuid}: kind {d.get('kind')!r} is not one of {', '.join(KINDS)}")
    for key in ("started", "ended"):
        if not isinstance(d.get(key), str) or not _TIME.match(d[key]):
            raise ValueError(f"session {uuid}: {key} {d.get(key)!r} is not a time like {timestamp_example()}")
    if not isinstance(d.get("item"), str) or not isinstance(d.get("data"), dict):
        raise ValueError(f"session {uuid}: item must be text and data an object")
    if d.get("rating") not in (1, 2, 3, 4):
        raise ValueError(f"session {uuid}: rating must be 1, 2, 3 or 4")
    numbers = {k: d.get(k) for k in ("elapsed_seconds", "score")}
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in numbers.values()):
        raise ValueError(f"session {uuid}: elapsed_seconds and score must be numbers")
    limit = d.get("time_limit_seconds")
    scenario = d.get("scenario")
    return SessionRecord(
        uuid,
        d["kind"],
        d["item"],
        scenario if isinstance(scenario, str) else None,
        d["started"],
        d["ended"],
        float(limit) if isinstance(limit, int | float) else None,
        float(d["elapsed_seconds"]),
        float(d["score"]),
        d["rating"],
        d["data"],
    )


def timestamp_example() -> str:
    return "2026-12-06T09:30:00.000+00:00"


def interview_record(transcript: Mapping[str, Any], uuid: str, started: str, ended: str) -> SessionRecord:
    """An interview from its transcript data (reqdrill.interview.transcript.to_data, any version)."""
    scenario = transcript["scenario"]["id"]
    score, rating = interview_score(transcript)
    return SessionRecord(
        uuid,
        INTERVIEW,
        scenario,
        scenario,
        started,
        ended,
        float(transcript.get("time_limit_seconds") or 0) or None,
        float(transcript.get("elapsed_seconds") or 0.0),
        round(score, 3),
        rating,
        dict(transcript),
    )


def drill_record(data: Mapping[str, Any], uuid: str, started: str, ended: str) -> SessionRecord:
    """A drill from its data (reqdrill.practice.exercises: Result.data)."""
    return SessionRecord(
        uuid,
        data["kind"],
        data["kind"],
        data.get("scenario"),
        started,
        ended,
        data.get("time_limit_seconds"),
        float(data.get("elapsed_seconds", 0.0)),
        float(data["score"]),
        int(data["rating"]),
        dict(data),
    )


class Rows(NamedTuple):
    """The normalized rows of one session, without its id."""

    turns: list[tuple[int, str, str, float, str, float]]
    answers: list[tuple[int, str, str | None, str, float, float]]
    signals: list[tuple[str, int]]
    results: list[tuple[str, float]]


def rows(rec: SessionRecord) -> Rows:
    """The rows the history stores for a session, derived from its data alone."""
    import json

    data = rec.data
    if rec.kind == INTERVIEW:
        turns = []
        for i, t in enumerate(data.get("turns", [])):
            facts = t.get("facts")
            if facts is None:  # transcript version 1 names the one field answered
                facts = [t["field"]] if t.get("field") else []
            turns.append(
                (
                    i,
                    str(t.get("question", "")),
                    str(t.get("category", "none")),
                    float(t.get("confidence", 0.0)),
                    json.dumps(facts),
                    float(t.get("elapsed_seconds", 0.0)),
                )
            )
        signals = [
            (str(s["id"]), int(bool(s.get("shown")))) for s in data.get("score", {}).get("signals", [])
        ]
        covered = set(data.get("coverage", {}).get("covered", []))
        results = [(c, float(c in covered)) for c in CATEGORY_IDS]
        return Rows(turns, [], signals, results)
    answers = [
        (
            i,
            str(a.get("item", "")),
            a.get("category"),
            str(a.get("answer", "")),
            float(a.get("grade", 0.0)),
            float(a.get("seconds", 0.0)),
        )
        for i, a in enumerate(data.get("answers", []))
    ]
    grades: dict[str, list[float]] = {}
    for _, _, category, _, grade, _ in answers:
        if category:
            grades.setdefault(category, []).append(grade)
    results = [(c, sum(g) / len(g)) for c, g in sorted(grades.items())]
    return Rows([], answers, [], results)
