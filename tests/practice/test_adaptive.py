"""Adaptive draws: the weakest category on (nearly) every sheet, deterministic, as before without history."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import reqdrill.practice.history
from reqdrill.content.model import CATEGORY_IDS, Content
from reqdrill.practice.adaptive import focus
from reqdrill.practice.history import History
from reqdrill.practice.records import SessionRecord, interview_record
from reqdrill.render.drillout import render_sheet
from reqdrill.study.drills import Lean, generate
from strategies import practice_sessions

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def interviews(missing: str, n: int = 3) -> list[SessionRecord]:
    """`n` interviews that covered every category but `missing`."""
    out = []
    for i in range(n):
        at = NOW - timedelta(days=n - i)
        covered = [c for c in CATEGORY_IDS if c != missing]
        t = {
            "scenario": {"id": "video-streaming"},
            "turns": [{"question": c, "category": c, "confidence": 1.0} for c in covered],
            "coverage": {"covered": covered, "count": len(covered), "total": 7},
            "score": {"signals": []},
        }
        stamp = at.isoformat(timespec="milliseconds")
        out.append(interview_record(t, f"00000000-0000-4000-8000-{i:012d}", stamp, stamp))
    return out


def test_the_weakest_category_is_on_at_least_8_of_10_adaptive_question_sheets(
    tmp_path: Path, content: Content
) -> None:
    path = tmp_path / "h.sqlite3"
    with History.open(path, write=True) as h:
        h.add(interviews("privacy_ethics"))
        found = focus(h, content, NOW)
    assert found is not None
    assert found.reasons[0] == "focus: Privacy/Ethics, covered in 0 of your last 3 interviews"

    def has(sheet: Any) -> bool:
        return "privacy_ethics" in [i.ref for i in sheet.exercises[0].items]

    adaptive = sum(has(generate(content, s, ("questions",), lean=found.lean(0))) for s in range(10))
    uniform = sum(has(generate(content, s, ("questions",))) for s in range(700))
    assert adaptive >= 8
    assert 250 <= uniform <= 350  # about 3 in 7
    # mixed sheets lean too, with the focus in their question-generation exercise
    assert all(
        "privacy_ethics" in [i.ref for i in generate(content, s, (), lean=found.lean(0)).exercises[1].items]
        for s in range(10)
    )


def test_no_history_means_no_lean_and_the_usual_sheet(tmp_path: Path, content: Content, cli_invoke) -> None:  # type: ignore[no-untyped-def]
    with History.open(tmp_path / "none.sqlite3") as h:
        assert focus(h, content, NOW) is None
    plain = cli_invoke("drill", "--seed", "7", "--kind", "questions")
    adaptive = cli_invoke(
        "drill",
        "--seed",
        "7",
        "--kind",
        "questions",
        "--adaptive",
        "--history",
        str(tmp_path / "none.sqlite3"),
    )
    assert (
        adaptive.stdout == plain.stdout == render_sheet(generate(content, 7, ("questions",)), "md").decode()
    )
    assert adaptive.stderr == "adaptive: no practice history yet, so this is the usual draw\n"


@settings(max_examples=25)
@given(
    sessions=practice_sessions(min_size=1),
    seed=st.integers(min_value=0, max_value=10**6),
    kinds=st.sampled_from([(), ("questions",), ("questions", "classify", "tradeoff"), ("deep-dive",)]),
)
def test_adaptive_draws_are_deterministic_for_a_seed_and_history(
    tmp_path_factory: Any, content: Content, sessions: list[SessionRecord], seed: int, kinds: tuple[str, ...]
) -> None:
    d = tmp_path_factory.mktemp("a")
    sheets = []
    for name in ("a", "b"):
        with History.open(d / f"{name}.sqlite3", write=True) as h:
            h.add(sessions)
            found = focus(h, content, NOW)
        assert found is not None
        sheets.append(render_sheet(generate(content, seed, kinds, lean=found.lean(seed)), "json"))
    assert sheets[0] == sheets[1]
    one = generate(content, seed, kinds, lean=found.lean(seed))
    categories = [i.ref for e in one.exercises if e.kind in ("questions",) for i in e.items]
    if found.categories and "questions" in (kinds or ("questions",)):
        assert found.categories[0] in categories
    assert len(set(categories)) == len(categories)


def test_a_lean_prefers_the_most_overdue_scenario(content: Content) -> None:
    last = content.scenarios[-1].id
    sheet = generate(content, 5, ("deep-dive",), lean=Lean((), (last,), 5))
    assert sheet.exercises[0].scenario is not None and sheet.exercises[0].scenario.id == last
    nxt = generate(content, 6, ("deep-dive",), lean=Lean((), (last,), 5))
    assert nxt.exercises[0].scenario is not None and nxt.exercises[0].scenario.id != last


def test_interview_adaptive_picks_the_overdue_scenario_and_says_why(  # type: ignore[no-untyped-def]
    tmp_path: Path, cli_invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reqdrill.practice.history, "now", lambda: NOW + timedelta(days=60))
    path = tmp_path / "h.sqlite3"
    with History.open(path, write=True) as h:
        h.add(interviews("privacy_ethics"))
    out = cli_invoke("interview", "--adaptive", "--history", str(path), "--no-record", input="").stdout
    lines = out.splitlines()
    assert lines[0] == "Mock interview: Video Streaming App [video-streaming]"
    assert lines[1] == "focus: Privacy/Ethics, covered in 0 of your last 3 interviews"
    assert lines[2].startswith("scenario: video-streaming, overdue by ")
