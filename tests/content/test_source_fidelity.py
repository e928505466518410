"""Every fact of the source chapter appears verbatim, in the right place, in the bundled content.

tests/data/source_facts.json was extracted once from the chapter (which CI does not have);
these tests compare the shipped decks and scenarios against it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from reqdrill.content.load import load_content
from reqdrill.content.model import CATEGORY_IDS, Content, Scenario
from reqdrill.content.paths import bundled_root

FACTS_FILE = Path(__file__).parents[1] / "data" / "source_facts.json"
FACTS: dict[str, Any] = json.loads(FACTS_FILE.read_text("utf-8"))

SOURCE_SCENARIOS = {
    "Event Ticket Selling App": "event-ticket-selling",
    "Video Streaming App": "video-streaming",
    "Harmful Content Detection": "harmful-content-detection",
    "Friend Recommendation System": "friend-recommendation",
}
# Rows of the requirements template beyond the source's template: its answer keys hold them.
ADDED_ROWS = {
    ("scale", "dau"),
    ("scale", "peak_qps"),
    ("privacy_ethics", "concerns"),
    ("privacy_ethics", "impact_of_mistakes"),
}
# How each level prints an expectation that has an example quote.
EXAMPLE_FORMATS = {"E5": '{text} ("{example}")', "E6": '{text}: "{example}"'}


@pytest.fixture(scope="module")
def content() -> Content:
    """The bundled content, loaded and validated once."""
    return load_content(bundled_root())


def test_key_instruction_and_diagram(content: Content) -> None:
    assert content.key_instruction == FACTS["key_instruction"]
    assert content.diagram.title == FACTS["diagram_title"]
    assert content.diagram.center.upper().split() == FACTS["diagram_center"].split()


def test_categories_in_source_order(content: Content) -> None:
    assert [c.id for c in content.categories] == list(CATEGORY_IDS)
    assert [c.source_name or c.name for c in content.categories] == [f["name"] for f in FACTS["categories"]]


@pytest.mark.parametrize("index", range(len(FACTS["categories"])))
def test_category_facts(content: Content, index: int) -> None:
    fact = FACTS["categories"][index]
    category = content.categories[index]
    # One display name, the source's short one; the list's longer name is kept where it differs.
    assert category.name == category.short_name == fact["short_name"]
    assert (category.source_name or category.name) == fact["name"]
    assert (category.source_name or category.name).lower() == fact["list_name"].lower()
    assert category.summary == fact["summary"]
    assert category.example_questions == fact["example_questions"]
    assert category.why_it_matters == fact["why_it_matters"]
    assert category.color.upper() == fact["color"].upper()
    assert [q.text for q in category.templates] == fact["templates"]


def test_exactly_the_source_tradeoffs_levels_and_drills(content: Content) -> None:
    assert [t.name for t in content.tradeoffs] == [t["tradeoff"] for t in FACTS["tradeoffs"]]
    assert [lv.name for lv in content.levels] == [lv["name"] for lv in FACTS["levels"]]
    assert [d.name for d in content.drills] == [d["name"] for d in FACTS["drills"]]


def test_exactly_31_templates(content: Content) -> None:
    texts = [q.text for c in content.categories for q in c.templates]
    assert len(texts) == 31
    assert texts == [t for f in FACTS["categories"] for t in f["templates"]]


@pytest.mark.parametrize("index", range(len(FACTS["tradeoffs"])))
def test_tradeoff_facts(content: Content, index: int) -> None:
    fact = FACTS["tradeoffs"][index]
    tradeoff = content.tradeoffs[index]
    assert tradeoff.name == fact["tradeoff"]
    assert f"{tradeoff.option_a} vs {tradeoff.option_b}" == fact["tradeoff"]
    assert tradeoff.favor_a == fact["favor_a"]
    assert tradeoff.favor_b == fact["favor_b"]
    assert f"E5: {tradeoff.e5_signal}. E6: {tradeoff.e6_signal}" == fact["signal"]
    assert set(tradeoff.categories) <= set(CATEGORY_IDS)


@pytest.mark.parametrize("index", range(len(FACTS["levels"])))
def test_level_facts(content: Content, index: int) -> None:
    fact = FACTS["levels"][index]
    level = content.levels[index]
    assert level.name == fact["name"]
    assert level.summary == fact["summary"]
    rendered = [
        e.text if e.example is None else EXAMPLE_FORMATS[level.name].format(text=e.text, example=e.example)
        for e in level.expectations
    ]
    assert rendered == fact["bullets"]


def test_requirements_template(content: Content) -> None:
    fact = FACTS["requirements_template"]
    template = content.requirements_template
    assert template.title == fact["title"]

    def labels(fields: Any) -> list[dict[str, Any]]:
        return [{"label": f.label, "choices": [c.label for c in f.choices]} for f in fields]

    assert labels(template.header) == fact["header"]
    assert [s.category for s in template.sections] == list(CATEGORY_IDS)
    assert [s.title for s in template.sections] == [s["title"] for s in fact["sections"]]
    for section, fact_section in zip(template.sections, fact["sections"], strict=True):
        # the source's rows, verbatim and in order; between them only the rows its answer keys add
        source = [f for f in section.fields if (section.category, f.key) not in ADDED_ROWS]
        assert labels(source) == fact_section["fields"], section.title
    keys = {(s.category, f.key) for s in template.sections for f in s.fields}
    assert keys >= ADDED_ROWS


@pytest.mark.parametrize("index", range(len(FACTS["drills"])))
def test_drill_facts(content: Content, index: int) -> None:
    fact = FACTS["drills"][index]
    drill = content.drills[index]
    assert (drill.number, drill.name) == (fact["number"], fact["name"])
    assert drill.instructions == fact["instructions"]
    assert [p.text for p in drill.prompts] == fact["bullets"]
    quoted = re.findall(r'"([^"]+)"', fact["instructions"])
    if quoted:  # the drill names a scenario: it must be bundled under that name
        assert drill.scenario is not None
        assert content.scenario(drill.scenario).name == quoted[0]
    if "30 seconds" in fact["instructions"]:
        assert drill.time_limit_seconds == 30
    if "5 minutes" in fact["instructions"]:
        assert drill.time_limit_seconds == 300
    if "3 questions" in fact["instructions"]:
        assert drill.questions_per_category == 3


def test_source_scenarios_come_first_in_order(content: Content) -> None:
    assert [s.name for s in content.scenarios[:4]] == list(FACTS["scenarios"])
    assert [s.order for s in content.scenarios[:4]] == [1, 2, 3, 4]
    assert [s.id for s in content.scenarios[:4]] == list(SOURCE_SCENARIOS.values())


def implied_choice(detail: str, no_prefixes: tuple[str, ...] = ("No",)) -> str:
    """The check box a source answer implies: "Partially - ..." is partial, "No..." is no, else yes."""
    if detail.startswith("Partially"):
        return "partial"
    return "no" if detail.startswith(no_prefixes) else "yes"


@pytest.mark.parametrize("name", list(SOURCE_SCENARIOS))
def test_source_scenario_values(content: Content, name: str) -> None:
    fact = FACTS["scenarios"][name]
    scenario: Scenario = content.scenario(SOURCE_SCENARIOS[name])
    req = scenario.requirements
    assert scenario.name == name
    assert req.business_objective.primary_goal == fact["business_objective"]
    assert list(req.features_supported.user_actions) == fact["features_supported"]

    data = fact["data"]
    assert list(req.data.sources) == data["sources"]
    assert req.data.size == data["size"]
    assert req.data.labeled.detail == data["labeled"]
    assert req.data.labeled.choice == implied_choice(data["labeled"])

    constraints = fact["constraints"]
    assert req.constraints.compute == constraints["compute"]
    assert req.constraints.auto_improve.detail == constraints["auto_improve"]
    assert req.constraints.auto_improve.choice == implied_choice(constraints["auto_improve"])
    if "deployment" in constraints:
        assert req.constraints.deployment.detail == constraints["deployment"]
        assert req.constraints.deployment.choice == constraints["deployment"].lower()

    for key, value in fact["scale"].items():
        assert getattr(req.scale, key) == value, key

    performance = fact["performance"]
    assert req.performance.latency == performance.get("latency", performance.get("latency_requirement"))
    assert req.performance.real_time.detail == performance["real_time"]
    assert req.performance.real_time.choice == implied_choice(performance["real_time"], ("No", "Batch"))
    if "accuracy_threshold" in performance:
        assert req.performance.accuracy_vs_latency == performance["accuracy_threshold"]

    privacy = fact["privacy_ethics"]
    if isinstance(privacy, str):
        assert req.privacy_ethics.concerns == privacy
    else:
        assert req.privacy_ethics.sensitive_data == privacy["sensitive_data"]
        assert req.privacy_ethics.anonymization == privacy["anonymization"]
        assert req.privacy_ethics.bias_concerns == privacy["bias_concerns"]
