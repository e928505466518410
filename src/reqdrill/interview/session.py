"""The mock interviewer: a pure session that answers from one scenario, tracks coverage and scores it.

No I/O and no wall clock: the caller feeds lines in, reads replies out, and injects the clock.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import msgspec

from reqdrill.content.labels import field_label, field_labels
from reqdrill.content.model import CATEGORY_IDS, Chosen, Content, Scenario, section_of
from reqdrill.errors import SelectionError
from reqdrill.interview.classify import NONE, Classification, Classifier

Clock = Callable[[], float]

UNCLEAR = "Could you be more specific?"
COMMANDS = {
    ":score": "coverage so far",
    ":hint": "a category you have not asked about",
    ":done": "end the interview",
    ":help": "this help",
}
HELP = (
    "Ask clarifying questions in your own words. Commands: "
    + ", ".join(f"{c} {w}" for c, w in COMMANDS.items())
    + "."
)
FEEDBACK = (  # the source's thresholds and words
    (0.85, "excellent", "Excellent coverage! You asked about all key areas."),
    (0.6, "good", "Good coverage, but missed some important areas."),
    (0.0, "needs_structure", "Need to ask more structured questions across all categories."),
)
# The source's first answer per category: a sentence template and the fields it reveals.
SUMMARIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "business_objective": ("Our main goal is: {primary_goal}", ("primary_goal",)),
    "features_supported": ("Users can: {user_actions}", ("user_actions",)),
    "data": ("Data sources: {sources}. Size: {size}. Labels: {labeled}", ("sources", "size", "labeled")),
    "constraints": ("Constraints: {compute}. Auto-improve: {auto_improve}", ("compute", "auto_improve")),
    "scale": ("Scale: {users} users, {items}, growing {growth}", ("users", "items", "growth")),
    "performance": ("Latency requirement: {latency}. Real-time: {real_time}", ("latency", "real_time")),
    "privacy_ethics": ("Privacy/Ethics concerns: {concerns}", ("concerns",)),
}
NUMERIC_FIELDS = frozenset(
    {"users", "dau", "items", "qps", "peak_qps", "growth", "latency", "size", "current_baseline"}
)
SIGNAL_PROBES = {"failure_tolerance": "failure_modes", "iteration_cadence": "iteration"}
ANKI_CATEGORY_TAG = "reqdrill::category::{}"
ANKI_E6_TAG = "reqdrill::level::e6"


@dataclass(frozen=True)
class Detail:
    """One thing the interviewer can say about a category, and the scenario fields it reveals."""

    text: str
    fields: tuple[str, ...]
    kind: str | None = None  # the probe kind, for a scenario's E6 probe answer


@dataclass(frozen=True)
class Turn:
    """A question, how it was classified, and the interviewer's answer."""

    question: str
    classification: Classification
    answer: str
    elapsed: float
    numbers: bool

    @property
    def category(self) -> str:
        return self.classification.category


@dataclass(frozen=True)
class Signal:
    """A depth signal at the end of an interview: shown or not, with the evidence."""

    id: str
    level: str
    name: str
    shown: bool
    evidence: str


@dataclass(frozen=True)
class Report:
    """The end-of-interview score."""

    covered: tuple[str, ...]
    missed: tuple[str, ...]
    coverage: float
    level: str
    feedback: str
    signals: tuple[Signal, ...]
    study: tuple[str, ...]
    anki_search: str


@dataclass
class Session:
    """One mock interview: feed it lines with `handle`, read the transcript and `report`."""

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
    _revealed: dict[str, set[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.started = self.clock()
        self._details = {cid: details(self.content, self.scenario, cid) for cid in CATEGORY_IDS}

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
        """Answer one input line: a command or a question. None for a blank line."""
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
            covered = self.covered()
            names = ", ".join(self.content.category(c).name for c in covered) or "nothing yet"
            return (
                f"Coverage so far: {len(covered)}/{len(CATEGORY_IDS)} "
                f"({len(covered) / len(CATEGORY_IDS):.0%}) "
                f"after {len(self.turns)} question{'s' * (len(self.turns) != 1)}: {names}. "
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

    def ask(self, question: str) -> Turn:
        """Classify a question and answer it from the scenario."""
        result = self.classifier.classify(question)
        answer, fields = UNCLEAR, tuple[str, ...]()
        if result.category != NONE:
            answer, fields = self._answer(result)
        numbers = "numbers" in result.signals or any(f in NUMERIC_FIELDS for f in fields)
        turn = Turn(question, result, answer, self.elapsed, numbers)
        self.turns.append(turn)
        return turn

    def _answer(self, result: Classification) -> tuple[str, tuple[str, ...]]:
        """The next thing to say: the detail asked for, else a matching E6 probe answer, else the
        next detail not yet given; never the same sentence twice."""
        cid = result.category
        options = self._details[cid]
        revealed = self._revealed.setdefault(cid, set())
        fresh = [i for i in range(len(options)) if i not in revealed]
        asked = [i for i, d in enumerate(options) if result.field in d.fields]
        kinds = {SIGNAL_PROBES[s] for s in result.signals if s in SIGNAL_PROBES}
        probes = [i for i in fresh if options[i].kind in kinds]
        pick = next((i for i in asked if i in fresh), None)
        if pick is None and probes:
            pick = probes[0]
        if pick is None and asked:
            # Asked again for a detail already given: a reminder, not a new answer.
            return f"As I mentioned: {options[asked[0]].text}", options[asked[0]].fields
        if pick is None and fresh:
            pick = fresh[0]
        if pick is None:
            name = self.content.category(cid).name
            return f"That's everything I have on {name}. Is there another area you'd like to clarify?", ()
        revealed.add(pick)
        return options[pick].text, options[pick].fields

    def covered(self) -> tuple[str, ...]:
        """Categories asked about, in the framework's order."""
        asked = {t.category for t in self.turns}
        return tuple(c for c in CATEGORY_IDS if c in asked)

    def report(self) -> Report:
        """Coverage, the source's feedback, depth signals and what to study."""
        covered = self.covered()
        missed = tuple(c for c in CATEGORY_IDS if c not in covered)
        coverage = len(covered) / len(CATEGORY_IDS)
        level, feedback = next((lv, fb) for floor, lv, fb in FEEDBACK if coverage >= floor)
        signals = depth_signals(self.content, self.turns, covered)
        if missed:
            study = tuple(self.content.category(c).name for c in missed)
            search = " OR ".join(f"tag:{ANKI_CATEGORY_TAG.format(c)}" for c in missed)
            search = f"({search})" if len(missed) > 1 else search
        else:
            study, search = ("E6 probes",), f"tag:{ANKI_E6_TAG}"
        return Report(covered, missed, coverage, level, feedback, signals, study, search)


def depth_signals(content: Content, turns: list[Turn], covered: tuple[str, ...]) -> tuple[Signal, ...]:
    """The E5 and E6 signals the questions showed."""
    counts = {c: sum(t.category == c for t in turns) for c in covered}
    deep = [f"{content.category(c).name} ({n} questions)" for c, n in counts.items() if n >= 2]

    def first(test: Callable[[Turn], bool]) -> str:
        return next((t.question for t in turns if t.category != NONE and test(t)), "")

    fail = first(lambda t: "failure_tolerance" in t.classification.signals)
    cadence = first(lambda t: "iteration_cadence" in t.classification.signals)
    numbers = first(lambda t: t.numbers)
    n = len(CATEGORY_IDS)
    return (
        Signal(
            "all_categories",
            "E5",
            "Covers all categories",
            len(covered) == n,
            f"{len(covered)}/{n} categories",
        ),
        Signal("follow_ups", "E6", "Several questions in one category", bool(deep), ", ".join(deep)),
        Signal("numbers", "E6", "Probes for numbers", bool(numbers), numbers),
        Signal("failure_tolerance", "E6", "Asks about failure tolerance", bool(fail), fail),
        Signal("iteration_cadence", "E6", "Asks about iteration cadence", bool(cadence), cadence),
    )


def details(content: Content, scenario: Scenario, cid: str) -> list[Detail]:
    """What the interviewer can say about a category, in order: the source's answer, each other
    field, then the scenario's E6 probe answers for that category."""
    section = section_of(scenario, cid)
    values = {key: value_text(getattr(section, key)) for key in section.__struct_fields__}
    template, shown = SUMMARIES[cid]
    out = [Detail(template.format(**values), shown)]
    labels = field_labels(content)
    for key in section.__struct_fields__:
        if key not in shown:
            label = field_label(labels, cid, key)
            out.append(Detail(f"{label}: {values[key]}", (key,)))
    out += [Detail(p.answer, (), p.kind) for p in scenario.e6_probes if p.category == cid]
    return out


def value_text(value: object) -> str:
    """A scenario value as the interviewer says it."""
    if isinstance(value, Chosen):
        return value.detail
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    if isinstance(value, msgspec.Struct):
        return str(msgspec.to_builtins(value))
    return str(value)


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
