"""A small multinomial naive Bayes over word stems, word pairs and question openings, trained at load."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from itertools import repeat

OPENING = "^"
"""Marks a question-opening feature: '^how many' is a question that starts 'How many'."""


def features(tokens: tuple[str, ...], stopwords: frozenset[str]) -> set[str]:
    """A question's features: its content stems, its word pairs (unless both are stopwords) and
    its first one and two words, which carry its shape ('how many', 'can users', 'what happens')."""
    out = {t for t in tokens if t not in stopwords and not t.isdigit()}
    for a, b in zip(tokens, tokens[1:], strict=False):
        if a not in stopwords or b not in stopwords:
            out.add(f"{a} {b}")
    if tokens:
        out.add(OPENING + tokens[0])
        if len(tokens) > 1:
            out.add(f"{OPENING}{tokens[0]} {tokens[1]}")
    return out


class NaiveBayes:
    """Per-label evidence for a set of features, in integer milli-nats (exact sums, stable ties).

    Binary features with add-`alpha` smoothing and a uniform prior: how often the example
    authors wrote each category says nothing about how often candidates ask it. The weights are
    stored sparsely: a feature's log-likelihood splits into a per-label constant (what an unseen
    feature would get) plus a non-negative bonus for the labels it was seen with.
    """

    def __init__(self, n_labels: int, docs: Iterable[tuple[int, set[str]]], alpha: float) -> None:
        pairs: Counter[tuple[str, int]] = Counter()
        totals = [0] * n_labels
        for label, feats in docs:
            pairs.update(zip(feats, repeat(label)))
            totals[label] += len(feats)
        size = len({f for f, _ in pairs})
        self.n_labels = n_labels
        # Every label weighs the same however many examples and terms it has: a label with twice
        # the text would otherwise find each of its words half as likely, and lose on length alone.
        used = [t for t in totals if t]
        mean = sum(used) / len(used) if used else 0.0
        scale = [mean / t if t else 0.0 for t in totals]
        self.base = [round(1000 * math.log(alpha / (mean + alpha * size))) if size else 0] * n_labels
        rows: dict[str, list[tuple[int, int]]] = {}
        points: dict[tuple[int, int], int] = {}  # most counts are 1 or 2: each logarithm once
        for (f, label), n in pairs.items():
            p = points.get((label, n))
            if p is None:
                p = points[(label, n)] = round(1000 * math.log1p(n * scale[label] / alpha))
            rows.setdefault(f, []).append((label, p))
        self.bonus: dict[str, tuple[tuple[int, int], ...]] = {f: tuple(row) for f, row in rows.items()}

    def scores(self, feats: set[str]) -> tuple[list[int], int]:
        """Milli-nats per label, and how many of the features the model knows (0: no evidence)."""
        acc = [0] * self.n_labels
        known = 0
        bonus = self.bonus
        for f in feats:
            hits = bonus.get(f)
            if hits is not None:
                known += 1
                for label, points in hits:
                    acc[label] += points
        if known:
            base = self.base
            for i in range(self.n_labels):
                acc[i] += known * base[i]
        return acc, known
