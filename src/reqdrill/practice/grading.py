"""Forgiving matching for typed answers: category names and E6 probes.

Category names forgive case, `&`/`and`/`/`, punctuation, small typos (see `allowed_typos`) and
common abbreviations. Probes are matched by the mock interviewer's fact retrieval.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from reqdrill.content.model import Category, Content, Probe, Scenario
from reqdrill.content.words import fold
from reqdrill.interview.answer import probes_asked
from reqdrill.interview.retrieval import Retriever

# Abbreviations and other names candidates write, beyond each category's own names.
ALIASES: dict[str, tuple[str, ...]] = {
    "business_objective": ("objective", "business", "business goal", "goal", "goals", "bo", "biz objective"),
    "features_supported": ("features", "feature", "fs", "product features", "functionality", "use cases"),
    "data": ("data sources", "training data", "labels"),
    "constraints": ("constraint", "limits", "limitations", "resources"),
    "scale": ("scaling", "scalability", "users and scale"),
    "performance": ("perf", "latency", "speed", "performance requirements"),
    "privacy_ethics": ("privacy", "ethics", "pe", "p and e", "privacy and ethics", "fairness"),
}
_SPLIT = re.compile(r"[,;\n]+")
_NUMBERING = re.compile(r"^\s*(?:\d+\s*[.):-]|[-*•])\s*")
_AND = re.compile(r"\s*(?:&|/|\+|\band\b)\s*")
_NON_WORD = re.compile(r"[^\w ]+")


def normalize(text: str) -> str:
    """Lower case, no accents or punctuation, `&` and `/` as `and`: 'P/E' → 'p and e'."""
    t = _AND.sub(" and ", fold(text))
    return " ".join(_NON_WORD.sub(" ", t).split())


def distance(a: str, b: str, limit: int) -> int:
    """Edit distance counting a swap of neighbors as one edit; limit + 1 once it must exceed `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            d = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                d = min(d, before[j - 2] + 1)
            current.append(d)
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return previous[-1]


def allowed_typos(name: str) -> int:
    """Typos forgiven in a name: none up to 3 letters, 1 up to 5, 2 up to 10, then 3."""
    n = len(name)
    return 0 if n <= 3 else 1 if n <= 5 else 2 if n <= 10 else 3


class CategoryMatcher:
    """Matches typed text to a category id, forgiving the way a candidate types under time."""

    def __init__(self, categories: Sequence[Category]) -> None:
        self.names: list[tuple[str, str]] = []
        for c in categories:
            own = (c.name, c.short_name, c.source_name or "", c.id.replace("_", " "))
            for name in (*own, *ALIASES.get(c.id, ())):
                if name and (normalize(name), c.id) not in self.names:
                    self.names.append((normalize(name), c.id))
        self.numbers = {str(i): c.id for i, c in enumerate(categories, 1)}

    def match(self, text: str, numbers: bool = False) -> str | None:
        """The category that text names (or, with `numbers`, numbers), or None."""
        t = normalize(_NUMBERING.sub("", text) if not numbers else text)
        if numbers and t in self.numbers:
            return self.numbers[t]
        if not t:
            return None
        best, best_d = None, 99
        for name, cid in self.names:
            d = distance(t, name, allowed_typos(name))
            if d <= allowed_typos(name) and d < best_d:
                best, best_d = cid, d
        return best


def split_items(lines: Iterable[str]) -> list[str]:
    """Typed lines as separate answers: commas and semicolons split a line, numbering is dropped."""
    out = []
    for line in lines:
        for part in _SPLIT.split(line):
            part = _NUMBERING.sub("", part).strip()
            if part:
                out.append(part)
    return out


def probe_matches(
    content: Content, scenario: Scenario, retriever: Retriever, line: str, category: str
) -> list[tuple[Probe, tuple[str, ...]]]:
    """The scenario's E6 probes a typed line raises, with the line's words that matched each.

    Found as the mock interviewer finds facts (BM25F over stems, with content's synonyms and
    related words), so a probe is raised however it is phrased ("what if the model service goes
    down?" raises a failure-modes probe). `category` is the question classifier's for the line.
    """
    probes = {p.id: p for p in scenario.e6_probes}
    found = probes_asked(content, scenario, retriever, line, category)
    return [(probes[pid], words) for pid, words in found if pid in probes]
