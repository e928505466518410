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
    for level in content.levels:  # the E5/E6 table
        out += [level.name, level.summary, *(e.text for e in level.expectations)]
        out += [e.example for e in level.expectations if e.example]
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


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_no_text_below_8_pt(content: Content, paper: str) -> None:
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(render_cheatsheet(content, paper))) as pdf:
        sizes = {round(c["size"], 2) for page in pdf.pages for c in page.chars if c["text"].strip()}
    assert min(sizes) >= 8.0, sorted(sizes)


def test_the_levels_print_their_examples_as_the_source_does(content: Content) -> None:
    from reqdrill.render.pdf.cheatsheet import expectation_text

    e5, e6 = content.levels[0], content.levels[1]
    quoted = next(e for e in e5.expectations if e.example)
    assert expectation_text(e5, quoted.text, quoted.example) == f'{quoted.text} ("{quoted.example}")'
    quoted = next(e for e in e6.expectations if e.example)
    assert expectation_text(e6, quoted.text, quoted.example) == f'{quoted.text}: "{quoted.example}"'
    pdf = render_cheatsheet(content, "letter")
    assert missing(pdf, [expectation_text(e6, quoted.text, quoted.example)]) == []


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_the_template_columns_are_balanced_with_a_gutter(content: Content, paper: str) -> None:
    import io

    import pdfplumber

    from reqdrill.render.pdf.cheatsheet import GUTTER

    with pdfplumber.open(io.BytesIO(render_cheatsheet(content, paper))) as pdf:
        page = pdf.pages[1]
        bullets = [c for c in page.chars if c["text"] == "\u2022"]
        middle = float(page.width) / 2
        templates = [
            b for b in bullets if b["top"] < min(w["top"] for w in page.search("Tradeoffs to surface"))
        ]
        left = [b for b in templates if b["x0"] < middle]
        right = [b for b in templates if b["x0"] >= middle]
        assert left and right
        # the right column starts a gutter's width after the left column's widest text
        right_x = min(b["x0"] for b in right)
        left_end = max(c["x1"] for c in page.chars if c["x0"] < middle and c["top"] < right[-1]["bottom"])
        assert right_x - left_end >= GUTTER / 2
        # balanced: the columns end within one category's list of each other
        from reqdrill.render.pdf.cheatsheet import _group
        from reqdrill.render.pdf.common import frame_size

        column = (frame_size(paper)[0] - GUTTER) / 2
        groups = [_group(content, i, 1.0) for i in range(len(content.categories))]
        tallest = max(sum(f.wrap(column, 10_000)[1] + f.getSpaceAfter() for f in g) for g in groups)
        assert abs(max(b["top"] for b in left) - max(b["top"] for b in right)) <= tallest


def test_the_column_split_leaves_the_taller_column_as_short_as_can_be(content: Content) -> None:
    from reqdrill.render.pdf.cheatsheet import _balanced, _group

    groups = [_group(content, i, 1.0) for i in range(len(content.categories))]
    heights = [sum(f.wrap(250, 10_000)[1] + f.getSpaceAfter() for f in g) for g in groups]
    split = _balanced(groups, 250)

    def taller(at: int) -> float:
        return max(sum(heights[:at]), sum(heights[at:]))

    assert all(taller(split) <= taller(at) for at in range(len(groups) + 1))
