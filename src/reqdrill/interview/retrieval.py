"""Fact retrieval: BM25F over word stems, with the content's synonyms and stopwords.

Each fact is a document of two fields: what it is about (its key, label and cue terms, or its
probe's question) and what it says (the value). A question's terms are scored against both,
the first weighing more: questions name what they ask for more often than the answer's words.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reqdrill.content.model import Content, Interviewer, Scenario, Vocabulary
from reqdrill.content.words import stems
from reqdrill.interview.facts import FIELD, Fact, scenario_facts

# Tuned on benchmarks/data/interviewer_dev.yaml (see benchmarks/interviewer.py).
K1 = 1.2
B = 0.75
ABOUT_WEIGHT = 1.5
VALUE_WEIGHT = 1.0
ABOUT_B = 0.3
_NUMBER_UNIT = re.compile(r"(\d+(?:\.\d+)?)([a-z]{2,})")


class Phrases:
    """Rewrites phrases of stems, longest first: a synonym to its group's word, a stopword to nothing."""

    def __init__(self) -> None:
        self.table: dict[tuple[str, ...], str | None] = {}
        self.longest = 1

    def add(self, phrase: tuple[str, ...], replacement: str | None) -> None:
        """Rewrite `phrase` as `replacement` (None: drop it)."""
        if phrase:
            self.table[phrase] = replacement
            self.longest = max(self.longest, len(phrase))

    def rewrite(self, tokens: Sequence[str]) -> list[str]:
        """The tokens with every known phrase rewritten, scanning left to right."""
        out: list[str] = []
        table, i, n = self.table, 0, len(tokens)
        while i < n:
            for size in range(min(self.longest, n - i), 0, -1):
                key = tuple(tokens[i : i + size])
                if key in table:
                    replacement = table[key]
                    if replacement is not None:
                        out.append(replacement)
                    i += size
                    break
            else:
                out.append(tokens[i])
                i += 1
        return out


class Analyzer:
    """Text → retrieval terms: stems, number units split off, synonyms joined, stopwords dropped."""

    def __init__(self, section: Interviewer, stopwords: Iterable[str] = ()) -> None:
        self._seen: dict[str, tuple[str, ...]] = {}
        self.phrases = Phrases()
        # An assumption's opening ("let's assume") says nothing about which fact it concerns.
        for word in (*stopwords, *section.stopwords, *section.assumptions):
            self.phrases.add(stems(word), None)
        for group in section.synonyms:
            canonical = " ".join(stems(group[0]))
            for phrase in group:
                self.phrases.add(stems(phrase), canonical)

    def terms(self, text: str) -> list[str]:
        """The retrieval terms of a text, in order (repeats kept)."""
        found = self._seen.get(text)
        if found is None:
            tokens: list[str] = []
            for token in stems(text):
                m = _NUMBER_UNIT.fullmatch(token)
                tokens.extend(m.groups() if m else (token,))
            found = tuple(t for t in self.phrases.rewrite(tokens) if len(t) > 1 and not t.isdigit())
            # Every scenario's fields share their cue terms: each text is analyzed once.
            if len(self._seen) < 1 << 16:
                self._seen[text] = found
        return list(found)


@dataclass(frozen=True)
class Hit:
    """A fact's score for a question and the question's terms it matched."""

    index: int
    score: float
    matched: frozenset[str]


class FactIndex:
    """BM25F over facts of two fields, `about` and `value`, for one scenario."""

    def __init__(self, about: Sequence[Sequence[str]], value: Sequence[Sequence[str]]) -> None:
        self.n = len(about)
        self.about = [Counter(doc) for doc in about]
        self.value = [Counter(doc) for doc in value]
        self.about_len = [sum(c.values()) for c in self.about]
        self.value_len = [len(doc) for doc in value]
        self.about_avg = max(1.0, sum(self.about_len) / max(1, self.n))
        self.value_avg = max(1.0, sum(self.value_len) / max(1, self.n))
        df: Counter[str] = Counter()
        for a, v in zip(self.about, self.value, strict=True):
            df.update(set(a) | set(v))
        self.df = df
        self.postings: dict[str, list[int]] = {}
        for i, (a, v) in enumerate(zip(self.about, self.value, strict=True)):
            for term in set(a) | set(v):
                self.postings.setdefault(term, []).append(i)

    def idf(self, term: str) -> float:
        """Robertson–Spärck Jones weight, never negative; a term in no fact weighs the most."""
        n = self.df.get(term, 0)
        return math.log(1 + (self.n - n + 0.5) / (n + 0.5))

    def _tf(self, i: int, term: str) -> float:
        a = self.about[i].get(term, 0) / (1 - ABOUT_B + ABOUT_B * self.about_len[i] / self.about_avg)
        v = self.value[i].get(term, 0) / (1 - B + B * self.value_len[i] / self.value_avg)
        return ABOUT_WEIGHT * a + VALUE_WEIGHT * v

    def search(self, terms: Iterable[str]) -> list[Hit]:
        """Every fact that matches any term, best first (ties: the facts' order)."""
        query = dict.fromkeys(terms)
        scores: dict[int, float] = {}
        matched: dict[int, set[str]] = {}
        for term in query:
            idf = self.idf(term)
            for i in self.postings.get(term, ()):
                tf = self._tf(i, term)
                scores[i] = scores.get(i, 0.0) + idf * tf * (K1 + 1) / (tf + K1)
                matched.setdefault(i, set()).add(term)
        hits = [Hit(i, s, frozenset(matched[i])) for i, s in scores.items()]
        hits.sort(key=lambda h: (-h.score, h.index))
        return hits

    def coverage(self, hit: Hit, terms: Iterable[str]) -> float:
        """The share of the question's term weight (idf) that a hit matched: 1.0 matches all."""
        query = set(terms)
        total = sum(self.idf(t) for t in query)
        return sum(self.idf(t) for t in hit.matched) / total if total else 0.0


@dataclass(frozen=True)
class ScenarioFacts:
    """One scenario's facts and their index."""

    facts: tuple[Fact, ...]
    index: FactIndex
    names: tuple[frozenset[str], ...]
    """The words that name each fact: a field's key and label, a probe's question, a tradeoff's name."""

    def fact(self, fact_id: str) -> Fact:
        """The fact with this id."""
        return next(f for f in self.facts if f.id == fact_id)


class Retriever:
    """Finds the facts a question asks for; build it once per content with `from_content`.

    Besides each scenario's index it keeps how specific every word is across all content (every
    scenario's facts, the classifier's example questions, the categories' questions): a question
    whose specific words the best fact does not have is one the scenario is silent on.
    """

    def __init__(self, content: Content, analyzer: Analyzer) -> None:
        self.content = content
        self.analyzer = analyzer
        self._scenarios: dict[str, ScenarioFacts] = {}
        docs: list[set[str]] = []
        for scenario in content.scenarios:
            index = self.scenario(scenario).index
            docs += [set(a) | set(v) for a, v in zip(index.about, index.value, strict=True)]
        vocabulary = content.classifier or Vocabulary()
        texts = [e for cues in vocabulary.categories for e in cues.examples]
        texts += [q.text for c in content.categories for q in (*c.templates, *c.e6_probes)]
        docs += [set(analyzer.terms(t)) for t in texts]
        df = Counter(t for doc in docs for t in doc)
        n = len(docs)
        self.background = {t: math.log(1 + (n - k + 0.5) / (k + 0.5)) for t, k in df.items()}
        self.unknown_weight = math.log(1 + (n + 0.5) / 0.5)

    @classmethod
    def from_content(cls, content: Content, stopwords: Iterable[str] = ()) -> Retriever:
        """A retriever with the content's synonyms and stopwords (plus `stopwords`)."""
        return cls(content, Analyzer(content.interviewer or Interviewer(), stopwords))

    def _about(self, fact: Fact) -> list[str]:
        return [t for text in fact.about for t in self.analyzer.terms(text)]

    def scenario(self, scenario: Scenario) -> ScenarioFacts:
        """The scenario's facts and index, built on first use."""
        found = self._scenarios.get(scenario.id)
        if found is None:
            facts = scenario_facts(self.content, scenario)
            about = [self._about(f) for f in facts]
            value = [self.analyzer.terms(f.value) for f in facts]
            names = tuple(
                frozenset(
                    t for text in f.about[: 2 if f.kind == FIELD else 1] for t in self.analyzer.terms(text)
                )
                for f in facts
            )
            found = ScenarioFacts(facts, FactIndex(about, value), names)
            self._scenarios[scenario.id] = found
        return found

    def weight(self, term: str) -> float:
        """How specific a word is across all content; a word found nowhere weighs the most."""
        return self.background.get(term, self.unknown_weight)

    def coverage(self, matched: Iterable[str], terms: Iterable[str]) -> float:
        """The share of a question's specific words (by weight) among the `matched` ones."""
        total = sum(self.weight(t) for t in set(terms))
        return sum(self.weight(t) for t in set(matched)) / total if total else 0.0
