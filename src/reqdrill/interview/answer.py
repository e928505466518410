"""How the interviewer answers a line: the fact asked for, a brief repeat, an invitation to state an
assumption where the scenario is silent, or a steer back to the requirements."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reqdrill.content.model import Content, Interviewer, Scenario
from reqdrill.content.words import stems
from reqdrill.interview.classify import NONE, Classification
from reqdrill.interview.facts import FIELD, PROBE, TRADEOFF, Fact
from reqdrill.interview.find import BROAD_WORDS, Candidate, Finder
from reqdrill.interview.retrieval import Retriever, ScenarioFacts
from reqdrill.interview.score import ASSUMPTION, QUESTION
from reqdrill.interview.spoken import lower_first, sentence, spoken

INVITE = "That isn't specified \N{EM DASH} what would you assume?"
UNCLEAR = "Sorry, I didn't catch that. Could you rephrase it as a question about the requirements?"
ACCEPTED = "OK, let's go with that."
STEER = "Let's stay on the requirements for {scenario}. What would you like to clarify?"
OFF_TOPIC_ANSWERED = 0.75
"""A line the classifier calls off-topic is answered when a fact matches this share of its words
(and two of them at least)."""
KNOWN_ALREADY = 0.75
"""An assumption matching a fact this well is answered with the fact: no need to assume it."""
MORE_WORDS = frozenset(stems("more else detail elaborate expand"))
FOLLOW_UP_OPENINGS = (("and",), ("what", "about"), ("how", "about"), ("or",), ("also",))
_WH = frozenset(("what", "which", "how", "why", "where", "when", "who", "whom", "whose"))
_CLAUSES = re.compile(r";\s+|,\s+(?![^()]*\))|(?<=[.!?])\s+")
_SENTENCES = re.compile(r";\s+|(?<=[.!?])\s+")
_WORDS = re.compile(r"[\w'-]+")


@dataclass(frozen=True)
class Reply:
    """What the interviewer says to one line, and what it reveals."""

    text: str
    facts: tuple[str, ...] = ()
    """Ids of the facts answered, new or repeated."""
    invited: bool = False
    """The scenario is silent and the candidate was invited to state an assumption."""
    kind: str = QUESTION
    """`question`, or `assumption` for a line that states one."""
    category: str | None = None
    """The category the line is filed under when it differs from the classifier's."""


@dataclass
class Answerer:
    """Answers one scenario's questions, remembering what was said and the last question."""

    content: Content
    scenario: Scenario
    retriever: Retriever
    given: dict[str, int] = field(default_factory=dict)
    last_terms: list[str] = field(default_factory=list)
    last_fact: Fact | None = None
    last_invited: bool = False
    last_category: str = NONE
    shared: Finder | None = None
    """A finder for the scenario to use instead of building one (it keeps no state of the interview)."""

    def __post_init__(self) -> None:
        self.finder = self.shared or Finder(self.content, self.scenario, self.retriever)
        self.book: ScenarioFacts = self.finder.book
        section = self.content.interviewer or Interviewer()
        self.openers = [stems(p) for p in section.assumptions]
        self.category_words = self.finder.category_words

    def reply(self, line: str, result: Classification) -> Reply:
        """Answer one line, already classified."""
        if result.gibberish:
            return self._said(Reply(UNCLEAR))
        if self.states_assumption(line):
            return self._said(self._assumption(line, result))
        terms = self.retriever.spell(self.retriever.analyzer.terms(line))
        follow_up = self._follow_up(line) and self.last_fact is not None
        category = self.last_fact.category if follow_up and self.last_fact else result.category
        broad = self._broad(line, terms, category)
        if broad is not None:
            return self._said(broad, terms, None, category)
        if result.category == NONE and not follow_up:
            # The classifier is not always right: a line naming a fact's words is still answered.
            found = self.finder.find(line, terms, category)
            best = found.ranked[0] if found.ranked else None
            if best is None or not (best.hit and best.cover >= OFF_TOPIC_ANSWERED and self.finder.cue(best)):
                best = self.finder.sure(found)
            if best is None:
                return self._said(Reply(STEER.format(scenario=self.scenario.name)))
            fact = self.book.facts[best.index]
            return self._said(self._answer([fact], terms, fact.category), terms, fact, fact.category)
        found = self.finder.find(line, terms, category)
        answering = self.finder.answering(found, terms, line)
        if follow_up and not answering:
            terms = [*terms, *self.last_terms]
            found = self.finder.find(line, terms, category)
            answering = self.finder.answering(found, terms, line)
        chosen = [self.book.facts[c.index] for c in answering]
        if not chosen:
            return self._said(Reply(INVITE, invited=True), terms, None, category)
        return self._said(self._answer(chosen, terms, None), terms, chosen[0], category)

    def matches(self, line: str, category: str) -> list[tuple[Fact, tuple[str, ...]]]:
        """The facts that answer a question, best first, each with the question's words it matched;
        none where the scenario is silent. Remembers nothing."""
        terms = self.retriever.spell(self.retriever.analyzer.terms(line))
        found = self.finder.answering(self.finder.find(line, terms, category), terms, line)
        return [(self.book.facts[c.index], tuple(sorted(c.matched))) for c in found]

    def _best(self, line: str, terms: list[str], category: str) -> Candidate | None:
        """The best fact with a word in common with the line, if any."""
        ranked = self.finder.find(line, terms, category).ranked
        return ranked[0] if ranked and ranked[0].hit else None

    # ------------------------------------------------------------ kinds of line

    def _follow_up(self, line: str) -> bool:
        """'And at peak?', 'What about Europe?': a question that leans on the one before."""
        words = stems(line)
        return any(words[: len(opening)] == opening for opening in FOLLOW_UP_OPENINGS)

    def states_assumption(self, line: str) -> bool:
        """'Let's assume 10M users', "I'll assume we can…": an assumption opening the line."""
        words = stems(line)
        if not words or words[0] in _WH:
            return False
        for start in range(min(4, len(words))):
            for opener in self.openers:
                if opener and words[start : start + len(opener)] == opener:
                    return True
        return False

    def _broad(self, line: str, terms: list[str], category: str) -> Reply | None:
        """'Tell me more about the data', 'What about privacy?': the category's next fact not given
        yet. The category is the one whose name the question uses, else the question's own."""
        rest = [t for t in terms if t not in BROAD_WORDS]
        named = [c for c, words in self.category_words.items() if rest and set(rest) <= words]
        if named:
            category = category if category in named else named[0]
        elif not rest and self.last_category != NONE and MORE_WORDS & set(stems(line)):
            category = self.last_category  # "Tell me more."
        elif rest or category == NONE:
            return None
        fields = [f for f in self.book.facts if f.kind == FIELD and f.category == category]
        fresh = [f for f in fields if f.id not in self.given]
        fresh.sort(key=lambda f: not f.important)
        if not fresh:
            name = self.content.category(category).name
            return Reply(
                f"That's everything I have on {name}. Is there another area you'd like to clarify?",
                category=category,
            )
        return self._answer(fresh[:1], terms, category)

    def _assumption(self, line: str, result: Classification) -> Reply:
        """Accept an assumption, unless the scenario knows the answer: then say it."""
        if not self.last_invited:
            # The figures assumed are what may differ from the scenario's: match on the words.
            terms = [t for t in self.retriever.analyzer.terms(line) if not any(ch.isdigit() for ch in t)]
            best = self._best(line, terms, result.category)
            if best is not None and best.cover >= KNOWN_ALREADY:
                fact = self.book.facts[best.index]
                known = self._answer([fact], terms, None)
                return Reply(f"No need to assume: {lower_first(known.text)}", known.facts, kind=ASSUMPTION)
        category = self.last_category if self.last_invited else None
        return Reply(ACCEPTED, kind=ASSUMPTION, category=category)

    # ------------------------------------------------------------ saying it

    def _answer(self, facts: list[Fact], terms: list[str], category: str | None) -> Reply:
        said = [self._brief(f, terms) if f.id in self.given else f.text for f in facts]
        return Reply(" ".join(said), tuple(f.id for f in facts), category=category)

    def _brief(self, fact: Fact, terms: list[str]) -> str:
        """A fact given before, said briefly: 'As I said, …'. A field's value is said in the clause
        that best matches the question; a probe's answer in its first clause; a stance as its side."""
        if fact.kind == TRADEOFF:
            return "As I said, " + lower_first(fact.text.split(". ", 1)[0]) + "."
        if fact.kind == PROBE:
            return "As I said, " + lower_first(sentence(spoken(_SENTENCES.split(fact.value)[0].rstrip("."))))
        clauses = [c for c in _CLAUSES.split(fact.value) if c.strip()] or [fact.value]
        wanted = set(terms)

        def overlap(clause: str) -> float:
            return sum(self.retriever.weight(t) for t in set(self.retriever.analyzer.terms(clause)) & wanted)

        best = max(clauses, key=overlap)  # the first of equals
        return "As I said, " + lower_first(sentence(spoken(best.strip().rstrip("."))))

    def _said(
        self, reply: Reply, terms: list[str] | None = None, fact: Fact | None = None, category: str = NONE
    ) -> Reply:
        """Remember what was said: facts given, the question's words and category, any invitation."""
        for fid in reply.facts:
            self.given[fid] = self.given.get(fid, 0) + 1
        if terms is not None and reply.kind == QUESTION:
            self.last_terms = terms
            self.last_category = reply.category or category
        if fact is not None:
            self.last_fact = fact
        elif reply.facts:
            self.last_fact = self.book.fact(reply.facts[0])
        self.last_invited = reply.invited
        return reply


def probes_asked(
    content: Content, scenario: Scenario, retriever: Retriever, line: str, category: str
) -> list[tuple[str, tuple[str, ...]]]:
    """The scenario's E6 probes a line asks, however phrased, found as the interviewer finds facts:
    (probe id, the line's words it matched), best first. `category` is the classifier's for the line."""
    answerer = Answerer(content, scenario, retriever)
    out = []
    for fact, terms in answerer.matches(line, category):
        if fact.kind == PROBE:
            said = [w for w in _WORDS.findall(line) if set(retriever.analyzer.terms(w)) & set(terms)]
            out.append((fact.id.removeprefix(f"{PROBE}."), tuple(dict.fromkeys(said))))
    return out
