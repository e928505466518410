"""Practice-history figures: `progress --json` and `next` at CLI speed, `progress` over 10,000 sessions,
and what recording costs an interview.

    .venv/bin/python benchmarks/practice.py [--runs N]

Each figure is measured with cold processes, interleaved with its baseline:
- `reqdrill progress --json` and `reqdrill next` on a 200-session history against
  `python -c "import click, sqlite3"` (target ≤ 2×);
- `reqdrill progress` and `progress --json` on a synthetic 10,000-session history (target ≤ 300 ms);
- a piped 4-question `reqdrill interview` with and without `--no-record` (target: ≤ 20 ms apart).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
REQDRILL = str(Path(PYTHON).parent / "reqdrill")
QUESTIONS = "What is the north-star metric?\nHow many DAU?\nWhat is the latency budget?\nIs there PII?\n"


def synthesize(path: Path, n: int, seed: int = 0) -> None:
    """A history of `n` sessions over about a year: interviews of every scenario and every drill kind."""
    sys.path.insert(0, str(ROOT / "src"))
    from reqdrill.content.model import CATEGORY_IDS
    from reqdrill.practice.history import History
    from reqdrill.practice.rating import from_score, interview_score
    from reqdrill.practice.records import DRILL_KINDS, drill_record, interview_record

    rng = random.Random(seed)
    scenarios = [f"scenario-{i}" for i in range(13)]
    at = datetime(2026, 1, 1, 8, 0, tzinfo=UTC)
    records = []
    for i in range(n):
        at += timedelta(minutes=rng.randrange(5, 60))
        stamp = at.isoformat(timespec="milliseconds")
        sid = f"{i:08x}-0000-4000-8000-{rng.getrandbits(48):012x}"
        if rng.random() < 0.4:
            covered = [c for c in CATEGORY_IDS if rng.random() < 0.7]
            turns = [
                {"question": f"question about {c}", "category": c, "confidence": 0.9, "field": None}
                for c in covered
            ]
            signals = [
                {"id": s, "level": "E6", "shown": rng.random() < 0.4} for s in ("numbers", "follow_ups")
            ]
            t: dict[str, Any] = {
                "version": 1,
                "scenario": {"id": rng.choice(scenarios), "name": "S", "prompt": "P"},
                "time_limit_seconds": 300,
                "elapsed_seconds": 280.0,
                "turns": turns,
                "coverage": {"covered": covered, "count": len(covered), "total": 7},
                "score": {"signals": signals},
            }
            assert interview_score(t)
            records.append(interview_record(t, sid, stamp, stamp))
        else:
            kind = rng.choice(DRILL_KINDS)
            grades = [float(rng.random() < 0.7) for _ in range(7)]
            score = sum(grades) / 7
            answers = [
                {"item": c, "category": c, "answer": "x", "grade": g, "seconds": 2.0}
                for c, g in zip(CATEGORY_IDS, grades, strict=True)
            ]
            data = {"kind": kind, "score": score, "rating": from_score(score), "elapsed_seconds": 25.0,
                    "time_limit_seconds": 30, "answers": answers, "details": {"in_order": True}}  # fmt: skip
            records.append(drill_record(data, sid, stamp, stamp))
    with History.open(path, write=True) as h:
        h.add(records)


def timed(cmd: Sequence[str], env: dict[str, str], stdin: str = "") -> float:
    start = time.perf_counter()
    subprocess.run(cmd, input=stdin, text=True, cwd=ROOT, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def median_pair(
    a: Sequence[str], b: Sequence[str], runs: int, env: dict[str, str], stdin: str = ""
) -> tuple[float, float]:
    xs, ys = [], []
    for _ in range(runs):
        xs.append(timed(a, env, stdin))
        ys.append(timed(b, env, stdin))
    return statistics.median(xs), statistics.median(ys)


def figures(runs: int) -> dict[str, tuple[float, float]]:
    """name → (subject seconds, baseline seconds)."""
    place = Path(tempfile.mkdtemp(prefix="reqdrill-bench-practice-"))
    try:
        small, big = place / "small.sqlite3", place / "big.sqlite3"
        synthesize(small, 200)
        synthesize(big, 10_000)
        env = dict(os.environ)
        base = [PYTHON, "-c", "import click, sqlite3"]
        out = {}
        timed([REQDRILL, "next"], env | {"REQDRILL_HISTORY": str(small)})  # warm the content cache
        env_small = env | {"REQDRILL_HISTORY": str(small)}
        out["progress_json"] = median_pair([REQDRILL, "progress", "--json"], base, runs, env_small)
        out["next"] = median_pair([REQDRILL, "next"], base, runs, env_small)
        out["next_json"] = median_pair([REQDRILL, "next", "--json"], base, runs, env_small)
        env_big = env | {"REQDRILL_HISTORY": str(big)}
        out["progress_10k"] = median_pair([REQDRILL, "progress"], base, runs, env_big)
        out["progress_json_10k"] = median_pair([REQDRILL, "progress", "--json"], base, runs, env_big)
        env_rec = env | {"REQDRILL_HISTORY": str(place / "rec.sqlite3")}
        interview = [REQDRILL, "interview", "video-streaming"]
        out["record"] = median_pair(interview, [*interview, "--no-record"], runs, env_rec, QUESTIONS)
        return out
    finally:
        shutil.rmtree(place)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    for name, (subject, base) in figures(args.runs).items():
        print(
            f"{name:<20} {subject * 1000:7.1f} ms  baseline {base * 1000:7.1f} ms  ratio {subject / base:.2f}"
        )


if __name__ == "__main__":
    main()
