"""Text to retrieval terms: stems, synonyms, stopwords, number units, related words and roots."""

from __future__ import annotations

import pytest

from reqdrill.content.model import Content, Interviewer
from reqdrill.content.words import stem
from reqdrill.interview.classify import BASE_STOPWORDS
from reqdrill.interview.retrieval import Retriever
from reqdrill.interview.terms import DERIVED, RELATED, Analyzer, Phrases, root

SECTION = Interviewer(
    stopwords=("what", "is", "the", "kind of"),
    synonyms=(("peak", "busiest", "rush hour"), ("millisecond", "ms")),
    assumptions=("let's assume",),
)


def test_phrases_rewrite_the_longest_first() -> None:
    phrases = Phrases()
    phrases.add(("rush",), "hurry")
    phrases.add(("rush", "hour"), "peak")
    phrases.add(("the",), None)
    assert phrases.rewrite(["the", "rush", "hour", "rush", "the"]) == ["peak", "hurry"]


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("What is the traffic at rush hour?", ["traffic", "at", "peak"]),
        ("Busiest QPS?", ["peak", "qps"]),
        ("Is it under 100ms?", ["it", "under", "millisecond"]),
        ("What kind of 20M users", ["20m", "user"]),
        ("Let's assume 3 regions", ["region"]),
    ],
)
def test_analyzer_terms(text: str, terms: list[str]) -> None:
    assert Analyzer(SECTION).terms(text) == terms


@pytest.mark.parametrize(
    ("word", "other"),
    [
        ("measurement", "measure"),
        ("evaluation", "evaluating"),
        ("availability", "available"),
        ("delivery", "delivered"),
    ],
)
def test_words_of_one_root_meet(word: str, other: str) -> None:
    assert root(stem(word)) == root(stem(other))


def test_short_roots_and_phrases_are_left_alone() -> None:
    assert root(stem("signal")) != root(stem("sign"))  # "sign" is under five letters
    assert root("how many") == "how many" and root("20m") == "20m"


def test_a_question_word_finds_words_of_its_root(content: Content) -> None:
    retriever = Retriever.from_content(content, BASE_STOPWORDS.split())
    expanded = retriever.analyzer.expand(retriever.analyzer.terms("evaluation"))
    assert ("evaluat", "evaluation", DERIVED) in expanded


def test_kinds_find_their_general_word_but_not_each_other() -> None:
    analyzer = Analyzer(Interviewer(kinds=(("item", "video", "listing", "ad"),)))
    assert [t for t, _, _ in analyzer.expand(["item"])] == ["item", "video", "list", "ad"]
    assert analyzer.expand(["ad"]) == [("ad", "ad", 1.0), ("item", "ad", RELATED)]
