"""The validated content model: frozen msgspec structs, knowing nothing of YAML or output formats."""

# No `from __future__ import annotations` here, unlike elsewhere: msgspec resolves every struct's
# annotations when it first decodes the content, and real objects spare it compiling each string
# annotation (≈4 ms of every start-up that loads cached content).
import functools
import re
import typing
from typing import Annotated, Any, Literal

import msgspec

ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
MAX_ID_LENGTH = 80

Id = Annotated[
    str,
    msgspec.Meta(
        pattern=ID_PATTERN,
        max_length=MAX_ID_LENGTH,
        description=(
            "A stable slug: lower-case letters, digits, '-' and '_'. Keep it when the text is edited."
        ),
    ),
]
Text = Annotated[str, msgspec.Meta(pattern=r"\S", description="Non-empty text.")]
Color = Annotated[str, msgspec.Meta(pattern=r"^#[0-9A-Fa-f]{6}$", description="A color as #RRGGBB.")]
Seconds = Annotated[int, msgspec.Meta(ge=1, description="A time limit in seconds.")]
Count = Annotated[int, msgspec.Meta(ge=1)]
NonEmpty = msgspec.Meta(min_length=1)

CATEGORY_IDS: tuple[str, ...] = (
    "business_objective",
    "features_supported",
    "data",
    "constraints",
    "scale",
    "performance",
    "privacy_ethics",
)
"""The seven categories, in the source's order. Content must define exactly these."""

ProbeKind = Literal["failure_modes", "adversarial", "iteration", "scale", "ambiguity", "constraints"]
REQUIRED_PROBE_KINDS: tuple[str, ...] = ("failure_modes", "adversarial", "iteration")
DrillKind = Literal["recall", "questions", "mock", "tradeoff", "deep-dive"]


class Model(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """Base for every content struct: immutable, strict about unknown keys."""


# ---------------------------------------------------------------- framework


class Question(Model, frozen=True):
    """A question with a stable id: a template question or a category's E6 probe."""

    id: Id
    text: Text
    why: Text | None = None
    field: Id | None = None
    """The requirements field (of its category's section) whose answer this question asks for."""


class Category(Model, frozen=True):
    """One of the seven clarifying-requirements categories."""

    id: Id
    name: Text
    short_name: Text
    summary: Text
    example_questions: Text
    why_it_matters: Text
    color: Color
    templates: Annotated[tuple[Question, ...], NonEmpty]
    e6_probes: Annotated[tuple[Question, ...], NonEmpty]
    source_name: Text | None = None
    """The name as the source chapter's list quotes it, where it differs from the display `name`."""


class Diagram(Model, frozen=True):
    """Labels of the framework diagram: categories around a central instruction."""

    title: Text
    center: Text


# ---------------------------------------------------------------- tradeoffs and signals


class Tradeoff(Model, frozen=True):
    """A tradeoff to surface while gathering requirements, with its interview signal."""

    id: Id
    name: Text
    option_a: Text
    option_b: Text
    favor_a: Text
    favor_b: Text
    e5_signal: Text
    e6_signal: Text
    categories: Annotated[tuple[Id, ...], NonEmpty]


class Expectation(Model, frozen=True):
    """One expectation of an interview level, optionally with an example quote."""

    id: Id
    text: Text
    example: Text | None = None


class Level(Model, frozen=True):
    """An interview level (E5, E6) and what it expects."""

    id: Id
    name: Text
    summary: Text
    expectations: Annotated[tuple[Expectation, ...], NonEmpty]


# ---------------------------------------------------------------- drills and the requirements template


class Prompt(Model, frozen=True):
    """One prompt inside a drill."""

    id: Id
    text: Text


class Drill(Model, frozen=True):
    """One of the practice drills."""

    id: Id
    number: Count
    name: Text
    kind: DrillKind
    instructions: Text
    time_limit_seconds: Seconds | None = None
    questions_per_category: Count | None = None
    scenario: Id | None = None
    tradeoffs: tuple[Id, ...] = ()
    prompts: tuple[Prompt, ...] = ()


class Choice(Model, frozen=True):
    """A check box on the requirements template."""

    id: Id
    label: Text


class TemplateField(Model, frozen=True):
    """A field of the requirements template: a write-in line, or check boxes when it has choices."""

    key: Id
    label: Text
    choices: tuple[Choice, ...] = ()


class TemplateSection(Model, frozen=True):
    """A numbered section of the requirements template, one per category."""

    category: Id
    title: Text
    fields: Annotated[tuple[TemplateField, ...], NonEmpty]


class RequirementsTemplate(Model, frozen=True):
    """The blank requirements document, as data."""

    title: Text
    header: Annotated[tuple[TemplateField, ...], NonEmpty]
    sections: Annotated[tuple[TemplateSection, ...], NonEmpty]


# ---------------------------------------------------------------- scenarios


class Chosen(Model, frozen=True):
    """A check-box answer in a scenario: the box ticked, and the interviewer's words."""

    choice: Id
    detail: Text


class BusinessObjective(Model, frozen=True):
    """What the company is trying to achieve."""

    primary_goal: Text
    success_metric: Text
    current_baseline: Text


class FeaturesSupported(Model, frozen=True):
    """What users can do, and which actions become labels."""

    user_actions: Annotated[tuple[Text, ...], NonEmpty]
    available_labels: Text


class Data(Model, frozen=True):
    """Data sources, size, labels and freshness."""

    sources: Annotated[tuple[Text, ...], NonEmpty]
    size: Text
    labeled: Chosen
    freshness: Text


class Constraints(Model, frozen=True):
    """Deployment, compute and whether the model improves automatically."""

    deployment: Chosen
    compute: Text
    auto_improve: Chosen


class Scale(Model, frozen=True):
    """Users, items, traffic and growth."""

    users: Text
    dau: Text
    items: Text
    qps: Text
    peak_qps: Text
    growth: Text


class Performance(Model, frozen=True):
    """Latency, real-time needs and the accuracy/latency balance."""

    latency: Text
    real_time: Chosen
    accuracy_vs_latency: Text


class PrivacyEthics(Model, frozen=True):
    """Sensitive data, anonymization, bias and the cost of mistakes."""

    concerns: Text
    sensitive_data: Text
    anonymization: Text
    bias_concerns: Text
    impact_of_mistakes: Text


class Requirements(Model, frozen=True):
    """A scenario's answers, one section per category (the filled requirements document)."""

    business_objective: BusinessObjective
    features_supported: FeaturesSupported
    data: Data
    constraints: Constraints
    scale: Scale
    performance: Performance
    privacy_ethics: PrivacyEthics


class Probe(Model, frozen=True):
    """An E6-level probing question for a scenario, with the interviewer's answer."""

    id: Id
    kind: ProbeKind
    category: Id
    question: Text
    answer: Text


class Stance(Model, frozen=True):
    """Which side of a tradeoff a scenario favors, and why, quantified."""

    tradeoff: Id
    favors: Literal["a", "b"]
    why: Text


class Scenario(Model, frozen=True):
    """An interview scenario: a one-line prompt and everything the interviewer knows."""

    id: Id
    name: Text
    prompt: Text
    requirements: Requirements
    e6_probes: Annotated[tuple[Probe, ...], NonEmpty]
    tradeoffs: Annotated[tuple[Stance, ...], NonEmpty]
    order: Count | None = None


# ---------------------------------------------------------------- the question classifier's vocabulary

SignalId = Literal["numbers", "failure_tolerance", "iteration_cadence"]
"""Depth signals a question can show: probing for numbers, failure tolerance, iteration cadence."""

Term = Annotated[
    str,
    msgspec.Meta(
        pattern=r"[^\W_]",
        description="Words that must appear next to each other, in any case or inflection; "
        "'a + b' means both parts appear anywhere in the question.",
    ),
]


class FieldCues(Model, frozen=True):
    """Terms that ask for one field of a category's scenario answers, such as peak QPS."""

    field: Id
    terms: Annotated[tuple[Term, ...], NonEmpty]


class CategoryCues(Model, frozen=True):
    """Terms that point a question at one category (or at `none`, for off-topic lines).

    `examples` are whole questions of this category: words specific to them become weak cues.
    """

    category: Id
    strong: tuple[Term, ...] = ()
    terms: tuple[Term, ...] = ()
    weak: tuple[Term, ...] = ()
    fields: tuple[FieldCues, ...] = ()
    examples: tuple[Text, ...] = ()


class SignalCues(Model, frozen=True):
    """Terms that show an interview depth signal in a question."""

    signal: SignalId
    terms: Annotated[tuple[Term, ...], NonEmpty]


class Vocabulary(Model, frozen=True):
    """The question classifier's vocabulary.

    Optional: without it the classifier learns from the categories alone.
    """

    stopwords: tuple[Term, ...] = ()
    categories: tuple[CategoryCues, ...] = ()
    signals: tuple[SignalCues, ...] = ()


# ---------------------------------------------------------------- the mock interviewer's fact retrieval

FieldRef = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^[a-z0-9_]+\.[a-z0-9_]+$",
        description="A requirements field as `category.field`, e.g. `scale.peak_qps`.",
    ),
]
Phrase = Annotated[
    str,
    msgspec.Meta(
        pattern=r"[^\W_]",
        description="Words that must appear next to each other, in any case or inflection.",
    ),
]


class FactCues(Model, frozen=True):
    """How the interviewer finds and says one requirements field of every scenario."""

    field: FieldRef
    terms: tuple[Phrase, ...] = ()
    """Words a question about this field uses, beyond its key, its template label and its value."""
    say: Text | None = None
    """A sentence with `{value}` where the scenario's value goes, e.g. 'At peak, {value}.'"""
    unit: Text | None = None
    """Said after a value that is a bare number, e.g. 'users' turns '100M' into '100M users'."""
    important: bool = False
    """Listed at the end of an interview when the candidate never asked about it."""


class StanceCues(Model, frozen=True):
    """Words a question about one tradeoff uses, beyond its name and its two options."""

    tradeoff: Id
    terms: Annotated[tuple[Phrase, ...], NonEmpty]


class ProbeCues(Model, frozen=True):
    """Words a question uses that asks the kind of thing an E6 probe of this kind answers."""

    kind: ProbeKind
    terms: Annotated[tuple[Phrase, ...], NonEmpty]


OUT_OF_SCOPE = "out_of_scope"
"""The intent of a question no requirements document here answers: team, launch date, prices…"""
PRODUCT_TAG = re.compile(r"\[([a-z0-9][a-z0-9-]*)\]\s+")
"""The product tag that may open an example question: `[music] How many songs…?`."""


class Asks(Model, frozen=True):
    """Example questions that ask one thing, in any scenario: the corpus the intent model learns from.

    `intent` is a requirements field (`scale.peak_qps`), a tradeoff (`tradeoff.<tradeoff id>`), an
    E6 probe kind (`probe.<kind>`) or `out_of_scope` (what a requirements document does not hold:
    team size, launch date, vendors, prices…). A question may open with the product its author
    imagined in brackets (`[music] How many songs…?`): cross-validation holds out whole products.
    """

    intent: Text
    questions: Annotated[tuple[Text, ...], NonEmpty]

    def tagged(self) -> list[tuple[str, str]]:
        """(product, question) pairs; an untagged question's product is `any`."""
        out = []
        for question in self.questions:
            m = PRODUCT_TAG.match(question)
            out.append((m.group(1), question[m.end() :]) if m else ("any", question))
        return out


class Interviewer(Model, frozen=True):
    """The mock interviewer's fact retrieval: synonyms, words per fact, how to say each field.

    Optional: without it the interviewer finds facts by their field names, labels and values.
    """

    stopwords: tuple[Phrase, ...] = ()
    synonyms: tuple[Annotated[tuple[Phrase, ...], msgspec.Meta(min_length=2)], ...] = ()
    fields: tuple[FactCues, ...] = ()
    tradeoffs: tuple[StanceCues, ...] = ()
    probes: tuple[ProbeCues, ...] = ()
    assumptions: tuple[Phrase, ...] = ()
    """Openings of a line that states an assumption, e.g. "let's assume"."""
    kinds: tuple[Annotated[tuple[Phrase, ...], msgspec.Meta(min_length=2)], ...] = ()
    """Groups whose first word names a kind of thing and the rest kinds of it ("item": "video",
    "listing"): the general word and each kind find each other at a discount, two kinds do not
    ("ads" does not find "videos")."""
    generic: tuple[Phrase, ...] = ()
    """Words a question uses without naming what it asks about ("roughly", "handle"): they find
    facts, but the check for a silent scenario counts them neither for nor against a fact."""
    related: tuple[Annotated[tuple[Phrase, ...], msgspec.Meta(min_length=2)], ...] = ()
    """Groups of words that often stand for one another ("keep", "retain", "delete"): a question's
    word also looks for the others of its groups, at a discount. Unlike synonyms, a word may be in
    several groups."""
    asks: tuple[Asks, ...] = ()
    """Example questions per intent (field, tradeoff, probe kind, out of scope), for the intent model."""


# ---------------------------------------------------------------- files and the whole


class DeckFile(Model, frozen=True):
    """One file under decks/. Each top-level section may appear in exactly one deck file."""

    key_instruction: Text | None = None
    diagram: Diagram | None = None
    categories: Annotated[tuple[Category, ...], NonEmpty] | None = None
    tradeoffs: Annotated[tuple[Tradeoff, ...], NonEmpty] | None = None
    levels: Annotated[tuple[Level, ...], NonEmpty] | None = None
    drills: Annotated[tuple[Drill, ...], NonEmpty] | None = None
    requirements_template: RequirementsTemplate | None = None
    classifier: Vocabulary | None = None
    interviewer: Interviewer | None = None


DECK_SECTIONS: tuple[str, ...] = tuple(DeckFile.__struct_fields__)
OPTIONAL_DECK_SECTIONS: tuple[str, ...] = ("classifier", "interviewer")
REQUIRED_DECK_SECTIONS: tuple[str, ...] = tuple(s for s in DECK_SECTIONS if s not in OPTIONAL_DECK_SECTIONS)


class Content(Model, frozen=True):
    """All validated content of one content root."""

    key_instruction: str
    diagram: Diagram
    categories: Annotated[tuple[Category, ...], NonEmpty]
    tradeoffs: Annotated[tuple[Tradeoff, ...], NonEmpty]
    levels: Annotated[tuple[Level, ...], NonEmpty]
    drills: Annotated[tuple[Drill, ...], NonEmpty]
    requirements_template: RequirementsTemplate
    scenarios: Annotated[tuple[Scenario, ...], NonEmpty]
    classifier: Vocabulary | None = None
    interviewer: Interviewer | None = None

    def category(self, category_id: str) -> Category:
        """Return the category with this id."""
        return next(c for c in self.categories if c.id == category_id)

    def scenario(self, scenario_id: str) -> Scenario:
        """Return the scenario with this id."""
        return next(s for s in self.scenarios if s.id == scenario_id)

    def tradeoff(self, tradeoff_id: str) -> Tradeoff:
        """Return the tradeoff with this id."""
        return next(t for t in self.tradeoffs if t.id == tradeoff_id)


@functools.cache
def section_type(category_id: str) -> type[msgspec.Struct]:
    """The struct class of a requirements section, by category id."""
    return typing.get_type_hints(Requirements)[category_id]  # type: ignore[no-any-return]


@functools.cache
def field_type(struct_type: type[msgspec.Struct], key: str) -> Any:
    """The annotated type of one field of a struct, without its constraints."""
    return typing.get_type_hints(struct_type)[key]


def section_of(scenario: Scenario, category_id: str) -> msgspec.Struct:
    """Return a scenario's requirements section for a category id."""
    return getattr(scenario.requirements, category_id)  # type: ignore[no-any-return]
