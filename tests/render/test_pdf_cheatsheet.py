"""The cheat sheet: two pages, every table row, every question template, the diagram as vectors."""

from __future__ import annotations

import pytest
from hypothesis import given

from pdftext import checkable, missing, page_sizes, pdf_examples, reader
from reqdrill.content.model import Content
from reqdrill.render.pdf.cheatsheet import render_cheatsheet
from strategies import contents


def _expected(content: Content) -> list[str]:
    out = [content.key_instruction, content.diagram.title]
    for c in content.categories:
        out += [c.name, c.example_questions, c.why_it_matters, *(q.text for q in c.templates)]
    for t in content.tradeoffs:
        out += [t.name, t.option_a, t.option_b, t.favor_a, t.favor_b, t.e5_signal, t.e6_signal]
    return out


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_two_pages_with_everything(content: Content, paper: str) -> None:
    pdf = render_cheatsheet(content, paper)
    assert len(page_sizes(pdf)) == 2
    assert missing(pdf, _expected(content)) == []


def test_diagram_is_vector_with_its_labels(content: Content) -> None:
    pdf = render_cheatsheet(content, "letter")
    page = reader(pdf).pages[0]
    xobjects = page["/Resources"].get("/XObject", {})
    assert all(xobjects[name].get_object()["/Subtype"] != "/Image" for name in xobjects)
    labels = [line for c in content.categories for line in c.short_name.replace("/", "/ ").split()]
    assert missing(pdf, [*labels, "WRITE", "REQUIREMENTS", "DOWN"]) == []


def test_too_much_content_flows_on_instead_of_being_cut(content: Content) -> None:
    import msgspec

    long = " ".join(f"w{i}" for i in range(3000))
    first = msgspec.structs.replace(content.categories[0], why_it_matters=long)
    bigger = msgspec.structs.replace(content, categories=(first, *content.categories[1:]))
    pdf = render_cheatsheet(bigger, "letter")
    assert len(page_sizes(pdf)) > 2
    assert missing(pdf, ["w0", "w1500", "w2999", content.categories[-1].why_it_matters]) == []


@pdf_examples(6)
@given(contents(max_scenarios=1))
def test_any_content_renders(content: Content) -> None:
    pdf = render_cheatsheet(content, "a4")
    assert missing(pdf, [s for s in _expected(content) if checkable(s)], tolerant=True) == []
