"""One label function: field keys read with their acronyms in capitals, in every output."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reqdrill.content.labels import ACRONYMS, field_label, field_labels, humanize
from reqdrill.content.model import Content
from reqdrill.interview.facts import scenario_facts
from reqdrill.study.cards import build_cards


@pytest.mark.parametrize(
    ("key", "label"),
    [
        ("peak_qps", "Peak QPS"),
        ("dau", "DAU"),
        ("impact_of_mistakes", "Impact of mistakes"),
        ("pii_types", "PII types"),
    ],
)
def test_humanize_writes_acronyms_in_capitals(key: str, label: str) -> None:
    assert humanize(key) == label


@given(st.lists(st.sampled_from([*ACRONYMS, "peak", "rate", "of"]), min_size=1, max_size=4))
def test_every_acronym_keeps_its_form_anywhere_in_a_key(words: list[str]) -> None:
    label = humanize("_".join(words)).split(" ")
    for word, shown in zip(words, label, strict=True):
        assert shown in (ACRONYMS.get(word, word), ACRONYMS.get(word, word).capitalize())


def test_the_template_label_wins(content: Content) -> None:
    labels = field_labels(content)
    assert field_label(labels, "scale", "qps") == "QPS"
    assert field_label({}, "scale", "peak_qps") == "Peak QPS"


# "Dau:" or "Peak qps:" anywhere an answer is labeled.
LOST_CAPITALS = re.compile(r"\b(" + "|".join(w.capitalize() for w in ACRONYMS if len(w) > 2) + r")\b:")


def test_no_output_loses_the_capitals_of_an_acronym(content: Content) -> None:
    texts = [side for card in build_cards(content) for side in (card.front, card.back, card.context)]
    for scenario in content.scenarios:
        texts += [f"{fact.label}: {fact.text}" for fact in scenario_facts(content, scenario)]
    assert [t for t in texts if t and LOST_CAPITALS.search(t)] == []
    assert any("Peak QPS:" in t for t in texts if t)
