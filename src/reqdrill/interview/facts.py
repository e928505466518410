"""A scenario as a set of facts: each requirements field, E6 probe and tradeoff stance, with a stable id.

Fact ids: `<category>.<field>` for a requirements field (`scale.peak_qps`), `probe.<probe id>`
for an E6 probe and `tradeoff.<tradeoff id>` for the scenario's stance on a tradeoff.
"""

from __future__ import annotations

from dataclasses import dataclass

from reqdrill.content.labels import field_label, field_labels
from reqdrill.content.model import (
    CATEGORY_IDS,
    Chosen,
    Content,
    FactCues,
    Interviewer,
    Scenario,
    section_of,
)
from reqdrill.interview.spoken import listed, lower_words, say, sentence, spoken

FIELD, PROBE, TRADEOFF = "field", "probe", "tradeoff"
NUMERIC_FIELDS = frozenset(
    {"users", "dau", "items", "qps", "peak_qps", "growth", "latency", "size", "current_baseline"}
)


@dataclass(frozen=True)
class Fact:
    """One thing the interviewer knows about a scenario, how it is asked for and how it is said."""

    id: str
    kind: str
    """`field`, `probe` or `tradeoff`."""
    category: str
    """The category it belongs to (a tradeoff: the first of its tradeoff's categories)."""
    label: str
    """What it is about, for lists: the field's label, the probe's question, the tradeoff's name."""
    text: str
    """What the interviewer says, as sentences."""
    value: str
    """The scenario's own words: the value, the probe's answer, or the stance's reason."""
    about: tuple[str, ...]
    """Texts that name it: a field's key and label, a probe's question, a tradeoff's name and options."""
    cues: tuple[str, ...]
    """Words a question about it uses: the field's cue terms, the probe kind's, the tradeoff's."""
    important: bool
    """Worth studying when never asked about: the fields marked important, and every E6 probe."""
    numeric: bool
    """A figure (scale, size, latency…): asking for it shows probing for numbers."""
    probe_kind: str | None = None


def field_id(category: str, key: str) -> str:
    """The fact id of a requirements field: `scale.peak_qps`."""
    return f"{category}.{key}"


def value_text(value: object) -> str:
    """A scenario value as plain text: a check-box answer's words, a list joined with commas."""
    if isinstance(value, Chosen):
        return value.detail
    if isinstance(value, tuple):
        return listed(tuple(str(v) for v in value))
    return str(value)


def scenario_facts(content: Content, scenario: Scenario) -> tuple[Fact, ...]:
    """Every fact of a scenario: its fields in the framework's order, its probes, its stances."""
    section = content.interviewer or Interviewer()
    cues = {c.field: c for c in section.fields}
    field_terms = _classifier_field_terms(content)
    labels = field_labels(content)
    facts = []
    for cid in CATEGORY_IDS:
        values = section_of(scenario, cid)
        for key in values.__struct_fields__:
            fid = field_id(cid, key)
            c = cues.get(fid) or FactCues(field=fid)
            raw = getattr(values, key)
            value = value_text(raw)
            label = field_label(labels, cid, key)
            about: tuple[str, ...] = (key.replace("_", " "), label)
            terms = (*field_terms.get((cid, key), ()), *c.terms)
            if isinstance(raw, Chosen):
                value = f"{raw.choice.replace('-', ' ')}: {value}"
                text = say(c.say, raw.detail, c.unit)
            else:
                text = say(c.say, value, c.unit)
            numeric = key in NUMERIC_FIELDS
            facts.append(Fact(fid, FIELD, cid, label, text, value, about, terms, c.important, numeric))
    kind_terms = {p.kind: p.terms for p in section.probes}
    for probe in scenario.e6_probes:
        about = (probe.question,)
        text = sentence(spoken(probe.answer))
        facts.append(
            Fact(
                f"{PROBE}.{probe.id}",
                PROBE,
                probe.category,
                probe.question,
                text,
                probe.answer,
                about,
                kind_terms.get(probe.kind, ()),
                True,
                probe.kind == "scale",
                probe.kind,
            )
        )
    stance_terms = {t.tradeoff: t.terms for t in section.tradeoffs}
    known = {t.id: t for t in content.tradeoffs}
    for stance in scenario.tradeoffs:
        tradeoff = known.get(stance.tradeoff)
        if tradeoff is None:
            continue
        chosen = tradeoff.option_a if stance.favors == "a" else tradeoff.option_b
        text = f"We favor {lower_words(chosen)} here. {sentence(spoken(stance.why))}"
        about = (tradeoff.name, tradeoff.option_a, tradeoff.option_b)
        category = tradeoff.categories[0] if tradeoff.categories[0] in CATEGORY_IDS else CATEGORY_IDS[0]
        facts.append(
            Fact(
                f"{TRADEOFF}.{tradeoff.id}",
                TRADEOFF,
                category,
                tradeoff.name,
                text,
                f"{chosen}: {stance.why}",
                about,
                stance_terms.get(tradeoff.id, ()),
                False,
                False,
            )
        )
    return tuple(facts)


def _classifier_field_terms(content: Content) -> dict[tuple[str, str], tuple[str, ...]]:
    """The classifier vocabulary's terms that ask for each field: they ask for its fact too."""
    out: dict[tuple[str, str], tuple[str, ...]] = {}
    for cues in content.classifier.categories if content.classifier else ():
        for f in cues.fields:
            out[(cues.category, f.field)] = out.get((cues.category, f.field), ()) + f.terms
    return out
