"""PDF drill sheets: the answer key on pages of its own, every text present, hostile content, paper sizes."""

from __future__ import annotations

import pytest
from hypothesis import Phase, assume, given, settings

from pdftext import missing, page_sizes, page_texts, reader, squash
from reqdrill.content.model import Content
from reqdrill.render.pdf.drills import render
from reqdrill.render.pdf.fonts import unsupported
from reqdrill.study.drills import generate
from reqdrill.study.drillsheet import DrillSheet
from strategies import contents, drill_kinds, drill_seeds, scenarios_needed

ALL_KINDS = ("recall", "questions", "classify", "mock", "tradeoff", "deep-dive")


def sheet_strings(sheet: DrillSheet) -> list[str]:
    """Text the sheet pages must show."""
    out: list[str] = []
    for e in sheet.exercises:
        out += [e.title, e.instructions, *(i.prompt for i in e.items)]
        out += [c for i in e.items for b in i.blanks for c in b.choices]
        if e.scenario is not None:
            out.append(e.scenario.prompt)
    return [s for s in out if s and not unsupported(s)]


def key_strings(sheet: DrillSheet) -> list[str]:
    """Text the answer-key pages must show."""
    out = [t for e in sheet.exercises for a in e.answers for t in (a.text, *(n.text for n in a.notes))]
    return [s for s in out if s and not unsupported(s)]


def key_start(data: bytes, seed: int) -> int:
    """Index of the page on which the answer key starts."""
    return next(i for i, text in enumerate(page_texts(data)) if f"Answer key: drill sheet {seed}" in text)


def test_answer_key_starts_on_a_new_page_after_every_exercise(content: Content) -> None:
    sheet = generate(content, 21, ALL_KINDS)
    data = render(sheet)
    texts = [squash(t) for t in page_texts(data)]
    start = key_start(data, 21)
    assert texts[start].startswith(squash("Answer key: drill sheet 21"))
    sheet_text, key_text = "".join(texts[:start]), "".join(texts[start:])
    assert [s for s in sheet_strings(sheet) if squash(s) not in sheet_text] == []
    assert [s for s in key_strings(sheet) if squash(s) not in key_text] == []
    # the sheet pages give nothing away: no interviewer answer or E6 signal appears before the key
    notes = [
        n.text
        for e in sheet.exercises
        for a in e.answers
        for n in a.notes
        if n.label in ("Interviewer", "Why")
    ]
    assert notes and not [n for n in notes if squash(n) in sheet_text]


def test_without_answers_there_is_no_key(content: Content) -> None:
    data = render(generate(content, 21, ALL_KINDS), answers=False)
    assert "Answer key" not in "".join(page_texts(data))


@pytest.mark.parametrize("paper,size", [("letter", (612.0, 792.0)), ("a4", (595.2756, 841.8898))])
def test_paper_size(content: Content, paper: str, size: tuple[float, float]) -> None:
    sizes = page_sizes(render(generate(content, 3), paper=paper))
    assert all(
        w == pytest.approx(size[0], abs=0.1) and h == pytest.approx(size[1], abs=0.1) for w, h in sizes
    )


def test_same_seed_same_bytes_with_footer_and_metadata(content: Content) -> None:
    a, b = render(generate(content, 8)), render(generate(content, 8))
    assert a == b
    pages = page_texts(a)
    assert all(squash(f"page {i} of {len(pages)}") in squash(text) for i, text in enumerate(pages, 1))
    meta = reader(a).metadata
    assert (meta.title, meta.subject) == ("Drill sheet 8", "reqdrill drill sheet")


@settings(max_examples=6, phases=[Phase.explicit, Phase.generate])  # shrinking PDFs takes minutes
@given(contents(max_scenarios=3), drill_kinds(), drill_seeds)
def test_hostile_content_lays_out_and_keeps_every_text(
    content: Content, kinds: tuple[str, ...], seed: int
) -> None:
    assume(scenarios_needed(kinds) <= len(content.scenarios))
    sheet = generate(content, seed, kinds)
    data = render(sheet)
    # tolerant: pypdf may reorder punctuation (and our bullets) after right-to-left text
    assert missing(data, sheet_strings(sheet) + key_strings(sheet), tolerant=True) == []


def test_trusted_markup_keeps_paragraphs_in_one_fragment(content: Content) -> None:
    """Entities such as &nbsp; split a paragraph into fragments, which lay out several times slower."""
    from reportlab.platypus import KeepTogether, Paragraph

    from reqdrill.render.pdf.drillflow import Row
    from reqdrill.render.pdf.drills import sheet_story

    def paragraphs(flowables: list[object]) -> list[Paragraph]:
        out: list[Paragraph] = []
        for f in flowables:
            if isinstance(f, KeepTogether):
                out += paragraphs(f._content)
            elif isinstance(f, Row):
                out += paragraphs([f.label, f.right])
            elif isinstance(f, Paragraph):
                out.append(f)
        return out

    found = paragraphs(sheet_story(generate(content, 7, ALL_KINDS), "letter", answers=False))
    titles = [p for p in found if p.text.startswith(("Seed 7", "Timer: ", "2.1", "\u2610"))]
    assert len(titles) >= 8 and all(len(p.frags) == 1 for p in titles), [p.text for p in titles]
