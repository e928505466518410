"""Every card asks for one item: measured on the deck as Anki's own backend renders it (cardstats.py).

The issue's bars: median answer ≤ 20 words and 90th percentile ≤ 40 (the Context field not
counted), no answer with 3 or more labeled facts, no card asking for 3 or more questions at once,
no two cards with the same front. They hold for the bundled deck and for any valid content.
"""

from __future__ import annotations

import tempfile
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from anki.collection import Collection
from hypothesis import given, settings

from cardstats import (
    Figures,
    Rendered,
    answer_of,
    import_into,
    labeled_facts,
    measure,
    percentile,
    questions,
    render_collection,
)
from contentio import dump_content
from reqdrill.anki.deck import build_anki
from reqdrill.content.model import Content
from reqdrill.study.cards import BLANK, Card, build_cards
from strategies import contents


def meets_the_bars(figures: Figures) -> None:
    assert figures.median_words <= 20, figures
    assert figures.p90_words <= 40, figures
    assert figures.multi_fact == 0, figures
    assert figures.question_sets == 0, figures
    assert figures.sets == 0, figures
    assert figures.duplicate_fronts == 0, figures


def faces(cards: list[Card]) -> list[Rendered]:
    """The cards as the generator means them to be seen, as Anki spells a hidden blank and
    normalizes text (NFC)."""
    return [
        Rendered(nfc(face.front.replace(BLANK, "[...]")), nfc(face.answer))
        for card in cards
        for face in card.faces()
    ]


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def rendered_by_anki(content: Content, work: Path) -> list[Rendered]:
    root = dump_content(content, work / "content")
    build_anki(content, root, work / "deck.apkg")
    (work / "anki").mkdir()
    col = Collection(str(work / "anki" / "collection.anki2"))
    try:
        log = import_into(col, work / "deck.apkg")
        assert len(log.conflicting) == 0  # type: ignore[attr-defined]
        return render_collection(col)
    finally:
        col.close()


@pytest.fixture(scope="module")
def bundled(content: Content, tmp_path_factory: pytest.TempPathFactory) -> list[Rendered]:
    return rendered_by_anki(content, tmp_path_factory.mktemp("bundled"))


# ---------------------------------------------------------------- the measures themselves


def test_the_measures_count_what_the_issue_counts() -> None:
    assert labeled_facts("Sources: logs\nSize: 20M/day\nLabeled: Partially") == 3
    assert labeled_facts("Ask: What is the peak?\nAnswer: 5x on Black Friday") == 2
    assert labeled_facts("Partially - chargebacks arrive 30-90 days later") == 0
    assert questions("Cloud or on-device? GPU available? Auto-improve or static model?") == 3
    assert questions("What metric defines success? Revenue? Engagement? Safety?") == 4
    assert questions("Is the data labeled? If so, how were labels obtained?") == 2
    assert questions("a?b?c") == 0
    assert percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90) == 9
    assert percentile([5], 90) == 5


def test_the_answer_is_the_back_or_the_blank_without_front_or_context() -> None:
    basic = (
        '<style>.card{}</style><div class="reqdrill"><div class="front">Q?</div><hr id="answer">'
        '<div class="back">Yes<br>really</div><div class="context"><b>Why:</b> because</div></div>'
    )
    assert answer_of(basic) == "Yes\nreally"
    cloze = (
        '<div class="reqdrill"><div class="cloze-text">List:<br>• <span class="cloze" data-ordinal="2">'
        'Data</span><br>• Scale</div><hr id="answer"><div class="context">Framework</div></div>'
    )
    assert answer_of(cloze) == "Data"


def test_figures_report_duplicates_and_multi_fact_answers() -> None:
    cards = [
        Rendered("front", "Sources: a\nSize: b\nLabeled: c"),
        Rendered("front", "What? Why? How?"),
        Rendered("other", "one two three"),
    ]
    figures = measure(cards)
    counts = (
        figures.cards,
        figures.multi_fact,
        figures.question_sets,
        figures.sets,
        figures.duplicate_fronts,
    )
    assert counts == (3, 1, 1, 2, 2)
    assert figures.median_words == 3


# ---------------------------------------------------------------- the bundled deck


def test_the_bundled_deck_meets_the_bars_as_anki_renders_it(
    content: Content, bundled: list[Rendered]
) -> None:
    figures = measure(bundled)
    assert figures.cards == sum(c.card_count for c in build_cards(content))
    meets_the_bars(figures)


def test_what_anki_renders_is_what_the_generator_made(content: Content, bundled: list[Rendered]) -> None:
    assert Counter(bundled) == Counter(faces(build_cards(content)))


def test_no_bundled_answer_holds_more_than_one_labeled_fact_or_two_questions(bundled: list[Rendered]) -> None:
    assert max(labeled_facts(r.answer) for r in bundled) <= 1
    assert max(questions(r.answer) for r in bundled) <= 2


# ---------------------------------------------------------------- any content


@settings(max_examples=40)
@given(contents())
def test_cards_of_any_content_meet_the_bars(content: Content) -> None:
    meets_the_bars(measure(faces(build_cards(content))))


@settings(max_examples=3)
@given(contents(max_scenarios=1))
def test_cards_of_any_content_meet_the_bars_in_real_anki(content: Content) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        rendered = rendered_by_anki(content, Path(tmp))
    meets_the_bars(measure(rendered))
    assert Counter(rendered) == Counter(faces(build_cards(content)))
