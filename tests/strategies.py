"""Hypothesis strategies that build valid content models. Every property test draws from here."""

from __future__ import annotations

import string
import types
import typing
from typing import Any

from hypothesis import strategies as st
from msgspec import Struct
from msgspec.structs import replace

from reqdrill.content.model import (
    CATEGORY_IDS,
    REQUIRED_PROBE_KINDS,
    Asks,
    Category,
    CategoryCues,
    Choice,
    Chosen,
    Content,
    Diagram,
    Drill,
    Expectation,
    FactCues,
    FieldCues,
    Interviewer,
    Level,
    Probe,
    ProbeCues,
    Prompt,
    Question,
    Requirements,
    RequirementsTemplate,
    Scenario,
    SignalCues,
    Stance,
    StanceCues,
    TemplateField,
    TemplateSection,
    Tradeoff,
    Vocabulary,
    field_type,
    section_type,
)
from reqdrill.content.words import stems, term_parts

HOSTILE = [
    "<script>alert(1)</script>",
    "<b>bold</b> & <i>",
    "&amp; &lt; &#x27;",
    "{{c1::x}}",
    "{{Front}}",
    '<font color="red">x</font>',
    "<para>y</para>",
    "map<int, int>",
    "≤ ≥ – — “ ” é →",
    "مرحبا بالعالم",  # right-to-left
    "שלום עולם",
    "日本語のテキスト",
    "Ünïcödé ñ ß",
]

# Printable text only: YAML cannot hold control characters, and authors do not write them.
_chars = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp"))
plain_text = st.text(_chars, min_size=1, max_size=40).filter(lambda s: s.strip() == s and s.strip() != "")
texts = st.one_of(st.sampled_from(HOSTILE), plain_text)
slugs = st.from_regex(r"\A[a-z0-9][a-z0-9_-]{0,14}\Z")


class _Ids:
    """Hands out ids unique across one content draw."""

    def __init__(self, draw: Any) -> None:
        self.draw = draw
        self.used: set[str] = set(CATEGORY_IDS) | {"e5", "e6"}

    def __call__(self) -> str:
        base = self.draw(slugs)
        candidate, n = base, 1
        while candidate in self.used:
            n += 1
            candidate = f"{base}-{n}"
        self.used.add(candidate)
        return candidate


def _questions(
    draw: Any, ids: _Ids, category: str, min_size: int = 1, max_size: int = 3
) -> tuple[Question, ...]:
    n = draw(st.integers(min_size, max_size))
    fields = st.none() | st.sampled_from(section_type(category).__struct_fields__)
    return tuple(
        Question(id=ids(), text=draw(texts), why=draw(st.none() | texts), field=draw(fields))
        for _ in range(n)
    )


def _template(draw: Any) -> RequirementsTemplate:
    sections = []
    for cid in CATEGORY_IDS:
        struct = section_type(cid)
        fields = []
        for key in struct.__struct_fields__:
            choices: tuple[Choice, ...] = ()
            if field_type(struct, key) is Chosen:
                ids = draw(st.lists(slugs, min_size=1, max_size=3, unique=True))
                choices = tuple(Choice(id=i, label=draw(texts)) for i in ids)
            fields.append(TemplateField(key=key, label=draw(texts), choices=choices))
        sections.append(TemplateSection(category=cid, title=draw(texts), fields=tuple(fields)))
    header = (TemplateField(key="system", label=draw(texts)),)
    return RequirementsTemplate(title=draw(texts), header=header, sections=tuple(sections))


def _requirements(draw: Any, template: RequirementsTemplate) -> Requirements:
    choices = {(s.category, f.key): [c.id for c in f.choices] for s in template.sections for f in s.fields}
    sections = {}
    for cid in CATEGORY_IDS:
        struct = section_type(cid)
        values: dict[str, Any] = {}
        for key in struct.__struct_fields__:
            kind = field_type(struct, key)
            if kind is Chosen:
                values[key] = Chosen(choice=draw(st.sampled_from(choices[(cid, key)])), detail=draw(texts))
            elif typing.get_origin(kind) is tuple:
                values[key] = tuple(draw(st.lists(texts, min_size=1, max_size=3)))
            else:
                values[key] = draw(texts)
        sections[cid] = struct(**values)
    return Requirements(**sections)


def _scenario(
    draw: Any, ids: _Ids, template: RequirementsTemplate, tradeoffs: tuple[Tradeoff, ...]
) -> Scenario:
    kinds = list(REQUIRED_PROBE_KINDS) + draw(
        st.lists(st.sampled_from(["scale", "ambiguity", "constraints"]), max_size=2)
    )
    probes = tuple(
        Probe(
            id=ids(),
            kind=k,
            category=draw(st.sampled_from(CATEGORY_IDS)),
            question=draw(texts),
            answer=draw(texts),
        )
        for k in kinds
    )
    stances = tuple(
        Stance(tradeoff=t.id, favors=draw(st.sampled_from(["a", "b"])), why=draw(texts)) for t in tradeoffs
    )
    return Scenario(
        id=ids(),
        name=draw(texts),
        prompt=draw(texts),
        requirements=_requirements(draw, template),
        e6_probes=probes,
        tradeoffs=stances,
        order=draw(st.none() | st.integers(1, 20)),
    )


def _drills(
    draw: Any, ids: _Ids, scenarios: list[Scenario], tradeoffs: tuple[Tradeoff, ...]
) -> tuple[Drill, ...]:
    drills = []
    kinds = draw(
        st.lists(
            st.sampled_from(["recall", "questions", "mock", "tradeoff", "deep-dive"]),
            min_size=1,
            max_size=5,
            unique=True,
        )
    )
    for number, kind in enumerate(kinds, 1):
        extra: dict[str, Any] = {}
        if kind == "questions":
            extra["questions_per_category"] = draw(st.integers(1, 4))
        if kind in ("tradeoff", "deep-dive"):
            extra["scenario"] = draw(st.sampled_from(scenarios)).id
        if kind == "tradeoff":
            extra["tradeoffs"] = tuple(
                draw(st.lists(st.sampled_from([t.id for t in tradeoffs]), min_size=1, unique=True))
            )
        if kind == "deep-dive" or draw(st.booleans()):
            extra["prompts"] = tuple(
                Prompt(id=ids(), text=draw(texts)) for _ in range(draw(st.integers(1, 3)))
            )
        drills.append(
            Drill(
                id=ids(),
                number=number,
                name=draw(texts),
                kind=kind,
                instructions=draw(texts),
                time_limit_seconds=draw(st.none() | st.integers(1, 600)),
                **extra,
            )
        )
    return tuple(drills)


@st.composite
def contents(draw: Any, min_scenarios: int = 1, max_scenarios: int = 4, max_tradeoffs: int = 3) -> Content:
    """Any valid content, down to the smallest: one scenario, one tradeoff."""
    ids = _Ids(draw)
    categories = tuple(
        Category(
            id=cid,
            name=draw(texts),
            short_name=draw(texts),
            summary=draw(texts),
            example_questions=draw(texts),
            why_it_matters=draw(texts),
            color=draw(st.from_regex(r"\A#[0-9A-F]{6}\Z")),
            templates=_questions(draw, ids, cid),
            e6_probes=_questions(draw, ids, cid, max_size=2),
            source_name=draw(st.none() | texts),
        )
        for cid in CATEGORY_IDS
    )
    tradeoffs = tuple(
        Tradeoff(
            id=ids(),
            name=draw(texts),
            option_a=draw(texts),
            option_b=draw(texts),
            favor_a=draw(texts),
            favor_b=draw(texts),
            e5_signal=draw(texts),
            e6_signal=draw(texts),
            categories=tuple(
                draw(st.lists(st.sampled_from(CATEGORY_IDS), min_size=1, max_size=2, unique=True))
            ),
        )
        for _ in range(draw(st.integers(1, max_tradeoffs)))
    )
    levels = tuple(
        Level(
            id=level,
            name=draw(texts),
            summary=draw(texts),
            expectations=tuple(
                Expectation(id=ids(), text=draw(texts), example=draw(st.none() | texts)) for _ in range(2)
            ),
        )
        for level in ("e5", "e6")
    )
    template = _template(draw)
    n = draw(st.integers(min_scenarios, max_scenarios))
    scenarios = [_scenario(draw, ids, template, tradeoffs) for _ in range(n)]
    scenarios.sort(key=lambda s: (s.order is None, s.order or 0, s.id))
    return Content(
        key_instruction=draw(texts),
        diagram=Diagram(title=draw(texts), center=draw(texts)),
        categories=categories,
        tradeoffs=tradeoffs,
        levels=levels,
        drills=_drills(draw, ids, scenarios, tradeoffs),
        requirements_template=template,
        scenarios=tuple(scenarios),
        classifier=draw(st.none() | vocabularies()),
        interviewer=draw(st.none() | interviewers(tuple(t.id for t in tradeoffs))),
    )


# ---------------------------------------------------------------- the classifier vocabulary and questions

# Words the interviewer should know, mixed with noise, to build questions that hit and miss cues.
QUESTION_WORDS = [
    "how",
    "many",
    "daily",
    "active",
    "users",
    "peak",
    "QPS",
    "latency",
    "p99",
    "GDPR",
    "bias",
    "labels",
    "retrain",
    "GPU",
    "on-device",
    "north",
    "star",
    "metric",
    "like",
    "share",
    "dislike",
    "data",
    "sources",
    "goes",
    "down",
    "fallback",
    "weather",
    "whiteboard",
    "the",
    "what",
    "is",
    "growth",
    "privacy",
]
terms = (
    st.lists(st.sampled_from(QUESTION_WORDS) | texts, min_size=1, max_size=3)
    .map(" ".join)
    .filter(lambda t: all(stems(part) for part in t.split(" + ")))
)
questions = st.lists(st.sampled_from(QUESTION_WORDS) | plain_text, min_size=0, max_size=8).map(" ".join)
# Typed text: mostly ASCII letters, digits and punctuation (underscores too), sometimes any character.
typed_text = st.text(st.sampled_from(string.printable) | _chars, max_size=60)


@st.composite
def vocabularies(draw: Any) -> Vocabulary:
    """A classifier vocabulary: cues for some categories (maybe `none`), fields and signals."""
    labels = draw(st.lists(st.sampled_from([*CATEGORY_IDS, "none"]), max_size=4, unique=True))
    categories = []
    seen_examples: set[tuple[str, ...]] = set()  # an example may be listed once in all
    for label in labels:
        fields: tuple[FieldCues, ...] = ()
        # A term may appear once per category, in one tier.
        cue_terms = draw(st.lists(terms, max_size=6, unique_by=term_parts))
        cut = sorted(draw(st.lists(st.integers(0, len(cue_terms)), min_size=2, max_size=2)))
        examples = [
            e for e in draw(st.lists(texts, max_size=2, unique_by=stems)) if stems(e) not in seen_examples
        ]
        seen_examples.update(map(stems, examples))
        if label != "none":
            keys = draw(
                st.lists(st.sampled_from(section_type(label).__struct_fields__), max_size=2, unique=True)
            )
            fields = tuple(
                FieldCues(field=k, terms=tuple(draw(st.lists(terms, min_size=1, max_size=2)))) for k in keys
            )
        categories.append(
            CategoryCues(
                category=label,
                strong=tuple(cue_terms[: cut[0]]),
                terms=tuple(cue_terms[cut[0] : cut[1]]),
                weak=tuple(cue_terms[cut[1] :]),
                fields=fields,
                examples=tuple(examples),
            )
        )
    signals = draw(
        st.lists(
            st.sampled_from(["numbers", "failure_tolerance", "iteration_cadence"]), max_size=2, unique=True
        )
    )
    return Vocabulary(
        stopwords=tuple(draw(st.lists(terms, max_size=2))),
        categories=tuple(categories),
        signals=tuple(
            SignalCues(signal=s, terms=tuple(draw(st.lists(terms, min_size=1, max_size=2)))) for s in signals
        ),
    )


# ---------------------------------------------------------------- the interviewer's fact retrieval

phrases = terms.filter(lambda t: " + " not in t)
FIELD_REFS = [f"{cid}.{key}" for cid in CATEGORY_IDS for key in section_type(cid).__struct_fields__]
FRAMES = ["{value}.", "At peak, {value}.", "Our main goal: {value}."]
frames = st.sampled_from(FRAMES) | texts.map(lambda t: t.replace("{", "{{").replace("}", "}}") + " {value}")


@st.composite
def interviewers(draw: Any, tradeoff_ids: tuple[str, ...] = ()) -> Interviewer:
    """The interviewer's fact-retrieval section: synonyms (each phrase in one group), field cues
    with sentence frames, tradeoff and probe-kind cues, stopwords and assumption openings."""
    pool = draw(st.lists(phrases, max_size=8, unique_by=stems))
    groups, i = [], 0
    while len(pool) - i >= 2:
        size = draw(st.integers(2, len(pool) - i))
        groups.append(tuple(pool[i : i + size]))
        i += size
    fields = tuple(
        FactCues(
            field=ref,
            terms=tuple(draw(st.lists(phrases, max_size=3))),
            say=draw(st.none() | frames),
            unit=draw(st.none() | texts),
            important=draw(st.booleans()),
        )
        for ref in draw(st.lists(st.sampled_from(FIELD_REFS), max_size=4, unique=True))
    )
    stances = (
        tuple(
            StanceCues(tradeoff=t, terms=tuple(draw(st.lists(phrases, min_size=1, max_size=2))))
            for t in draw(st.lists(st.sampled_from(tradeoff_ids), unique=True))
            if tradeoff_ids
        )
        if tradeoff_ids
        else ()
    )
    kinds = ["failure_modes", "adversarial", "iteration", "scale", "ambiguity", "constraints"]
    probes = tuple(
        ProbeCues(kind=k, terms=tuple(draw(st.lists(phrases, min_size=1, max_size=2))))
        for k in draw(st.lists(st.sampled_from(kinds), max_size=2, unique=True))
    )
    return Interviewer(
        stopwords=tuple(draw(st.lists(phrases, max_size=2))),
        synonyms=tuple(groups),
        fields=fields,
        tradeoffs=stances,
        probes=probes,
        assumptions=tuple(draw(st.lists(phrases, max_size=2))),
        asks=draw(asks(tradeoff_ids)),
    )


# A question without a product tag must not look like a broken one: it may not open with "[".
ask_texts = texts.filter(lambda t: not t.startswith("["))


@st.composite
def asks(draw: Any, tradeoff_ids: tuple[str, ...] = ()) -> tuple[Asks, ...]:
    """Example questions per intent: fields, tradeoffs, probe kinds and out of scope, each intent and
    each question (by its words) once, some tagged with a product."""
    kinds = ["failure_modes", "adversarial", "iteration", "scale", "ambiguity", "constraints"]
    intents = [*FIELD_REFS, *(f"tradeoff.{t}" for t in tradeoff_ids), *(f"probe.{k}" for k in kinds)]
    chosen = draw(st.lists(st.sampled_from([*intents, "out_of_scope"]), max_size=3, unique=True))
    seen: set[tuple[str, ...]] = set()
    out = []
    for intent in chosen:
        questions = []
        for text in draw(st.lists(ask_texts, min_size=1, max_size=3)):
            if stems(text) in seen:
                continue
            seen.add(stems(text))
            product = draw(st.none() | slugs.filter(lambda s: "_" not in s))
            questions.append(text if product is None else f"[{product}] {text}")
        if questions:
            out.append(Asks(intent=intent, questions=tuple(questions)))
    return tuple(out)


CONSONANTS = "bcdfghjklmnpqrstvwxzBCDFGHJKLMNPQRSTVWXZ"
gibberish = st.lists(
    st.text(st.sampled_from(CONSONANTS), min_size=1, max_size=6), min_size=2, max_size=8
).map(" ".join)
"""Letter soup: two or more clusters of consonants (no vowels, no y) separated by spaces."""


# ---------------------------------------------------------------- edited and reordered content (cards, anki)


def _is_text(tp: Any) -> bool:
    """Whether a field type holds free text (not an id, color or fixed choice)."""
    if tp is str:
        return True
    if typing.get_origin(tp) is typing.Annotated:
        base, *meta = typing.get_args(tp)
        return base is str and all(getattr(m, "pattern", None) == r"\S" for m in meta)
    return False


def _edit(value: Any, tp: Any, suffix: str) -> Any:
    if value is None:
        return None
    if isinstance(value, Struct):
        hints = typing.get_type_hints(type(value), include_extras=True)
        return type(value)(**{k: _edit(getattr(value, k), hints[k], suffix) for k in value.__struct_fields__})
    if isinstance(value, tuple):
        args = typing.get_args(typing.get_args(tp)[0] if typing.get_origin(tp) is typing.Annotated else tp)
        return tuple(_edit(v, args[0], suffix) for v in value)
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        tp = next(a for a in typing.get_args(tp) if a is not type(None))
    return value + suffix if isinstance(value, str) and _is_text(tp) else value


def edit_texts(content: Content, suffix: str = " (edited)") -> Content:
    """The same content with every free-text field changed and every id kept."""
    return _edit(content, Content, suffix)  # type: ignore[no-any-return]


@st.composite
def reordered(draw: Any, content: Content) -> Content:
    """The same content with scenarios, tradeoffs and the items inside them in another order."""
    perm = lambda items: tuple(draw(st.permutations(items)))  # noqa: E731
    categories = tuple(
        replace(c, templates=perm(c.templates), e6_probes=perm(c.e6_probes)) for c in content.categories
    )
    scenarios = tuple(
        replace(s, e6_probes=perm(s.e6_probes), tradeoffs=perm(s.tradeoffs)) for s in content.scenarios
    )
    levels = tuple(replace(lv, expectations=perm(lv.expectations)) for lv in content.levels)
    return replace(
        content,
        categories=categories,
        scenarios=perm(scenarios),
        tradeoffs=perm(content.tradeoffs),
        levels=levels,
    )


# ---------------------------------------------------------------- drill sheets

DRILL_KINDS = ("recall", "questions", "classify", "mock", "tradeoff", "deep-dive")
drill_seeds = st.integers(min_value=0, max_value=2**40)


def drill_kinds() -> st.SearchStrategy[tuple[str, ...]]:
    """What `--kind` may be given as: nothing (mixed), `mixed`, or any set of kinds in any order."""
    some = st.lists(st.sampled_from(DRILL_KINDS), min_size=1, max_size=6, unique=True).map(tuple)
    return st.one_of(st.just(()), st.just(("mixed",)), some)


def scenarios_needed(kinds: tuple[str, ...]) -> int:
    """Distinct scenarios one sheet of these kinds draws."""
    if kinds in ((), ("mixed",)):
        return 1
    return sum(k in ("mock", "tradeoff", "deep-dive") for k in kinds)


# ---------------------------------------------------------------- drill-sheet notes in PDFs

_note_chars = string.ascii_letters + string.digits + ".,;:?!'\"()-/%$#@*+=_[]{}|~^`&<>"
_note_words = st.text(st.sampled_from(_note_chars), min_size=1, max_size=12) | st.text(
    st.sampled_from(string.ascii_lowercase), min_size=13, max_size=90
)
note_texts = st.lists(_note_words, min_size=1, max_size=50).map(" ".join)
"""Text of an answer's note: words of any printable ASCII, now and then one too long for a line."""
note_labels = st.lists(
    st.text(st.sampled_from(string.ascii_letters + string.digits + "-"), min_size=1, max_size=12),
    min_size=1,
    max_size=4,
).map(" ".join)
"""A note's label, such as `E6 probe` or `Favor Real-time when`."""


# ---------------------------------------------------------------- practice history sessions

_SIGNALS = ("all_categories", "follow_ups", "numbers", "failure_tolerance", "iteration_cadence")
_PRACTICE_KINDS = ("interview", "recall", "questions", "classify", "tradeoff", "deep-dive")
SCENARIO_IDS = ("video-streaming", "ride-sharing-eta", "fraud-detection")


@st.composite
def practice_sessions(draw: Any, min_size: int = 0, max_size: int = 12) -> list[Any]:
    """Sessions as `reqdrill practice` and `interview` record them, at increasing times (a few tied)."""
    import uuid as uuidlib
    from datetime import UTC, datetime, timedelta

    from reqdrill.practice.rating import from_score
    from reqdrill.practice.records import drill_record, interview_record

    n = draw(st.integers(min_value=min_size, max_value=max_size))
    at = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
    out = []
    for i in range(n):
        at += timedelta(minutes=draw(st.sampled_from([0, 5, 60 * 20, 60 * 24 * 3])))
        started, ended = (
            at.isoformat(timespec="milliseconds"),
            (at + timedelta(minutes=5)).isoformat(timespec="milliseconds"),
        )
        sid = str(uuidlib.UUID(int=draw(st.integers(min_value=0, max_value=2**128 - 1)), version=4))
        kind = draw(st.sampled_from(_PRACTICE_KINDS))
        if kind == "interview":
            covered = draw(st.lists(st.sampled_from(CATEGORY_IDS), unique=True))
            turns = [
                {
                    "question": f"q{j}",
                    "category": c,
                    "confidence": 0.9,
                    "field": None,
                    "elapsed_seconds": float(j),
                }
                for j, c in enumerate(covered)
            ]
            transcript = {
                "version": draw(st.sampled_from([1, 2])),
                "scenario": {"id": draw(st.sampled_from(SCENARIO_IDS)), "name": "S", "prompt": "P"},
                "time_limit_seconds": 300,
                "elapsed_seconds": 120.0,
                "ended": "done",
                "turns": turns,
                "coverage": {"covered": covered, "count": len(covered), "total": 7},
                "score": {
                    "hints": 0,
                    "signals": [{"id": s, "level": "E6", "shown": draw(st.booleans())} for s in _SIGNALS],
                },
            }
            out.append(interview_record(transcript, sid, started, ended))
            continue
        grades = draw(st.lists(st.sampled_from([0.0, 1.0]), min_size=1, max_size=7))
        cats = draw(st.lists(st.sampled_from(CATEGORY_IDS), min_size=len(grades), max_size=len(grades)))
        score = sum(grades) / len(grades)
        data = {
            "version": 1,
            "kind": kind,
            "seed": i,
            "scenario": None,
            "time_limit_seconds": 30,
            "elapsed_seconds": float(draw(st.integers(min_value=1, max_value=90))),
            "answers": [
                {"item": c, "category": c, "answer": "a", "grade": g, "seconds": 1.0}
                for c, g in zip(cats, grades, strict=True)
            ],
            "details": {"in_order": draw(st.booleans())},
            "score": score,
            "rating": from_score(score),
        }
        out.append(drill_record(data, sid, started, ended))
    return out
