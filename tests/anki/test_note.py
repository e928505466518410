"""Tests for ankinote.py: escaping for Anki fields, cloze markup, and GUIDs that never depend on text."""

from __future__ import annotations

import html as stdlib_html

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reqdrill.anki.note import (
    cloze_html,
    deck_id,
    extra_html,
    guid,
    html,
    note_digest,
    note_fields,
    parent_decks,
)
from reqdrill.anki.notetypes import BASIC
from reqdrill.content.model import Content
from reqdrill.study.cards import Card, build_cards
from strategies import HOSTILE, contents, edit_texts, reordered


def cloze_card(*segments: tuple[str, bool], cue: str = "") -> Card:
    return Card("k", "k", "cloze", "D", cue, "", "", (("", "ctx"),), (), tuple(segments))


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("map<int, int>", "map&lt;int, int&gt;"),
        ("&amp;", "&amp;amp;"),
        ("{{c1::x}}", "&#123;&#123;c1::x&#125;&#125;"),
        ("{{Front}}", "&#123;&#123;Front&#125;&#125;"),
        ("[sound:x.mp3]", "&#91;sound:x.mp3]"),
        ("line 1\nline 2", "line 1<br>line 2"),
        ("bell\x07 and unit\x1fseparator", "bell and unitseparator"),
        ("مرحبا “quoted”", "مرحبا “quoted”"),
    ],
)
def test_html_escapes_everything_anki_would_interpret(text: str, field: str) -> None:
    assert html(text) == field


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_reads_back_as_written(text: str) -> None:
    assert stdlib_html.unescape(html(text)) == text


def test_each_blank_becomes_its_own_cloze_with_escaped_text() -> None:
    card = cloze_card(("Intro <b>:", False), ("a::b", True), ("\n", False), ("{{c1::x}}", True))
    assert cloze_html(card) == (
        "Intro &lt;b&gt;:{{c1::a&#58;&#58;b}}<br>{{c2::&#123;&#123;c1&#58;&#58;x&#125;&#125;}}"
    )


def test_a_cue_opens_the_cloze_text() -> None:
    card = cloze_card(("Sources:\n• ", False), ("logs", True), cue="Fraud · Data")
    assert cloze_html(card) == '<div class="cue">Fraud · Data</div>Sources:<br>• {{c1::logs}}'


def test_fields_follow_the_note_type_order_and_show_the_figure_only_when_asked() -> None:
    card = Card("k", "k", "basic", "D", "", "Q <1>", "A & B", (("", "Ctx"),), ("t",), figure="framework")
    assert note_fields(card, "<img>") == ("Q &lt;1&gt;", "A &amp; B", "Ctx", "<img>")
    plain = Card("k", "k", "basic", "D", "", "Q", "A", (("", "Ctx"),), ("t",))
    assert note_fields(plain, "<img>")[3] == ""


def test_the_cue_heads_the_front_and_extra_labels_are_bold() -> None:
    extra = (("Ask", "“Is it <b>labeled</b>?”"), ("", "plain line"))
    card = Card("k", "k", "basic", "D", "Fraud & co · Data", "Labeled?", "Partially", extra, ())
    front, back, context, _ = note_fields(card, "")
    assert front == '<div class="cue">Fraud &amp; co · Data</div>Labeled?'
    assert back == "Partially"
    assert context == "<b>Ask:</b> “Is it &lt;b&gt;labeled&lt;/b&gt;?”<br>plain line"
    assert extra_html(()) == ""


def test_digest_changes_with_fields_and_tags_only() -> None:
    base = note_digest(BASIC, ("a", "b"), " t ")
    assert base == note_digest(BASIC, ("a", "b"), " t ")
    assert len({base, note_digest(BASIC, ("a", "c"), " t "), note_digest(BASIC, ("a", "b"), " u ")}) == 3


def test_parent_decks_come_first_and_once() -> None:
    assert parent_decks(["A::B::C", "A::B::D", "A::E"]) == ["A", "A::B", "A::B::C", "A::B::D", "A::E"]


def test_deck_ids_are_fixed_and_distinct() -> None:
    assert deck_id("A::B") == deck_id("A::B") != deck_id("A::C")
    assert 1 < deck_id("A") < 2**53  # JSON-safe


@settings(max_examples=20)
@given(st.data())
def test_guids_are_unique_and_survive_text_edits_and_reordering(data: st.DataObject) -> None:
    content: Content = data.draw(contents())
    cards = build_cards(content)
    guids = {c.key: guid(c.key) for c in cards}
    assert len(set(guids.values())) == len(guids) == len(cards)
    edited = build_cards(edit_texts(content))
    assert not {c.back for c in edited} & {c.back for c in cards}  # every text really changed
    assert {c.key: guid(c.key) for c in edited} == guids
    assert {c.key: guid(c.key) for c in build_cards(data.draw(reordered(content)))} == guids
