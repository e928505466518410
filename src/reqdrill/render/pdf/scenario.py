"""Scenario answer keys: each scenario as a filled requirements document, with its E6 probes and stances.

Every value of the scenario is printed: template fields in the template's order, then the
section's remaining fields (labeled from their keys), then probes and tradeoff stances.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, PageBreak

from reqdrill.content.labels import humanize
from reqdrill.content.model import Chosen, Content, Scenario, TemplateField, section_of
from reqdrill.errors import SelectionError
from reqdrill.render.pdf.common import Bookmark, PdfMeta, RunningHead, build_story, frame_size, para, styles
from reqdrill.render.pdf.form import answer, choices, section_head


def _value(value: object) -> str:
    return "; ".join(value) if isinstance(value, tuple) else str(value)


def _field(label: str, value: object, field: TemplateField | None, width: float) -> list[Flowable]:
    if isinstance(value, Chosen):
        options = [(c.label, c.id == value.choice, None) for c in field.choices] if field else []
        if not any(ticked for _, ticked, _ in options):
            options.append(
                (value.choice, True, None)
            )  # keep the answer visible even if the template lacks it
        return [choices(label, options, width), *answer("", value.detail, width)]
    return answer(label, _value(value), width)


def _requirements(content: Content, scenario: Scenario, width: float) -> list[Flowable]:
    story: list[Flowable] = []
    for number, section in enumerate(content.requirements_template.sections, 1):
        values = section_of(scenario, section.category)
        templated = {f.key: f for f in section.fields}
        keys = [f.key for f in section.fields] + [k for k in values.__struct_fields__ if k not in templated]
        rows = [
            _field(
                templated[k].label if k in templated else humanize(k),
                getattr(values, k),
                templated.get(k),
                width,
            )
            for k in keys
        ]
        flowables = [flowable for row in rows for flowable in row]
        # A section stays on one page; only one too long for a page flows over pages.
        story.append(KeepTogether([*section_head(number, section.title), *flowables]))
    return story


def _probes(content: Content, scenario: Scenario, start: int, width: float) -> list[Flowable]:
    st = styles()
    blocks: list[list[Flowable]] = []
    for probe in scenario.e6_probes:
        category = next((c.name for c in content.categories if c.id == probe.category), probe.category)
        tag = f"{humanize(probe.kind)} · {category}"
        blocks.append(
            [para(tag, st.small), para(probe.question, st.label), *answer("Answer", probe.answer, width)]
        )
    return _headed(section_head(start, "E6 PROBES"), blocks)


def _stances(content: Content, scenario: Scenario, start: int, width: float) -> list[Flowable]:
    blocks: list[list[Flowable]] = []
    for stance in scenario.tradeoffs:
        tradeoff = content.tradeoff(stance.tradeoff)
        favored = tradeoff.option_a if stance.favors == "a" else tradeoff.option_b
        blocks.append([para(tradeoff.name, styles().label), *answer("Favors " + favored, stance.why, width)])
    return _headed(section_head(start, "TRADEOFFS"), blocks)


def _headed(head: list[Flowable], blocks: list[list[Flowable]]) -> list[Flowable]:
    """A section: each block kept on one page, the heading kept with the first block."""
    story: list[Flowable] = []
    for i, block in enumerate(blocks):
        story.append(KeepTogether(head + block if i == 0 else block))
    return story or head


def scenario_story(
    content: Content, scenario: Scenario, paper: str, bookmark: bool = False
) -> list[Flowable]:
    """The flowables of one scenario's answer key."""
    width, _ = frame_size(paper)
    st = styles()
    story: list[Flowable] = [Bookmark(scenario.id, scenario.name)] if bookmark else []
    story.append(RunningHead(f"Answer key: {scenario.name}"))
    story += [para(scenario.name, st.title, prefix="Answer key: "), para(scenario.prompt, st.subtitle)]
    system = next((f for f in content.requirements_template.header if f.key == "system"), None)
    if system is not None:
        story += answer(system.label, scenario.name, width)
    story += _requirements(content, scenario, width)
    count = len(content.requirements_template.sections)
    story += _probes(content, scenario, count + 1, width)
    story += _stances(content, scenario, count + 2, width)
    return story


def find_scenario(content: Content, scenario_id: str) -> Scenario:
    """The scenario with this id, or a SelectionError naming the known ones."""
    for scenario in content.scenarios:
        if scenario.id == scenario_id:
            return scenario
    known = ", ".join(s.id for s in content.scenarios)
    raise SelectionError(f"unknown scenario {scenario_id!r}; known: {known}")


def render_scenario(content: Content, scenario_id: str, paper: str = "letter") -> bytes:
    """One scenario's answer key as PDF bytes."""
    scenario = find_scenario(content, scenario_id)
    meta = PdfMeta(
        title=f"Answer key: {scenario.name}", subject="reqdrill scenario answer key", label="answer key"
    )
    return build_story(scenario_story(content, scenario, paper), meta, paper)


def render_scenarios(content: Content, paper: str = "letter") -> bytes:
    """Every scenario's answer key in one PDF, one bookmark per scenario, each starting a page."""
    story: list[Flowable] = []
    for i, scenario in enumerate(content.scenarios):
        story += ([PageBreak()] if i else []) + scenario_story(content, scenario, paper, bookmark=True)
    meta = PdfMeta(title="Scenario answer keys", subject="reqdrill scenario answer keys", label="answer keys")
    return build_story(story, meta, paper)
