"""A scenario as facts: stable ids for every field, probe and stance, each said as a sentence."""

from __future__ import annotations

from hypothesis import given, settings

from reqdrill.content.model import CATEGORY_IDS, Content, section_type
from reqdrill.interview.facts import FIELD, PROBE, TRADEOFF, scenario_facts
from strategies import contents


def test_fact_ids_follow_the_documented_scheme(content: Content) -> None:
    scenario = content.scenario("payment-fraud-detection")
    ids = [f.id for f in scenario_facts(content, scenario)]
    fields = [f"{cid}.{key}" for cid in CATEGORY_IDS for key in section_type(cid).__struct_fields__]
    probes = [f"probe.{p.id}" for p in scenario.e6_probes]
    stances = [f"tradeoff.{t.tradeoff}" for t in scenario.tradeoffs]
    assert ids == fields + probes + stances
    assert "scale.peak_qps" in ids and "probe.payment-fraud-detection-review-capacity" in ids
    assert "tradeoff.precision-vs-recall" in ids


def test_facts_are_said_as_an_interviewer_would(content: Content) -> None:
    facts = {f.id: f for f in scenario_facts(content, content.scenario("payment-fraud-detection"))}
    assert facts["data.size"].text == "20M transactions a day, 3 years of history, about 0.1% fraud rate."
    assert facts["scale.users"].text == "In total, 100M cardholders."
    assert facts["constraints.deployment"].text == "Cloud: called by the authorization service."
    assert facts["tradeoff.precision-vs-recall"].text.startswith("We favor recall here. A missed fraud costs")
    assert facts["scale.peak_qps"].numeric and not facts["privacy_ethics.concerns"].numeric
    assert facts["scale.dau"].important and not facts["scale.growth"].important
    assert all(f.important for f in facts.values() if f.kind == PROBE)
    assert not any(f.important for f in facts.values() if f.kind == TRADEOFF)


@settings(max_examples=30)
@given(content=contents(max_scenarios=2))
def test_any_scenario_has_every_fact_said_and_uniquely_named(content: Content) -> None:
    for scenario in content.scenarios:
        facts = scenario_facts(content, scenario)
        ids = [f.id for f in facts]
        assert len(ids) == len(set(ids))
        assert len([f for f in facts if f.kind == FIELD]) == sum(
            len(section_type(c).__struct_fields__) for c in CATEGORY_IDS
        )
        assert len([f for f in facts if f.kind == PROBE]) == len(scenario.e6_probes)
        assert all(f.text.strip() and f.category in CATEGORY_IDS for f in facts)
