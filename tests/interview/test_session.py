"""The mock interviewer: answers, follow-ups, commands, the timer, the score and transcripts."""

from __future__ import annotations

import json
import random
from pathlib import Path

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import reqdrill.cli.interviewcmd
from reqdrill.content.model import Content
from reqdrill.interview.answer import STEER, UNCLEAR
from reqdrill.interview.classify import Classifier
from reqdrill.interview.session import Session, parse_duration, start
from strategies import contents, questions

SOURCE_DEMO = [  # the source's MockInterviewer demo questions, one per category
    "What is the business objective we're trying to optimize?",
    "What user actions and features does the app support?",
    "What data do we have available and is it labeled?",
    "What's the scale - how many users and videos?",
    "What are the latency and performance requirements?",
    "Are there privacy or ethical concerns I should know about?",
    "What are the compute constraints?",
]


class FakeClock:
    """A clock that moves only when told."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def session(
    content: Content, scenario: str = "video-streaming", limit: float = 300
) -> tuple[Session, FakeClock]:
    clock = FakeClock()
    return start(content, scenario, random.Random(0), clock, limit), clock


def test_full_coverage_through_a_pipe(cli_invoke) -> None:  # type: ignore[no-untyped-def]
    out = cli_invoke("interview", "video-streaming", input="\n".join(SOURCE_DEMO) + "\n").stdout
    assert out.startswith(
        "Mock interview: Video Streaming App [video-streaming]\n"
        "[Interviewer]: Design the recommendation system for the home feed of a video streaming app.\n"
        "Time limit 5:00. Ask clarifying questions; :help lists commands.\n"
        "> What is the business objective we're trying to optimize?\n"
        "[Interviewer]: Our main goal: increase engagement (watch time).\n"
    )
    assert (
        "[Interviewer]: The product supports video feed, like/dislike, watch history and follow creators.\n"
        in out
    )
    assert "[Interviewer]: The latency budget is under 50ms for feed ranking.\n" in out
    assert "Categories covered: 7/7 (100%)\n" in out
    assert "Missed: none\n" in out
    assert "[Feedback]: Excellent coverage! You asked about all key areas.\n" in out
    assert "  [x] E5: Covers all categories - 7/7 categories\n" in out
    assert out.endswith("Study next: E6 probes\nAnki search: tag:reqdrill::level::e6\n")


def test_partial_coverage_names_missed_categories_and_anki_search(cli_invoke) -> None:  # type: ignore[no-untyped-def]
    out = cli_invoke("interview", "video-streaming", input="\n".join(SOURCE_DEMO[:4]) + "\n").stdout
    assert "Categories covered: 4/7 (57%)\n" in out
    assert "Missed: Constraints, Performance, Privacy/Ethics\n" in out
    assert "[Feedback]: Need to ask more structured questions across all categories.\n" in out
    assert out.endswith(
        "Study next: Constraints, Performance, Privacy/Ethics\n"
        "Anki search: (tag:reqdrill::category::constraints OR tag:reqdrill::category::performance"
        " OR tag:reqdrill::category::privacy_ethics)\n"
    )
    five = cli_invoke("interview", "video-streaming", input="\n".join(SOURCE_DEMO[:5]) + "\n").stdout
    assert "[Feedback]: Good coverage, but missed some important areas.\n" in five
    assert (
        "Anki search: (tag:reqdrill::category::constraints OR tag:reqdrill::category::privacy_ethics)\n"
        in five
    )


def test_commands(cli_invoke) -> None:  # type: ignore[no-untyped-def]
    lines = [":help", "What's the DAU?", ":score", ":hint", ":nope", ":done", "Is there PII?"]
    out = cli_invoke("interview", "video-streaming", input="\n".join(lines) + "\n").stdout
    assert (
        "> :help\n[Interviewer]: Ask clarifying questions in your own words; where the scenario is "
        'silent, state an assumption ("Let\'s assume ..."). Commands: :score coverage so far,' in out
    )
    assert (
        "[Interviewer]: Coverage so far: 1/7 (14%) after 1 question: Scale. Facts uncovered: 1/36. "
        "Time: 0:00 of 5:00.\n"
    ) in out
    assert (
        "[Interviewer]: Hint: you haven't asked about Business Objective yet. "
        "For example: What metric defines success? Revenue? Engagement? Safety?\n"
    ) in out
    assert "[Interviewer]: Unknown command ':nope'. Ask clarifying questions" in out
    assert "> :done\n[Interviewer]: Thanks, let's stop here.\n" in out
    assert "Is there PII?" not in out  # nothing is read after :done
    assert "Questions asked: 1 (0 unclear), hints used: 1\n" in out


def test_numbers_are_answered_with_the_scenario_figure(content: Content) -> None:
    s, _ = session(content)
    assert s.handle("How many daily active users?") == "40M DAU (about 25 videos watched per DAU a day)."
    assert s.handle("And the peak QPS?") == "At peak, about 75K QPS (3x) at evening prime time."
    assert s.handle("What's the p99 latency budget?") == "The latency budget is under 50ms for feed ranking."
    assert all(t.numbers for t in s.turns)
    assert [t.facts for t in s.turns] == [("scale.dau",), ("scale.peak_qps",), ("performance.latency",)]


def test_failure_and_iteration_questions_get_the_scenario_probes(content: Content) -> None:
    s, _ = session(content)
    probes = {p.kind: p.answer for p in s.scenario.e6_probes}
    assert s.handle("What happens if the ranking service goes down?") == probes["failure_modes"]
    assert s.handle("How do we stop a bad model update from reaching everyone?") == probes["iteration"]
    signals = {sig.id: sig.shown for sig in s.report().signals}
    assert signals == {
        "all_categories": False,
        "follow_ups": True,
        "numbers": False,
        "failure_tolerance": True,
        "iteration_cadence": True,
        "e6_probes": True,
        "assumptions": False,
    }


def test_unclear_questions_do_not_count(content: Content) -> None:
    s, _ = session(content)
    assert s.handle("Can I use the whiteboard?") == STEER.format(scenario="Video Streaming App")
    assert s.handle("zzz qqq xxx") == UNCLEAR
    assert s.handle("   ") is None
    assert s.covered() == ()
    assert s.report().facts_uncovered == ()


def test_a_fact_answered_covers_its_category(content: Content) -> None:
    s, _ = session(content, "payment-fraud-detection")
    turn = s.ask("Are card numbers tokenized?")
    assert turn.facts[0] == "privacy_ethics.anonymization"
    assert turn.classification.category != "privacy_ethics"  # the words read as another category
    assert turn.told == ("privacy_ethics",)
    assert "privacy_ethics" in s.covered() and turn.category in s.covered()


def test_timer_ends_the_interview_at_the_limit(content: Content) -> None:
    s, clock = session(content, limit=90)
    clock.now += 60
    assert s.handle("What's the DAU?").startswith("40M DAU")
    assert s.turns[0].elapsed == 60
    clock.now += 30
    assert s.handle("Is there PII?") == "Time is up (1:30)."
    assert (s.ended, len(s.turns)) == ("time_up", 1)
    clock.now += 500
    assert s.elapsed == 90  # frozen at the limit


def test_timer_through_the_cli(cli_invoke, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    ticks = iter(range(0, 10_000, 40))  # every reading of the clock moves it 40 seconds
    monkeypatch.setattr(reqdrill.cli.interviewcmd, "interview_clock", lambda: float(next(ticks)))
    out = cli_invoke(
        "interview",
        "video-streaming",
        "--time-limit",
        "1m30s",
        input="What's the DAU?\nIs there PII?\nGDPR?\n",
    ).stdout
    assert "> What's the DAU?\n[Interviewer]: 40M DAU " in out
    assert "> Is there PII?\n[Interviewer]: Time is up (1:30).\n=====" in out  # the clock passed 90s
    assert "GDPR" not in out
    assert "Time: 1:30 of 1:30 (time is up)\nQuestions asked: 1 (0 unclear)" in out


@pytest.mark.parametrize(
    "text,seconds", [("5m", 300), ("90s", 90), ("1m30s", 90), ("1h", 3600), ("45", 45), (" 2M ", 120)]
)
def test_parse_duration(text: str, seconds: int) -> None:
    assert parse_duration(text) == seconds


def test_bad_time_limit_is_a_usage_error(cli_invoke) -> None:  # type: ignore[no-untyped-def]
    err = cli_invoke("interview", "--time-limit", "soon", expect=2, input="").stderr
    assert "Invalid value for '--time-limit': 'soon' is not a duration such as 5m, 90s or 1m30s" in err
    err = cli_invoke("interview", "--time-limit", "0s", expect=2, input="").stderr
    assert "'0s' is not a positive duration" in err


def test_unknown_scenario(cli_invoke, content: Content) -> None:  # type: ignore[no-untyped-def]
    err = cli_invoke("interview", "nope", expect=1, input="").stderr
    assert err == f"Error: unknown scenario 'nope'; known: {', '.join(s.id for s in content.scenarios)}\n"


def test_drawn_scenario_is_seeded_and_printed(cli_invoke, content: Content) -> None:  # type: ignore[no-untyped-def]
    expected = random.Random(7).choice(content.scenarios)
    out = cli_invoke("interview", "--seed", "7", input="").stdout
    assert out.startswith(f"Mock interview: {expected.name} [{expected.id}] (drawn with --seed 7)\n")
    assert cli_invoke("interview", "--seed", "7", input="").stdout == out


def test_transcript_into_missing_directory_fails_cleanly(cli_invoke, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    err = cli_invoke(
        "interview", "video-streaming", "--transcript", str(tmp_path / "no" / "t.md"), expect=1, input=""
    ).stderr
    assert (
        err
        == f"Error: cannot write {tmp_path / 'no' / 't.md'}: the directory {tmp_path / 'no'} does not exist\n"
    )


def test_every_bundled_scenario_answers_every_template_question(content: Content) -> None:
    for scenario in content.scenarios:
        s = Session(content, scenario, Classifier.from_content(content), FakeClock(), 300)
        for category in content.categories:
            for q in category.templates:
                s.ask(q.text)
        assert len(s.covered()) == 7, scenario.id


@settings(max_examples=30)
@given(asked=st.lists(questions | st.sampled_from(SOURCE_DEMO), max_size=12))
def test_coverage_never_drops(content: Content, asked: list[str]) -> None:
    s, _ = session(content)
    seen: set[str] = set()
    for q in asked:
        s.ask(q)
        now = set(s.covered())
        assert seen <= now
        seen = now
    assert s.report().coverage == len(seen) / 7


@settings(max_examples=10)
@given(content=contents(max_scenarios=1), asked=st.lists(questions, max_size=6))
def test_any_content_can_be_interviewed(content: Content, asked: list[str]) -> None:
    s = Session(content, content.scenarios[0], Classifier.from_content(content), FakeClock(), 300)
    for q in asked:
        # A line starting with ":" is a command, answered without a turn; anything else non-blank is asked.
        reply = s.handle(q)
        assert reply is None or s.turns or q.strip().startswith(":")
        assert reply is None or reply.strip()
    from reqdrill.interview.transcript import to_json, to_markdown

    assert json.loads(to_json(s))["coverage"]["total"] == 7
    assert "<script>" not in to_markdown(s)
    assert msgspec.json.decode(to_json(s).encode())["scenario"]["id"] == content.scenarios[0].id
