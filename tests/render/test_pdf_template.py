"""The blank requirements template, plain and fillable."""

from __future__ import annotations

import pytest
from hypothesis import given

from pdftext import PAPER_POINTS, checkable, missing, page_sizes, pdf_examples, reader
from reqdrill.content.model import Content
from reqdrill.render.pdf.template import render_template
from strategies import contents


def _expected(content: Content) -> list[str]:
    t = content.requirements_template
    out = [t.title, *(f.label for f in t.header)]
    for section in t.sections:
        out += [
            section.title,
            *(f.label for f in section.fields),
            *(c.label for f in section.fields for c in f.choices),
        ]
    out += [c.name for c in content.categories]
    out += [q.text for c in content.categories for q in c.templates]
    return out


@pytest.mark.parametrize("paper", ["letter", "a4"])
@pytest.mark.parametrize("fillable", [False, True])
def test_every_section_field_and_question_is_printed(content: Content, paper: str, fillable: bool) -> None:
    pdf = render_template(content, paper, fillable)
    assert missing(pdf, _expected(content)) == []
    assert len(page_sizes(pdf)) <= 2
    assert set(page_sizes(pdf)) == {PAPER_POINTS[paper]}


def test_fillable_has_named_fields_for_every_section(content: Content) -> None:
    fields = reader(render_template(content, "letter", fillable=True)).get_fields() or {}
    t = content.requirements_template
    for section in t.sections:
        for field in section.fields:
            if field.choices:
                for choice in field.choices:
                    name = f"{section.category}:{field.key}:{choice.id}"
                    assert fields[name]["/FT"] == "/Btn", name
            else:
                assert fields[f"{section.category}:{field.key}"]["/FT"] == "/Tx"
    assert fields["header:system"]["/FT"] == "/Tx"
    assert fields["header:interviewer_alignment:confirmed"]["/FT"] == "/Btn"


def test_plain_template_has_no_form_fields(content: Content) -> None:
    assert not reader(render_template(content, "a4")).get_fields()


def test_fillable_fields_can_be_filled(content: Content) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=reader(render_template(content, "letter", fillable=True)))
    writer.update_page_form_field_values(
        writer.pages[0], {"header:system": "Feed ≤ ranking"}, auto_regenerate=False
    )
    assert writer.get_fields()["header:system"]["/V"] == "Feed ≤ ranking"  # type: ignore[index]


def test_same_content_same_bytes(content: Content) -> None:
    assert render_template(content, "letter", True) == render_template(content, "letter", True)


@pdf_examples(8)
@given(contents(max_scenarios=1))
def test_any_content_renders_its_labels(content: Content) -> None:
    pdf = render_template(content, "a4", fillable=True)
    assert missing(pdf, [s for s in _expected(content) if checkable(s)], tolerant=True) == []
