"""Phrase matching for the question classifier: stemmed cue phrases → weighted score slots."""

from __future__ import annotations


class PhraseIndex:
    """Phrases → weighted score slots, one pass per question; 'a + b' terms need every part present.

    A slot is any key (a label, a (category, field) pair, a signal), so a question is scored
    against all of them with one scan of its words. Weights are integer milli-points: sums are
    exact in any order, so ties break the same way on every run.
    """

    def __init__(self) -> None:
        self.slots: dict[tuple[str, ...], int] = {}
        self.single: dict[str, dict[int, int]] = {}
        self.joint: dict[str, list[tuple[tuple[str, ...], int, int]]] = {}
        self.known: set[str] = set()
        self.prefixes: set[str] = set()

    def slot(self, key: tuple[str, ...]) -> int:
        """The slot number of a key, allocated on first use."""
        return self.slots.setdefault(key, len(self.slots))

    def add(self, parts: tuple[tuple[str, ...], ...], key: tuple[str, ...], weight: float) -> None:
        """Add a phrase (one part) or an 'a + b' term (several parts); a repeat keeps the larger weight."""
        if not parts or not all(parts):
            return
        slot = self.slots.setdefault(key, len(self.slots))
        points = round(weight * 1000)
        known = self.known
        phrases = []
        for p in parts:
            phrase = " ".join(p)
            phrases.append(phrase)
            if phrase not in known:
                known.add(phrase)
                for k in range(1, len(p)):
                    self.prefixes.add(" ".join(p[:k]))
        if len(phrases) == 1:
            targets = self.single.get(phrases[0])
            if targets is None:
                self.single[phrases[0]] = {slot: points}
            elif targets.get(slot, 0) < points:
                targets[slot] = points
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
