"""Printable flashcards: one per Anki card, backs behind fronts, readable labels, nothing clipped."""

from __future__ import annotations

import pytest
from hypothesis import given
from reportlab.pdfbase.pdfmetrics import stringWidth

from pdftext import PAPER_POINTS, checkable, missing, page_sizes, pdf_examples, reader, runs, squash
from reqdrill.content.model import Content
from reqdrill.render.pdf.common import REGULAR
from reqdrill.render.pdf.flashcards import (
    CUE_SIZE,
    LABEL_SIZE,
    MIN_SIZE,
    PAD,
    grid,
    render_flashcards,
    sides,
)
from reqdrill.study.cards import Card, build_cards
from strategies import contents


def _card(front: str, back: str, key: str = "k", extra: tuple[tuple[str, str], ...] = ()) -> Card:
    return Card(key, "test", "basic", "Deck", "", front, back, extra, ())


def _labels(pdf: bytes, page: int) -> dict[str, tuple[float, float]]:
    """Card number → center (x, y) of its label on a page."""
    out = {}
    for run in runs(pdf, page):
        text = run.text.strip()
        if text.startswith("#"):
            width = stringWidth(text, REGULAR, LABEL_SIZE)
            out[text.split(" ")[0]] = (run.x + width / 2, run.y)
    return out


def _fonts(pdf: bytes, page: int) -> list[tuple[str, str, float]]:
    """Every text-show of a page with its font's base name and size."""
    out: list[tuple[str, str, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip() and isinstance(font, dict):
            out.append((text.strip(), str(font.get("/BaseFont", "")), size * tm[0] * cm[0]))

    reader(pdf).pages[page].extract_text(visitor_text=visit)
    return out


@pytest.fixture(scope="module")
def deck(content: Content) -> list[Card]:
    return build_cards(content)


@pytest.fixture(scope="module")
def basics(deck: list[Card]) -> list[Card]:
    """Cards that print one card each."""
    return [c for c in deck if c.note_type == "basic"]


def test_every_card_of_the_deck_is_printed_once(deck: list[Card]) -> None:
    pdf = render_flashcards(deck, "letter")
    faces = [face for card in deck for face in card.faces()]
    expected = [t for face in faces for t in (*face.question.splitlines(), face.cue, face.answer) if t]
    expected += [text for card in deck for _, text in card.extra]
    assert missing(pdf, expected) == []
    assert len(sides(deck, grid("letter", 8))) == len(faces) == sum(c.card_count for c in deck)
    assert "[…]" in deck[0].faces()[0].question  # a cloze card prints its own blank


def test_category_names_and_template_questions_are_on_the_cards(content: Content, deck: list[Card]) -> None:
    pdf = render_flashcards(deck, "a4", per_page=12)
    expected = [c.name for c in content.categories] + [
        q.text for c in content.categories for q in c.templates
    ]
    assert missing(pdf, expected) == []


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_page_size_and_page_count(deck: list[Card], paper: str) -> None:
    pdf = render_flashcards(deck, paper, per_page=8)
    sizes = page_sizes(pdf)
    assert set(sizes) == {PAPER_POINTS[paper]}
    assert len(sizes) == 2 * -(-sum(c.card_count for c in deck) // 8)


def test_labels_and_cues_are_readable_and_extra_labels_bold(deck: list[Card]) -> None:
    scenario = next(c for c in deck if c.kind == "scenario-field")
    pdf = render_flashcards([scenario], "letter")
    # The page footer (common.py, shared by every PDF) is not the cards' and is left out.
    footer = ("page ", "reqdrill · ")
    front, back = (
        [(t, "Bold" in f, s) for t, f, s in _fonts(pdf, i) if not t.startswith(footer) and not t.isdigit()]
        for i in (0, 1)
    )
    assert ("#1 · Scenarios", False, LABEL_SIZE) in front and ("#1 · answer", False, LABEL_SIZE) in back
    assert (scenario.cue, True, CUE_SIZE) in front
    shown = {t: (bold, size) for t, bold, size in back}
    assert shown["Ask:"][0] and shown["Why it matters:"][0] and shown["Source:"][0]
    assert shown[scenario.back][0]  # the answer itself is bold
    assert min(size for _, _, size in front + back if size) >= 8 == LABEL_SIZE == MIN_SIZE


def test_scenario_cards_print_in_the_requirements_template_order(content: Content, deck: list[Card]) -> None:
    scenario = content.scenarios[0]
    labels = {(s.category, f.key): f.label for s in content.requirements_template.sections for f in s.fields}
    printed = [
        face.question.removesuffix("?")
        for card in deck
        if card.kind == "scenario-field" and f"reqdrill::scenario::{scenario.id}" in card.tags
        for face in card.faces()
    ]
    in_template = [label for label in labels.values() if label in printed]
    assert [p for p in printed if p in in_template] == in_template


def test_long_edge_backs_are_mirrored_left_to_right(basics: list[Card]) -> None:
    pdf = render_flashcards(basics[:8], "letter", duplex="long-edge")
    width = PAPER_POINTS["letter"][0]
    fronts, backs = _labels(pdf, 0), _labels(pdf, 1)
    assert sorted(fronts) == sorted(backs) == sorted(f"#{i}" for i in range(1, 9))
    for number, (x, y) in fronts.items():
        bx, by = backs[number]
        assert bx == pytest.approx(width - x, abs=0.5)
        assert by == pytest.approx(y, abs=0.5)
    assert reader(pdf).trailer["/Root"]["/ViewerPreferences"]["/Duplex"] == "/DuplexFlipLongEdge"


def test_short_edge_backs_are_mirrored_top_to_bottom(basics: list[Card]) -> None:
    pdf = render_flashcards(basics[:8], "a4", duplex="short-edge")
    fronts, backs = _labels(pdf, 0), _labels(pdf, 1)
    rows_front = sorted({round(y) for _, y in fronts.values()}, reverse=True)
    for number, (x, y) in fronts.items():
        bx, by = backs[number]
        assert bx == pytest.approx(x, abs=0.5)
        row = rows_front.index(round(y))
        assert round(by) == rows_front[len(rows_front) - 1 - row]


@pytest.mark.parametrize("per_page", [1, 2, 4, 6, 8, 9, 12])
def test_per_page(basics: list[Card], per_page: int) -> None:
    pdf = render_flashcards(basics[:per_page], "letter", per_page=per_page)
    assert len(page_sizes(pdf)) == 2
    assert len(_labels(pdf, 0)) == len(_labels(pdf, 1)) == per_page


def test_long_text_shrinks_but_stays_legible() -> None:
    g = grid("letter", 8)
    (short,), (medium,) = sides([_card("short", "a")], g), sides([_card("word " * 60, "b")], g)
    size = lambda side: side.body[0][0].style.fontSize  # noqa: E731
    assert size(short[0]) > size(medium[0]) >= MIN_SIZE
    assert sum(h for _, h in medium[0].body) <= g.h - 2 * PAD


def test_text_too_long_for_one_card_continues_on_more_cards() -> None:
    back = " ".join(f"w{i}" for i in range(6000))
    pdf = render_flashcards([_card("front ≤", back)], "letter")
    text = squash("".join(reader(pdf).pages[i].extract_text() for i in range(len(reader(pdf).pages))))
    assert all(f"w{i}" in text for i in (0, 2999, 5999))
    assert "part1of" in text
    g = grid("letter", 8)
    for _, side in sides([_card("front", back)], g):
        if side.body:
            assert sum(h for _, h in side.body) <= g.h - 2 * PAD
            assert all(p.style.fontSize == MIN_SIZE for p, _ in side.body)


def test_ink_stays_inside_its_card(deck: list[Card]) -> None:
    """Rendered to pixels (pypdfium2), no text touches a cut line: nothing overflows its card."""
    import pypdfium2

    cards = [c for c in deck if c.kind in ("scenario-tradeoff", "probe-ask", "categories-in-order")][:16]
    scale = 2.0
    for paper in ("letter", "a4"):
        pdf = pypdfium2.PdfDocument(render_flashcards(cards, paper))
        g = grid(paper, 8)
        height = PAPER_POINTS[paper][1]
        xs = [g.x0 + c * g.w for c in range(g.cols + 1)]
        ys = [height - (g.y0 + r * g.h) for r in range(g.rows + 1)]
        for index in range(len(pdf)):
            image = pdf[index].render(scale=scale, grayscale=True).to_pil()
            pixels, (w, h) = image.load(), image.size
            dark = [(x, y) for y in range(0, h, 2) for x in range(0, w, 2) if pixels[x, y] < 110]
            assert dark, (paper, index)
            for x, y in dark:
                px, py = x / scale, y / scale
                if py > height - g.y0 + 4:  # the footer, below the grid
                    continue
                assert min(abs(px - cx) for cx in xs) > 3, (paper, index, px, py)
                assert min(abs(py - cy) for cy in ys) > 3, (paper, index, px, py)


def test_same_cards_same_bytes(deck: list[Card]) -> None:
    assert render_flashcards(deck[:20]) == render_flashcards(deck[:20])


@pdf_examples(5)
@given(contents(max_scenarios=1))
def test_any_content_prints_all_cards(content: Content) -> None:
    cards = build_cards(content)
    pdf = render_flashcards(cards, "a4", per_page=10)
    texts = [t for card in cards for face in card.faces() for t in (face.question, face.answer)]
    assert missing(pdf, [t for t in texts if checkable(t)], tolerant=True) == []


def test_hostile_text_prints_literally_on_cards() -> None:
    from strategies import HOSTILE

    cards = [_card(text, text, key=str(i), extra=(("Why", text),)) for i, text in enumerate(HOSTILE)]
    pdf = render_flashcards(cards, "letter")
    assert missing(pdf, HOSTILE) == []
