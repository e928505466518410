"""Free-text clarifying question → one of the seven category ids or `none`.

Two kinds of evidence, both from content, so authors extend the classifier without code: a
concept lexicon of weighted cue phrases (the optional `classifier` section, plus each category's
own name), and a naive Bayes model trained at load time on whole questions (the vocabulary's
`examples`, the categories' template questions, summaries and E6 probes, and the lexicon's terms).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from operator import add
from typing import get_args

from reqdrill.content.model import CATEGORY_IDS, Category, Content, SignalId, Vocabulary, section_type
from reqdrill.content.words import stems, term_parts
from reqdrill.interview.bayes import OPENING, NaiveBayes, features, term_features
from reqdrill.interview.cues import PhraseIndex

NONE = "none"
"""The label of a question the classifier cannot place."""
LABELS: tuple[str, ...] = (*CATEGORY_IDS, NONE)
SIGNALS: tuple[str, ...] = get_args(SignalId)

# Tuned by grouped cross-validation in benchmarks/classifier.py, not against any one question.
TIER_WEIGHTS = {"strong": 3.0, "terms": 1.0, "weak": 0.4}
NAME_WEIGHT = 2.0  # a category's own name ("privacy", "scale") is a strong hint
LEXICON_WEIGHT = 2.0  # nats per lexicon point
ALPHA = 0.1  # naive Bayes smoothing
SHARPNESS = 0.5  # softmax sharpness (per nat) for the reported confidence
CONFIDENCE_CUTOFF = round(40_000 / SHARPNESS)  # milli-nats: exp(-40) is negligible
# Gibberish: a line of three or more words, fewer than this share of them known to the classifier
# (real questions in the benchmark sets: at least 0.57, 0.29 in cross-validation; lorem ipsum: 0.12).
KNOWN_WORDS_MIN = 0.25
VOWELS = frozenset("aeiouy")

# Pronouns are not stopwords: "you" and "I" mark the talk about the interview itself.
BASE_STOPWORDS = (
    "a an the and or of to in on for is are was were be been do does did we it its this that these "
    "those what which how who when where why there any our us they them their can could would should "
    "will shall may might must with about from as at by if so than then have has had some there's "
    "s t ll re ve d m just like e g eg etc ok okay also"
)


@dataclass(frozen=True)
class Classification:
    """Where a question belongs: a label, the classifier's confidence, and what it asks for."""

    question: str
    category: str
    confidence: float
    field: str | None = None
    signals: frozenset[str] = frozenset()
    gibberish: bool = False
    """Letter soup, lorem ipsum or keyboard mashing: not words (the category is `none`)."""


class Classifier:
    """Classifies clarifying questions; build it once per content with `from_content`."""

    def __init__(self, stopwords: frozenset[str] = frozenset()) -> None:
        self.stopwords = stopwords
        self.index = PhraseIndex()
        for label in LABELS:
            self.index.slot(("label", label))
        self.field_slots: dict[str, list[tuple[int, str]]] = {}
        for cid in CATEGORY_IDS:
            keys = section_type(cid).__struct_fields__
            self.field_slots[cid] = [(self.index.slot(("field", cid, key)), key) for key in keys]
        self.signal_slots = [(self.index.slot(("signal", name)), name) for name in SIGNALS]
        self.bayes = NaiveBayes(len(LABELS), (), ALPHA)
        self.words: frozenset[str] = frozenset()

    @classmethod
    def from_content(cls, content: Content) -> Classifier:
        """A classifier from the content's vocabulary (if any) and its categories' own words."""
        vocabulary = content.classifier or Vocabulary()
        stopwords = frozenset(s for term in (BASE_STOPWORDS, *vocabulary.stopwords) for s in stems(term))
        self = cls(stopwords)
        for category in content.categories:
            if category.id in CATEGORY_IDS:
                self._learn_names(category)
        self._learn_fields(content)
        label_of = {label: i for i, label in enumerate(LABELS)}
        docs: list[tuple[int, set[str]]] = [
            (label_of[label], features(stems(text), stopwords)) for label, text in _category_texts(content)
        ]
        for cues in vocabulary.categories:
            label = label_of.get(cues.category)
            for tier, weight in TIER_WEIGHTS.items():
                for term in getattr(cues, tier):
                    parts = term_parts(term)
                    self.index.add(parts, ("label", cues.category), LEXICON_WEIGHT * weight)
                    if label is not None and tier != "weak":
                        # A lexicon term is also a tiny training question, so its words count as
                        # evidence even when they appear apart or in another order.
                        docs.append((label, term_features(parts, stopwords)))
            for field_cues in cues.fields:
                for term in field_cues.terms:
                    self.index.add(term_parts(term), ("field", cues.category, field_cues.field), 1.0)
            if label is not None:
                docs += [(label, features(stems(text), stopwords)) for text in cues.examples]
        for signal in vocabulary.signals:
            for term in signal.terms:
                self.index.add(term_parts(term), ("signal", signal.signal), 1.0)
        self.bayes = NaiveBayes(len(LABELS), docs, ALPHA)
        known = {w for f in self.bayes.known for w in f.lstrip(OPENING).split()}
        known.update(w for phrase in self.index.known for w in phrase.split())
        self.words = frozenset(w for w in known if len(w) > 1) | stopwords
        return self

    def _learn_names(self, category: Category) -> None:
        names = {category.name, category.short_name, category.source_name, category.id.replace("_", " ")}
        for name in sorted(n for n in names if n):
            for part in name.replace("/", " / ").split(" / "):
                self.index.add((stems(part),), ("label", category.id), LEXICON_WEIGHT * NAME_WEIGHT)

    def _learn_fields(self, content: Content) -> None:
        """Each requirements field is asked for by its own name and its template label."""
        labels = {
            (s.category, f.key): f.label for s in content.requirements_template.sections for f in s.fields
        }
        for cid in CATEGORY_IDS:
            for key in section_type(cid).__struct_fields__:
                for name in (key.replace("_", " "), labels.get((cid, key))):
                    if name:
                        self.index.add((stems(name),), ("field", cid, key), 1.0)

    def scores(self, tokens: tuple[str, ...]) -> tuple[list[int], list[int], bool]:
        """Per-label scores in milli-nats, the raw slot points, and whether anything was recognized.

        Lexicon points are stored already converted to nats, so the two kinds of evidence add up.
        """
        acc = self.index.scores(self.index.found(tokens))
        evidence, known = self.bayes.scores(features(tokens, self.stopwords))
        total = list(map(add, evidence, acc))  # stops at the labels: `acc` also has field slots
        return total, acc, bool(known) or any(total)

    def gibberish(self, tokens: tuple[str, ...]) -> bool:
        """Letter soup ('C m Pz v b q': two or more words, none with a vowel; a lone 'QPS?' is an
        acronym) or mostly unknown words (lorem ipsum, keyboard mashing)."""
        if len(tokens) >= 2 and all(t.isalpha() and VOWELS.isdisjoint(t) for t in tokens):
            return True
        if len(tokens) >= 3:
            return sum(t in self.words for t in tokens) < KNOWN_WORDS_MIN * len(tokens)
        return False

    def classify(self, question: str) -> Classification:
        """Classify one question: category, confidence, the field it asks for, its depth signals."""
        tokens = stems(question)
        if self.gibberish(tokens):
            return Classification(question, NONE, 1.0, gibberish=True)
        total, acc, recognized = self.scores(tokens)
        # `none` unless something was recognized; ties go to the framework's order
        best = max(range(len(LABELS)), key=total.__getitem__) if recognized else len(LABELS) - 1
        category = LABELS[best]
        top = total[best]
        # A label more than the cutoff behind adds under exp(-40) to the sum: skip its exponential.
        floor = top - CONFIDENCE_CUTOFF
        scale = SHARPNESS / 1000
        confidence = round(1.0 / sum([math.exp(scale * (t - top)) for t in total if t > floor]), 3)
        field = None
        if category != NONE:
            field_score = 0
            for slot, key in self.field_slots[category]:
                if acc[slot] > field_score:
                    field, field_score = key, acc[slot]
        signals = frozenset(name for slot, name in self.signal_slots if acc[slot] > 0)
        return Classification(question, category, confidence, field, signals)

    def classify_all(self, questions: Iterable[str]) -> list[Classification]:
        """Classify many questions, in order."""
        return [self.classify(q) for q in questions]


def _category_texts(content: Content) -> list[tuple[str, str]]:
    """(category id, text): each category's summary, example questions, templates and E6 probes."""
    out: list[tuple[str, str]] = []
    for category in content.categories:
        out += [(category.id, category.summary), (category.id, category.example_questions)]
        out += [(category.id, q.text) for q in (*category.templates, *category.e6_probes)]
    return out


def results_json(results: Iterable[Classification]) -> str:
    """`reqdrill classify --json`: a list of {question, category, confidence}."""
    import msgspec

    data = [{"question": r.question, "category": r.category, "confidence": r.confidence} for r in results]
    return msgspec.json.format(msgspec.json.encode(data), indent=2).decode()


def results_tsv(results: Iterable[Classification]) -> str:
    """`reqdrill classify`: one `category<TAB>question` line per question, each on one line."""
    return "\n".join(f"{r.category}\t{' '.join(r.question.split())}" for r in results)
