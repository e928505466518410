"""Which of a scenario's facts answer a question, or none (the scenario is silent): the intent model's
posterior combined with BM25F over the facts, and how much of the question the best fact accounts for."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

from reqdrill.content.model import OUT_OF_SCOPE, Content, Interviewer, Scenario
from reqdrill.content.words import stems
from reqdrill.interview.facts import PROBE, Fact
from reqdrill.interview.intent import fact_intent
from reqdrill.interview.retrieval import CUES, NAME, Hit, Retriever, ScenarioFacts, pairs


@dataclass(frozen=True)
class Weights:
    """How words, intent and coverage combine, and when the scenario is silent. The defaults are
    fitted by leave-one-scenario-out cross-validation over benchmarks/data/interviewer_dev.yaml and
    interviewer_dev2.yaml (`benchmarks/interviewer_fit.py`), not against any one question."""

    words: float = 1.0
    """Weight of a fact's BM25F score, as a share of the best fact's."""
    intent: float = 0.2
    """Weight of the log-probability that the question asks for the fact's intent."""
    intent_floor: float = 1e-6
    """Added to that probability before its log: how far a confident intent model may overrule the
    words (naive Bayes is often sure and wrong)."""
    cover: float = 0.25
    """Weight of the share of the question's specific words the fact accounts for."""
    probe_text: float = 0.5
    """How much of what a probe asks for is what its own question asks (the rest: its kind)."""
    pairs: float = 1.0
    """Weight of two words of the question found next to each other in a fact ("fraud rate")."""
    neutral: float = 1.0
    """Weight of a generic word or one of the product's own ("the feed", "the app") in a fact's score."""
    unknown: float = 1.0
    """A word found nowhere in content or the example questions weighs this many times the rarest
    word they use ("emoji", "cryptocurrency": what the scenario knows nothing about)."""
    silent_below: float = 0.2
    """A best fact accounting for less than this share of the question's specific words does not
    answer it…"""
    sure_relief: float = 0.5
    """…a threshold lowered by this share of the probability that the question asks for its intent."""
    beyond_silent_below: float = 0.5
    """The same for a question reaching beyond the scenario's scope ("Do we also…?", "…too?")."""
    out_of_scope_over: float = 2.0
    """Out of scope wins when its probability is this many times the best fact's intent's…"""
    out_of_scope_answered: float = 0.75
    """…unless the best fact accounts for this share of the question's words."""
    second_fact: float = 0.8
    """A second fact joins the answer when its words score this close to the first's and it accounts
    for more of the question."""
    intent_alone: float = 0.85
    """A best fact whose intent has at least this probability (and more than out of scope) answers
    even when few or none of its words match: a long, paraphrased question the intent model is sure
    of ("Who decides that something really was harmful?")."""


SEEN_MAX = 1 << 12
"""How many lines' evidence a finder keeps."""
# Words that ask for more about a category without naming a fact: "Tell me more about the data."
BROAD_WORDS = frozenset(
    stems("tell more detail requirement area aspect side general overview")
    + stems("else other further everything info summary")
)
# "Do we also…", "…as well as…", "…too?" (not "too slow"): a question about something beyond the
# scope the scenario describes, which it is usually silent on.
_BEYOND = re.compile(r"(?<=\w )(also|as well as|in addition to|besides)\b|\b(too|as well)\W*$", re.IGNORECASE)


@dataclass(frozen=True)
class Candidate:
    """A fact's standing for one question: its words' match, its intent's probability, the whole."""

    index: int
    hit: Hit | None
    intent: float
    cover: float
    score: float

    @property
    def matched(self) -> Mapping[str, float]:
        return self.hit.matched if self.hit else {}


@dataclass(frozen=True)
class Found:
    """A question's facts, best first, and the probability that no document here answers it."""

    ranked: list[Candidate]
    out_of_scope: float


class Finder:
    """Finds one scenario's facts for a question."""

    def __init__(
        self, content: Content, scenario: Scenario, retriever: Retriever, weights: Weights | None = None
    ) -> None:
        self.retriever = retriever
        self.weights = weights or Weights()
        self.book: ScenarioFacts = retriever.scenario(scenario)
        self.intents = [fact_intent(f) for f in self.book.facts]
        # What a probe asks for is its kind, and also whatever its own question asks: a probe about
        # traffic across regions is asked like a question about traffic.
        self.own = [
            retriever.intents.posterior(f.label) if f.kind == PROBE else None for f in self.book.facts
        ]
        section = content.interviewer or Interviewer()
        analyzer = retriever.analyzer
        self.category_words = {
            c.id: {
                t for name in (c.name, c.short_name, c.source_name or "", c.id) for t in analyzer.terms(name)
            }
            for c in content.categories
        }
        generic = {t for word in section.generic for t in analyzer.terms(word)}
        self.topic_words = BROAD_WORDS.union(*self.category_words.values())
        # Generic words and the product's own ("the prediction", "the feed") do not name a fact:
        # a fact that matches them is not faulted for it, and one that does not is not faulted either.
        product = set(analyzer.terms(f"{scenario.name} {scenario.prompt}"))
        self.neutral = frozenset(generic | product)
        self._seen: dict[
            tuple[str, tuple[str, ...], float, float, float],
            tuple[dict[str, float], dict[int, Hit], list[float]],
        ] = {}

    @property
    def facts(self) -> tuple[Fact, ...]:
        return self.book.facts

    def find(self, line: str, terms: list[str], category: str) -> Found:
        """Every fact, best first: a fact the question names outright ("What's the peak QPS?") first,
        then by words, intent and coverage together."""
        w = self.weights
        posterior, hits, covers = self._evidence(line, terms)
        top = max((h.score for h in hits.values()), default=0.0) or 1.0
        ranked = []
        for i in range(len(self.book.facts)):
            hit = hits.get(i)
            p = posterior.get(self.intents[i], 0.0)
            own = self.own[i]
            if own is not None:
                alike = sum(posterior.get(c, 0.0) * q for c, q in own.items())
                p = (1 - w.probe_text) * p + w.probe_text * alike
            cover = covers[i]
            score = (
                w.words * (hit.score / top if hit else 0.0)
                + w.intent * math.log(p + w.intent_floor)
                + w.cover * cover
            )
            ranked.append(Candidate(i, hit, p, cover, score))
        # Ties (facts no word and no intent tells apart) go to the question's category, then the
        # facts' order.
        ranked.sort(key=lambda c: (-c.score, self.book.facts[c.index].category != category, c.index))
        specific = frozenset(terms) - self.topic_words or frozenset(terms)
        named = [
            c
            for c in ranked
            if c.hit and self.book.names[c.index] and self.book.names[c.index] - self.topic_words == specific
        ]
        named.sort(key=lambda c: c.index)  # fields before the probes and stances of the same name
        rest = [c for c in ranked if c not in named]
        return Found(named + rest, posterior.get(OUT_OF_SCOPE, 0.0))

    def _evidence(self, line: str, terms: list[str]) -> tuple[dict[str, float], dict[int, Hit], list[float]]:
        """The intent posterior, the facts' BM25F hits and their coverage of the question, kept for the
        lines seen last: a follow-up, a repeat or a refit of the weights asks for them again."""
        w = self.weights
        key = (line, tuple(terms), w.unknown, w.pairs, w.neutral)
        found = self._seen.get(key)
        if found is None:
            posterior = self.retriever.intents.posterior(line)
            query = [*self.retriever.analyzer.expand(terms), *((p, p, w.pairs) for p in pairs(terms))]
            neutral = dict.fromkeys((t for t in terms if t in self.neutral), w.neutral)
            hits = {h.index: h for h in self.book.index.search(query, neutral)}
            covers = [
                self.coverage(hits[i].matched, terms) if i in hits else 0.0 for i in range(len(self.intents))
            ]
            if len(self._seen) >= SEEN_MAX:
                self._seen.clear()
            found = self._seen[key] = (posterior, hits, covers)
        return found

    def answering(self, found: Found, terms: list[str], line: str = "") -> list[Candidate]:
        """The best fact, and the second when its words score close and it accounts for a part the
        first does not; nothing when the scenario is silent: the question is out of scope, or the best
        fact accounts for too little of it (a question reaching beyond the scope must be answered fully)."""
        w = self.weights
        if not found.ranked:
            return []
        best = found.ranked[0]
        sure = self.sure(found)
        if sure is not None and (sure is best or not self._answers(best, found, line)):
            return [sure]
        if not self._answers(best, found, line):
            return []
        second = next((c for c in found.ranked[1:] if c.hit), None)
        if second and best.hit and second.hit and second.hit.score >= w.second_fact * best.hit.score:
            both = dict(best.matched)
            for t, strength in second.matched.items():
                both[t] = max(both.get(t, 0.0), strength)
            if self.coverage(both, terms) > self.coverage(best.matched, terms):
                return [best, second]
        return [best]

    def _answers(self, best: Candidate, found: Found, line: str) -> bool:
        """The best fact answers by its words: the question is not out of scope, and the fact accounts
        for enough of it (a question reaching beyond the scope needs more)."""
        w = self.weights
        if best.hit is None:
            return False
        if found.out_of_scope > w.out_of_scope_over * best.intent and best.cover < w.out_of_scope_answered:
            return False
        below = w.beyond_silent_below if _BEYOND.search(line) else w.silent_below
        return best.cover >= below * (1 - w.sure_relief * best.intent)

    def sure(self, found: Found) -> Candidate | None:
        """The fact whose intent the intent model alone is sure the question asks for, if any: a
        long, paraphrased question whose words match no fact well."""
        top = max(found.ranked, key=lambda c: c.intent, default=None)
        if top is None or top.intent < self.weights.intent_alone or top.intent <= found.out_of_scope:
            return None
        return top

    def cue(self, candidate: Candidate) -> bool:
        """The fact matched two specific words, or one of the words it is asked about by."""
        specific = set(candidate.matched) - self.topic_words
        fields = self.book.index.fields[candidate.index]
        return len(specific) >= 2 or any(t in fields[NAME] or t in fields[CUES] for t in specific)

    def coverage(self, matched: Mapping[str, float], terms: list[str]) -> float:
        """The share of the question's specific words a fact accounts for."""
        # Words naming a category or asking for more ("the scale", "requirements") point at no
        # fact in particular: they neither count for a fact nor against it.
        counted = [t for t in terms if t not in self.neutral or matched.get(t)] or terms
        specific = [t for t in counted if t not in self.topic_words] or counted
        return self.retriever.coverage(matched, specific, self.weights.unknown)
