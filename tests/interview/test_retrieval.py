"""Fact retrieval: BM25F with related words, coverage by specific words, spelling, an index per scenario."""

from __future__ import annotations

import pytest

from reqdrill.content.model import Content, Interviewer
from reqdrill.interview.classify import BASE_STOPWORDS
from reqdrill.interview.retrieval import UNKNOWN, FactIndex, Retriever, pairs
from reqdrill.interview.terms import RELATED, Analyzer


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
    assert retriever.weight("emoji") == UNKNOWN * retriever.rarest > retriever.weight("user")
    assert retriever.weight("emoji", 0.5) == 0.5 * retriever.rarest
    assert retriever.coverage({"user"}, ["user"]) == 1.0
    assert retriever.coverage({"user"}, ["user", "emoji"]) < 0.3
    assert retriever.coverage({"user"}, ["user", "emoji"], 0.5) > retriever.coverage(
        {"user"}, ["user", "emoji"]
    )
    assert retriever.coverage(set(), []) == 0.0


def test_words_of_the_example_questions_weigh_little(content: Content) -> None:
    # "ballpark" is in no scenario, but candidates say it whatever they ask: the example questions
    # make it a common word, not one the interviewer knows nothing about.
    retriever = Retriever.from_content(content, BASE_STOPWORDS.split())
    assert "ballpark" in retriever.background
    assert retriever.weight("ballpark") < retriever.weight("emoji")


def test_word_pairs_find_the_fact_that_says_them_together() -> None:
    assert pairs(["fraud", "rate", "day"]) == ["fraud+rate", "rate+day"] and pairs(["x"]) == []
    index = FactIndex(
        [
            ([], [], ["fraud", "loss", "decline", "rate"], []),
            ([], [], ["0.1%", "fraud", "rate"], pairs(["fraud", "rate"])),
        ]
    )
    words = index.search(["fraud", "rate"])
    assert words[0].score == pytest.approx(words[1].score, rel=0.2)
    hits = index.search([("fraud", "fraud", 1.0), ("rate", "rate", 1.0), ("fraud+rate", "fraud+rate", 1.0)])
    assert hits[0].index == 1 and hits[0].score > 1.5 * hits[1].score


def test_a_source_word_may_weigh_less_in_the_score_but_not_in_what_matched() -> None:
    index = FactIndex([([], [], ["feed", "latency"]), ([], [], ["feed", "video"])])
    full = index.search(["feed"])
    half = index.search(["feed"], {"feed": 0.5})
    assert half[0].score == pytest.approx(full[0].score / 2)
    assert half[0].matched == {"feed": 1.0}


def test_each_scenario_is_indexed_once(content: Content) -> None:
    retriever = Retriever.from_content(content)
    scenario = content.scenarios[0]
    book = retriever.scenario(scenario)
    assert retriever.scenario(scenario) is book
    assert len(book.facts) == len(book.names) == book.index.n
    assert book.fact("scale.dau").id == "scale.dau"


def test_coverage_counts_a_match_by_its_strength(content: Content) -> None:
    retriever = Retriever.from_content(content, BASE_STOPWORDS.split())
    assert retriever.coverage({"user": 0.5}, ["user"]) == 0.5
    assert retriever.coverage({"user": 1.0}, ["user", "user"]) == 1.0


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("latncy", "latency"), ("laetncy", "latency"), ("recomendation", "recommendation"), ("busyest", "peak")],
)
def test_a_word_content_never_uses_is_read_as_the_one_a_typo_away(
    content: Content, typed: str, meant: str
) -> None:
    retriever = Retriever.from_content(content, BASE_STOPWORDS.split())
    assert retriever.spell([typed, "emoji", "user", "qps"]) == [meant, "emoji", "user", "qps"]
