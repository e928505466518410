"""Fact retrieval: BM25F over a scenario's facts, and how specific each word is across content.

Each fact is a document of three fields: its name (a field's key and label, a probe's question, a
tradeoff's name), its cue words (how questions about it are worded) and its value. A question's
terms come from `terms.Analyzer`, with their related words and words of their root.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from reqdrill.content.model import Content, Interviewer, Scenario, Vocabulary
from reqdrill.content.words import stems
from reqdrill.interview.facts import FIELD, Fact, scenario_facts
from reqdrill.interview.intent import IntentModel, examples
from reqdrill.interview.terms import Analyzer, deletions

NAME, CUES, VALUE, PAIRS = range(4)
# Tuned on benchmarks/data/interviewer_dev.yaml (see benchmarks/interviewer.py).
K1 = 1.2
FIELD_WEIGHTS = (1.5, 1.5, 1.0, 1.0)
FIELD_B = (0.3, 0.3, 0.75, 0.75)
UNKNOWN = 2.0
"""How much more a word found nowhere in content weighs than the rarest word content uses."""
SPELL_MIN = 5
"""Words this long or longer that content never uses are read as a content word one typo away."""

Doc = Sequence[Sequence[str]]
"""A fact as its fields' terms: name, cues, value, and the pairs of words next to each other in them."""


def pairs(terms: Sequence[str]) -> list[str]:
    """Each two terms next to each other, as one term: 'fraud rate' → 'fraud+rate'."""
    return [f"{a}+{b}" for a, b in zip(terms, terms[1:], strict=False)]


@dataclass(frozen=True)
class Hit:
    """A fact's score for a question and how strongly it matched each of the question's terms."""

    index: int
    score: float
    matched: Mapping[str, float]
    """The question's terms the fact matched, each with a strength: 1.0 for the word itself, less
    through a related word."""


class FactIndex:
    """BM25F over facts of three fields (name, cues, value), for one scenario."""

    def __init__(self, docs: Sequence[Doc], weights: Sequence[float] | None = None) -> None:
        self.n = len(docs)
        self.weights = tuple(FIELD_WEIGHTS if weights is None else weights)
        width = len(self.weights)
        self.fields = [
            [Counter(doc[f]) if f < len(doc) else Counter[str]() for f in range(width)] for doc in docs
        ]
        self.lengths = [[sum(c.values()) for c in fields] for fields in self.fields]
        self.avg = [max(1.0, sum(ln[f] for ln in self.lengths) / max(1, self.n)) for f in range(width)]
        df: Counter[str] = Counter()
        self.postings: dict[str, list[int]] = {}
        for i, fields in enumerate(self.fields):
            terms = set().union(*fields)
            df.update(terms)
            for term in terms:
                self.postings.setdefault(term, []).append(i)
        self.df = df

    def idf(self, term: str) -> float:
        """Robertson–Spärck Jones weight, never negative; a term in no fact weighs the most."""
        n = self.df.get(term, 0)
        return math.log(1 + (self.n - n + 0.5) / (n + 0.5))

    def _tf(self, i: int, term: str) -> float:
        """The fact's weighted, length-normalized frequency of a term."""
        total = 0.0
        for f, counts in enumerate(self.fields[i]):
            k = counts.get(term, 0)
            if k:
                b = FIELD_B[f] if f < len(FIELD_B) else 0.75
                total += self.weights[f] * k / (1 - b + b * self.lengths[i][f] / self.avg[f])
        return total

    def search(
        self,
        terms: Iterable[str] | Iterable[tuple[str, str, float]],
        scale: Mapping[str, float] | None = None,
    ) -> list[Hit]:
        """Every fact that matches any term, best first (ties: the facts' order). Terms are plain or
        (term looked up, the question's term, weight) from `Analyzer.expand`; each question term
        counts once, by its best match."""
        query = [t if isinstance(t, tuple) else (t, t, 1.0) for t in terms]
        best: dict[int, dict[str, float]] = {}
        strength: dict[int, dict[str, float]] = {}
        for term, source, weight in dict.fromkeys(query):
            idf = self.idf(term)
            for i in self.postings.get(term, ()):
                tf = self._tf(i, term)
                score = weight * idf * tf * (K1 + 1) / (tf + K1)
                scores = best.setdefault(i, {})
                if score > scores.get(source, 0.0):
                    scores[source] = score
                got = strength.setdefault(i, {})
                got[source] = max(got.get(source, 0.0), weight)
        scale = scale or {}
        hits = [
            Hit(i, sum(v * scale.get(source, 1.0) for source, v in s.items()), strength[i])
            for i, s in best.items()
        ]
        hits.sort(key=lambda h: (-h.score, h.index))
        return hits


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

    def __init__(self, content: Content, analyzer: Analyzer, stopwords: Iterable[str] = ()) -> None:
        self.content = content
        self.analyzer = analyzer
        vocabulary = content.classifier or Vocabulary()
        self.intents = IntentModel(
            content,
            frozenset(s for word in (*stopwords, *vocabulary.stopwords) for s in stems(word)),
            analyzer,
        )
        self._scenarios: dict[str, ScenarioFacts] = {}
        docs: list[set[str]] = []
        for scenario in content.scenarios:
            index = self.scenario(scenario).index
            docs += [set().union(*fields[:PAIRS]) for fields in index.fields]
        texts = [e for cues in vocabulary.categories for e in cues.examples]
        texts += [q.text for c in content.categories for q in (*c.templates, *c.e6_probes)]
        docs += [set(analyzer.terms(t)) for t in texts]
        # The example questions of every intent: words candidates use whatever they ask ("roughly",
        # "ballpark") are common there, so they weigh little; a word found in none of them still
        # weighs the most.
        docs += [set(analyzer.terms(e.text)) for e in examples(content)]
        df = Counter(t for doc in docs for t in doc)
        n = len(docs)
        self.background = {t: math.log(1 + (n - k + 0.5) / (k + 0.5)) for t, k in df.items()}
        self._spelling: dict[str, str] = {}
        # Most frequent first, so that a variant goes to the commoner word; then the words that
        # synonyms rewrite ("fraudulent" → "fraud"), which no analyzed text keeps.
        words = [(t, t) for t in sorted(df, key=lambda t: (-df[t], t))]
        words += [(k[0], v) for k, v in analyzer.phrases.table.items() if len(k) == 1 and v is not None]
        for term, meant in words:
            if len(term) >= SPELL_MIN and term.isalpha():
                for variant in (term, *deletions(term)):
                    self._spelling.setdefault(variant, meant)
        # A word found nowhere in content is what the interviewer knows nothing about ("emoji",
        # "cryptocurrency"): left unexplained, it outweighs any word that content does use.
        self.rarest = math.log(1 + (n + 0.5) / 0.5)

    @classmethod
    def from_content(cls, content: Content, stopwords: Iterable[str] = ()) -> Retriever:
        """A retriever with the content's synonyms and stopwords (plus `stopwords`)."""
        stopwords = list(stopwords)
        return cls(content, Analyzer(content.interviewer or Interviewer(), stopwords), stopwords)

    def _terms(self, texts: Iterable[str]) -> list[str]:
        return [t for text in texts for t in self.analyzer.terms(text)]

    def scenario(self, scenario: Scenario) -> ScenarioFacts:
        """The scenario's facts and index, built on first use."""
        found = self._scenarios.get(scenario.id)
        if found is None:
            facts = scenario_facts(self.content, scenario)
            terms = self.analyzer.terms
            docs = [
                (
                    self._terms(f.about),
                    self._terms(f.cues),
                    terms(f.value),
                    [p for text in (*f.about[: f.kind != FIELD], f.value) for p in pairs(terms(text))],
                )
                for f in facts
            ]
            names = tuple(frozenset(self._terms(f.about if f.kind == FIELD else f.about[:1])) for f in facts)
            self.analyzer.learn(t for doc in docs for field in doc[:PAIRS] for t in field)
            found = ScenarioFacts(facts, FactIndex(docs), names)
            self._scenarios[scenario.id] = found
        return found

    def spell(self, terms: Iterable[str]) -> list[str]:
        """A question's terms with each word content never uses read as the content word one typo
        away (a letter left out, added, changed, or two swapped: "latncy", "recomendation")."""
        return [self._spelled(t) for t in terms]

    def _spelled(self, term: str) -> str:
        if term in self.background or len(term) < SPELL_MIN or not term.isalpha():
            return term
        for variant in (term, *deletions(term)):
            found = self._spelling.get(variant)
            if found is not None:
                return found
        return term

    def weight(self, term: str, unknown: float = UNKNOWN) -> float:
        """How specific a word is across all content; a word found nowhere weighs `unknown` times the
        rarest word content uses."""
        return self.background.get(term, unknown * self.rarest)

    def coverage(
        self, matched: Mapping[str, float] | Iterable[str], terms: Iterable[str], unknown: float = UNKNOWN
    ) -> float:
        """The share of a question's specific words (by weight) that the `matched` ones explain
        (each by its match strength, 1.0 for a plain set of words)."""
        strength = matched if isinstance(matched, Mapping) else dict.fromkeys(matched, 1.0)
        query = set(terms)
        weights = {t: self.weight(t, unknown) for t in query}
        total = sum(weights.values())
        return sum(w * strength.get(t, 0.0) for t, w in weights.items()) / total if total else 0.0
