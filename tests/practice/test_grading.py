"""Forgiving category names, E6 probes raised however phrased, and the rating thresholds."""

from __future__ import annotations

import pytest

from reqdrill.content.model import Content
from reqdrill.interview.classify import BASE_STOPWORDS
from reqdrill.interview.retrieval import Retriever
from reqdrill.practice import rating
from reqdrill.practice.grading import CategoryMatcher, distance, probe_matches, split_items


@pytest.mark.parametrize(
    "typed,expected",
    [
        ("BUSINESS OBJECTIVE", "business_objective"),
        ("Buisness objectiv", "business_objective"),
        ("Privacy & Ethics", "privacy_ethics"),
        ("privacy and ethics", "privacy_ethics"),
        ("Privacy/Ethics", "privacy_ethics"),
        ("P&E", "privacy_ethics"),
        ("perf", "performance"),
        ("Sclae", "scale"),
        ("features", "features_supported"),
        ("Features System Supports", "features_supported"),
        ("constrains", "constraints"),
        ("weather", None),
        ("", None),
    ],
)
def test_category_names_are_forgiven(content: Content, typed: str, expected: str | None) -> None:
    assert CategoryMatcher(content.categories).match(typed) == expected


def test_numbers_name_categories_only_where_asked(content: Content) -> None:
    m = CategoryMatcher(content.categories)
    assert m.match("7", numbers=True) == "privacy_ethics" and m.match("7") is None


def test_distance_counts_a_swap_as_one_edit() -> None:
    assert distance("scale", "sclae", 2) == 1 and distance("abc", "xyz", 1) == 2


def test_items_split_on_commas_and_drop_numbering() -> None:
    assert split_items(["1. data, scale; perf", "- privacy", ""]) == ["data", "scale", "perf", "privacy"]


@pytest.mark.parametrize(
    "score,easy,over,expected",
    [(0.59, False, False, 1), (0.6, False, False, 2), (0.84, True, False, 2), (0.85, True, False, 3),
     (1.0, False, False, 3), (1.0, True, False, 4), (1.0, True, True, 2), (0.2, False, True, 1)],
)  # fmt: skip
def test_rating_thresholds(score: float, easy: bool, over: bool, expected: int) -> None:
    assert rating.from_score(score, easy=easy, over_time=over) == expected


def test_self_ratings_and_interview_scores() -> None:
    assert rating.self_rated([3, 1]) == (0.333, 2)
    assert rating.self_rated([4, 4]) == (1.0, 4)
    assert [rating.parse(t) for t in ("again", "H", "3", "e", "x", "")] == [1, 2, 3, 4, None, None]
    signals = [{"level": "E6", "shown": True}] * 3
    assert rating.interview_score({"coverage": {"count": 7, "total": 7}, "score": {"signals": signals}}) == (
        1.0,
        4,
    )
    assert rating.interview_score({"coverage": {"count": 4, "total": 7}}) == (4 / 7, 1)


@pytest.fixture(scope="module")
def retriever(content: Content) -> Retriever:
    return Retriever.from_content(content, BASE_STOPWORDS.split())


def test_a_probe_is_raised_however_phrased(content: Content, retriever: Retriever) -> None:
    # Word overlap missed this one: the line shares no two words with the probe's question or answer.
    scenario = content.scenario("friend-recommendation")
    line = "what if the model service goes down?"
    found = probe_matches(content, scenario, retriever, line, "constraints")
    assert [(p.id, words) for p, words in found] == [
        ("friend-recommendation-batch-failure", ("goes", "down")),
    ]


def test_every_probe_is_raised_by_its_own_question(content: Content, retriever: Retriever) -> None:
    for scenario in content.scenarios:
        for probe in scenario.e6_probes:
            found = probe_matches(content, scenario, retriever, probe.question, probe.category)
            assert found[0][0] == probe, probe.question


def test_a_line_about_no_probe_raises_none(content: Content, retriever: Retriever) -> None:
    scenario = content.scenario("friend-recommendation")
    assert probe_matches(content, scenario, retriever, "How many daily active users?", "scale") == []
    assert probe_matches(content, scenario, retriever, "Do we support emoji?", "features_supported") == []
