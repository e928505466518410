"""A small multinomial naive Bayes over word stems, word pairs and question openings, trained at load."""

from __future__ import annotations

import math
import struct
from collections import Counter
from collections.abc import Iterable

# A bonus is at most a few thousand milli-nats: 64 bits per label never overflow, and unpack in
# one call.
FIELD_BITS = 64
OPENING = "^"
"""Marks a question-opening feature: '^how many' is a question that starts 'How many'."""


def features(tokens: tuple[str, ...], stopwords: frozenset[str]) -> set[str]:
    """A question's features: its content stems, its word pairs (unless both are stopwords) and
    its first one and two words, which carry its shape ('how many', 'can users', 'what happens')."""
    n = len(tokens)
    if n == 0:
        return set()
    first = tokens[0]
    out = {t for t in tokens if t not in stopwords and not t.isdigit()}
    out.add(OPENING + first)
    if n > 1:
        out.add(f"{OPENING}{first} {tokens[1]}")
    # The opening pair is a feature of its own, so the plain pairs start at the second word.
    for i in range(1, n - 1):
        a, b = tokens[i], tokens[i + 1]
        if a not in stopwords or b not in stopwords:
            out.add(f"{a} {b}")
    return out


def term_features(parts: tuple[tuple[str, ...], ...], stopwords: frozenset[str]) -> set[str]:
    """A lexicon term's features, for learning from it as from a tiny question: its content stems
    and the word pairs within each part. A term is no question, so it has no opening."""
    out: set[str] = set()
    for part in parts:
        out.update(t for t in part if t not in stopwords and not t.isdigit())
        for a, b in zip(part, part[1:], strict=False):
            if a not in stopwords or b not in stopwords:
                out.add(f"{a} {b}")
    return out


class NaiveBayes:
    """Per-label evidence for a set of features, in integer milli-nats (exact sums, stable ties).

    Binary features with add-`alpha` smoothing and a uniform prior: how often the example
    authors wrote each category says nothing about how often candidates ask it. Every label's
    counts are scaled to the same total, so a label with more examples and terms does not find
    each of its words less likely (`balance` 1.0; 0.0 leaves the counts as they are, and values
    in between scale them part of the way, in the exponent). A feature's log-likelihood is then a
    constant shared by all labels (dropped: it cancels out) plus a non-negative bonus for the
    labels it was seen with, log(1 + scaled count / alpha). Bonuses are worked out on first use,
    which keeps building cheap.
    """

    def __init__(
        self, n_labels: int, docs: Iterable[tuple[int, set[str]]], alpha: float, balance: float = 1.0
    ) -> None:
        streams: list[list[str]] = [[] for _ in range(n_labels)]
        for label, feats in docs:
            streams[label].extend(feats)
        self.n_labels = n_labels
        self.alpha = alpha
        self.counts = [Counter(stream) for stream in streams]
        self.known: set[str] = set().union(*self.counts)
        totals = [len(stream) for stream in streams]
        used = [t for t in totals if t]
        mean = sum(used) / len(used) if used else 0.0
        self.scale = [(mean / t) ** balance if t else 0.0 for t in totals]
        self._bonus: dict[str, int] = {}
        self._width = FIELD_BITS // 8 * n_labels
        self._unpack = struct.Struct(f"<{n_labels}Q").unpack

    def bonus(self, feature: str) -> tuple[int, ...]:
        """The feature's milli-nats for every label (0 where it was never seen)."""
        return tuple(
            round(1000 * math.log1p(counts[feature] * scale / self.alpha)) if feature in counts else 0
            for counts, scale in zip(self.counts, self.scale, strict=True)
        )

    def _packed(self, feature: str) -> int:
        # All labels' bonuses in one integer, FIELD_BITS each, so that one addition per feature
        # scores every label at once: the classifier's hot loop.
        packed = self._bonus.get(feature)
        if packed is None:
            packed = sum(points << (FIELD_BITS * i) for i, points in enumerate(self.bonus(feature)))
            self._bonus[feature] = packed
        return packed

    def scores(self, feats: set[str]) -> tuple[list[int], int]:
        """Milli-nats per label, and how many of the features the model knows (0: no evidence)."""
        memo, known = self._bonus, self.known
        rows = [memo.get(f) or self._packed(f) for f in feats if f in known]
        return list(self._unpack(sum(rows).to_bytes(self._width, "little"))), len(rows)
