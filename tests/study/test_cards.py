"""Tests for cards.py: the card families, their identity, decks, tags and selection."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest
from hypothesis import given, settings

from conftest import DATA
from reqdrill.content.model import ID_PATTERN, Content
from reqdrill.errors import SelectionError
from reqdrill.study.cards import BLANK, FRAMEWORK_FIGURE, ROOT_DECK, Card, build_cards, deck_component
from strategies import contents

KINDS_WITH_IDS = {
    "categories-in-order": 0,
    "list-categories": 0,
    "key-instruction": 0,
    "category-summary": 1,
    "category-why": 1,
    "why-category": 1,
    "category-examples": 1,
    "category-templates": 1,
    "template-category": 1,
    "probe-category": 1,
    "tradeoff-favor-a": 1,
    "tradeoff-favor-b": 1,
    "tradeoff-signals": 1,
    "level-expectations": 1,
    "expectation-example": 1,
    "scenario-category": 2,
    "scenario-probe": 2,
    "scenario-tradeoff": 2,
}


def by_kind(cards: list[Card], kind: str) -> list[Card]:
    return [c for c in cards if c.kind == kind]


# ---------------------------------------------------------------- any valid content


@settings(max_examples=20)
@given(contents())
def test_cards_of_any_content_are_well_formed(content: Content) -> None:
    cards = build_cards(content)
    assert len({c.key for c in cards}) == len(cards)
    for card in cards:
        kind, *ids = card.key.split(":")
        assert kind == card.kind
        assert len(ids) == KINDS_WITH_IDS[kind]
        assert all(re.match(ID_PATTERN, i) for i in ids)
        assert card.front.strip() and card.back.strip() and card.context.strip()
        assert card.deck.startswith(ROOT_DECK + "::")
        assert f"reqdrill::kind::{card.kind}" in card.tags
        assert all(" " not in t and t.startswith("reqdrill::") for t in card.tags)
        if card.note_type == "basic":
            assert card.segments == () and card.card_count == 1
            continue
        blanks = [text for text, blank in card.segments if blank]
        assert blanks and all(b.strip() for b in blanks)
        assert card.card_count == len(blanks)
        assert card.back == "".join(text for text, _ in card.segments)
        assert card.front == "".join(BLANK if blank else text for text, blank in card.segments)
    # Cards hold text as written: escaping is the renderer's job, never the generator's.
    texts = " ".join(c.front + c.back for c in cards)
    assert all(q.text in texts for c in content.categories for q in c.templates)


# ---------------------------------------------------------------- the bundled content


def test_bundled_card_families(content: Content) -> None:
    counts = Counter(c.kind for c in build_cards(content))
    templates = sum(len(c.templates) for c in content.categories)
    assert counts["template-category"] == templates >= 31
    assert counts["categories-in-order"] == counts["list-categories"] == 1
    for kind in ("category-why", "why-category", "category-examples", "category-templates"):
        assert counts[kind] == 7
    assert (
        counts["tradeoff-favor-a"]
        == counts["tradeoff-favor-b"]
        == counts["tradeoff-signals"]
        == len(content.tradeoffs)
    )
    assert counts["level-expectations"] == len(content.levels)
    assert counts["scenario-category"] == 7 * len(content.scenarios)
    assert counts["scenario-probe"] == sum(len(s.e6_probes) for s in content.scenarios)


def test_every_source_template_question_is_asked_for_its_category(content: Content) -> None:
    facts = json.loads((DATA / "source_facts.json").read_text(encoding="utf-8"))
    cards = by_kind(build_cards(content), "template-category")
    fronts = {c.front.split("\n", 1)[1]: c.back.split("\n", 1)[0] for c in cards}
    asked = 0
    for category in facts["categories"]:
        for question in category["templates"]:
            assert fronts[f"“{question}”"] == category["short_name"]  # the one display name
            asked += 1
    assert asked == 31


def test_ordered_recall_cards_show_the_diagram_and_blank_each_category(content: Content) -> None:
    cards = build_cards(content)
    (cloze,) = by_kind(cards, "categories-in-order")
    (listing,) = by_kind(cards, "list-categories")
    names = [c.name for c in content.categories]
    assert [text for text, blank in cloze.segments if blank] == names
    assert listing.back == "\n".join(f"{i}. {n}" for i, n in enumerate(names, 1))
    assert cloze.figure == listing.figure == FRAMEWORK_FIGURE
    assert cloze.card_count == 7


def test_decks_nest_under_the_root(content: Content) -> None:
    decks = {c.deck for c in build_cards(content)}
    sections = {f"{ROOT_DECK}::{s}" for s in ("Framework", "Question Bank", "Tradeoffs", "Interview Signals")}
    scenarios = {f"{ROOT_DECK}::Scenarios::{s.name}" for s in content.scenarios}
    assert decks == sections | scenarios


def test_scenario_cards_ask_the_issue_question(content: Content) -> None:
    scenario = content.scenarios[0]
    (card,) = [c for c in build_cards(content) if c.key == f"scenario-category:{scenario.id}:data"]
    assert (
        card.front
        == f"{scenario.prompt}\nWhat do you ask about “Data”, and what would the interviewer answer?"
    )
    assert card.back.splitlines()[0].startswith("Sources: ")
    assert card.context == scenario.name
    assert set(card.tags) == {
        "reqdrill::kind::scenario-category",
        f"reqdrill::scenario::{scenario.id}",
        "reqdrill::category::data",
    }


def test_tradeoff_signal_cloze_contrasts_e5_and_e6(content: Content) -> None:
    tradeoff = content.tradeoffs[0]
    (card,) = [c for c in build_cards(content) if c.key == f"tradeoff-signals:{tradeoff.id}"]
    assert (
        card.back
        == f"{tradeoff.name}: what the interviewer hears\nE5: {tradeoff.e5_signal}\nE6: {tradeoff.e6_signal}"
    )
    assert {"reqdrill::level::e5", "reqdrill::level::e6"} <= set(card.tags)


# ---------------------------------------------------------------- selection


def test_scenario_selection_keeps_general_cards_and_only_that_scenario(content: Content) -> None:
    everything = build_cards(content)
    chosen = content.scenarios[0].id
    selected = build_cards(content, scenarios=[chosen])
    tagged = [c for c in selected if any(t.startswith("reqdrill::scenario::") for t in c.tags)]
    assert tagged and all(f"reqdrill::scenario::{chosen}" in c.tags for c in tagged)
    assert len(selected) == len(everything) - sum(
        1 for c in everything if any(t.startswith("reqdrill::scenario::") for t in c.tags) and c not in tagged
    )


def test_category_selection_drops_cards_of_other_categories(content: Content) -> None:
    selected = build_cards(content, categories=["data", "scale"])
    for card in selected:
        cats = {t.rsplit("::", 1)[1] for t in card.tags if t.startswith("reqdrill::category::")}
        assert not cats or cats & {"data", "scale"}
    assert by_kind(selected, "categories-in-order")
    assert {c.key for c in by_kind(selected, "category-why")} == {"category-why:data", "category-why:scale"}


def test_empty_selection_means_everything(content: Content) -> None:
    assert build_cards(content, scenarios=(), categories=()) == build_cards(content)


def test_unknown_ids_are_selection_errors(content: Content) -> None:
    known = ", ".join(s.id for s in content.scenarios)
    with pytest.raises(SelectionError) as exc:
        build_cards(content, scenarios=["nope"])
    assert str(exc.value) == f"unknown scenario 'nope'; known: {known}"
    with pytest.raises(SelectionError) as exc:
        build_cards(content, categories=["dat"])
    assert str(exc.value) == (
        "unknown category 'dat'; known: business_objective, features_supported, data, constraints, scale, "
        "performance, privacy_ethics"
    )


# ---------------------------------------------------------------- deck names


@pytest.mark.parametrize(
    ("name", "component"),
    [
        ("Video Streaming App", "Video Streaming App"),
        ("a::b", "a:b"),
        ("a:::b", "a:b"),
        ("{{c1::x}}", "{{c1:x}}"),
        ("  ::padded:: ", "padded"),
        ("tab\there", "tabhere"),
        (":::", "blank"),
        ("Cafe\u0301", "Café"),
    ],
)
def test_deck_component_matches_anki_normalisation(name: str, component: str) -> None:
    assert deck_component(name) == component
