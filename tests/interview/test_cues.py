"""Phrase matching for the classifier's lexicon: adjacent words, 'a + b' terms, weights."""

from __future__ import annotations

from reqdrill.content.words import stems, term_parts
from reqdrill.interview.cues import PhraseIndex


def _index() -> PhraseIndex:
    index = PhraseIndex()
    index.add(term_parts("how many"), ("scale",), 1.0)
    index.add(term_parts("how many users"), ("scale",), 3.0)
    index.add(term_parts("goes down + fallback"), ("constraints",), 2.0)
    index.add(term_parts("users"), ("features",), 0.4)
    index.add(term_parts("users"), ("features",), 0.2)  # a repeat keeps the larger weight
    return index


def test_phrases_match_adjacent_words_only() -> None:
    index = _index()
    assert index.found(stems("How many users are there?")) == {"how many", "how many user", "user"}
    assert index.found(stems("How are there many users?")) == {"user"}


def test_scores_are_milli_points_per_slot() -> None:
    index = _index()
    scale, constraints, features = (index.slot((k,)) for k in ("scale", "constraints", "features"))
    acc = index.scores(index.found(stems("How many users?")))
    assert (acc[scale], acc[constraints], acc[features]) == (4000, 0, 400)


def test_joint_terms_need_every_part() -> None:
    index = _index()
    constraints = index.slot(("constraints",))
    assert index.scores(index.found(stems("What if it goes down?")))[constraints] == 0
    both = index.scores(index.found(stems("Is there a fallback when the service goes down?")))
    assert both[constraints] == 2000


def test_terms_without_words_are_ignored() -> None:
    index = PhraseIndex()
    index.add(term_parts("?"), ("x",), 1.0)
    index.add(term_parts("a + ?"), ("x",), 1.0)
    assert index.known == set()
