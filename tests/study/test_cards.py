"""Tests for cards.py: the card families, their identity, decks, tags and selection."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest
from hypothesis import given, settings
from msgspec.structs import replace

from conftest import DATA
from reqdrill.content.model import ID_PATTERN, Content
from reqdrill.errors import SelectionError
from reqdrill.study.cards import BLANK, FRAMEWORK_FIGURE, ROOT_DECK, Card, build_cards, deck_component
from strategies import contents

KINDS_WITH_IDS = {
    "categories-in-order": 0,
    "key-instruction": 0,
    "category-summary": 1,
    "category-why": 1,
    "why-category": 1,
    "example-questions": 1,
    "category-templates": 1,
    "template-category": 1,
    "probe-category": 1,
    "probe-ask": 1,
    "tradeoff-favor-a": 1,
    "tradeoff-favor-b": 1,
    "tradeoff-signals": 1,
    "level-expectations": 1,
    "expectation-example": 1,
    "scenario-field": 2,
    "scenario-list": 2,
    "scenario-follow-up": 2,
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
        assert card.card_count == len(blanks) == len(card.faces())
        assert card.back == "".join(text for text, _ in card.segments)
        text = "".join(BLANK if blank else text for text, blank in card.segments)
        assert card.front == (f"{card.cue}\n{text}" if card.cue else text)
        for face, answer in zip(card.faces(), blanks, strict=True):
            # Each card hides its own blank and shows the others.
            assert face.answer == answer and face.cue == card.cue
            assert face.question.replace(BLANK, answer, 1) == card.back
    # Cards hold text as written: escaping is the renderer's job, never the generator's.
    texts = " ".join(c.front + c.back for c in cards)
    assert all(q.text in texts for c in content.categories for q in c.templates)
    fronts = [face.front for card in cards for face in card.faces()]
    assert len(set(fronts)) == len(fronts)


# ---------------------------------------------------------------- the bundled content


def test_bundled_card_families(content: Content) -> None:
    counts = Counter(c.kind for c in build_cards(content))
    templates = sum(len(c.templates) for c in content.categories)
    probes = sum(len(c.e6_probes) for c in content.categories)
    assert counts["template-category"] == templates >= 31
    assert counts["probe-category"] == counts["probe-ask"] == probes
    assert counts["categories-in-order"] == counts["key-instruction"] == 1
    for kind in (
        "category-summary",
        "category-why",
        "why-category",
        "example-questions",
        "category-templates",
    ):
        assert counts[kind] == 7
    assert (
        counts["tradeoff-favor-a"]
        == counts["tradeoff-favor-b"]
        == counts["tradeoff-signals"]
        == len(content.tradeoffs)
    )
    assert counts["level-expectations"] == len(content.levels)
    n = len(content.scenarios)
    # 17 facts a scenario (the template's fields but the figures), 2 lists, 2 follow-ups.
    assert (counts["scenario-field"], counts["scenario-list"], counts["scenario-follow-up"]) == (
        17 * n,
        2 * n,
        2 * n,
    )
    assert counts["scenario-probe"] == sum(len(s.e6_probes) for s in content.scenarios)
    assert counts["scenario-tradeoff"] == sum(len(s.tradeoffs) for s in content.scenarios)
    assert not {"list-categories", "category-examples", "scenario-category"} & set(counts)  # retired


def test_every_source_template_question_is_asked_for_its_category(content: Content) -> None:
    facts = json.loads((DATA / "source_facts.json").read_text(encoding="utf-8"))
    cards = by_kind(build_cards(content), "template-category")
    fronts = {c.front.split("\n", 1)[1]: c.back for c in cards}
    asked = 0
    for category in facts["categories"]:
        for question in category["templates"]:
            assert fronts[f"“{question}”"] == category["short_name"]  # the one display name
            asked += 1
    assert asked == 31


def test_ordered_recall_cloze_shows_the_diagram_and_blanks_each_category(content: Content) -> None:
    (cloze,) = by_kind(build_cards(content), "categories-in-order")
    names = [c.name for c in content.categories]
    assert [face.answer for face in cloze.faces()] == names
    assert cloze.figure == FRAMEWORK_FIGURE
    assert cloze.card_count == 7


def test_example_questions_are_blanked_one_question_at_a_time(content: Content) -> None:
    cards = {c.key: c for c in by_kind(build_cards(content), "example-questions")}
    faces = cards["example-questions:constraints"].faces()
    assert [f.answer for f in faces] == [
        "Cloud or on-device?",
        "GPU available?",
        "Auto-improve or static model?",
    ]
    assert faces[1].question == (
        "Example questions for Constraints, from the framework table:\n"
        "Cloud or on-device? […] Auto-improve or static model?"
    )
    assert len(cards["example-questions:business_objective"].faces()) == 4


def test_a_question_of_several_questions_blanks_its_first_and_shows_the_rest(content: Content) -> None:
    (card,) = [c for c in build_cards(content) if c.key == "category-templates:data"]
    last = card.faces()[-1]
    assert last.answer == "What's the data quality like?"
    assert last.question.endswith("\n• […] Missing values? Noise?")


def test_decks_nest_under_the_root(content: Content) -> None:
    decks = {c.deck for c in build_cards(content)}
    sections = {f"{ROOT_DECK}::{s}" for s in ("Framework", "Question Bank", "Tradeoffs", "Interview Signals")}
    scenarios = {f"{ROOT_DECK}::Scenarios::{s.name}" for s in content.scenarios}
    assert decks == sections | scenarios


def test_a_scenario_fact_card_cues_scenario_and_category_and_asks_one_field(content: Content) -> None:
    scenario = content.scenario("payment-fraud-detection")
    (card,) = [c for c in build_cards(content) if c.key == f"scenario-field:{scenario.id}:labeled"]
    assert (card.cue, card.prompt) == ("Payment Fraud Detection · Data", "Labeled?")
    assert card.back == scenario.requirements.data.labeled.detail
    assert card.extra == (
        ("Ask", "“Is the data labeled? If so, how were labels obtained?”"),
        ("Why it matters", "Shapes feature engineering and model choice"),
        ("Source", "Payment Fraud Detection scenario (made-up figures)"),
    )
    assert set(card.tags) == {
        "reqdrill::kind::scenario-field",
        f"reqdrill::scenario::{scenario.id}",
        "reqdrill::category::data",
    }


def test_scale_figures_are_the_cue_of_the_follow_up_to_ask(content: Content) -> None:
    scenario = content.scenario("payment-fraud-detection")
    cards = [c for c in build_cards(content) if f"reqdrill::scenario::{scenario.id}" in c.tags]
    fields = {c.key.rsplit(":", 1)[1] for c in cards if c.kind in ("scenario-field", "scenario-list")}
    assert not fields & {"users", "items", "qps", "growth", "size"}
    (peak,) = [c for c in cards if c.key == f"scenario-follow-up:{scenario.id}:peak_qps"]
    assert (
        peak.prompt
        == "QPS: “~230 transactions/sec average (20M/day)”\nWhat do you ask next, to size capacity?"
    )
    assert peak.back == content.category("scale").e6_probes[1].text
    assert peak.extra[0] == ("Interviewer", "Peak QPS: ~1.2K transactions/sec (5x) on Black Friday")


def test_scenario_cards_follow_the_requirements_template_order(content: Content) -> None:
    template = content.requirements_template
    privacy = next(s for s in template.sections if s.category == "privacy_ethics")
    flipped = replace(privacy, fields=tuple(reversed(privacy.fields)))
    sections = tuple(flipped if s is privacy else s for s in template.sections)
    edited = replace(content, requirements_template=replace(template, sections=sections))
    scenario = content.scenarios[0].id
    keys = [
        c.key.rsplit(":", 1)[1]
        for c in build_cards(edited, scenarios=[scenario])
        if c.kind == "scenario-field" and "reqdrill::category::privacy_ethics" in c.tags
    ]
    listed = [f.key for f in flipped.fields]
    assert keys[: len(listed)] == listed  # the template's fields first, in its order
    assert set(keys[len(listed) :]) == {"concerns", "impact_of_mistakes"} - set(listed)


def test_a_probe_card_asks_for_the_question_and_keeps_the_answer_as_context(content: Content) -> None:
    scenario = content.scenario("payment-fraud-detection")
    probe = scenario.e6_probes[0]
    (card,) = [c for c in build_cards(content) if c.key == f"scenario-probe:{scenario.id}:{probe.id}"]
    assert card.cue == "Payment Fraud Detection · Constraints · E6 probe"
    assert card.prompt == "Failure modes: what do you ask?"
    assert card.back == probe.question
    assert card.extra[0] == ("Interviewer", probe.answer)


def test_tradeoff_signal_cloze_contrasts_e5_and_e6(content: Content) -> None:
    tradeoff = content.tradeoffs[0]
    (card,) = [c for c in build_cards(content) if c.key == f"tradeoff-signals:{tradeoff.id}"]
    assert (
        card.back
        == f"{tradeoff.name}: what the interviewer hears\nE5: {tradeoff.e5_signal}\nE6: {tradeoff.e6_signal}"
    )
    assert {"reqdrill::level::e5", "reqdrill::level::e6"} <= set(card.tags)


def test_repeated_content_still_gives_distinct_fronts(content: Content) -> None:
    first, second, *rest = content.categories
    twin = replace(second, name=first.name, why_it_matters=first.why_it_matters, summary=first.summary)
    cards = build_cards(replace(content, categories=(first, twin, *rest)))
    fronts = [face.front for card in cards for face in card.faces()]
    assert len(set(fronts)) == len(fronts)
    (renamed,) = [c for c in cards if c.key == f"why-category:{second.id}"]
    assert renamed.prompt.startswith("Which category matters because it… (2)\n")


def test_scenarios_of_one_name_are_numbered_in_turn(content: Content) -> None:
    first = content.scenarios[0]
    twins = tuple(
        replace(first, id=f"twin-{i}", e6_probes=tuple(replace(p, id=f"{p.id}-{i}") for p in first.e6_probes))
        for i in (2, 3)
    )
    cards = build_cards(replace(content, scenarios=(first, *twins)))
    labeled = [c.prompt for c in cards if c.kind == "scenario-field" and c.key.endswith(":labeled")]
    assert labeled == ["Labeled?", "Labeled? (2)", "Labeled? (3)"]
    fronts = [face.front for card in cards for face in card.faces()]
    assert len(set(fronts)) == len(fronts)


def test_bundled_fronts_need_no_numbering(content: Content) -> None:
    assert not [c.key for c in build_cards(content) if re.search(r" \(\d+\)(\n|$)", c.front)]


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
