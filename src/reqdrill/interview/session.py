"""The mock interviewer: a pure session that answers from one scenario's facts, tracks coverage, scores it.

No I/O and no wall clock: the caller feeds lines in, reads replies out, and injects the clock.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from reqdrill.content.model import CATEGORY_IDS, Content, Scenario
from reqdrill.errors import SelectionError
from reqdrill.interview.answer import Answerer
from reqdrill.interview.classify import BASE_STOPWORDS, Classifier
from reqdrill.interview.facts import Fact
from reqdrill.interview.retrieval import Retriever
from reqdrill.interview.score import Report, Signal, Turn, covered, report

__all__ = ["Clock", "Report", "Session", "Signal", "Turn", "choose_scenario", "start"]

Clock = Callable[[], float]

COMMANDS = {
    ":score": "coverage so far",
    ":hint": "a category you have not asked about",
    ":done": "end the interview",
    ":help": "this help",
}
HELP = (
    "Ask clarifying questions in your own words; where the scenario is silent, state an "
    'assumption ("Let\'s assume ..."). Commands: ' + ", ".join(f"{c} {w}" for c, w in COMMANDS.items()) + "."
)


@dataclass
class Session:
    """One mock interview: feed it lines with `handle`, read the transcript (`turns`) and `report`.

    `retriever` finds the scenario's facts; `start` builds it, and a caller running many sessions
    on the same content passes one in to build it once.
    """

    content: Content
    scenario: Scenario
    classifier: Classifier
    clock: Clock
    time_limit: float
    turns: list[Turn] = field(default_factory=list)
    hints: int = 0
    ended: str | None = None
    started: float = 0.0
    finished_at: float | None = None
    retriever: Retriever | None = None

    def __post_init__(self) -> None:
        self.started = self.clock()
        if self.retriever is None:
            self.retriever = Retriever.from_content(self.content, BASE_STOPWORDS.split())
        self.answerer = Answerer(self.content, self.scenario, self.retriever)

    @property
    def facts(self) -> tuple[Fact, ...]:
        """Everything the interviewer knows about the scenario, in order."""
        return self.answerer.book.facts

    @property
    def elapsed(self) -> float:
        """Seconds since the start, frozen once the interview ends."""
        end = self.finished_at if self.finished_at is not None else self.clock()
        return max(0.0, end - self.started)

    @property
    def finished(self) -> bool:
        return self.ended is not None

    def finish(self, reason: str) -> None:
        """End the interview: 'done', 'time_up' or 'end_of_input'. Later calls change nothing."""
        if self.ended is None:
            self.ended = reason
            self.finished_at = min(self.clock(), self.started + self.time_limit)

    def check_time(self) -> bool:
        """End the interview if the time limit has passed; True if it has ended."""
        if self.ended is None and self.clock() - self.started >= self.time_limit:
            self.finish("time_up")
        return self.finished

    def handle(self, line: str) -> str | None:
        """Answer one input line: a command, a question or an assumption. None for a blank line."""
        if self.check_time():
            return f"Time is up ({clock_text(self.time_limit)})."
        text = line.strip()
        if not text:
            return None
        if text.startswith(":"):
            return self.command(text)
        return self.ask(text).answer

    def command(self, text: str) -> str:
        """Run a `:command`."""
        name = text.split()[0].lower()
        if name == ":done":
            self.finish("done")
            return "Thanks, let's stop here."
        if name == ":help":
            return HELP
        if name == ":score":
            done = self.covered()
            names = ", ".join(self.content.category(c).name for c in done) or "nothing yet"
            asked = sum(t.kind == "question" for t in self.turns)
            found = len({f for t in self.turns for f in t.facts})
            return (
                f"Coverage so far: {len(done)}/{len(CATEGORY_IDS)} "
                f"({len(done) / len(CATEGORY_IDS):.0%}) "
                f"after {asked} question{'s' * (asked != 1)}: {names}. "
                f"Facts uncovered: {found}/{len(self.facts)}. "
                f"Time: {clock_text(self.elapsed)} of {clock_text(self.time_limit)}."
            )
        if name == ":hint":
            self.hints += 1
            missing = [c for c in CATEGORY_IDS if c not in self.covered()]
            if not missing:
                return (
                    "You have asked about all seven categories. "
                    "Go deeper: numbers, failure tolerance, iteration cadence."
                )
            category = self.content.category(missing[0])
            return (
                f"Hint: you haven't asked about {category.name} yet. "
                f"For example: {category.example_questions}"
            )
        return f"Unknown command {name!r}. {HELP}"

    def ask(self, line: str) -> Turn:
        """Classify a line and answer it from the scenario's facts."""
        result = self.classifier.classify(line)
        reply = self.answerer.reply(line, result)
        given = self._facts(reply.facts)
        numbers = "numbers" in result.signals or any(f.numeric for f in given)
        turn = Turn(
            line,
            result,
            reply.text,
            self.elapsed,
            numbers,
            reply.facts,
            reply.invited,
            reply.kind,
            reply.category,
            tuple(dict.fromkeys(f.category for f in given)),
        )
        self.turns.append(turn)
        return turn

    def _facts(self, ids: tuple[str, ...]) -> list[Fact]:
        return [f for f in self.facts if f.id in ids]

    def covered(self) -> tuple[str, ...]:
        """Categories asked about, in the framework's order."""
        return covered(self.turns)

    def report(self) -> Report:
        """Coverage, the source's feedback, depth in facts, signals and what to study."""
        return report(self.content, self.facts, self.turns)


def choose_scenario(content: Content, scenario_id: str | None, rng: random.Random) -> Scenario:
    """The named scenario, or one drawn with `rng`."""
    if scenario_id is None:
        return rng.choice(content.scenarios)
    for scenario in content.scenarios:
        if scenario.id == scenario_id:
            return scenario
    known = ", ".join(s.id for s in content.scenarios)
    raise SelectionError(f"unknown scenario {scenario_id!r}; known: {known}")


def start(
    content: Content, scenario_id: str | None, rng: random.Random, clock: Clock, time_limit: float
) -> Session:
    """A new interview on the named or a drawn scenario."""
    scenario = choose_scenario(content, scenario_id, rng)
    return Session(content, scenario, Classifier.from_content(content), clock, time_limit)


_DURATION = re.compile(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?")


def parse_duration(text: str) -> int:
    """Seconds in '5m', '90s', '1m30s', '1h' or a bare number of seconds; ValueError otherwise."""
    t = text.strip().lower()
    if t.isdigit():
        seconds = int(t)
    else:
        m = _DURATION.fullmatch(t)
        if not t or m is None:
            raise ValueError(f"{text!r} is not a duration such as 5m, 90s or 1m30s")
        h, mi, s = (int(g or 0) for g in m.groups())
        seconds = h * 3600 + mi * 60 + s
    if seconds <= 0:
        raise ValueError(f"{text!r} is not a positive duration")
    return seconds


def clock_text(seconds: float) -> str:
    """Seconds as m:ss."""
    whole = int(seconds)
    return f"{whole // 60}:{whole % 60:02d}"
