"""Page layout of every PDF, read back from text positions, on Letter and A4, for every scenario:
no heading ends a page, no template section splits, every continuation page has its running head."""

from __future__ import annotations

import functools

import pytest

from pdftext import Line, page_lines, squash
from reqdrill.content.model import Content
from reqdrill.render.pdf.cheatsheet import render_cheatsheet
from reqdrill.render.pdf.drills import render as render_drill
from reqdrill.render.pdf.scenario import render_scenarios
from reqdrill.render.pdf.template import render_template
from reqdrill.study.drills import KINDS, generate

PAPERS = ["letter", "a4"]
SCENARIO_KINDS = ("mock", "tradeoff", "deep-dive")


def stranded_headings(pages: list[list[Line]]) -> list[tuple[int, str]]:
    """(page, text) of each page whose last text above the footer is a heading with nothing under
    it: no text, no rule to write on, no drawing. The rule just under a heading is its own."""
    out = []
    for i, lines in enumerate(pages, 1):
        last = list(lines)
        while len(last) > 1 and not last[-1].text and last[-2].heading and last[-2].y - last[-1].y <= 8:
            last.pop()  # the heading's own rule
        if last and last[-1].heading:
            out.append((i, last[-1].text))
    return out


def texts(lines: list[Line]) -> list[Line]:
    """The text lines, without drawn rules."""
    return [line for line in lines if line.text]


def missing_running_heads(pages: list[list[Line]], parts: list[str]) -> list[tuple[int, str]]:
    """(page, top line) of each page that neither starts the next part (its title first) nor
    carries the current part's running head "<part> (continued)" first."""
    wrong: list[tuple[int, str]] = []
    pending = list(parts)
    current = None
    for i, lines in enumerate(pages, 1):
        top = texts(lines)[0].text if texts(lines) else ""
        if current is not None and top == squash(f"{current} (continued)"):
            continue
        if pending and top.startswith(squash(pending[0])):
            current = pending.pop(0)
            continue
        wrong.append((i, top))
    return wrong


def split_sections(pages: list[list[Line]], sections: dict[str, list[str]]) -> list[str]:
    """Sections whose heading and field labels are not all on one page, heading first."""
    found: dict[str, list[tuple[int, float]]] = {}
    for i, lines in enumerate(pages):
        for line in lines:
            for head, labels in sections.items():
                if line.text.startswith(squash(head)):
                    found.setdefault(head, []).append((i, -line.y))
                for label in labels:
                    if line.text.startswith(squash(label)):
                        found.setdefault(f"{head}/{label}", []).append((i, -line.y))
    bad = []
    for head, labels in sections.items():
        places = found.get(head, [])
        if len(places) != 1:
            bad.append(f"{head}: heading found {len(places)} times")
            continue
        page, top = places[0]
        for label in labels:
            spots = [p for p in found.get(f"{head}/{label}", []) if p[0] == page and p[1] > top]
            if not spots:
                bad.append(f"{head}: {label} not below its heading on page {page + 1}")
    return bad


def template_sections(content: Content, colon: str = ":") -> dict[str, list[str]]:
    """Each section heading (`3. DATA`) with its field labels (`Sources:`)."""
    t = content.requirements_template
    return {f"{n}. {s.title}": [f.label + colon for f in s.fields] for n, s in enumerate(t.sections, 1)}


@functools.cache
def _drill(content: Content, paper: str, seed: int, kinds: tuple[str, ...], scenario: str | None) -> bytes:
    return render_drill(generate(content, seed, kinds, scenario), paper=paper)


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("fillable", [False, True])
def test_template(content: Content, paper: str, fillable: bool) -> None:
    pages = page_lines(render_template(content, paper, fillable))
    assert len(pages) <= 2
    assert stranded_headings(pages) == []
    assert split_sections(pages, template_sections(content)) == []
    assert missing_running_heads(pages, [content.requirements_template.title]) == []


@pytest.mark.parametrize("paper", PAPERS)
def test_cheat_sheet(content: Content, paper: str) -> None:
    pages = page_lines(render_cheatsheet(content, paper))
    assert len(pages) == 2
    assert stranded_headings(pages) == []
    assert missing_running_heads(pages, ["Clarifying requirements: cheat sheet"]) == []


@pytest.mark.parametrize("paper", PAPERS)
def test_every_scenario_answer_key(content: Content, paper: str) -> None:
    pages = page_lines(render_scenarios(content, paper))
    assert stranded_headings(pages) == []
    assert missing_running_heads(pages, [f"Answer key: {s.name}" for s in content.scenarios]) == []
    tops = [texts(p)[0].text for p in pages]
    starts = [i for i, top in enumerate(tops) if not top.endswith(squash("(continued)"))]
    assert len(starts) == len(content.scenarios)
    for scenario, start, end in zip(content.scenarios, starts, [*starts[1:], len(pages)], strict=True):
        assert split_sections(pages[start:end], template_sections(content)) == [], scenario.id


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("scenario_index", range(13))
def test_drill_sheets_for_every_scenario(content: Content, paper: str, scenario_index: int) -> None:
    if scenario_index >= len(content.scenarios):
        pytest.skip("fewer scenarios")
    scenario = content.scenarios[scenario_index].id
    pages = page_lines(_drill(content, paper, 5, SCENARIO_KINDS, scenario))
    assert stranded_headings(pages) == []
    assert missing_running_heads(pages, ["Drill sheet 5", "Answer key: drill sheet 5"]) == []
    mock = template_sections(content)
    key = next(i for i, p in enumerate(pages) if texts(p)[0].text.startswith(squash("Answer key: drill")))
    assert split_sections(pages[:key], mock) == []


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("kinds", [(), *((k,) for k in KINDS), KINDS])
@pytest.mark.parametrize("seed", [0, 1, 2, 7])
def test_drill_sheets_of_every_kind(content: Content, paper: str, kinds: tuple[str, ...], seed: int) -> None:
    pages = page_lines(_drill(content, paper, seed, kinds, None))
    assert stranded_headings(pages) == []
    assert missing_running_heads(pages, [f"Drill sheet {seed}", f"Answer key: drill sheet {seed}"]) == []


# ---------------------------------------------------------------- the checks themselves can fail


def _lines(*texts: tuple[str, bool]) -> list[Line]:
    return [Line(squash(t), 700.0 - 20 * i, h) for i, (t, h) in enumerate(texts)]


def test_a_heading_at_a_page_foot_is_found() -> None:
    pages = [_lines(("Title", True), ("text", False), ("8. E6 PROBES", True)), _lines(("probe", False))]
    assert stranded_headings(pages) == [(1, "8.E6PROBES")]
    pages[0].append(Line("", pages[0][-1].y - 5))  # the rule under the heading is still the heading
    assert stranded_headings(pages) == [(1, "8.E6PROBES")]
    pages[0].append(Line("", pages[0][-1].y - 25))  # a rule to write on under it: not stranded
    assert stranded_headings(pages) == []


def test_a_continuation_page_without_its_running_head_is_found() -> None:
    pages = [_lines(("Answer key: A", True)), _lines(("8. E6 PROBES", True)), _lines(("Answer key: B", True))]
    assert missing_running_heads(pages, ["Answer key: A", "Answer key: B"]) == [(2, "8.E6PROBES")]
    pages[1] = _lines(("Answer key: A (continued)", False), ("8. E6 PROBES", True))
    assert missing_running_heads(pages, ["Answer key: A", "Answer key: B"]) == []


def test_fields_on_a_page_without_their_heading_are_found() -> None:
    sections = {"4. CONSTRAINTS": ["Deployment:", "Compute:"]}
    pages = [_lines(("4. CONSTRAINTS", True), ("Deployment: Cloud", False)), _lines(("Compute:", False))]
    assert split_sections(pages, sections) == ["4. CONSTRAINTS: Compute: not below its heading on page 1"]


@pytest.mark.parametrize("paper", PAPERS)
def test_rules_and_check_box_columns_line_up_on_the_template(content: Content, paper: str) -> None:
    import io

    import pdfplumber

    from reqdrill.render.pdf.common import MARGIN, page_size

    right = page_size(paper)[0] - MARGIN
    with pdfplumber.open(io.BytesIO(render_template(content, paper))) as pdf:
        for page in pdf.pages:
            rules = [r for r in page.lines if abs(r["top"] - r["bottom"]) < 0.5 and r["x1"] - r["x0"] > 20]
            ends: dict[float, float] = {}  # each height's rightmost rule (System: stands beside Date:)
            for r in rules:
                ends[round(r["top"])] = max(ends.get(round(r["top"]), 0.0), r["x1"])
            assert rules and {round(x, 1) for x in ends.values()} == {round(right, 1)}
            boxes = [r for r in page.rects if abs(r["width"] - 10) < 0.5 and abs(r["height"] - 10) < 0.5]
            columns = sorted({round(b["x0"], 1) for b in boxes})
            assert len(columns) <= 3, columns  # Yes stands under Yes, on every row


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("kinds", [(), *((k,) for k in KINDS)])
def test_drill_sheet_pages_are_ruled_to_their_foot(
    content: Content, paper: str, kinds: tuple[str, ...]
) -> None:
    """No page of a drill sheet leaves room for two more rules below its lowest one: the write-in
    areas grow into the room, and what the last exercise leaves becomes ruled room for notes."""
    import io

    import pdfplumber

    from reqdrill.render.pdf.common import BOTTOM_MARGIN, page_size
    from reqdrill.render.pdf.drills import NOTES
    from reqdrill.render.pdf.form import WRITE_GAP

    foot = page_size(paper)[1] - BOTTOM_MARGIN
    with pdfplumber.open(io.BytesIO(_drill(content, paper, 1, kinds, None))) as pdf:
        sheet = [p for p in pdf.pages if "Answer key: drill" not in (p.extract_text() or "")[:40]]
        assert len(sheet) < len(pdf.pages)
        for page in sheet:
            flat = [r for r in page.lines if abs(r["top"] - r["bottom"]) < 0.5]
            rules = [r["bottom"] for r in flat if r["x1"] - r["x0"] > 20]
            assert foot - max(rules) < 2 * WRITE_GAP, (page.page_number, foot - max(rules))
        if kinds in (("recall",), ("classify",)):  # short exercises leave the rest of their page to notes
            assert NOTES.split(":")[0] in (sheet[-1].extract_text() or "")
