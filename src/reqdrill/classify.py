"""Free-text clarifying question → one of the seven category ids or `none`, by weighted cue phrases.

The cues come from the content's optional `classifier` vocabulary and from the categories
themselves (names, summaries, template questions, E6 probes), so authors extend it without code.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import get_args

from reqdrill.model import CATEGORY_IDS, Category, Content, SignalId, Vocabulary, section_type
from reqdrill.words import stems, term_parts

NONE = "none"
"""The label of a question the classifier cannot place."""
LABELS: tuple[str, ...] = (*CATEGORY_IDS, NONE)

TIER_WEIGHTS = {"strong": 3.0, "terms": 1.0, "weak": 0.4}
NAME_WEIGHT = 2.0  # a category's own name ("privacy", "scale") is a strong hint
DERIVED_WEIGHT = 0.6  # words learnt from template questions and probes, scaled by how specific they are
DERIVED_MIN_SHARE = 0.5
THRESHOLD = 1.0  # the best category needs at least this score, and more than the `none` cues
SHARPNESS = 2.0  # softmax sharpness for the reported confidence
SIGNALS: tuple[str, ...] = get_args(SignalId)

BASE_STOPWORDS = (
    "a an the and or of to in on for is are was were be been do does did we you i it its this that these "
    "those what which how who when where why there any our your us they them their can could would should "
    "will shall may might must with about from as at by if so than then have has had me my some there's "
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


class _Index:
    """Phrases → weighted score slots, one pass per question; 'a + b' terms need every part present.

    Slots are labels (categories and `none`), then (category, field) pairs, then signals, so a
    question is scored against all three with one scan of its words.
    """

    def __init__(self) -> None:
        self.slots: dict[tuple[str, ...], int] = {}
        self.single: dict[str, dict[int, int]] = {}
        self.joint: dict[str, list[tuple[tuple[str, ...], int, int]]] = {}
        self.known: set[str] = set()
        self.prefixes: set[str] = set()

    def slot(self, key: tuple[str, ...]) -> int:
        return self.slots.setdefault(key, len(self.slots))

    def add(self, parts: tuple[tuple[str, ...], ...], key: tuple[str, ...], weight: float) -> None:
        if not parts or not all(parts):
            return
        slot = self.slot(key)
        # Integer milli-points: sums are exact in any order, so ties break the same way every run.
        points = round(weight * 1000)
        phrases = [" ".join(p) for p in parts]
        for p in parts:
            self.known.add(" ".join(p))
            self.prefixes.update(" ".join(p[:k]) for k in range(1, len(p)))
        if len(phrases) == 1:
            targets = self.single.setdefault(phrases[0], {})
            targets[slot] = max(targets.get(slot, 0), points)
        else:
            self.joint.setdefault(phrases[0], []).append((tuple(phrases[1:]), slot, points))

    def found(self, tokens: tuple[str, ...]) -> set[str]:
        """The known phrases in a token sequence; a phrase grows only while it is a known prefix."""
        known, prefixes = self.known, self.prefixes
        out: set[str] = set()
        n = len(tokens)
        for i in range(n):
            gram = tokens[i]
            j = i + 1
            while True:
                if gram in known:
                    out.add(gram)
                if j >= n or gram not in prefixes:
                    break
                gram = f"{gram} {tokens[j]}"
                j += 1
        return out

    def scores(self, found: set[str]) -> list[int]:
        """Milli-points per slot."""
        acc = [0] * len(self.slots)
        for gram in found:
            hits = self.single.get(gram)
            if hits:
                for slot, weight in hits.items():
                    acc[slot] += weight
            joint = self.joint.get(gram)
            if joint:
                for rest, slot, weight in joint:
                    if all(r in found for r in rest):
                        acc[slot] += weight
        return acc


class Classifier:
    """Classifies clarifying questions; build it once per content with `from_content`."""

    def __init__(self) -> None:
        self.index = _Index()
        for label in LABELS:
            self.index.slot(("label", label))
        self.field_slots: dict[str, list[tuple[int, str]]] = {}
        for cid in CATEGORY_IDS:
            keys = section_type(cid).__struct_fields__
            self.field_slots[cid] = [(self.index.slot(("field", cid, key)), key) for key in keys]
        self.signal_slots = [(self.index.slot(("signal", name)), name) for name in SIGNALS]

    @classmethod
    def from_content(cls, content: Content) -> Classifier:
        """A classifier from the content's vocabulary (if any) and its categories' own words."""
        vocabulary = content.classifier or Vocabulary()
        stopwords = {s for term in (BASE_STOPWORDS, *vocabulary.stopwords) for s in stems(term)}
        self = cls()
        for category in content.categories:
            if category.id in CATEGORY_IDS:
                self._learn_names(category)
        self._learn_texts(_texts(content, vocabulary), stopwords)
        self._learn_fields(content)
        for cues in vocabulary.categories:
            for tier, weight in TIER_WEIGHTS.items():
                for term in getattr(cues, tier):
                    self.index.add(term_parts(term), ("label", cues.category), weight)
            for field_cues in cues.fields:
                for term in field_cues.terms:
                    self.index.add(term_parts(term), ("field", cues.category, field_cues.field), 1.0)
        for signal in vocabulary.signals:
            for term in signal.terms:
                self.index.add(term_parts(term), ("signal", signal.signal), 1.0)
        return self

    def _learn_names(self, category: Category) -> None:
        for name in {category.name, category.short_name, category.id.replace("_", " ")}:
            for part in name.replace("/", " / ").split(" / "):
                self.index.add((stems(part),), ("label", category.id), NAME_WEIGHT)

    def _learn_texts(self, texts: Iterable[tuple[str, str]], stopwords: set[str]) -> None:
        """Words and word pairs found mostly in one label's texts become weak cues for it."""
        counts: dict[str, dict[str, int]] = {}
        for label, text in texts:
            tokens = stems(text)
            found = {t for t in tokens if t not in stopwords and not t.isdigit()}
            pairs = zip(tokens, tokens[1:], strict=False)
            found |= {f"{a} {b}" for a, b in pairs if a not in stopwords and b not in stopwords}
            for gram in found:
                per = counts.setdefault(gram, {})
                per[label] = per.get(label, 0) + 1
        for gram, per in sorted(counts.items()):
            total = sum(per.values())
            for cid, n in per.items():
                share = n / total
                if share >= DERIVED_MIN_SHARE:
                    weight = DERIVED_WEIGHT * share * min(1.0, 0.5 + 0.25 * n)
                    self.index.add((tuple(gram.split(" ")),), ("label", cid), weight)

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

    def classify(self, question: str) -> Classification:
        """Classify one question: category, confidence, the field it asks for, its depth signals."""
        acc = self.index.scores(self.index.found(stems(question)))
        n = len(CATEGORY_IDS)
        best, best_score = NONE, 0
        for i in range(n):
            if acc[i] > best_score:  # strictly: ties go to the framework's order
                best, best_score = CATEGORY_IDS[i], acc[i]
        threshold = round(THRESHOLD * 1000)
        none_cues = acc[n]
        if best_score < threshold or none_cues >= best_score:
            best = NONE
        none_score = max(threshold, none_cues)
        chosen = none_score if best == NONE else best_score
        scale = SHARPNESS / 1000
        total = math.exp(scale * (none_score - chosen)) + sum(
            math.exp(scale * (acc[i] - chosen)) for i in range(n)
        )
        confidence = round(1.0 / total, 3)
        field = None
        if best != NONE:
            field_score = 0
            for slot, key in self.field_slots[best]:
                if acc[slot] > field_score:
                    field, field_score = key, acc[slot]
        signals = frozenset(name for slot, name in self.signal_slots if acc[slot] > 0)
        return Classification(question, best, confidence, field, signals)

    def classify_all(self, questions: Iterable[str]) -> list[Classification]:
        """Classify many questions, in order."""
        return [self.classify(q) for q in questions]


def _texts(content: Content, vocabulary: Vocabulary) -> list[tuple[str, str]]:
    """(label, text) pairs to learn words from: category summaries, questions and vocabulary examples."""
    out: list[tuple[str, str]] = []
    for category in content.categories:
        out += [(category.id, category.summary), (category.id, category.example_questions)]
        out += [(category.id, q.text) for q in (*category.templates, *category.e6_probes)]
    for cues in vocabulary.categories:
        out += [(cues.category, text) for text in cues.examples]
    return out


def results_json(results: Iterable[Classification]) -> str:
    """`reqdrill classify --json`: a list of {question, category, confidence}."""
    import msgspec

    data = [{"question": r.question, "category": r.category, "confidence": r.confidence} for r in results]
    return msgspec.json.format(msgspec.json.encode(data), indent=2).decode()


def results_tsv(results: Iterable[Classification]) -> str:
    """`reqdrill classify`: one `category<TAB>question` line per question, each on one line."""
    return "\n".join(f"{r.category}\t{' '.join(r.question.split())}" for r in results)
