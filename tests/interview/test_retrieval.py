"""Fact retrieval: terms with synonyms, related words, roots and stopwords, BM25F scores, coverage."""

from __future__ import annotations

import pytest

from reqdrill.content.model import Content, Interviewer
from reqdrill.content.words import stem
from reqdrill.interview.classify import BASE_STOPWORDS
from reqdrill.interview.retrieval import DERIVED, RELATED, Analyzer, FactIndex, Phrases, Retriever, root

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


def test_bm25f_prefers_the_field_a_question_is_about() -> None:
    index = FactIndex(
        [
            (["peak"], ["traffic"], ["1k", "request"]),
            (["user"], [], ["100m"]),
            (["latency"], [], ["peak", "ms"]),
        ]
    )
    hits = index.search(["peak", "traffic"])
    assert [h.index for h in hits] == [0, 2]
    assert hits[0].matched == {"peak": 1.0, "traffic": 1.0} and hits[1].matched == {"peak": 1.0}
    assert index.search(["nothing"]) == []
    assert index.idf("nothing") > index.idf("peak") > 0


def test_related_words_find_a_fact_at_a_discount() -> None:
    section = Interviewer(related=(("keep", "retain", "delete"), ("delete", "purge")))
    analyzer = Analyzer(section)
    assert analyzer.expand(["keep"]) == [
        ("keep", "keep", 1.0),
        ("retain", "keep", RELATED),
        ("delet", "keep", RELATED),
    ]
    assert [t for t, _, _ in analyzer.expand(["delet"])] == ["delet", "keep", "retain", "purg"]
    index = FactIndex([([], [], ["retain", "90", "day"]), ([], [], ["keep", "cache"])])
    hits = index.search(analyzer.expand(["keep", "log"]))
    assert [h.index for h in hits] == [1, 0]
    assert hits[1].matched == {"keep": RELATED} and hits[1].score < hits[0].score


def test_coverage_weighs_specific_words(content: Content) -> None:
    retriever = Retriever.from_content(content, BASE_STOPWORDS.split())
    assert retriever.weight("emoji") == retriever.unknown_weight > retriever.weight("user")
    assert retriever.coverage({"user"}, ["user"]) == 1.0
    assert retriever.coverage({"user"}, ["user", "emoji"]) < 0.3
    assert retriever.coverage(set(), []) == 0.0


def test_each_scenario_is_indexed_once(content: Content) -> None:
    retriever = Retriever.from_content(content)
    scenario = content.scenarios[0]
    book = retriever.scenario(scenario)
    assert retriever.scenario(scenario) is book
    assert len(book.facts) == len(book.names) == book.index.n
    assert book.fact("scale.dau").id == "scale.dau"


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


def test_coverage_counts_a_match_by_its_strength(content: Content) -> None:
    retriever = Retriever.from_content(content, BASE_STOPWORDS.split())
    assert retriever.coverage({"user": 0.5}, ["user"]) == 0.5
    assert retriever.coverage({"user": 1.0}, ["user", "user"]) == 1.0
