"""Drill-sheet generation: determinism, balance, no repeats, answer keys that match, clear errors."""

from __future__ import annotations

import random
import time
from collections import Counter

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from reqdrill.content.model import CATEGORY_IDS, REQUIRED_PROBE_KINDS, Chosen, Content, section_of
from reqdrill.errors import SelectionError
from reqdrill.render.drill_json import render as render_json
from reqdrill.render.drill_markdown import render as render_md
from reqdrill.study.drills import batch_seeds, generate, generate_batch
from reqdrill.study.drillsheet import DrillSheet, Exercise
from strategies import DRILL_KINDS, contents, drill_kinds, drill_seeds, scenarios_needed

SCENARIO_KINDS = ("mock", "tradeoff", "deep-dive")


def supported(content: Content, kinds: tuple[str, ...]) -> bool:
    return scenarios_needed(kinds) <= len(content.scenarios)


def expected_kinds(kinds: tuple[str, ...], seed: int) -> list[str]:
    if kinds in ((), ("mixed",)):
        return ["recall", "questions", "classify", SCENARIO_KINDS[seed % 3]]
    return [k for k in DRILL_KINDS if k in kinds]


def drawn_categories(sheet: DrillSheet) -> list[str]:
    """Categories the sheet drew: those to write questions for and those of questions to classify."""
    out: list[str] = []
    for e in sheet.exercises:
        if e.kind == "questions":
            out += [i.ref for i in e.items]
        elif e.kind == "classify":
            out += [a.ref for a in e.answers]
    return out


def check_answers(content: Content, e: Exercise) -> None:
    """The answer key matches the sheet item for item, and everything drawn exists in the content."""
    assert len(e.items) == len(e.answers)
    pairs = list(zip(e.items, e.answers, strict=True))
    if e.kind == "recall":
        assert [a.ref for a in e.answers] == list(CATEGORY_IDS)
        assert [a.text for a in e.answers] == [c.name for c in content.categories]
    elif e.kind == "questions":
        for item, answer in pairs:
            category = content.category(item.ref)
            assert answer.ref == item.ref and item.prompt == category.name
            assert [n.text for n in answer.notes] == [
                q.text for q in (*category.templates, *category.e6_probes)
            ]
    elif e.kind == "classify":
        for item, answer in pairs:
            category = content.category(answer.ref)
            question = next(q for q in category.templates if q.id == item.ref)
            assert item.prompt == question.text and answer.text == category.name
    elif e.kind == "mock":
        assert e.scenario is not None
        scenario = content.scenario(e.scenario.id)
        fields = [(s, f) for s in content.requirements_template.sections for f in s.fields]
        assert [i.ref for i in e.items] == [f"{s.category}.{f.key}" for s, f in fields]
        for (section, field), answer in zip(fields, e.answers, strict=True):
            value = getattr(section_of(scenario, section.category), field.key)
            if isinstance(value, Chosen):
                label = next(c.label for c in field.choices if c.id == value.choice)
                assert (answer.text, answer.notes[0].text) == (label, value.detail)
            else:
                assert answer.text == ("; ".join(value) if isinstance(value, tuple) else value)
    elif e.kind == "tradeoff":
        assert e.scenario is not None
        scenario = content.scenario(e.scenario.id)
        assert 1 <= len(e.items) <= 2
        for item, answer in pairs:
            stance = next(s for s in scenario.tradeoffs if s.tradeoff == item.ref)
            tradeoff = content.tradeoff(item.ref)
            assert answer.text == (tradeoff.option_a if stance.favors == "a" else tradeoff.option_b)
            assert answer.notes[0].text == stance.why
    elif e.kind == "deep-dive":
        assert e.scenario is not None
        scenario = content.scenario(e.scenario.id)
        assert [i.ref for i in e.items][:3] == list(REQUIRED_PROBE_KINDS)
        for item, answer in pairs:
            probes = [
                p
                for p in scenario.e6_probes
                if (p.kind == item.ref) or (item.ref == "other" and p.kind not in REQUIRED_PROBE_KINDS)
            ]
            assert [n.text for n in answer.notes] == [t for p in probes for t in (p.question, p.answer)]
    else:
        pytest.fail(f"unexpected kind {e.kind}")


@settings(max_examples=10)
@given(contents(), drill_kinds(), drill_seeds)
def test_same_seed_gives_the_same_sheet_and_bytes(
    content: Content, kinds: tuple[str, ...], seed: int
) -> None:
    assume(supported(content, kinds))
    a, b = generate(content, seed, kinds), generate(content, seed, kinds)
    assert a == b
    assert render_md(a) == render_md(b)
    assert render_json(a) == render_json(b)


@settings(max_examples=10)
@given(contents(), drill_kinds(), drill_seeds, st.integers(1, 12))
def test_every_sheet_of_a_batch_regenerates_alone_from_its_seed(
    content: Content, kinds: tuple[str, ...], first: int, count: int
) -> None:
    assume(supported(content, kinds))
    batch = generate_batch(content, first, count, kinds)
    assert [s.seed for s in batch] == list(range(first, first + count))
    assert batch == [generate(content, s.seed, kinds) for s in batch]


@settings(max_examples=10)
@given(contents(min_scenarios=2, max_tradeoffs=3), drill_kinds(), drill_seeds)
def test_different_seeds_eventually_differ(content: Content, kinds: tuple[str, ...], seed: int) -> None:
    assume(supported(content, kinds) and kinds != ("recall",))
    base = generate(content, seed, kinds)
    assert any(generate(content, s, kinds).exercises != base.exercises for s in range(seed + 1, seed + 30))


@settings(max_examples=10)
@given(contents(max_scenarios=1, max_tradeoffs=1), drill_seeds, drill_seeds)
def test_any_two_seeds_give_different_bytes_even_on_the_smallest_content(
    content: Content, a: int, b: int
) -> None:
    assume(a != b)
    assert render_md(generate(content, a, ("recall",))) != render_md(generate(content, b, ("recall",)))


@settings(max_examples=15)
@given(contents(), drill_kinds(), drill_seeds)
def test_no_item_repeats_within_a_sheet(content: Content, kinds: tuple[str, ...], seed: int) -> None:
    assume(supported(content, kinds))
    sheet = generate(content, seed, kinds)
    exercise_kinds = [e.kind for e in sheet.exercises]
    assert len(set(exercise_kinds)) == len(exercise_kinds)
    for e in sheet.exercises:
        refs = [i.ref for i in e.items]
        assert len(set(refs)) == len(refs), e.kind
    categories = drawn_categories(sheet)
    assert len(set(categories)) == len(categories)
    scenarios = [e.scenario.id for e in sheet.exercises if e.scenario is not None]
    assert len(set(scenarios)) == len(scenarios)


@settings(max_examples=15)
@given(contents(), drill_kinds(), drill_seeds, st.integers(1, 25))
def test_batch_draws_categories_and_scenarios_within_one_of_each_other(
    content: Content, kinds: tuple[str, ...], first: int, count: int
) -> None:
    assume(supported(content, kinds))
    sheets = generate_batch(content, first, count, kinds)
    categories = Counter(c for sheet in sheets for c in drawn_categories(sheet))
    scenarios = Counter(e.scenario.id for sheet in sheets for e in sheet.exercises if e.scenario is not None)
    if categories:
        counts = [categories[c] for c in CATEGORY_IDS]
        assert max(counts) - min(counts) <= 1, categories
    if scenarios:
        counts = [scenarios[s.id] for s in content.scenarios]
        assert max(counts) - min(counts) <= 1, scenarios


@settings(max_examples=15)
@given(contents(), drill_kinds(), drill_seeds)
def test_answer_key_matches_the_sheet_and_everything_drawn_exists(
    content: Content, kinds: tuple[str, ...], seed: int
) -> None:
    assume(supported(content, kinds))
    sheet = generate(content, seed, kinds)
    for e in sheet.exercises:
        check_answers(content, e)


@settings(max_examples=10)
@given(contents(), drill_kinds(), drill_seeds)
def test_requested_kinds_are_honoured_in_sheet_order(
    content: Content, kinds: tuple[str, ...], seed: int
) -> None:
    assume(supported(content, kinds))
    sheet = generate(content, seed, kinds)
    assert [e.kind for e in sheet.exercises] == expected_kinds(kinds, seed)
    assert [e.number for e in sheet.exercises] == list(range(1, len(sheet.exercises) + 1))
    assert sheet.kinds == (
        tuple(k for k in DRILL_KINDS if k in kinds) if kinds not in ((), ("mixed",)) else ("mixed",)
    )


@settings(max_examples=10)
@given(contents(max_scenarios=2), drill_seeds)
def test_more_scenario_kinds_than_scenarios_is_a_clear_error(content: Content, seed: int) -> None:
    n = len(content.scenarios)
    kinds = SCENARIO_KINDS[: n + 1]
    with pytest.raises(SelectionError) as info:
        generate(content, seed, kinds)
    assert str(info.value) == (
        f"drill kinds {', '.join(kinds)} need {n + 1} different scenarios, but the content has only {n}; "
        "ask for fewer kinds or fix one scenario"
    )


@settings(max_examples=10)
@given(contents(max_scenarios=1), drill_seeds)
def test_a_fixed_scenario_serves_every_scenario_exercise(content: Content, seed: int) -> None:
    only = content.scenarios[0].id
    sheet = generate(content, seed, SCENARIO_KINDS, scenario=only)
    assert [e.scenario.id for e in sheet.exercises if e.scenario] == [only] * 3
    assert sheet.scenario == only


def test_unknown_scenario_names_the_known_ones(content: Content) -> None:
    with pytest.raises(SelectionError) as info:
        generate(content, 1, ["mock"], scenario="nope")
    assert str(info.value) == "unknown scenario 'nope'; known: " + ", ".join(s.id for s in content.scenarios)


def test_a_scenario_with_no_scenario_kind_is_an_error(content: Content) -> None:
    with pytest.raises(
        SelectionError,
        match="^scenario 'video-streaming' was given, but none of the drill kinds uses a scenario$",
    ):
        generate(content, 1, ["recall"], scenario="video-streaming")


@pytest.mark.parametrize(
    "kinds,message",
    [
        (["mixed", "mock"], "drill kind 'mixed' already draws on several kinds; give it alone"),
        (
            ["poems"],
            "unknown drill kind 'poems'; "
            "known: recall, questions, classify, mock, tradeoff, deep-dive, mixed",
        ),
    ],
)
def test_bad_kinds_are_errors(content: Content, kinds: list[str], message: str) -> None:
    with pytest.raises(SelectionError) as info:
        generate(content, 1, kinds)
    assert str(info.value) == message


def test_bad_seed_and_count_are_errors(content: Content) -> None:
    with pytest.raises(SelectionError, match="^the seed must be 0 or more, not -1$"):
        generate(content, -1)
    with pytest.raises(SelectionError, match="^the count must be 1 or more, not 0$"):
        batch_seeds(5, 0)


def test_repeated_and_reordered_kinds_give_one_exercise_each_in_sheet_order(content: Content) -> None:
    sheet = generate(content, 3, ["mock", "recall", "mock"])
    assert [e.kind for e in sheet.exercises] == ["recall", "mock"]


def test_generation_uses_no_global_random_and_no_clock(
    content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = generate_batch(content, 11, 6)

    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError("global random or the clock was used")

    for name in ("random", "randint", "randrange", "choice", "choices", "sample", "shuffle", "seed"):
        monkeypatch.setattr(random, name, forbidden)
    monkeypatch.setattr(time, "time", forbidden)
    monkeypatch.setattr(time, "time_ns", forbidden)
    assert generate_batch(content, 11, 6) == expected


def test_bundled_batch_of_twenty_one_deals_each_category_equally(content: Content) -> None:
    sheets = generate_batch(content, 100, 7, ["questions"])  # 7 sheets x 3 categories = 21 = 3 x 7
    counts = Counter(c for sheet in sheets for c in drawn_categories(sheet))
    assert set(counts.values()) == {3}
    assert len({tuple(sorted(drawn_categories(s))) for s in sheets}) == 7
