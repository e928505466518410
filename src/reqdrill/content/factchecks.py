"""Rules for the interviewer's fact-retrieval section: fields and tradeoffs that exist, frames
that fill in `{value}`, each synonym in one group only, and example questions (`asks`) for intents
that exist, each intent and question listed once."""

from __future__ import annotations

import string
from typing import get_args

from reqdrill.content.checks import Checker, suggest
from reqdrill.content.model import (
    CATEGORY_IDS,
    OUT_OF_SCOPE,
    PRODUCT_TAG,
    DeckFile,
    Interviewer,
    ProbeKind,
    section_type,
)
from reqdrill.content.words import stems
from reqdrill.content.yamlsource import Parsed, Path_, format_path


def check_interviewer(checker: Checker, parsed: Parsed, deck: DeckFile, tradeoffs: set[str] | None) -> None:
    """Check the `interviewer` section of one deck file; `tradeoffs` are the known ids (None: unknown)."""
    section = deck.interviewer
    if section is None:
        return
    root: Path_ = ("interviewer",)
    seen_fields: dict[str, Path_] = {}
    for i, cues in enumerate(section.fields):
        path = (*root, "fields", i)
        _check_field(checker, parsed, cues.field, (*path, "field"))
        _once(checker, parsed, seen_fields, cues.field, (*path, "field"), "field")
        if cues.say is not None:
            _check_frame(checker, parsed, cues.say, (*path, "say"))
        _check_phrases(checker, parsed, cues.terms, (*path, "terms"))
    seen_tradeoffs: dict[str, Path_] = {}
    for i, stance in enumerate(section.tradeoffs):
        path = (*root, "tradeoffs", i, "tradeoff")
        if tradeoffs is not None and stance.tradeoff not in tradeoffs:
            checker.fail(
                parsed, path, f"unknown tradeoff {stance.tradeoff!r}; {suggest(stance.tradeoff, tradeoffs)}"
            )
        _once(checker, parsed, seen_tradeoffs, stance.tradeoff, path, "tradeoff")
        _check_phrases(checker, parsed, stance.terms, (*root, "tradeoffs", i, "terms"))
    seen_kinds: dict[str, Path_] = {}
    for i, probe in enumerate(section.probes):
        _once(checker, parsed, seen_kinds, probe.kind, (*root, "probes", i, "kind"), "probe kind")
        _check_phrases(checker, parsed, probe.terms, (*root, "probes", i, "terms"))
    _check_phrases(checker, parsed, section.stopwords, (*root, "stopwords"))
    _check_phrases(checker, parsed, section.assumptions, (*root, "assumptions"))
    _check_phrases(checker, parsed, section.generic, (*root, "generic"))
    for key in ("related", "kinds"):
        for i, group in enumerate(getattr(section, key)):
            _check_phrases(checker, parsed, group, (*root, key, i))
            seen: dict[tuple[str, ...], Path_] = {}
            for j, phrase in enumerate(group):
                here = (*root, key, i, j)
                first = seen.setdefault(stems(phrase), here)
                if first != here:
                    message = f"{phrase!r} matches the same words as {format_path(first)}; list it once"
                    checker.fail(parsed, here, message)
    _check_asks(checker, parsed, section, tradeoffs)
    grouped: dict[tuple[str, ...], Path_] = {}
    for i, group in enumerate(section.synonyms):
        _check_phrases(checker, parsed, group, (*root, "synonyms", i))
        for j, phrase in enumerate(group):
            here = (*root, "synonyms", i, j)
            first = grouped.setdefault(stems(phrase), here)
            if first == here:
                continue
            if first[:-1] == here[:-1]:
                message = f"{phrase!r} matches the same words as {format_path(first)}; list it once"
            else:
                message = f"{phrase!r} is already a synonym at {format_path(first)}; a phrase is in one group"
            checker.fail(parsed, here, message)


def _check_field(checker: Checker, parsed: Parsed, ref: str, path: Path_) -> None:
    category, _, key = ref.partition(".")
    if category not in CATEGORY_IDS:
        checker.fail(parsed, path, f"unknown category {category!r}; the seven are: {', '.join(CATEGORY_IDS)}")
        return
    fields = section_type(category).__struct_fields__
    if key not in fields:
        checker.fail(parsed, path, f"{category} has no field {key!r}; its fields are: {', '.join(fields)}")


def _once(
    checker: Checker, parsed: Parsed, seen: dict[str, Path_], value: str, path: Path_, what: str
) -> None:
    first = seen.setdefault(value, path)
    if first != path:
        checker.fail(parsed, path, f"{what} {value!r} already has cues at {format_path(first[:-1])}")


def _check_frame(checker: Checker, parsed: Parsed, frame: str, path: Path_) -> None:
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(frame) if name is not None]
    except ValueError as exc:
        checker.fail(parsed, path, f"{frame!r} is not a sentence frame: {exc}; write '{{{{' for a brace")
        return
    others = sorted({n for n in names if n != "value"})
    if others:
        unknown = ", ".join("{" + n + "}" for n in others)
        checker.fail(parsed, path, f"unknown placeholder {unknown}; only {{value}} is filled in")
    elif "value" not in names:
        checker.fail(parsed, path, f"{frame!r} needs {{value}} where the scenario's value goes")


def _check_phrases(checker: Checker, parsed: Parsed, phrases: tuple[str, ...], path: Path_) -> None:
    for i, phrase in enumerate(phrases):
        if " + " in phrase:
            message = f"{phrase!r}: 'a + b' means nothing here; list the words as separate phrases"
            checker.fail(parsed, (*path, i), message)


def _check_asks(checker: Checker, parsed: Parsed, section: Interviewer, tradeoffs: set[str] | None) -> None:
    """Each intent exists and is listed once; each question is tagged well and listed once."""
    seen_intents: dict[str, Path_] = {}
    seen_questions: dict[tuple[str, ...], Path_] = {}
    for i, asks in enumerate(section.asks):
        path: Path_ = ("interviewer", "asks", i)
        _check_intent(checker, parsed, asks.intent, (*path, "intent"), tradeoffs)
        first_intent = seen_intents.setdefault(asks.intent, (*path, "intent"))
        if first_intent != (*path, "intent"):
            message = (
                f"intent {asks.intent!r} is already listed at {format_path(first_intent[:-1])}; merge them"
            )
            checker.fail(parsed, (*path, "intent"), message)
        for j, (question, (_, text)) in enumerate(zip(asks.questions, asks.tagged(), strict=True)):
            here = (*path, "questions", j)
            if question.startswith("[") and not PRODUCT_TAG.match(question):
                message = (
                    f"{question!r}: a product tag is an id in brackets before the question, "
                    "e.g. '[music] How many songs are there?'"
                )
                checker.fail(parsed, here, message)
                continue
            first = seen_questions.setdefault(stems(text), here)
            if first != here:
                checker.fail(parsed, here, f"the same question as {format_path(first)}; list it once")


def _check_intent(
    checker: Checker, parsed: Parsed, intent: str, path: Path_, tradeoffs: set[str] | None
) -> None:
    kind, _, name = intent.partition(".")
    if intent == OUT_OF_SCOPE:
        return
    if kind == "tradeoff":
        if tradeoffs is not None and name not in tradeoffs:
            checker.fail(parsed, path, f"unknown tradeoff {name!r}; {suggest(name, tradeoffs)}")
    elif kind == "probe":
        kinds = get_args(ProbeKind)
        if name not in kinds:
            checker.fail(parsed, path, f"unknown probe kind {name!r}; the kinds are: {', '.join(kinds)}")
    elif kind in CATEGORY_IDS:
        _check_field(checker, parsed, intent, path)
    else:
        message = (
            f"unknown intent {intent!r}; an intent is a field ('category.field'), 'tradeoff.<id>', "
            f"'probe.<kind>' or '{OUT_OF_SCOPE}'"
        )
        checker.fail(parsed, path, message)
