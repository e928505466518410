"""`reqdrill practice`, `progress`, `next` and `history` end to end, and interviews recorded."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

import reqdrill.cli.practicecmd
import reqdrill.practice.history

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
RECALL = "business objective\nfeatures\ndata\nconstraints\nscale\nperf\nprivacy\n\n"


@pytest.fixture
def hist(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh history at a fixed time."""
    monkeypatch.setattr(reqdrill.practice.history, "now", lambda: NOW)
    return tmp_path / "history.sqlite3"


def test_practice_recall_piped_and_recorded(cli_invoke, hist: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    ticks = iter([0.0, 12.5])
    monkeypatch.setattr(reqdrill.cli.practicecmd, "practice_clock", lambda: next(ticks))
    out = cli_invoke("practice", "recall", "--seed", "1", "--history", str(hist), input=RECALL).stdout
    assert "> privacy\n" in out
    assert out.endswith("  [x] Privacy/Ethics\n7/7, in order, 0:12 (target 0:30)\n")
    data = json.loads(cli_invoke("progress", "--json", "--history", str(hist)).stdout)
    assert (data["drills"], data["drills_by_kind"], data["interviews"]) == (1, {"recall": 1}, 0)
    assert data["recall"]["recent"][0] | {"ended": ""} == {
        "ended": "", "seconds": 12.5, "target": 30.0, "score": 1.0, "in_order": True
    }  # fmt: skip


def test_no_record_records_nothing(cli_invoke, hist: Path) -> None:  # type: ignore[no-untyped-def]
    cli_invoke("practice", "recall", "--seed", "1", "--history", str(hist), "--no-record", input=RECALL)
    cli_invoke("interview", "video-streaming", "--history", str(hist), "--no-record", input="How many DAU?\n")
    assert not hist.exists()


def test_input_ending_early_is_an_error_and_records_nothing(cli_invoke, hist: Path) -> None:  # type: ignore[no-untyped-def]
    err = cli_invoke(
        "practice", "tradeoff", "--seed", "1", "--history", str(hist), input="a\nwhy\n\n", expect=1
    ).stderr
    assert err == "Error: input ended before the drill was over; nothing was recorded\n"
    assert not hist.exists()


def test_interviews_are_recorded_with_their_transcript(cli_invoke, hist: Path) -> None:  # type: ignore[no-untyped-def]
    cli_invoke("interview", "video-streaming", "--history", str(hist), input="How many DAU?\nIs there PII?\n")
    cli_invoke(
        "interview", "video-streaming", "--history", str(hist), input=""
    )  # nothing asked: not recorded
    exported = json.loads(cli_invoke("history", "export", "-", "--history", str(hist)).stdout)
    (session,) = exported["sessions"]
    assert (session["kind"], session["item"], session["rating"]) == ("interview", "video-streaming", 1)
    assert session["data"]["turns"][0]["question"] == "How many DAU?"
    assert session["data"]["coverage"]["covered"] == ["scale", "privacy_ethics"]
    data = json.loads(cli_invoke("progress", "--json", "--history", str(hist)).stdout)
    assert data["categories"]["scale"]["coverage"] == 1.0 and data["categories"]["data"]["coverage"] == 0.0
    assert data["weakest"][:5] == [
        "business_objective",
        "features_supported",
        "data",
        "constraints",
        "performance",
    ]
    assert set(data) >= {"interviews", "drills", "categories", "weakest"}
    assert data["anki_search"].startswith("(tag:reqdrill::category::business_objective OR ")


def test_progress_text_and_anki_search(cli_invoke, hist: Path) -> None:  # type: ignore[no-untyped-def]
    empty = cli_invoke("progress", "--history", str(hist)).stdout
    assert empty == (
        f"Practice history: {hist}\n0 interviews, 0 drills, 0 days practiced, streak 0 days\n"
        "Nothing practiced yet: try `reqdrill practice recall` or `reqdrill interview`.\n"
    )
    cli_invoke("interview", "video-streaming", "--history", str(hist), input="How many DAU?\n")
    out = cli_invoke("progress", "--history", str(hist)).stdout
    assert "1 interview, 0 drills, 1 day practiced, streak 1 day\n" in out
    assert "  Scale                 1/1  100%        strength 100%\n" in out
    assert "Anki search: (tag:reqdrill::category::business_objective OR" in out


def test_progress_chart_and_plot(cli_invoke, hist: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for questions in ("How many DAU?\n", "How many DAU?\nIs there PII?\nWhat is the goal?\n"):
        cli_invoke("interview", "video-streaming", "--history", str(hist), input=questions)
    out = cli_invoke("progress", "--chart", "--history", str(hist), "--plot", str(tmp_path / "p.pdf")).stdout
    assert "Categories covered per interview (oldest to newest)" in out
    assert out.endswith(f"wrote {tmp_path / 'p.pdf'}\n")
    assert (tmp_path / "p.pdf").read_bytes().startswith(b"%PDF-")


def test_next_json_and_text(cli_invoke, hist: Path) -> None:  # type: ignore[no-untyped-def]
    items = json.loads(cli_invoke("next", "--json", "--history", str(hist)).stdout)
    assert [(i["kind"], i["id"]) for i in items] == [("drill", "recall"), ("drill", "questions")]
    assert all({"kind", "id", "due", "reason"} <= set(i) for i in items)
    text = cli_invoke("next", "--history", str(hist)).stdout
    assert text.startswith(
        "Practice now:\n  1. Category recall: reqdrill practice recall  (new: never practiced"
    )


def test_practice_with_no_kind_runs_what_is_next(cli_invoke, hist: Path) -> None:  # type: ignore[no-untyped-def]
    out = cli_invoke("practice", "--seed", "1", "--history", str(hist), input=RECALL).stdout
    assert out.startswith("next up: recall\nCategory recall: ")


def test_practice_mock_runs_the_interviewer(cli_invoke, hist: Path) -> None:  # type: ignore[no-untyped-def]
    out = cli_invoke(
        "practice", "mock", "--scenario", "video-streaming", "--time-limit", "2m", "--history", str(hist),
        input="How many DAU?\n",
    ).stdout  # fmt: skip
    assert out.startswith("Mock interview: Video Streaming App [video-streaming]\n")
    assert "Time: 0:00 of 2:00" in out
    assert json.loads(cli_invoke("progress", "--json", "--history", str(hist)).stdout)["interviews"] == 1


def test_history_export_import_is_idempotent(cli_invoke, hist: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cli_invoke("practice", "recall", "--seed", "1", "--history", str(hist), input=RECALL)
    cli_invoke("interview", "video-streaming", "--history", str(hist), input="How many DAU?\n")
    out = cli_invoke("history", "export", str(tmp_path / "e.json"), "--history", str(hist)).stdout
    assert out == f"exported 2 sessions from {hist} to {tmp_path / 'e.json'}\n"
    other = tmp_path / "other.sqlite3"
    first = cli_invoke("history", "import", str(tmp_path / "e.json"), "--history", str(other)).stdout
    assert first == f"imported 2 sessions into {other} (0 already there)\n"
    again = cli_invoke("history", "import", str(tmp_path / "e.json"), "--history", str(other)).stdout
    assert again == f"imported 0 sessions into {other} (2 already there)\n"
    progress = [cli_invoke("progress", "--json", "--history", str(p)).stdout for p in (hist, other)]
    assert progress[0] == progress[1]
    assert cli_invoke("history", "path", "--history", str(other)).stdout == f"{other}\n"


def test_importing_a_file_that_is_not_an_export(cli_invoke, hist: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "x.json").write_text("{nope")
    err = cli_invoke("history", "import", str(tmp_path / "x.json"), "--history", str(hist), expect=1).stderr
    assert err.startswith(f"Error: {tmp_path / 'x.json'} is not JSON: ")
    err = cli_invoke(
        "history", "import", str(tmp_path / "none.json"), "--history", str(hist), expect=1
    ).stderr
    assert err == f"Error: cannot read {tmp_path / 'none.json'}: No such file or directory\n"
    assert not hist.exists()


def test_drill_adaptive_prints_why_on_stderr(cli_invoke, hist: Path) -> None:  # type: ignore[no-untyped-def]
    cli_invoke("interview", "video-streaming", "--history", str(hist), input="How many DAU?\n")
    result = cli_invoke("drill", "--seed", "3", "--kind", "questions", "--adaptive", "--history", str(hist))
    assert result.stderr == (
        "focus: Business Objective, covered in 0 of your last 1 interview\n"
        "focus: Features Supported, covered in 0 of your last 1 interview\n"
    )
    assert "Business Objective" in result.stdout and "Features Supported" in result.stdout


def test_the_terminal_timer_shows_elapsed_against_the_target() -> None:
    from reqdrill.cli.ticker import Ticker

    now = iter([112.4, 171.0])
    ticker = Ticker(lambda: next(now), 100.0, 30)
    assert ticker.prompt() == "[0:12 / 0:30] > "
    assert ticker.clock_part() == "[1:11 / 0:30]"
