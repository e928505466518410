"""The intent model: what a question asks for in any scenario, learned from example questions in content."""

from __future__ import annotations

import functools
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reqdrill.content.model import OUT_OF_SCOPE, Asks, Content, Interviewer
from reqdrill.content.words import stems
from reqdrill.interview.classify import BASE_STOPWORDS
from reqdrill.interview.facts import scenario_facts
from reqdrill.interview.intent import (
    TERM,
    Example,
    IntentModel,
    examples,
    fact_intent,
    intents,
    question_features,
)
from reqdrill.interview.terms import Analyzer

STOP = frozenset(s for word in BASE_STOPWORDS.split() for s in stems(word))


@functools.cache
def _model(content: Content) -> IntentModel:
    return IntentModel(content, STOP, Analyzer(content.interviewer or Interviewer(), BASE_STOPWORDS.split()))


def test_the_intents_are_the_fields_the_tradeoffs_the_probe_kinds_and_out_of_scope(content: Content) -> None:
    labels = intents(content)
    assert len(labels) == 26 + len(content.tradeoffs) + 6 + 1
    assert labels[0] == "business_objective.primary_goal" and labels[-1] == OUT_OF_SCOPE
    assert {"scale.peak_qps", "tradeoff.precision-vs-recall", "probe.failure_modes"} <= set(labels)


def test_a_fact_is_asked_for_by_its_field_its_tradeoff_or_its_probe_kind(content: Content) -> None:
    facts = {f.id: f for f in scenario_facts(content, content.scenario("payment-fraud-detection"))}
    assert fact_intent(facts["scale.peak_qps"]) == "scale.peak_qps"
    assert fact_intent(facts["tradeoff.precision-vs-recall"]) == "tradeoff.precision-vs-recall"
    assert fact_intent(facts["probe.payment-fraud-detection-model-timeout"]) == "probe.failure_modes"


def test_every_intent_has_at_least_thirty_example_questions_from_many_products(content: Content) -> None:
    found = examples(content)
    for intent in intents(content):
        mine = [e for e in found if e.intent == intent]
        assert len(mine) >= 30, intent
        assert len({e.product for e in mine}) >= 10, intent


def test_no_example_question_is_about_a_bundled_scenario(content: Content) -> None:
    # The corpus teaches how candidates ask, not what the bundled scenarios say: its products are
    # others, so that cross-validation and the benchmark sets measure something it did not see.
    products = {e.product for e in examples(content)}
    assert not products & {s.id for s in content.scenarios}


def test_a_product_tag_is_read_off_the_question() -> None:
    asks = Asks(intent="scale.dau", questions=("How many a day?", "[music] How many listeners a day?"))
    assert asks.tagged() == [("any", "How many a day?"), ("music", "How many listeners a day?")]


def test_features_add_the_retrieval_terms_and_an_opening_after_filler(content: Content) -> None:
    analyzer = Analyzer(content.interviewer or Interviewer(), BASE_STOPWORDS.split())
    plain = question_features("Okay, so how many at the busiest hour?", STOP)
    assert {"^okay", "^how", "^how many"} <= plain
    rich = question_features("Okay, so how many at the busiest hour?", STOP, analyzer)
    assert f"{TERM}peak" in rich and f"{TERM}how many" in rich and plain < rich


def test_a_model_learns_which_words_ask_for_which_intent(content: Content) -> None:
    corpus = [
        Example("scale.peak_qps", "music", "What does traffic look like at the busiest hour?"),
        Example("scale.peak_qps", "games", "How spiky is the load on launch day?"),
        Example("performance.latency", "music", "How many milliseconds can we take?"),
        Example(OUT_OF_SCOPE, "music", "What's the launch date?"),
    ]
    model = IntentModel(content, STOP, corpus=corpus)
    posterior = model.posterior("How spiky is traffic at the busiest hour?")
    assert max(posterior, key=posterior.__getitem__) == "scale.peak_qps"
    assert sum(posterior.values()) == pytest.approx(1.0)
    unknown = model.posterior("zzz qqq")
    assert list(unknown.values()) == pytest.approx([1 / len(model.labels)] * len(model.labels))


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("So roughly how many folks open the thing on an ordinary day?", "scale.dau"),
        ("What's the p99 we need to hit?", "performance.latency"),
        ("If the scoring service falls over, what do we show instead?", "probe.failure_modes"),
        ("Who's on the team and when is the deadline?", OUT_OF_SCOPE),
        ("Is there any PII in there we need to be careful with?", "privacy_ethics.sensitive_data"),
    ],
)
def test_the_bundled_examples_place_unseen_casual_questions(
    content: Content, question: str, intent: str
) -> None:
    posterior = _model(content).posterior(question)
    assert max(posterior, key=posterior.__getitem__) == intent


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=60))
def test_any_text_gets_a_distribution(content: Content, text: str) -> None:
    posterior = _model(content).posterior(text)
    assert list(posterior) == list(_model(content).labels)
    assert sum(posterior.values()) == pytest.approx(1.0) and min(posterior.values()) >= 0.0


def _benchmark_questions() -> list[str]:
    """Every question of every benchmark set (interviewer rows, classifier lists by category)."""
    import yaml

    out: list[str] = []
    for path in sorted((Path(__file__).parents[2] / "benchmarks" / "data").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict):
            out += [q for questions in data.values() for q in questions]
        else:
            out += [row["question"] for row in data]
    return out


def test_no_example_question_copies_a_benchmark_row(content: Content) -> None:
    # The benchmark sets measure questions the model did not learn from: an example may share the
    # shape of a row ("How many … do we have?"), not three quarters of its words.
    rows = [(q, set(stems(q))) for q in _benchmark_questions()]
    having: dict[str, list[int]] = {}
    for i, (_, words) in enumerate(rows):
        for w in words:
            having.setdefault(w, []).append(i)
    for e in examples(content):
        mine = set(stems(e.text))
        shared = Counter(i for w in mine for i in having.get(w, ()))
        for i, k in shared.items():
            q, theirs = rows[i]
            assert k < 0.75 * len(mine | theirs), (e.text, q)
