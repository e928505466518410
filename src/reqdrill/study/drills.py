"""Content + seed → DrillSheet: the one object the Markdown, JSON and PDF drill renderers share.

Pure: every random choice comes from `random.Random(seed)`; there is no clock and no I/O here.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TypeVar

import msgspec

from reqdrill.content.model import Content, Scenario
from reqdrill.errors import SelectionError
from reqdrill.study.drillsheet import DrillSheet
from reqdrill.study.exercises import BUILDERS, Builder, Catalog, Draw

KINDS: tuple[str, ...] = ("recall", "questions", "classify", "mock", "tradeoff", "deep-dive")
"""Exercise kinds, in the order they appear on a sheet (warm-up first)."""
MIXED = "mixed"
SCENARIO_KINDS: tuple[str, ...] = ("mock", "tradeoff", "deep-dive")
T = TypeVar("T")

# How many categories each category-drawing exercise takes. Together they never exceed the seven
# categories, so one sheet never draws a category twice.
QUESTION_CATEGORIES = 3
CLASSIFY_QUESTIONS = 6
CLASSIFY_WITH_QUESTIONS = 4
MIXED_QUESTION_CATEGORIES = 2
MIXED_CLASSIFY_QUESTIONS = 4


class Plan(msgspec.Struct, frozen=True):
    """What one sheet draws: exercise kinds, and how many categories each category exercise takes."""

    kinds: tuple[str, ...]
    question_categories: int
    classify_questions: int

    @property
    def category_draws(self) -> int:
        """Categories drawn per sheet, all distinct."""
        return self.question_categories + self.classify_questions

    @property
    def scenario_draws(self) -> int:
        """Scenarios drawn per sheet, all distinct unless one is fixed."""
        return sum(k in SCENARIO_KINDS for k in self.kinds)


def normalize_kinds(kinds: Sequence[str]) -> tuple[str, ...]:
    """The requested kinds without repeats, in sheet order; `mixed` when none are given."""
    if not kinds:
        return (MIXED,)
    unknown = [k for k in kinds if k not in KINDS and k != MIXED]
    if unknown:
        raise SelectionError(f"unknown drill kind {unknown[0]!r}; known: {', '.join((*KINDS, MIXED))}")
    if MIXED in kinds:
        if set(kinds) != {MIXED}:
            raise SelectionError("drill kind 'mixed' already draws on several kinds; give it alone")
        return (MIXED,)
    return tuple(k for k in KINDS if k in kinds)


def plan(kinds: tuple[str, ...], seed: int) -> Plan:
    """Expand normalized kinds into a plan; `mixed` rotates its scenario exercise with the seed."""
    if kinds == (MIXED,):
        scenario_kind = SCENARIO_KINDS[seed % len(SCENARIO_KINDS)]
        chosen = ("recall", "questions", "classify", scenario_kind)
        return Plan(chosen, MIXED_QUESTION_CATEGORIES, MIXED_CLASSIFY_QUESTIONS)
    questions = QUESTION_CATEGORIES if "questions" in kinds else 0
    classify = 0
    if "classify" in kinds:
        classify = CLASSIFY_WITH_QUESTIONS if questions else CLASSIFY_QUESTIONS
    return Plan(kinds, questions, classify)


def window(seq: Sequence[T], start: int, size: int) -> list[T]:
    """`size` consecutive elements of `seq` read as a cycle, from position `start`."""
    n = len(seq)
    if size <= n:  # at most one wrap: two slices
        start %= n
        head = list(seq[start : start + size])
        return head + list(seq[: size - len(head)]) if len(head) < size else head
    return [seq[(start + i) % n] for i in range(size)]


class Lean(msgspec.Struct, frozen=True):
    """How an adaptive sheet leans, worked out from the practice history by its caller.

    `categories`: categories every sheet draws first (weakest first), into its question-generation
    exercise where it has one; the rest of the draw stays the balanced deal. `scenarios`: scenario
    ids in order of priority (most overdue first); the sheet with seed `first_seed` takes the first
    ones, the next seed the next ones. Without a Lean a sheet is drawn exactly as before.
    """

    categories: tuple[str, ...] = ()
    scenarios: tuple[str, ...] = ()
    first_seed: int = 0


def generate(
    content: Content,
    seed: int,
    kinds: Sequence[str] = (),
    scenario: str | None = None,
    lean: Lean | None = None,
) -> DrillSheet:
    """Draw one drill sheet. The same content, seed, kinds and scenario always give the same sheet.

    Balance across a batch: categories and scenarios are dealt from cycles in content order, and a
    sheet's seed picks its place in each cycle (seed × draws per sheet). Consecutive seeds therefore
    take consecutive, non-overlapping runs, so any batch of consecutive seeds (what `generate_batch`
    makes) draws every category within ±1 of every other, and likewise scenarios. The rng then
    shuffles what each sheet drew and picks everything else. A `lean` changes the deal (see Lean).
    """
    return draw_sheet(Catalog(content), seed, normalize_kinds(kinds), scenario, lean)


class Deal(msgspec.Struct, frozen=True):
    """What every sheet of a batch with the same plan shares: the plan and its checked scenarios."""

    plan: Plan
    scenario_kinds: tuple[str, ...]
    category_draws: int
    fixed: tuple[Scenario, ...] | None  # the fixed scenario, once per scenario exercise
    builders: tuple[tuple[int, Builder], ...]  # each exercise's number and builder, in sheet order


def deal(cat: Catalog, seed: int, normalized: tuple[str, ...], scenario: str | None) -> Deal:
    """The plan for a sheet's seed, its scenario kinds, and the fixed scenarios; raises if unmet."""
    p = plan(normalized, seed)
    fixed = check_scenarios(cat.content, p, scenario)
    kinds = tuple(k for k in p.kinds if k in SCENARIO_KINDS)
    builders = tuple((number, BUILDERS[kind]) for number, kind in enumerate(p.kinds, 1))
    return Deal(p, kinds, p.category_draws, None if fixed is None else tuple(fixed), builders)


def draw_sheet(
    cat: Catalog, seed: int, normalized: tuple[str, ...], scenario: str | None, lean: Lean | None = None
) -> DrillSheet:
    """`generate` with normalized kinds, reusing a catalog's prepared parts."""
    if seed < 0:
        raise SelectionError(f"the seed must be 0 or more, not {seed}")
    # The plan depends on the seed only through `mixed`'s rotation of scenario kinds.
    key = ("deal", scenario, seed % len(SCENARIO_KINDS), normalized)
    d = cat.part(key, deal, cat, seed, normalized, scenario)
    need = len(d.scenario_kinds)
    split = d.plan.question_categories
    if lean is not None:
        return _leaning(cat, seed, normalized, scenario, d, lean)
    scenarios = list(d.fixed) if d.fixed is not None else window(cat.content.scenarios, seed * need, need)
    rng = random.Random(seed)
    categories = window(cat.category_cycle, seed * d.category_draws, d.category_draws)
    rng.shuffle(categories)
    if len(scenarios) > 1:  # shuffling fewer draws nothing from the rng: the same sheets, one call less
        rng.shuffle(scenarios)
    draw = Draw(
        rng=rng,
        question_categories=tuple(categories[:split]),
        classify_categories=tuple(categories[split:]),
        scenarios=dict(zip(d.scenario_kinds, scenarios, strict=True)),
    )
    exercises = tuple([build(cat, draw, number) for number, build in d.builders])
    return DrillSheet(seed=seed, kinds=normalized, scenario=scenario, exercises=exercises)


def _leaning(
    cat: Catalog, seed: int, normalized: tuple[str, ...], scenario: str | None, d: Deal, lean: Lean
) -> DrillSheet:
    """`draw_sheet` leaning toward some categories and scenarios (see Lean)."""
    need, draws, split = len(d.scenario_kinds), d.category_draws, d.plan.question_categories
    rng = random.Random(seed)
    # The focus takes at most all but one question slot, so every sheet still deals one category.
    room = max(1, split - 1) if split else draws
    focus = [c for c in dict.fromkeys(lean.categories) if c in cat.categories][: min(room, draws)]
    window_ = window(cat.category_cycle, seed * draws, draws + len(focus))
    dealt = list(dict.fromkeys(c for c in window_ if c not in focus))[: draws - len(focus)]
    first = focus[:split]
    asked = first + dealt[: split - len(first)]
    sorted_ = focus[split:] + dealt[split - len(first) :]
    rng.shuffle(asked)
    rng.shuffle(sorted_)
    if d.fixed is not None:
        scenarios = list(d.fixed)
    else:
        known = {s.id: s for s in cat.content.scenarios}
        order = [known[s] for s in dict.fromkeys(lean.scenarios) if s in known]
        order += [s for s in cat.content.scenarios if s not in order]
        scenarios = window(order, (seed - lean.first_seed) * need, need) if need else []
    draw = Draw(
        rng=rng,
        question_categories=tuple(asked),
        classify_categories=tuple(sorted_),
        scenarios=dict(zip(d.scenario_kinds, scenarios, strict=True)),
    )
    exercises = tuple([build(cat, draw, number) for number, build in d.builders])
    return DrillSheet(seed=seed, kinds=normalized, scenario=scenario, exercises=exercises)


def check_scenarios(content: Content, p: Plan, fixed: str | None) -> list[Scenario] | None:
    """The fixed scenario once per scenario exercise (None when none is fixed); raises if unmet."""
    if fixed is not None:
        known = [s.id for s in content.scenarios]
        if fixed not in known:
            raise SelectionError(f"unknown scenario {fixed!r}; known: {', '.join(known)}")
        if not p.scenario_draws:
            raise SelectionError(f"scenario {fixed!r} was given, but none of the drill kinds uses a scenario")
        return [content.scenario(fixed)] * p.scenario_draws
    n, need = len(content.scenarios), p.scenario_draws
    if need > n:
        kinds = ", ".join(k for k in p.kinds if k in SCENARIO_KINDS)
        raise SelectionError(
            f"drill kinds {kinds} need {need} different scenarios, but the content has only {n}; "
            "ask for fewer kinds or fix one scenario"
        )
    return None


def draw_scenarios(content: Content, p: Plan, seed: int, fixed: str | None) -> list[Scenario]:
    """The scenarios for a sheet's scenario exercises: the fixed one for all, or distinct ones."""
    chosen = check_scenarios(content, p, fixed)
    if chosen is not None:
        return chosen
    return window(content.scenarios, seed * p.scenario_draws, p.scenario_draws)


def batch_seeds(first: int, count: int) -> list[int]:
    """The seeds of a batch: the first seed, then each next integer (first, first+1, …)."""
    if count < 1:
        raise SelectionError(f"the count must be 1 or more, not {count}")
    return list(range(first, first + count))


def generate_batch(
    content: Content,
    first_seed: int,
    count: int,
    kinds: Sequence[str] = (),
    scenario: str | None = None,
    lean: Lean | None = None,
) -> list[DrillSheet]:
    """Draw `count` sheets with consecutive seeds; each one also regenerates alone from its seed
    (given the same `lean`, for adaptive sheets)."""
    cat, normalized = Catalog(content), normalize_kinds(kinds)
    return [draw_sheet(cat, seed, normalized, scenario, lean) for seed in batch_seeds(first_seed, count)]
