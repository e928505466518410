"""Printable flashcards: every card printed, backs behind fronts, long text shrunk or continued."""

from __future__ import annotations

import pytest
from hypothesis import given
from reportlab.pdfbase.pdfmetrics import stringWidth

from pdftext import PAPER_POINTS, checkable, missing, page_sizes, pdf_examples, reader, runs, squash
from reqdrill.content.model import Content
from reqdrill.render.pdf.common import REGULAR
from reqdrill.render.pdf.flashcards import LABEL_SIZE, MIN_SIZE, PAD, _fit, grid, render_flashcards
from reqdrill.study.cards import Card, build_cards
from strategies import contents


def _card(front: str, back: str, key: str = "k") -> Card:
    return Card(key, "test", "basic", "Deck", front, back, "ctx", ())


def _labels(pdf: bytes, page: int) -> dict[str, tuple[float, float]]:
    """Card number → center (x, y) of its label on a page."""
    out = {}
    for run in runs(pdf, page):
        text = run.text.strip()
        if text.startswith("#"):
            width = stringWidth(text, REGULAR, LABEL_SIZE)
            out[text.split(" ")[0]] = (run.x + width / 2, run.y)
    return out


@pytest.fixture(scope="module")
def deck(content: Content) -> list[Card]:
    return build_cards(content)


def test_every_front_and_back_is_printed(deck: list[Card]) -> None:
    pdf = render_flashcards(deck, "letter")
    assert missing(pdf, [text for card in deck for text in (card.front, card.back)]) == []
    assert "[…]" in deck[0].front  # cloze fronts print their blanks


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
    assert len(sizes) == 2 * -(-len(deck) // 8)


def test_long_edge_backs_are_mirrored_left_to_right(deck: list[Card]) -> None:
    pdf = render_flashcards(deck[:8], "letter", duplex="long-edge")
    width = PAPER_POINTS["letter"][0]
    fronts, backs = _labels(pdf, 0), _labels(pdf, 1)
    assert sorted(fronts) == sorted(backs) == sorted(f"#{i}" for i in range(1, 9))
    for number, (x, y) in fronts.items():
        bx, by = backs[number]
        assert bx == pytest.approx(width - x, abs=0.5)
        assert by == pytest.approx(y, abs=0.5)
    assert reader(pdf).trailer["/Root"]["/ViewerPreferences"]["/Duplex"] == "/DuplexFlipLongEdge"


def test_short_edge_backs_are_mirrored_top_to_bottom(deck: list[Card]) -> None:
    pdf = render_flashcards(deck[:8], "a4", duplex="short-edge")
    fronts, backs = _labels(pdf, 0), _labels(pdf, 1)
    rows_front = sorted({round(y) for _, y in fronts.values()}, reverse=True)
    for number, (x, y) in fronts.items():
        bx, by = backs[number]
        assert bx == pytest.approx(x, abs=0.5)
        row = rows_front.index(round(y))
        assert round(by) == rows_front[len(rows_front) - 1 - row]


@pytest.mark.parametrize("per_page", [1, 2, 4, 6, 8, 9, 12])
def test_per_page(deck: list[Card], per_page: int) -> None:
    pdf = render_flashcards(deck[:per_page], "letter", per_page=per_page)
    assert len(page_sizes(pdf)) == 2
    assert len(_labels(pdf, 0)) == len(_labels(pdf, 1)) == per_page


def test_long_text_shrinks_but_stays_legible() -> None:
    g = grid("letter", 8)
    width, height = g.w - 2 * PAD, g.h - 2 * PAD - 11
    short, medium = _fit("short", width, height), _fit("word " * 120, width, height)
    assert len(short) == len(medium) == 1
    assert short[0][0].style.fontSize > medium[0][0].style.fontSize >= MIN_SIZE
    assert medium[0][1] <= height


def test_text_too_long_for_one_card_continues_on_more_cards() -> None:
    back = " ".join(f"w{i}" for i in range(6000))
    pdf = render_flashcards([_card("front ≤", back)], "letter")
    text = squash("".join(reader(pdf).pages[i].extract_text() for i in range(len(reader(pdf).pages))))
    assert all(f"w{i}" in text for i in (0, 2999, 5999))
    assert "part1of" in text
    g = grid("letter", 8)
    for paragraph, h in _fit(back, g.w - 2 * PAD, g.h - 2 * PAD - 11):
        assert h <= g.h - 2 * PAD - 11
        assert paragraph.style.fontSize == MIN_SIZE


def test_same_cards_same_bytes(deck: list[Card]) -> None:
    assert render_flashcards(deck[:20]) == render_flashcards(deck[:20])


@pdf_examples(5)
@given(contents(max_scenarios=1))
def test_any_content_prints_all_cards(content: Content) -> None:
    cards = build_cards(content)
    pdf = render_flashcards(cards, "a4", per_page=10)
    texts = [t for card in cards for t in (card.front, card.back)]
    assert missing(pdf, [t for t in texts if checkable(t)], tolerant=True) == []


def test_hostile_text_prints_literally_on_cards() -> None:
    from strategies import HOSTILE

    cards = [_card(text, text, key=str(i)) for i, text in enumerate(HOSTILE)]
    pdf = render_flashcards(cards, "letter")
    assert missing(pdf, HOSTILE) == []
