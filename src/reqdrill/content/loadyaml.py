"""Parse and validate a content root: YAML files → one validated, frozen Content, or every error at once."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from reqdrill.content.checks import (
    Checker,
    Loaded,
    check_categories,
    check_classifier,
    check_references,
    check_scenario,
    check_template,
    check_unique_ids,
    deck_view,
)
from reqdrill.content.convert import to_model
from reqdrill.content.factchecks import check_interviewer
from reqdrill.content.model import DECK_SECTIONS, REQUIRED_DECK_SECTIONS, Content, DeckFile, Scenario
from reqdrill.content.paths import DECKS_DIR, SCENARIOS_DIR, yaml_files
from reqdrill.content.yamlsource import Parsed, decode, parse
from reqdrill.errors import ContentError, Problem

M = TypeVar("M", DeckFile, Scenario)


def read_file(path: Path, display: str, model: type[M], what: str) -> tuple[Parsed, M]:
    """Read, parse and convert one content file; raise ContentError on any problem in it.

    The first pass records no positions (they cost memory per node and valid files never need
    them); any problem sends the file through a second pass that locates every error.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ContentError([Problem(display, 1, 1, "(root)", f"cannot read file: {exc.strerror}")]) from None
    text = decode(data, display)
    try:
        parsed = parse(text, display, positions=False)
        item = to_model(parsed, model, what)
    except ContentError:
        located = parse(text, display)
        return located, to_model(located, model, what)
    parsed.data = None  # the model holds it now
    parsed.reload = lambda: decode(path.read_bytes(), display)
    return parsed, item


def load_yaml_content(root: Path) -> Content:
    """Parse and validate every file under a content root's decks/ and scenarios/."""
    problems: list[Problem] = []
    decks = _read_all(root, DECKS_DIR, DeckFile, "deck sections", problems)
    scenarios = _read_all(root, SCENARIOS_DIR, Scenario, "scenario fields", problems)
    decks_complete = not problems
    checker = Checker()
    sections = _deck_sections(checker, decks, root, report_missing=decks_complete)
    view = deck_view([d.model for d in decks if isinstance(d.model, DeckFile)])
    # A section lost to a broken file is unknown, not empty: skip references to it, don't cascade.
    known: dict[str, set[str] | None] = {
        "category": {c.id for c in sections["categories"]} if "categories" in sections else None,
        "tradeoff": set(view.tradeoffs) if view.tradeoffs is not None else None,
        # File stems, not parsed ids: a scenario with a broken field still exists for references.
        "scenario": {p.stem for p in yaml_files(root / SCENARIOS_DIR)},
    }
    for loaded in decks:
        deck = loaded.model
        assert isinstance(deck, DeckFile)
        if deck.categories is not None:
            check_categories(checker, loaded.parsed, deck)
        check_references(checker, loaded.parsed, deck, known)
        check_template(checker, loaded.parsed, deck)
        check_classifier(checker, loaded.parsed, deck)
        check_interviewer(checker, loaded.parsed, deck, known["tradeoff"])
    for loaded in scenarios:
        assert isinstance(loaded.model, Scenario)
        check_scenario(checker, loaded.parsed, loaded.model, view)
    check_unique_ids(checker, decks + scenarios)
    problems.extend(checker.problems)
    if problems:
        raise ContentError(problems)
    ordered = sorted((s.model for s in scenarios if isinstance(s.model, Scenario)), key=_scenario_order)
    return Content(scenarios=tuple(ordered), **sections)


def _read_all(root: Path, sub: str, model: type[M], what: str, problems: list[Problem]) -> list[Loaded]:
    """Read every YAML file of one content directory, adding each file's problems to `problems`."""
    directory = root / sub
    files = yaml_files(directory)
    if not files:
        reason = "has no YAML files" if directory.is_dir() else "does not exist"
        problems.append(Problem(str(directory), 1, 1, "(root)", f"{sub}/ {reason}; is this a content root?"))
    loaded = []
    for path in files:
        try:
            parsed, item = read_file(path, str(path), model, what)
        except ContentError as exc:
            problems.extend(exc.problems)
            continue
        loaded.append(Loaded(parsed, item))
    return loaded


def _scenario_order(scenario: Scenario) -> tuple[bool, int, str]:
    return scenario.order is None, scenario.order or 0, scenario.id


def _deck_sections(
    checker: Checker, decks: list[Loaded], root: Path, *, report_missing: bool
) -> dict[str, Any]:
    """Merge the deck files' top-level sections; each must be defined exactly once."""
    sections: dict[str, Any] = {}
    owner: dict[str, Parsed] = {}
    for loaded in decks:
        for name in DECK_SECTIONS:
            value = getattr(loaded.model, name)
            if value is None:
                continue
            if name in sections:
                checker.fail(loaded.parsed, (name,), f"{name!r} is already defined in {owner[name].file}")
                continue
            sections[name] = value
            owner[name] = loaded.parsed
    if decks and report_missing:
        for name in REQUIRED_DECK_SECTIONS:
            if name not in sections:
                where = str(root / DECKS_DIR)
                checker.problems.append(Problem(where, 1, 1, "(root)", f"no deck file defines {name!r}"))
    return sections
