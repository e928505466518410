"""Scenario answer keys: every value printed, bookmarks with --all, unknown ids."""

from __future__ import annotations

import msgspec
import pytest
from hypothesis import given

from pdftext import PAPER_POINTS, checkable, missing, page_sizes, page_texts, pdf_examples, reader, squash
from reqdrill.content.model import CATEGORY_IDS, Chosen, Content, Scenario, section_of
from reqdrill.errors import SelectionError
from reqdrill.render.pdf.scenario import render_scenario, render_scenarios
from strategies import contents


def values(scenario: Scenario) -> list[str]:
    """Every text of a scenario that its answer key must show."""
    out = [scenario.name, scenario.prompt]
    for cid in CATEGORY_IDS:
        section = section_of(scenario, cid)
        for key in section.__struct_fields__:
            value = getattr(section, key)
            if isinstance(value, Chosen):
                out.append(value.detail)
            elif isinstance(value, tuple):
                out += list(value)
            else:
                out.append(value)
    out += [t for p in scenario.e6_probes for t in (p.question, p.answer)]
    out += [s.why for s in scenario.tradeoffs]
    return out


def test_one_answer_key_shows_every_value(content: Content) -> None:
    scenario = content.scenarios[0]
    pdf = render_scenario(content, scenario.id, "letter")
    assert missing(pdf, values(scenario)) == []
    assert reader(pdf).metadata.title == f"Answer key: {scenario.name}"


def test_all_answer_keys_show_every_value_with_a_bookmark_each(content: Content) -> None:
    pdf = render_scenarios(content, "a4")
    expected = [v for s in content.scenarios for v in values(s)]
    assert missing(pdf, expected) == []
    assert set(page_sizes(pdf)) == {PAPER_POINTS["a4"]}
    doc = reader(pdf)
    assert [entry.title for entry in doc.outline] == [s.name for s in content.scenarios]
    texts = [squash(t) for t in page_texts(pdf)]
    for entry, scenario in zip(doc.outline, content.scenarios, strict=True):
        assert squash(f"Answer key: {scenario.name}") in texts[doc.get_destination_page_number(entry)]


def test_ticked_choice_label_is_printed(content: Content) -> None:
    scenario = content.scenario("video-streaming")
    pdf = render_scenario(content, scenario.id, "letter")
    assert missing(pdf, ["On-device", "Hybrid", "No (batch OK)"]) == []


def test_unknown_scenario_is_a_selection_error(content: Content) -> None:
    with pytest.raises(SelectionError, match=r"^unknown scenario 'nope'; known: event-ticket-selling, "):
        render_scenario(content, "nope")


@pdf_examples(6)
@given(contents(max_scenarios=2))
def test_any_content_answer_keys_show_their_values(content: Content) -> None:
    pdf = render_scenarios(content, "letter")
    expected = [v for s in content.scenarios for v in values(s)]
    assert missing(pdf, [v for v in expected if checkable(v)], tolerant=True) == []
    assert msgspec.structs.asdict(content.scenarios[0])  # the model stays untouched
