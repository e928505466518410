"""Finding a scenario's facts: words, intent and coverage together; out of scope and too little coverage
are silent; the weights are knobs a refit can turn."""

from __future__ import annotations

import dataclasses
import functools

import pytest

from reqdrill.content.model import Content
from reqdrill.interview.classify import BASE_STOPWORDS, Classifier
from reqdrill.interview.find import SEEN_MAX, Candidate, Finder, Found, Weights
from reqdrill.interview.retrieval import Retriever

FRAUD = "payment-fraud-detection"


@functools.cache
def _built(content: Content) -> tuple[Classifier, Retriever]:
    return Classifier.from_content(content), Retriever.from_content(content, BASE_STOPWORDS.split())


def finder(content: Content, weights: Weights | None = None, scenario: str = FRAUD) -> Finder:
    return Finder(content, content.scenario(scenario), _built(content)[1], weights)


def find(f: Finder, question: str) -> tuple[Found, list[str]]:
    classifier, retriever = _built(f.retriever.content)
    terms = retriever.spell(retriever.analyzer.terms(question))
    return f.find(question, terms, classifier.classify(question).category), terms


def answered(f: Finder, question: str) -> list[str]:
    found, terms = find(f, question)
    return [f.facts[c.index].id for c in f.answering(found, terms, question)]


def test_what_no_requirements_document_holds_is_silent(content: Content) -> None:
    question = "How much do merchants pay us per transaction?"
    found, _ = find(finder(content), question)
    assert found.out_of_scope > 0.5
    assert answered(finder(content), question) == []
    # Its words alone would find a fact: out of scope is what keeps it silent.
    never = finder(content, dataclasses.replace(Weights(), out_of_scope_over=float("inf")))
    assert answered(never, question) != []


def test_the_intent_picks_the_fact_among_those_the_words_find(content: Content) -> None:
    # "people" and "how many" find the total users as well as the daily ones: "on a normal day" is
    # what the intent model has learned to read as daily actives.
    f = finder(content)
    question = "How many people are actually paying with us on a normal day?"
    assert answered(f, question) == ["scale.dau"]
    words_only = finder(content, dataclasses.replace(Weights(), intent=0.0, cover=0.0))
    found, _ = find(words_only, question)
    by_intent, _ = find(f, question)
    assert by_intent.ranked[0].intent > 0.5 > by_intent.ranked[1].intent
    assert {words_only.facts[c.index].id for c in found.ranked[:2]} >= {"scale.dau"}


def test_a_probe_is_asked_like_its_own_question(content: Content) -> None:
    # A probe's intent is its kind, mixed with whatever its own question asks (the same posterior).
    question = "Realistically, how many flagged payments can humans look at each day?"
    assert answered(finder(content), question)[0] == "probe.payment-fraud-detection-review-capacity"
    model = _built(content)[1].intents
    asked = model.posterior(question)
    for share in (0.0, 0.5, 1.0):
        f = finder(content, dataclasses.replace(Weights(), probe_text=share))
        found, _ = find(f, question)
        for c in found.ranked:
            fact = f.facts[c.index]
            if fact.kind != "probe":
                assert c.intent == asked[fact.id]
                continue
            own = model.posterior(fact.label)
            alike = sum(asked[k] * own[k] for k in asked)
            assert c.intent == pytest.approx((1 - share) * asked[f"probe.{fact.probe_kind}"] + share * alike)


def test_a_fact_named_outright_comes_first(content: Content) -> None:
    f = finder(content)
    found, _ = find(f, "What's the peak QPS?")
    assert f.facts[found.ranked[0].index].id == "scale.peak_qps"
    assert answered(f, "What's the peak QPS?") == ["scale.peak_qps"]


def test_a_question_no_fact_shares_a_word_with_is_silent(content: Content) -> None:
    assert answered(finder(content), "Do we accept cryptocurrency?") == []


def test_evidence_is_kept_for_the_lines_seen_last(content: Content) -> None:
    f = finder(content)
    find(f, "What's the peak QPS?")
    assert len(f._seen) == 1
    find(f, "What's the peak QPS?")
    assert len(f._seen) == 1
    for i in range(SEEN_MAX):
        f._evidence(f"question {i}", ["question"])
    assert len(f._seen) <= SEEN_MAX


def test_an_intent_the_model_is_sure_of_answers_without_matching_words(content: Content) -> None:
    # A long paraphrase may match none of a fact's words; when the intent model alone is sure of the
    # fact's intent (and surer than of out of scope), that fact answers instead of an invitation.
    sure = Candidate(0, None, 0.9, 0.0, -0.02)
    found = Found([sure, Candidate(1, None, 0.05, 0.0, -0.6)], out_of_scope=0.01)
    at = finder(content, dataclasses.replace(Weights(), intent_alone=0.8))
    off = finder(content, dataclasses.replace(Weights(), intent_alone=1.01))
    assert at.answering(found, ["who"]) == [sure]
    assert off.answering(found, ["who"]) == []
    assert at.answering(Found([sure], out_of_scope=0.95), ["who"]) == []
