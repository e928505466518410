"""Rules that span fields and files: unique ids, references, the seven categories, template fit."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any, NamedTuple

import msgspec

from reqdrill.content.model import (
    CATEGORY_IDS,
    REQUIRED_PROBE_KINDS,
    Choice,
    Chosen,
    DeckFile,
    Scenario,
    TemplateField,
    field_type,
    section_type,
)
from reqdrill.content.words import stems, term_parts
from reqdrill.content.yamlsource import Parsed, Path_, format_path
from reqdrill.errors import Problem

REQUIRED_LEVELS = ("e5", "e6")


class Loaded(NamedTuple):
    """A file converted to its model, with the positions of its parse."""

    parsed: Parsed
    model: DeckFile | Scenario


class Checker:
    """Accumulates problems found by the cross-field rules."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def fail(self, parsed: Parsed, path: Path_, message: str) -> None:
        line, col = parsed.mark(path)
        self.problems.append(Problem(parsed.file, line, col, format_path(path), message))


def suggest(value: str, known: set[str]) -> str:
    """`did you mean 'x'?`, or the known ids when there are few, or how many there are."""
    close = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.6)
    if close:
        return f"did you mean {close[0]!r}?"
    if not known:
        return "none are defined"
    if len(known) <= 8:
        return "known: " + ", ".join(sorted(known))
    return f"none of the {len(known)} known ids is close"


def iter_ids(obj: Any, path: Path_) -> Iterator[tuple[str, Path_]]:
    """Every `id` inside a model struct, with its path; choice ids are scoped to their field."""
    if isinstance(obj, tuple):
        for i, item in enumerate(obj):
            yield from iter_ids(item, (*path, i))
    elif isinstance(obj, msgspec.Struct) and not isinstance(obj, Choice | TemplateField):
        for name in obj.__struct_fields__:
            value = getattr(obj, name)
            if name == "id" and isinstance(value, str):
                yield value, (*path, "id")
            else:
                yield from iter_ids(value, (*path, name))


def check_unique_ids(checker: Checker, files: list[Loaded]) -> None:
    """Ids are unique across every file of the content root."""
    first: dict[str, tuple[Parsed, Path_]] = {}
    for loaded in files:
        for item_id, path in iter_ids(loaded.model, ()):
            if item_id in first:
                where, where_path = first[item_id]
                line, col = where.mark(where_path)
                checker.fail(
                    loaded.parsed,
                    path,
                    f"duplicate id {item_id!r} (first defined at {where.file}:{line}:{col})",
                )
            else:
                first[item_id] = (loaded.parsed, path)


def check_categories(checker: Checker, parsed: Parsed, deck: DeckFile) -> None:
    """The content defines exactly the seven framework categories, in order; a question's `field`
    is a field of its category's requirements section."""
    ids = [c.id for c in deck.categories or ()]
    for i, cid in enumerate(ids):
        if cid not in CATEGORY_IDS:
            checker.fail(
                parsed,
                ("categories", i, "id"),
                f"unknown category {cid!r}; the seven are: {', '.join(CATEGORY_IDS)}",
            )
    for i, category in enumerate(deck.categories or ()):
        if category.id not in CATEGORY_IDS:
            continue
        fields = section_type(category.id).__struct_fields__
        for kind in ("templates", "e6_probes"):
            for j, question in enumerate(getattr(category, kind)):
                if question.field is not None and question.field not in fields:
                    checker.fail(
                        parsed,
                        ("categories", i, kind, j, "field"),
                        f"{category.id} has no field {question.field!r}; its fields are: {', '.join(fields)}",
                    )
    missing = [c for c in CATEGORY_IDS if c not in ids]
    if missing:
        checker.fail(parsed, ("categories",), "missing categories: " + ", ".join(missing))
    elif ids != list(CATEGORY_IDS):
        checker.fail(
            parsed, ("categories",), "categories must be in the framework's order: " + ", ".join(CATEGORY_IDS)
        )


def check_references(
    checker: Checker, parsed: Parsed, deck: DeckFile, known: dict[str, set[str] | None]
) -> None:
    """Every category, scenario and tradeoff a deck file names exists (where that is known)."""

    def ref(kind: str, value: str | None, path: Path_) -> None:
        ids = known[kind]
        if value is not None and ids is not None and value not in ids:
            checker.fail(parsed, path, f"unknown {kind} {value!r}; {suggest(value, ids)}")

    for i, t in enumerate(deck.tradeoffs or ()):
        for j, cid in enumerate(t.categories):
            ref("category", cid, ("tradeoffs", i, "categories", j))
    for i, d in enumerate(deck.drills or ()):
        ref("scenario", d.scenario, ("drills", i, "scenario"))
        for j, tid in enumerate(d.tradeoffs):
            ref("tradeoff", tid, ("drills", i, "tradeoffs", j))
        needs = {
            "questions": ["questions_per_category"],
            "tradeoff": ["scenario", "tradeoffs"],
            "deep-dive": ["scenario", "prompts"],
        }
        for key in needs.get(d.kind, []):
            if not getattr(d, key):
                checker.fail(parsed, ("drills", i), f"a {d.kind} drill needs {key!r}")
    levels = [lv.id for lv in deck.levels or ()]
    if deck.levels is not None:
        for level in REQUIRED_LEVELS:
            if level not in levels:
                checker.fail(parsed, ("levels",), f"missing level {level!r}")


def check_template(checker: Checker, parsed: Parsed, deck: DeckFile) -> None:
    """The requirements template has one section per category whose fields are scenario fields."""
    template = deck.requirements_template
    if template is None:
        return
    seen: set[str] = set()
    for i, section in enumerate(template.sections):
        path: Path_ = ("requirements_template", "sections", i)
        if section.category not in CATEGORY_IDS:
            checker.fail(parsed, (*path, "category"), f"unknown category {section.category!r}")
            continue
        if section.category in seen:
            checker.fail(parsed, (*path, "category"), f"category {section.category!r} has two sections")
        seen.add(section.category)
        struct_type = section_type(section.category)
        for j, field in enumerate(section.fields):
            fpath = (*path, "fields", j)
            if field.key not in struct_type.__struct_fields__:
                allowed = ", ".join(struct_type.__struct_fields__)
                message = f"{section.category} has no field {field.key!r}; its fields are: {allowed}"
                checker.fail(parsed, (*fpath, "key"), message)
                continue
            is_choice = field_type(struct_type, field.key) is Chosen
            if is_choice and not field.choices:
                checker.fail(parsed, fpath, f"field {field.key!r} is a check-box answer and needs 'choices'")
            if not is_choice and field.choices:
                checker.fail(
                    parsed,
                    (*fpath, "choices"),
                    f"field {field.key!r} is written in, so it takes no 'choices'",
                )
    for cid in CATEGORY_IDS:
        if cid not in seen:
            checker.fail(parsed, ("requirements_template", "sections"), f"no section for category {cid!r}")


def check_scenario(checker: Checker, parsed: Parsed, scenario: Scenario, deck: _DeckView) -> None:
    """A scenario's file name, probes, stances and check-box answers fit the rest of the content."""
    stem = parsed.file.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    if scenario.id != stem:
        checker.fail(parsed, ("id",), f"scenario id {scenario.id!r} must match its file name ({stem!r})")
    kinds = {p.kind for p in scenario.e6_probes}
    for kind in REQUIRED_PROBE_KINDS:
        if kind not in kinds:
            checker.fail(parsed, ("e6_probes",), f"needs at least one probe of kind {kind!r}")
    for i, probe in enumerate(scenario.e6_probes):
        if probe.category not in CATEGORY_IDS:
            checker.fail(parsed, ("e6_probes", i, "category"), f"unknown category {probe.category!r}")
    stances: set[str] = set()
    for i, stance in enumerate(scenario.tradeoffs):
        if stance.tradeoff in stances:
            checker.fail(parsed, ("tradeoffs", i, "tradeoff"), f"a second stance on {stance.tradeoff!r}")
        elif deck.tradeoffs is not None and stance.tradeoff not in deck.tradeoffs:
            checker.fail(parsed, ("tradeoffs", i, "tradeoff"), f"unknown tradeoff {stance.tradeoff!r}")
        stances.add(stance.tradeoff)
    for tid in deck.tradeoffs or ():
        if tid not in stances:
            checker.fail(parsed, ("tradeoffs",), f"needs a stance on tradeoff {tid!r}")
    for (cid, key), choices in deck.choices.items():
        chosen = getattr(getattr(scenario.requirements, cid), key)
        if isinstance(chosen, Chosen) and chosen.choice not in choices:
            checker.fail(
                parsed,
                ("requirements", cid, key, "choice"),
                f"{chosen.choice!r} is not a choice of this field; the template offers: {', '.join(choices)}",
            )


NONE_CATEGORY = "none"


def check_classifier(checker: Checker, parsed: Parsed, deck: DeckFile) -> None:
    """Classifier cues name a category (or `none`) once, fields of its section, and words in each
    term part; no term repeats within a category, and no example repeats anywhere."""
    vocabulary = deck.classifier
    if vocabulary is None:
        return
    seen: dict[str, int] = {}
    examples_at: dict[tuple[str, ...], Path_] = {}
    for i, cues in enumerate(vocabulary.categories):
        path: Path_ = ("classifier", "categories", i)
        if cues.category not in (*CATEGORY_IDS, NONE_CATEGORY):
            known = ", ".join((*CATEGORY_IDS, NONE_CATEGORY))
            checker.fail(
                parsed, (*path, "category"), f"unknown category {cues.category!r}; use one of: {known}"
            )
            continue
        if cues.category in seen:
            where = f"classifier.categories.{seen[cues.category]}"
            checker.fail(
                parsed, (*path, "category"), f"category {cues.category!r} already has cues at {where}"
            )
        seen.setdefault(cues.category, i)
        terms_at: dict[tuple[tuple[str, ...], ...], Path_] = {}
        for tier in ("strong", "terms", "weak"):
            _check_terms(checker, parsed, getattr(cues, tier), (*path, tier))
            for k, term in enumerate(getattr(cues, tier)):
                # Inflections already meet ("GPU" matches "GPUs"): a repeat is redundant, and a
                # repeat in another tier silently keeps the larger weight.
                first = terms_at.setdefault(term_parts(term), (*path, tier, k))
                if first != (*path, tier, k):
                    message = f"{term!r} matches the same words as the term at {format_path(first)}"
                    checker.fail(parsed, (*path, tier, k), message)
        for k, text in enumerate(cues.examples):
            first = examples_at.setdefault(stems(text), (*path, "examples", k))
            if first != (*path, "examples", k):
                message = f"the same question as the example at {format_path(first)}; list it once"
                checker.fail(parsed, (*path, "examples", k), message)
        if cues.fields and cues.category == NONE_CATEGORY:
            checker.fail(parsed, (*path, "fields"), "the 'none' category has no fields")
            continue
        struct_type = section_type(cues.category) if cues.category != NONE_CATEGORY else None
        for j, field in enumerate(cues.fields):
            if struct_type is not None and field.field not in struct_type.__struct_fields__:
                allowed = ", ".join(struct_type.__struct_fields__)
                message = f"{cues.category} has no field {field.field!r}; its fields are: {allowed}"
                checker.fail(parsed, (*path, "fields", j, "field"), message)
            _check_terms(checker, parsed, field.terms, (*path, "fields", j, "terms"))
    for i, signal in enumerate(vocabulary.signals):
        _check_terms(checker, parsed, signal.terms, ("classifier", "signals", i, "terms"))


def _check_terms(checker: Checker, parsed: Parsed, terms: tuple[str, ...], path: Path_) -> None:
    for i, term in enumerate(terms):
        if any(not part for part in term_parts(term)):
            checker.fail(
                parsed,
                (*path, i),
                f"{term!r} has a part with no words; write 'a + b' with words on both sides",
            )


class _DeckView(NamedTuple):
    """What scenario checks need from the deck files."""

    tradeoffs: tuple[str, ...] | None
    choices: dict[tuple[str, str], tuple[str, ...]]


def deck_view(decks: list[DeckFile]) -> _DeckView:
    """Collect tradeoff ids and template choices from the deck files."""
    tradeoffs = next((tuple(t.id for t in d.tradeoffs) for d in decks if d.tradeoffs), None)
    choices: dict[tuple[str, str], tuple[str, ...]] = {}
    for d in decks:
        for section in d.requirements_template.sections if d.requirements_template else ():
            for field in section.fields:
                if field.choices:
                    choices[(section.category, field.key)] = tuple(c.id for c in field.choices)
    return _DeckView(tradeoffs, choices)
