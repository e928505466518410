"""What a question asks for in any scenario (a requirements field, a tradeoff, a kind of E6 probe, or out
of scope): naive Bayes over the content's example questions, knowing no scenario's facts."""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import get_args

from reqdrill.content.model import CATEGORY_IDS, OUT_OF_SCOPE, Content, Interviewer, ProbeKind, section_type
from reqdrill.content.words import stems, term_parts
from reqdrill.interview.bayes import NaiveBayes, features, term_features
from reqdrill.interview.facts import PROBE, Fact
from reqdrill.interview.terms import Analyzer

# Fitted by grouped cross-validation over the example questions (benchmarks/interviewer.py --cv).
ALPHA = 0.1
"""Naive Bayes smoothing."""
SHARPNESS = 0.3
BALANCE = 0.5
"""How sharp the posterior is, per nat of evidence: naive Bayes adds up correlated words, so its
raw odds are far too sure of themselves."""
# Openings that carry no question shape ("Okay, so how many…" opens like "How many…").
FILLER = frozenset(stems("okay ok so alright right cool great and also just hmm um uh well then now"))


def fact_intent(fact: Fact) -> str:
    """The intent that asks for a fact: its field, its probe's kind, its tradeoff."""
    if fact.kind == PROBE:
        return f"{PROBE}.{fact.probe_kind}"
    return fact.id


def intents(content: Content) -> tuple[str, ...]:
    """Every intent: the fields in the framework's order, the tradeoffs, the probe kinds, out of scope."""
    out = [f"{cid}.{key}" for cid in CATEGORY_IDS for key in section_type(cid).__struct_fields__]
    out += [f"tradeoff.{t.id}" for t in content.tradeoffs]
    out += [f"{PROBE}.{kind}" for kind in get_args(ProbeKind)]
    return (*out, OUT_OF_SCOPE)


@dataclass(frozen=True)
class Example:
    """One example question of the corpus, for training and cross-validation."""

    intent: str
    product: str
    text: str


def examples(content: Content) -> list[Example]:
    """The content's example questions (`interviewer.asks`)."""
    section = content.interviewer or Interviewer()
    return [Example(a.intent, p, text) for a in section.asks for p, text in a.tagged()]


def cue_terms(content: Content) -> Iterator[tuple[str, str]]:
    """(intent, term): the cue words of each field, tradeoff and probe kind, in both vocabularies."""
    section = content.interviewer or Interviewer()
    for f in section.fields:
        yield from ((f.field, t) for t in f.terms)
    for s in section.tradeoffs:
        yield from ((f"tradeoff.{s.tradeoff}", t) for t in s.terms)
    for p in section.probes:
        yield from ((f"{PROBE}.{p.kind}", t) for t in p.terms)
    for cues in content.classifier.categories if content.classifier else ():
        for fc in cues.fields:
            yield from ((f"{cues.category}.{fc.field}", t) for t in fc.terms)


TERM = "@"
"""Marks a retrieval term among the features: '@peak' stands for 'busiest', 'rush hour', 'spike'…"""


def question_features(text: str, stopwords: frozenset[str], analyzer: Analyzer | None = None) -> set[str]:
    """A question's naive Bayes features: the classifier's (stems, word pairs, the opening, taken
    after any filler such as "Okay, so how…") and its retrieval terms, synonyms joined."""
    tokens = stems(text)
    start = 0
    while start < len(tokens) - 1 and tokens[start] in FILLER:
        start += 1
    out = features(tokens, stopwords)
    if start:
        out |= features(tokens[start:], stopwords)
    if analyzer is not None:
        out.update(TERM + t for t in analyzer.terms(text))
    return out


class IntentModel:
    """The posterior over intents of a question; build it once per content."""

    def __init__(
        self,
        content: Content,
        stopwords: frozenset[str],
        analyzer: Analyzer | None = None,
        corpus: Iterable[Example] | None = None,
        alpha: float = ALPHA,
        sharpness: float = SHARPNESS,
        balance: float = BALANCE,
    ) -> None:
        self.labels = intents(content)
        self.stopwords = stopwords
        self.analyzer = analyzer
        self.sharpness = sharpness
        index = {label: i for i, label in enumerate(self.labels)}
        docs: list[tuple[int, set[str]]] = []
        for e in examples(content) if corpus is None else corpus:
            if e.intent in index:
                docs.append((index[e.intent], question_features(e.text, stopwords, analyzer)))
        for intent, term in cue_terms(content):
            if intent in index:
                feats = term_features(term_parts(term), stopwords)
                if analyzer is not None:
                    feats.update(TERM + t for t in analyzer.terms(term.replace(" + ", " ")))
                docs.append((index[intent], feats))
        self.bayes = NaiveBayes(len(self.labels), docs, alpha, balance)

    def posterior(self, text: str) -> dict[str, float]:
        """Each intent's probability for a question (uniform when no word of it is known)."""
        scores, known = self.bayes.scores(question_features(text, self.stopwords, self.analyzer))
        if not known:
            return dict.fromkeys(self.labels, 1.0 / len(self.labels))
        top = max(scores)
        scale = self.sharpness / 1000
        weights = [math.exp(scale * (s - top)) for s in scores]
        total = sum(weights)
        return {label: w / total for label, w in zip(self.labels, weights, strict=True)}
