"""Text to retrieval terms: the classifier's stems, number units split off, the content's
synonyms joined and stopwords dropped; a question's terms expand to their related words and the
words of their root, at a discount."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

from reqdrill.content.model import Interviewer
from reqdrill.content.words import stems

# Tuned on benchmarks/data/interviewer_dev.yaml (see benchmarks/interviewer.py).
RELATED = 0.3
"""A related word counts this much of the question's own word."""
DERIVED = 0.5
"""A word of the same root ("measurement" for "measure") counts this much of the question's word."""
# Derivational endings, longest first, left on the classifier's stems ("evaluate" → "evaluat"):
# stripping them gives a root that "evaluation", "evaluate" and "evaluating" share.
_SUFFIXES = sorted(
    [
        *("ization", "izations", "ation", "ations", "ition", "itions", "ment", "ments", "ness"),
        *("ity", "ities", "ically", "ical", "ally", "ly", "al", "ive", "ion", "ions", "ous", "ful"),
        *("abl", "able", "ably", "ability", "ibility", "ibl", "ible", "ance", "ence", "ancy"),
        *("ency", "ory", "ary", "iz", "at", "y"),
    ],
    key=len,
    reverse=True,
)
ROOT_MIN = 5
_NUMBER_UNIT = re.compile(r"(\d+(?:\.\d+)?)([a-z]{2,})")


def deletions(term: str) -> list[str]:
    """The term with one letter left out, each way."""
    return [term[:i] + term[i + 1 :] for i in range(len(term))]


@functools.lru_cache(maxsize=1 << 16)
def root(term: str) -> str:
    """A stem without its derivational endings: 'measurement' → 'measur', 'evaluat' → 'evalu'.
    Phrases and short words are their own roots."""
    if " " in term or not term.isalpha():
        return term
    changed = True
    while changed:
        changed = False
        for suffix in _SUFFIXES:
            if term.endswith(suffix) and len(term) - len(suffix) >= ROOT_MIN:
                term, changed = term[: -len(suffix)], True
                break
    return term[:-1] if term.endswith("e") and len(term) > ROOT_MIN else term


class Phrases:
    """Rewrites phrases of stems, longest first: a synonym to its group's word, a stopword to nothing."""

    def __init__(self) -> None:
        self.table: dict[tuple[str, ...], str | None] = {}
        self.starts: dict[str, int] = {}
        """The longest phrase starting with each word: most words start none."""

    def add(self, phrase: tuple[str, ...], replacement: str | None) -> None:
        """Rewrite `phrase` as `replacement` (None: drop it)."""
        if phrase:
            self.table[phrase] = replacement
            self.starts[phrase[0]] = max(self.starts.get(phrase[0], 0), len(phrase))

    def rewrite(self, tokens: Sequence[str]) -> list[str]:
        """The tokens with every known phrase rewritten, scanning left to right."""
        out: list[str] = []
        table, starts, i, n = self.table, self.starts, 0, len(tokens)
        while i < n:
            longest = starts.get(tokens[i])
            if longest is None:
                out.append(tokens[i])
                i += 1
                continue
            for size in range(min(longest, n - i), 0, -1):
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
        self.roots: dict[str, set[str]] = {}
        self.related: dict[str, list[str]] = {}
        for group in section.related:
            terms = list(dict.fromkeys(t for phrase in group for t in self._phrase(phrase)))
            for term in terms:
                known = self.related.setdefault(term, [])
                known += [t for t in terms if t != term and t not in known]
        for group in section.kinds:
            general, *kinds = dict.fromkeys(t for phrase in group for t in self._phrase(phrase))
            for term in kinds:
                known = self.related.setdefault(term, [])
                known += [general] if general not in known else []
            known = self.related.setdefault(general, [])
            known += [t for t in kinds if t not in known]

    def learn(self, terms: Iterable[str]) -> None:
        """Know these terms' roots, so a question's word also finds the words of its root."""
        for term in set(terms):
            r = root(term)
            if r != term or r in self.roots:
                self.roots.setdefault(r, set()).add(term)

    def _phrase(self, phrase: str) -> tuple[str, ...]:
        """A related phrase as one term: its words' terms joined ('hold on to' → 'hold')."""
        terms = self.terms(phrase)
        return (" ".join(terms),) if terms else ()

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

    def expand(self, terms: Iterable[str]) -> list[tuple[str, str, float]]:
        """A question's terms as (term looked up, the question's term, weight): each term itself,
        then its related words at a discount."""
        own = list(dict.fromkeys(terms))
        out = [(t, t, 1.0) for t in own]
        seen = set(own)
        for t in own:
            for r in sorted(self.roots.get(root(t), ())):
                if r not in seen:
                    seen.add(r)
                    out.append((r, t, DERIVED))
        for t in own:
            for r in self.related.get(t, ()):
                if r not in seen:
                    seen.add(r)
                    out.append((r, t, RELATED))
        return out
